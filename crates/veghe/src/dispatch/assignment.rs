//! Crews on incidents: assigning an available crew (one winner when two dispatchers claim the
//! same crew at once) and releasing it, each with its timeline step, audit entry and events.

use serde_json::json;

use super::model::Status;
use super::store::{Incident, get_in};
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Assigns an available crew. Two dispatchers assigning the same crew at once: the first
/// claim wins (one conditional UPDATE), the second is told who has the crew.
pub async fn assign(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    unit_id: i64,
) -> Result<Incident, AppError> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, incident_id).await?;
    if !before.status.is_open() {
        return Err(AppError::conflict(format!(
            "incident {} is {} ({}): crews cannot be assigned to it",
            before.reference,
            before.status,
            before.status.label_ro()
        )));
    }
    let now = now_ms();
    let claimed = sqlx::query(
        "UPDATE units SET status = 'dispatched', incident_id = $1, status_changed_at = $2 WHERE id = $3 AND status = 'available'",
    )
    .bind(incident_id)
    .bind(now)
    .bind(unit_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() == 0 {
        let (call_sign, status, number, year): (String, String, Option<i64>, Option<i64>) = sqlx::query_as(
            "SELECT u.call_sign, u.status, i.number, i.year FROM units u LEFT JOIN incidents i ON i.id = u.incident_id WHERE u.id = $1",
        )
        .bind(unit_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| AppError::bad("unit_id", format!("no crew with id {unit_id}")))?;
        let busy_with = match (number, year) {
            (Some(n), Some(y)) => format!(" with incident {n}/{y}"),
            _ => String::new(),
        };
        return Err(AppError::conflict(format!(
            "crew {call_sign} is not available: it is {status}{busy_with}"
        )));
    }
    let to = if before.status == Status::Received {
        Status::Dispatched
    } else {
        before.status
    };
    sqlx::query(
        "UPDATE incidents SET status = $1, unit_id = COALESCE(unit_id, $2), dispatched_at = COALESCE(dispatched_at, $3) WHERE id = $4",
    )
    .bind(to.code())
    .bind(unit_id)
    .bind(now)
    .bind(incident_id)
    .execute(&mut *tx)
    .await?;
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "assigned",
            from: Some(before.status),
            to: Some(to),
            unit_id: Some(unit_id),
            note: None,
        },
    )
    .await?;
    let after = get_in(&mut tx, incident_id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.assign",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: Some(json!(before)),
            after: Some(json!({"incident": after, "unit_id": unit_id})),
        },
    )
    .await?;
    publish(&mut tx, "incident.updated", &json!(after)).await?;
    publish(
        &mut tx,
        "unit.status",
        &json!({"unit_id": unit_id, "status": "dispatched", "incident_id": incident_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Releases a crew from an incident: the crew becomes available again; an incident left with
/// no crew goes back to `received` unless it is already on scene (the dispatcher decides then).
pub async fn unassign(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    unit_id: i64,
    note: Option<&str>,
) -> Result<Incident, AppError> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, incident_id).await?;
    let now = now_ms();
    let released = sqlx::query(
        "UPDATE units SET status = 'available', incident_id = NULL, status_changed_at = $1 WHERE id = $2 AND incident_id = $3",
    )
    .bind(now)
    .bind(unit_id)
    .bind(incident_id)
    .execute(&mut *tx)
    .await?;
    if released.rows_affected() == 0 {
        return Err(AppError::conflict(format!(
            "crew {unit_id} is not assigned to incident {}",
            before.reference
        )));
    }
    let left: Option<i64> =
        sqlx::query_scalar("SELECT id FROM units WHERE incident_id = $1 ORDER BY id LIMIT 1")
            .bind(incident_id)
            .fetch_optional(&mut *tx)
            .await?;
    let to = match (left, before.status) {
        (None, Status::Dispatched | Status::EnRoute) => Status::Received,
        (_, s) => s,
    };
    sqlx::query("UPDATE incidents SET status = $1, unit_id = $2 WHERE id = $3")
        .bind(to.code())
        .bind(left)
        .bind(incident_id)
        .execute(&mut *tx)
        .await?;
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "unassigned",
            from: Some(before.status),
            to: Some(to),
            unit_id: Some(unit_id),
            note,
        },
    )
    .await?;
    let after = get_in(&mut tx, incident_id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.unassign",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: Some(json!(before)),
            after: Some(json!({"incident": after, "unit_id": unit_id})),
        },
    )
    .await?;
    publish(&mut tx, "incident.updated", &json!(after)).await?;
    publish(
        &mut tx,
        "unit.status",
        &json!({"unit_id": unit_id, "status": "available", "incident_id": null}),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
