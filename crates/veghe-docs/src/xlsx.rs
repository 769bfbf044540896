//! A document as one worksheet (rust_xlsxwriter): the title, then each block in turn; table
//! cells that are numbers as reports write them (`1.234`, `12,5`, `45%`) become numbers, so the
//! figures can be summed and charted.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::doc::{Block, Document, number};

struct Formats {
    title: Format,
    heading: Format,
    bold: Format,
    header: Format,
    cell: Format,
    integer: Format,
    decimal: Format,
    share: Format,
}

impl Formats {
    fn new() -> Formats {
        let boxed = Format::new().set_border(FormatBorder::Thin);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            heading: Format::new().set_bold().set_font_size(12),
            bold: Format::new().set_bold(),
            header: boxed
                .clone()
                .set_bold()
                .set_background_color(0xE6E6E6)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            cell: boxed.clone().set_text_wrap().set_align(FormatAlign::Top),
            integer: boxed.clone().set_num_format("#,##0"),
            decimal: boxed.clone().set_num_format("#,##0.0"),
            share: boxed.set_num_format("0%"),
        }
    }
}

/// Writes `text` in its kind: a number (with its format) or text.
fn cell(ws: &mut Worksheet, f: &Formats, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
    match number(text) {
        Some(v) => {
            let format = if text.trim_end().ends_with('%') {
                &f.share
            } else if v.fract() != 0.0 {
                &f.decimal
            } else {
                &f.integer
            };
            ws.write_number_with_format(row, col, v, format)?;
        }
        None => {
            ws.write_string_with_format(row, col, text, &f.cell)?;
        }
    }
    Ok(())
}

/// `doc` as an .xlsx file.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let f = Formats::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&doc.title)
            .set_author("Veghe"),
    );
    let ws = book.add_worksheet();
    ws.set_name("Raport")?;
    ws.write_string_with_format(0, 0, &doc.title, &f.title)?;
    let mut widths: Vec<usize> = Vec::new();
    let mut widen = |col: usize, text: &str| {
        if widths.len() <= col {
            widths.resize(col + 1, 8);
        }
        widths[col] = widths[col].max(text.chars().count().min(60));
    };
    let mut row: u32 = 2;
    for block in &doc.blocks {
        match block {
            Block::Heading(level, text) => {
                row += u32::from(*level > 1);
                let format = if *level <= 1 { &f.title } else { &f.heading };
                ws.write_string_with_format(row, 0, text, format)?;
                row += 1;
            }
            Block::Paragraph(text) => {
                for line in text.split('\n') {
                    ws.write_string(row, 0, line)?;
                    row += 1;
                }
            }
            Block::Field(label, value) => {
                ws.write_string_with_format(row, 0, label, &f.bold)?;
                widen(0, label);
                match number(value) {
                    Some(v) => ws.write_number(row, 1, v)?,
                    None => ws.write_string(row, 1, value)?,
                };
                row += 1;
            }
            Block::Table { header, rows } => {
                for (c, h) in header.iter().enumerate() {
                    let col = u16::try_from(c).unwrap_or(u16::MAX);
                    ws.write_string_with_format(row, col, h, &f.header)?;
                    widen(c, h);
                }
                row += 1;
                for r in rows {
                    for c in 0..header.len().max(r.len()) {
                        let text = r.get(c).map_or("", String::as_str);
                        cell(ws, &f, row, u16::try_from(c).unwrap_or(u16::MAX), text)?;
                        widen(c, text);
                    }
                    row += 1;
                }
                row += 1;
            }
            Block::Figures(pairs) => {
                for (label, value) in pairs {
                    ws.write_string_with_format(row, 0, label, &f.cell)?;
                    widen(0, label);
                    cell(ws, &f, row, 1, value)?;
                    row += 1;
                }
                row += 1;
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(c).unwrap_or(u16::MAX), (*w + 2) as f64)?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::*;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("read");
        text
    }

    #[test]
    fn numbers_are_numbers_and_text_is_shared_strings() {
        let mut doc = Document::new("Raportul anual — Legea 544/2001", "ro-RO");
        doc.push(Block::Heading(2, "Solicitări înregistrate".into()))
            .push(Block::Table {
                header: vec!["Domeniu".into(), "Număr".into(), "Pondere".into()],
                rows: vec![
                    vec![
                        "Utilizarea banilor publici".into(),
                        "1.234".into(),
                        "45%".into(),
                    ],
                    vec![
                        "Acte normative, reglementări".into(),
                        "12,5".into(),
                        "—".into(),
                    ],
                ],
            })
            .push(Block::Figures(vec![("Total".into(), "1.246".into())]));
        let bytes = xlsx(&doc).expect("xlsx");
        let strings = part(&bytes, "xl/sharedStrings.xml");
        for s in [
            "Raportul anual — Legea 544/2001",
            "Solicitări înregistrate",
            "Acte normative, reglementări",
            "—",
        ] {
            assert!(strings.contains(s), "{s} in {strings}");
        }
        let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
        let doc = roxmltree::Document::parse(&sheet).expect("xml");
        let numbers: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name("c") && n.attribute("t").is_none())
            .filter_map(|c| c.children().find(|v| v.has_tag_name("v")))
            .filter_map(|v| v.text().map(str::to_string))
            .collect();
        assert_eq!(numbers, vec!["1234", "0.45", "12.5", "1246"]);
    }
}
