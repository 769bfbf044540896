//! The interface's words, Romanian first and English second, side by side so neither is forgotten.

use std::str::FromStr;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Ro,
    En,
}

impl Lang {
    pub const COOKIE: &'static str = "veghe_lang";

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ro => "ro",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Ro => Lang::En,
            Lang::En => Lang::Ro,
        }
    }

    pub fn tr(self) -> &'static Tr {
        of(self)
    }

    /// A number with `places` decimals written this language's way: `16,9` in Romanian, `16.9`
    /// in English (a zero is never written `-0,0`).
    pub fn decimal(self, value: f64, places: usize) -> String {
        let text = format!("{:.places$}", value + 0.0);
        match self {
            Lang::Ro => text.replace('.', ","),
            Lang::En => text,
        }
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ro" => Ok(Lang::Ro),
            "en" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

/// Declares a table of texts, each with its Romanian and English form side by side (a missing
/// translation does not compile): `struct $table`, its `RO` and `EN`, and `of(lang)`. The
/// interface's common words are here; a feature with many words of its own keeps them in a
/// `texts` module of its own, declared with this macro.
macro_rules! texts_table {
    ($table:ident, $doc:literal; $($key:ident: $ro:expr, $en:expr;)*) => {
        #[doc = $doc]
        pub struct $table { $(pub $key: &'static str,)* }
        pub const RO: $table = $table { $($key: $ro,)* };
        pub const EN: $table = $table { $($key: $en,)* };
        /// The texts in `lang`.
        pub fn of(lang: $crate::web::Lang) -> &'static $table {
            match lang {
                $crate::web::Lang::Ro => &RO,
                $crate::web::Lang::En => &EN,
            }
        }
    };
}
pub(crate) use texts_table;

texts_table! { Tr, "Every text of the interface.";
    lang_name: "Română", "English";
    service: "Serviciul Comunicare, Prevenire și Dispecerat", "Communication, Prevention and Dispatch Service";
    institution: "Poliția Locală Timișoara", "Local Police of Timișoara";
    skip_link: "Salt la conținut", "Skip to content";
    nav_label: "Navigare principală", "Main navigation";
    nav_home: "Acasă", "Home";
    nav_map: "Hartă", "Map";
    nav_analysis: "Analiză", "Analysis";
    nav_board: "Dispecerat", "Dispatch";
    nav_duty: "Registrul dispeceratului", "Duty log";
    nav_crew: "Echipajul meu", "My crew";
    nav_units: "Echipaje", "Crews";
    nav_calendar: "Termene legale", "Legal deadlines";
    nav_users: "Utilizatori", "Users";
    nav_admin: "Administrare", "Administration";
    nav_audit: "Jurnal de audit", "Audit trail";
    nav_access: "Jurnal de acces", "Access log";
    nav_api: "API", "API";
    nav_alerts: "Avertizări publice", "Public alerts";
    nav_activity: "Activitate", "Activity";
    nav_press: "Presă", "Press office";
    signed_in_as: "Autentificat ca", "Signed in as";
    choose_role: "— alegeți rolul —", "— choose a role —";
    board_saved: "Apelul a fost înregistrat ca incidentul", "The call is registered as incident";
    src_phone: "apel telefonic", "phone call";
    src_duty_desk: "la ofițerul de serviciu", "at the duty desk";
    src_112: "112", "112";
    src_patrol: "constatat de patrulă", "found by a patrol";
    src_petition: "petiție", "petition";
    src_camera: "camere video", "video cameras";
    board_located: "localizat pe hartă.", "placed on the map.";
    board_unlocated: "adresa nu a fost găsită pe hartă: deschideți incidentul pentru a-l repartiza.", "the address was not found on the map: open the incident to assign it.";
    logout: "Ieșire", "Sign out";
    my_password: "Parola mea", "My password";
    login_title: "Autentificare", "Sign in";
    login_intro: "Introduceți utilizatorul și parola primite de la administrator.", "Enter the username and password your administrator gave you.";
    login_first_start: "Instalare nouă: nu există încă niciun administrator. Pe serverul Veghe, creați-l cu comanda de mai jos (parola se citește de la intrarea standard), apoi autentificați-vă aici.", "New installation: there is no administrator yet. On the Veghe server, create one with the command below (the password is read from standard input), then sign in here.";
    username: "Utilizator", "Username";
    password: "Parolă", "Password";
    required_mark: "obligatoriu", "required";
    login_button: "Autentificare", "Sign in";
    login_failed: "Utilizator sau parolă incorectă.", "Incorrect username or password.";
    login_throttled: "Prea multe încercări eșuate. Reîncercați peste câteva minute.", "Too many failed attempts. Try again in a few minutes.";
    welcome: "Bun venit", "Welcome";
    role: "Rol", "Role";
    error_title: "Eroare", "Error";
    forbidden_title: "Acces interzis", "Access denied";
    forbidden_text: "Rolul dumneavoastră nu permite accesul la această pagină.", "Your role does not give access to this page.";
    not_found_title: "Pagina nu există", "Page not found";
    not_found_text: "Adresa cerută nu există în Veghe.", "The address you asked for does not exist in Veghe.";
    unavailable_title: "Serviciu indisponibil temporar", "Service temporarily unavailable";
    back_home: "Înapoi la pagina principală", "Back to the home page";
    open_incidents: "Incidente deschise", "Open incidents";
    last_24h: "Incidente în ultimele 24 de ore", "Incidents in the last 24 hours";
    this_month: "Luna curentă", "This month";
    same_month_last_year: "aceeași lună anul trecut", "same month last year";
    incidents_by_month: "Incidente pe luni (ultimele 36 de luni)", "Incidents by month (last 36 months)";
    incidents_by_type: "Incidente pe tipuri (ultimele 30 de zile)", "Incidents by type (last 30 days)";
    incidents_by_hour: "Incidente pe ore ale zilei (ultimele 90 de zile)", "Incidents by hour of day (last 90 days)";
    incidents: "incidente", "incidents";
    your_tools: "Instrumentele dumneavoastră", "Your tools";
    audit_entries: "Înregistrări în jurnalul de audit", "Audit trail entries";
    accounts: "Conturi", "Accounts";
    map_title: "Harta municipiului Timișoara", "Map of Timișoara";
    map_label: "Hartă interactivă: limita municipiului, cartierele, unitățile de învățământ și incidentele recente", "Interactive map: city limit, neighbourhoods, schools and recent incidents";
    map_intro: "Limita municipiului, cele 31 de cartiere, unitățile de învățământ și incidentele ultimelor 7 zile.", "The city limit, the 31 neighbourhoods, the schools and the incidents of the last 7 days.";
    map_credit: "Date geografice © contribuitorii OpenStreetMap (ODbL); limita UAT: GIS-GeoLabs/harta-uat.", "Geographic data © OpenStreetMap contributors (ODbL); city limit: GIS-GeoLabs/harta-uat.";
    calendar_title: "Calculator de termene legale", "Legal deadline calculator";
    calendar_intro: "Termenul se calculează pe zile calendaristice, fără ziua înregistrării; dacă ultima zi nu este lucrătoare, termenul se împlinește la sfârșitul următoarei zile lucrătoare (Codul civil, art. 2553).", "Terms run in calendar days, excluding the day of registration; when the last day is not a working day the term ends at the end of the next working day (Civil Code art. 2553).";
    rule: "Termen", "Term";
    from_date: "Data de la care curge termenul", "Date the term runs from";
    compute: "Calculează", "Compute";
    due: "Termen limită", "Due date";
    legal_basis: "Temei legal", "Legal basis";
    holidays_title: "Sărbători legale", "Public holidays";
    year: "Anul", "Year";
    show: "Arată", "Show";
    date: "Data", "Date";
    weekday: "Ziua", "Weekday";
    name: "Denumire", "Name";
    users_title: "Utilizatori și roluri", "Users and roles";
    display_name: "Nume afișat", "Display name";
    email: "E-mail", "E-mail";
    status: "Stare", "Status";
    active: "activ", "active";
    disabled: "dezactivat", "disabled";
    add_user: "Adaugă utilizator", "Add user";
    save: "Salvează", "Save";
    disable: "Dezactivează", "Disable";
    enable: "Activează", "Enable";
    audit_title: "Jurnal de audit", "Audit trail";
    audit_intro: "Fiecare modificare, cu autorul, momentul și conținutul înainte și după, înlănțuită prin hash.", "Every change, with its author, time and content before and after, chained by hash.";
    chain_intact: "Lanțul de hash-uri este intact", "The hash chain is intact";
    chain_broken: "Lanțul de hash-uri este rupt la înregistrarea", "The hash chain is broken at entry";
    when: "Când", "When";
    who: "Cine", "Who";
    action: "Acțiune", "Action";
    entity: "Obiect", "Object";
    change: "Modificare", "Change";
    access_title: "Jurnal de acces la date personale", "Personal data access log";
    access_intro: "Cine a consultat date personale, când și cu ce motiv (Directiva (UE) 2016/680, art. 25; Legea 363/2018).", "Who consulted personal data, when and why (Directive (EU) 2016/680 art. 25; Law 363/2018).";
    fields: "Câmpuri", "Fields";
    reason: "Motiv", "Reason";
    api_title: "Interfața de programare (API)", "Programming interface (API)";
    api_intro: "API-ul JSON de sub /api/v1 cere un jeton trimis ca „Authorization: Bearer …”. Descrierea OpenAPI completă:", "The JSON API under /api/v1 needs a token sent as “Authorization: Bearer …”. The full OpenAPI description:";
    method: "Metodă", "Method";
    path: "Cale", "Path";
    summary: "Descriere", "Summary";
    alerts_title: "Avertizări publice (CAP)", "Public alerts (CAP)";
    alerts_intro: "O avertizare emisă aici apare imediat în fluxul public, în format OASIS CAP 1.2, pentru presă, aplicații și alte instituții. Anularea publică un mesaj de anulare care trimite la avertizarea inițială.", "An alert issued here appears at once in the public feed, as OASIS CAP 1.2, for the press, apps and other institutions. Cancelling publishes a Cancel message that refers to the original alert.";
    alerts_feed: "Fluxul public (Atom, CAP 1.2)", "Public feed (Atom, CAP 1.2)";
    alerts_new: "Avertizare nouă", "New alert";
    alerts_event: "Eveniment", "Event";
    alerts_headline: "Titlu", "Headline";
    alerts_description: "Descriere", "Description";
    alerts_instruction: "Instrucțiuni pentru populație", "Instructions to the public";
    alerts_event_en: "Eveniment, în engleză (opțional)", "Event, in English (optional)";
    alerts_headline_en: "Titlu, în engleză (opțional)", "Headline, in English (optional)";
    alerts_description_en: "Descriere, în engleză", "Description, in English";
    alerts_instruction_en: "Instrucțiuni, în engleză", "Instructions, in English";
    alerts_category: "Categorie", "Category";
    alerts_severity: "Gravitate", "Severity";
    alerts_urgency: "Urgență", "Urgency";
    alerts_certainty: "Certitudine", "Certainty";
    alerts_response: "Acțiune recomandată", "Recommended response";
    alerts_area: "Zona afectată", "Affected area";
    alerts_area_desc: "Descrierea zonei", "Area description";
    alerts_area_hint: "Dați un cerc (centru și rază) sau un poligon: puncte „lat,lon” separate prin spațiu, în WGS84.", "Give a circle (centre and radius) or a polygon: “lat,lon” points separated by spaces, in WGS84.";
    alerts_lat: "Latitudinea centrului", "Centre latitude";
    alerts_lon: "Longitudinea centrului", "Centre longitude";
    alerts_radius: "Raza (km)", "Radius (km)";
    alerts_polygon: "Poligon", "Polygon";
    alerts_onset: "Începe la", "Onset";
    alerts_expires: "Expiră la", "Expires";
    alerts_incident: "Incident legat (id, opțional)", "Linked incident (id, optional)";
    alerts_issue: "Emite avertizarea", "Issue the alert";
    alerts_recent: "Mesajele ultimelor 30 de zile", "Messages of the last 30 days";
    alerts_sent: "Trimis", "Sent";
    alerts_identifier: "Identificator", "Identifier";
    alerts_in_force: "în vigoare", "in force";
    alerts_cancelled: "anulată", "cancelled";
    alerts_expired: "expirată", "expired";
    alerts_cancel_message: "mesaj de anulare", "cancel message";
    alerts_cancel: "Anulează", "Cancel";
    nothing_yet: "Nu există înregistrări.", "Nothing recorded yet.";
    // Special events, notifications, emergency plans.
    nav_special: "Evenimente deosebite", "Special events";
    nav_plans: "Planuri de urgență", "Emergency plans";
    notif_title: "Notificări", "Notifications";
    notif_none: "Nu aveți notificări.", "You have no notifications.";
    notif_ack: "Confirm luarea la cunoștință", "Acknowledge";
    notif_acked: "Confirmat la", "Acknowledged at";
    notif_unacked: "neconfirmate", "unacknowledged";
    notif_open: "Deschide", "Open";
    se_title: "Evenimente deosebite", "Special events";
    se_declare: "Declară eveniment deosebit", "Declare a special event";
    se_incident: "Incident (număr/an)", "Incident (number/year)";
    se_declared_at: "Declarat la", "Declared at";
    se_declared_by: "Declarat de", "Declared by";
    se_none: "Niciun eveniment deosebit.", "No special events.";
    se_acks: "Luări la cunoștință", "Acknowledgements";
    se_recipient: "Destinatar", "Recipient";
    se_notified: "Notificat la", "Notified at";
    se_not_acked: "neconfirmat", "not acknowledged";
    se_mails: "E-mailuri", "E-mails";
    se_state: "Stare", "State";
    se_attempts: "Încercări", "Attempts";
    se_error: "Ultima eroare", "Last error";
    se_open_report: "Raportul scris (de tipărit)", "Written report (printable)";
    mail_pending: "de trimis", "to be sent";
    mail_sent: "trimis", "sent";
    mail_failed: "eșuat definitiv", "failed for good";
    mail_not_configured: "neconfigurat (doar în aplicație)", "not configured (in-app only)";
    mail_no_address: "fără adresă de e-mail", "no e-mail address";
    rep_title: "Raport de eveniment deosebit", "Special event report";
    rep_number: "Număr incident", "Incident number";
    rep_type: "Tip", "Type";
    rep_priority: "Prioritate", "Priority";
    rep_address: "Adresă", "Address";
    rep_received: "Primit la", "Received at";
    rep_dispatched: "Alocat la", "Dispatched at";
    rep_on_scene: "La fața locului la", "On scene at";
    rep_closed: "Închis la", "Closed at";
    rep_outcome: "Rezultat", "Outcome";
    rep_description: "Descriere", "Description";
    rep_crews: "Echipaje", "Crews";
    rep_timeline: "Cronologie", "Timeline";
    rep_handovers: "Predări către alte instituții", "Hand-overs to other bodies";
    rep_when: "Ora", "Time";
    rep_who: "Cine", "Who";
    rep_what: "Ce", "What";
    rep_note: "Mențiuni", "Notes";
    rep_agency: "Instituția", "Body";
    rep_channel: "Canal", "Channel";
    rep_reference: "Referință", "Reference";
    rep_generated: "Generat la", "Generated at";
    rep_signature: "Întocmit de (nume, semnătură)", "Drawn up by (name, signature)";
    plans_title: "Planuri de urgență", "Emergency plans";
    plans_active: "Planuri active", "Active plans";
    plans_recent_closed: "Închise recent", "Recently closed";
    plans_activate: "Activează un plan", "Activate a plan";
    plans_template: "Tipul calamității", "Kind of calamity";
    plans_incident: "Incident legat (opțional, număr/an)", "Linked incident (optional, number/year)";
    plans_none: "Niciun plan activ.", "No active plan.";
    plans_activated: "Activat la", "Activated at";
    plans_by: "de", "by";
    plans_progress: "Sarcini îndeplinite", "Tasks done";
    plans_task: "Sarcina", "Task";
    plans_owner: "Responsabil", "Owner";
    plans_due: "Termen", "Due";
    plans_done: "Îndeplinită", "Done";
    plans_overdue: "termen depășit", "overdue";
    plans_mark_done: "Bifează", "Mark done";
    plans_note: "Mențiune", "Note";
    plans_log: "Jurnalul planului", "The plan's log";
    plans_close: "Închide planul", "Close the plan";
    plans_closing_note: "Nota de închidere", "Closing note";
    plans_closed: "Închis la", "Closed at";
    plans_templates: "Șabloanele planurilor", "Plan templates";
    plans_minutes_after: "minute după activare", "minutes after activation";
    plans_edit: "Modifică", "Edit";
    plans_position: "Poziția", "Position";
    plans_save: "Salvează", "Save";
    nav_registry: "Registratură", "Registry";
    nav_queue: "Lucrările compartimentului", "Department queue";
    nav_registry_reports: "Rapoarte registratură", "Registry reports";
    reg_title: "Registrul de intrare-ieșire", "Registry";
    reg_intro: "Petiții (OG 27/2002), solicitări de informații de interes public (Legea 544/2001) și documente interne. Numele petenților sunt mascate; afișarea completă cere un motiv și se înregistrează în jurnalul de acces.", "Petitions (OG 27/2002), public-information requests (Law 544/2001) and internal documents. Petitioners' names are masked; seeing them in full asks for a reason, kept in the access log.";
    reg_new: "Înregistrare nouă", "New registration";
    reg_register: "Registrul", "Register";
    reg_petition: "Petiții", "Petitions";
    reg_info: "Informații de interes public", "Public-interest information";
    reg_internal: "Documente interne", "Internal documents";
    reg_all: "Toate", "All";
    reg_number: "Nr. / data", "No. / date";
    reg_channel: "Canal", "Channel";
    reg_kind: "Tip", "Kind";
    reg_petitioner: "Petent", "Petitioner";
    reg_person: "Persoană fizică", "Person";
    reg_organisation: "Persoană juridică", "Organisation";
    reg_anonymous: "Anonimă (se clasează, OG 27/2002 art. 7)", "Anonymous (classed, OG 27/2002 art. 7)";
    reg_cnp: "CNP (opțional)", "CNP (optional)";
    reg_cui: "CUI", "CUI";
    reg_phone: "Telefon", "Phone";
    reg_address: "Adresa de corespondență", "Postal address";
    reg_subject: "Obiectul", "Subject";
    reg_text: "Conținutul", "Text";
    reg_reserved: "Număr rezervat (opțional)", "Reserved number (optional)";
    reg_submit: "Înregistrează", "Register";
    reg_search: "Caută în obiect", "Search the subject";
    reg_filter: "Filtrează", "Filter";
    reg_due: "Termen legal", "Legal deadline";
    reg_internal_due: "Termen intern", "Internal deadline";
    reg_department: "Compartiment", "Department";
    reg_overdue: "Depășit", "Overdue";
    reg_timeline: "Istoricul lucrării", "Case timeline";
    reg_actions: "Acțiuni permise", "Allowed actions";
    reg_reveal: "Afișează datele petentului", "Show the petitioner's data";
    reg_revealed: "Date personale afișate; consultarea a fost înregistrată în jurnalul de acces.", "Personal data shown; the reading was recorded in the access log.";
    reg_route: "Repartizează", "Route";
    reg_forward: "Redirecționează (OG 27/2002 art. 6¹)", "Forward (OG 27/2002 art. 6¹)";
    reg_forward_to: "Autoritatea competentă", "Competent authority";
    reg_informed: "Petentul a fost înștiințat", "The petitioner was told";
    reg_extend: "Prelungește termenul (art. 9)", "Extend the term (art. 9)";
    reg_days: "Zile (cel mult 15)", "Days (at most 15)";
    reg_notice_on: "Data înștiințării petentului", "Date the petitioner was notified";
    reg_join: "Conexează la petiția (id)", "Join to petition (id)";
    reg_class: "Clasează", "Class";
    reg_ground: "Temei", "Ground";
    reg_original: "Petiția originală (id), pentru repetate", "Original petition (id), for repeats";
    reg_refuse: "Refuz motivat (Legea 544/2001 art. 7)", "Reasoned refusal (Law 544/2001 art. 7)";
    reg_answer: "Răspuns expediat", "Answer sent";
    reg_via: "Expediat prin", "Sent by";
    reg_sent_on: "Data expedierii", "Date sent";
    reg_summary: "Rezumatul răspunsului", "Summary of the answer";
    reg_archive: "Arhivează", "Archive";
    reg_archive_ref: "Indicativ de arhivă", "Archive reference";
    reg_duplicates: "Posibile dubluri (același petent, obiect asemănător)", "Possible duplicates (same petitioner, similar subject)";
    reg_nearby: "Sesizări deschise din aceeași categorie, la cel mult 50 m", "Open reports of the same category within 50 m";
    reg_distance: "Distanța", "Distance";
    reg_queue_title: "Lucrările compartimentului", "Department queue";
    reg_due_week: "Cu termen în următoarele 7 zile", "Due in the next 7 days";
    reg_overdue_list: "Cu termen depășit", "Overdue";
    reg_open_list: "Toate lucrările deschise", "All open cases";
    reg_registered_as: "Înregistrat cu nr.", "Registered as no.";
    reg_attachments: "Anexe", "Attachments";
    reg_export: "Descarcă lista (CSV, petenți mascați)", "Download the list (CSV, petitioners masked)";
    reg_export_full: "Lista cu datele complete ale petenților (motivul se înregistrează)", "The list with the petitioners in full (the reason is logged)";
    reg_export_full_go: "Descarcă lista completă (CSV)", "Download the full list (CSV)";
    dash_title: "Situația petițiilor", "Petitions overview";
    dash_year: "Anul", "Year";
    dash_by_department: "Pe compartimente", "By department";
    dash_by_kind: "Pe tipuri", "By type";
    dash_volume: "Înregistrate", "Registered";
    dash_open: "În lucru", "Open";
    dash_answered: "Cu răspuns", "Answered";
    dash_on_time: "Răspuns în termen", "Answered in time";
    dash_avg_days: "Zile până la răspuns (medie)", "Days to answer (average)";
    cit_title: "Petiție online", "Online petition";
    cit_intro: "Trimiteți o petiție (OG 27/2002) sau o solicitare de informații de interes public (Legea 544/2001) către Poliția Locală Timișoara. Petițiile fără date de identificare nu se iau în considerare.", "Send a petition (OG 27/2002) or a request for public information (Law 544/2001) to the Local Police of Timișoara. Petitions without the petitioner's identification are not considered.";
    cit_gdpr: "Datele dumneavoastră personale sunt prelucrate de Poliția Locală Timișoara în temeiul art. 6 alin. (1) lit. c) și e) din Regulamentul (UE) 2016/679, numai pentru soluționarea petiției și transmiterea răspunsului, și sunt păstrate cât cer normele de arhivare. Aveți dreptul de acces, rectificare, ștergere, restricționare și opoziție, și dreptul de a vă adresa ANSPDCP.", "Your personal data is processed by the Local Police of Timișoara under art. 6(1)(c) and (e) of Regulation (EU) 2016/679, only to settle the petition and send the answer, and is kept as long as the archiving rules require. You have the right of access, rectification, erasure, restriction and objection, and may complain to ANSPDCP.";
    cit_consent: "Am citit informarea privind prelucrarea datelor personale", "I have read the notice on the processing of personal data";
    cit_send: "Trimite", "Send";
    cit_done: "Petiția a fost înregistrată", "Your petition is registered";
    cit_number: "Numărul de înregistrare", "Registration number";
    cit_code: "Codul de urmărire", "Tracking code";
    cit_code_note: "Păstrați numărul și codul: împreună vă arată stadiul petiției. Codul nu se mai afișează a doua oară.", "Keep the number and the code: together they show your petition's progress. The code is not shown again.";
    cit_due: "Termen de răspuns", "Answer due by";
    cit_status_title: "Stadiul petiției", "Petition status";
    cit_status_intro: "Introduceți numărul de înregistrare (de exemplu 1234/29.11.2026) și codul de urmărire primit.", "Enter the registration number (for example 1234/29.11.2026) and the tracking code you received.";
    cit_look: "Caută", "Look up";
    cit_not_found: "Nu am găsit o petiție cu acest număr și acest cod.", "No petition was found with this number and code.";
    cit_state: "Stadiu", "State";
    cit_steps: "Pașii", "Steps";
    cit_throttled: "Prea multe petiții trimise de la această adresă. Reîncercați mai târziu.", "Too many petitions sent from this address. Try again later.";
    o311_title: "Chei API Open311", "Open311 API keys";
    o311_intro: "Cheile permit aplicațiilor partenere să trimită sesizări prin interfața Open311 GeoReport v2 (/open311/v2/). Cheia se afișează o singură dată; se păstrează doar amprenta ei.", "Keys let partner applications post reports through the Open311 GeoReport v2 interface (/open311/v2/). A key is shown once; only its fingerprint is kept.";
    o311_new: "Cheie nouă", "New key";
    o311_issued: "Cheia emisă (copiați-o acum, nu se mai afișează):", "The key issued (copy it now, it is not shown again):";
    o311_revoke: "Revocă", "Revoke";
    o311_revoked: "revocată", "revoked";
    o311_in_force: "în vigoare", "in force";
    footer_note: "Veghe — platforma operațională a serviciului", "Veghe — the service's operations platform";
}

#[cfg(test)]
mod tests {
    /// Romanian is written with ș and ț (comma below), never with the cedilla forms, in every source
    /// of interface text: the word tables (`i18n.rs` and each feature's `*texts.rs`) and the
    /// templates. (Other code may name the cedilla forms, to read text typed with them.)
    fn is_interface_text(p: &std::path::Path) -> bool {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        name.ends_with(".html") || name == "i18n.rs" || name.ends_with("texts.rs")
    }

    #[test]
    fn romanian_uses_comma_below_never_cedilla() {
        let cedillas = ['\u{015E}', '\u{015F}', '\u{0162}', '\u{0163}'];
        let mut sources: Vec<(String, String)> = Vec::new();
        for dir in ["src", "templates"] {
            let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
            while let Some(d) = stack.pop() {
                for entry in std::fs::read_dir(&d).expect("source dir").flatten() {
                    let p = entry.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if is_interface_text(&p) {
                        let text = std::fs::read_to_string(&p).expect("source");
                        sources.push((p.display().to_string(), text));
                    }
                }
            }
        }
        for (name, text) in sources {
            assert!(
                !text.contains(cedillas),
                "{name} has a cedilla form of s or t (use U+0219/U+021B)"
            );
        }
        assert!(super::RO.service.contains('ș'));
    }
}
