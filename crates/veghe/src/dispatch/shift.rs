//! Shift handover (predare-primire tură): the outgoing dispatcher hands over the open
//! incidents, the crews out and the pending items (overdue check-ins, notes); the handover is
//! complete when a different dispatcher accepts it. The summary is a snapshot, kept as written.

use serde::Serialize;
use serde_json::{Value, json};
use sqlx::Row;

use super::{checkins, store};
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, now_ms};
use crate::error::{AppError, Said};

/// A handover as stored.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ShiftHandover {
    pub id: i64,
    pub created_at: i64,
    pub outgoing: String,
    pub incoming: Option<String>,
    pub accepted_at: Option<i64>,
    /// The snapshot: open incidents, crews out, overdue check-ins.
    #[schema(value_type = Object)]
    pub summary: Value,
    pub notes: Option<String>,
}

/// What is handed over right now.
pub async fn snapshot(db: &Db, checkin_interval_ms: i64) -> Result<Value, AppError> {
    let open = store::open(db).await?;
    let units = super::units::list(db).await?;
    let out: Vec<&super::units::Unit> = units.iter().filter(|u| u.incident_id.is_some()).collect();
    let overdue = checkins::overdue_units(db, checkin_interval_ms).await?;
    Ok(json!({
        "open_incidents": open.iter().map(|i| json!({"id": i.id, "number": i.reference, "type": i.kind, "priority": i.priority, "status": i.status})).collect::<Vec<_>>(),
        "crews_out": out.iter().map(|u| json!({"call_sign": u.call_sign, "status": u.status, "incident_id": u.incident_id})).collect::<Vec<_>>(),
        "overdue_checkins": overdue.iter().map(|o| o.call_sign.clone()).collect::<Vec<_>>(),
    }))
}

async fn load(db: &Db, id: i64) -> Result<ShiftHandover, AppError> {
    let r = sqlx::query(
        "SELECT h.id, h.created_at, o.username AS outgoing, i.username AS incoming, h.accepted_at, h.summary, h.notes \
         FROM shift_handovers h JOIN users o ON o.id = h.outgoing_id LEFT JOIN users i ON i.id = h.incoming_id WHERE h.id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    let summary: String = r.try_get("summary")?;
    Ok(ShiftHandover {
        id: r.try_get("id")?,
        created_at: r.try_get("created_at")?,
        outgoing: r.try_get("outgoing")?,
        incoming: r.try_get("incoming")?,
        accepted_at: r.try_get("accepted_at")?,
        summary: serde_json::from_str(&summary).unwrap_or(Value::Null),
        notes: r.try_get("notes")?,
    })
}

/// The outgoing dispatcher hands over: the snapshot is taken now.
pub async fn start(
    db: &Db,
    checkin_interval_ms: i64,
    me: &CurrentUser,
    notes: Option<&str>,
) -> Result<ShiftHandover, AppError> {
    let summary = snapshot(db, checkin_interval_ms).await?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO shift_handovers (created_at, outgoing_id, summary, notes) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(now_ms())
    .bind(me.id)
    .bind(summary.to_string())
    .bind(notes)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        &me.actor(),
        Change {
            action: "shift.handover",
            entity: "shift_handover",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"summary": summary, "notes": notes})),
        },
    )
    .await?;
    tx.commit().await?;
    load(db, id).await
}

/// The incoming dispatcher accepts; it must be someone else, and only once.
pub async fn accept(db: &Db, me: &CurrentUser, id: i64) -> Result<ShiftHandover, AppError> {
    let before = load(db, id).await?;
    if before.outgoing == me.username {
        return Err(AppError::conflict(Said::new(
            "Predarea turei o confirmă dispecerul care preia, nu cel care predă.",
            "the handover must be accepted by the incoming dispatcher, not by the one who handed over",
        )));
    }
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE shift_handovers SET incoming_id = $1, accepted_at = $2 WHERE id = $3 AND accepted_at IS NULL",
    )
    .bind(me.id)
    .bind(now_ms())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::conflict(format!(
            "handover {id} was already accepted by {}",
            before.incoming.unwrap_or_default()
        )));
    }
    audit::append(
        &mut tx,
        &me.actor(),
        Change {
            action: "shift.accept",
            entity: "shift_handover",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"incoming": me.username})),
        },
    )
    .await?;
    tx.commit().await?;
    load(db, id).await
}

/// Handovers not yet accepted, oldest first.
pub async fn pending(db: &Db) -> Result<Vec<ShiftHandover>, AppError> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM shift_handovers WHERE accepted_at IS NULL ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(load(db, id).await?);
    }
    Ok(out)
}
