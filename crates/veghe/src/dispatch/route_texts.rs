//! The words of the crews list and the route replay, Romanian first and English second.

use super::model::Status;
use super::period::{MAX_DAYS, PeriodError, Problem};
use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the crews' pages.";
    code: "ro", "en";
    units_title: "Echipaje", "Crews";
    units_intro: "Starea fiecărui echipaj, vechimea ultimei poziții și traseul parcurs.", "Each crew's status, the age of its last position and the route it took.";
    call_sign: "Indicativ", "Call sign";
    kind: "Tip", "Type";
    department: "Compartiment", "Department";
    status: "Stare", "Status";
    last_position: "Ultima poziție", "Last position";
    stale: "veche", "stale";
    route: "Traseu", "Route";
    route_of: "Traseul echipajului", "Route of crew";
    all_crews: "Toate echipajele", "All crews";
    period: "Perioada", "Period";
    from: "De la", "From";
    to: "Până la", "To";
    period_hint: "Ora Timișoarei. Implicit tura în curs; cel mult 7 zile.", "Timișoara time. By default the current shift; at most 7 days.";
    show: "Arată traseul", "Show the route";
    distance: "Distanța parcursă", "Distance travelled";
    fixes: "Poziții primite", "Fixes received";
    truncated: "Perioada are mai multe poziții decât se pot arăta; sunt afișate primele 50.000. Alegeți o perioadă mai scurtă.", "The period has more fixes than can be shown; the first 50,000 are. Choose a shorter period.";
    no_fixes: "Nicio poziție primită în perioada aleasă.", "No position received in the chosen period.";
    map_label: "Harta traseului; cursorul de timp de sub hartă mută marcajul", "Map of the route; the time slider below the map moves the marker";
    replay: "Redarea traseului", "Route replay";
    legend_title: "Traseul", "The route";
    legend_route: "traseul din perioadă", "the route in the period";
    legend_travelled: "parcurs până la momentul ales", "travelled up to the chosen moment";
    legend_start: "prima poziție", "the first position";
    legend_crew: "echipajul la momentul ales", "the crew at the chosen moment";
    moment: "Momentul", "Moment";
    play: "Redă", "Play";
    pause: "Pauză", "Pause";
    prev_fix: "Poziția anterioară", "Previous fix";
    next_fix: "Poziția următoare", "Next fix";
    replay_speed: "Viteza redării", "Replay speed";
    time: "Ora", "Time";
    fix_time: "Ora poziției", "Time of the fix";
    speed: "Viteza", "Speed";
    age: "Vechimea poziției", "Age of the fix";
    loading: "Se încarcă traseul…", "Loading the route…";
    load_failed: "Traseul nu s-a putut încărca.", "The route could not be loaded.";
    worked: "Incidente lucrate în perioadă", "Incidents worked in the period";
    worked_none: "Niciun incident lucrat în perioada aleasă.", "No incident worked in the chosen period.";
    incident: "Incident", "Incident";
    address: "Adresă", "Address";
    assigned: "Alocat la", "Assigned at";
    until: "Până la", "Until";
    in_progress: "în lucru", "in progress";
    error_intro: "Perioada nu a putut fi citită", "The period could not be read";
    unreadable: "nu este o dată și oră (de ex. 2026-11-29T07:00, 29.11.2026 07:00 sau 2026-11-29)", "is not a date and time (e.g. 2026-11-29T07:00, 29.11.2026 07:00 or 2026-11-29)";
    reversed: "perioada se termină înainte să înceapă", "the period ends before it starts";
    too_long: "perioada poate avea cel mult 7 zile", "the period can be at most 7 days";
}

const _: () = assert!(MAX_DAYS == 7, "the texts say 7 days");

impl T {
    fn ro(&self) -> bool {
        self.code == "ro"
    }

    fn lang(&self) -> Lang {
        if self.ro() { Lang::Ro } else { Lang::En }
    }

    /// A crew's status.
    pub fn unit_status(&self, code: &str) -> String {
        super::board_texts::unit_status(code, self.lang()).to_string()
    }

    /// An incident's state.
    pub fn incident_status(&self, s: Status) -> &'static str {
        s.label(self.lang())
    }

    /// A crew's kind (car, on foot, …).
    pub fn unit_kind(&self, code: &str) -> &'static str {
        let (ro, en) = match code {
            "car" => ("autospecială", "car"),
            "foot" => ("pedestru", "on foot"),
            "bike" => ("bicicletă", "bicycle"),
            "motorcycle" => ("motocicletă", "motorcycle"),
            "rapid" => ("intervenție rapidă", "rapid intervention"),
            _ => ("—", "—"),
        };
        if self.ro() { ro } else { en }
    }

    /// A department's name.
    pub fn department(&self, code: &str) -> String {
        crate::dispatch::catalogue::DEPARTMENTS
            .iter()
            .find(|d| d.code == code)
            .map(|d| if self.ro() { d.name_ro } else { d.name_en })
            .unwrap_or(code)
            .to_string()
    }

    /// A period problem, naming its field by its label.
    pub fn problem(&self, e: &PeriodError) -> String {
        // Romanian quotes „…”, English “…”.
        let field = if e.field == "from" {
            self.from
        } else {
            self.to
        };
        match &e.problem {
            Problem::Unreadable(text) if self.ro() => {
                format!("{field}: „{text}” {}", self.unreadable)
            }
            Problem::Unreadable(text) => format!("{field}: “{text}” {}", self.unreadable),
            Problem::Reversed => format!("{field}: {}", self.reversed),
            Problem::TooLong => format!("{field}: {}", self.too_long),
        }
    }
}
