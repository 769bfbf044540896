//! The administration index's words, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the administration index.";
    title: "Administrare", "Administration";
    intro: "Aici se configurează serviciul: conturile, echipajele, nomenclatoarele și setările. Fiecare modificare intră în jurnalul de audit.", "This is where the service is set up: accounts, crews, catalogues and settings. Every change goes into the audit trail.";
    people: "Oameni și compartimente", "People and departments";
    accounts: "Conturi de utilizator", "User accounts";
    accounts_about: "Adăugare, roluri, dezactivare, parole, sesiuni active", "Add, roles, disable, passwords, active sessions";
    departments: "Compartimente", "Departments";
    departments_about: "Șefii compartimentelor și adresele pentru notificări", "Department heads and notification addresses";
    operations: "Dispecerat", "Dispatch";
    crews: "Echipaje și trackere GPS", "Crews and GPS trackers";
    crews_about: "Indicative, autovehicule, stații radio, trackere", "Call signs, vehicles, radios, trackers";
    types: "Tipuri de incidente", "Incident types";
    types_about: "Nomenclatorul după care se preiau apelurile", "The catalogue calls are taken by";
    agencies: "Forțe cooperante", "Cooperating forces";
    agencies_about: "Instituțiile cărora li se predau incidentele, cu telefoanele lor", "Bodies incidents are handed to, with their phones";
    settings: "Setările serviciului", "Service settings";
    settings_about: "Ture, intervalul de contact cu echipajele, vechimea pozițiilor", "Shifts, crew contact interval, position age";
    plan_templates: "Șabloane de planuri", "Plan templates";
    plan_templates_about: "Sarcinile fiecărui tip de situație de urgență", "The tasks of each kind of emergency";
    offences: "Nomenclatorul contravențiilor", "Offence catalogue";
    offences_about: "Faptele și sancțiunile, pe versiuni în timp", "Offences and sanctions, versioned in time";
    oversight: "Control și evidență", "Oversight";
    retention: "Termene de păstrare", "Retention terms";
    retention_about: "Cât se păstrează fiecare registru; ștergeri", "How long each register is kept; erasures";
    open311: "Chei Open311", "Open311 keys";
    open311_about: "Aplicațiile care trimit sesizări prin API", "Applications that send reports through the API";
    audit: "Jurnal de audit", "Audit trail";
    audit_about: "Fiecare modificare, în lanț verificabil", "Every change, in a verifiable chain";
    access_log: "Jurnalul accesărilor", "Access log";
    access_log_about: "Cine a citit date personale și de ce", "Who read personal data and why";
}
