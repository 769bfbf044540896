//! A release as a document (PDF or DOCX through `crate::documents`): the institution, the kind
//! and number, the day of publication, the title, the summary, the text as paragraphs and the
//! press office's contact line.

use veghe_docs::{Block, Document};

use super::sanitize;
use super::store::Release;

/// The institution as it signs its releases.
pub const INSTITUTION: &str = "Poliția Locală Timișoara";
/// The press office's contact line printed under every release.
pub const CONTACT: &str = "Biroul de presă — Serviciul Comunicare, Prevenire și Dispecerat, Poliția Locală Timișoara · presa@politialocalatm.ro";

fn kind_word(r: &Release) -> &'static str {
    match r.kind.as_str() {
        "statement" => "Declarație",
        "correction" => "Rectificare",
        _ => "Comunicat de presă",
    }
}

/// The release's document.
pub fn document(r: &Release) -> Document {
    let mut d = Document::new(r.title.clone(), "ro-RO");
    d.push(Block::Paragraph(INSTITUTION.to_string()));
    d.push(Block::Heading(1, r.title.clone()));
    d.push(Block::Field(
        kind_word(r).to_string(),
        r.number.clone().unwrap_or_else(|| "neaprobat".to_string()),
    ));
    let day = r
        .published_at
        .map(crate::web::local_time)
        .unwrap_or_else(|| "—".to_string());
    d.push(Block::Field("Data publicării".to_string(), day));
    if let Some(s) = &r.summary {
        d.push(Block::Paragraph(s.clone()));
    }
    for p in sanitize::paragraphs_of(&sanitize::clean_html(&r.body_html)) {
        d.push(Block::Paragraph(p));
    }
    d.push(Block::Paragraph(CONTACT.to_string()));
    d
}

/// The file name's stem: `comunicat-07.12.2026-1`, or `comunicat-ID` before approval.
pub fn stem(r: &Release) -> String {
    match &r.number {
        Some(n) => veghe_ro::fold(n).replace(' ', "-"),
        None => format!("comunicat-{}", r.id),
    }
}
