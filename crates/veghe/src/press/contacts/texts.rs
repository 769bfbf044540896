//! The words of the media-relations pages, Romanian first and English second, with the kinds of
//! outlet and the reasons a member was skipped.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the outlets', journalists' and lists' pages.";
    title: "Redacții și jurnaliști", "Outlets and journalists";
    back: "Înapoi la biroul de presă", "Back to the press office";
    back_contacts: "Înapoi la redacții și jurnaliști", "Back to outlets and journalists";
    intro: "Datele de contact ale jurnaliștilor și notele despre ei sunt date personale: apar mascate; le vedeți întregi dând un motiv, care rămâne în jurnalul accesărilor.", "Journalists' contacts and the notes about them are personal data: they are shown masked; you see them in full by giving a reason, which stays in the access log.";
    to_lists: "Liste de distribuție", "Distribution lists";
    outlets: "Redacții", "Outlets";
    journalists: "Jurnaliști", "Journalists";
    name: "Denumire", "Name";
    person_name: "Nume", "Name";
    kind: "Tip", "Kind";
    choose_kind: "— alegeți tipul —", "— choose the kind —";
    reach: "Audiență (persoane pe zi)", "Reach (people a day)";
    website: "Site", "Website";
    email: "E-mail", "E-mail";
    phone: "Telefon", "Phone";
    notes: "Observații", "Notes";
    pitching: "Note de abordare", "Pitching notes";
    pitching_hint: "Cum și când preferă să fie contactat, subiecte de evitat.", "How and when they like to be approached, topics to avoid.";
    outlet: "Redacția", "Outlet";
    no_outlet: "— fără redacție (independent) —", "— no outlet (freelance) —";
    position: "Funcția", "Position";
    beats: "Domenii", "Beats";
    beats_hint: "Subiectele acoperite, despărțite prin virgulă (de exemplu: trafic, ordine publică).", "Topics covered, separated by commas (e.g. traffic, public order).";
    state: "Stare", "State";
    active: "activ", "active";
    retired: "retras", "retired";
    journalists_count: "Jurnaliști", "Journalists";
    filter: "Filtrează", "Filter";
    any_outlet: "— toate redacțiile —", "— every outlet —";
    any_beat: "— toate domeniile —", "— every beat —";
    with_retired: "Și cei retrași", "Retired ones too";
    none_found: "Niciun jurnalist nu corespunde filtrului.", "No journalist matches the filter.";
    no_outlets: "Nicio redacție încă: adăugați prima mai jos.", "No outlet yet: add the first below.";
    masked: "mascat", "masked";
    hidden_notes: "note ascunse", "notes hidden";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    add_outlet: "Redacție nouă", "New outlet";
    add_outlet_button: "Adaugă redacția", "Add the outlet";
    add_journalist: "Jurnalist nou", "New journalist";
    add_journalist_button: "Adaugă jurnalistul", "Add the journalist";
    edit: "Modifică", "Edit";
    save: "Salvează", "Save";
    contacts_kept: "Adresa, telefonul și notele rămân cum sunt dacă nu le completați; ca să le modificați sau să le ștergeți, vedeți-le întâi întregi.", "The address, phone and notes stay as they are unless filled in; to change or clear them, see them in full first.";
    retire_title: "Retragere", "Retirement";
    retire_outlet_intro: "O redacție retrasă rămâne în evidență, dar nu mai primește comunicate prin liste.", "A retired outlet stays on record but no longer receives releases through lists.";
    retire_journalist_intro: "Un jurnalist retras nu mai primește comunicate; datele lui de contact se șterg după termenul de păstrare.", "A retired journalist no longer receives releases; their contacts are erased after the retention term.";
    retire_confirm: "Confirm retragerea", "I confirm the retirement";
    retire: "Retrage", "Retire";
    reinstate: "Repune în evidență", "Reinstate";
    retired_on: "Retras la", "Retired on";
    added: "Înregistrarea a fost adăugată.", "The record is added.";
    saved: "Modificările au fost salvate.", "The changes are saved.";
    retired_done: "Retragerea a fost înregistrată.", "The retirement is recorded.";
    reinstated_done: "Înregistrarea a fost repusă în evidență.", "The record is reinstated.";
    reveal_title: "Date de contact întregi", "Contacts in full";
    reveal_intro: "Scrieți de ce aveți nevoie de datele de contact; motivul și numele dumneavoastră rămân în jurnalul accesărilor.", "Write why you need the contacts; the reason and your name stay in the access log.";
    reason: "Motivul", "Reason";
    reveal: "Arată datele întregi", "Show in full";
    revealed_note: "Date afișate întregi; accesarea a fost înregistrată în jurnal.", "Shown in full; the reading is in the access log.";
    read_only: "Vedeți datele mascate; modificările și datele întregi sunt ale biroului de presă.", "You see masked data; changes and data in full belong to the press office.";
    lists_title: "Liste de distribuție", "Distribution lists";
    lists_intro: "Grupuri de jurnaliști și redacții cărora li se trimit comunicatele. Un destinatar primește un comunicat o singură dată, chiar dacă e în mai multe liste.", "Groups of journalists and outlets releases are sent to. A recipient gets a release once, even when on several lists.";
    description: "Descriere", "Description";
    members: "Membri", "Members";
    no_lists: "Nicio listă încă: creați prima mai jos.", "No list yet: create the first below.";
    new_list: "Listă nouă", "New list";
    create_list: "Creează lista", "Create the list";
    back_lists: "Înapoi la liste", "Back to the lists";
    list_edit: "Denumire și descriere", "Name and description";
    member: "Membru", "Member";
    address: "Adresa", "Address";
    remove: "Scoate din listă", "Remove from the list";
    add_member: "Adaugă în listă", "Add to the list";
    add_journalist_member: "Un jurnalist", "A journalist";
    add_outlet_member: "O redacție (adresa redacției)", "An outlet (the newsroom's address)";
    choose_journalist: "— alegeți jurnalistul —", "— choose the journalist —";
    choose_outlet: "— alegeți redacția —", "— choose the outlet —";
    no_members: "Lista nu are membri.", "The list has no members.";
    no_address: "fără adresă", "no address";
    member_added: "Membrul a fost adăugat.", "The member is added.";
    member_removed: "Membrul a fost scos din listă.", "The member is removed.";
    distribution: "Distribuirea comunicatului", "Sending the release";
    published: "Publicat la", "Published on";
    not_sendable: "Comunicatul poate fi trimis presei numai după aprobare și publicare (după embargo).", "A release is sent only once approved and published (its embargo over).";
    public_link: "Pagina publică", "Public page";
    send_title: "Trimite unei liste", "Send to a list";
    send_intro: "Fiecare destinatar primește un e-mail cu numărul, titlul, rezumatul și legătura comunicatului. Cei care l-au primit deja nu îl mai primesc.", "Each recipient gets an e-mail with the release's number, title, summary and link. Those who already received it do not get it again.";
    list: "Lista", "List";
    choose_list: "— alegeți lista —", "— choose the list —";
    send: "Trimite comunicatul", "Send the release";
    sends: "Trimiteri", "Sends";
    no_sends: "Comunicatul nu a fost trimis încă.", "The release has not been sent yet.";
    recipient: "Destinatar", "Recipient";
    delivery: "Livrare", "Delivery";
    sent_at: "Trimis la", "Sent on";
    sent_by: "De către", "By";
    queued: "e-mailuri puse la trimis.", "e-mails queued.";
    sent_before: "Atenție: comunicatul fusese deja trimis acestei liste; au primit e-mail doar destinatarii noi.", "Note: the release had already gone to this list; only new recipients got an e-mail.";
    skipped: "Nu au primit", "Not sent to";
    why_retired: "retras", "retired";
    why_no_address: "fără adresă de e-mail", "no e-mail address";
    why_already_sent: "l-a primit deja", "already received it";
    kind_online: "Online", "Online";
    kind_print: "Presă scrisă", "Print";
    kind_tv: "Televiziune", "TV";
    kind_radio: "Radio", "Radio";
    kind_agency: "Agenție de presă", "News agency";
    state_pending: "în curs", "pending";
    state_sent: "livrat", "delivered";
    state_failed: "eșuat", "failed";
    state_not_configured: "fără server de e-mail", "no mail server";
}

/// A kind of outlet in words; an unknown code as it is.
pub fn kind(code: &str, lang: Lang) -> String {
    let t = of(lang);
    match code {
        "online" => t.kind_online,
        "print" => t.kind_print,
        "tv" => t.kind_tv,
        "radio" => t.kind_radio,
        "agency" => t.kind_agency,
        other => other,
    }
    .to_string()
}

/// Why a member was not sent to, in words.
pub fn why(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    match code {
        "retired" => t.why_retired,
        "no_address" => t.why_no_address,
        _ => t.why_already_sent,
    }
}

/// An outbox state in words.
pub fn delivery(state: &str, lang: Lang) -> String {
    let t = of(lang);
    match state {
        "pending" => t.state_pending,
        "sent" => t.state_sent,
        "failed" => t.state_failed,
        "not_configured" => t.state_not_configured,
        other => other,
    }
    .to_string()
}
