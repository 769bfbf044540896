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

/// Writes a batch in one transaction: each fix of a known device is inserted, each crew's newest
/// fix moves it on the map and becomes a `unit.position` event. Per fix: the crew's id, or why not.
async fn write(db: &Db, fixes: &[&Fix]) -> Result<Vec<AppResult<i64>>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let received = now_ms();
    let mut units: HashMap<&str, Option<i64>> = HashMap::new();
    let mut newest: HashMap<i64, &Fix> = HashMap::new();
    let mut outcomes = Vec::with_capacity(fixes.len());
    for &fix in fixes {
        let unit = match units.get(fix.device.as_str()) {
            Some(u) => *u,
            None => {
                let u = sqlx::query("SELECT id FROM units WHERE tracker_id = $1")
                    .bind(&fix.device)
                    .fetch_optional(&mut *tx)
                    .await?
                    .map(|r| r.try_get::<i64, _>("id"))
                    .transpose()?;
                units.insert(&fix.device, u);
                u
            }
        };
        let Some(unit_id) = unit else {
            outcomes.push(Err(AppError::bad(
                "id",
                format!("unknown device `{}`: no crew has this tracker", fix.device),
            )));
            continue;
        };
        insert(&mut tx, unit_id, fix, received).await?;
        let entry = newest.entry(unit_id).or_insert(fix);
        if fix.at_ms >= entry.at_ms {
            *entry = fix;
        }
        outcomes.push(Ok(unit_id));
    }
    for (unit_id, fix) in newest {
        let moved = sqlx::query(
            "UPDATE units SET last_lat = $1, last_lon = $2, last_position_at = $3 WHERE id = $4 AND (last_position_at IS NULL OR last_position_at <= $3)",
        )
        .bind(fix.point.lat)
        .bind(fix.point.lon)
        .bind(fix.at_ms)
        .bind(unit_id)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() > 0 {
            super::store::publish(
                &mut tx,
                "unit.position",
                &json!({"unit_id": unit_id, "lat": fix.point.lat, "lon": fix.point.lon, "at": fix.at_ms, "speed_mps": fix.speed_mps, "bearing": fix.bearing}),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

async fn insert(tx: &mut Tx, unit_id: i64, fix: &Fix, received: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(unit_id)
    .bind(fix.at_ms)
    .bind(fix.point.lat)
    .bind(fix.point.lon)
    .bind(fix.speed_mps)
    .bind(fix.bearing)
    .bind(fix.altitude)
    .bind(fix.accuracy)
    .bind(fix.battery)
    .bind(received)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
