//! Romanian text: diacritic normalisation (comma below, never cedilla), search folding and
//! search terms (Snowball Romanian stemming).
//!
//! Search uses the same function, [`search_terms`], for documents and queries, so that spellings
//! with comma-below, cedilla or no diacritics at all meet on one term.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

const COMBINING_CEDILLA: char = '\u{0327}';
const COMBINING_COMMA_BELOW: char = '\u{0326}';

/// Replaces the cedilla forms ş ţ Ş Ţ (U+015F, U+0163, U+015E, U+0162, and `s`/`t` followed by a
/// combining cedilla U+0327) with the correct comma-below forms ș ț Ș Ț (U+0219, U+021B, U+0218,
/// U+021A), and returns the text in Unicode NFC (so `a` + U+0306 becomes `ă`, `s` + U+0326
/// becomes `ș`). Other text is unchanged apart from NFC.
pub fn normalize_diacritics(s: &str) -> String {
    let mut decomposed = String::with_capacity(s.len());
    let mut base: Option<char> = None;
    for c in s.nfd() {
        if canonical_combining_class(c) == 0 {
            base = Some(c);
            decomposed.push(c);
        } else if c == COMBINING_CEDILLA && matches!(base, Some('s' | 'S' | 't' | 'T')) {
            decomposed.push(COMBINING_COMMA_BELOW);
        } else {
            decomposed.push(c);
        }
    }
    decomposed.nfc().collect()
}

/// Letters that carry no decomposable accent but are commonly typed as plain Latin letters.
fn fold_special(c: char, out: &mut String) {
    match c {
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'ł' => out.push('l'),
        'ħ' => out.push('h'),
        'ı' => out.push('i'),
        'þ' => out.push_str("th"),
        _ => out.push(c),
    }
}

/// Folds text for search: compatibility-decomposes, lowercases, removes every combining mark
/// (ă â → a, î → i, ș ş → s, ț ţ → t, é ö ç … → e o c …), maps ß æ œ ø đ ł to plain letters, and
/// collapses runs of whitespace to one space (trimming the ends). Idempotent.
pub fn fold(s: &str) -> String {
    let lowered: String = s.nfkd().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lowered.len());
    for c in lowered.nfkd().filter(|&c| !is_combining_mark(c)) {
        fold_special(c, &mut out);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Romanian stop words, in folded form; dropped from documents and queries alike.
pub const STOP_WORDS: &[&str] = &[
    "a", "ai", "al", "ale", "am", "ar", "as", "au", "ca", "care", "ce", "cea", "cei", "cel",
    "cele", "celor", "cu", "da", "dar", "de", "despre", "din", "dintre", "e", "ei", "el", "ea",
    "este", "eu", "fi", "fie", "fost", "i", "ii", "il", "in", "intr", "intre", "iar", "isi", "la",
    "le", "lor", "lui", "ma", "mai", "ne", "ni", "nici", "noi", "nu", "o", "or", "ori", "pe",
    "pentru", "prin", "sa", "sau", "se", "si", "sunt", "te", "tu", "un", "una", "unei", "unor",
    "unui", "va", "vor", "voi",
];

/// Whether `word` (any spelling) is a stop word.
pub fn is_stop_word(word: &str) -> bool {
    let folded = fold(word);
    STOP_WORDS.contains(&folded.as_str())
}

/// Search terms of `s`: folds the whole text ([`fold`]: compatibility decomposition, lowercase,
/// no diacritics), splits it on anything that is not a letter or digit, drops [`STOP_WORDS`],
/// stems each token with the Snowball Romanian stemmer, and drops empty results.
///
/// Folding comes *before* stemming, so the terms depend only on `fold(s)`: text typed without
/// diacritics (common in e-mailed petitions) gives the same terms as correctly spelled text, and
/// `Timișoara`, `Timişoara` (cedilla) and `timisoara` all give `timisoar`. Stemming the
/// diacritic spelling first would be worse: the `rust-stemmers` Romanian tables spell ț with a
/// cedilla (ţ), and with diacritics the stemmer cuts `petițiile` to `pet` but `petiția` to
/// `petiţ`, while the undiacritic spellings give `petit` for both. `tests/text.rs` records which
/// inflections the stemmer merges and which it does not.
pub fn search_terms(s: &str) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::Romanian);
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|token| !token.is_empty() && !STOP_WORDS.contains(token))
        .filter_map(|token| {
            let term = fold(&stemmer.stem(token));
            (!term.is_empty()).then_some(term)
        })
        .collect()
}

/// [`search_terms`] joined by single spaces: the text to store in, or send to, a full-text index.
pub fn search_query(s: &str) -> String {
    search_terms(s).join(" ")
}
