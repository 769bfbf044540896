//! Writing sanction records in batches. What repeats from row to row of a department's file
//! (series, department, officers, offender kind, legal basis, sanction, measures, payment) travels
//! once, as a numbered *profile*, into a temporary table that lives as long as the transaction;
//! each row carries its own eleven values and its profile's number, so the database takes half as
//! many values out of the JSON a row. A batch's rows travel as ONE JSON text (written here without
//! an intermediate value tree) spread by `db::json_rows` and joined with their profiles. The
//! natural key `(series, number)` with `ON CONFLICT DO NOTHING` keeps re-imports idempotent.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::model::{Record, Sanction};
use crate::db::json_rows::{self, INT, REAL, TEXT, spread};
use crate::db::{Backend, Tx};

/// Rows per statement: large enough that the statement's fixed cost vanishes, small enough that a
/// batch (~200 bytes a row) stays a fraction of a MiB.
pub const BATCH: usize = 1024;

/// The temporary table of a transaction's profiles.
const PROFILES: &str = "activity_import_profiles";

/// The columns of a profile, in the order its JSON array gives them after its number.
const PROFILE_COLUMNS: [(&str, &str); 13] = [
    ("series", TEXT),
    ("department", TEXT),
    ("officers", TEXT),
    ("offender_kind", TEXT),
    ("act", TEXT),
    ("article", TEXT),
    ("point", TEXT),
    ("aggravated", INT),
    ("offence_id", INT),
    ("sanction", TEXT),
    ("measures", TEXT),
    ("payment", TEXT),
    ("contested", INT),
];

/// The columns each row carries, in the order of its JSON array (its profile's number comes
/// last).
const ROW_COLUMNS: [(&str, &str); 11] = [
    ("number", TEXT),
    ("occurred_at", INT),
    ("occurred_on", TEXT),
    ("address", TEXT),
    ("lat", REAL),
    ("lon", REAL),
    ("offender_name", TEXT),
    ("offender_id", TEXT),
    ("amount_bani", INT),
    ("paid_bani", INT),
    ("paid_on", TEXT),
];

/// Writes the batches of one transaction: makes the profiles' table, fills it, inserts the rows.
#[derive(Debug)]
pub struct Writer {
    profiles_sql: String,
    rows_sql: String,
}

impl Writer {
    /// Makes the transaction's (empty) table of profiles.
    pub async fn begin(tx: &mut Tx, backend: Backend) -> Result<Writer, sqlx::Error> {
        let names: Vec<&str> = PROFILE_COLUMNS.iter().map(|(c, _)| *c).collect();
        let defs: Vec<String> = PROFILE_COLUMNS
            .iter()
            .map(|(c, t)| format!("{c} {t}"))
            .collect();
        let create = format!(
            "CREATE TEMP TABLE {PROFILES} (id INTEGER PRIMARY KEY, {})",
            defs.join(", ")
        );
        sqlx::query(sqlx::AssertSqlSafe(create))
            .execute(&mut **tx)
            .await?;
        // A profile's array: its number, then its columns.
        let profile: Vec<(usize, &str)> = std::iter::once((0, INT))
            .chain(
                PROFILE_COLUMNS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, t))| (i + 1, *t)),
            )
            .collect();
        let profiles_sql = format!(
            "INSERT INTO {PROFILES} (id, {}) {}",
            names.join(", "),
            spread(backend, &profile)
        );
        // A row's array: its columns, then its profile's number; spread in place (a subquery
        // cost SQLite a copy of every row).
        let row_names: Vec<&str> = ROW_COLUMNS.iter().map(|(c, _)| *c).collect();
        let picks: Vec<String> = names
            .iter()
            .map(|c| format!("p.{c}"))
            .chain(
                ROW_COLUMNS
                    .iter()
                    .enumerate()
                    .map(|(i, (_, t))| json_rows::column(backend, i, t)),
            )
            .collect();
        let profile_of = json_rows::column(backend, ROW_COLUMNS.len(), INT);
        // CROSS JOIN keeps SQLite's rows in the file's order (the JSON outside, each profile looked
        // up by its number); the WHERE also lets SQLite tell the upsert's ON from a join's.
        let rows_sql = format!(
            "INSERT INTO activity_sanctions ({}, {}, import_id, created_at) \
             SELECT {}, CAST($2 AS BIGINT), $3 FROM {} CROSS JOIN {PROFILES} AS p \
             WHERE p.id = {profile_of} ON CONFLICT (series, number) DO NOTHING",
            names.join(", "),
            row_names.join(", "),
            picks.join(", "),
            json_rows::rows(backend),
        );
        Ok(Writer {
            profiles_sql,
            rows_sql,
        })
    }

    /// Writes one batch for `import_id` at `now`: its new profiles, then its rows; the number of
    /// rows inserted (those already recorded are skipped).
    pub async fn write(
        &self,
        tx: &mut Tx,
        batch: Encoded,
        import_id: Option<i64>,
        now: i64,
    ) -> Result<u64, sqlx::Error> {
        if let Some(profiles) = batch.profiles {
            sqlx::query(sqlx::AssertSqlSafe(self.profiles_sql.clone()))
                .bind(profiles)
                .execute(&mut **tx)
                .await?;
        }
        Ok(sqlx::query(sqlx::AssertSqlSafe(self.rows_sql.clone()))
            .bind(batch.rows)
            .bind(import_id)
            .bind(now)
            .execute(&mut **tx)
            .await?
            .rows_affected())
    }

    /// Drops the profiles' table (before the commit or the rollback).
    pub async fn end(self, tx: &mut Tx) -> Result<(), sqlx::Error> {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP TABLE {PROFILES}")))
            .execute(&mut **tx)
            .await?;
        Ok(())
    }
}

/// A batch as it travels to the writer: the rows' JSON text, and the profiles first seen in it.
#[derive(Debug)]
pub struct Encoded {
    pub rows: String,
    pub profiles: Option<String>,
}

/// Batches being filled, one after another: the profiles met so far are remembered across
/// batches, so that each is sent once.
#[derive(Debug, Default)]
pub struct Batch {
    json: String,
    pub rows: usize,
    /// Each profile's JSON values (after its number) → its number.
    known: HashMap<String, u32>,
    /// The profiles first met in this batch, as a JSON array of arrays.
    fresh: String,
    /// Scratch for the profile of the row being pushed.
    key: String,
}

impl Batch {
    pub fn with_capacity(rows: usize) -> Batch {
        Batch {
            json: String::with_capacity(rows * 256),
            ..Batch::default()
        }
    }

    /// Appends a record: its profile (sent with the batch when new) and its own values.
    pub fn push(&mut self, r: &Record) {
        let (kind, amount) = match r.sanction {
            Sanction::Warning => ("warning", 0),
            Sanction::Fine(v) => ("fine", v),
        };
        let k = &mut self.key;
        k.clear();
        text(k, &r.series);
        k.push(',');
        text(k, &r.department);
        k.push(',');
        text(k, &r.officers);
        k.push(',');
        text(k, r.offender.kind());
        k.push(',');
        text(k, &r.legal.act);
        k.push(',');
        text(k, &r.legal.article);
        k.push(',');
        text(k, &r.legal.point);
        let _ = write!(k, ",{},", i64::from(r.aggravated));
        match r.offence_id {
            Some(id) => {
                let _ = write!(k, "{id}");
            }
            None => k.push_str("null"),
        }
        k.push(',');
        text(k, kind);
        k.push(',');
        text(k, &r.measures);
        k.push(',');
        text(k, r.payment);
        let _ = write!(k, ",{}", i64::from(r.contested));
        let profile = match self.known.get(k.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.known.len() as u32 + 1;
                self.fresh
                    .push(if self.fresh.is_empty() { '[' } else { ',' });
                let _ = write!(self.fresh, "[{id},{k}]");
                self.known.insert(k.clone(), id);
                id
            }
        };

        let s = &mut self.json;
        s.push(if self.rows == 0 { '[' } else { ',' });
        self.rows += 1;
        s.push('[');
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
        text(s, &r.offender_name);
        s.push(',');
        match r.offender.id() {
            Some(id) => text(s, id),
            None => s.push_str("null"),
        }
        let _ = write!(s, ",{amount},{},", r.paid_bani);
        date(s, r.paid_on);
        let _ = write!(s, ",{profile}]");
    }

    /// The batch's texts, closed; the batch is emptied for reuse (the profiles stay known).
    pub fn take(&mut self) -> Encoded {
        if self.rows == 0 {
            self.json.push('[');
        }
        self.json.push(']');
        self.rows = 0;
        let cap = self.json.capacity();
        let profiles = (!self.fresh.is_empty()).then(|| {
            self.fresh.push(']');
            std::mem::take(&mut self.fresh)
        });
        Encoded {
            rows: std::mem::replace(&mut self.json, String::with_capacity(cap)),
            profiles,
        }
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

/// Writes records (the demo's history), in batches.
pub async fn write_records(
    tx: &mut Tx,
    backend: Backend,
    records: &[Record],
    import_id: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let writer = Writer::begin(tx, backend).await?;
    let mut b = Batch::with_capacity(BATCH);
    let mut inserted = 0;
    for chunk in records.chunks(BATCH) {
        for r in chunk {
            b.push(r);
        }
        inserted += writer.write(tx, b.take(), import_id, now).await?;
    }
    writer.end(tx).await?;
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
    fn an_empty_batch_is_an_empty_array_without_profiles() {
        let e = Batch::default().take();
        assert_eq!(e.rows, "[]");
        assert!(e.profiles.is_none());
    }

    fn record(number: &str, point: &str) -> Record {
        Record {
            series: "TM".into(),
            number: number.into(),
            date: jiff::civil::date(2026, 3, 2),
            time: jiff::civil::time(10, 0, 0, 0),
            occurred_at: 1_772_438_400_000,
            address: "Str. Florilor 3".into(),
            point: None,
            department: "Ordine publică".into(),
            officers: "Ag. Pop".into(),
            offender_name: "Ion Popescu".into(),
            offender: super::super::parse::Offender::Unidentified,
            legal: super::super::parse::LegalRef {
                act: "Legea 61/1991".into(),
                article: "2".into(),
                point: point.into(),
            },
            aggravated: false,
            offence_id: None,
            sanction: Sanction::Fine(50_000),
            measures: String::new(),
            paid_bani: 0,
            paid_on: None,
            payment: "unpaid",
            contested: false,
        }
    }

    #[test]
    fn each_profile_travels_once_and_rows_name_theirs() {
        let mut b = Batch::with_capacity(4);
        b.push(&record("1", "25"));
        b.push(&record("2", "1"));
        b.push(&record("3", "25"));
        let first = b.take();
        let rows: Vec<Vec<serde_json::Value>> = serde_json::from_str(&first.rows).expect("rows");
        let profile = |r: &Vec<serde_json::Value>| r[ROW_COLUMNS.len()].as_i64();
        assert_eq!(
            rows.iter().map(profile).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(1)]
        );
        assert_eq!(rows[0].len(), ROW_COLUMNS.len() + 1);
        let profiles: Vec<Vec<serde_json::Value>> =
            serde_json::from_str(first.profiles.as_deref().expect("new profiles")).expect("json");
        assert_eq!(profiles.len(), 2);
        assert_eq!(profiles[1].len(), PROFILE_COLUMNS.len() + 1);
        assert_eq!(profiles[1][7], "1", "the point of the second profile");
        // A later batch names the known profile without sending it again.
        b.push(&record("4", "1"));
        let second = b.take();
        assert!(second.profiles.is_none());
        assert!(second.rows.ends_with(",2]]"), "{}", second.rows);
    }
}
