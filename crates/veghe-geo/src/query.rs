//! A typed address read into its parts: an optional street type (`str.`, `bd`, `b-dul`, `calea`,
//! `pța` …), the words of the name, and a house number (`nr. 12`, `12A`, `12 a`, `12-14`).
//! Block, staircase, flat and floor (`bl. 3`, `sc. A`, `ap. 5`, `et. 2`) and the town end the name
//! and are not house numbers.

use crate::names::{StreetType, words};
use crate::number::HouseNumber;

/// An address as typed, read into words.
#[derive(Clone, Debug, PartialEq)]
pub struct Typed {
    pub kind: Option<StreetType>,
    /// Folded words of the name, possibly followed by the house number.
    pub words: Vec<String>,
    /// The house number after `nr`, when written so.
    pub number: Option<HouseNumber>,
}

/// Words that end the name: a block, staircase, flat or floor, the county or the town.
const STOPS: &[&str] = &[
    "bl",
    "bloc",
    "blocul",
    "sc",
    "scara",
    "ap",
    "apt",
    "apartament",
    "et",
    "etaj",
    "cam",
    "camera",
    "interfon",
    "jud",
    "judet",
    "judetul",
    "tm",
    "timis",
    "timisoara",
    "mun",
    "municipiul",
    "cod",
    "cp",
];

/// Words that announce the house number.
const NUMBER: &[&str] = &["nr", "numar", "numarul", "no"];

fn starts_with_digit(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Reads a typed address.
pub fn parse(q: &str) -> Typed {
    let all = words(q);
    let mut rest = all.as_slice();
    let kind = match rest {
        [first, more @ ..] if !more.is_empty() => {
            StreetType::from_word(first).inspect(|_| rest = more)
        }
        _ => None,
    };
    let mut name = Vec::new();
    let mut number = None;
    let mut i = 0;
    while i < rest.len() {
        let w = rest[i].as_str();
        if NUMBER.contains(&w) && !name.is_empty() {
            let digits = rest.get(i + 1).filter(|n| starts_with_digit(n));
            let letter = rest
                .get(i + 2)
                .filter(|l| l.chars().count() == 1 && !starts_with_digit(l));
            number = digits.and_then(|d| {
                HouseNumber::parse(&format!("{d} {}", letter.map_or("", |l| l.as_str())))
            });
            break;
        }
        if STOPS.contains(&w) && !name.is_empty() {
            break;
        }
        name.push(rest[i].clone());
        i += 1;
    }
    Typed {
        kind,
        words: name,
        number,
    }
}

impl Typed {
    /// The ways to read the words as a name followed by a house number, the longest name first:
    /// `mihai eminescu 12 a` is the name `mihai eminescu 12 a` with no number, or `mihai
    /// eminescu` with `12A`.
    pub fn splits(&self) -> Vec<(&[String], Option<HouseNumber>)> {
        let mut out = Vec::new();
        for k in (1..=self.words.len()).rev() {
            let (name, rest) = self.words.split_at(k);
            match rest {
                [] => out.push((name, self.number.clone())),
                _ if self.number.is_some() => {}
                [n] if starts_with_digit(n) => out.push((name, HouseNumber::parse(n))),
                [n, l] if starts_with_digit(n) && l.chars().count() == 1 => {
                    out.push((name, HouseNumber::parse(&format!("{n} {l}"))))
                }
                _ => {}
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Option<HouseNumber> {
        HouseNumber::parse(s)
    }

    #[test]
    fn types_names_and_numbers() {
        let t = parse("Str. Mihai Eminescu 12");
        assert_eq!(t.kind, Some(StreetType::Strada));
        assert_eq!(t.words, ["mihai", "eminescu", "12"]);
        assert_eq!(t.splits()[1], (&t.words[..2], n("12")));
        let t = parse("bd republicii nr 5");
        assert_eq!(
            (t.kind, t.words.clone(), t.number.clone()),
            (
                Some(StreetType::Bulevard),
                vec!["republicii".to_string()],
                n("5")
            )
        );
        let t = parse("B-dul Revoluției din 1989 nr.3 b");
        assert_eq!(
            (t.kind, t.words.len(), t.number),
            (Some(StreetType::Bulevard), 3, n("3B"))
        );
        let t = parse("Piața Unirii, nr. 3-5");
        assert_eq!((t.kind, t.number), (Some(StreetType::Piata), n("3-5")));
    }

    #[test]
    fn a_block_is_not_a_house_number() {
        let t = parse("Calea Aradului bl. 3");
        assert_eq!(
            (t.kind, t.words.clone(), t.number.clone()),
            (Some(StreetType::Cale), vec!["aradului".to_string()], None)
        );
        assert_eq!(t.splits(), vec![(&t.words[..], None)]);
        let t = parse("Aleea Azurului 17, bl. A2, sc. B, ap. 4");
        assert_eq!(t.splits()[1].1, n("17"));
    }

    #[test]
    fn nothing_typed_is_no_name() {
        assert!(parse("").splits().is_empty());
        assert!(parse(" ,. ").splits().is_empty());
        assert_eq!(parse("strada").words, ["strada"]);
    }
}
