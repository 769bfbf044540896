//! The crews' store: a crew is created, changed, retired and reinstated, each in one transaction
//! with its audit entry and a `unit.status` live event. A call sign or a tracker taken by another
//! crew is refused inside the transaction, naming that crew. A crew with history is never deleted:
//! retiring it frees its tracker and takes it off the board, the map, the recommendations and the
//! trackers' acceptance; its routes and worked incidents stay.

use serde_json::{Value, json};

use super::input::{CallSign, NewUnit, TrackerId, UnitChange};
use super::{Unit, get};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, events, now_ms};
use crate::error::{AppError, AppResult, Said};

/// What the audit trail keeps of a crew.
fn record(u: &Unit) -> Value {
    json!({
        "call_sign": u.call_sign,
        "kind": u.kind,
        "department": u.department,
        "vehicle": u.vehicle,
        "radio": u.radio,
        "tracker_id": u.tracker_id,
        "status": u.status,
        "retired_at": u.retired_at,
    })
}

/// The audit entry and the live event of a change to crew `after`.
async fn recorded(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    before: Option<&Unit>,
    after: &Unit,
) -> AppResult<()> {
    let before = before.map(record);
    let change = Change::of(action, "unit", after.id, before.as_ref(), &record(after));
    audit::append(tx, actor, change).await?;
    events::publish(
        tx,
        "unit.status",
        &json!({"unit_id": after.id, "status": after.status, "incident_id": after.incident_id}),
    )
    .await?;
    Ok(())
}

/// Reads the crew as written, records the change and commits: what each change ends with.
async fn finish(mut tx: Tx, actor: &Actor, action: &str, before: &Unit) -> AppResult<Unit> {
    let after = get(&mut *tx, before.id).await?;
    recorded(&mut tx, actor, action, Some(before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// Refuses a call sign another crew has (letter case aside), naming that crew.
async fn call_sign_free(tx: &mut Tx, call_sign: &CallSign, except: i64) -> AppResult<()> {
    let other: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, call_sign, retired_at FROM units WHERE UPPER(call_sign) = UPPER($1) AND id <> $2",
    )
    .bind(call_sign.as_str())
    .bind(except)
    .fetch_optional(&mut **tx)
    .await?;
    match other {
        None => Ok(()),
        Some((id, other, retired)) => {
            let (ro_retired, en_retired) = if retired.is_some() {
                (", retras", ", retired")
            } else {
                ("", "")
            };
            let given = call_sign.as_str();
            Err(AppError::conflict(if given == other {
                Said::new(
                    format!(
                        "Indicativul „{given}” există deja (echipajul nr. {id}{ro_retired}); alegeți alt indicativ."
                    ),
                    format!(
                        "call sign “{given}” already exists (crew no. {id}{en_retired}); choose another one"
                    ),
                )
            } else {
                Said::new(
                    format!(
                        "Indicativul „{given}” se confundă cu al echipajului {other} (nr. {id}{ro_retired}); alegeți alt indicativ."
                    ),
                    format!(
                        "call sign “{given}” is too like crew {other}'s (no. {id}{en_retired}); choose another one"
                    ),
                )
            }))
        }
    }
}

/// Refuses a tracker another crew has, naming that crew.
async fn tracker_free(tx: &mut Tx, tracker: &TrackerId, except: i64) -> AppResult<()> {
    let other: Option<String> =
        sqlx::query_scalar("SELECT call_sign FROM units WHERE tracker_id = $1 AND id <> $2")
            .bind(tracker.as_str())
            .bind(except)
            .fetch_optional(&mut **tx)
            .await?;
    match other {
        None => Ok(()),
        Some(other) => Err(AppError::conflict(Said::new(
            format!(
                "Trackerul „{}” aparține echipajului {other}; scoateți-l întâi de acolo.",
                tracker.as_str()
            ),
            format!(
                "tracker “{}” belongs to crew {other}; take it off that crew first",
                tracker.as_str()
            ),
        ))),
    }
}

/// A unique index that refused a write another transaction got in first with (PostgreSQL checks
/// it at the write): told as a conflict, not as a fault.
fn taken(e: sqlx::Error) -> AppError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => AppError::conflict(Said::new(
            "Indicativul sau trackerul a fost luat chiar acum de alt echipaj; reîncărcați pagina.",
            "the call sign or the tracker was just taken by another crew; reload and try again",
        )),
        _ => e.into(),
    }
}

/// Adds a crew in its own transaction.
pub async fn create(db: &Db, actor: &Actor, new: NewUnit) -> AppResult<Unit> {
    let mut tx = db.begin().await?;
    let unit = create_in(&mut tx, actor, new).await?;
    tx.commit().await?;
    Ok(unit)
}

/// Adds a crew in the caller's transaction (the demo seeds its crews through it).
pub async fn create_in(tx: &mut Tx, actor: &Actor, new: NewUnit) -> AppResult<Unit> {
    call_sign_free(tx, &new.call_sign, 0).await?;
    if let Some(t) = &new.tracker_id {
        tracker_free(tx, t, 0).await?;
    }
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO units (call_sign, kind, department, status, vehicle, radio, tracker_id, created_at, status_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(new.call_sign.as_str())
    .bind(new.kind)
    .bind(new.department)
    .bind(new.status)
    .bind(&new.vehicle)
    .bind(&new.radio)
    .bind(new.tracker_id.as_ref().map(TrackerId::as_str))
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(taken)?;
    let unit = get(&mut **tx, id).await?;
    recorded(tx, actor, "unit.create", None, &unit).await?;
    Ok(unit)
}

/// Why a retired crew is not changed.
fn retired_refusal(u: &Unit) -> AppError {
    AppError::conflict(Said::new(
        format!("Echipajul {} este retras; reactivați-l întâi.", u.call_sign),
        format!("crew {} is retired; reinstate it first", u.call_sign),
    ))
}

/// The incident a crew works, as the desk knows it (`number/year`).
async fn working(tx: &mut Tx, u: &Unit) -> AppResult<Option<String>> {
    let Some(incident) = u.incident_id else {
        return Ok(None);
    };
    let reference: Option<(i64, i64)> =
        sqlx::query_as("SELECT number, year FROM incidents WHERE id = $1")
            .bind(incident)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(Some(reference.map_or_else(
        || incident.to_string(),
        |(n, y)| format!("{n}/{y}"),
    )))
}

/// Changes the fields given; the others stay. A retired crew is not changed; a crew working an
/// incident keeps its status.
pub async fn update(db: &Db, actor: &Actor, id: i64, change: UnitChange) -> AppResult<Unit> {
    let mut tx = db.begin().await?;
    let before = get(&mut *tx, id).await?;
    if before.retired_at.is_some() {
        return Err(retired_refusal(&before));
    }
    let mut after = before.clone();
    if let Some(c) = &change.call_sign {
        after.call_sign = c.as_str().to_string();
    }
    after.kind = change.kind.unwrap_or(&before.kind).to_string();
    after.department = change.department.unwrap_or(&before.department).to_string();
    if let Some(v) = change.vehicle {
        after.vehicle = v;
    }
    if let Some(r) = change.radio {
        after.radio = r;
    }
    if let Some(t) = &change.tracker_id {
        after.tracker_id = t.as_ref().map(|t| t.as_str().to_string());
    }
    if let Some(s) = change.status {
        after.status = s.to_string();
    }
    if record(&after) == record(&before) {
        return Ok(before);
    }
    if let Some(c) = change
        .call_sign
        .as_ref()
        .filter(|c| c.as_str() != before.call_sign)
    {
        call_sign_free(&mut tx, c, id).await?;
    }
    if let Some(Some(t)) = &change.tracker_id
        && before.tracker_id.as_deref() != Some(t.as_str())
    {
        tracker_free(&mut tx, t, id).await?;
    }
    if after.status != before.status
        && let Some(incident) = working(&mut tx, &before).await?
    {
        return Err(AppError::conflict(Said::new(
            format!(
                "Echipajul {} lucrează la incidentul {incident}: starea lui se schimbă din dispecerat.",
                before.call_sign
            ),
            format!(
                "crew {} works incident {incident}: its status changes through dispatching",
                before.call_sign
            ),
        )));
    }
    let now = now_ms();
    sqlx::query(
        "UPDATE units SET call_sign = $1, kind = $2, department = $3, vehicle = $4, radio = $5, tracker_id = $6, \
         status_changed_at = CASE WHEN status = $7 THEN status_changed_at ELSE $8 END, status = $7 \
         WHERE id = $9 AND retired_at IS NULL",
    )
    .bind(&after.call_sign)
    .bind(&after.kind)
    .bind(&after.department)
    .bind(&after.vehicle)
    .bind(&after.radio)
    .bind(&after.tracker_id)
    .bind(&after.status)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(taken)?;
    finish(tx, actor, "unit.update", &before).await
}

/// Retires a crew: off duty, its tracker freed (the audit keeps which it was), gone from the
/// operational lists. A crew working an incident, or already retired, is refused.
pub async fn retire(db: &Db, actor: &Actor, id: i64) -> AppResult<Unit> {
    let mut tx = db.begin().await?;
    let before = get(&mut *tx, id).await?;
    if before.retired_at.is_some() {
        return Err(AppError::conflict(Said::new(
            format!("Echipajul {} este deja retras.", before.call_sign),
            format!("crew {} is already retired", before.call_sign),
        )));
    }
    if let Some(incident) = working(&mut tx, &before).await? {
        return Err(AppError::conflict(Said::new(
            format!(
                "Echipajul {} lucrează la incidentul {incident}; retrageți-l după ce incidentul îl eliberează.",
                before.call_sign
            ),
            format!(
                "crew {} works incident {incident}; retire it once the incident releases it",
                before.call_sign
            ),
        )));
    }
    let now = now_ms();
    let retired = sqlx::query(
        "UPDATE units SET retired_at = $1, tracker_id = NULL, status = 'off_duty', status_changed_at = $1 \
         WHERE id = $2 AND retired_at IS NULL AND incident_id IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if retired.rows_affected() == 0 {
        return Err(AppError::conflict(Said::new(
            format!(
                "Echipajul {} tocmai a fost schimbat de altcineva; reîncărcați pagina.",
                before.call_sign
            ),
            format!(
                "crew {} was just changed by someone else; reload and try again",
                before.call_sign
            ),
        )));
    }
    finish(tx, actor, "unit.retire", &before).await
}

/// Brings a retired crew back, off duty and without a tracker.
pub async fn reinstate(db: &Db, actor: &Actor, id: i64) -> AppResult<Unit> {
    let mut tx = db.begin().await?;
    let before = get(&mut *tx, id).await?;
    if before.retired_at.is_none() {
        return Err(AppError::conflict(Said::new(
            format!("Echipajul {} nu este retras.", before.call_sign),
            format!("crew {} is not retired", before.call_sign),
        )));
    }
    sqlx::query(
        "UPDATE units SET retired_at = NULL, status = 'off_duty', status_changed_at = $1 WHERE id = $2",
    )
    .bind(now_ms())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    finish(tx, actor, "unit.reinstate", &before).await
}
