//! The words of the crews' administration pages, Romanian first and English second.

use crate::dispatch::catalogue::Label;
use crate::web::{Lang, i18n::texts_table};

texts_table! { T, "Every text of the crews' administration pages.";
    code: "ro", "en";
    back_admin: "← Administrare", "← Administration";
    back_crews: "← Echipaje și trackere GPS", "← Crews and GPS trackers";
    title: "Echipaje și trackere GPS", "Crews and GPS trackers";
    intro: "Echipajele serviciului, cu autovehiculul, stația radio și trackerul GPS al fiecăruia. Un tracker nou este primit pe /osmand imediat după salvare. Un echipaj cu istoric nu se șterge: se retrage, iar traseele și incidentele lui rămân.", "The service's crews, each with its vehicle, radio and GPS tracker. A new tracker is accepted on /osmand as soon as it is saved. A crew with history is not deleted: it is retired, and its routes and incidents stay.";
    crews: "Echipajele", "The crews";
    call_sign: "Indicativ", "Call sign";
    kind: "Tip", "Kind";
    department: "Compartiment", "Department";
    vehicle: "Autovehicul (număr)", "Vehicle (plate)";
    radio: "Stație radio", "Radio";
    tracker: "Tracker GPS", "GPS tracker";
    status: "Stare", "Status";
    retired: "Retras", "Retired";
    in_service: "în serviciu", "in service";
    none: "—", "—";
    add: "Adaugă echipaj", "Add crew";
    add_hint: "Câmpurile marcate sunt obligatorii. Indicativ: litere, cifre, spațiu, - . / (cel mult 20). Tracker: litere fără diacritice, cifre, . _ - (cel mult 64; OwnTracks: UTILIZATOR/DISPOZITIV).", "Marked fields are required. Call sign: letters, digits, space, - . / (at most 20). Tracker: ASCII letters, digits, . _ - (at most 64; OwnTracks: USER/DEVICE).";
    required: "obligatoriu", "required";
    choose: "— alegeți —", "— choose —";
    added: "Echipaj adăugat:", "Crew added:";
    saved: "Modificări salvate pentru", "Changes saved for";
    retired_done: "Echipaj retras:", "Crew retired:";
    reinstated_done: "Echipaj reactivat:", "Crew reactivated:";
    edit: "Modifică", "Edit";
    crew: "Echipajul", "Crew";
    details: "Date despre echipaj", "Crew details";
    works: "Lucrează la incidentul", "Works incident";
    route: "Traseul echipajului", "The crew's route";
    save: "Salvează", "Save";
    status_by_dispatch: "Starea se schimbă din dispecerat cât timp echipajul lucrează la un incident.", "The status changes through dispatching while the crew works an incident.";
    retire_h: "Retragere", "Retirement";
    retire_about: "Un echipaj retras dispare de pe tabla dispeceratului, din recomandări, de pe hartă și din lista contactelor restante; trackerul lui este eliberat și nu mai este primit. Traseele și incidentele lucrate rămân.", "A retired crew leaves the dispatch board, the recommendations, the map and the overdue check-ins; its tracker is freed and no longer accepted. Its routes and worked incidents stay.";
    retire: "Retrage echipajul", "Retire the crew";
    retire_busy: "Echipajul lucrează la un incident: se poate retrage după ce incidentul îl eliberează.", "The crew works an incident: it can be retired once the incident releases it.";
    confirm_h: "Confirmați retragerea", "Confirm the retirement";
    confirm_text: "Echipajul va fi retras, iar trackerul lui eliberat:", "The crew will be retired and its tracker freed:";
    confirm_yes: "Da, retrage", "Yes, retire";
    confirm_no: "Renunță", "Cancel";
    retired_on: "Retras la", "Retired on";
    reinstate_about: "Reactivat, echipajul revine în afara serviciului și fără tracker; trackerul se adaugă din nou mai sus.", "Reactivated, the crew comes back off duty and without a tracker; add its tracker again above.";
    reinstate: "Reactivează echipajul", "Reactivate the crew";
    retired_no_edit: "Un echipaj retras nu se modifică; reactivați-l întâi.", "A retired crew is not changed; reactivate it first.";
}

impl T {
    fn lang(&self) -> Lang {
        if self.code == "ro" {
            Lang::Ro
        } else {
            Lang::En
        }
    }

    /// A label of the catalogue in this language (the code itself when unknown).
    pub fn label(&self, list: &[Label], code: &str) -> String {
        list.iter()
            .find(|l| l.code == code)
            .map(|l| match self.lang() {
                Lang::Ro => l.name_ro,
                Lang::En => l.name_en,
            })
            .unwrap_or(code)
            .to_string()
    }

    /// A crew's status in words.
    pub fn unit_status(&self, code: &str) -> &'static str {
        crate::dispatch::board_texts::unit_status(code, self.lang())
    }
}
