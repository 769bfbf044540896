//! Reading a department's file as rows of text: CSV streamed (UTF-8; UTF-16 known by its
//! byte-order mark; else Windows-1250 when the bytes are not UTF-8; `;`, `,` or tab found from
//! the header), XLSX streamed cell by cell through calamine on a thread of its own (dates and
//! times as Romanians write them; formulas and merged cells reported by cell).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use encoding_rs::{Decoder, Encoding, UTF_16BE, UTF_16LE, WINDOWS_1250};

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

/// The file's first bytes: a UTF-16 byte-order mark (Excel's "Unicode text") names its encoding.
fn utf16_of(path: &Path) -> Result<Option<&'static Encoding>, SourceError> {
    let mut head = [0u8; 2];
    let mut f = File::open(path)?;
    let n = f.read(&mut head)?;
    Ok(match &head[..n] {
        [0xFF, 0xFE] => Some(UTF_16LE),
        [0xFE, 0xFF] => Some(UTF_16BE),
        _ => None,
    })
}

/// Bytes in another encoding (Windows-1250, UTF-16) read as UTF-8.
struct Decoding<R> {
    inner: R,
    decoder: Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
    done: bool,
}

impl<R: Read> Read for Decoding<R> {
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

/// A spreadsheet row read ahead: its row index (0-based), its cells and the problems of its cells.
type SheetRow = (u32, Vec<String>, Vec<(usize, String)>);

enum Inner {
    Csv(csv::Reader<Box<dyn Read + Send>>, u64),
    Xlsx {
        rows: std::sync::mpsc::Receiver<Result<SheetRow, SourceError>>,
        /// The row before the first not yet read (1-based).
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
            Inner::Xlsx { rows, line } => match rows.recv() {
                Ok(Ok((abs_row, cells, problems))) => {
                    *line = u64::from(abs_row) + 1;
                    row.xlsx = true;
                    row.line = *line;
                    row.cells = cells;
                    row.problems = problems;
                    Ok(true)
                }
                Ok(Err(e)) => Err(e),
                Err(_) => Ok(false),
            },
        }
    }
}

fn open_csv(path: &Path) -> Result<Table, SourceError> {
    // UTF-16 by its mark; else UTF-8 when every byte says so; else Windows-1250.
    let (encoding, label) = match utf16_of(path)? {
        Some(e) => (
            Some(e),
            if e == UTF_16LE {
                "utf-16le"
            } else {
                "utf-16be"
            },
        ),
        None if is_utf8(path)? => (None, "utf-8"),
        None => (Some(WINDOWS_1250), "windows-1250"),
    };
    let file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let reader: Box<dyn Read + Send> = match encoding {
        None => Box::new(file),
        Some(e) => Box::new(Decoding {
            inner: file,
            // The UTF-16 decoder takes the mark away itself.
            decoder: e.new_decoder_with_bom_removal(),
            raw: vec![0; 1 << 16],
            out: Vec::new(),
            pos: 0,
            done: false,
        }),
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
        encoding: label,
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

fn text_of(d: &DataRef<'_>) -> Result<String, String> {
    Ok(match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "da" } else { "nu" }.to_string(),
        DataRef::DateTime(dt) => excel_serial(dt.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => return Err(format!("the cell holds an error ({e})")),
    })
}

/// Rows of a sheet waiting between the thread that unzips and reads the XML and the importer.
const SHEET_QUEUE: usize = 256;

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
    // The merged regions sit after the cells in the sheet's XML: one streamed pass finds them.
    let merged = book.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let (send, rows) = std::sync::mpsc::sync_channel(SHEET_QUEUE);
    std::thread::Builder::new()
        .name("xlsx-reader".into())
        .spawn(move || {
            if let Err(e) = stream_sheet(&mut book, &sheet, &merged, &send) {
                let _ = send.send(Err(e));
            }
        })?;
    let (header_row, headers, _) = match rows.recv() {
        Ok(Ok(row)) => row,
        Ok(Err(e)) => return Err(e),
        Err(_) => return Err(SourceError::Empty),
    };
    let headers = headers.iter().map(|h| super::parse::clean(h)).collect();
    Ok(Table {
        headers,
        encoding: "xlsx",
        inner: Inner::Xlsx {
            rows,
            line: u64::from(header_row) + 1,
        },
    })
}

/// Reads the sheet cell by cell (calamine's streaming reader: memory stays flat in the sheet's
/// size) and sends it row by row, the header first. Columns are counted from the header's first
/// cell; rows keep the sheet's numbers. Formulas and merged cells become problems of their cells.
fn stream_sheet(
    book: &mut Xlsx<BufReader<File>>,
    sheet: &str,
    merged: &[calamine::Dimensions],
    send: &std::sync::mpsc::SyncSender<Result<SheetRow, SourceError>>,
) -> Result<(), SourceError> {
    let xlsx = |e: calamine::XlsxError| SourceError::Xlsx(e.to_string());
    let mut cells_reader = book.worksheet_cells_reader(sheet).map_err(xlsx)?;
    let mut first_col: Option<u32> = None;
    let mut current: Option<SheetRow> = None;
    while let Some(cell) = cells_reader.next_cell_with_formula().map_err(xlsx)? {
        let (abs_row, abs_col) = cell.pos;
        if current.as_ref().is_some_and(|r| r.0 != abs_row)
            && let Some(mut done) = current.take()
        {
            merged_cells(&mut done, merged, first_col.unwrap_or(0));
            if send.send(Ok(done)).is_err() {
                return Ok(());
            }
        }
        let text = text_of(&cell.value);
        if first_col.is_none() {
            // The header is the first row with something written in it.
            if text.as_ref().is_ok_and(|t| t.trim().is_empty()) && cell.formula.is_none() {
                continue;
            }
            first_col = Some(abs_col);
        }
        let Some(j) = first_col.and_then(|c| abs_col.checked_sub(c)) else {
            continue;
        };
        let j = j as usize;
        let row = current.get_or_insert_with(|| (abs_row, Vec::new(), Vec::new()));
        if row.1.len() <= j {
            row.1.resize(j + 1, String::new());
        }
        match text {
            Ok(t) => row.1[j] = t,
            Err(m) => row.2.push((j, m)),
        }
        if let Some(f) = cell.formula.filter(|f| !f.is_empty()) {
            row.2.push((
                j,
                format!("the cell holds a formula (={f}): paste its value"),
            ));
        }
    }
    if let Some(mut done) = current {
        merged_cells(&mut done, merged, first_col.unwrap_or(0));
        let _ = send.send(Ok(done));
    }
    Ok(())
}

/// The cells of `row` covered by a merged region other than its first cell: problems of their
/// own (a sheet may not even write them, so every covered column is named).
fn merged_cells(row: &mut SheetRow, merged: &[calamine::Dimensions], first_col: u32) {
    for m in merged {
        if !(m.start.0..=m.end.0).contains(&row.0) {
            continue;
        }
        for col in m.start.1..=m.end.1 {
            let Some(j) = col.checked_sub(first_col) else {
                continue;
            };
            if (row.0, col) == m.start {
                continue;
            }
            let j = j as usize;
            if row.1.len() <= j {
                row.1.resize(j + 1, String::new());
            }
            row.2.push((
                j,
                format!(
                    "merged cell (with {}): unmerge and fill every row",
                    super::report::cell_name(u64::from(m.start.0) + 1, m.start.1 as usize)
                ),
            ));
        }
    }
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
    fn utf16_is_detected_by_its_mark() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("u.csv");
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Adresa\tOraș\r\nx\tTimișoara\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        std::fs::write(&path, bytes).expect("write");
        let mut t = Table::open(&path, Format::Csv).expect("open");
        assert_eq!(t.encoding, "utf-16le");
        assert_eq!(t.headers, vec!["Adresa", "Oraș"]);
        let mut row = RowBuf::default();
        assert!(t.next_row(&mut row).expect("row"));
        assert_eq!(row.cell(1), "Timișoara");
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
