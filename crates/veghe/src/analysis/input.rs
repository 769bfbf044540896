//! Reading an analyst's CSV of events: coordinates and dates by column name (or 1-based index
//! for files without a header), every problem named by its row and column.

use std::path::Path;

use jiff::civil::Date;

/// Where the columns are.
pub struct Columns<'a> {
    pub x: &'a str,
    pub y: &'a str,
    pub date: Option<&'a str>,
    /// The file has no header line: columns are 1-based indices.
    pub no_header: bool,
}

/// One event as read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Row {
    pub x: f64,
    pub y: f64,
    /// Days since 1970-01-01, when a date column was given.
    pub day: Option<i64>,
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: the file is empty")]
    Empty { path: String },
    #[error("{path}: no column `{column}` (columns: {available})")]
    MissingColumn {
        path: String,
        column: String,
        available: String,
    },
    #[error("{path}, row {row}, column {column}: {message}")]
    Cell {
        path: String,
        row: usize,
        column: String,
        message: String,
    },
}

fn index_of(
    headers: Option<&csv::StringRecord>,
    name: &str,
    path: &str,
) -> Result<usize, InputError> {
    match headers {
        Some(h) => {
            h.iter()
                .position(|c| c.trim() == name)
                .ok_or_else(|| InputError::MissingColumn {
                    path: path.to_string(),
                    column: name.to_string(),
                    available: h.iter().collect::<Vec<_>>().join(", "),
                })
        }
        None => name
            .parse::<usize>()
            .ok()
            .filter(|i| *i >= 1)
            .map(|i| i - 1)
            .ok_or_else(|| InputError::MissingColumn {
                path: path.to_string(),
                column: name.to_string(),
                available: "1, 2, 3, … (the file has no header: give column numbers)".into(),
            }),
    }
}

/// Parses YYYY-MM-DD or DD.MM.YYYY (a time after the date is ignored).
pub fn parse_day(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let date = if let Some((d, rest)) = t.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?
    } else {
        t.parse::<Date>().ok()?
    };
    let epoch = Date::new(1970, 1, 1).ok()?;
    Some(i64::from(epoch.until(date).ok()?.get_days()))
}

/// Reads every row; the first bad cell stops the reading with its row and column named.
pub fn read(path: &Path, cols: &Columns<'_>) -> Result<Vec<Row>, InputError> {
    let shown = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(!cols.no_header)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| InputError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
    let headers = if cols.no_header {
        None
    } else {
        Some(
            reader
                .headers()
                .map_err(|e| InputError::Read {
                    path: shown.clone(),
                    message: e.to_string(),
                })?
                .clone(),
        )
    };
    if headers.as_ref().is_some_and(|h| h.is_empty()) {
        return Err(InputError::Empty { path: shown });
    }
    let ix = index_of(headers.as_ref(), cols.x, &shown)?;
    let iy = index_of(headers.as_ref(), cols.y, &shown)?;
    let id = cols
        .date
        .map(|d| index_of(headers.as_ref(), d, &shown))
        .transpose()?;
    let first_row = if cols.no_header { 1 } else { 2 };
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + first_row;
        let record = record.map_err(|e| InputError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let cell = |i: usize, name: &str| -> Result<&str, InputError> {
            record.get(i).ok_or_else(|| InputError::Cell {
                path: shown.clone(),
                row,
                column: name.to_string(),
                message: "the cell is missing".into(),
            })
        };
        let number = |i: usize, name: &str| -> Result<f64, InputError> {
            let text = cell(i, name)?;
            text.replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| InputError::Cell {
                    path: shown.clone(),
                    row,
                    column: name.to_string(),
                    message: format!("`{text}` is not a number"),
                })
        };
        let x = number(ix, cols.x)?;
        let y = number(iy, cols.y)?;
        let day = match (id, cols.date) {
            (Some(i), Some(name)) => {
                let text = cell(i, name)?;
                Some(parse_day(text).ok_or_else(|| InputError::Cell {
                    path: shown.clone(),
                    row,
                    column: name.to_string(),
                    message: format!("`{text}` is not a date (YYYY-MM-DD or DD.MM.YYYY)"),
                })?)
            }
            _ => None,
        };
        rows.push(Row { x, y, day });
    }
    if rows.is_empty() {
        return Err(InputError::Empty { path: shown });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_both_forms() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(parse_day("02.01.1970"), Some(1));
        assert_eq!(parse_day("2016-01-31T10:00:00"), parse_day("31.01.2016"));
        assert_eq!(parse_day("31.02.2026"), None);
        assert_eq!(parse_day("soon"), None);
    }

    #[test]
    fn bad_cells_are_named_by_row_and_column() {
        let dir = tempfile::tempdir().expect("dir");
        let p = dir.path().join("e.csv");
        std::fs::write(&p, "X,Y,date\n1,2,2026-01-01\n3,abc,2026-01-02\n").expect("write");
        let cols = Columns {
            x: "X",
            y: "Y",
            date: Some("date"),
            no_header: false,
        };
        let e = read(&p, &cols).expect_err("bad");
        assert_eq!(
            e.to_string(),
            format!("{}, row 3, column Y: `abc` is not a number", p.display())
        );
        let cols = Columns {
            x: "X",
            y: "Z",
            date: None,
            no_header: false,
        };
        assert!(
            read(&p, &cols)
                .expect_err("missing")
                .to_string()
                .contains("no column `Z`")
        );
        std::fs::write(&p, "X,Y,date\n").expect("write");
        let cols = Columns {
            x: "X",
            y: "Y",
            date: None,
            no_header: false,
        };
        assert!(
            read(&p, &cols)
                .expect_err("empty")
                .to_string()
                .contains("empty")
        );
    }
}
