//! The words of the registry's reports and of retention, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the reports and retention pages.";
    lang_tag: "ro-RO", "en-GB";
    reports: "Rapoarte ale registraturii", "Registry reports";
    reports_intro: "Analiza semestrială a petițiilor și raportul anual privind accesul la informațiile de interes public, ca PDF, DOCX sau XLSX.", "The half-yearly analysis of petitions and the annual report on access to public information, as PDF, DOCX or XLSX.";
    year: "Anul", "Year";
    half: "Semestrul", "Half-year";
    half_1: "I (ianuarie–iunie)", "1st (January–June)";
    half_2: "II (iulie–decembrie)", "2nd (July–December)";
    show: "Afișează", "Show";
    download: "Descarcă", "Download";
    count: "Număr", "Number";
    share: "Pondere", "Share";
    total: "Total", "Total";
    item: "Element", "Item";
    indicator: "Indicator", "Indicator";
    change: "Variație", "Change";
    period: "Perioada", "Period";
    as_of: "Situație la data de", "As of";
    pet_title: "Analiza semestrială a activității de soluționare a petițiilor", "Half-yearly analysis of the handling of petitions";
    pet_basis: "Întocmită de compartimentul de registratură conform OG nr. 27/2002, art. 13.", "Drawn up by the registry under OG 27/2002, art. 13.";
    pet_outcomes: "Soluționare, față de semestrul anterior", "Outcomes, against the previous half-year";
    pet_notes: "Petițiile se numără în semestrul înregistrării; stările sunt cele de la data situației. Termenul este cel legal (30 de zile, prelungit cu cel mult 15), calculat după art. 2553 Cod civil.", "Petitions count in the half-year they were registered; states are those on the date of the report. The term is the legal one (30 days, extended by at most 15), counted under Civil Code art. 2553.";
    registered: "Petiții înregistrate", "Petitions registered";
    answered: "Soluționate (răspuns trimis)", "Answered";
    answered_in_time: "Soluționate în termen", "Answered in time";
    answered_late: "Soluționate cu depășirea termenului", "Answered late";
    forwarded: "Redirecționate altor autorități", "Forwarded to other authorities";
    joined: "Conexate", "Joined";
    classed: "Clasate", "Classed";
    classed_anonymous: "Clasate: anonime", "Classed: anonymous";
    classed_repeat: "Clasate: repetate", "Classed: repeated";
    extended: "Cu termen prelungit", "Term extended";
    open: "În lucru", "Open";
    open_overdue: "În lucru, cu termenul depășit", "Open, past the term";
    average_days: "Durata medie până la răspuns (zile)", "Average days to the answer";
    by_kind: "Pe tipuri", "By kind";
    kind: "Tip", "Kind";
    by_channel: "Pe căi de primire", "By channel";
    channel: "Cale de primire", "Channel";
    by_petitioner: "Pe categorii de petenți", "By petitioner";
    petitioner: "Petent", "Petitioner";
    by_department: "Pe compartimente", "By department";
    department: "Compartiment", "Department";
    subjects: "Cele mai frecvente probleme semnalate", "Most frequent subjects";
    subject: "Obiect", "Subject";
    person: "persoane fizice", "natural persons";
    organisation: "persoane juridice", "legal persons";
    anonymous: "anonime", "anonymous";
    l544_title: "Raport privind accesul la informațiile de interes public", "Report on access to public-interest information";
    l544_basis: "Legea nr. 544/2001, art. 27; HG nr. 123/2002, art. 27 (modificată prin HG nr. 478/2016).", "Law 544/2001, art. 27; HG 123/2002, art. 27 (as amended by HG 478/2016).";
    l544_requests: "Solicitări înregistrate", "Requests registered";
    l544_by_domain: "Solicitări pe domenii de interes", "Requests by domain of interest";
    l544_by_petitioner: "Solicitări după solicitant", "Requests by requester";
    l544_by_medium: "Solicitări după modalitatea de adresare", "Requests by medium";
    l544_favourable: "Solicitări soluționate favorabil", "Requests answered favourably";
    l544_refused: "Solicitări respinse", "Requests refused";
    l544_flow: "Redirecționate, clasate, prelungite, întârziate, în curs", "Forwarded, classed, extended, late, pending";
    l544_forwarded: "Redirecționate către alte instituții", "Forwarded to other institutions";
    l544_classed: "Clasate (fără datele solicitantului)", "Classed (no requester identified)";
    l544_extended: "Cu termen prelungit la 30 de zile", "Term extended to 30 days";
    l544_pending: "În curs de soluționare", "Pending";
    l544_response_time: "Răspunsuri după termenul în care au fost date", "Answers by response time";
    l544_complaints: "Reclamații administrative", "Administrative complaints";
    l544_court: "Plângeri în instanță", "Court cases";
    l544_costs: "Costuri", "Costs";
    l544_measures: "Măsuri pentru îmbunătățirea accesului la informații", "Measures to improve access to information";
    l544_responsible: "Persoana responsabilă cu difuzarea informațiilor de interes public", "Person responsible for public information";
    by_time: "După termenul de răspuns", "By response time";
    by_answer_medium: "După modalitatea de comunicare a răspunsului", "By how the answer was sent";
    by_domain: "Pe domenii de interes", "By domain of interest";
    by_ground: "După motivul respingerii", "By ground of refusal";
    other_reasons: "Alte motive, precizate", "Other grounds, named";
    favourable_outcome: "Soluționate favorabil", "Favourable";
    rejected_outcome: "Respinse", "Rejected";
    pending_outcome: "În curs de soluționare", "Pending";
    not_recorded: "Soluție neînregistrată", "Outcome not recorded";
    costs: "Costurile totale de funcționare ale compartimentului", "Total operating costs of the compartment";
    copy_income: "Sume încasate pentru copierea informațiilor", "Collected for copies";
    copy_fee: "Contravaloarea copierii (pe pagină)", "Copying fee (per page)";
    copy_fee_basis: "Actul care stabilește contravaloarea", "The act setting the fee";
    measures: "Măsuri", "Measures";
    responsible: "Persoana responsabilă", "Responsible person";
    d_public_money: "Utilizarea banilor publici (contracte, investiții, cheltuieli)", "Use of public money (contracts, investments, spending)";
    d_duties: "Modul de îndeplinire a atribuțiilor instituției", "How the institution fulfils its duties";
    d_regulations: "Acte normative, reglementări", "Laws and regulations";
    d_leaders: "Activitatea conducerii instituției", "The management's activity";
    d_law544: "Modul de aplicare a Legii nr. 544/2001", "How Law 544/2001 is applied";
    d_other: "Altele", "Other";
    d_unclassified: "Domeniu neînregistrat", "Domain not recorded";
    m_paper: "pe suport de hârtie", "on paper";
    m_electronic: "pe suport electronic", "electronic";
    m_verbal: "verbal", "verbal";
    t_within_10: "în termenul de 10 zile", "within 10 days";
    t_within_30: "în termenul de 30 de zile", "within 30 days";
    t_over_30: "peste 30 de zile", "over 30 days";
    t_pending: "în curs", "pending";
    g_exempt: "informații exceptate de la liberul acces", "exempt information";
    g_nonexistent: "informații inexistente", "information that does not exist";
    g_other: "alte motive", "other grounds";
    g_not_recorded: "motiv neînregistrat", "ground not recorded";
    facts_title: "Date pentru raportul Legii 544/2001", "Facts for the Law 544 report";
    facts_intro: "Pentru fiecare solicitare: domeniul de interes, motivul respingerii; pentru reclamații: soluția.", "For each request: the domain of interest and the ground of a refusal; for complaints: the outcome.";
    facts_missing: "solicitări fără domeniu înregistrat", "requests without a domain recorded";
    facts_edit: "Completează datele", "Record the facts";
    number: "Număr", "Number";
    domain: "Domeniu", "Domain";
    ground: "Motivul respingerii", "Ground of refusal";
    note: "Motivul precizat", "Reason named";
    outcome: "Soluție", "Outcome";
    state: "Stare", "State";
    save: "Salvează", "Save";
    none: "—", "—";
    court_title: "Plângeri în instanță (Legea 544/2001, art. 22)", "Court cases (Law 544/2001, art. 22)";
    court_add: "Adaugă o plângere", "Add a court case";
    court: "Instanța", "Court";
    case_number: "Nr. dosar", "Case number";
    filed_on: "Depusă la", "Filed on";
    decided_on: "Soluționată la", "Decided on";
    entry_number: "Nr. de înregistrare al solicitării (ex. 12/2026)", "The request's registration number (e.g. 12/2026)";
    year_title: "Costuri, măsuri, persoana responsabilă", "Costs, measures, responsible person";
    amount_hint: "lei, ex. 1.234,50", "lei, e.g. 1234.50";
    retention: "Păstrarea datelor personale", "Retention of personal data";
    retention_intro: "Termenul de păstrare curge de la 1 ianuarie a anului următor celui în care dosarul s-a închis. La expirare, datele petentului (nume, CNP, CUI, contact, textul, anexele, notele) se anonimizează; numărul, datele, tipul, compartimentul și soluția rămân, deci statisticile nu se schimbă.", "The term runs from 1 January of the year after the case closed. When it ends, the petitioner's data (name, CNP, CUI, contact, text, attachments, notes) are anonymised; the number, dates, kind, department and outcome stay, so the statistics do not change.";
    register: "Registrul", "Register";
    years: "Ani", "Years";
    basis: "Temeiul", "Basis";
    due_now: "De anonimizat acum", "Due for anonymisation now";
    held: "Păstrate (plângere în instanță în curs)", "Held (court case pending)";
    preview: "Verifică (fără modificări)", "Check (changes nothing)";
    purge: "Anonimizează acum", "Anonymise now";
    purge_confirm: "Confirm anonimizarea ireversibilă a datelor expirate", "I confirm the irreversible anonymisation of expired data";
    purge_done: "Intrări anonimizate", "Entries anonymised";
    history: "Istoric", "History";
    when: "Când", "When";
    who: "Cine", "Who";
    what: "Ce", "What";
    kept: "Păstrate", "Kept";
    erasure: "Cerere de ștergere (GDPR art. 17)", "Erasure request (GDPR art. 17)";
    erasure_intro: "Datele petentului se anonimizează în toate intrările sale al căror termen de păstrare a expirat; celelalte se păstrează, cu motivul și data până la care legea le cere.", "The petitioner's data are anonymised in every entry of theirs whose retention has ended; the others are kept, with the reason and the date until which the law requires them.";
    erasure_entry: "Nr. de înregistrare al unei petiții a persoanei (ex. 12/2026)", "Registration number of one of the person's petitions (e.g. 12/2026)";
    erasure_reference: "Nr. de înregistrare al cererii de ștergere", "Registration number of the erasure request";
    reason: "Motivul", "Reason";
    erase: "Aplică cererea", "Apply the request";
    anonymised: "Anonimizate", "Anonymised";
    until: "Păstrate până la", "Kept until";
    why: "De ce", "Why";
}

impl T {
    pub fn petitioner_kind(&self, k: &str) -> &'static str {
        match k {
            "person" => self.person,
            "organisation" => self.organisation,
            "anonymous" => self.anonymous,
            _ => self.none,
        }
    }

    pub fn domain(&self, k: &str) -> &'static str {
        match k {
            "public_money" => self.d_public_money,
            "duties" => self.d_duties,
            "regulations" => self.d_regulations,
            "leaders" => self.d_leaders,
            "law544" => self.d_law544,
            "other" => self.d_other,
            _ => self.d_unclassified,
        }
    }

    pub fn medium(&self, k: &str) -> &'static str {
        match k {
            "paper" => self.m_paper,
            "electronic" => self.m_electronic,
            _ => self.m_verbal,
        }
    }

    pub fn response_time(&self, k: &str) -> &'static str {
        match k {
            "within_10" => self.t_within_10,
            "within_30" => self.t_within_30,
            "over_30" => self.t_over_30,
            _ => self.t_pending,
        }
    }

    pub fn ground(&self, k: &str) -> &'static str {
        match k {
            "exempt" => self.g_exempt,
            "nonexistent" => self.g_nonexistent,
            "other" => self.g_other,
            _ => self.g_not_recorded,
        }
    }

    pub fn outcome(&self, k: &str) -> &'static str {
        match k {
            "favourable" => self.favourable_outcome,
            "rejected" => self.rejected_outcome,
            "pending" => self.pending_outcome,
            _ => self.none,
        }
    }
}
