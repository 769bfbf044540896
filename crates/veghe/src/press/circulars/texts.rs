//! The circulars pages' words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the circulars pages.";
    title: "Circulare interne", "Internal circulars";
    intro: "Anunțurile către personal. Confirmați citirea fiecăreia.", "Announcements to staff. Confirm you have read each one.";
    mine_title: "Circularele mele", "My circulars";
    none_mine: "Nu ați primit nicio circulară.", "You have received no circulars.";
    unread: "necitită", "unread";
    read_on: "citită la", "read at";
    published: "Publicată la", "Published at";
    author: "Autor", "Author";
    all_title: "Circulare publicate", "Published circulars";
    readers: "Au citit", "Read by";
    of: "din", "of";
    write_title: "Scrie o circulară", "Write a circular";
    title_field: "Titlul", "Title";
    text_field: "Textul", "Text";
    audience: "Destinatarii", "Addressees";
    audience_all: "tot personalul", "all staff";
    audience_role: "un rol", "a role";
    audience_department: "un compartiment", "a department";
    role: "Rolul", "Role";
    department: "Compartimentul", "Department";
    audience_hint: "Rolul sau compartimentul contează doar pentru destinatarii aleși astfel.", "The role or department counts only for that kind of audience.";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    publish: "Publică circulara", "Publish the circular";
    published_done: "Circulara a fost publicată; destinatarii au primit o notificare.", "The circular is published; its addressees are notified.";
    confirm: "Confirm că am citit", "I confirm I have read it";
    confirmed: "Ați confirmat citirea la", "You confirmed reading at";
    back: "Înapoi la circulare", "Back to circulars";
    who_title: "Cine a citit", "Who has read it";
    not_read: "nu a citit încă", "not read yet";
    name: "Numele", "Name";
    state: "Starea", "Status";
}
