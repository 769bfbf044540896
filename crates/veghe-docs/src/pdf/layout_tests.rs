//! The layout checked with a fixed-width measure: wrapping, page breaks, repeated headers,
//! numbers aligned right.

use super::*;

/// Every character 0.5 em wide; bold 0.6.
struct Fixed;
impl Measure for Fixed {
    fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        let em = if style == Style::Bold { 0.6 } else { 0.5 };
        text.chars().count() as f32 * em * size
    }
    fn ascent(&self, _: Style) -> f32 {
        0.8
    }
}

#[test]
fn wraps_at_words_and_cuts_long_words() {
    // 10 pt regular: 5 pt a character, so 50 pt hold 10 characters.
    let lines = wrap(
        &Fixed,
        Style::Regular,
        10.0,
        "ana are mere și pere",
        50.0,
        50.0,
    );
    assert_eq!(lines, vec!["ana are", "mere și", "pere"]);
    let cut = wrap(&Fixed, Style::Regular, 10.0, "abcdefghijklmnop", 50.0, 50.0);
    assert_eq!(cut, vec!["abcdefghij", "klmnop"]);
    let first = wrap(&Fixed, Style::Regular, 10.0, "aa bb cc", 15.0, 100.0);
    assert_eq!(first, vec!["aa", "bb cc"], "the first line is shorter");
}

#[test]
fn a_long_table_breaks_pages_and_repeats_its_header() {
    let rows: Vec<Vec<String>> = (0..120)
        .map(|i| vec![format!("rând {i}"), i.to_string()])
        .collect();
    let doc = Document {
        title: "T".into(),
        lang: "ro-RO".into(),
        blocks: vec![
            Block::Heading(1, "Titlu".into()),
            Block::Table {
                header: vec!["Nume".into(), "Număr".into()],
                rows,
            },
        ],
    };
    let pages = layout(&doc, &Fixed);
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for page in &pages[1..] {
        let headers = page
            .iter()
            .filter(|i| matches!(i, Item::Text { text, style: Style::Bold, .. } if text == "Număr"))
            .count();
        assert_eq!(headers, 1, "the header row on each page");
        for item in page {
            if let Item::Text { y, .. } = item {
                assert!(*y > 20.0 && *y < PAGE_H, "inside the page: {y}");
            }
        }
    }
    let last = pages.last().expect("a page");
    assert!(last.iter().any(|i| matches!(i, Item::Text { text, .. } if text.ends_with(&format!("{} / {}", pages.len(), pages.len())))));
}

#[test]
fn numbers_are_right_aligned() {
    let doc = Document {
        title: "T".into(),
        lang: "ro-RO".into(),
        blocks: vec![Block::Table {
            header: vec!["A".into(), "B".into()],
            rows: vec![
                vec!["x".into(), "12".into()],
                vec!["y".into(), "text".into()],
            ],
        }],
    };
    let pages = layout(&doc, &Fixed);
    let x_of = |t: &str| {
        pages[0]
            .iter()
            .find_map(|i| match i {
                Item::Text { text, x, .. } if text == t => Some(*x),
                _ => None,
            })
            .expect(t)
    };
    assert!(
        x_of("12") > x_of("text"),
        "the number ends at the right edge"
    );
}
