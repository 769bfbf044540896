//! Reading the series of `veghe analyze forecast`: a `date,count` series (one row per week or month,
//! consecutive) or one row per event counted per period; every problem named by row and column.

use std::path::Path;

use veghe_analytics::series::calendar::{Period, aggregate, iso_date};

use super::forecast::ForecastArgs;
use crate::analysis::input::parse_day;

/// The series as read: period starts (days since 1970-01-01) and counts.
pub struct Series {
    pub starts: Vec<i64>,
    pub counts: Vec<u64>,
}

pub fn today() -> i64 {
    let now = jiff::Zoned::now().date();
    parse_day(&now.to_string()).unwrap_or(i64::MAX)
}

fn csv_reader(path: &Path) -> anyhow::Result<(csv::Reader<std::fs::File>, csv::StringRecord)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let headers = reader
        .headers()
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?
        .clone();
    if headers.is_empty() {
        anyhow::bail!("{}: the file is empty", path.display());
    }
    Ok((reader, headers))
}

fn column(headers: &csv::StringRecord, name: &str, path: &Path) -> anyhow::Result<usize> {
    headers.iter().position(|c| c == name).ok_or_else(|| {
        anyhow::anyhow!(
            "{}: no column `{name}` (columns: {})",
            path.display(),
            headers.iter().collect::<Vec<_>>().join(", ")
        )
    })
}

pub fn read_series(args: &ForecastArgs, period: Period) -> anyhow::Result<Series> {
    let path = &args.input;
    let shown = path.display();
    let (mut reader, headers) = csv_reader(path)?;
    let id = column(&headers, &args.date_col, path)?;
    let ic = if args.events {
        None
    } else {
        Some(column(&headers, &args.count_col, path)?)
    };
    let today = today();
    let mut days = Vec::new();
    let mut counts = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let row = n + 2;
        let record = record.map_err(|e| anyhow::anyhow!("{shown}, row {row}: {e}"))?;
        let text = record.get(id).unwrap_or("");
        let day = parse_day(text).ok_or_else(|| {
            anyhow::anyhow!(
                "{shown}, row {row}, column {}: `{text}` is not a date (YYYY-MM-DD or DD.MM.YYYY)",
                args.date_col
            )
        })?;
        if day > today {
            anyhow::bail!(
                "{shown}, row {row}, column {}: {text} is in the future",
                args.date_col
            );
        }
        if let Some(ic) = ic {
            let text = record.get(ic).unwrap_or("");
            let count = text.parse::<u64>().map_err(|_| {
                anyhow::anyhow!(
                    "{shown}, row {row}, column {}: `{text}` is not a count (a whole number, 0 or more)",
                    args.count_col
                )
            })?;
            if let Some(&prev) = days.last() {
                let expected = period.next(period.start_of(prev));
                if period.start_of(day) != expected {
                    anyhow::bail!(
                        "{shown}, row {row}, column {}: {text} is not the {} after the previous row's ({})",
                        args.date_col,
                        if period == Period::Week {
                            "week"
                        } else {
                            "month"
                        },
                        iso_date(prev)
                    );
                }
            }
            counts.push(count);
        }
        days.push(day);
    }
    if days.is_empty() {
        anyhow::bail!("{shown}: the file has no rows");
    }
    if args.events {
        let buckets = aggregate(&days, period)?;
        Ok(Series {
            starts: buckets.iter().map(|b| b.start).collect(),
            counts: buckets.iter().map(|b| b.count).collect(),
        })
    } else {
        Ok(Series {
            starts: days.iter().map(|d| period.start_of(*d)).collect(),
            counts,
        })
    }
}
