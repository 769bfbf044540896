//! A letter as a document: the institution's heading, the outgoing number and date, the subject
//! and the paragraphs of the text; written as DOCX (veghe-docs) and shown as a printable page.

use veghe_docs::docx::{Block, docx};

use super::fields;
use crate::error::{AppError, AppResult};

/// The heading every letter carries.
pub const HEADING: [&str; 4] = [
    "ROMÂNIA",
    "MUNICIPIUL TIMIȘOARA",
    "DIRECȚIA POLIȚIEI LOCALE TIMIȘOARA",
    fields::SERVICE,
];

/// The text's paragraphs: blank lines separate them, single line breaks stay inside.
pub fn paragraphs(body: &str) -> Vec<String> {
    body.split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// The number line: `Nr. 17/12.03.2026 din 12.03.2026`, blanks before sending.
pub fn number_line(out_number: Option<&str>, out_date: Option<&str>) -> String {
    format!(
        "Nr. {} din {}",
        out_number.unwrap_or("……"),
        out_date.unwrap_or("……")
    )
}

/// The letter as a .docx file.
pub fn to_docx(subject: &str, body: &str, number_line: &str) -> AppResult<Vec<u8>> {
    let mut blocks = vec![Block::Paragraph(HEADING.join("\n"))];
    blocks.push(Block::Paragraph(number_line.to_string()));
    blocks.push(Block::Heading(2, subject.to_string()));
    blocks.extend(paragraphs(body).into_iter().map(Block::Paragraph));
    docx(subject, &blocks).map_err(|e| AppError::Internal(anyhow::anyhow!("docx: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(
            paragraphs("Către: Ion\nStr. Florilor 3\n\n\nStimate domn,\n\nText."),
            vec!["Către: Ion\nStr. Florilor 3", "Stimate domn,", "Text."]
        );
        assert_eq!(number_line(None, None), "Nr. …… din ……");
    }

    #[test]
    fn the_docx_holds_the_text() {
        let bytes = to_docx(
            "Răspuns la petiția nr. 3/02.03.2026",
            "Stimate domn,\n\nVă comunicăm.",
            "Nr. 5/04.03.2026 din 04.03.2026",
        )
        .expect("docx");
        assert_eq!(&bytes[..2], b"PK");
        // The parts are stored, not deflated: the text is there as written.
        let raw = String::from_utf8_lossy(&bytes);
        for part in [
            "DIRECȚIA POLIȚIEI LOCALE TIMIȘOARA",
            "Nr. 5/04.03.2026",
            "Vă comunicăm.",
        ] {
            assert!(raw.contains(part), "{part}");
        }
    }
}
