//! The PDF read back with lopdf: it parses, has its pages, embeds subset fonts, and its text,
//! extracted through the ToUnicode maps, is the Romanian we wrote (ș ț with the comma below).

use super::*;
use crate::doc::Block;

/// DejaVu Sans Condensed from the npm package the build installs (web/package-lock.json).
pub(crate) fn fonts() -> (Vec<u8>, Vec<u8>) {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../web/node_modules/dejavu-fonts-ttf/ttf/"
    );
    let read = |name: &str| {
        std::fs::read(format!("{dir}{name}")).unwrap_or_else(|e| {
            panic!("{dir}{name}: {e}; run `npm ci` in web/ (building Veghe does it)")
        })
    };
    (
        read("DejaVuSansCondensed.ttf"),
        read("DejaVuSansCondensed-Bold.ttf"),
    )
}

fn sample(rows: usize) -> Document {
    let mut doc = Document::new("Raport semestrial — petiții", "ro-RO");
    doc.push(Block::Heading(1, "Analiza activității de soluționare a petițiilor".into()))
        .push(Block::Paragraph(
            "Petițiile înregistrate în semestrul întâi au fost soluționate în termen; mulțumim compartimentelor Poliției Locale Timișoara pentru răspunsurile trimise la timp.".into(),
        ))
        .push(Block::Field("Perioada".into(), "01.01.2026 – 30.06.2026".into()))
        .push(Block::Figures(vec![
            ("Petiții înregistrate".into(), "1.234".into()),
            ("Soluționate în termen".into(), "97%".into()),
        ]))
        .push(Block::Heading(2, "Pe compartimente".into()))
        .push(Block::Table {
            header: vec!["Compartiment".into(), "Înregistrate".into()],
            rows: (0..rows)
                .map(|i| vec![format!("Circulație rutieră {i}"), i.to_string()])
                .collect(),
        });
    doc
}

fn render(doc: &Document) -> Vec<u8> {
    let (regular, bold) = fonts();
    pdf(
        doc,
        &Fonts {
            regular: &regular,
            bold: &bold,
        },
    )
    .expect("pdf")
}

#[test]
fn parses_and_its_text_is_the_romanian_we_wrote() {
    let bytes = render(&sample(5));
    assert!(bytes.starts_with(b"%PDF-1.7"));
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf parses it");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), 1);
    let text = doc
        .extract_text(&pages.keys().copied().collect::<Vec<_>>())
        .expect("text");
    for words in [
        "Analiza activității de soluționare a petițiilor",
        "Petiții înregistrate",
        "Soluționate în termen",
        "Circulație rutieră 4",
        "mulțumim",
        "Timișoara",
        "01.01.2026 – 30.06.2026",
    ] {
        assert!(text.contains(words), "`{words}` not in {text:?}");
    }
    // Comma below, never the cedilla.
    assert!(text.contains('ș') && text.contains('ț'));
    assert!(!text.contains('ş') && !text.contains('ţ'));
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = render(&sample(3));
    let doc = lopdf::Document::load_mem(&bytes).expect("parse");
    let (regular, _) = fonts();
    let mut files = 0;
    for (_, object) in doc.objects.iter() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"FontFile2").is_ok()
        {
            files += 1;
            let name = dict
                .get(b"FontName")
                .and_then(|n| n.as_name())
                .expect("FontName");
            assert_eq!(name.get(6), Some(&b'+'), "a subset tag names a subset");
            let file = dict
                .get(b"FontFile2")
                .and_then(|r| r.as_reference())
                .and_then(|r| doc.get_object(r))
                .and_then(|o| o.as_stream())
                .expect("the font file");
            let mut file = file.clone();
            file.decompress().expect("inflate");
            assert!(
                file.content.len() < regular.len() / 5,
                "the subset ({} bytes) is a fraction of the face ({})",
                file.content.len(),
                regular.len()
            );
        }
    }
    assert_eq!(files, 2, "regular and bold");
}

#[test]
fn long_tables_go_on_over_pages() {
    let bytes = render(&sample(150));
    let doc = lopdf::Document::load_mem(&bytes).expect("parse");
    let pages = doc.get_pages();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let last = *pages.keys().last().expect("pages");
    let text = doc.extract_text(&[last]).expect("text");
    assert!(text.contains("Circulație rutieră 149"), "{text}");
    assert!(text.contains("Înregistrate"), "the header again: {text}");
    assert!(text.contains(&format!("{last} / {last}")), "{text}");
}

#[test]
fn characters_the_face_lacks_do_not_fail() {
    let mut doc = Document::new("x", "ro-RO");
    doc.push(Block::Paragraph("日本 and 😀".into()));
    let bytes = render(&doc);
    assert!(lopdf::Document::load_mem(&bytes).is_ok());
}
