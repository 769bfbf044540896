//! House numbers: the leading number, a letter suffix (`12A`, `48 A`) and the last number of a
//! range (`12-14`, `17,19`); forms such as `BL 1, SC C` (a block, not a house) have no number.

use std::fmt;

/// A house number with a numeric part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseNumber {
    pub number: u32,
    /// Uppercase letters after the number (`A` for `12A` and `12 a`), empty when none.
    pub suffix: String,
    /// The end of a range: `14` for `12-14`.
    pub to: Option<u32>,
}

impl HouseNumber {
    /// Parses a house number as mapped or typed; `None` when it does not begin with a number
    /// (after an optional `nr`), or the number is 0 or above 100 000.
    pub fn parse(text: &str) -> Option<HouseNumber> {
        let t = text.trim().to_uppercase();
        let t = t
            .strip_prefix("NR")
            .map_or(t.as_str(), |r| r.trim_start_matches(['.', ' ']));
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let number: u32 = digits.parse().ok().filter(|n| (1..=100_000).contains(n))?;
        let rest = &t[digits.len()..];
        let suffix: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let suffix = if suffix.chars().count() <= 2 {
            suffix
        } else {
            String::new()
        };
        let to = rest
            .trim_start_matches(|c: char| c.is_alphabetic() || c == ' ')
            .strip_prefix(['-', ','])
            .map(|r| {
                r.trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
            .and_then(|d| d.parse().ok())
            .filter(|&to| to > number);
        Some(HouseNumber { number, suffix, to })
    }

    /// Whether `n` is this number or, for a range, one of the same parity within it.
    pub fn covers(&self, n: u32) -> bool {
        match self.to {
            Some(to) => (self.number..=to).contains(&n) && (n - self.number).is_multiple_of(2),
            None => self.number == n,
        }
    }

    /// Odd numbers are on one side of a street, even numbers on the other.
    pub fn is_even(&self) -> bool {
        self.number.is_multiple_of(2)
    }
}

impl fmt::Display for HouseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.number, self.suffix)?;
        match self.to {
            Some(to) => write!(f, "-{to}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        HouseNumber::parse(s).map(|n| n.to_string())
    }

    #[test]
    fn the_forms_mapped_and_typed() {
        assert_eq!(p("12"), Some("12".into()));
        assert_eq!(p("90A"), Some("90A".into()));
        assert_eq!(p("48 a"), Some("48A".into()));
        assert_eq!(p("17-19"), Some("17-19".into()));
        assert_eq!(p("17 - 19"), Some("17-19".into()));
        assert_eq!(p("17,19"), Some("17-19".into()));
        assert_eq!(p("1/2"), Some("1".into()));
        assert_eq!(p("nr. 5"), Some("5".into()));
        assert_eq!(p("BL 1, SC C"), None);
        assert_eq!(p("0"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("99999999999999"), None);
    }

    #[test]
    fn a_range_covers_its_side_of_the_street() {
        let r = HouseNumber::parse("17-21");
        assert!(
            r.as_ref()
                .is_some_and(|r| r.covers(19) && !r.covers(18) && !r.covers(23))
        );
    }
}
