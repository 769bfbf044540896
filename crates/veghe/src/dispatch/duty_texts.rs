//! The words of the duty desk's page (the shift's register, crews, handover), Romanian first
//! and English second, with the log's kinds and the lines the register reads from elsewhere.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the duty page.";
    title: "Registrul dispeceratului", "Duty log";
    day_shift: "Tura de zi", "Day shift";
    night_shift: "Tura de noapte", "Night shift";
    day_word: "zi", "day";
    night_word: "noapte", "night";
    shift_nav: "Alte ture", "Other shifts";
    previous: "Tura anterioară", "Previous shift";
    next: "Tura următoare", "Next shift";
    current: "Tura în curs", "Current shift";
    is_current: "tura în curs", "the current shift";
    choose_day: "Ziua", "Day";
    choose_shift: "Tura", "Shift";
    show: "Arată", "Show";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    log_new: "Consemnează o comunicare", "Log a communication";
    kind: "Fel", "Kind";
    crew: "Echipaj", "Crew";
    no_crew: "niciun echipaj", "no crew";
    content: "Conținut", "Content";
    log_it: "Consemnează", "Log it";
    handover: "Predare-primire tură", "Shift handover";
    handed_over: "a predat tura la", "handed over the shift at";
    open_incidents: "incidente deschise", "open incidents";
    crews_out: "echipaje în misiune", "crews out";
    overdue_with: "contact restant cu", "overdue contact with";
    take_over: "Preiau tura", "I take over the shift";
    to_follow: "De urmărit de tura următoare", "To follow up by the next shift";
    hand_over: "Predau tura", "I hand over the shift";
    rosters: "Echipaje pe tură", "Crews of the shift";
    no_rosters: "Niciun echipaj trecut pe această tură.", "No crew is rostered on this shift.";
    shift: "Tura", "Shift";
    call_sign: "Indicativ", "Call sign";
    members: "Componență", "Members";
    members_hint: "Componență (utilizatori, separați prin virgulă)", "Members (user names, separated by commas)";
    vehicle: "Autovehicul", "Vehicle";
    radio: "Stație radio", "Radio";
    tracker: "Dispozitiv GPS", "GPS device";
    save_roster: "Salvează echipajul", "Save the crew";
    map_h: "Echipajele acum", "The crews now";
    map_label: "Harta echipajelor, la ultima lor poziție", "Map of the crews at their last position";
    entries: "Înregistrări", "Entries";
    no_entries: "Nicio înregistrare în această tură.", "No entry in this shift.";
    time: "Ora", "Time";
    dispatcher: "Dispecer", "Dispatcher";
    k_call: "apel", "call";
    k_further_call: "apel suplimentar", "further call";
    k_checkin: "contact echipaj", "crew contact";
    k_handover: "predare incident", "incident handed over";
    k_shift: "predare tură", "shift handover";
    k_radio: "comunicare radio", "radio";
    k_phone: "convorbire telefonică", "phone call";
    k_email: "e-mail", "e-mail";
    k_note: "mențiune", "remark";
    further_call: "Apel suplimentar la", "Further call about";
    contact_with: "Contact cu", "Contact with";
    handed_to: "predat către", "handed over to";
    no: "nr.", "no.";
    shift_taken: "Predare-primire tură, primită de", "Shift handed over, taken by";
    shift_waiting: "Predare tură (neconfirmată încă de dispecerul care preia)", "Shift handed over (not yet confirmed by the incoming dispatcher)";
    ch_phone: "telefon", "phone";
    ch_radio: "radio", "radio";
    ch_email: "e-mail", "e-mail";
    ch_112: "112", "112";
    ch_in_person: "în persoană", "in person";
    months: "ian. feb. mar. apr. mai iun. iul. aug. sept. oct. nov. dec.", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec";
    bad_day: "Ziua nu este o dată (de exemplu 06.12.2026).", "The day is not a date (for example 2026-12-06).";
    bad_shift: "Tura este „zi” sau „noapte”.", "The shift is day or night.";
    bad_at: "Momentul nu este o dată și oră (de exemplu 2026-12-07T06:25).", "The moment is not a date and time (for example 2026-12-07T06:25).";
    bad_summary: "Conținut: scrieți ce s-a comunicat.", "Content: write what was communicated.";
    bad_crew: "Echipajul ales nu există; alegeți-l din listă.", "The chosen crew does not exist; choose it from the list.";
    bad_handover: "Predarea aleasă nu există; reîncărcați pagina.", "The chosen handover does not exist; reload the page.";
}

/// A kind of log line in words.
pub fn kind(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    match code {
        "call" => t.k_call,
        "further_call" => t.k_further_call,
        "checkin" => t.k_checkin,
        "handover" => t.k_handover,
        "shift" => t.k_shift,
        "radio" => t.k_radio,
        "phone" => t.k_phone,
        "email" => t.k_email,
        _ => t.k_note,
    }
}

/// How an incident was handed over, in words.
pub fn channel(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    match code {
        "phone" => t.ch_phone,
        "radio" => t.ch_radio,
        "email" => t.ch_email,
        "112" => t.ch_112,
        _ => t.ch_in_person,
    }
}

/// A month's short name (1–12).
pub fn month(m: i8, lang: Lang) -> &'static str {
    of(lang)
        .months
        .split(' ')
        .nth(usize::try_from(m - 1).unwrap_or(0))
        .unwrap_or("")
}
