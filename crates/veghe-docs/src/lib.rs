//! Document rendering: SVG charts (and PNG from them), and one document model (`doc`) rendered as
//! PDF, DOCX and XLSX.
#![forbid(unsafe_code)]

pub mod doc;
pub mod docx;
pub mod format;
pub mod pdf;
pub mod placeholders;
pub mod png;
pub mod svg;
pub mod xlsx;
pub mod xml;

pub use doc::{Block, Document};
pub use format::format_ro;
