//! The published forms of an alert: the OASIS CAP 1.2 `<alert>` message and the Atom feed that
//! indexes the current ones (the usual way CAP alerts are offered to aggregators).

use super::store::Alert;
use super::xml::Writer;

pub const CAP_NS: &str = "urn:oasis:names:tc:emergency:cap:1.2";
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// Our CAP sender: the Internet domain of Poliția Locală Timișoara.
pub const SENDER: &str = "politialocalatm.ro";
pub const SENDER_NAME: &str = "Poliția Locală Timișoara";
pub const CONTENT_TYPE_CAP: &str = "application/cap+xml";
pub const CONTENT_TYPE_ATOM: &str = "application/atom+xml";

/// An instant as CAP writes it: local time of Timișoara with its offset, whole seconds
/// (`2026-11-29T21:40:00+02:00`; CAP allows neither `Z` nor fractions).
pub fn cap_time(ms: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms.div_euclid(1000) * 1000) else {
        return String::new();
    };
    let tz = crate::time::bucharest();
    ts.to_zoned(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

struct Texts<'a> {
    language: &'static str,
    event: &'a str,
    headline: &'a str,
    description: Option<&'a str>,
    instruction: Option<&'a str>,
}

fn info(w: &mut Writer, a: &Alert, t: &Texts<'_>) {
    let cancelled = a.msg_type == "Cancel";
    let headline = match (cancelled, t.language) {
        (true, "ro-RO") => format!("ANULAT: {}", t.headline),
        (true, _) => format!("CANCELLED: {}", t.headline),
        (false, _) => t.headline.to_string(),
    };
    w.open("info", &[])
        .leaf("language", t.language)
        .leaf("category", &a.category)
        .leaf("event", t.event)
        .leaf("responseType", &a.response_type)
        .leaf("urgency", &a.urgency)
        .leaf("severity", &a.severity)
        .leaf("certainty", &a.certainty)
        .leaf_opt("onset", a.onset_at.map(cap_time).as_deref())
        .leaf("expires", &cap_time(a.expires_at))
        .leaf("senderName", SENDER_NAME)
        .leaf("headline", &headline)
        .leaf_opt("description", t.description)
        .leaf_opt("instruction", t.instruction);
    w.open("area", &[]).leaf("areaDesc", &a.area_desc);
    w.leaf_opt("polygon", a.polygon.as_deref());
    if let (Some(lat), Some(lon), Some(r)) = (a.circle_lat, a.circle_lon, a.radius_km) {
        w.leaf("circle", &format!("{lat},{lon} {r}"));
    }
    w.close().close();
}

/// The CAP 1.2 message of an Alert or a Cancel: Romanian `info`, and English when given.
pub fn alert_xml(a: &Alert, incident_reference: Option<&str>) -> String {
    let mut w = Writer::new();
    w.open("alert", &[("xmlns", CAP_NS)])
        .leaf("identifier", &a.identifier)
        .leaf("sender", SENDER)
        .leaf("sent", &cap_time(a.sent_at))
        .leaf("status", "Actual")
        .leaf("msgType", &a.msg_type)
        .leaf("scope", "Public");
    if let (Some(id), Some(sent)) = (&a.references, a.references_sent_at) {
        w.leaf(
            "note",
            &format!("Anulează avertizarea {id} / Cancels alert {id}"),
        );
        w.leaf("references", &format!("{SENDER},{id},{}", cap_time(sent)));
    }
    // CAP `incidents` is a space-separated list: the incident number without spaces.
    w.leaf_opt(
        "incidents",
        incident_reference.map(|r| r.replace(' ', "")).as_deref(),
    );
    info(
        &mut w,
        a,
        &Texts {
            language: "ro-RO",
            event: &a.event,
            headline: &a.headline,
            description: Some(&a.description),
            instruction: a.instruction.as_deref(),
        },
    );
    if let Some(headline) = &a.headline_en {
        info(
            &mut w,
            a,
            &Texts {
                language: "en-US",
                event: a.event_en.as_deref().unwrap_or(&a.event),
                headline,
                // Only what was written in English: `event` is required, so it falls back.
                description: a.description_en.as_deref(),
                instruction: a.instruction_en.as_deref(),
            },
        );
    }
    w.finish()
}

fn rfc3339(ms: i64) -> String {
    cap_time(ms)
}

/// The Atom feed listing `alerts`, each entry linking its CAP message.
pub fn feed_xml(alerts: &[Alert], now_ms: i64) -> String {
    let updated = alerts.iter().map(|a| a.sent_at).max().unwrap_or(now_ms);
    let mut w = Writer::new();
    w.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", "ro")])
        .leaf("id", &format!("tag:{SENDER},2026:cap/alerts"))
        .leaf(
            "title",
            "Poliția Locală Timișoara — avertizări publice (CAP)",
        )
        .leaf(
            "subtitle",
            "Public alerts of Poliția Locală Timișoara, OASIS CAP 1.2",
        )
        .leaf("updated", &rfc3339(updated))
        .open("author", &[])
        .leaf("name", SENDER_NAME)
        .close()
        .empty(
            "link",
            &[
                ("rel", "self"),
                ("href", "/cap/alerts.xml"),
                ("type", CONTENT_TYPE_ATOM),
            ],
        );
    for a in alerts {
        let title = if a.msg_type == "Cancel" {
            format!("ANULAT: {}", a.headline)
        } else {
            a.headline.clone()
        };
        w.open("entry", &[])
            .leaf("id", &format!("tag:{SENDER},2026:cap/{}", a.identifier))
            .leaf("title", &title)
            .leaf("updated", &rfc3339(a.sent_at))
            .leaf("published", &rfc3339(a.sent_at))
            .empty(
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", CONTENT_TYPE_CAP),
                    ("href", &a.cap_url),
                ],
            )
            .leaf(
                "summary",
                &format!(
                    "{} · {} · {} · {} · până la {}",
                    a.event,
                    a.area_desc,
                    a.severity,
                    a.urgency,
                    crate::web::local_time(a.expires_at)
                ),
            )
            .close();
    }
    w.finish()
}
