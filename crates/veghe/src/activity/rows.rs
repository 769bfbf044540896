//! Writing sanction records in batches: the rows of a batch travel as ONE JSON text (an array of
//! arrays, written here without an intermediate value tree), parsed once by the database into its
//! binary JSON and spread into rows (`jsonb_each` on SQLite, `jsonb_array_elements` on
//! PostgreSQL). One bind a batch instead of 27 a row; the statement's text never changes, so each
//! engine prepares it once. The import and the instant are the statement's own parameters. The
//! natural key `(series, number)` with `ON CONFLICT DO NOTHING` keeps re-imports idempotent.

use std::fmt::Write as _;

use super::model::{Record, Sanction};
use crate::db::{Backend, Tx};

/// Rows per statement: large enough that the statement's fixed cost vanishes, small enough that a
/// batch (~300 bytes a row) stays a fraction of a MiB.
pub const BATCH: usize = 1024;

/// The columns each row of the JSON carries, in order; `contest_note` takes its default.
const COLUMNS: &str = "series, number, occurred_at, occurred_on, address, lat, lon, department, officers, offender_kind, offender_name, offender_id, act, article, point, aggravated, offence_id, sanction, amount_bani, measures, paid_bani, paid_on, payment, contested";

/// The PostgreSQL type of each column, in the order of `COLUMNS` (SQLite takes JSON's own types).
const PG_TYPES: [&str; 24] = [
    "text",
    "text",
    "bigint",
    "text",
    "text",
    "double precision",
    "double precision",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "bigint",
    "bigint",
    "text",
    "bigint",
    "text",
    "bigint",
    "text",
    "text",
    "bigint",
];

/// The one INSERT of a batch for `backend`: `$1` is the batch's JSON text, `$2` the import (or
/// NULL), `$3` the instant of writing.
pub fn insert_sql(backend: Backend) -> String {
    let values: Vec<String> = match backend {
        Backend::Sqlite => (0..PG_TYPES.len())
            .map(|i| format!("value ->> {i}"))
            .collect(),
        Backend::Postgres => PG_TYPES
            .iter()
            .enumerate()
            .map(|(i, t)| format!("(v ->> {i})::{t}"))
            .collect(),
    };
    let (from, import) = match backend {
        // `WHERE true` lets SQLite parse ON CONFLICT after a SELECT.
        Backend::Sqlite => ("jsonb_each($1) WHERE true", "$2"),
        Backend::Postgres => ("jsonb_array_elements($1::jsonb) AS e(v)", "$2::bigint"),
    };
    format!(
        "INSERT INTO activity_sanctions ({COLUMNS}, import_id, created_at) SELECT {}, {import}, $3 FROM {from} ON CONFLICT (series, number) DO NOTHING",
        values.join(", ")
    )
}

/// A batch being filled: the JSON text and how many rows it holds.
#[derive(Debug, Default)]
pub struct Batch {
    pub json: String,
    pub rows: usize,
}

impl Batch {
    pub fn with_capacity(rows: usize) -> Batch {
        Batch {
            json: String::with_capacity(rows * 384),
            rows: 0,
        }
    }

    /// Appends a record as a JSON array in the order of `COLUMNS`.
    pub fn push(&mut self, r: &Record) {
        let s = &mut self.json;
        s.push(if self.rows == 0 { '[' } else { ',' });
        self.rows += 1;
        let (kind, amount) = match r.sanction {
            Sanction::Warning => ("warning", 0),
            Sanction::Fine(v) => ("fine", v),
        };
        s.push('[');
        text(s, &r.series);
        s.push(',');
        text(s, &r.number);
        let _ = write!(s, ",{},", r.occurred_at);
        date(s, Some(r.date));
        s.push(',');
        text(s, &r.address);
        match r.point {
            Some((lat, lon)) => {
                let _ = write!(s, ",{lat},{lon},");
            }
            None => s.push_str(",null,null,"),
        }
        text(s, &r.department);
        s.push(',');
        text(s, &r.officers);
        s.push(',');
        text(s, r.offender.kind());
        s.push(',');
        text(s, &r.offender_name);
        s.push(',');
        match r.offender.id() {
            Some(id) => text(s, id),
            None => s.push_str("null"),
        }
        s.push(',');
        text(s, &r.legal.act);
        s.push(',');
        text(s, &r.legal.article);
        s.push(',');
        text(s, &r.legal.point);
        let _ = write!(s, ",{},", i64::from(r.aggravated));
        match r.offence_id {
            Some(id) => {
                let _ = write!(s, "{id}");
            }
            None => s.push_str("null"),
        }
        s.push(',');
        text(s, kind);
        let _ = write!(s, ",{amount},");
        text(s, &r.measures);
        let _ = write!(s, ",{},", r.paid_bani);
        date(s, r.paid_on);
        s.push(',');
        text(s, r.payment);
        let _ = write!(s, ",{}]", i64::from(r.contested));
    }

    /// The JSON text, closed; the batch is emptied for reuse.
    pub fn take(&mut self) -> String {
        if self.rows == 0 {
            self.json.push('[');
        }
        self.json.push(']');
        self.rows = 0;
        let cap = self.json.capacity();
        std::mem::replace(&mut self.json, String::with_capacity(cap))
    }
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn text(s: &mut String, v: &str) {
    s.push('"');
    let mut start = 0;
    for (i, b) in v.bytes().enumerate() {
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        s.push_str(&v[start..i]);
        if esc.is_empty() {
            let _ = write!(s, "\\u{b:04x}");
        } else {
            s.push_str(esc);
        }
        start = i + 1;
    }
    s.push_str(&v[start..]);
    s.push('"');
}

/// A date as the JSON string `YYYY-MM-DD`, or null.
fn date(s: &mut String, d: Option<jiff::civil::Date>) {
    match d {
        Some(d) => {
            let _ = write!(s, "\"{:04}-{:02}-{:02}\"", d.year(), d.month(), d.day());
        }
        None => s.push_str("null"),
    }
}

/// Writes one batch's JSON text for `import_id` at `now`; the number of rows inserted (those
/// already recorded are skipped).
pub async fn write(
    tx: &mut Tx,
    sql: &str,
    json: String,
    import_id: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(json)
        .bind(import_id)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Writes records (the demo's history), in batches.
pub async fn write_records(
    tx: &mut Tx,
    backend: Backend,
    records: &[Record],
    import_id: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let sql = insert_sql(backend);
    let mut inserted = 0;
    for chunk in records.chunks(BATCH) {
        let mut b = Batch::with_capacity(chunk.len());
        for r in chunk {
            b.push(r);
        }
        inserted += write(tx, &sql, b.take(), import_id, now).await?;
    }
    Ok(inserted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_as_json() {
        let mut s = String::new();
        text(&mut s, "Str. \"Mureș\" 3\\a\nb\u{1}");
        let back: String = serde_json::from_str(&s).expect("json");
        assert_eq!(back, "Str. \"Mureș\" 3\\a\nb\u{1}");
    }

    #[test]
    fn an_empty_batch_is_an_empty_array() {
        assert_eq!(Batch::default().take(), "[]");
    }
}
