//! Address type-ahead over Timișoara's streets for call intake: folded matching (diacritics in
//! either form, case), every typed word a prefix of a word of the street, a house number kept.

use std::sync::OnceLock;

use serde::Serialize;

use crate::geo::{Street, geo};

/// One suggestion.
#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Suggestion {
    /// The address as the form writes it: `Bulevardul Republicii nr. 12`.
    pub label: String,
    /// The street's full name: `Bulevardul Republicii`.
    pub street: String,
    pub postal_code: String,
}

struct Entry {
    full: String,
    postal_code: String,
    /// Folded words of the full name, and of the name alone (without the street type).
    words: Vec<String>,
    name_words: Vec<String>,
}

fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut entries: Vec<Entry> = geo().streets.iter().map(entry).collect();
        entries.sort_by(|a, b| a.full.cmp(&b.full).then(a.postal_code.cmp(&b.postal_code)));
        // The same street under several postal codes: one suggestion per code is noise.
        entries.dedup_by(|a, b| a.full == b.full);
        entries
    })
}

fn words(text: &str) -> Vec<String> {
    veghe_ro::text::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn entry(s: &Street) -> Entry {
    let full = s.full_name();
    Entry {
        words: words(&full),
        name_words: words(&s.name),
        postal_code: s.postal_code.clone(),
        full,
    }
}

/// The query split into folded words and a trailing house number (`12`, `12A`, `nr. 12`).
fn parse_query(q: &str) -> (Vec<String>, Option<String>) {
    let mut ws = words(q);
    let number = match ws.last() {
        Some(w) if w.chars().next().is_some_and(|c| c.is_ascii_digit()) && ws.len() > 1 => {
            ws.pop().map(|n| n.to_uppercase())
        }
        _ => None,
    };
    ws.retain(|w| w != "nr");
    (ws, number)
}

/// Up to `limit` streets matching the query, those whose name (not type) starts with the
/// first word first, then alphabetically.
pub fn suggest(q: &str, limit: usize) -> Vec<Suggestion> {
    let (terms, number) = parse_query(q);
    if terms.is_empty() {
        return Vec::new();
    }
    let matches = |ws: &[String]| terms.iter().all(|t| ws.iter().any(|w| w.starts_with(t)));
    let mut found: Vec<(bool, &Entry)> = index()
        .iter()
        .filter(|e| matches(&e.words))
        .map(|e| {
            let leading = e
                .name_words
                .first()
                .is_some_and(|w| w.starts_with(&terms[0]));
            (leading, e)
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.full.cmp(&b.1.full)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, e)| Suggestion {
            label: match &number {
                Some(n) => format!("{} nr. {n}", e.full),
                None => e.full.clone(),
            },
            street: e.full.clone(),
            postal_code: e.postal_code.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_in_any_form_and_case_match_the_same_streets() {
        let comma = suggest("Gârneț", 10);
        assert!(!comma.is_empty(), "the street is in the list");
        assert_eq!(suggest("Gârneţ", 10), comma, "cedilla form");
        assert_eq!(suggest("garnet", 10), comma, "no diacritics");
        assert_eq!(suggest("GARNET", 10), comma, "capitals");
        assert!(comma.iter().all(|s| s.street.contains("Gârneț")));
    }

    #[test]
    fn every_word_must_match_and_the_house_number_is_kept() {
        let s = suggest("bul republicii 12", 5);
        assert_eq!(
            s.first().map(|x| x.label.as_str()),
            Some("Bulevardul Republicii nr. 12")
        );
        assert!(suggest("republicii zzzz", 5).is_empty());
        assert!(suggest("", 5).is_empty());
        assert!(suggest("  ,. ", 5).is_empty());
    }

    #[test]
    fn names_starting_with_the_query_come_first() {
        let s = suggest("tim", 20);
        assert!(!s.is_empty());
        let first = &s[0].street;
        assert!(
            veghe_ro::text::fold(first).contains("tim"),
            "{first} should match"
        );
        assert!(s.len() <= 20);
    }
}
