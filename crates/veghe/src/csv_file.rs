//! CSV files that a spreadsheet opens safely: the one writer of every CSV export, which defuses
//! each cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
//! first: "CSV injection"), whatever the text came from.

use std::borrow::Cow;
use std::io::Write;

/// A cell a spreadsheet will not run: text that a spreadsheet would read as a formula gets a
/// leading `'`; a plain number (`-3`, `-12,50`) stays as it is.
pub fn cell(s: &str) -> Cow<'_, str> {
    let Some(first) = s.chars().next() else {
        return s.into();
    };
    let number = first == '-'
        && s.len() > 1
        && s[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    if matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') && !number {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// A CSV writer whose every cell goes through [`cell`].
pub struct Writer<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> Writer<W> {
    /// A writer separating cells by `delimiter` (`b','`, or `b';'` where Romanian spreadsheets
    /// expect it).
    pub fn new(out: W, delimiter: u8) -> Writer<W> {
        Writer {
            inner: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(out),
        }
    }

    /// Writes one row.
    pub fn record<I>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for c in cells {
            self.inner.write_field(cell(c.as_ref()).as_bytes())?;
        }
        self.inner.write_record(std::iter::empty::<&[u8]>())
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }

    /// The output, flushed.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner.into_inner().map_err(|e| e.into_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("-12,50"), "-12,50");
        assert_eq!(cell("Zgomot"), "Zgomot");
        assert_eq!(cell(""), "");
    }

    #[test]
    fn every_cell_of_a_row_is_defused() {
        let mut w = Writer::new(Vec::new(), b';');
        w.record(["=1+1", "Ion", "-5"]).expect("row");
        let text = String::from_utf8(w.into_inner().expect("flush")).expect("utf-8");
        assert_eq!(text, "'=1+1;Ion;-5\n");
    }

    proptest! {
        /// No cell read back from a written row starts a formula, unless it is a plain number.
        #[test]
        fn nothing_written_starts_a_formula(cells in prop::collection::vec("\\PC*", 1..6)) {
            let mut w = Writer::new(Vec::new(), b',');
            w.record(&cells).expect("row");
            let bytes = w.into_inner().expect("flush");
            let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[..]);
            let row = r.records().next().expect("a row").expect("parses");
            prop_assert_eq!(row.len(), cells.len());
            for (read, given) in row.iter().zip(&cells) {
                let expected = cell(given);
                prop_assert_eq!(read, expected.as_ref());
                let first = read.chars().next();
                let formula = matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                    || (first == Some('-') && cell(read) != read);
                prop_assert!(!formula, "{:?}", read);
            }
        }
    }
}
