//! The words of the crew's phone view, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the crew view.";
    code: "ro", "en";
    title: "Echipaj", "Crew";
    crew: "Echipajul", "Crew";
    status: "Stare", "Status";
    radio: "stația", "radio";
    incident: "Incident", "Incident";
    unknown_address: "adresă necunoscută", "address unknown";
    navigate: "Navighează până acolo", "Navigate there";
    osm: "hartă OpenStreetMap", "OpenStreetMap map";
    map_label: "Harta incidentului", "Map of incident";
    incident_status: "Stare incident", "Incident status";
    en_route: "În deplasare", "En route";
    on_scene: "La fața locului", "On scene";
    outcome: "Rezultat", "Outcome";
    finish: "Misiune încheiată", "Mission finished";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    note: "Notă pentru dispecerat", "Note for the duty desk";
    send_note: "Trimite nota", "Send the note";
    no_mission: "Nicio misiune alocată. Rămâneți la dispoziția dispeceratului.", "No mission assigned. Stay available to the duty desk.";
    position: "Poziția echipajului", "The crew's position";
    position_intro: "Pentru echipajele fără GPS: telefonul trimite poziția la dispecerat cât timp pagina este deschisă.", "For crews without GPS: the phone sends its position to the duty desk while this page is open.";
    send_position: "Trimite poziția", "Send the position";
    stop_position: "Oprește trimiterea poziției", "Stop sending the position";
    no_geolocation: "Telefonul nu poate da poziția.", "The phone cannot give its position.";
    position_sent: "Poziție trimisă la", "Position sent at";
    position_refused: "Poziția nu a fost primită", "The position was not received";
    offline: "Fără legătură; se reîncearcă.", "No connection; trying again.";
    position_stopped: "Poziția nu se mai trimite.", "The position is no longer sent.";
    position_unavailable: "Poziția nu este disponibilă", "The position is not available";
    searching: "Se caută poziția…", "Looking for the position…";
    not_rostered: "Nu sunteți în planificarea niciunui echipaj pe tura aceasta. Cereți dispeceratului să vă treacă în echipaj.", "You are not in a crew's roster for this shift. Ask the duty desk to add you to a crew.";
    moved_on: "Misiunea s-a schimbat între timp: iată starea ei de acum.", "The mission changed in the meantime: here is where it stands now.";
    reported_by: "raportat de echipajul", "reported by crew";
}
