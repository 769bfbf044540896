//! A minimal Word document (OOXML, ISO/IEC 29500) written by hand: headings, paragraphs,
//! label–value lines, tables and key figures (a table of one row), in a ZIP container (stored entries). Enough for reports that
//! a clerk opens, edits and prints; styles are direct formatting, so no styles part is needed.

use std::io::{Cursor, Write};

use zip::ZipWriter;
use zip::write::SimpleFileOptions;

pub use crate::doc::Block;
use crate::doc::Document;
use crate::xml::escape as esc;

fn run(text: &str, bold: bool, size_half_points: Option<u32>) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if let Some(s) = size_half_points {
        props.push_str(&format!("<w:sz w:val=\"{s}\"/>"));
    }
    let rpr = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    // Line breaks inside a run become <w:br/>.
    let body = text
        .split('\n')
        .map(|l| format!("<w:t xml:space=\"preserve\">{}</w:t>", esc(l)))
        .collect::<Vec<_>>()
        .join("<w:br/>");
    format!("<w:r>{rpr}{body}</w:r>")
}

fn paragraph(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn cell(text: &str, bold: bool) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr>{}</w:tc>",
        paragraph(&run(text, bold, None))
    )
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let border = "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>";
    let mut xml = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>{border}</w:tblBorders></w:tblPr><w:tblGrid>{}</w:tblGrid>",
        "<w:gridCol/>".repeat(header.len().max(1))
    );
    xml.push_str("<w:tr>");
    for h in header {
        xml.push_str(&cell(h, true));
    }
    xml.push_str("</w:tr>");
    for r in rows {
        xml.push_str("<w:tr>");
        for i in 0..header.len().max(1) {
            xml.push_str(&cell(r.get(i).map_or("", String::as_str), false));
        }
        xml.push_str("</w:tr>");
    }
    xml.push_str("</w:tbl>");
    // A table must be followed by a paragraph before the section properties.
    xml.push_str("<w:p/>");
    xml
}

/// The `word/document.xml` part.
pub fn document_xml(blocks: &[Block]) -> String {
    let mut body = String::new();
    for b in blocks {
        match b {
            Block::Heading(level, text) => {
                let size = if *level <= 1 { 32 } else { 26 };
                body.push_str(&paragraph(&run(text, true, Some(size))));
            }
            Block::Paragraph(text) => body.push_str(&paragraph(&run(text, false, None))),
            Block::Field(label, value) => body.push_str(&paragraph(&format!(
                "{}{}",
                run(&format!("{label}: "), true, None),
                run(value, false, None)
            ))),
            Block::Table { header, rows } => body.push_str(&table(header, rows)),
            Block::Figures(pairs) => {
                let (labels, values): (Vec<String>, Vec<String>) = pairs.iter().cloned().unzip();
                body.push_str(&table(&labels, &[values]));
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>\
</w:body></w:document>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
<dc:title>{}</dc:title><dc:creator>Veghe</dc:creator></cp:coreProperties>",
        esc(title)
    )
}

/// Writes a .docx file with `title` as its document title.
pub fn docx(title: &str, blocks: &[Block]) -> Result<Vec<u8>, zip::result::ZipError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // Stored, not deflated: the same bytes whatever zip features other crates switch on.
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, String); 4] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("docProps/core.xml", core_xml(title)),
        ("word/document.xml", document_xml(blocks)),
    ];
    for (name, text) in parts {
        zip.start_file(name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Writes `doc` as a .docx file.
pub fn document(doc: &Document) -> Result<Vec<u8>, zip::result::ZipError> {
    docx(&doc.title, &doc.blocks)
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading(1, "Raport de eveniment deosebit".into()),
            Block::Field("Număr incident".into(), "12/2026".into()),
            Block::Paragraph("Persoană rănită <gravă> & „urgent”".into()),
            Block::Table {
                header: vec!["Ora".into(), "Cine".into()],
                rows: vec![vec!["10:00".into(), "disp".into()], vec!["10:05".into()]],
            },
        ]
    }

    #[test]
    fn the_package_has_its_parts_and_well_formed_xml() {
        let bytes = docx("Raport 12/2026", &sample()).expect("docx");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/document.xml",
        ] {
            let mut text = String::new();
            archive
                .by_name(part)
                .expect(part)
                .read_to_string(&mut text)
                .expect("read");
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{part}: {e}"));
        }
    }

    #[test]
    fn text_is_escaped_and_tables_have_every_cell() {
        let xml = document_xml(&sample());
        let doc = roxmltree::Document::parse(&xml).expect("xml");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect::<Vec<_>>()
            .join("|");
        assert!(
            text.contains("Persoană rănită <gravă> & „urgent”"),
            "{text}"
        );
        assert!(text.contains("Număr incident: |12/2026"), "{text}");
        let rows: Vec<usize> = doc
            .descendants()
            .filter(|n| n.has_tag_name("tr"))
            .map(|r| r.children().filter(|c| c.has_tag_name("tc")).count())
            .collect();
        assert_eq!(
            rows,
            vec![2, 2, 2],
            "a short row is padded with empty cells"
        );
    }
}
