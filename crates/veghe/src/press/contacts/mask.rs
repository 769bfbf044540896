//! Journalists' contacts as lists show them (masked: `a***@tion.ro`, `07** *** 123`) and as they
//! are read from a form: a phone of digits and separators, beats as a list of topics.

use crate::error::{AppError, AppResult, Said};
use crate::http::extract::text;

/// An address with its name hidden but the first letter: `a***@tion.ro`.
pub fn email(address: &str) -> String {
    match address.split_once('@') {
        Some((name, domain)) => {
            let first: String = name.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_string(),
    }
}

/// A phone with its first two and last three digits shown, grouped from the end by three:
/// `07** *** 123`; a phone of fewer than six digits shows none.
pub fn phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len();
    let shown: Vec<char> = digits
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if n >= 6 && (i < 2 || i >= n - 3) {
                *d
            } else {
                '*'
            }
        })
        .collect();
    let mut out = String::new();
    for (i, c) in shown.iter().enumerate() {
        let from_end = n - i;
        if n >= 6 && i > 0 && (from_end == 3 || from_end == 6) {
            out.push(' ');
        }
        out.push(*c);
    }
    out
}

/// Most digits a phone has (E.164) and fewest a Romanian short one has.
const DIGITS: std::ops::RangeInclusive<usize> = 6..=15;

/// A phone as typed: digits, spaces, `-`, `.`, `(`, `)` and a leading `+`, with 6 to 15 digits.
pub fn parse_phone(v: Option<String>, field: &'static str) -> AppResult<Option<String>> {
    let Some(p) = text(v, field, 30)? else {
        return Ok(None);
    };
    let chars_ok = p.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if chars_ok && DIGITS.contains(&digits) {
        Ok(Some(p))
    } else {
        Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "Telefonul „{p}”: între 6 și 15 cifre, cu spații, „-”, „.”, paranteze și „+” la început (de exemplu 0723 456 123)."
                ),
                format!(
                    "phone “{p}”: 6 to 15 digits, with spaces, “-”, “.”, brackets and a leading “+” (e.g. 0723 456 123)"
                ),
            ),
        ))
    }
}

/// Beats typed as `trafic, Ordine publică ,trafic`: trimmed, in lower case, each once, in order,
/// joined by `, `; at most 20 of at most 40 characters.
pub fn parse_beats(v: Option<String>) -> AppResult<String> {
    let all = text(v, "beats", 500)?.unwrap_or_default();
    let mut beats: Vec<String> = Vec::new();
    for b in all.split(',') {
        let b = b.trim().to_lowercase();
        if b.is_empty() || beats.contains(&b) {
            continue;
        }
        if b.chars().count() > 40 {
            return Err(AppError::bad(
                "beats",
                Said::new(
                    format!(
                        "Domeniile: „{b}” are peste 40 de caractere; despărțiți domeniile prin virgulă."
                    ),
                    format!("beats: “{b}” is over 40 characters; separate the beats with commas"),
                ),
            ));
        }
        beats.push(b);
    }
    if beats.len() > 20 {
        return Err(AppError::bad(
            "beats",
            Said::new("Domeniile: cel mult 20.", "beats: at most 20"),
        ));
    }
    Ok(beats.join(", "))
}

/// The beats of a stored text, as tags.
pub fn tags(beats: &str) -> Vec<String> {
    beats
        .split(',')
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn contacts_are_masked_as_shown() {
        assert_eq!(email("andrei.pop@tion.ro"), "a***@tion.ro");
        assert_eq!(phone("0723 456 123"), "07** *** 123");
        assert_eq!(phone("0723456123"), "07** *** 123");
        assert_eq!(phone("+40 723 456 123"), "40*** *** 123");
        assert_eq!(phone("12345"), "*****");
        assert_eq!(email("nobody"), "***");
    }

    #[test]
    fn phones_and_beats_are_read() {
        let ok = |s: &str| parse_phone(Some(s.into()), "phone").expect(s);
        assert_eq!(ok(" 0723-456.123 "), Some("0723-456.123".into()));
        assert_eq!(ok("+40 (256) 123 456"), Some("+40 (256) 123 456".into()));
        assert_eq!(ok(""), None);
        for bad in [
            "07234a6123",
            "12345",
            "0256 123 456 789 0123",
            "40+723456123",
        ] {
            assert!(parse_phone(Some(bad.into()), "phone").is_err(), "{bad}");
        }
        assert_eq!(
            parse_beats(Some(" Trafic, ordine publică,,trafic ".into())).expect("beats"),
            "trafic, ordine publică"
        );
        assert_eq!(tags("trafic, ordine publică"), ["trafic", "ordine publică"]);
    }

    proptest! {
        #[test]
        fn a_masked_address_keeps_only_the_first_letter_and_the_domain(
            name in "[a-z][a-z0-9.]{0,20}", domain in "[a-z]{2,10}\\.(ro|com)"
        ) {
            let masked = email(&format!("{name}@{domain}"));
            prop_assert_eq!(masked, format!("{}***@{domain}", &name[..1]));
        }

        #[test]
        fn a_masked_phone_shows_at_most_five_digits_and_keeps_its_length(p in "\\+?[0-9 ]{0,25}") {
            let digits = p.chars().filter(char::is_ascii_digit).count();
            let masked = phone(&p);
            prop_assert!(masked.chars().filter(char::is_ascii_digit).count() <= 5);
            prop_assert_eq!(masked.chars().filter(|c| *c != ' ').count(), digits);
            let tail: String = p.chars().filter(char::is_ascii_digit).skip(digits.saturating_sub(3)).collect();
            if digits >= 6 {
                prop_assert!(masked.ends_with(&tail));
            }
        }

        #[test]
        fn a_phone_is_taken_exactly_when_it_has_6_to_15_digits_and_only_separators(p in "\\PC{0,25}") {
            let taken = parse_phone(Some(p.clone()), "phone");
            let t = p.trim();
            let digits = t.chars().filter(char::is_ascii_digit).count();
            let clean = t.chars().enumerate().all(|(i, c)| c.is_ascii_digit()
                || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0));
            if t.is_empty() {
                prop_assert!(matches!(taken, Ok(None)));
            } else {
                prop_assert_eq!(taken.is_ok(), clean && (6..=15).contains(&digits) && t.chars().count() <= 30);
            }
        }

        #[test]
        fn beats_are_read_once_each_in_lower_case(words in proptest::collection::vec("[A-Za-zăîșț ]{1,12}", 0..8)) {
            let joined = words.join(",");
            let beats = parse_beats(Some(joined)).expect("beats");
            let tags = tags(&beats);
            let mut seen = std::collections::HashSet::new();
            for t in &tags {
                prop_assert_eq!(t.clone(), t.to_lowercase());
                prop_assert!(seen.insert(t.clone()), "twice: {}", t);
            }
        }
    }
}
