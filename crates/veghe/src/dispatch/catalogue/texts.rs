//! The incident-type catalogue's words: its administration pages and its refusals, Romanian first
//! and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the incident-type catalogue.";
    title: "Tipuri de incidente", "Incident types";
    back: "Înapoi la administrare", "Back to administration";
    intro: "Nomenclatorul după care se preiau apelurile. Un tip folosit nu se șterge: redenumirea lui deschide o versiune nouă, iar incidentele vechi își păstrează denumirea de atunci. Un tip retras nu mai poate fi ales pentru apeluri noi.", "The catalogue calls are taken by. A type in use is never deleted: renaming it opens a new version and old incidents keep the name they had. A retired type can no longer be chosen for new calls.";
    code: "Cod", "Code";
    name_ro: "Denumire (română)", "Name (Romanian)";
    name_en: "Denumire (engleză)", "Name (English)";
    names: "Denumire", "Name";
    priority: "Prioritate implicită", "Default priority";
    priority_short: "Prioritate", "Priority";
    competence: "De competența serviciului", "In the service's competence";
    competence_short: "Competență", "Competence";
    ours: "da", "yes";
    not_ours: "nu", "no";
    legal_basis: "Temei legal", "Legal basis";
    agency: "Forța cooperantă (când nu e de competența serviciului)", "Cooperating force (when outside the service's competence)";
    agency_short: "Predat la", "Handed to";
    no_agency: "niciuna", "none";
    cap: "Categorie CAP", "CAP category";
    eido: "Tip EIDO", "EIDO type";
    active_from: "Activ de la", "Active from";
    active_to: "Activ până la", "Active until";
    always: "de la început", "from the start";
    retired: "retras", "retired";
    actions: "Acțiuni", "Actions";
    edit: "Modifică", "Edit";
    add: "Adaugă un tip", "Add a type";
    save: "Salvează", "Save";
    code_hint: "litere mici latine, cifre și _, începe cu o literă (2–40 de caractere); nu se mai schimbă", "lower-case Latin letters, digits and _, starting with a letter (2–40 characters); never changes afterwards";
    edit_title: "Tipul de incident", "Incident type";
    used: "Folosit de incidente: redenumirea deschide o versiune nouă de acum.", "Used by incidents: renaming opens a new version from now.";
    unused: "Nefolosit încă: se modifică pe loc.", "Not used yet: edited in place.";
    retire: "Retrage tipul", "Retire the type";
    retire_intro: "Un tip retras nu mai poate fi ales pentru apeluri noi; incidentele vechi își păstrează denumirea.", "A retired type can no longer be chosen for new calls; old incidents keep its name.";
    retire_confirm: "Confirm retragerea acestui tip", "I confirm retiring this type";
    is_retired: "Tipul este retras; nu se mai modifică.", "The type is retired; it is no longer edited.";
    saved: "Salvat.", "Saved.";
    bad_code: "Codul: litere mici latine, cifre și _, începe cu o literă, 2–40 de caractere, fără spații sau diacritice.", "code: lower-case Latin letters, digits and _, starting with a letter, 2–40 characters, no spaces or accents";
    bad_name_ro: "Denumirea în română este obligatorie, cel mult 120 de caractere.", "name_ro is required, at most 120 characters";
    bad_name_en: "Denumirea în engleză este obligatorie, cel mult 120 de caractere.", "name_en is required, at most 120 characters";
    bad_priority: "Prioritatea implicită este 1, 2 sau 3.", "default_priority must be 1, 2 or 3";
    bad_legal_basis: "Temeiul legal: cel mult 200 de caractere.", "legal_basis must have at most 200 characters";
    bad_cap: "Categoria CAP este una dintre: Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other.", "cap_category must be one of Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other";
    bad_eido: "Tipul EIDO este obligatoriu, cel mult 60 de caractere.", "eido_type is required, at most 60 characters";
    agency_needed: "Alegeți forța cooperantă căreia i se predă un tip care nu e de competența serviciului.", "agency is required for a type outside the service's competence";
    agency_unknown: "Forța cooperantă nu există în nomenclator.", "agency is not a known cooperating force";
    duplicate: "Există deja un tip cu acest cod.", "A type with this code already exists";
    retired_refused: "Tipul este retras și nu se mai modifică.", "The type is retired and is no longer edited";
    type_unknown: "Tip de incident necunoscut sau retras; alegeți unul din nomenclator.", "unknown or retired incident type; see the catalogue (GET /api/v1/incident-types)";
}
