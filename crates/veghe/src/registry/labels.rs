//! The registry's codes in words, Romanian and English.

use crate::web::Lang;
use crate::web::i18n::texts_table;

texts_table! { Words, "The registry's codes in words.";
    register_petition: "petiții", "petitions";
    register_info: "informații publice", "public information";
    register_internal: "intern", "internal";
    register_press_journalist: "jurnaliști retrași (date de contact)", "retired journalists (contacts)";
    kind_request: "cerere", "request";
    kind_complaint: "reclamație", "complaint";
    kind_notification: "sesizare", "notification";
    kind_proposal: "propunere", "proposal";
    kind_incoming: "corespondență intrată", "incoming";
    kind_outgoing: "corespondență ieșită", "outgoing";
    kind_circular: "circulară", "circular";
    channel_counter: "ghișeu", "counter";
    channel_post: "poștă", "post";
    channel_email: "e-mail", "e-mail";
    channel_online: "formular online", "online form";
    channel_audience: "audiență", "audience";
    status_registered: "înregistrată", "registered";
    status_routed: "repartizată", "routed";
    status_forwarded: "redirecționată", "forwarded";
    status_answered: "soluționată", "answered";
    status_classed: "clasată", "classed";
    status_joined: "conexată", "joined";
    status_archived: "arhivată", "archived";
    step_registered: "înregistrare", "registered";
    step_routed: "repartizare", "routed";
    step_forwarded: "redirecționare", "forwarded";
    step_extended: "prelungirea termenului", "term extended";
    step_joined: "conexare", "joined";
    step_joined_here: "o petiție a fost conexată aici", "a petition was joined here";
    step_classed: "clasare", "classed";
    step_repeat_classed: "petiție repetată clasată", "repeat classed";
    step_refused: "refuz motivat", "reasoned refusal";
    step_answered: "răspuns expediat", "answer sent";
    step_answered_with: "răspuns comun", "answered with the joined petition";
    step_archived: "arhivare", "archived";
    step_anonymised: "date personale anonimizate", "personal data anonymised";
    step_attached: "fișier atașat", "file attached";
    step_letter_drafted: "scrisoare redactată", "letter drafted";
    step_letter_submitted: "scrisoare trimisă spre aprobare", "letter submitted for approval";
    step_letter_approved: "scrisoare aprobată", "letter approved";
    step_letter_returned: "scrisoare returnată pentru corectură", "letter returned for changes";
    step_letter_sent: "scrisoare expediată", "letter sent";
}

pub fn register(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "petition" => w.register_petition,
        "info" => w.register_info,
        "internal" => w.register_internal,
        "press_journalist" => w.register_press_journalist,
        _ => "?",
    }
}

pub fn kind(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "request" => w.kind_request,
        "complaint" => w.kind_complaint,
        "notification" => w.kind_notification,
        "proposal" => w.kind_proposal,
        "incoming" => w.kind_incoming,
        "outgoing" => w.kind_outgoing,
        "circular" => w.kind_circular,
        _ => "?",
    }
}

pub fn channel(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "counter" => w.channel_counter,
        "post" => w.channel_post,
        "email" => w.channel_email,
        "online" => w.channel_online,
        "audience" => w.channel_audience,
        _ => "?",
    }
}

pub fn status(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "registered" => w.status_registered,
        "routed" => w.status_routed,
        "forwarded" => w.status_forwarded,
        "answered" => w.status_answered,
        "classed" => w.status_classed,
        "joined" => w.status_joined,
        "archived" => w.status_archived,
        _ => "?",
    }
}

pub fn step(code: &str, lang: Lang) -> &'static str {
    let w = of(lang);
    match code {
        "registered" => w.step_registered,
        "routed" => w.step_routed,
        "forwarded" => w.step_forwarded,
        "extended" => w.step_extended,
        "joined" => w.step_joined,
        "joined_here" => w.step_joined_here,
        "classed" => w.step_classed,
        "repeat_classed" => w.step_repeat_classed,
        "refused" => w.step_refused,
        "answered" => w.step_answered,
        "answered_with" => w.step_answered_with,
        "archived" => w.step_archived,
        "anonymised" => w.step_anonymised,
        "attached" => w.step_attached,
        "letter_drafted" => w.step_letter_drafted,
        "letter_submitted" => w.step_letter_submitted,
        "letter_approved" => w.step_letter_approved,
        "letter_returned" => w.step_letter_returned,
        "letter_sent" => w.step_letter_sent,
        _ => "?",
    }
}

/// `2026-11-29` → `29.11.2026`.
pub fn date(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(veghe_ro::petition::ro_date)
        .unwrap_or_else(|_| iso.to_string())
}
