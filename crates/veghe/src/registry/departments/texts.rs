//! The words of the departments' administration pages, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the departments' pages.";
    title: "Compartimente", "Departments";
    back: "Înapoi la administrare", "Back to administration";
    back_list: "Înapoi la compartimente", "Back to departments";
    intro: "Compartimentele cărora li se repartizează lucrările registraturii: termenul intern, șeful și adresa de e-mail la care se anunță fiecare lucrare repartizată. Fiecare modificare intră în jurnalul de audit.", "The departments the registry's cases are routed to: the internal deadline, the head and the e-mail address each routed case is announced to. Every change goes into the audit trail.";
    name: "Denumire", "Name";
    name_ro: "Denumire", "Name in Romanian";
    name_en: "Denumire în engleză", "Name in English";
    code: "Cod", "Code";
    code_hint: "Litere mici fără diacritice, cifre, „_” și „-”; nu se mai schimbă.", "Lower-case letters, digits, “_” and “-”; it does not change later.";
    days_before: "Termen intern (zile lucrătoare înainte de termenul legal)", "Internal deadline (working days before the legal one)";
    days_short: "Termen intern", "Internal deadline";
    days_hint: "Între 1 și 20.", "From 1 to 20.";
    days: "zile", "days";
    head: "Șef de compartiment", "Head of department";
    no_head: "— niciunul —", "— none —";
    head_hint: "Un ofițer de compartiment sau șeful de serviciu.", "A department officer or the head of service.";
    email: "E-mail pentru notificări", "Notification e-mail";
    email_hint: "Aici se anunță fiecare lucrare repartizată compartimentului.", "Each case routed to the department is announced here.";
    no_email: "fără adresă", "no address";
    members: "Membri", "Members";
    no_members: "Niciun membru încă.", "No members yet.";
    add_member: "Adaugă membrul", "Add the member";
    member: "Utilizator", "User";
    choose_member: "— alegeți —", "— choose —";
    edit: "Modifică", "Edit";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    add_title: "Compartiment nou", "New department";
    add: "Adaugă compartimentul", "Add the department";
    save: "Salvează", "Save";
    added: "Compartimentul a fost adăugat.", "The department is added.";
    saved: "Modificările au fost salvate.", "The changes are saved.";
    member_added: "Membrul a fost adăugat.", "The member is added.";
    member_removed: "Membrul a fost scos din compartiment.", "The member is taken out of the department.";
    remove_member: "Scoate din compartiment", "Take out of the department";
}
