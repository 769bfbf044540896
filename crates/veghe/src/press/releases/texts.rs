//! The releases' words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the press releases and the public newsroom.";
    title: "Comunicate de presă", "Press releases";
    intro: "Comunicatul se redactează aici, se trimite șefului serviciului spre aprobare și primește numărul zilei publicării la aprobare. Nimic nu apare public înainte de aprobare și de ora de embargo.", "A release is drafted here, submitted to the head of service and numbered by its day of publication when approved. Nothing is public before approval and its embargo.";
    new_release: "Comunicat nou", "New release";
    latest: "Ultimele 60 modificate", "The 60 last changed";
    filter: "Stare", "Status";
    all: "Toate", "All";
    show: "Arată", "Show";
    none: "Niciun comunicat cu această stare.", "No release in this status.";
    kind: "Tip", "Kind";
    kind_release: "Comunicat", "Release";
    kind_statement: "Declarație", "Statement";
    kind_correction: "Rectificare", "Correction";
    status: "Stare", "Status";
    st_draft: "Ciornă", "Draft";
    st_submitted: "Trimis spre aprobare", "Submitted";
    st_approved: "Aprobat", "Approved";
    st_returned: "Restituit", "Returned";
    number: "Număr", "Number";
    field_title: "Titlu", "Title";
    summary: "Rezumat (opțional)", "Summary (optional)";
    body: "Text", "Text";
    body_hint: "Paragrafe separate de un rând gol, sau HTML simplu: p, strong, em, liste, h2, h3, citate, legături http(s)/mailto. Orice altceva este eliminat.", "Paragraphs separated by a blank line, or simple HTML: p, strong, em, lists, h2, h3, quotes, http(s)/mailto links. Anything else is removed.";
    embargo: "Embargo până la (opțional, ora Timișoarei)", "Embargo until (optional, Timișoara time)";
    corrects: "Rectifică comunicatul (pentru rectificări)", "Corrects the release (for corrections)";
    no_link: "— niciunul —", "— none —";
    links: "Legături (opțional)", "Links (optional)";
    incident: "Incident (nr. intern)", "Incident (internal id)";
    special_event: "Eveniment deosebit (nr. intern)", "Special event (internal id)";
    campaign: "Campanie", "Campaign";
    proposal: "Propunere de analiză (nr. intern)", "Analysis proposal (internal id)";
    save_draft: "Salvează ciorna", "Save draft";
    save: "Salvează modificările", "Save changes";
    submit: "Trimite spre aprobare", "Submit for approval";
    approve: "Aprobă și publică", "Approve and publish";
    give_back: "Restituie autorului", "Return to the author";
    reason: "Motivul restituirii", "Reason for returning";
    returned_because: "Restituit de șeful serviciului:", "Returned by the head of service:";
    waiting: "Așteaptă aprobarea șefului serviciului.", "Waiting for the head of service's approval.";
    author: "Autor", "Author";
    updated: "Modificat", "Changed";
    published: "Publicat", "Published";
    embargoed: "Sub embargo până la", "Embargoed until";
    public_link: "Pagina publică", "Public page";
    not_public_yet: "Încă nu este public.", "Not public yet.";
    documents: "Documente", "Documents";
    distribution: "Distribuire", "Distribution";
    photos: "Fotografii", "Photos";
    no_photos: "Nicio fotografie.", "No photos.";
    photo: "Fotografie (JPEG sau PNG, cel mult 10 MB)", "Photo (JPEG or PNG, at most 10 MB)";
    caption: "Descriere (opțional)", "Caption (optional)";
    add_photo: "Adaugă fotografia", "Add the photo";
    photo_hint: "Fotografia este redimensionată la cel mult 1600 px și i se șterg datele EXIF și locația GPS.", "The photo is resized to at most 1600 px and its EXIF data and GPS location are removed.";
    back: "Înapoi la comunicate", "Back to releases";
    edit: "Modificare", "Edit";
    actions: "Pași", "Steps";
    newsroom: "Comunicate de presă", "Press releases";
    newsroom_intro: "Comunicatele, declarațiile și rectificările Poliției Locale Timișoara.", "Releases, statements and corrections of the Local Police of Timișoara.";
    search: "Caută în comunicate", "Search the releases";
    search_button: "Caută", "Search";
    results: "comunicate", "releases";
    nothing_found: "Niciun comunicat nu se potrivește căutării.", "No release matches the search.";
    newer: "Mai noi", "Newer";
    older: "Mai vechi", "Older";
    page: "Pagina", "Page";
    feeds: "Abonați-vă:", "Subscribe:";
    corrected_by: "Acest comunicat a fost rectificat:", "This release was corrected:";
    corrects_notice: "Această rectificare privește comunicatul", "This correction concerns the release";
    all_releases: "Toate comunicatele", "All releases";
    contact: "Biroul de presă", "Press office";
}

/// A kind's word.
pub fn kind(t: &'static T, code: &str) -> &'static str {
    match code {
        "statement" => t.kind_statement,
        "correction" => t.kind_correction,
        _ => t.kind_release,
    }
}

/// A status's word.
pub fn status(t: &'static T, code: &str) -> &'static str {
    match code {
        "submitted" => t.st_submitted,
        "approved" => t.st_approved,
        "returned" => t.st_returned,
        _ => t.st_draft,
    }
}
