//! The problem report of an import: file, row, column (as a spreadsheet names it: `C5`), the
//! column's header, the field, the value and what is wrong. Written as CSV while the file is read,
//! so its size does not weigh on memory; the first problems are also kept to show at once.

use std::io::Write;

use serde::Serialize;

/// `(5, 2)` → `C5` (row 1-based, column 0-based).
pub fn cell_name(row: u64, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(b'A' + rem as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// One problem.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Line {
    pub file: String,
    /// The row as the spreadsheet numbers it (the header is row 1); 0 for the file as a whole.
    pub row: u64,
    /// `C5`; empty when the problem is the row's or the file's.
    pub cell: String,
    /// The column's header in the file.
    pub column: String,
    /// The record's field (`date`, `amount`, …).
    pub field: String,
    pub value: String,
    pub message: String,
    /// The message in Romanian, where written (empty: the English one stands).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message_ro: String,
}

impl Line {
    /// The message in `lang`.
    pub fn said(&self, lang: &crate::web::Lang) -> &str {
        if *lang == crate::web::Lang::Ro && !self.message_ro.is_empty() {
            &self.message_ro
        } else {
            &self.message
        }
    }
}

/// Problems kept in memory to show; the rest are only in the CSV.
pub const SHOWN: usize = 200;

/// Collects problems: all into the CSV sink, the first `SHOWN` into `shown`.
pub struct Report {
    sink: Option<crate::csv_file::Writer<Box<dyn Write + Send>>>,
    pub shown: Vec<Line>,
    pub total: u64,
    /// Rows with at least one problem.
    pub rows: u64,
}

impl Report {
    pub fn new(sink: Option<Box<dyn Write + Send>>) -> Report {
        let sink = sink.map(|w| {
            let mut w = crate::csv_file::Writer::new(w, b',');
            let _ = w.record([
                "fișier / file",
                "rând / row",
                "celula / cell",
                "coloana / column",
                "câmp / field",
                "valoare / value",
                "problema / problem",
            ]);
            w
        });
        Report {
            sink,
            shown: Vec::new(),
            total: 0,
            rows: 0,
        }
    }

    pub fn add(&mut self, line: Line) -> std::io::Result<()> {
        self.total += 1;
        if let Some(w) = self.sink.as_mut() {
            w.record([
                line.file.as_str(),
                &line.row.to_string(),
                &line.cell,
                &line.column,
                &line.field,
                &line.value,
                &line.message,
            ])?;
        }
        if self.shown.len() < SHOWN {
            self.shown.push(line);
        }
        Ok(())
    }

    pub fn finish(&mut self) -> std::io::Result<()> {
        if let Some(w) = self.sink.as_mut() {
            w.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_do() {
        assert_eq!(cell_name(5, 0), "A5");
        assert_eq!(cell_name(2, 25), "Z2");
        assert_eq!(cell_name(2, 26), "AA2");
        assert_eq!(cell_name(10, 27), "AB10");
    }
}
