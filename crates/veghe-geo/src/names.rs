//! Street names: the street type in its usual written forms, and the matching key of a name
//! (folded words without the type, in alphabetical order, so that `Eminescu Mihai` and
//! `Mihai Eminescu`, with or without diacritics, meet).

/// The type of a street, as written before its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StreetType {
    Strada,
    Bulevard,
    Cale,
    Piata,
    Alee,
    Splai,
    Intrare,
    Sosea,
    Drum,
    Pasaj,
    Pod,
}

impl StreetType {
    /// The type a folded word stands for: a full form (`strada`, `bulevardul`, `calea`, `piata`)
    /// or an abbreviation (`str`, `bd`, `b-dul`, `bdul`, `cal`, `pta`, `p-ta`, `al`, `spl`,
    /// `intr`, `sos`).
    pub fn from_word(folded: &str) -> Option<StreetType> {
        use StreetType::*;
        Some(match folded {
            "strada" | "str" | "strad" | "stradela" => Strada,
            "bulevardul" | "bulevard" | "bulevadul" | "bd" | "bdul" | "b-dul" | "bld" | "blvd"
            | "bul" | "bv" => Bulevard,
            "calea" | "cale" | "cal" => Cale,
            "piata" | "pta" | "p-ta" | "piateta" => Piata,
            "aleea" | "alee" | "al" => Alee,
            "splaiul" | "splai" | "spl" => Splai,
            "intrarea" | "intrare" | "intr" | "int" => Intrare,
            "soseaua" | "sosea" | "sos" => Sosea,
            "drumul" | "drum" => Drum,
            "pasajul" | "pasaj" => Pasaj,
            "podul" | "pod" => Pod,
            _ => return None,
        })
    }
}

/// Folded words of a text: lowercase, no diacritics (either form), split on anything but
/// letters, digits, `-` and `/` (which stay inside words such as `b-dul` and `17-19`).
pub fn words(text: &str) -> Vec<String> {
    veghe_ro::text::fold(text)
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '/'))
        .map(|w| w.trim_matches(|c| c == '-' || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A mapped name's type (its first word, when that is a type) and the words of the rest.
pub fn split_name(name: &str) -> (Option<StreetType>, Vec<String>) {
    let mut ws = words(name);
    match ws.first().and_then(|w| StreetType::from_word(w)) {
        Some(t) if ws.len() > 1 => {
            ws.remove(0);
            (Some(t), ws)
        }
        _ => (None, ws),
    }
}

/// The matching key of name words: sorted, joined by one space.
pub fn key(words: &[String]) -> String {
    let mut sorted = words.to_vec();
    sorted.sort();
    sorted.join(" ")
}

/// The name as a map label: `Strada` → `Str.`, `Bulevardul` → `Bd.`; other names unchanged.
pub fn short_label(name: &str) -> String {
    for (long, short) in [("Strada ", "Str. "), ("Bulevardul ", "Bd. ")] {
        if let Some(rest) = name.strip_prefix(long) {
            return format!("{short}{rest}");
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_order_and_diacritics_do_not_change_the_key() {
        let (t, a) = split_name("Strada Mihai Eminescu");
        let (_, b) = split_name("Eminescu Mihai");
        assert_eq!(t, Some(StreetType::Strada));
        assert_eq!(key(&a), key(&b));
        let (t, c) = split_name("Piața Sfântul Gheorghe");
        assert_eq!(
            (t, key(&c)),
            (Some(StreetType::Piata), "gheorghe sfantul".to_string())
        );
        assert_eq!(
            key(&split_name("Gârneţ Teodor").1),
            key(&split_name("Teodor Gârneț").1)
        );
    }

    #[test]
    fn a_type_word_alone_is_a_name() {
        assert_eq!(split_name("Calea"), (None, vec!["calea".to_string()]));
        assert_eq!(
            words("B-dul  Republicii, nr.12"),
            ["b-dul", "republicii", "nr", "12"]
        );
    }
}
