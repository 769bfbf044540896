//! The media requests pages' words, Romanian first and English second.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { T, "Every text of the media requests pages.";
    title: "Solicitări ale presei", "Media requests";
    back: "Înapoi la biroul de presă", "Back to the press office";
    back_list: "Înapoi la solicitări", "Back to requests";
    intro: "Solicitările verbale ale jurnaliștilor primesc răspuns pe loc sau în cel mult 24 de ore. Solicitările scrise urmează termenele Legii 544/2001 și se înregistrează în registratură.", "Journalists' verbal requests are answered at once or within 24 hours. Written requests follow the terms of Law 544/2001 and are registered by the registry.";
    open_title: "Solicitări verbale fără răspuns", "Verbal requests without an answer";
    none_open: "Nicio solicitare verbală nu așteaptă răspuns.", "No verbal request waits for an answer.";
    written_title: "Solicitări scrise ale presei (registratură)", "Written requests from the press (registry)";
    written_rule: "Cererile de informații de interes public ale căror adrese de e-mail sunt ale unui jurnalist sau ale unei redacții din evidență.", "Public-information requests sent from the e-mail address of a journalist or an outlet on file.";
    none_written: "Nicio solicitare scrisă a presei nu este în lucru.", "No written request from the press is open.";
    number: "Numărul", "Number";
    subject: "Subiectul", "Subject";
    legal_due: "Termen legal", "Legal due day";
    recent_title: "Solicitări din ultimele 30 de zile", "Requests of the last 30 days";
    times_title: "Timpul de răspuns pe luni", "Response time by month";
    month: "Luna", "Month";
    received_n: "Primite", "Received";
    answered_n: "Cu răspuns", "Answered";
    median: "Timp median", "Median time";
    within: "În 24 de ore", "Within 24 hours";
    journalist: "Jurnalistul", "Journalist";
    outlet: "Redacția", "Outlet";
    channel: "Canalul", "Channel";
    question: "Întrebarea", "Question";
    received: "Primită la", "Received at";
    due: "Termen", "Due";
    answer: "Răspunsul", "Answer";
    answered: "Răspuns la", "Answered at";
    state: "Starea", "Status";
    overdue: "termen depășit", "overdue";
    late: "răspuns după termen", "answered late";
    in_time: "în termen", "in time";
    open_state: "fără răspuns", "open";
    channel_phone: "telefon", "phone";
    channel_in_person: "direct", "in person";
    channel_email: "e-mail", "e-mail";
    register_title: "Înregistrează o solicitare verbală", "Register a verbal request";
    register: "Înregistrează solicitarea", "Register the request";
    on_file: "Jurnalist din evidență", "Journalist on file";
    choose_journalist: "— altul, scris mai jos —", "— another, typed below —";
    free_name: "Numele jurnalistului", "Journalist's name";
    free_outlet: "Redacția", "Outlet";
    free_hint: "Doar dacă jurnalistul nu este în evidență.", "Only when the journalist is not on file.";
    received_hint: "Lăsați gol pentru acum.", "Leave empty for now.";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
    answer_title: "Răspunsul", "The answer";
    answered_hint: "Lăsați gol pentru acum.", "Leave empty for now.";
    save_answer: "Înregistrează răspunsul", "Record the answer";
    by: "de", "by";
    registered_done: "Solicitarea a fost înregistrată.", "The request is registered.";
    answered_done: "Răspunsul a fost înregistrat.", "The answer is recorded.";
    days: "zile", "days";
}

/// A channel in words.
pub fn channel(code: &str, lang: Lang) -> &'static str {
    let t = of(lang);
    match code {
        "phone" => t.channel_phone,
        "in_person" => t.channel_in_person,
        "email" => t.channel_email,
        _ => "",
    }
}
