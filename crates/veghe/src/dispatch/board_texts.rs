//! The words of the board (call intake, open incidents, crews) and of the map's crews layer,
//! Romanian first and English second, with the crews' and incidents' states in words.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the board.";
    title: "Dispecerat", "Dispatch";
    heading: "Dispecerat — tabloul operativ", "Dispatch — the live board";
    new_call: "Apel nou", "New call";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    required: "obligatoriu", "required";
    kind: "Tip", "Type";
    priority: "Prioritate", "Priority";
    p1: "P1 — urgent", "P1 — urgent";
    p2: "P2 — obișnuit", "P2 — normal";
    p3: "P3 — fără grabă", "P3 — not urgent";
    address: "Adresă", "Address";
    address_hint: "Strada și numărul; diacriticele sunt opționale. Un clic pe hartă completează coordonatele.", "Street and number; diacritics are optional. A click on the map fills in the coordinates.";
    lat: "Latitudine", "Latitude";
    lon: "Longitudine", "Longitude";
    caller: "Apelant", "Caller";
    caller_phone: "Telefon apelant", "Caller's phone";
    description: "Descriere", "Description";
    join_legend: "Incident deschis la mai puțin de 100 m în ultima oră", "An open incident less than 100 m away in the last hour";
    join_to: "Adaugă apelul la", "Add the call to";
    join_new: "Incident nou", "New incident";
    save_call: "Înregistrează apelul", "Register the call";
    map_label: "Harta incidentelor deschise și a echipajelor", "Map of the open incidents and the crews";
    map_of: "Harta municipiului", "Map of";
    city_map_label: "Hartă interactivă: limita municipiului, cartierele, unitățile de învățământ, incidentele recente și echipajele", "Interactive map: city limit, neighbourhoods, schools, recent incidents and crews";
    city_map_intro: "Limita municipiului, cele 31 de cartiere, unitățile de învățământ, incidentele ultimelor 7 zile și echipajele la ultima lor poziție.", "The city limit, the 31 neighbourhoods, the schools, the incidents of the last 7 days and the crews at their last position.";
    open_incidents: "Incidente deschise", "Open incidents";
    no_open: "Nu există incidente deschise.", "There are no open incidents.";
    number: "Nr.", "No.";
    priority_short: "P", "P";
    status: "Stare", "Status";
    elapsed: "Timp scurs", "Time elapsed";
    crews: "Echipaje", "Crews";
    call_sign: "Indicativ", "Call sign";
    last_position: "Ultima poziție", "Last position";
    contact: "Contact", "Contact";
    route_of: "traseul", "route";
    stale: "veche", "stale";
    overdue: "restant (peste 2 ore)", "overdue (over 2 hours)";
    up_to_date: "la zi", "up to date";
    no_position: "fără poziție", "no position";
    minutes: "min", "min";
    not_a_number: "nu este un număr; scrieți de exemplu 45,7538", "is not a number; write for example 45.7538";
    priority_bad: "Prioritatea este 1, 2 sau 3.", "The priority is 1, 2 or 3.";
    join_bad: "Incidentul de care ține apelul nu este un număr de incident.", "The incident the call belongs to is not an incident number.";
}

/// A crew's status in words.
pub fn unit_status(code: &str, lang: Lang) -> &'static str {
    let (ro, en) = match code {
        "available" => ("disponibil", "available"),
        "dispatched" => ("alocat", "dispatched"),
        "en_route" => ("în deplasare", "en route"),
        "on_scene" => ("la fața locului", "on scene"),
        "busy" => ("ocupat", "busy"),
        "off_duty" => ("în afara serviciului", "off duty"),
        "out_of_service" => ("indisponibil", "out of service"),
        "retired" => ("retras", "retired"),
        _ => ("stare necunoscută", "unknown status"),
    };
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dispatch::model::Status;

    #[test]
    fn states_read_as_words_in_both_languages() {
        assert_eq!(unit_status("en_route", Lang::Ro), "în deplasare");
        assert_eq!(unit_status("en_route", Lang::En), "en route");
        assert_eq!(unit_status("weird_code", Lang::En), "unknown status");
        assert_eq!(Status::OnScene.label(Lang::En), "On scene");
    }
}
