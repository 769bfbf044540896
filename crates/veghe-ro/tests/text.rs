//! Tests of Romanian text handling: cedilla normalisation, folding, stemming for search.

use veghe_ro::text::is_stop_word;
use veghe_ro::{fold, normalize_diacritics, search_query, search_terms};

#[test]
fn cedilla_becomes_comma_below() {
    assert_eq!(normalize_diacritics("Timişoara"), "Timișoara");
    assert_eq!(normalize_diacritics("ŞTEFAN ŢEPEŞ"), "ȘTEFAN ȚEPEȘ");
    assert_eq!(
        normalize_diacritics("ş ţ Ş Ţ"),
        "\u{219} \u{21B} \u{218} \u{21A}"
    );
    // Decomposed forms: base letter + combining cedilla (U+0327) or comma below (U+0326).
    assert_eq!(
        normalize_diacritics("s\u{327}t\u{327}S\u{327}T\u{327}"),
        "șțȘȚ"
    );
    assert_eq!(normalize_diacritics("s\u{326}t\u{326}"), "șț");
    // Decomposed breve and circumflex are recomposed.
    assert_eq!(
        normalize_diacritics("pa\u{306}dure, ca\u{302}ine, i\u{302}n"),
        "pădure, câine, în"
    );
    // Correct text is unchanged; cedilla on other letters (ç) is left alone.
    let correct = "Poliția Locală Timișoara, str. Ștefan cel Mare nr. 1; Façade";
    assert_eq!(normalize_diacritics(correct), correct);
    assert_eq!(normalize_diacritics("c\u{327}"), "ç");
    assert_eq!(normalize_diacritics(""), "");
}

#[test]
fn fold_for_search() {
    assert_eq!(fold("Timișoara"), "timisoara");
    assert_eq!(fold("Timişoara"), "timisoara");
    assert_eq!(fold("TIMIȘOARA"), "timisoara");
    assert_eq!(fold("Ăă Ââ Îî Șș Şş Țț Ţţ"), "aa aa ii ss ss tt tt");
    assert_eq!(
        fold("  Piața   Victoriei\t\n nr.\u{a0}3 "),
        "piata victoriei nr. 3"
    );
    assert_eq!(
        fold("Müller Ångström Dvořák Łódź Straße Øre Œuvre"),
        "muller angstrom dvorak lodz strasse ore oeuvre"
    );
    assert_eq!(fold("ﬁșă"), "fisa"); // ligature fi
    assert_eq!(fold(""), "");
    assert_eq!(fold(" \t "), "");
}

#[test]
fn stop_words() {
    for w in [
        "și", "şi", "si", "ȘI", "în", "in", "la", "de", "care", "să", "că",
    ] {
        assert!(is_stop_word(w), "{w}");
    }
    for w in ["poliție", "petiție", "timisoara"] {
        assert!(!is_stop_word(w), "{w}");
    }
}

#[test]
fn spellings_of_timisoara_give_one_term() {
    let expected = vec!["timisoar".to_string()];
    assert_eq!(search_terms("Timișoara"), expected);
    assert_eq!(search_terms("Timişoara"), expected); // cedilla
    assert_eq!(search_terms("timisoara"), expected);
    assert_eq!(search_terms("TIMIȘOARA"), expected);
    assert_eq!(search_terms("Timis\u{327}oara"), expected); // decomposed cedilla
}

#[test]
fn tokenising_and_stop_words() {
    assert_eq!(
        search_query("Sesizare privind parcarea pe trotuar, în Piața Unirii și pe str. Mărășești!"),
        "sesiz priv parc trotuar piat unir str marasest"
    );
    assert_eq!(
        search_terms("Nr. 1234/29.11.2026"),
        ["nr", "1234", "29", "11", "2026"]
    );
    assert_eq!(search_terms("și în la de"), Vec::<String>::new());
    assert_eq!(search_terms(""), Vec::<String>::new());
    assert_eq!(search_terms("—…!?"), Vec::<String>::new());
}

fn term(word: &str) -> String {
    let terms = search_terms(word);
    assert_eq!(terms.len(), 1, "{word} gives one term: {terms:?}");
    terms.into_iter().next().unwrap_or_default()
}

fn same(words: &[&str]) {
    let first = term(words[0]);
    for w in words {
        assert_eq!(term(w), first, "{w} stems like {}", words[0]);
    }
}

/// What the Snowball Romanian stemmer (rust-stemmers 1.2) merges, applied to folded tokens.
#[test]
fn stemmer_merges() {
    // Singular and plural, with article or not, with or without diacritics.
    same(&[
        "petiție",
        "petiția",
        "petițiile",
        "petiții",
        "petițiilor",
        "petiţia",
        "petitie",
        "petitiile",
    ]);
    same(&["poliție", "poliția", "politie", "politia"]);
    same(&["polițist", "polițiști", "polițiștii", "politistii"]);
    same(&[
        "contravenție",
        "contravenția",
        "contravenții",
        "contravențiilor",
        "contraventie",
    ]);
    same(&["mașină", "mașini", "mașinii", "masina", "masini"]);
    same(&["sesizare", "sesizarea"]);
    same(&["sesizări", "sesizările", "sesizărilor", "sesizari"]);
    same(&["câine", "câini", "caine", "caini"]);
    same(&["școli", "școlii", "scoli"]);
    same(&["răspuns", "răspunsul", "raspuns"]);
    same(&["informare", "informarea", "informații", "informatii"]);
    assert_eq!(term("petiția"), "petit");
}

/// What it does not merge: recorded so that search behaviour is known, not a wish list.
#[test]
fn stemmer_does_not_merge() {
    let differ = |a: &str, b: &str| assert_ne!(term(a), term(b), "{a} vs {b}");
    // The -are infinitive/noun and its plural -ări keep different stems.
    differ("sesizare", "sesizări");
    differ("parcare", "parcări");
    // Vowel alternation in the root.
    differ("școală", "școli");
    differ("gunoi", "gunoaie");
    // -ație singular versus -ații plural once diacritics are folded away.
    differ("reclamație", "reclamații");
    differ("informația", "informații");
    // Plural -uri.
    differ("răspuns", "răspunsuri");
}

#[test]
fn document_and_query_meet() {
    let doc = search_terms("Petițiile cetățenilor din Timişoara privind poliţia locală");
    for query in [
        "petitie timisoara",
        "PETIȚIA Timișoara",
        "politie locala",
        "cetateni",
    ] {
        for q in search_terms(query) {
            assert!(doc.contains(&q), "{query}: {q} in {doc:?}");
        }
    }
}
