//! An incident's timeline: every change, time-stamped and attributed, written in the same
//! transaction as the change.

use serde::Serialize;

use super::model::Status;
use crate::audit::Actor;
use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;

/// One step of an incident's timeline.
pub struct Step<'a> {
    pub kind: &'a str,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub unit_id: Option<i64>,
    pub note: Option<&'a str>,
}

pub(super) async fn record(
    tx: &mut Tx,
    actor: &Actor,
    incident_id: i64,
    step: Step<'_>,
) -> Result<(), sqlx::Error> {
    let Step {
        kind,
        from,
        to,
        unit_id,
        note,
    } = step;
    sqlx::query(
        "INSERT INTO incident_events (incident_id, at, actor_id, actor_name, kind, from_status, to_status, unit_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(incident_id)
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(kind)
    .bind(from.map(Status::code))
    .bind(to.map(Status::code))
    .bind(unit_id)
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One entry of an incident's timeline.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct TimelineEntry {
    pub at: i64,
    #[sqlx(rename = "actor_name")]
    pub actor: String,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub unit_id: Option<i64>,
    pub note: Option<String>,
}

pub async fn timeline_of(db: &Db, id: i64) -> Result<Vec<TimelineEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT at, actor_name, kind, from_status, to_status, unit_id, note FROM incident_events WHERE incident_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}
