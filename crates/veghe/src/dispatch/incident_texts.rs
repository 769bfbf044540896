//! The words of the incident page, Romanian first and English second: its headings, forms and
//! the labels of statuses, outcomes, crew statuses and how the incident was placed.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the incident page.";
    code: "ro", "en";
    incident: "Incident", "Incident";
    back_board: "← Tabloul operativ", "← Operations board";
    facts: "Date", "Details";
    priority: "Prioritate", "Priority";
    status: "Stare", "Status";
    received: "Primit", "Received";
    address: "Adresă", "Address";
    coordinates: "Coordonate", "Coordinates";
    located_by: "Localizat", "Placed";
    unlocated: "nelocalizat", "not placed";
    source: "Sursa", "Source";
    caller: "Apelant", "Caller";
    outcome: "Rezultat", "Outcome";
    special_event: "Eveniment deosebit", "Special event";
    special_declared: "declarat — confirmări și raport", "declared — acknowledgements and report";
    more_calls: "Apeluri suplimentare", "Further calls";
    crews: "Echipaje", "Crews";
    assigned_crews: "Alocate incidentului", "Assigned to this incident";
    no_crew: "Niciun echipaj alocat.", "No crew assigned.";
    call_sign: "Indicativ", "Call sign";
    action: "Acțiune", "Action";
    route: "traseul", "route";
    release: "Eliberează", "Release";
    on_shift: "Echipajele din tură", "Crews on shift";
    on_shift_hint: "Cele recomandate (cele mai apropiate disponibile) sunt primele. Un echipaj ocupat cu un incident mai puțin urgent poate fi redirecționat aici.", "The recommended ones (the nearest available) come first. A crew busy with a less urgent incident can be redirected here.";
    distance: "Distanța", "Distance";
    eta: "Timp estimat", "Estimated time";
    minutes: "min", "min";
    assign: "Alocă", "Assign";
    redirect: "Redirecționează", "Redirect";
    recommended: "recomandat", "recommended";
    stale: "poziție veche", "stale position";
    no_position: "fără poziție", "no position";
    busy_with: "la incidentul", "on incident";
    no_crews: "Niciun echipaj în tură.", "No crew on shift.";
    not_located_hint: "Incidentul nu este localizat: distanțele și recomandările apar după ce îl localizați mai jos.", "The incident is not placed: distances and recommendations appear once you place it below.";
    confirm_title: "Confirmați redirecționarea", "Confirm the redirection";
    confirm_crew: "Echipajul", "Crew";
    confirm_works: "lucrează acum la incidentul", "is now working on incident";
    confirm_text: "Redirecționat aici, este eliberat de acolo; acel incident revine în așteptare dacă rămâne fără echipaj.", "Redirected here, it is released from there; that incident goes back to waiting if it is left without a crew.";
    confirm_yes: "Da, redirecționează", "Yes, redirect";
    confirm_no: "Renunță", "Cancel";
    locate: "Localizare", "Location";
    locate_intro: "Scrieți adresa sau faceți clic pe hartă în locul incidentului, apoi salvați.", "Type the address or click the map where the incident is, then save.";
    locate_address: "Adresa incidentului", "Address of the incident";
    locate_button: "Localizează după adresă", "Place by the address";
    map_label: "Harta incidentului: un clic alege locul incidentului", "Map of the incident: a click chooses where the incident is";
    map_chosen: "Punctul ales", "Chosen point";
    map_nearest: "Cea mai apropiată adresă cunoscută", "Nearest known address";
    map_none: "Faceți clic pe hartă pentru a alege punctul.", "Click the map to choose the point.";
    map_closer: "Harta s-a apropiat de locul ales: faceți clic pe locul exact al incidentului.", "The map moved closer to that place: click the incident's exact place.";
    map_save: "Salvează punctul ales pe hartă", "Save the point chosen on the map";
    lat: "Latitudine", "Latitude";
    lon: "Longitudine", "Longitude";
    actions: "Acțiuni", "Actions";
    new_status: "Stare nouă", "New status";
    choose_status: "— alegeți starea —", "— choose the status —";
    outcome_close: "Rezultat (obligatoriu la închidere)", "Outcome (required to close)";
    remark: "Mențiune", "Remark";
    change_status: "Schimbă starea", "Change the status";
    note: "Notă", "Note";
    add_note: "Adaugă nota", "Add the note";
    special_reason: "Motivul evenimentului deosebit", "Reason for the special event";
    declare_special: "Declară eveniment deosebit", "Declare a special event";
    attach_label: "Atașament (foto, PDF, audio, text; cel mult 10 MB)", "Attachment (photo, PDF, audio, text; at most 10 MB)";
    attach: "Atașează", "Attach";
    call_name: "Apelant (apel suplimentar)", "Caller (further call)";
    phone: "Telefon", "Phone";
    says: "Ce spune", "What they say";
    add_call: "Adaugă apelul", "Add the call";
    hand_to: "Predă către", "Hand over to";
    how: "Cum", "How";
    ch_phone: "telefon", "phone";
    ch_radio: "radio", "radio";
    ch_email: "e-mail", "e-mail";
    ch_112: "112", "112";
    ch_in_person: "direct", "in person";
    their_ref: "Numărul lor de înregistrare", "Their registration number";
    hand_over: "Predă incidentul", "Hand the incident over";
    attachments: "Atașamente", "Attachments";
    no_attachments: "Niciun atașament.", "No attachment.";
    bytes: "octeți", "bytes";
    timeline: "Cronologie", "Timeline";
    time: "Ora", "Time";
    who: "Cine", "Who";
    what: "Ce", "What";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    tl_created: "Apel înregistrat", "Call registered";
    tl_assigned: "Echipaj alocat", "Crew assigned";
    tl_unassigned: "Echipaj eliberat", "Crew released";
    tl_redirected_in: "Echipaj redirecționat aici", "Crew redirected here";
    tl_redirected_out: "Echipaj redirecționat la alt incident", "Crew redirected to another incident";
    tl_call: "Apel suplimentar", "Further call";
    tl_note: "Notă", "Note";
    tl_attachment: "Atașament", "Attachment";
    tl_handover: "Predat altei instituții", "Handed over to another agency";
    tl_special: "Declarat eveniment deosebit", "Declared a special event";
    tl_special_ack: "Eveniment deosebit luat la cunoștință", "Special event acknowledged";
    tl_located: "Localizat", "Placed";
    st_received: "Primit", "Received";
    st_dispatched: "Echipaj alocat", "Crew dispatched";
    st_en_route: "În deplasare", "En route";
    st_on_scene: "La fața locului", "On scene";
    st_closed: "Închis", "Closed";
    st_cancelled: "Anulat", "Cancelled";
    out_sanction: "Sancțiune", "Sanction";
    out_warning: "Avertisment", "Warning";
    out_handed_over: "Predat", "Handed over";
    out_unfounded: "Nefondat", "Unfounded";
    out_other: "Altul", "Other";
    loc_number: "la număr", "at the house number";
    loc_interpolated: "între numere cunoscute", "between known numbers";
    loc_street: "mijlocul străzii", "the middle of the street";
    loc_map: "punct ales pe hartă", "a point chosen on the map";
    loc_coordinates: "coordonate primite cu apelul", "coordinates given with the call";
    loc_place: "adresă plasată deja în evidențe", "an address already placed in the records";
}

impl T {
    /// A hand-over channel.
    pub fn channel<'a>(&self, code: &'a str) -> &'a str {
        match code {
            "phone" => self.ch_phone,
            "radio" => self.ch_radio,
            "email" => self.ch_email,
            "112" => self.ch_112,
            "in_person" => self.ch_in_person,
            other => other,
        }
    }
}
