//! The newsroom's feeds: RSS 2.0 and Atom 1.0 of the published releases, written with Veghe's
//! XML writer (every text escaped by `veghe_docs::xml`), the text cleaned again before it goes
//! out. Links are absolute, on the address the reader asked (`Host`, and `X-Forwarded-Proto`
//! behind a trusted proxy).

use axum::http::HeaderMap;

use super::sanitize;
use super::store::Release;
use crate::alerts::xml::Writer;

pub const CONTENT_TYPE_RSS: &str = "application/rss+xml; charset=utf-8";
pub const CONTENT_TYPE_ATOM: &str = "application/atom+xml; charset=utf-8";
const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
const TAG: &str = "tag:politialocalatm.ro,2026:presa/comunicate";
const TITLE: &str = "Poliția Locală Timișoara — comunicate de presă";
const DESCRIPTION: &str =
    "Comunicatele, declarațiile și rectificările Biroului de presă al Poliției Locale Timișoara";

/// `http://host` of the request (the host checked to be a host name, else `localhost`).
pub fn origin(headers: &HeaderMap, trust_proxy: bool) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let https = trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

fn ts(ms: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_millisecond(ms.div_euclid(1000) * 1000)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}

/// RFC 822 (RFC 2822's form), as RSS 2.0 wants: `Mon, 07 Dec 2026 14:05:00 +0000`.
pub fn rfc822(ms: i64) -> String {
    ts(ms)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%a, %d %b %Y %H:%M:%S +0000")
        .to_string()
}

/// RFC 3339 in Timișoara's offset.
pub fn rfc3339(ms: i64) -> String {
    ts(ms)
        .to_zoned(crate::time::bucharest())
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

fn title_of(r: &Release) -> String {
    match &r.number {
        Some(n) => format!("{n}: {}", r.title),
        None => r.title.clone(),
    }
}

/// The newest publication of `releases`, or `now` when there is none.
fn latest(releases: &[Release], now: i64) -> i64 {
    releases
        .iter()
        .filter_map(|r| r.published_at)
        .max()
        .unwrap_or(now)
}

/// The RSS 2.0 channel of `releases` (newest first).
pub fn rss(releases: &[Release], origin: &str, now: i64) -> String {
    let updated = latest(releases, now);
    let mut w = Writer::new();
    w.open("rss", &[("version", "2.0"), ("xmlns:atom", ATOM_NS)])
        .open("channel", &[])
        .leaf("title", TITLE)
        .leaf("link", &format!("{origin}/presa"))
        .leaf("description", DESCRIPTION)
        .leaf("language", "ro")
        .leaf("lastBuildDate", &rfc822(updated))
        .empty(
            "atom:link",
            &[
                ("href", &format!("{origin}/presa/comunicate.rss")),
                ("rel", "self"),
                ("type", "application/rss+xml"),
            ],
        );
    for r in releases {
        let link = format!("{origin}/presa/comunicate/{}", r.id);
        w.open("item", &[])
            .leaf("title", &title_of(r))
            .leaf("link", &link);
        w.open("guid", &[("isPermaLink", "true")]);
        w.text(&link);
        w.close();
        w.leaf("pubDate", &rfc822(r.published_at.unwrap_or(now)))
            .leaf("description", &sanitize::clean_html(&r.body_html))
            .close();
    }
    w.finish()
}

/// The Atom 1.0 feed of `releases` (newest first).
pub fn atom(releases: &[Release], origin: &str, now: i64) -> String {
    let updated = latest(releases, now);
    let mut w = Writer::new();
    w.open("feed", &[("xmlns", ATOM_NS), ("xml:lang", "ro")])
        .leaf("id", TAG)
        .leaf("title", TITLE)
        .leaf("subtitle", DESCRIPTION)
        .leaf("updated", &rfc3339(updated))
        .open("author", &[])
        .leaf("name", "Poliția Locală Timișoara")
        .close()
        .empty(
            "link",
            &[
                ("rel", "self"),
                ("type", "application/atom+xml"),
                ("href", &format!("{origin}/presa/comunicate.atom")),
            ],
        )
        .empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &format!("{origin}/presa")),
            ],
        );
    for r in releases {
        let at = rfc3339(r.published_at.unwrap_or(now));
        w.open("entry", &[])
            .leaf("id", &format!("{TAG}/{}", r.id))
            .leaf("title", &title_of(r))
            .leaf("updated", &at)
            .leaf("published", &at)
            .empty(
                "link",
                &[
                    ("rel", "alternate"),
                    ("type", "text/html"),
                    ("href", &format!("{origin}/presa/comunicate/{}", r.id)),
                ],
            )
            .leaf_opt("summary", r.summary.as_deref());
        w.open("content", &[("type", "html")]);
        w.text(&sanitize::clean_html(&r.body_html));
        w.close().close();
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_as_the_formats_want() {
        // 2026-12-07 14:05:00 UTC
        let ms = jiff::Timestamp::from_second(1_796_652_300)
            .expect("ts")
            .as_millisecond();
        assert_eq!(rfc822(ms), "Mon, 07 Dec 2026 14:05:00 +0000");
        assert_eq!(rfc3339(ms), "2026-12-07T16:05:00+02:00");
    }

    #[test]
    fn the_origin_is_a_host_name_or_localhost() {
        let mut h = HeaderMap::new();
        h.insert("host", "presa.example:8080".parse().expect("header"));
        h.insert("x-forwarded-proto", "https".parse().expect("header"));
        assert_eq!(origin(&h, false), "http://presa.example:8080");
        assert_eq!(origin(&h, true), "https://presa.example:8080");
        h.insert("host", "evil\"<x>".parse().expect("header"));
        assert_eq!(origin(&h, false), "http://localhost");
    }
}
