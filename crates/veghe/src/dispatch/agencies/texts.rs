//! The words of the cooperating forces' pages, Romanian first and English second, with the
//! kinds of body.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the cooperating forces' pages.";
    title: "Forțe cooperante", "Cooperating forces";
    back: "Înapoi la administrare", "Back to administration";
    back_list: "Înapoi la forțele cooperante", "Back to cooperating forces";
    intro: "Instituțiile cărora dispeceratul le predă incidentele care nu sunt de competența poliției locale (Legea 155/2010, art. 2 alin. 2). O instituție nu se șterge: se retrage, își păstrează predările și nu mai apare la predare.", "The bodies the desk hands incidents to when they are not the local police's competence (Law 155/2010, art. 2(2)). A body is never deleted: it is retired, keeps its hand-overs and is no longer offered for new ones.";
    missing_phones: "instituții fără telefon: completați-le, dispeceratul trebuie să le poată suna.", "bodies without a phone: complete them, the desk must be able to call them.";
    code: "Cod", "Code";
    code_hint: "Litere mici fără diacritice, cifre, „_” și „-”; nu se mai schimbă.", "Lower-case letters, digits, “_” and “-”; it does not change later.";
    name: "Denumire", "Name";
    kind: "Tip", "Kind";
    choose_kind: "— alegeți tipul —", "— choose the kind —";
    phone: "Telefon", "Phone";
    phone_hint: "Între 3 și 20 de caractere: cifre, spații, „+” și „-”.", "3 to 20 characters: digits, spaces, “+” and “-”.";
    email: "E-mail", "E-mail";
    competences: "Competențe", "Competences";
    competences_hint: "Ce preiau, pe scurt (de exemplu: incendii, descarcerare).", "What they take, in short (e.g. fires, extrication).";
    notes: "Observații", "Notes";
    state: "Stare", "State";
    active: "activă", "active";
    retired: "retrasă", "retired";
    no_phone: "fără telefon", "no phone";
    edit: "Modifică", "Edit";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    add_title: "Instituție nouă", "New body";
    add: "Adaugă instituția", "Add the body";
    save: "Salvează", "Save";
    retire_title: "Retragere", "Retirement";
    retire_intro: "O instituție retrasă nu mai apare în lista de predare a incidentelor; predările ei rămân în registru.", "A retired body is no longer offered when handing incidents over; its hand-overs stay on record.";
    retire_confirm: "Confirm retragerea instituției", "I confirm the body is retired";
    retire: "Retrage instituția", "Retire the body";
    retired_on: "Retrasă la", "Retired on";
    added: "Instituția a fost adăugată.", "The body is added.";
    saved: "Modificările au fost salvate.", "The changes are saved.";
    retired_done: "Instituția a fost retrasă.", "The body is retired.";
    reinstated_done: "Instituția a fost repusă în lista predărilor.", "The body is back in the hand-over list.";
    reinstate_title: "Instituție retrasă", "A retired body";
    reinstate: "Repune instituția în lista predărilor", "Put the body back in the hand-over list";
    kind_police: "Poliție", "Police";
    kind_gendarmerie: "Jandarmerie", "Gendarmerie";
    kind_fire_rescue: "Pompieri și salvare", "Fire and rescue";
    kind_ambulance: "Ambulanță", "Ambulance";
    kind_emergency: "Apeluri de urgență", "Emergency calls";
    kind_city_hall: "Primărie", "City hall";
    kind_utility: "Utilități", "Utilities";
}

/// A kind of body in words; an unknown code as it is.
pub fn kind(code: &str, lang: Lang) -> String {
    let t = of(lang);
    match code {
        "police" => t.kind_police,
        "gendarmerie" => t.kind_gendarmerie,
        "fire_rescue" => t.kind_fire_rescue,
        "ambulance" => t.kind_ambulance,
        "emergency" => t.kind_emergency,
        "city_hall" => t.kind_city_hall,
        "utility" => t.kind_utility,
        other => other,
    }
    .to_string()
}
