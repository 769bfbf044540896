//! Importing sanction records from a file: a reader thread reads and parses every row (see
//! `reader`), this side writes the valid ones inside ONE transaction in batches (`rows`), and
//! every problem is reported by file, row and column.
//! The user chooses: the valid rows (`valid`), nothing unless all are valid (`all`), or only the
//! check (`check`). The natural key (series, number) makes a re-import change nothing. A crash or
//! a kill before the commit leaves the database as it was.

use std::path::Path;

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::catalogue::Catalogue;
use super::reader::{self, Msg, Reader, file_problem};
use super::report::{self, Report};
use super::rows;
use super::source::{Format, SourceError, Table};
use super::tuning;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::{AppError, Said};

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
                Said::new(
                    "Alegeți ce se face: doar verificare, importul rândurilor valide sau importul doar dacă toate sunt valide",
                    "Choose what to do: check only, import the valid rows, or import only if every row is valid (mode: check, valid or all)",
                ),
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
    /// Valid rows whose series and number are recorded with other contents (each in the report,
    /// saying what differs); they are not imported.
    pub conflicts: u64,
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

fn sha256_of(path: &Path) -> Result<String, std::io::Error> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

/// Runs the import. `progress(rows)` is called now and then with the rows read so far.
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
        conflicts: 0,
        committed: false,
        import_id: None,
        shown: Vec::new(),
    };
    let table = match Table::open(job.path, job.format) {
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
                        message: p.en.clone(),
                        message_ro: p.ro.clone().unwrap_or_default(),
                        ..file_problem(job.name, &SourceError::Empty)
                    })
                    .map_err(io)?;
            }
            return finish(outcome, report);
        }
    };
    let now = now_ms();
    let writes = job.mode != Mode::Check;
    let mut tx = if writes {
        Some(db.begin().await?)
    } else {
        None
    };
    let mut import_id = None;
    let mut tuned = tuning::Tuning::default();
    let mut writer = None;
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
        import_id = Some(row.try_get("id")?);
        tuned = tuning::begin(tx, db.backend()).await?;
        writer = Some(rows::Writer::begin(tx, db.backend()).await?);
    }
    let reader = Reader {
        table,
        columns,
        catalogue: catalogue.clone(),
        name: job.name.to_string(),
        report,
        writes,
    };
    let (out, mut batches) = tokio::sync::mpsc::channel(reader::QUEUE);
    let reading = tokio::task::spawn_blocking(move || reader.run(&out));
    let mut conflicts = Vec::new();
    while let Some(msg) = batches.recv().await {
        match msg {
            Msg::Read(n) => progress(n),
            Msg::Keys(keys) => {
                let found = match tx.as_mut() {
                    Some(tx) => super::conflicts::find(&mut **tx, db.backend(), &keys).await?,
                    None => super::conflicts::find(db.pool(), db.backend(), &keys).await?,
                };
                conflicts.extend(found);
            }
            Msg::Batch { batch, read } => {
                if let (Some(tx), Some(w)) = (tx.as_mut(), writer.as_ref()) {
                    outcome.inserted += w.write(tx, batch, import_id, now).await?;
                }
                progress(read);
            }
        }
    }
    let reading = reading
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("import reader: {e}")))?
        .map_err(|e| AppError::Internal(anyhow::anyhow!("import reader: {e}")))?;
    let mut report = reading.report;
    outcome.conflicts = conflicts.len() as u64;
    for c in &conflicts {
        report.add(c.line(job.name)).map_err(io)?;
    }
    outcome.rows = reading.rows;
    outcome.valid = reading.valid;
    outcome.invalid = reading.invalid;
    if let Some(mut tx) = tx.take() {
        outcome.skipped = outcome.valid - outcome.inserted;
        let refuse = reading.broken || (job.mode == Mode::All && outcome.invalid > 0);
        tuning::end(&mut tx, &tuned).await?;
        if let Some(w) = writer.take() {
            w.end(&mut tx).await?;
        }
        if refuse || outcome.inserted == 0 {
            // Nothing new (a re-import), or the user wanted all or nothing: as if never begun.
            tx.rollback().await?;
            outcome.inserted = 0;
            outcome.skipped = if reading.broken { 0 } else { outcome.skipped };
        } else {
            let Some(import_id) = import_id else {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "import without its row"
                )));
            };
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
