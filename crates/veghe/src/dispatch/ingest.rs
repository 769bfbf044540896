//! Group commit of tracker positions: every request hands its parsed fix to one writer task,
//! which stores whatever has queued up in one transaction and answers each request only after
//! that transaction committed. Under load a commit carries hundreds of fixes; alone, a fix is
//! written at once. Nothing is acknowledged before it is in the database.
//!
//! A batch costs a fixed number of statements whatever its size: its rows travel as one JSON
//! text each statement spreads inside the database (`db::json_rows`), one bind instead of ten a
//! row.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde_json::{Value, json};
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};

use super::live::Live;
use super::positions::Fix;
use crate::db::json_rows::{INT, REAL, TEXT, spread};
use crate::db::{Backend, Db, Tx, now_ms};
use crate::error::{AppError, AppResult};

/// The most fixes one transaction carries.
const BATCH: usize = 1024;

struct Job {
    fix: Fix,
    done: oneshot::Sender<AppResult<i64>>,
}

/// The queue into the writer task, started on first use.
#[derive(Default)]
pub struct Ingest {
    queue: OnceLock<mpsc::Sender<Job>>,
}

impl Ingest {
    /// Stores a fix for the crew whose tracker it is (unknown device: 400, nothing stored);
    /// returns the crew's id once the fix is committed.
    pub async fn submit(&self, db: &Db, live: &Arc<Live>, fix: Fix) -> AppResult<i64> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(BATCH * 8);
            tokio::spawn(writer(db.clone(), live.clone(), rx));
            tx
        });
        let (done, answer) = oneshot::channel();
        queue
            .send(Job { fix, done })
            .await
            .map_err(|_| AppError::Unavailable)?;
        answer.await.map_err(|_| AppError::Unavailable)?
    }
}

async fn writer(db: Db, live: Arc<Live>, mut rx: mpsc::Receiver<Job>) {
    let mut jobs = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut jobs, BATCH).await > 0 {
        let fixes: Vec<&Fix> = jobs.iter().map(|j| &j.fix).collect();
        match write(&db, &fixes).await {
            Ok((outcomes, moved)) => {
                for (job, outcome) in jobs.drain(..).zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
                if moved {
                    live.published();
                }
            }
            Err(e) => {
                let unavailable = matches!(AppError::from(e), AppError::Unavailable);
                for job in jobs.drain(..) {
                    let _ = job.done.send(Err(if unavailable {
                        AppError::Unavailable
                    } else {
                        AppError::Internal(anyhow::anyhow!("storing positions failed"))
                    }));
                }
            }
        }
    }
}

/// Writes a batch in one transaction: each fix of a known device is inserted, each crew's newest
/// fix moves it on the map and becomes a `unit.position` event. Per fix: the crew's id, or why
/// not; and whether any crew moved (an event was written).
async fn write(db: &Db, fixes: &[&Fix]) -> Result<(Vec<AppResult<i64>>, bool), sqlx::Error> {
    let backend = db.backend();
    let mut tx = db.begin().await?;
    let received = now_ms();
    let mut devices: Vec<&str> = fixes.iter().map(|f| f.device.as_str()).collect();
    devices.sort_unstable();
    devices.dedup();
    let sql = format!(
        "SELECT id, tracker_id FROM units WHERE tracker_id IN ({}) AND retired_at IS NULL",
        spread(backend, &[(0, TEXT)])
    );
    let devices = Value::from_iter(devices.iter().map(|d| json!([d])));
    let mut units: HashMap<String, i64> = HashMap::new();
    for row in sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(devices.to_string())
        .fetch_all(&mut *tx)
        .await?
    {
        units.insert(row.try_get("tracker_id")?, row.try_get("id")?);
    }
    let mut rows = Vec::with_capacity(fixes.len());
    let mut newest: HashMap<i64, &Fix> = HashMap::new();
    let mut outcomes = Vec::with_capacity(fixes.len());
    for &fix in fixes {
        let Some(&unit_id) = units.get(&fix.device) else {
            outcomes.push(Err(AppError::bad(
                "id",
                format!("unknown device `{}`: no crew has this tracker", fix.device),
            )));
            continue;
        };
        rows.push(json!([
            unit_id,
            fix.at_ms,
            fix.point.lat,
            fix.point.lon,
            fix.speed_mps,
            fix.bearing,
            fix.altitude,
            fix.accuracy,
            fix.battery
        ]));
        let entry = newest.entry(unit_id).or_insert(fix);
        if fix.at_ms >= entry.at_ms {
            *entry = fix;
        }
        outcomes.push(Ok(unit_id));
    }
    if rows.is_empty() {
        return Ok((outcomes, false));
    }
    insert(&mut tx, backend, rows, received).await?;
    let moved = move_units(&mut tx, backend, &newest).await?;
    let events: Vec<Value> = moved
        .iter()
        .map(|(unit_id, fix)| {
            let payload = json!({"unit_id": unit_id, "lat": fix.point.lat, "lon": fix.point.lon, "at": fix.at_ms, "speed_mps": fix.speed_mps, "bearing": fix.bearing});
            json!([payload.to_string()])
        })
        .collect();
    if !events.is_empty() {
        crate::db::events::order(&mut tx).await?;
        let sql = format!(
            "INSERT INTO events (at, name, payload) SELECT $2, 'unit.position', v.c0 FROM ({}) AS v",
            spread(backend, &[(0, TEXT)])
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Value::Array(events).to_string())
            .bind(received)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok((outcomes, !moved.is_empty()))
}

async fn insert(
    tx: &mut Tx,
    backend: Backend,
    rows: Vec<Value>,
    received: i64,
) -> Result<(), sqlx::Error> {
    let mut columns = vec![(0, INT), (1, INT)];
    columns.extend((2..9).map(|i| (i, REAL)));
    let sql = format!(
        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) \
         SELECT c0, c1, c2, c3, c4, c5, c6, c7, c8, $2 FROM ({}) AS v",
        spread(backend, &columns)
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(Value::Array(rows).to_string())
        .bind(received)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves each crew to its newest fix unless it already has a newer one; returns those moved.
async fn move_units<'a>(
    tx: &mut Tx,
    backend: Backend,
    newest: &HashMap<i64, &'a Fix>,
) -> Result<Vec<(i64, &'a Fix)>, sqlx::Error> {
    let rows = Value::from_iter(
        newest
            .iter()
            .map(|(id, fix)| json!([id, fix.point.lat, fix.point.lon, fix.at_ms])),
    );
    let sql = format!(
        "UPDATE units SET last_lat = v.c1, last_lon = v.c2, last_position_at = v.c3 \
         FROM ({}) AS v \
         WHERE units.id = v.c0 AND (units.last_position_at IS NULL OR units.last_position_at <= v.c3) \
         RETURNING id",
        spread(backend, &[(0, INT), (1, REAL), (2, REAL), (3, INT)])
    );
    let mut moved = Vec::new();
    for row in sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(rows.to_string())
        .fetch_all(&mut **tx)
        .await?
    {
        let id: i64 = row.try_get("id")?;
        if let Some(fix) = newest.get(&id) {
            moved.push((id, *fix));
        }
    }
    moved.sort_unstable_by_key(|(id, _)| *id);
    Ok(moved)
}
