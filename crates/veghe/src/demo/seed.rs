//! Writes the demo crews (through the crews' store) and history into the database: one
//! transaction, multi-row INSERTs ([`BATCH`] incidents on PostgreSQL, [`SQLITE_BATCH`] on
//! SQLite), the yearly counters set to continue the numbering, the crews of the open incidents
//! marked busy.

use std::collections::{BTreeMap, HashMap};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sqlx::AssertSqlSafe;

use crate::audit::Actor;
use crate::db::{Backend, Db, Tx};
use crate::dispatch::units::input::UnitIn;
use crate::dispatch::units::store;

use super::crews::CREWS;
use super::generate::Generator;
use super::{HistorySummary, Incident};

/// Incidents per INSERT statement on PostgreSQL (19 parameters each, 9,500 a statement).
pub const BATCH: usize = 500;
/// Incidents per INSERT statement on SQLite. SQLite finds a `$n` parameter's name by a linear
/// scan, so binding costs grow with the square of the parameters in a statement: 16 rows
/// (304 parameters) is about the fastest measured; 500 rows are ten times slower.
pub const SQLITE_BATCH: usize = 16;

const INCIDENT_COLUMNS: [&str; 19] = [
    "year",
    "number",
    "type",
    "priority",
    "status",
    "source",
    "lat",
    "lon",
    "address",
    "neighbourhood",
    "description",
    "caller_name",
    "caller_phone",
    "outcome",
    "received_at",
    "dispatched_at",
    "on_scene_at",
    "closed_at",
    "unit_id",
];

/// `INSERT INTO table (cols) VALUES ($1, …), (…)` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize, suffix: &str) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..columns.len() {
            n += 1;
            sql.push_str(&format!("{}${n}", if c == 0 { "" } else { ", " }));
        }
        sql.push(')');
    }
    sql.push_str(suffix);
    sql
}

/// The demo crews, added through the crews' store as an administrator would add them (a crew
/// already there by its call sign is kept), each with the status the history ends with and
/// dated `created_at`, before the history begins.
async fn insert_crews(tx: &mut Tx, created_at: i64) -> anyhow::Result<HashMap<String, i64>> {
    let actor = Actor::system("demo");
    let mut ids = HashMap::new();
    for c in CREWS {
        let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE call_sign = $1")
            .bind(c.call_sign)
            .fetch_optional(&mut **tx)
            .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                let new = UnitIn {
                    call_sign: Some(c.call_sign.into()),
                    kind: Some(c.kind.into()),
                    department: Some(c.department.into()),
                    vehicle: c.vehicle.map(Into::into),
                    radio: Some(c.radio.into()),
                    tracker_id: Some(c.tracker_id.into()),
                    status: Some(c.status.into()),
                }
                .parse()
                .with_context(|| format!("demo crew {}", c.call_sign))?;
                let id = store::create_in(tx, &actor, new)
                    .await
                    .with_context(|| format!("adding demo crew {}", c.call_sign))?
                    .id;
                sqlx::query("UPDATE units SET created_at = $1 WHERE id = $2")
                    .bind(created_at)
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                id
            }
        };
        ids.insert(c.call_sign.to_string(), id);
    }
    Ok(ids)
}

async fn insert_incidents(
    tx: &mut Tx,
    batch: &[Incident],
    units: &HashMap<String, i64>,
) -> anyhow::Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let sql = insert_sql("incidents", &INCIDENT_COLUMNS, batch.len(), "");
    let mut query = sqlx::query(AssertSqlSafe(sql)); // only constant names and placeholders
    for i in batch {
        query = query
            .bind(i.year)
            .bind(i.number)
            .bind(i.kind)
            .bind(i.priority)
            .bind(i.status)
            .bind(i.source)
            .bind(i.lat)
            .bind(i.lon)
            .bind(i.address.as_str())
            .bind(i.neighbourhood)
            .bind(i.description.as_str())
            .bind(i.caller_name.as_deref())
            .bind(i.caller_phone.as_deref())
            .bind(i.outcome)
            .bind(i.received_at)
            .bind(i.dispatched_at)
            .bind(i.on_scene_at)
            .bind(i.closed_at)
            .bind(i.unit.and_then(|u| units.get(u).copied()));
    }
    query
        .execute(&mut **tx)
        .await
        .context("inserting demo incidents")?;
    Ok(())
}

fn progress_bar(days: usize, show: bool) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(days as u64), ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} zile ({eta})")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.set_message("Istoric demo");
    bar
}

/// Seeds the demo crews and about three years of incidents ending at `now_ms` (see the module
/// documentation for what the history contains). Refuses a database that already has incidents.
pub async fn seed_history(
    db: &Db,
    seed: u64,
    now_ms: i64,
    progress: bool,
) -> anyhow::Result<HistorySummary> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM incidents")
        .fetch_one(db.pool())
        .await?;
    anyhow::ensure!(
        existing == 0,
        "the database already holds {existing} incidents; demo history is only seeded into an empty one"
    );
    let mut generator = Generator::new(seed, now_ms);
    let bar = progress_bar(generator.days(), progress);
    let mut tx = db.begin().await?;
    let created_at = generator
        .first_day()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond() - 30 * 86_400_000)
        .unwrap_or(now_ms);
    let units = insert_crews(&mut tx, created_at).await?;

    let mut summary = HistorySummary {
        units: CREWS.len(),
        incidents: 0,
        first_ms: i64::MAX,
        last_ms: i64::MIN,
    };
    let mut next_number: BTreeMap<i64, i64> = BTreeMap::new();
    let mut busy: Vec<(&'static str, &'static str, i64, i64)> = Vec::new();
    let rows_per_insert = match db.backend() {
        Backend::Sqlite => SQLITE_BATCH,
        Backend::Postgres => BATCH,
    };
    let mut batch: Vec<Incident> = Vec::with_capacity(rows_per_insert);
    for day in generator.by_ref() {
        for inc in day {
            summary.incidents += 1;
            summary.first_ms = summary.first_ms.min(inc.received_at);
            summary.last_ms = summary.last_ms.max(inc.received_at);
            next_number.insert(inc.year, inc.number + 1);
            if let (Some(unit), "dispatched" | "on_scene") = (inc.unit, inc.status) {
                busy.push((unit, inc.status, inc.year, inc.number));
            }
            batch.push(inc);
            if batch.len() == rows_per_insert {
                insert_incidents(&mut tx, &batch, &units).await?;
                batch.clear();
            }
        }
        bar.inc(1);
    }
    insert_incidents(&mut tx, &batch, &units).await?;
    for (year, next) in &next_number {
        sqlx::query(
            "INSERT INTO counters (name, year, next) VALUES ('incident', $1, $2) \
             ON CONFLICT (name, year) DO UPDATE SET next = excluded.next",
        )
        .bind(*year)
        .bind(*next)
        .execute(&mut *tx)
        .await?;
    }
    // A busy crew is busy with its incident: the board, the crew view and the API agree.
    for (unit, status, year, number) in busy {
        sqlx::query(
            "UPDATE units SET status = $1, incident_id = (SELECT id FROM incidents WHERE year = $2 AND number = $3), \
             status_changed_at = $4 WHERE call_sign = $5",
        )
        .bind(status)
        .bind(year)
        .bind(number)
        .bind(now_ms)
        .bind(unit)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    bar.finish_with_message("Istoric demo");
    if summary.incidents == 0 {
        (summary.first_ms, summary.last_ms) = (now_ms, now_ms);
    }
    tracing::info!(
        incidents = summary.incidents,
        units = summary.units,
        change_point = %generator.change_point(),
        "demo history seeded"
    );
    Ok(summary)
}
