//! Importing sanction records from a file: read row by row, parse every row, write the valid ones
//! inside ONE transaction (SQLite: 512 rows a statement through json_each; PostgreSQL: 16), and
//! report every problem by file, row and column.
//! The user chooses: the valid rows (`valid`), nothing unless all are valid (`all`), or only the
//! check (`check`). The natural key (series, number) makes a re-import change nothing. A crash or
//! a kill before the commit leaves the database as it was.

use std::path::Path;

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::catalogue::Catalogue;
use super::model::{Field, Problem, Record, Sanction, parse_record};
use super::report::{self, Report, cell_name};
use super::source::{Format, RowBuf, SourceError, Table};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;

/// What to do with the rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Only check; write nothing.
    Check,
    /// Import the valid rows, skip the others.
    Valid,
    /// Import nothing unless every row is valid.
    All,
}

impl Mode {
    pub fn parse(s: &str) -> Result<Mode, AppError> {
        match s {
            "check" => Ok(Mode::Check),
            "valid" => Ok(Mode::Valid),
            "all" => Ok(Mode::All),
            _ => Err(AppError::bad(
                "mode",
                "mode is `check`, `valid` (the valid rows) or `all` (nothing unless all are valid)",
            )),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Mode::Check => "check",
            Mode::Valid => "valid",
            Mode::All => "all",
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Outcome {
    pub file: String,
    pub encoding: String,
    pub mode: Mode,
    /// Data rows read (blank rows not counted).
    pub rows: u64,
    pub valid: u64,
    /// Rows with at least one problem.
    pub invalid: u64,
    pub inserted: u64,
    /// Valid rows whose series and number were already recorded.
    pub skipped: u64,
    pub problems: u64,
    /// Were the rows written?
    pub committed: bool,
    pub import_id: Option<i64>,
    /// The first problems (all are in the report).
    pub shown: Vec<report::Line>,
}

/// Where the import reads from and what it tells.
pub struct Job<'a> {
    pub path: &'a Path,
    /// The name shown in the report (the uploaded file's name).
    pub name: &'a str,
    pub format: Format,
    /// The department's source whose mapping is used (and saved).
    pub source: &'a str,
    pub mapping: &'a super::mapping::Mapping,
    pub mode: Mode,
    /// The report's CSV goes here.
    pub report: Option<Box<dyn std::io::Write + Send>>,
}

/// Rows per INSERT: with `$n` placeholders the cost of binding grows fast beyond this on SQLite.
const BATCH: usize = 16;
const COLS: usize = 27;

pub(crate) fn insert_sql(n: usize) -> String {
    let mut s = String::from(
        "INSERT INTO activity_sanctions (series, number, occurred_at, occurred_on, address, lat, lon, department, officers, offender_kind, offender_name, offender_id, act, article, point, aggravated, offence_id, sanction, amount_bani, measures, paid_bani, paid_on, payment, contested, contest_note, import_id, created_at) VALUES ",
    );
    for r in 0..n {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        for c in 0..COLS {
            if c > 0 {
                s.push_str(", ");
            }
            s.push_str(&format!("${}", r * COLS + c + 1));
        }
        s.push(')');
    }
    s.push_str(" ON CONFLICT (series, number) DO NOTHING");
    s
}

pub(crate) async fn write_batch(
    tx: &mut Tx,
    sql: &str,
    batch: &[Record],
    import_id: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for r in batch {
        let (kind, amount) = match r.sanction {
            Sanction::Warning => ("warning", 0),
            Sanction::Fine(v) => ("fine", v),
        };
        q = q
            .bind(r.series.clone())
            .bind(r.number.clone())
            .bind(r.occurred_at)
            .bind(r.date.to_string())
            .bind(r.address.clone())
            .bind(r.point.map(|p| p.0))
            .bind(r.point.map(|p| p.1))
            .bind(r.department.clone())
            .bind(r.officers.clone())
            .bind(r.offender.kind())
            .bind(r.offender_name.clone())
            .bind(r.offender.id().map(str::to_string))
            .bind(r.legal.act.clone())
            .bind(r.legal.article.clone())
            .bind(r.legal.point.clone())
            .bind(i64::from(r.aggravated))
            .bind(r.offence_id)
            .bind(kind)
            .bind(amount)
            .bind(r.measures.clone())
            .bind(r.paid_bani)
            .bind(r.paid_on.map(|d| d.to_string()))
            .bind(r.payment)
            .bind(i64::from(r.contested))
            .bind(String::new())
            .bind(import_id)
            .bind(now);
    }
    Ok(q.execute(&mut **tx).await?.rows_affected())
}

/// Rows per statement on SQLite, passed as one JSON text: one bind instead of 27 a row.
const JSON_BATCH: usize = 512;

const COLUMN_LIST: &str = "series, number, occurred_at, occurred_on, address, lat, lon, department, officers, offender_kind, offender_name, offender_id, act, article, point, aggravated, offence_id, sanction, amount_bani, measures, paid_bani, paid_on, payment, contested, contest_note, import_id, created_at";

/// SQLite: the rows as one JSON array of arrays, spread by `json_each` inside SQLite.
pub(crate) async fn write_json_batch(
    tx: &mut Tx,
    batch: &[Record],
    import_id: Option<i64>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let rows: Vec<serde_json::Value> = batch
        .iter()
        .map(|r| {
            let (kind, amount) = match r.sanction {
                Sanction::Warning => ("warning", 0),
                Sanction::Fine(v) => ("fine", v),
            };
            json!([
                r.series,
                r.number,
                r.occurred_at,
                r.date.to_string(),
                r.address,
                r.point.map(|p| p.0),
                r.point.map(|p| p.1),
                r.department,
                r.officers,
                r.offender.kind(),
                r.offender_name,
                r.offender.id(),
                r.legal.act,
                r.legal.article,
                r.legal.point,
                i64::from(r.aggravated),
                r.offence_id,
                kind,
                amount,
                r.measures,
                r.paid_bani,
                r.paid_on.map(|d| d.to_string()),
                r.payment,
                i64::from(r.contested),
                "",
                import_id,
                now
            ])
        })
        .collect();
    let text = serde_json::Value::Array(rows).to_string();
    let values: Vec<String> = (0..COLS).map(|i| format!("value ->> {i}")).collect();
    let sql = format!(
        "INSERT INTO activity_sanctions ({COLUMN_LIST}) SELECT {} FROM json_each($1) WHERE true ON CONFLICT (series, number) DO NOTHING",
        values.join(", ")
    );
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(text)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

fn sha256_of(path: &Path) -> Result<String, std::io::Error> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

fn file_problem(name: &str, e: &SourceError) -> report::Line {
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
    }
}

/// Runs the import. `progress(done, total)` is called now and then (bytes or rows).
pub async fn run(
    db: &Db,
    actor: &Actor,
    catalogue: &Catalogue,
    job: Job<'_>,
    progress: &mut (dyn FnMut(u64) + Send),
) -> Result<Outcome, AppError> {
    let mut report = Report::new(job.report);
    let mut outcome = Outcome {
        file: job.name.to_string(),
        encoding: String::new(),
        mode: job.mode,
        rows: 0,
        valid: 0,
        invalid: 0,
        inserted: 0,
        skipped: 0,
        problems: 0,
        committed: false,
        import_id: None,
        shown: Vec::new(),
    };
    let mut table = match Table::open(job.path, job.format) {
        Ok(t) => t,
        Err(e) => {
            report.add(file_problem(job.name, &e)).map_err(io)?;
            return finish(outcome, report);
        }
    };
    outcome.encoding = table.encoding.to_string();
    let columns = match super::mapping::resolve(job.mapping, &table.headers) {
        Ok(c) => c,
        Err(problems) => {
            for p in problems {
                report
                    .add(report::Line {
                        message: p,
                        ..file_problem(job.name, &SourceError::Empty)
                    })
                    .map_err(io)?;
            }
            return finish(outcome, report);
        }
    };
    let field_of_column: Vec<Option<Field>> = (0..table.headers.len().max(1))
        .map(|i| {
            Field::ALL
                .into_iter()
                .find(|f| columns[*f as usize] == Some(i))
        })
        .collect();
    let tz = jiff::tz::TimeZone::get("Europe/Bucharest")
        .map_err(|e| AppError::Internal(anyhow::anyhow!("time zone: {e}")))?;
    let now = now_ms();
    let writes = job.mode != Mode::Check;
    let mut tx = if writes {
        Some(db.begin().await?)
    } else {
        None
    };
    let mut import_id = 0;
    if let Some(tx) = tx.as_mut() {
        let sha = sha256_of(job.path).map_err(io)?;
        let row = sqlx::query(
            "INSERT INTO activity_imports (at, source, file_name, sha256, mode, rows_total, rows_valid, inserted, skipped, problems, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, $6, $7) RETURNING id",
        )
        .bind(now)
        .bind(job.source)
        .bind(job.name)
        .bind(sha)
        .bind(job.mode.code())
        .bind(actor.user_id)
        .bind(&actor.name)
        .fetch_one(&mut **tx)
        .await?;
        import_id = row.try_get("id")?;
    }
    let full_sql = insert_sql(BATCH);
    let json = db.backend() == crate::db::Backend::Sqlite;
    let batch_size = if json { JSON_BATCH } else { BATCH };
    let mut batch: Vec<Record> = Vec::with_capacity(batch_size);
    let mut row = RowBuf::default();
    loop {
        match table.next_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                // A file that breaks off cannot be trusted further: nothing is written.
                report.add(file_problem(job.name, &e)).map_err(io)?;
                outcome.invalid += 1;
                if let Some(tx) = tx.take() {
                    tx.rollback().await?;
                }
                outcome.rows += 1;
                return finish(outcome, report);
            }
        }
        if row.is_blank() {
            continue;
        }
        outcome.rows += 1;
        if outcome.rows.is_multiple_of(16_384) {
            progress(outcome.rows);
        }
        let cells = |f: Field| columns[f as usize].map_or("", |i| row.cell(i));
        let mut problems: Vec<Problem> = Vec::new();
        for (col, message) in &row.problems {
            if let Some(Some(f)) = field_of_column.get(*col) {
                problems.push(Problem {
                    field: *f,
                    message: message.clone(),
                });
            }
        }
        let parsed = parse_record(cells, catalogue, &tz);
        let record = match parsed {
            Ok(r) if problems.is_empty() => Some(r),
            Ok(_) => None,
            Err(more) => {
                problems.extend(more);
                None
            }
        };
        match record {
            Some(r) => {
                outcome.valid += 1;
                if writes {
                    batch.push(r);
                }
            }
            None => {
                outcome.invalid += 1;
                for p in problems {
                    let col = columns[p.field as usize];
                    report
                        .add(report::Line {
                            file: job.name.to_string(),
                            row: row.line,
                            cell: col.map(|c| cell_name(row.line, c)).unwrap_or_default(),
                            column: col
                                .and_then(|c| table.headers.get(c).cloned())
                                .unwrap_or_default(),
                            field: p.field.code().to_string(),
                            value: col.map(|c| row.cell(c).to_string()).unwrap_or_default(),
                            message: p.message,
                        })
                        .map_err(io)?;
                }
            }
        }
        if batch.len() == batch_size
            && let Some(tx) = tx.as_mut()
        {
            outcome.inserted += if json {
                write_json_batch(tx, &batch, Some(import_id), now).await?
            } else {
                write_batch(tx, &full_sql, &batch, Some(import_id), now).await?
            };
            batch.clear();
        }
    }
    if outcome.rows == 0 {
        report
            .add(file_problem(job.name, &SourceError::HeaderOnly))
            .map_err(io)?;
    }
    if let Some(mut tx) = tx.take() {
        if !batch.is_empty() {
            outcome.inserted += if json {
                write_json_batch(&mut tx, &batch, Some(import_id), now).await?
            } else {
                let sql = insert_sql(batch.len());
                write_batch(&mut tx, &sql, &batch, Some(import_id), now).await?
            };
        }
        outcome.skipped = outcome.valid - outcome.inserted;
        let refuse = job.mode == Mode::All && outcome.invalid > 0;
        if refuse || outcome.inserted == 0 {
            // Nothing new (a re-import), or the user wanted all or nothing: as if never begun.
            tx.rollback().await?;
            outcome.inserted = 0;
        } else {
            sqlx::query(
                "UPDATE activity_imports SET rows_total = $2, rows_valid = $3, inserted = $4, skipped = $5, problems = $6 WHERE id = $1",
            )
            .bind(import_id)
            .bind(outcome.rows as i64)
            .bind(outcome.valid as i64)
            .bind(outcome.inserted as i64)
            .bind(outcome.skipped as i64)
            .bind(report.total as i64)
            .execute(&mut *tx)
            .await?;
            audit::append(
                &mut tx,
                actor,
                Change {
                    action: "sanctions.import",
                    entity: "activity_import",
                    entity_id: Some(import_id.to_string()),
                    before: None,
                    after: Some(json!({"file": job.name, "source": job.source, "mode": job.mode.code(),
                        "rows": outcome.rows, "inserted": outcome.inserted, "skipped": outcome.skipped,
                        "problems": report.total})),
                },
            )
            .await?;
            tx.commit().await?;
            outcome.committed = true;
            outcome.import_id = Some(import_id);
        }
    }
    progress(outcome.rows);
    finish(outcome, report)
}

fn io(e: std::io::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("import report: {e}"))
}

fn finish(mut outcome: Outcome, mut report: Report) -> Result<Outcome, AppError> {
    report.finish().map_err(io)?;
    outcome.problems = report.total;
    outcome.shown = std::mem::take(&mut report.shown);
    Ok(outcome)
}
