//! The home page's words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the home page's work lists.";
    waiting: "Ce vă așteaptă", "What waits for you";
    overdue: "întârziat", "overdue";
    incidents: "Incidente deschise", "Open incidents";
    priority_1: "prioritate 1 (urgente)", "priority 1 (urgent)";
    priority_2: "prioritate 2", "priority 2";
    priority_3: "prioritate 3", "priority 3";
    open_board: "Deschide dispeceratul", "Open the dispatch board";
    petitions: "Petiții și cereri de informații", "Petitions and information requests";
    petitions_overdue: "depășite de termenul legal", "past their legal deadline";
    petitions_week: "cu termenul în următoarele 7 zile", "due within the next 7 days";
    petitions_unrouted: "nerepartizate unui compartiment", "not routed to a department";
    letters_to_approve: "răspunsuri care așteaptă aprobarea", "answers waiting for approval";
    letters_to_send: "răspunsuri aprobate, de trimis", "approved answers to send";
    open_dashboard: "Tabloul petițiilor", "The petitions dashboard";
    open_deadlines: "Termene pe compartimente", "Deadlines by department";
    plans: "Planuri de urgență", "Emergency plans";
    plans_active: "planuri active", "active plans";
    tasks_overdue: "sarcini întârziate", "overdue tasks";
    open_plans: "Deschide planurile", "Open the plans";
    registry: "Registratură", "Registry";
    to_register: "Înregistrează o intrare nouă", "Register a new entry";
    department: "Cazurile compartimentului meu", "My department's cases";
    department_open: "deschise", "open";
    department_overdue: "depășite (termen legal sau intern)", "overdue (legal or internal deadline)";
    department_week: "cu termenul în următoarele 7 zile", "due within the next 7 days";
    no_department: "Nu sunteți încă membru al unui compartiment; cereți șefului de serviciu să vă adauge.", "You are not a member of a department yet; ask the head of service to add you.";
    open_queue: "Deschide coada compartimentului", "Open the department's queue";
    imports: "Ultimele importuri de sancțiuni", "Latest sanction imports";
    no_imports: "Niciun import încă.", "No import yet.";
    imported: "adăugate", "added";
    already: "deja înregistrate", "already recorded";
    problems: "probleme", "problems";
    checks: "Verificări ale datelor", "Data checks";
    missing_coordinates: "procese-verbale fără coordonate", "records without coordinates";
    unknown_basis: "cu temei legal necunoscut la data faptei", "with a legal basis unknown on the record's date";
    open_quality: "Calitatea datelor", "Data quality";
    new_import: "Import nou", "New import";
    current_month: "lună în curs", "current month";
    full_months: "luni încheiate", "full months";
}
