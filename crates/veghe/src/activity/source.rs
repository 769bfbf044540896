//! Reading a department's file as rows of text: CSV streamed (UTF-8, or Windows-1250 detected
//! when the bytes are not UTF-8; `;`, `,` or tab found from the header), XLSX through calamine
//! (dates and times as Romanians write them; formulas and merged cells reported by cell).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use encoding_rs::{Decoder, WINDOWS_1250};

/// A file that cannot be read as a table at all.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has a header but no rows")]
    HeaderOnly,
    #[error("the file cannot be read: {0}")]
    Io(#[from] std::io::Error),
    #[error("row {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("the spreadsheet cannot be read: {0}")]
    Xlsx(String),
}

/// The file's format, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn of(name: &str) -> Option<Format> {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") || lower.ends_with(".txt") {
            Some(Format::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else {
            None
        }
    }
}

/// Is this file UTF-8 throughout (read in chunks, so memory stays flat)?
pub fn is_utf8(path: &Path) -> Result<bool, SourceError> {
    let mut f = File::open(path)?;
    let mut buf = vec![0u8; 1 << 16];
    let mut carry = 0usize;
    let mut total = 0u64;
    loop {
        let n = f.read(&mut buf[carry..])?;
        total += n as u64;
        if n == 0 {
            if total == 0 {
                return Err(SourceError::Empty);
            }
            return Ok(carry == 0);
        }
        let end = carry + n;
        match std::str::from_utf8(&buf[..end]) {
            Ok(_) => carry = 0,
            Err(e) if e.error_len().is_none() => {
                let valid = e.valid_up_to();
                buf.copy_within(valid..end, 0);
                carry = end - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// Windows-1250 bytes read as UTF-8.
struct Win1250<R> {
    inner: R,
    decoder: Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> Read for Win1250<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.out.len() {
            if self.done {
                return Ok(0);
            }
            let n = self.inner.read(&mut self.raw)?;
            let last = n == 0;
            self.out.clear();
            self.out.resize(n * 3 + 16, 0);
            let (_, _, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.out, last);
            self.out.truncate(written);
            self.pos = 0;
            self.done = last;
        }
        let k = buf.len().min(self.out.len() - self.pos);
        buf[..k].copy_from_slice(&self.out[self.pos..self.pos + k]);
        self.pos += k;
        Ok(k)
    }
}

/// One row read: its number in the file (the header is row 1), its cells, and problems found in
/// the cells themselves (formulas, merged cells), by column index.
#[derive(Default)]
pub struct RowBuf {
    pub line: u64,
    record: csv::StringRecord,
    cells: Vec<String>,
    xlsx: bool,
    pub problems: Vec<(usize, String)>,
}

impl RowBuf {
    pub fn cell(&self, i: usize) -> &str {
        if self.xlsx {
            self.cells.get(i).map_or("", String::as_str)
        } else {
            self.record.get(i).unwrap_or("")
        }
    }

    /// A row of empty cells only (skipped, as spreadsheets trail them).
    pub fn is_blank(&self) -> bool {
        if self.xlsx {
            self.cells.iter().all(|c| c.trim().is_empty())
        } else {
            self.record.iter().all(|c| c.trim().is_empty())
        }
    }
}

/// A spreadsheet row read ahead: its cells and the problems of its cells.
type SheetRow = (Vec<String>, Vec<(usize, String)>);

enum Inner {
    Csv(csv::Reader<Box<dyn Read + Send>>, u64),
    Xlsx {
        rows: std::vec::IntoIter<SheetRow>,
        line: u64,
    },
}

/// An open table: its header and its rows, read one at a time.
pub struct Table {
    pub headers: Vec<String>,
    /// `utf-8`, `windows-1250` or `xlsx`.
    pub encoding: &'static str,
    inner: Inner,
}

impl Table {
    pub fn open(path: &Path, format: Format) -> Result<Table, SourceError> {
        match format {
            Format::Csv => open_csv(path),
            Format::Xlsx => open_xlsx(path),
        }
    }

    /// Reads the next row into `row`; false at the end.
    pub fn next_row(&mut self, row: &mut RowBuf) -> Result<bool, SourceError> {
        row.problems.clear();
        match &mut self.inner {
            Inner::Csv(r, count) => {
                row.xlsx = false;
                let more = r
                    .read_record(&mut row.record)
                    .map_err(|e| SourceError::Csv {
                        line: e.position().map_or(0, |p| p.line()),
                        message: e.to_string(),
                    })?;
                // Rows as a spreadsheet numbers them: the header is row 1, each record one row.
                *count += 1;
                row.line = *count;
                Ok(more)
            }
            Inner::Xlsx { rows, line } => match rows.next() {
                Some((cells, problems)) => {
                    *line += 1;
                    row.xlsx = true;
                    row.line = *line;
                    row.cells = cells;
                    row.problems = problems;
                    Ok(true)
                }
                None => Ok(false),
            },
        }
    }
}

fn open_csv(path: &Path) -> Result<Table, SourceError> {
    let utf8 = is_utf8(path)?;
    let file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let reader: Box<dyn Read + Send> = if utf8 {
        Box::new(file)
    } else {
        Box::new(Win1250 {
            inner: file,
            decoder: WINDOWS_1250.new_decoder_without_bom_handling(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            pos: 0,
            done: false,
        })
    };
    let mut first = Vec::new();
    let mut peek = BufReader::new(reader);
    std::io::BufRead::read_until(&mut peek, b'\n', &mut first)?;
    let first_text = String::from_utf8_lossy(&first);
    let first_text = first_text.trim_start_matches('\u{feff}');
    if first_text.trim().is_empty() {
        return Err(SourceError::Empty);
    }
    let delimiter = [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|d| first_text.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let chained: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(first).chain(peek));
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(chained);
    let headers = r
        .headers()
        .map_err(|e| SourceError::Csv {
            line: 1,
            message: e.to_string(),
        })?
        .iter()
        .map(|h| super::parse::clean(h.trim_start_matches('\u{feff}')))
        .collect();
    Ok(Table {
        headers,
        encoding: if utf8 { "utf-8" } else { "windows-1250" },
        inner: Inner::Csv(r, 1),
    })
}

/// An Excel serial day (1900 system) as `dd.mm.yyyy`, `HH:MM` or both.
fn excel_serial(v: f64) -> String {
    let days = v.floor() as i64;
    let secs = ((v - v.floor()) * 86_400.0).round() as i64;
    let date = jiff::civil::date(1899, 12, 30).checked_add(jiff::Span::new().days(days));
    let time = format!("{:02}:{:02}", secs / 3600, (secs % 3600) / 60);
    match date {
        Ok(d) if days == 0 => {
            let _ = d;
            time
        }
        Ok(d) if secs == 0 => d.strftime("%d.%m.%Y").to_string(),
        Ok(d) => format!("{} {time}", d.strftime("%d.%m.%Y")),
        Err(_) => v.to_string(),
    }
}

fn text_of(d: &Data) -> Result<String, String> {
    Ok(match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "da" } else { "nu" }.to_string(),
        Data::DateTime(dt) => excel_serial(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("the cell holds an error ({e})")),
    })
}

fn open_xlsx(path: &Path) -> Result<Table, SourceError> {
    if std::fs::metadata(path)?.len() == 0 {
        return Err(SourceError::Empty);
    }
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e: calamine::XlsxError| SourceError::Xlsx(e.to_string()))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(SourceError::Empty)?;
    let range = book
        .worksheet_range(&sheet)
        .map_err(|e| SourceError::Xlsx(e.to_string()))?;
    let formulas = book.worksheet_formula(&sheet).ok();
    let merged = book.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let Some((r0, c0)) = range.start() else {
        return Err(SourceError::Empty);
    };
    let (height, width) = range.get_size();
    // Rows are numbered as Excel shows them: the header's own row number comes from the sheet.
    let mut rows = Vec::with_capacity(height);
    for (i, row) in range.rows().enumerate() {
        let abs_row = r0 + i as u32;
        let mut cells = Vec::with_capacity(width);
        let mut problems = Vec::new();
        for (j, d) in row.iter().enumerate() {
            let abs_col = c0 + j as u32;
            match text_of(d) {
                Ok(t) => cells.push(t),
                Err(m) => {
                    cells.push(String::new());
                    problems.push((j, m));
                }
            }
            if let Some(f) = formulas
                .as_ref()
                .and_then(|f| f.get_value((abs_row, abs_col)))
                && !f.is_empty()
            {
                problems.push((
                    j,
                    format!("the cell holds a formula (={f}): paste its value"),
                ));
            }
            if let Some(m) = merged.iter().find(|m| {
                (m.start.0..=m.end.0).contains(&abs_row)
                    && (m.start.1..=m.end.1).contains(&abs_col)
                    && (m.start.0, m.start.1) != (abs_row, abs_col)
            }) {
                problems.push((
                    j,
                    format!(
                        "merged cell (with {}): unmerge and fill every row",
                        super::report::cell_name(m.start.0 as u64 + 1, m.start.1 as usize)
                    ),
                ));
            }
        }
        rows.push((cells, problems));
    }
    let mut rows = rows.into_iter();
    let (headers, _) = rows.next().ok_or(SourceError::Empty)?;
    let headers = headers.iter().map(|h| super::parse::clean(h)).collect();
    Ok(Table {
        headers,
        encoding: "xlsx",
        inner: Inner::Xlsx {
            rows,
            line: u64::from(r0) + 1,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serial_days() {
        assert_eq!(excel_serial(46_355.0), "29.11.2026");
        assert_eq!(excel_serial(0.5), "12:00");
        assert_eq!(excel_serial(46_355.75), "29.11.2026 18:00");
    }

    #[test]
    fn windows_1250_is_detected_and_decoded() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("w.csv");
        // "Adresa;Oraș\nx;Timișoara" in Windows-1250: ș is 0xBA, cedilla ş in that code page.
        std::fs::write(&path, b"Adresa;Ora\xba\nx;Timi\xbaoara\n").expect("write");
        assert!(!is_utf8(&path).expect("read"));
        let mut t = Table::open(&path, Format::Csv).expect("open");
        assert_eq!(t.encoding, "windows-1250");
        assert_eq!(t.headers, vec!["Adresa", "Oraș"]);
        let mut row = RowBuf::default();
        assert!(t.next_row(&mut row).expect("row"));
        assert_eq!(super::super::parse::clean(row.cell(1)), "Timișoara");
        assert_eq!(row.line, 2);
    }
}
