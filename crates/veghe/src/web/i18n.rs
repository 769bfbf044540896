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
        match self {
            Lang::Ro => &RO,
            Lang::En => &EN,
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

macro_rules! texts {
    ($($key:ident: $ro:expr, $en:expr;)*) => {
        /// Every text of the interface.
        pub struct Tr { $(pub $key: &'static str,)* }
        pub const RO: Tr = Tr { $($key: $ro,)* };
        pub const EN: Tr = Tr { $($key: $en,)* };
    };
}

texts! {
    lang_name: "Română", "English";
    service: "Serviciul Comunicare, Prevenire și Dispecerat", "Communication, Prevention and Dispatch Service";
    institution: "Poliția Locală Timișoara", "Local Police of Timișoara";
    skip_link: "Salt la conținut", "Skip to content";
    nav_label: "Navigare principală", "Main navigation";
    nav_home: "Acasă", "Home";
    nav_map: "Hartă", "Map";
    nav_board: "Dispecerat", "Dispatch";
    nav_calendar: "Termene legale", "Legal deadlines";
    nav_users: "Utilizatori", "Users";
    nav_audit: "Jurnal de audit", "Audit trail";
    nav_access: "Jurnal de acces", "Access log";
    nav_api: "API", "API";
    signed_in_as: "Autentificat ca", "Signed in as";
    logout: "Ieșire", "Sign out";
    login_title: "Autentificare", "Sign in";
    login_intro: "Introduceți utilizatorul și parola primite de la administrator.", "Enter the username and password your administrator gave you.";
    username: "Utilizator", "Username";
    password: "Parolă", "Password";
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
    footer_note: "Veghe — platforma operațională a serviciului", "Veghe — the service's operations platform";
}

#[cfg(test)]
mod tests {
    /// Romanian is written with ș and ț (comma below), never with the cedilla forms, in every source
    /// of interface text: this table and the templates.
    #[test]
    fn romanian_uses_comma_below_never_cedilla() {
        let cedillas = ['\u{015E}', '\u{015F}', '\u{0162}', '\u{0163}'];
        let mut sources = vec![("i18n.rs".to_string(), include_str!("i18n.rs").to_string())];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut stack = vec![std::path::PathBuf::from(dir)];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("templates dir").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let text = std::fs::read_to_string(&p).expect("template");
                    sources.push((p.display().to_string(), text));
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
