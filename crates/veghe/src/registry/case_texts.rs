//! The case page's own words: its files, its actions and the fields that take a registry number.

use crate::web::i18n::texts_table;

texts_table! { CaseWords, "The case page's words.";
    files_h: "Fișiere: scanarea petiției și anexe", "Files: the scanned petition and annexes";
    files_none: "Niciun fișier atașat încă.", "No file attached yet.";
    file_scan: "scanarea petiției", "scan of the petition";
    file_annex: "anexă", "annex";
    file_other: "alt document", "other document";
    file_name: "Fișier", "File";
    file_kind: "Ce este", "What it is";
    file_size: "Mărime", "Size";
    file_by: "Adăugat de", "Added by";
    file_when: "Când", "When";
    file_add_h: "Adăugați fișiere", "Add files";
    file_limits: "PDF, JPEG, PNG, DOCX/ODT sau text; cel mult 10 MB fiecare și 15 MB împreună.", "PDF, JPEG, PNG, DOCX/ODT or text; at most 10 MB each and 15 MB together.";
    file_more: "Încă un fișier", "Another file";
    file_submit: "Atașează fișierele", "Attach the files";
    file_row: "Fișierul", "File";
    file_too_big: "are mai mult de 10 MB; alegeți un fișier mai mic.", "is larger than 10 MB; choose a smaller file.";
    file_too_much: "Fișierele alese au împreună mai mult de 15 MB; atașați-le în mai multe rânduri.", "The files chosen are over 15 MB together; attach them in several goes.";
    required: "obligatoriu", "required";
    actions_next: "Pasul următor", "Next step";
    number_hint: "numărul din registru, de exemplu 1234/2026", "the registry number, e.g. 1234/2026";
    join_into: "Petiția la care se conexează (număr de înregistrare)", "Petition to join (registry number)";
    join_submit: "Conexează", "Join";
    original: "Petiția originală, la o petiție repetată (număr de înregistrare)", "Original petition, for a repeat (registry number)";
    via_email: "e-mail", "e-mail";
    via_post: "poștă", "post";
    ground_anonymous: "petiție anonimă (OG 27/2002 art. 7)", "anonymous petition (OG 27/2002 art. 7)";
    ground_repeat: "petiție repetată (OG 27/2002 art. 10)", "repeated petition (OG 27/2002 art. 10)";
    ground_other: "alt motiv", "another reason";
    informed_yes: "Da, petentul a fost înștiințat", "Yes, the petitioner has been told";
}
