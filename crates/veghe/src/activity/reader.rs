//! The reading side of an import, on its own thread: rows read from the table, parsed, their
//! problems written to the report, the valid ones encoded into batches and handed to the writer
//! through a bounded channel. Reading and validating overlap with writing, and the channel's
//! bound keeps memory flat whatever the file's size.

use tokio::sync::mpsc::Sender;

use super::catalogue::Catalogue;
use super::conflicts::Key;
use super::model::{Field, Parser, Problem};
use super::report::{self, Report, cell_name};
use super::rows::{BATCH, Batch, Encoded};
use super::source::{RowBuf, SourceError, Table};

/// What the reader tells the writer.
pub enum Msg {
    /// Rows read so far (for the progress bar), when nothing is to be written.
    Read(u64),
    /// A batch of valid rows, and the rows read so far.
    Batch { batch: Encoded, read: u64 },
    /// What the next valid rows say, to be checked against the records already stored (sent
    /// before their batch, in checks too).
    Keys(Vec<Key>),
}

/// Batches waiting between the reader and the writer: a few hundred KiB each.
pub const QUEUE: usize = 4;

/// What the reader found.
pub struct Reading {
    pub rows: u64,
    pub valid: u64,
    pub invalid: u64,
    /// The file broke off (a CSV that cannot be read further): nothing may be written.
    pub broken: bool,
    pub report: Report,
}

/// Everything the reading thread owns.
pub struct Reader {
    pub table: Table,
    /// The mapped column of each field.
    pub columns: Vec<Option<usize>>,
    pub catalogue: Catalogue,
    pub name: String,
    pub report: Report,
    /// Encode the valid rows (false: only check).
    pub writes: bool,
}

fn io(e: std::io::Error) -> SourceError {
    SourceError::Io(e)
}

/// A problem of the file as a whole (or of a row that breaks the file off).
pub fn file_problem(name: &str, e: &SourceError) -> report::Line {
    let row = match e {
        SourceError::Csv { line, .. } => *line,
        _ => 0,
    };
    report::Line {
        file: name.to_string(),
        row,
        cell: String::new(),
        column: String::new(),
        field: String::new(),
        value: String::new(),
        message: e.to_string(),
        message_ro: String::new(),
    }
}

impl Reader {
    /// Reads the whole table, sending batches to `out`. Stops early when the writer has gone.
    pub fn run(mut self, out: &Sender<Msg>) -> Result<Reading, SourceError> {
        let tz = crate::time::bucharest();
        let field_of_column: Vec<Option<Field>> = (0..self.table.headers.len().max(1))
            .map(|i| {
                Field::ALL
                    .into_iter()
                    .find(|f| self.columns[*f as usize] == Some(i))
            })
            .collect();
        let mut parser = Parser::new(&self.catalogue, tz);
        let mut reading = Reading {
            rows: 0,
            valid: 0,
            invalid: 0,
            broken: false,
            report: Report::new(None),
        };
        let mut batch = Batch::with_capacity(if self.writes { BATCH } else { 0 });
        let mut keys: Vec<Key> = Vec::with_capacity(BATCH);
        let mut row = RowBuf::default();
        let mut problems: Vec<Problem> = Vec::new();
        loop {
            match self.table.next_row(&mut row) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    // A file that breaks off cannot be trusted further: nothing is written.
                    self.report.add(file_problem(&self.name, &e)).map_err(io)?;
                    reading.invalid += 1;
                    reading.rows += 1;
                    reading.broken = true;
                    break;
                }
            }
            if row.is_blank() {
                continue;
            }
            reading.rows += 1;
            problems.clear();
            for (col, message) in &row.problems {
                if let Some(Some(f)) = field_of_column.get(*col) {
                    problems.push(Problem {
                        field: *f,
                        message: message.clone(),
                        message_ro: String::new(),
                    });
                }
            }
            let columns = &self.columns;
            let cells = |f: Field| columns[f as usize].map_or("", |i| row.cell(i));
            let record = match parser.record(cells) {
                Ok(r) if problems.is_empty() => Some(r),
                Ok(_) => None,
                Err(more) => {
                    problems.extend(more);
                    None
                }
            };
            match record {
                Some(r) => {
                    reading.valid += 1;
                    keys.push(Key::of(row.line, &r));
                    if self.writes {
                        batch.push(&r);
                    }
                }
                None => {
                    reading.invalid += 1;
                    for p in problems.drain(..) {
                        let col = self.columns[p.field as usize];
                        self.report
                            .add(report::Line {
                                file: self.name.clone(),
                                row: row.line,
                                cell: col.map(|c| cell_name(row.line, c)).unwrap_or_default(),
                                column: col
                                    .and_then(|c| self.table.headers.get(c).cloned())
                                    .unwrap_or_default(),
                                field: p.field.code().to_string(),
                                value: col.map(|c| row.cell(c).to_string()).unwrap_or_default(),
                                message: p.message,
                                message_ro: p.message_ro,
                            })
                            .map_err(io)?;
                    }
                }
            }
            if keys.len() == BATCH
                && out
                    .blocking_send(Msg::Keys(std::mem::take(&mut keys)))
                    .is_err()
            {
                break;
            }
            let gone = if batch.rows == BATCH {
                out.blocking_send(Msg::Batch {
                    batch: batch.take(),
                    read: reading.rows,
                })
                .is_err()
            } else if !self.writes && reading.rows.is_multiple_of(16_384) {
                out.blocking_send(Msg::Read(reading.rows)).is_err()
            } else {
                false
            };
            if gone {
                break;
            }
        }
        if !keys.is_empty() && !reading.broken {
            let _ = out.blocking_send(Msg::Keys(keys));
        }
        if batch.rows > 0 && !reading.broken {
            // The writer may have gone already; it then has its own error to tell.
            let _ = out.blocking_send(Msg::Batch {
                batch: batch.take(),
                read: reading.rows,
            });
        }
        if reading.rows == 0 {
            self.report
                .add(file_problem(&self.name, &SourceError::HeaderOnly))
                .map_err(io)?;
        }
        reading.report = self.report;
        Ok(reading)
    }
}
