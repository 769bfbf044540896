//! A release's text as the officer wrote it (HTML, or plain paragraphs) cleaned to a small
//! allow-list before it is stored: p, br, strong, em, ul, ol, li, h2, h3, blockquote and links
//! to http, https or mailto only. No scripts, styles, event attributes or `javascript:` links
//! survive; what it held as text stays, escaped. The stored text is cleaned again before it is
//! shown or put in a feed, so a row written by any other way is never trusted.

use std::collections::{HashMap, HashSet};

use ammonia::{Builder, UrlRelative};

const TAGS: [&str; 11] = [
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "blockquote",
];

fn builder() -> Builder<'static> {
    let mut b = Builder::empty();
    b.tags(TAGS.into_iter().collect())
        .tag_attributes(HashMap::from([("a", HashSet::from(["href"]))]))
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .clean_content_tags(HashSet::from(["script", "style"]))
        .strip_comments(true);
    b
}

/// The HTML kept of `input`. Text without any tag is taken as paragraphs separated by blank
/// lines, a single line break kept as `<br>`.
pub fn clean(input: &str) -> String {
    let input = input.replace("\r\n", "\n");
    let tagged = input
        .split('<')
        .skip(1)
        .any(|after| after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!'));
    let html = if tagged { input } else { paragraphs(&input) };
    clean_html(&html)
}

/// Stored (or any) HTML cleaned to the allow-list again, before it is shown or put in a feed.
pub fn clean_html(html: &str) -> String {
    builder().clean(html).to_string().trim().to_string()
}

/// Plain text as `<p>` paragraphs (the text escaped).
fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lines: Vec<String> = p.lines().map(|l| escape(l.trim())).collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text of cleaned HTML as paragraphs (for documents and search): a block's end starts a
/// new paragraph, tags are dropped and entities read back.
pub fn paragraphs_of(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        current.push_str(&unescape(&rest[..start]));
        let Some(end) = rest[start..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match tag.as_str() {
            "p" | "h2" | "h3" | "li" | "blockquote" | "ul" | "ol" | "br" => {
                let t = current.trim();
                if !t.is_empty() {
                    let bullet = if tag == "li" && rest[start + 1..].starts_with('/') {
                        "• "
                    } else {
                        ""
                    };
                    out.push(format!("{bullet}{t}"));
                }
                current.clear();
            }
            _ => {}
        }
        rest = &rest[start + end + 1..];
    }
    current.push_str(&unescape(rest));
    let t = current.trim();
    if !t.is_empty() {
        out.push(t.to_string());
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hostile_markup_is_removed() {
        let dirty = r#"<p onclick="x()">Bună <script>alert(1)</script><strong>ziua</strong></p>
<img src=x onerror=alert(1)><a href="javascript:alert(1)">rău</a>
<a href="https://politialocalatm.ro/x" onmouseover="y()" style="color:red">bun</a>
<a href="mailto:presa@example.ro">scrieți</a><a href="/relativ">relativ</a>
<iframe src="https://evil.example"></iframe><style>p{}</style><svg><script>1</script></svg>
<h2>Titlu</h2><blockquote>citat</blockquote><ul><li>unu</li></ul><!-- comentariu -->"#;
        let c = clean(dirty);
        for bad in [
            "script",
            "onclick",
            "onerror",
            "onmouseover",
            "javascript",
            "<img",
            "iframe",
            "style",
            "<svg",
            "relativ\"",
            "comentariu",
            "alert(1)",
        ] {
            assert!(!c.contains(bad), "{bad} in {c}");
        }
        for good in [
            "<strong>ziua</strong>",
            "href=\"https://politialocalatm.ro/x\"",
            "href=\"mailto:presa@example.ro\"",
            "<h2>Titlu</h2>",
            "<blockquote>citat</blockquote>",
            "<li>unu</li>",
        ] {
            assert!(c.contains(good), "{good} not in {c}");
        }
    }

    #[test]
    fn plain_text_becomes_paragraphs() {
        assert_eq!(
            clean("Primul rând\nal doilea & x\n\nAl doilea paragraf"),
            "<p>Primul rând<br>al doilea &amp; x</p><p>Al doilea paragraf</p>"
        );
        assert_eq!(
            paragraphs_of("<p>Unu &amp; doi</p><ul><li>a</li><li>b</li></ul><p>Trei</p>"),
            vec!["Unu & doi", "• a", "• b", "Trei"]
        );
    }

    proptest! {
        #[test]
        fn nothing_active_survives(
            parts in proptest::collection::vec(prop_oneof![
                Just("<script>".to_string()), Just("</script>".to_string()),
                Just("<a href=\"javascript:alert(1)\">".to_string()),
                Just("<a href=\"JaVaScRiPt:x\">".to_string()),
                Just("<a href=\"java\tscript:x\">".to_string()),
                Just("<img src=x onerror=alert(1)>".to_string()),
                Just("<p onload=\"x\">".to_string()), Just("<svg onload=x>".to_string()),
                Just("<style>".to_string()), Just("<iframe>".to_string()),
                Just("<object data=x>".to_string()), Just("\"".to_string()),
                Just("<".to_string()), Just(">".to_string()), Just("'".to_string()),
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<em>".to_string()),
                "[a-zA-Zșț =:/\\-]{0,12}",
            ], 0..24)
        ) {
            let input: String = parts.concat();
            let out = clean(&input);
            // Every `<` left opens an allowed tag whose only attributes are a link's.
            for tag in out.split('<').skip(1) {
                let inside = tag.split('>').next().unwrap_or_default();
                let name = inside
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or_default();
                prop_assert!(TAGS.contains(&name), "tag {} in {}", name, out);
                for (i, _) in inside.match_indices("=\"") {
                    let attr = inside[..i].rsplit(' ').next().unwrap_or_default();
                    prop_assert!(attr == "href" || attr == "rel", "attribute {} in {}", attr, out);
                    if attr == "href" {
                        let value = inside[i + 2..].to_ascii_lowercase();
                        prop_assert!(
                            ["http:", "https:", "mailto:"].iter().any(|s| value.starts_with(s)),
                            "link {} in {}", value, out
                        );
                    }
                }
            }
        }
    }
}
