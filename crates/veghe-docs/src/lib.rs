//! Document rendering: SVG charts and, later, PDF, DOCX, XLSX.
#![forbid(unsafe_code)]

pub mod format;
pub mod svg;

pub use format::format_ro;
