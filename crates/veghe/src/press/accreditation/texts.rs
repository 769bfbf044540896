//! The accreditation pages' words, Romanian first and English second.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the accreditation pages.";
    title: "Acreditări de presă", "Press accreditations";
    back: "Înapoi la biroul de presă", "Back to the press office";
    back_list: "Înapoi la acreditări", "Back to accreditations";
    intro: "Acreditarea se acordă fără discriminare, în cel mult 2 zile de la înregistrarea cererii (Legea 544/2001, art. 18); termenul care cade într-o zi nelucrătoare se mută în următoarea zi lucrătoare.", "Accreditation is granted without discrimination within 2 days of the request's registration (Law 544/2001 art. 18); a term ending on a non-working day moves to the next working day.";
    pending_title: "Cereri în așteptare", "Pending requests";
    none_pending: "Nicio cerere nu așteaptă decizia.", "No request waits for a decision.";
    journalist: "Jurnalistul", "Journalist";
    outlet: "Redacția", "Outlet";
    kind: "Felul", "Kind";
    kind_permanent: "permanentă (până la 31 decembrie)", "permanent (to 31 December)";
    kind_event: "pentru un eveniment", "for one event";
    event: "Evenimentul", "Event";
    requested: "Înregistrată la", "Registered at";
    due: "Termen de decizie", "Decision due";
    status: "Starea", "Status";
    valid_until: "Valabilă până la", "Valid until";
    overdue: "termen depășit", "overdue";
    status_pending: "în așteptare", "pending";
    status_granted: "acordată", "granted";
    status_refused: "refuzată", "refused";
    status_withdrawn: "retrasă", "withdrawn";
    permanent_title: "Jurnaliști acreditați permanent în", "Journalists accredited permanently in";
    event_title: "Jurnaliști acreditați pentru", "Journalists accredited for";
    none_accredited: "Niciun jurnalist acreditat.", "No journalist accredited.";
    show: "Arată", "Show";
    year: "Anul", "Year";
    choose_event: "— acreditări permanente —", "— permanent accreditations —";
    register_title: "Înregistrează o cerere", "Register a request";
    register: "Înregistrează cererea", "Register the request";
    choose_journalist: "— alegeți jurnalistul —", "— choose the journalist —";
    no_journalists: "Nu există încă jurnaliști în evidență; adăugați-i la Redacții și jurnaliști.", "There are no journalists yet; add them under Outlets and journalists.";
    requested_hint: "Lăsați gol pentru acum. Termenul se calculează din ziua înregistrării.", "Leave empty for now. The due day is counted from the day of registration.";
    event_hint: "Doar pentru o acreditare pentru un eveniment.", "Only for an accreditation for one event.";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    details: "Cererea", "The request";
    replaces: "Înlocuiește acreditarea", "Replaces accreditation";
    replaced_by_title: "Redacția numește alt jurnalist", "The outlet names another journalist";
    replaced_by_intro: "După un refuz sau o retragere, redacția poate solicita acreditarea altui jurnalist. Se înregistrează o cerere nouă, cu propriul termen.", "After a refusal or withdrawal the outlet may ask for another journalist to be accredited. A new request is registered, with its own due day.";
    replace: "Înregistrează cererea pentru alt jurnalist", "Register the request for another journalist";
    decision_title: "Decizia", "Decision";
    grant: "Acordă acreditarea", "Grant the accreditation";
    refuse_title: "Refuz motivat în scris", "Refusal, reasoned in writing";
    withdraw_title: "Retragere motivată în scris", "Withdrawal, reasoned in writing";
    refuse: "Refuză acreditarea", "Refuse the accreditation";
    withdraw: "Retrage acreditarea", "Withdraw the accreditation";
    facts_rule: "Acreditarea poate fi refuzată sau retrasă numai pentru fapte care împiedică desfășurarea normală a activității instituției. Opiniile publicate de jurnalist nu pot fi motiv de refuz sau de retragere (Legea 544/2001, art. 18). Descrieți fapta: ce s-a întâmplat, unde, cu ce efect asupra activității.", "An accreditation may be refused or withdrawn only for acts that hinder the institution's normal activity. Opinions the journalist published are never a ground (Law 544/2001 art. 18). Describe the act: what happened, where, and how it hindered the work.";
    act: "Fapta", "The act";
    act_on: "Data faptei", "Day of the act";
    reason: "Faptele reținute", "Facts stated";
    letter: "Decizia scrisă", "Written decision";
    letter_pdf: "Descarcă PDF", "Download PDF";
    letter_docx: "Descarcă DOCX", "Download DOCX";
    decided: "Decisă la", "Decided at";
    registered_done: "Cererea a fost înregistrată.", "The request is registered.";
    decided_done: "Decizia a fost înregistrată.", "The decision is recorded.";
}

/// A state in words.
pub fn status(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    match code {
        "pending" => t.status_pending,
        "granted" => t.status_granted,
        "refused" => t.status_refused,
        "withdrawn" => t.status_withdrawn,
        _ => "",
    }
}

/// A kind in words.
pub fn kind(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    if code == "event" {
        t.kind_event
    } else {
        t.kind_permanent
    }
}
