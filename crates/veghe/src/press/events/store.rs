//! Press events in the database: planned, listed, their status changed; each write audited.

use jiff::civil::DateTime;
use serde_json::json;

use super::{Event, EventIn, KINDS, STATUSES};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

const SELECT: &str = "SELECT e.id, e.kind, e.title, e.description, e.place, e.starts_at, e.ends_at, e.status, \
     u.display_name AS created_by, e.created_at FROM press_events e LEFT JOIN users u ON u.id = e.created_by";

/// A local time of Timișoara typed as `YYYY-MM-DDTHH:MM` (or with a space), as epoch ms.
pub fn local_ms(v: Option<String>, field: &'static str) -> AppResult<i64> {
    let typed = required(v, field, 25)?;
    typed
        .replace(' ', "T")
        .parse::<DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(crate::time::bucharest()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .ok_or_else(|| {
            AppError::bad(
                field,
                Said::new(
                    format!("„{typed}” nu este o dată și o oră (AAAA-LL-ZZ OO:MM)."),
                    format!("{field} “{typed}” is not a date and time (YYYY-MM-DDTHH:MM)"),
                ),
            )
        })
}

/// The events that start from `from` to `to` (epoch ms), in time order.
pub async fn between(db: &Db, from: i64, to: i64) -> AppResult<Vec<Event>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE e.starts_at >= $1 AND e.starts_at < $2 ORDER BY e.starts_at, e.id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?)
}

/// One event.
pub async fn get(db: &Db, id: i64) -> AppResult<Event> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE e.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

/// Plans an event.
pub async fn plan(db: &Db, actor: &Actor, input: EventIn) -> AppResult<Event> {
    let kind = required(input.kind, "kind", 20)?;
    if !KINDS.contains(&kind.as_str()) {
        return Err(AppError::bad(
            "kind",
            Said::new(
                "Felul: conferință sau acțiune.",
                "kind is conference or action",
            ),
        ));
    }
    let title = required(input.title, "title", 300)?;
    let description = text(input.description, "description", 4000)?;
    let place = required(input.place, "place", 300)?;
    let starts_at = local_ms(input.starts_at, "starts_at")?;
    let ends_at = local_ms(input.ends_at, "ends_at")?;
    if ends_at <= starts_at {
        return Err(AppError::bad(
            "ends_at",
            Said::new(
                "Evenimentul se încheie după ce începe.",
                "ends_at is not after starts_at",
            ),
        ));
    }
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_events (kind, title, description, place, starts_at, ends_at, status, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8) RETURNING id",
    )
    .bind(&kind)
    .bind(&title)
    .bind(&description)
    .bind(&place)
    .bind(starts_at)
    .bind(ends_at)
    .bind(actor.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"kind": kind, "title": title, "place": place, "starts_at": starts_at, "ends_at": ends_at});
    audit::append(
        &mut tx,
        actor,
        Change::of("press.event_plan", "press_event", id, None, &after),
    )
    .await?;
    crate::db::events::publish(&mut tx, "press_event.planned", &json!({"id": id})).await?;
    tx.commit().await?;
    get(db, id).await
}

/// Marks an event held or cancelled (or planned again).
pub async fn set_status(
    db: &Db,
    actor: &Actor,
    id: i64,
    status: Option<String>,
) -> AppResult<Event> {
    let status = required(status, "status", 20)?;
    if !STATUSES.contains(&status.as_str()) {
        return Err(AppError::bad(
            "status",
            Said::new(
                "Starea: planificat, ținut sau anulat.",
                "status is planned, held or cancelled",
            ),
        ));
    }
    let before = get(db, id).await?;
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE press_events SET status = $1 WHERE id = $2")
        .bind(&status)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        actor,
        Change::of(
            "press.event_status",
            "press_event",
            id,
            Some(&json!({"status": before.status})),
            &json!({"status": status}),
        ),
    )
    .await?;
    tx.commit().await?;
    get(db, id).await
}
