//! Documents for download: a `veghe_docs::Document` as PDF (set in DejaVu Sans, the faces
//! `web::fonts` embeds from the npm lockfile), DOCX or XLSX, with its file name.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use veghe_docs::Document;
use veghe_docs::pdf::Fonts;

use crate::error::{AppError, AppResult};

/// The faces of Veghe's PDF documents.
pub fn fonts() -> Fonts<'static> {
    Fonts {
        regular: crate::web::fonts::DEJAVU_SANS,
        bold: crate::web::fonts::DEJAVU_SANS_BOLD,
    }
}

/// A file format a report is downloaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Xlsx];

    pub fn parse(s: &str) -> AppResult<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == s.trim())
            .ok_or_else(|| AppError::bad("format", "format is pdf, docx or xlsx"))
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(anyhow::anyhow!("{what}: {e}"))
}

/// The bytes of `doc` in `format`.
pub fn render(doc: &Document, format: Format) -> AppResult<Vec<u8>> {
    match format {
        Format::Pdf => veghe_docs::pdf::pdf(doc, &fonts()).map_err(|e| failed("pdf", e)),
        Format::Docx => veghe_docs::docx::document(doc).map_err(|e| failed("docx", e)),
        Format::Xlsx => veghe_docs::xlsx::xlsx(doc).map_err(|e| failed("xlsx", e)),
    }
}

/// `doc` as an attachment named `stem.ext` (`stem` in ASCII letters, digits, `-` and `_`).
pub fn download(doc: &Document, format: Format, stem: &str) -> AppResult<Response> {
    let bytes = render(doc, format)?;
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{}\"", format.extension()),
            ),
        ],
        bytes,
    )
        .into_response())
}
