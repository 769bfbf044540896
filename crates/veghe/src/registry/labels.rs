//! The registry's codes in words, Romanian and English.

use crate::web::Lang;

fn pick(lang: Lang, ro: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ro => ro,
        Lang::En => en,
    }
}

pub fn register(code: &str, lang: Lang) -> &'static str {
    match code {
        "petition" => pick(lang, "petiții", "petitions"),
        "info" => pick(lang, "informații publice", "public information"),
        "internal" => pick(lang, "intern", "internal"),
        _ => "?",
    }
}

pub fn kind(code: &str, lang: Lang) -> &'static str {
    match code {
        "request" => pick(lang, "cerere", "request"),
        "complaint" => pick(lang, "reclamație", "complaint"),
        "notification" => pick(lang, "sesizare", "notification"),
        "proposal" => pick(lang, "propunere", "proposal"),
        "incoming" => pick(lang, "corespondență intrată", "incoming"),
        "outgoing" => pick(lang, "corespondență ieșită", "outgoing"),
        "circular" => pick(lang, "circulară", "circular"),
        _ => "?",
    }
}

pub fn channel(code: &str, lang: Lang) -> &'static str {
    match code {
        "counter" => pick(lang, "ghișeu", "counter"),
        "post" => pick(lang, "poștă", "post"),
        "email" => pick(lang, "e-mail", "e-mail"),
        "online" => pick(lang, "formular online", "online form"),
        "audience" => pick(lang, "audiență", "audience"),
        _ => "?",
    }
}

pub fn status(code: &str, lang: Lang) -> &'static str {
    match code {
        "registered" => pick(lang, "înregistrată", "registered"),
        "routed" => pick(lang, "repartizată", "routed"),
        "forwarded" => pick(lang, "redirecționată", "forwarded"),
        "answered" => pick(lang, "soluționată", "answered"),
        "classed" => pick(lang, "clasată", "classed"),
        "joined" => pick(lang, "conexată", "joined"),
        "archived" => pick(lang, "arhivată", "archived"),
        _ => "?",
    }
}

pub fn step(code: &str, lang: Lang) -> &'static str {
    match code {
        "registered" => pick(lang, "înregistrare", "registered"),
        "routed" => pick(lang, "repartizare", "routed"),
        "forwarded" => pick(lang, "redirecționare", "forwarded"),
        "extended" => pick(lang, "prelungirea termenului", "term extended"),
        "joined" => pick(lang, "conexare", "joined"),
        "joined_here" => pick(
            lang,
            "o petiție a fost conexată aici",
            "a petition was joined here",
        ),
        "classed" => pick(lang, "clasare", "classed"),
        "repeat_classed" => pick(lang, "petiție repetată clasată", "repeat classed"),
        "refused" => pick(lang, "refuz motivat", "reasoned refusal"),
        "answered" => pick(lang, "răspuns expediat", "answer sent"),
        "answered_with" => pick(lang, "răspuns comun", "answered with the joined petition"),
        "archived" => pick(lang, "arhivare", "archived"),
        "anonymised" => pick(
            lang,
            "date personale anonimizate",
            "personal data anonymised",
        ),
        _ => "?",
    }
}

/// `2026-11-29` → `29.11.2026`.
pub fn date(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(veghe_ro::petition::ro_date)
        .unwrap_or_else(|_| iso.to_string())
}
