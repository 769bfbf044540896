//! Key messages' phrases and the pure matching of them in an article: both folded (no diacritics,
//! lower case), cut into words at anything that is not a letter or digit, a phrase found where its
//! words stand one after another in the text.

use veghe_ro::text::fold;

/// The words of a text, folded: "Poliția Locală e aproape!" → ["politia", "locala", "e", "aproape"].
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A message's phrases as typed, one a line: trimmed, empty lines and repeats (folded) left out.
pub fn lines(phrases: &str) -> Vec<String> {
    let mut seen: Vec<Vec<String>> = Vec::new();
    let mut out = Vec::new();
    for line in phrases.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let w = words(line);
        if !w.is_empty() && !seen.contains(&w) {
            seen.push(w);
            out.push(line.to_string());
        }
    }
    out
}

/// A message's phrases ready to match: each the folded words of one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrases(Vec<Vec<String>>);

impl Phrases {
    pub fn new(phrases: &str) -> Phrases {
        Phrases(lines(phrases).iter().map(|l| words(l)).collect())
    }

    /// The indexes (into `lines`) of the phrases found in the article's folded words.
    pub fn found_in(&self, article: &[String]) -> Vec<usize> {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty() && article.windows(p.len()).any(|w| w == p.as_slice()))
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether any phrase is in `article` (plain text).
    pub fn any_in(&self, article: &str) -> bool {
        !self.found_in(&words(article)).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_found_whatever_the_diacritics_case_and_punctuation() {
        let p = Phrases::new("Poliția Locală e aproape\nsiguranța școlarilor\n");
        let article = words(
            "„POLITIA LOCALA e aproape!”, a spus purtătorul de cuvânt. Siguranța  școlarilor...",
        );
        assert_eq!(p.found_in(&article), vec![0, 1]);
    }

    #[test]
    fn only_whole_words_in_their_order_match() {
        let p = Phrases::new("e aproape");
        assert!(!p.any_in("este aproapele nostru"));
        assert!(!p.any_in("aproape e"));
        assert!(p.any_in("ea e aproape"));
    }

    #[test]
    fn empty_and_repeated_lines_are_left_out() {
        assert_eq!(
            lines("  Vine iarna \n\n vine IARNA\nGheața pe trotuar"),
            vec!["Vine iarna".to_string(), "Gheața pe trotuar".to_string()]
        );
        assert!(Phrases::new("\n  \n").found_in(&words("orice")).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn a_phrase_is_found_in_any_text_around_it(before in "[a-zăîșț ,.]{0,40}", phrase in "[a-zăîșț]{1,8}( [a-zăîșț]{1,8}){0,3}", after in "[a-zăîșț ,.]{0,40}") {
            let p = Phrases::new(&phrase.to_uppercase());
            let text = format!("{before} {phrase}. {after}");
            proptest::prop_assert!(p.any_in(&text));
        }
    }
}
