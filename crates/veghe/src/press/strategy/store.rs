//! The strategy's versions in the database: read, started as a copy of the last approved one,
//! edited while a draft (or returned), submitted, approved or returned. Every write is one
//! audited transaction.

use serde_json::json;

use super::{
    Audience, AudienceIn, Message, MessageIn, NewVersionIn, Objective, ObjectiveIn, PartRef,
    Strategy, Version, day, today,
};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

const VERSION: &str = "SELECT v.id, v.year, v.version, v.status, v.summary, v.based_on_id, \
     c.display_name AS created_by, v.created_at, v.updated_at, v.submitted_at, \
     d.display_name AS decided_by, v.decided_at, v.return_reason \
     FROM press_strategy_versions v LEFT JOIN users c ON c.id = v.created_by \
     LEFT JOIN users d ON d.id = v.decided_by";

/// Every version, newest year and version first (of one year when given).
pub async fn versions(db: &Db, year: Option<i64>) -> AppResult<Vec<Version>> {
    Ok(match year {
        Some(y) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{VERSION} WHERE v.year = $1 ORDER BY v.year DESC, v.version DESC"
            )))
            .bind(y)
            .fetch_all(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{VERSION} ORDER BY v.year DESC, v.version DESC"
            )))
            .fetch_all(db.pool())
            .await?
        }
    })
}

async fn version_in(tx: &mut Tx, id: i64) -> AppResult<Version> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{VERSION} WHERE v.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

/// One version with its parts.
pub async fn get(db: &Db, id: i64) -> AppResult<Strategy> {
    let mut tx = db.begin().await?;
    let s = load_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(s)
}

async fn load_in(tx: &mut Tx, id: i64) -> AppResult<Strategy> {
    let version = version_in(tx, id).await?;
    let objectives = sqlx::query_as(
        "SELECT id, COALESCE(origin_id, id) AS origin_id, position, title, indicator, baseline, target, unit, due_on \
         FROM press_strategy_objectives WHERE version_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let audiences = sqlx::query_as(
        "SELECT id, COALESCE(origin_id, id) AS origin_id, position, name, description \
         FROM press_strategy_audiences WHERE version_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let messages = sqlx::query_as(
        "SELECT id, COALESCE(origin_id, id) AS origin_id, position, title, phrases \
         FROM press_strategy_messages WHERE version_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    Ok(Strategy {
        version,
        objectives,
        audiences,
        messages,
    })
}

/// The version in force in `year`: its last approved one.
pub async fn in_force(db: &Db, year: i64) -> AppResult<Option<Strategy>> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM press_strategy_versions WHERE year = $1 AND status = 'approved' ORDER BY version DESC LIMIT 1",
    )
    .bind(year)
    .fetch_optional(db.pool())
    .await?;
    match id {
        Some(id) => Ok(Some(get(db, id).await?)),
        None => Ok(None),
    }
}

/// The version of `year` being worked on (draft, submitted or returned), if any.
pub async fn open(db: &Db, year: i64) -> AppResult<Option<Version>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VERSION} WHERE v.year = $1 AND v.status <> 'approved' ORDER BY v.version DESC LIMIT 1"
    )))
    .bind(year)
    .fetch_optional(db.pool())
    .await?)
}

/// Starts a new version of a year: a copy of the last approved version (of that year, else of
/// the latest year before), or empty. Refused while another version of the year is open.
pub async fn start(db: &Db, actor: &Actor, input: NewVersionIn) -> AppResult<Strategy> {
    let year = input.year.unwrap_or_else(|| i64::from(today().year()));
    if !(2000..=2100).contains(&year) {
        return Err(AppError::bad(
            "year",
            Said::new(
                "Anul: între 2000 și 2100.",
                "year must be from 2000 to 2100",
            ),
        ));
    }
    let mut tx = db.begin().await?;
    let open: Option<i64> = sqlx::query_scalar(
        "SELECT version FROM press_strategy_versions WHERE year = $1 AND status <> 'approved' LIMIT 1",
    )
    .bind(year)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(v) = open {
        return Err(AppError::conflict(Said::new(
            format!(
                "Versiunea {v} a strategiei pe {year} este încă în lucru; continuați-o pe aceea."
            ),
            format!("version {v} of the {year} strategy is still being worked on"),
        )));
    }
    let based_on: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT id, summary FROM press_strategy_versions WHERE year <= $1 AND status = 'approved' \
         ORDER BY year DESC, version DESC LIMIT 1",
    )
    .bind(year)
    .fetch_optional(&mut *tx)
    .await?;
    let number: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM press_strategy_versions WHERE year = $1",
    )
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_strategy_versions (year, version, status, summary, based_on_id, created_by, created_at, updated_at) \
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(year)
    .bind(number)
    .bind(based_on.as_ref().and_then(|(_, s)| s.clone()))
    .bind(based_on.as_ref().map(|(id, _)| *id))
    .bind(actor.user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    if let Some((from, _)) = based_on {
        for table in [
            "press_strategy_objectives (version_id, origin_id, position, title, indicator, baseline, target, unit, due_on) \
             SELECT $1, COALESCE(origin_id, id), position, title, indicator, baseline, target, unit, due_on FROM press_strategy_objectives",
            "press_strategy_audiences (version_id, origin_id, position, name, description) \
             SELECT $1, COALESCE(origin_id, id), position, name, description FROM press_strategy_audiences",
            "press_strategy_messages (version_id, origin_id, position, title, phrases) \
             SELECT $1, COALESCE(origin_id, id), position, title, phrases FROM press_strategy_messages",
        ] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO {table} WHERE version_id = $2 ORDER BY position, id"
            )))
            .bind(id)
            .bind(from)
            .execute(&mut *tx)
            .await?;
        }
    }
    let s = load_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change::of("press.strategy_version", "press_strategy", id, None, &s),
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// The version `id`, locked for a change: refused unless it is a draft or was returned.
async fn editable(tx: &mut Tx, id: i64) -> AppResult<Version> {
    let v = version_in(tx, id).await?;
    match v.status.as_str() {
        "draft" | "returned" => Ok(v),
        "approved" => Err(AppError::conflict(Said::new(
            "O versiune aprobată nu se mai modifică; începeți o versiune nouă (copie a celei aprobate).",
            "an approved version is never edited; start a new version (a copy of the approved one)",
        ))),
        _ => Err(AppError::conflict(Said::new(
            "Versiunea așteaptă aprobarea șefului serviciului; nu se modifică până nu este aprobată sau returnată.",
            "the version waits for the head of service's decision; it cannot be edited until approved or returned",
        ))),
    }
}

async fn touched(tx: &mut Tx, id: i64) -> AppResult<()> {
    sqlx::query("UPDATE press_strategy_versions SET updated_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// A draft locked for a new part in `table`: the part's position, after the others.
async fn adding(tx: &mut Tx, table: &str, id: i64) -> AppResult<i64> {
    editable(tx, id).await?;
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM {table} WHERE version_id = $1"
    )))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?)
}

/// A new part written: its own origin, the version marked changed, the audit entry.
async fn added<T: serde::Serialize>(
    tx: &mut Tx,
    actor: &Actor,
    (table, action): (&str, &str),
    id: i64,
    part_id: i64,
    part: &T,
) -> AppResult<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {table} SET origin_id = id WHERE id = $1"
    )))
    .bind(part_id)
    .execute(&mut **tx)
    .await?;
    touched(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change::of(action, "press_strategy", id, None, part),
    )
    .await?;
    Ok(())
}

/// Changes a draft's summary.
pub async fn set_summary(
    db: &Db,
    actor: &Actor,
    id: i64,
    summary: Option<String>,
) -> AppResult<Strategy> {
    let summary = text(summary, "summary", 4000)?;
    let mut tx = db.begin().await?;
    let before = editable(&mut tx, id).await?;
    sqlx::query("UPDATE press_strategy_versions SET summary = $1, updated_at = $2 WHERE id = $3")
        .bind(&summary)
        .bind(now_ms())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        actor,
        Change::of(
            "press.strategy_summary",
            "press_strategy",
            id,
            Some(&json!({"summary": before.summary})),
            &json!({"summary": summary}),
        ),
    )
    .await?;
    let s = load_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(s)
}

fn number(v: Option<f64>, field: &'static str) -> AppResult<f64> {
    match v {
        Some(n) if n.is_finite() => Ok(n),
        _ => Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{}: scrieți un număr.",
                    crate::http::fields::name(field, crate::web::Lang::Ro)
                ),
                format!("{field} must be a number"),
            ),
        )),
    }
}

/// Adds a measurable objective to a draft.
pub async fn add_objective(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: ObjectiveIn,
) -> AppResult<Objective> {
    let title = required(input.title, "title", 300)?;
    let indicator = required(input.indicator, "indicator", 300)?;
    let baseline = number(input.baseline, "baseline")?;
    let target = number(input.target, "target")?;
    let unit = required(input.unit, "unit", 60)?;
    let due_on = day(input.due_on, "due_on")?;
    let mut tx = db.begin().await?;
    let position = adding(&mut tx, "press_strategy_objectives", id).await?;
    let o: Objective = sqlx::query_as(
        "INSERT INTO press_strategy_objectives (version_id, position, title, indicator, baseline, target, unit, due_on) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         RETURNING id, id AS origin_id, position, title, indicator, baseline, target, unit, due_on",
    )
    .bind(id)
    .bind(position)
    .bind(&title)
    .bind(&indicator)
    .bind(baseline)
    .bind(target)
    .bind(&unit)
    .bind(&due_on)
    .fetch_one(&mut *tx)
    .await?;
    added(
        &mut tx,
        actor,
        ("press_strategy_objectives", "press.strategy_objective"),
        id,
        o.id,
        &o,
    )
    .await?;
    tx.commit().await?;
    Ok(o)
}

/// Adds an audience to a draft.
pub async fn add_audience(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: AudienceIn,
) -> AppResult<Audience> {
    let name = required(input.name, "name", 200)?;
    let description = text(input.description, "description", 1000)?;
    let mut tx = db.begin().await?;
    let position = adding(&mut tx, "press_strategy_audiences", id).await?;
    let a: Audience = sqlx::query_as(
        "INSERT INTO press_strategy_audiences (version_id, position, name, description) VALUES ($1, $2, $3, $4) \
         RETURNING id, id AS origin_id, position, name, description",
    )
    .bind(id)
    .bind(position)
    .bind(&name)
    .bind(&description)
    .fetch_one(&mut *tx)
    .await?;
    added(
        &mut tx,
        actor,
        ("press_strategy_audiences", "press.strategy_audience"),
        id,
        a.id,
        &a,
    )
    .await?;
    tx.commit().await?;
    Ok(a)
}

/// Adds a key message to a draft: its phrases, one a line (empty and repeated lines left out).
pub async fn add_message(db: &Db, actor: &Actor, id: i64, input: MessageIn) -> AppResult<Message> {
    let title = required(input.title, "title", 300)?;
    let phrases = super::phrases::lines(&required(input.phrases, "phrases", 4000)?).join("\n");
    let mut tx = db.begin().await?;
    let position = adding(&mut tx, "press_strategy_messages", id).await?;
    let m: Message = sqlx::query_as(
        "INSERT INTO press_strategy_messages (version_id, position, title, phrases) VALUES ($1, $2, $3, $4) \
         RETURNING id, id AS origin_id, position, title, phrases",
    )
    .bind(id)
    .bind(position)
    .bind(&title)
    .bind(&phrases)
    .fetch_one(&mut *tx)
    .await?;
    added(
        &mut tx,
        actor,
        ("press_strategy_messages", "press.strategy_message"),
        id,
        m.id,
        &m,
    )
    .await?;
    tx.commit().await?;
    Ok(m)
}

/// Takes a part out of a draft.
pub async fn remove_part(db: &Db, actor: &Actor, id: i64, part: PartRef) -> AppResult<Strategy> {
    let table = match part.kind.as_str() {
        "objective" => "press_strategy_objectives",
        "audience" => "press_strategy_audiences",
        "message" => "press_strategy_messages",
        _ => {
            return Err(AppError::bad(
                "kind",
                Said::new(
                    "Partea: obiectiv, public-țintă sau mesaj.",
                    "kind is objective, audience or message",
                ),
            ));
        }
    };
    let mut tx = db.begin().await?;
    editable(&mut tx, id).await?;
    let removed = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE id = $1 AND version_id = $2"
    )))
    .bind(part.part_id)
    .bind(id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    touched(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "press.strategy_part_removed",
            entity: "press_strategy",
            entity_id: Some(id.to_string()),
            before: Some(json!({"kind": part.kind, "id": part.part_id})),
            after: None,
        },
    )
    .await?;
    let s = load_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(s)
}

/// Moves a version from `from` to `to`, with who and when; answers it as before.
async fn decide(
    db: &Db,
    actor: &Actor,
    id: i64,
    action: &str,
    to: &str,
    reason: Option<String>,
) -> AppResult<Strategy> {
    let mut tx = db.begin().await?;
    let before = match to {
        "submitted" => {
            let v = editable(&mut tx, id).await?;
            let s = load_in(&mut tx, id).await?;
            if s.objectives.is_empty() || s.messages.is_empty() || s.audiences.is_empty() {
                return Err(AppError::conflict(Said::new(
                    "Strategia are nevoie de cel puțin un obiectiv, un public-țintă și un mesaj-cheie înainte de a fi trimisă spre aprobare.",
                    "the strategy needs at least one objective, audience and key message before it is submitted",
                )));
            }
            v
        }
        _ => {
            let v = version_in(&mut tx, id).await?;
            if v.status != "submitted" {
                return Err(AppError::conflict(Said::new(
                    "Doar o versiune trimisă spre aprobare se aprobă sau se returnează.",
                    "only a submitted version is approved or returned",
                )));
            }
            v
        }
    };
    let now = now_ms();
    if to == "submitted" {
        sqlx::query("UPDATE press_strategy_versions SET status = $1, submitted_at = $2, updated_at = $2 WHERE id = $3")
            .bind(to)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    } else {
        sqlx::query(
            "UPDATE press_strategy_versions SET status = $1, decided_by = $2, decided_at = $3, return_reason = $4, updated_at = $3 WHERE id = $5",
        )
        .bind(to)
        .bind(actor.user_id)
        .bind(now)
        .bind(&reason)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    audit::append(
        &mut tx,
        actor,
        Change::of(
            action,
            "press_strategy",
            id,
            Some(&json!({"status": before.status})),
            &json!({"status": to, "reason": reason}),
        ),
    )
    .await?;
    let s = load_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(s)
}

/// Submits a draft (or a returned version) to the head of service.
pub async fn submit(db: &Db, actor: &Actor, id: i64) -> AppResult<Strategy> {
    decide(db, actor, id, "press.strategy_submit", "submitted", None).await
}

/// Approves a submitted version: from now it is the year's strategy in force, never edited.
pub async fn approve(db: &Db, actor: &Actor, id: i64) -> AppResult<Strategy> {
    decide(db, actor, id, "press.strategy_approve", "approved", None).await
}

/// Returns a submitted version to be worked on, with the reason.
pub async fn give_back(
    db: &Db,
    actor: &Actor,
    id: i64,
    reason: Option<String>,
) -> AppResult<Strategy> {
    let reason = required(reason, "reason", 1000)?;
    decide(
        db,
        actor,
        id,
        "press.strategy_return",
        "returned",
        Some(reason),
    )
    .await
}
