//! Activated plans in the database: activation, ticking tasks, closing; each in one
//! transaction with its log line, its audit entry and its live event.

use serde_json::json;
use sqlx::Row;

use super::{LogEntry, Plan, Task, is_overdue};
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;

async fn log_in(
    tx: &mut Tx,
    actor: &Actor,
    plan_id: i64,
    action: &str,
    detail: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO plan_log (plan_id, at, actor_id, actor_name, action, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(plan_id)
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(action)
    .bind(detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Activates template `template` (its code), optionally for an incident.
pub async fn activate(
    db: &Db,
    actor: &Actor,
    template: &str,
    incident_id: Option<i64>,
) -> Result<Plan, AppError> {
    let t = super::templates::list(db)
        .await?
        .into_iter()
        .find(|t| t.code == template.trim())
        .ok_or_else(|| {
            AppError::bad(
                "template",
                format!("there is no plan template `{template}`"),
            )
        })?;
    if let Some(i) = incident_id {
        crate::dispatch::store::get(db, i)
            .await
            .map_err(|_| AppError::bad("incident_id", format!("there is no incident {i}")))?;
    }
    let now = now_ms();
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plans (template_id, incident_id, status, activated_at, activated_by_id, activated_by_name) VALUES ($1, $2, 'active', $3, $4, $5) RETURNING id",
    )
    .bind(t.id)
    .bind(incident_id)
    .bind(now)
    .bind(actor.user_id)
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    for task in &t.tasks {
        sqlx::query(
            "INSERT INTO plan_tasks (plan_id, position, title, owner_role, due_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(task.position)
        .bind(&task.title)
        .bind(&task.owner_role)
        .bind(now + task.due_minutes * 60_000)
        .execute(&mut *tx)
        .await?;
    }
    log_in(&mut tx, actor, id, "activated", Some(&t.name_ro)).await?;
    let summary =
        json!({"id": id, "template": t.code, "incident_id": incident_id, "tasks": t.tasks.len()});
    let change = Change {
        action: "plan.activate",
        entity: "plan",
        entity_id: Some(id.to_string()),
        before: None,
        after: Some(summary.clone()),
    };
    audit::append(&mut tx, actor, change).await?;
    publish(&mut tx, "plan.activated", &summary).await?;
    tx.commit().await?;
    get(db, id).await
}

async fn status_of(tx: &mut Tx, plan_id: i64) -> Result<String, AppError> {
    sqlx::query_scalar("SELECT status FROM plans WHERE id = $1")
        .bind(plan_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

/// Ticks a task done (once), with an optional note; returns its plan.
pub async fn task_done(
    db: &Db,
    actor: &Actor,
    task_id: i64,
    note: Option<&str>,
) -> Result<Plan, AppError> {
    let mut tx = db.begin().await?;
    let (plan_id, title, done_at): (i64, String, Option<i64>) =
        sqlx::query_as("SELECT plan_id, title, done_at FROM plan_tasks WHERE id = $1")
            .bind(task_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if status_of(&mut tx, plan_id).await? != "active" {
        return Err(AppError::conflict("the plan is closed"));
    }
    if done_at.is_some() {
        return Err(AppError::conflict(format!(
            "the task `{title}` is already done"
        )));
    }
    let done = sqlx::query(
        "UPDATE plan_tasks SET done_at = $1, done_by_id = $2, done_by_name = $3, note = $4 WHERE id = $5 AND done_at IS NULL",
    )
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(note)
    .bind(task_id)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::conflict(format!(
            "the task `{title}` is already done"
        )));
    }
    let detail = match note {
        Some(n) => format!("{title} — {n}"),
        None => title.clone(),
    };
    log_in(&mut tx, actor, plan_id, "task_done", Some(&detail)).await?;
    let summary = json!({"plan_id": plan_id, "task_id": task_id, "title": title, "note": note});
    let change = Change {
        action: "plan.task_done",
        entity: "plan_task",
        entity_id: Some(task_id.to_string()),
        before: None,
        after: Some(summary.clone()),
    };
    audit::append(&mut tx, actor, change).await?;
    publish(&mut tx, "plan.task_done", &summary).await?;
    tx.commit().await?;
    get(db, plan_id).await
}

/// Closes an active plan with a closing note.
pub async fn close(db: &Db, actor: &Actor, plan_id: i64, note: &str) -> Result<Plan, AppError> {
    let note = note.trim();
    if !(3..=4000).contains(&note.chars().count()) {
        return Err(AppError::bad(
            "note",
            "the closing note must have between 3 and 4000 characters",
        ));
    }
    let mut tx = db.begin().await?;
    if status_of(&mut tx, plan_id).await? != "active" {
        return Err(AppError::conflict("the plan is already closed"));
    }
    sqlx::query(
        "UPDATE plans SET status = 'closed', closed_at = $1, closed_by_name = $2, closing_note = $3 WHERE id = $4 AND status = 'active'",
    )
    .bind(now_ms())
    .bind(&actor.name)
    .bind(note)
    .bind(plan_id)
    .execute(&mut *tx)
    .await?;
    log_in(&mut tx, actor, plan_id, "closed", Some(note)).await?;
    let summary = json!({"id": plan_id, "note": note});
    let change = Change {
        action: "plan.close",
        entity: "plan",
        entity_id: Some(plan_id.to_string()),
        before: None,
        after: Some(summary.clone()),
    };
    audit::append(&mut tx, actor, change).await?;
    publish(&mut tx, "plan.closed", &summary).await?;
    tx.commit().await?;
    get(db, plan_id).await
}

const COLUMNS: &str = "p.id, t.code, t.name_ro, t.name_en, p.incident_id, i.number, i.year, p.status, p.activated_at, p.activated_by_name, p.closed_at, p.closed_by_name, p.closing_note";

async fn from_row(db: &Db, r: &sqlx::any::AnyRow) -> Result<Plan, AppError> {
    let id: i64 = r.try_get("id")?;
    let status: String = r.try_get("status")?;
    let active = status == "active";
    let now = now_ms();
    let mut tasks: Vec<Task> = sqlx::query_as(
        "SELECT id, position, title, owner_role, due_at, done_at, done_by_name, note FROM plan_tasks WHERE plan_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    for t in &mut tasks {
        t.overdue = is_overdue(t.due_at, t.done_at, active, now);
    }
    let log: Vec<LogEntry> = sqlx::query_as(
        "SELECT at, actor_name, action, detail FROM plan_log WHERE plan_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(Plan {
        id,
        template: r.try_get("code")?,
        name_ro: r.try_get("name_ro")?,
        name_en: r.try_get("name_en")?,
        incident_id: r.try_get("incident_id")?,
        incident_reference: match (
            r.try_get::<Option<i64>, _>("number")?,
            r.try_get::<Option<i64>, _>("year")?,
        ) {
            (Some(n), Some(y)) => Some(format!("{n}/{y}")),
            _ => None,
        },
        status,
        activated_at: r.try_get("activated_at")?,
        activated_by: r.try_get("activated_by_name")?,
        closed_at: r.try_get("closed_at")?,
        closed_by: r.try_get("closed_by_name")?,
        closing_note: r.try_get("closing_note")?,
        tasks,
        log,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<Plan, AppError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM plans p JOIN plan_templates t ON t.id = p.template_id LEFT JOIN incidents i ON i.id = p.incident_id WHERE p.id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    from_row(db, &row).await
}

/// The active plans and the 20 most recently closed, newest first.
pub async fn list(db: &Db) -> Result<Vec<Plan>, AppError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM plans p JOIN plan_templates t ON t.id = p.template_id LEFT JOIN incidents i ON i.id = p.incident_id \
         WHERE p.status = 'active' OR p.id IN (SELECT id FROM plans WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 20) \
         ORDER BY p.id DESC"
    )))
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(from_row(db, r).await?);
    }
    Ok(out)
}
