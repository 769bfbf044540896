//! Document rendering: SVG charts, DOCX reports and, later, PDF, XLSX.
#![forbid(unsafe_code)]

pub mod docx;
pub mod format;
pub mod svg;
pub mod xml;

pub use format::format_ro;
