//! Crews on incidents: assigning an available crew (one winner when two dispatchers claim the
//! same crew at once), redirecting a crew busy with a less urgent incident, and releasing it,
//! each with its timeline steps, audit entry and events.

use serde_json::json;

use super::model::Status;
use super::store::{Incident, get_in};
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::{AppError, Said};
use crate::web::Lang;

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
    finished(&before)?;
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
        let crew = crew_in(&mut tx, unit_id).await?;
        return Err(not_available(&crew));
    }
    let to = crew_taken(&mut tx, &before, unit_id, now).await?;
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
        return Err(AppError::conflict(Said::new(
            format!(
                "Echipajul nu mai este alocat incidentului {}: reîncărcați pagina.",
                before.reference
            ),
            format!(
                "crew {unit_id} is not assigned to incident {}",
                before.reference
            ),
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

/// Refuses a finished incident.
fn finished(incident: &Incident) -> Result<(), AppError> {
    if incident.status.is_open() {
        return Ok(());
    }
    Err(AppError::conflict(Said::new(
        format!(
            "Incidentul {} este {}: nu i se mai pot aloca echipaje.",
            incident.reference,
            incident.status.label(Lang::Ro).to_lowercase()
        ),
        format!(
            "incident {} is {}: crews cannot be assigned to it",
            incident.reference,
            incident.status.label(Lang::En).to_lowercase()
        ),
    )))
}

/// A crew as an assignment sees it: its status and the incident it works on, if any.
#[derive(sqlx::FromRow)]
struct Crew {
    call_sign: String,
    status: String,
    incident_id: Option<i64>,
    number: Option<i64>,
    year: Option<i64>,
    priority: Option<i64>,
}

async fn crew_in(tx: &mut crate::db::Tx, unit_id: i64) -> Result<Crew, AppError> {
    sqlx::query_as(
        "SELECT u.call_sign, u.status, u.incident_id, i.number, i.year, i.priority FROM units u LEFT JOIN incidents i ON i.id = u.incident_id WHERE u.id = $1",
    )
    .bind(unit_id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| {
        AppError::bad(
            "unit_id",
            Said::new(
                format!("Nu există echipajul cu numărul intern {unit_id}: alegeți un echipaj din listă."),
                format!("no crew with id {unit_id}; choose a crew from the list"),
            ),
        )
    })
}

/// Why a crew cannot be assigned: where it is.
fn not_available(crew: &Crew) -> AppError {
    let t = |lang| super::incident_texts::of(lang);
    let busy_with = match (crew.number, crew.year) {
        (Some(n), Some(y)) => format!(" {} {n}/{y}", t(Lang::Ro).busy_with),
        _ => String::new(),
    };
    AppError::conflict(Said::new(
        format!(
            "Echipajul {} nu este disponibil: este {}{}.",
            crew.call_sign,
            super::board_texts::unit_status(&crew.status, Lang::Ro),
            busy_with
        ),
        format!(
            "crew {} is not available: it is {}{}",
            crew.call_sign,
            crew.status,
            match (crew.number, crew.year) {
                (Some(n), Some(y)) => format!(" with incident {n}/{y}"),
                _ => String::new(),
            }
        ),
    ))
}

/// Whether a crew busy with `from` (its priority) may be redirected to an incident of
/// `priority`: only to a more urgent one (P1 before P2 before P3).
pub fn may_redirect(priority: i64, from: Option<i64>) -> bool {
    from.is_some_and(|p| p > priority)
}

/// Sends a crew busy with a less urgent incident to this one: it is released from the other
/// (which goes back to waiting when left without a crew), recorded on both timelines, audited
/// and published, in one transaction. An available crew is simply assigned.
pub async fn redirect(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    unit_id: i64,
) -> Result<Incident, AppError> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, incident_id).await?;
    finished(&before)?;
    let crew = crew_in(&mut tx, unit_id).await?;
    if crew.status == "available" {
        tx.rollback().await?;
        return assign(db, actor, incident_id, unit_id).await;
    }
    let Some(from_id) = crew.incident_id.filter(|id| *id != incident_id) else {
        return Err(not_available(&crew));
    };
    if !may_redirect(before.priority, crew.priority) {
        let other = format!("{}/{}", crew.number.unwrap_or(0), crew.year.unwrap_or(0));
        return Err(AppError::conflict(Said::new(
            format!(
                "Echipajul {} lucrează la incidentul {other} (P{}), la fel de urgent sau mai urgent decât acesta (P{}): nu poate fi redirecționat.",
                crew.call_sign,
                crew.priority.unwrap_or(0),
                before.priority
            ),
            format!(
                "crew {} works on incident {other} (P{}), as urgent as this one (P{}) or more: it cannot be redirected",
                crew.call_sign,
                crew.priority.unwrap_or(0),
                before.priority
            ),
        )));
    }
    let from_before = get_in(&mut tx, from_id).await?;
    let now = now_ms();
    let moved = sqlx::query(
        "UPDATE units SET status = 'dispatched', incident_id = $1, status_changed_at = $2 WHERE id = $3 AND incident_id = $4",
    )
    .bind(incident_id)
    .bind(now)
    .bind(unit_id)
    .bind(from_id)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() == 0 {
        return Err(not_available(&crew));
    }
    // The incident it leaves: back to waiting when no crew is left on it.
    let left: Option<i64> =
        sqlx::query_scalar("SELECT id FROM units WHERE incident_id = $1 ORDER BY id LIMIT 1")
            .bind(from_id)
            .fetch_optional(&mut *tx)
            .await?;
    let from_to = match (left, from_before.status) {
        (None, Status::Dispatched | Status::EnRoute | Status::OnScene) => Status::Received,
        (_, s) => s,
    };
    sqlx::query("UPDATE incidents SET status = $1, unit_id = $2 WHERE id = $3")
        .bind(from_to.code())
        .bind(left)
        .bind(from_id)
        .execute(&mut *tx)
        .await?;
    let to = crew_taken(&mut tx, &before, unit_id, now).await?;
    let out_note = format!("→ {}", before.reference);
    super::timeline::record(
        &mut tx,
        actor,
        from_id,
        super::timeline::Step {
            kind: "redirected_out",
            from: Some(from_before.status),
            to: Some(from_to),
            unit_id: Some(unit_id),
            note: Some(&out_note),
        },
    )
    .await?;
    let in_note = format!("← {}", from_before.reference);
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "redirected_in",
            from: Some(before.status),
            to: Some(to),
            unit_id: Some(unit_id),
            note: Some(&in_note),
        },
    )
    .await?;
    let after = get_in(&mut tx, incident_id).await?;
    let from_after = get_in(&mut tx, from_id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.redirect",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: Some(json!({"incident": before, "from": from_before})),
            after: Some(json!({"incident": after, "from": from_after, "unit_id": unit_id})),
        },
    )
    .await?;
    publish(&mut tx, "incident.updated", &json!(from_after)).await?;
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

/// The incident a crew was just given: `received` becomes `dispatched` (a later state stays), its
/// first crew and dispatch time are kept. Answers the state it is in now.
async fn crew_taken(
    tx: &mut crate::db::Tx,
    before: &Incident,
    unit_id: i64,
    now: i64,
) -> Result<Status, AppError> {
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
    .bind(before.id)
    .execute(&mut **tx)
    .await?;
    Ok(to)
}
