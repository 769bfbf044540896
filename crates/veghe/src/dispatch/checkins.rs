//! Check-ins: the dispatch centre contacts every crew on duty at least every two hours
//! (configurable); a crew not contacted within the interval is overdue and flagged.

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Statuses of crews that are not on duty, so never overdue.
const OFF: [&str; 2] = ["off_duty", "out_of_service"];

/// Is a crew with this status and last contact overdue at `now`?
pub fn overdue(status: &str, last_contact_at: Option<i64>, now: i64, interval_ms: i64) -> bool {
    !OFF.contains(&status) && last_contact_at.is_none_or(|at| now - at > interval_ms)
}

/// Records a contact with a crew: the clock restarts.
pub async fn record(
    db: &Db,
    actor: &Actor,
    unit_id: i64,
    note: Option<&str>,
) -> Result<i64, AppError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let updated =
        sqlx::query("UPDATE units SET last_contact_at = $1 WHERE id = $2 AND retired_at IS NULL")
            .bind(now)
            .bind(unit_id)
            .execute(&mut *tx)
            .await?;
    if updated.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO unit_contacts (unit_id, at, actor_id, actor_name, note) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(unit_id)
    .bind(now)
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(note)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "unit.checkin",
            entity: "unit",
            entity_id: Some(unit_id.to_string()),
            before: None,
            after: Some(json!({"at": now, "note": note})),
        },
    )
    .await?;
    publish(
        &mut tx,
        "unit.checkin",
        &json!({"unit_id": unit_id, "at": now}),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A crew whose contact is overdue.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Overdue {
    pub unit_id: i64,
    pub call_sign: String,
    pub last_contact_at: Option<i64>,
}

/// The crews on duty not contacted within `interval_ms`.
pub async fn overdue_units(db: &Db, interval_ms: i64) -> Result<Vec<Overdue>, AppError> {
    let now = now_ms();
    let units: Vec<(i64, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, call_sign, status, last_contact_at FROM units WHERE retired_at IS NULL ORDER BY call_sign",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(units
        .into_iter()
        .filter(|(_, _, status, last)| overdue(status, *last, now, interval_ms))
        .map(|(unit_id, call_sign, _, last_contact_at)| Overdue {
            unit_id,
            call_sign,
            last_contact_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_after_the_interval_unless_off_duty() {
        let h = 3_600_000;
        assert!(!overdue("available", Some(10 * h), 11 * h, 2 * h));
        assert!(overdue("on_scene", Some(8 * h), 11 * h, 2 * h));
        assert!(overdue("available", None, 11 * h, 2 * h));
        assert!(!overdue("off_duty", None, 11 * h, 2 * h));
    }
}
