//! Group commit of tracker positions: every request hands its parsed fix to one writer task,
//! which stores whatever has queued up in one transaction and answers each request only after
//! that transaction committed. Under load a commit carries hundreds of fixes; alone, a fix is
//! written at once. Nothing is acknowledged before it is in the database.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde_json::json;
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};

use super::live::Live;
use super::positions::Fix;
use crate::db::{Db, Tx, now_ms};
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
            Ok(outcomes) => {
                for (job, outcome) in jobs.drain(..).zip(outcomes) {
                    let _ = job.done.send(outcome);
                }
                live.published();
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

/// Rows per multi-row statement: binding cost grows with the square of a statement's parameters
/// on SQLite, and 16 rows keeps it small (see BENCHMARKS.md, demo seeding).
const ROWS: usize = 16;

/// `($1, …, $k), ($k+1, …)`: `rows` groups of `width` placeholders.
fn groups(rows: usize, width: usize, each: impl Fn(&[String]) -> String) -> String {
    (0..rows)
        .map(|r| {
            let p: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            each(&p)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes a batch in one transaction: each fix of a known device is inserted, each crew's newest
/// fix moves it on the map and becomes a `unit.position` event. Per fix: the crew's id, or why not.
async fn write(db: &Db, fixes: &[&Fix]) -> Result<Vec<AppResult<i64>>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let received = now_ms();
    let mut devices: Vec<&str> = fixes.iter().map(|f| f.device.as_str()).collect();
    devices.sort_unstable();
    devices.dedup();
    let mut units: HashMap<String, i64> = HashMap::new();
    for chunk in devices.chunks(ROWS) {
        let sql = format!(
            "SELECT id, tracker_id FROM units WHERE tracker_id IN ({})",
            groups(chunk.len(), 1, |p| p[0].clone())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for d in chunk {
            q = q.bind(*d);
        }
        for row in q.fetch_all(&mut *tx).await? {
            units.insert(row.try_get("tracker_id")?, row.try_get("id")?);
        }
    }
    let mut known: Vec<(i64, &Fix)> = Vec::with_capacity(fixes.len());
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
        known.push((unit_id, fix));
        let entry = newest.entry(unit_id).or_insert(fix);
        if fix.at_ms >= entry.at_ms {
            *entry = fix;
        }
        outcomes.push(Ok(unit_id));
    }
    for chunk in known.chunks(ROWS) {
        insert(&mut tx, chunk, received).await?;
    }
    let newest: Vec<(i64, &Fix)> = newest.into_iter().collect();
    let mut moved = Vec::new();
    for chunk in newest.chunks(ROWS) {
        moved.extend(move_units(&mut tx, chunk).await?);
    }
    for chunk in moved.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO events (at, name, payload) VALUES {}",
            groups(chunk.len(), 3, |p| format!("({})", p.join(", ")))
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (unit_id, fix) in chunk {
            let payload = json!({"unit_id": unit_id, "lat": fix.point.lat, "lon": fix.point.lon, "at": fix.at_ms, "speed_mps": fix.speed_mps, "bearing": fix.bearing});
            q = q
                .bind(received)
                .bind("unit.position")
                .bind(payload.to_string());
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// Moves each crew to its newest fix unless it already has a newer one; returns those moved.
async fn move_units<'a>(
    tx: &mut Tx,
    chunk: &[(i64, &'a Fix)],
) -> Result<Vec<(i64, &'a Fix)>, sqlx::Error> {
    let rows = groups(chunk.len(), 4, |p| {
        format!(
            "SELECT {} AS vid, {} AS vlat, {} AS vlon, {} AS vat",
            p[0], p[1], p[2], p[3]
        )
    })
    .replace(", SELECT", " UNION ALL SELECT");
    let sql = format!(
        "UPDATE units SET last_lat = v.vlat, last_lon = v.vlon, last_position_at = v.vat \
         FROM ({rows}) AS v \
         WHERE units.id = v.vid AND (units.last_position_at IS NULL OR units.last_position_at <= v.vat) \
         RETURNING id"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (unit_id, fix) in chunk {
        q = q
            .bind(*unit_id)
            .bind(fix.point.lat)
            .bind(fix.point.lon)
            .bind(fix.at_ms);
    }
    let ids: Vec<i64> = q
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<Result<_, _>>()?;
    Ok(chunk
        .iter()
        .filter(|(id, _)| ids.contains(id))
        .copied()
        .collect())
}

async fn insert(tx: &mut Tx, chunk: &[(i64, &Fix)], received: i64) -> Result<(), sqlx::Error> {
    let sql = format!(
        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) VALUES {}",
        groups(chunk.len(), 10, |p| format!("({})", p.join(", ")))
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (unit_id, fix) in chunk {
        q = q
            .bind(*unit_id)
            .bind(fix.at_ms)
            .bind(fix.point.lat)
            .bind(fix.point.lon)
            .bind(fix.speed_mps)
            .bind(fix.bearing)
            .bind(fix.altitude)
            .bind(fix.accuracy)
            .bind(fix.battery)
            .bind(received);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
