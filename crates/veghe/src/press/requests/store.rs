//! Media requests written and read: registered with their 24-hour due time, answered once, each
//! write in one transaction with its audit entry.

use serde::Deserialize;

use super::{CHANNELS, MediaRequest, SELECT, TARGET_MS};
use crate::audit::{Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};
use crate::press::input::{local_instant, opt_id};
use crate::press::view;

/// A verbal request, as the API and the page send it: a journalist on file, or a name (and an
/// outlet) as given.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RequestIn {
    #[serde(default, deserialize_with = "opt_id")]
    #[schema(value_type = Option<i64>)]
    pub journalist_id: Option<i64>,
    /// The journalist's name when not on file.
    pub name: Option<String>,
    /// The outlet when the journalist is not on file.
    pub outlet_name: Option<String>,
    /// phone, in_person, email
    pub channel: Option<String>,
    pub question: Option<String>,
    /// When it was received, in Timișoara's time (`2026-12-07T14:30`); now if left out.
    pub received_at: Option<String>,
}

/// The answer to a request.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AnswerIn {
    pub answer: Option<String>,
    /// When it was answered, in Timișoara's time; now if left out.
    pub answered_at: Option<String>,
}

/// Marks the flags computed when read.
pub fn flagged(mut r: MediaRequest, now: i64) -> MediaRequest {
    r.overdue = r.answered_at.is_none() && now > r.due_at;
    r.late = r.answered_at.is_some_and(|a| a > r.due_at);
    r
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<MediaRequest> {
    let r = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(flagged(r, now_ms()))
}

/// One request.
pub async fn get(db: &Db, id: i64) -> AppResult<MediaRequest> {
    let mut tx = db.begin().await?;
    let r = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(r)
}

/// The open requests, the earliest due first.
pub async fn open(db: &Db) -> AppResult<Vec<MediaRequest>> {
    let now = now_ms();
    let rows: Vec<MediaRequest> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.answered_at IS NULL ORDER BY r.due_at, r.id"
    )))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| flagged(r, now)).collect())
}

/// The requests received in `[from, to)`, newest first (at most 500).
pub async fn list(db: &Db, from: i64, to: i64) -> AppResult<Vec<MediaRequest>> {
    let now = now_ms();
    let rows: Vec<MediaRequest> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.received_at >= $1 AND r.received_at < $2 ORDER BY r.received_at DESC LIMIT 500"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|r| flagged(r, now)).collect())
}

fn channel(v: Option<String>) -> AppResult<&'static str> {
    let given = v.unwrap_or_default();
    CHANNELS
        .iter()
        .find(|c| **c == given.trim())
        .copied()
        .ok_or_else(|| {
            AppError::bad(
                "channel",
                Said::new(
                    "Alegeți cum a venit solicitarea: telefon, direct sau e-mail.",
                    "channel is one of: phone, in_person, email",
                ),
            )
        })
}

/// Registers a verbal request, due 24 hours after it was received.
pub async fn register(db: &Db, actor: &Actor, input: RequestIn) -> AppResult<MediaRequest> {
    let now = now_ms();
    let channel = channel(input.channel)?;
    let question = required(input.question, "question", 4000)?;
    let received_at = local_instant(input.received_at, "received_at", now)?.unwrap_or(now);
    let (name, outlet) = match input.journalist_id {
        Some(_) => (None, None),
        None => (
            Some(required(input.name, "journalist_name", 200)?),
            text(input.outlet_name, "outlet_name", 200)?,
        ),
    };
    let mut tx = db.begin().await?;
    if let Some(j) = input.journalist_id {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM press_journalists WHERE id = $1")
                .bind(j)
                .fetch_optional(&mut *tx)
                .await?;
        if found.is_none() {
            return Err(AppError::bad(
                "journalist_id",
                Said::new(
                    "Jurnalistul ales nu există.",
                    "journalist_id: no such journalist",
                ),
            ));
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_requests (journalist_id, name, outlet_name, channel, question, received_at, due_at, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(input.journalist_id)
    .bind(name)
    .bind(outlet)
    .bind(channel)
    .bind(&question)
    .bind(received_at)
    .bind(received_at + TARGET_MS)
    .bind(actor.user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    view::commit(
        tx,
        actor,
        Change::of("press_request.register", "press_request", id, None, &after),
        "press.request",
        serde_json::json!({"id": id}),
    )
    .await?;
    Ok(after)
}

/// Records the answer, once; it cannot be before the request was received.
pub async fn answer(db: &Db, actor: &Actor, id: i64, input: AnswerIn) -> AppResult<MediaRequest> {
    let now = now_ms();
    let text = required(input.answer, "answer", 8000)?;
    let at = local_instant(input.answered_at, "answered_at", now)?.unwrap_or(now);
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    if before.answered_at.is_some() {
        return Err(AppError::conflict(Said::new(
            "Solicitarea are deja un răspuns.",
            "this request is already answered",
        )));
    }
    if at < before.received_at {
        return Err(AppError::bad(
            "answered_at",
            Said::new(
                "Răspunsul nu poate fi dat înainte de primirea solicitării.",
                "answered_at is before the request was received",
            ),
        ));
    }
    sqlx::query("UPDATE press_requests SET answer = $2, answered_at = $3, answered_by = $4 WHERE id = $1 AND answered_at IS NULL")
        .bind(id)
        .bind(&text)
        .bind(at)
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    let after = get_in(&mut tx, id).await?;
    view::commit(
        tx,
        actor,
        Change::of(
            "press_request.answer",
            "press_request",
            id,
            Some(&before),
            &after,
        ),
        "press.request",
        serde_json::json!({"id": id, "answered": true}),
    )
    .await?;
    Ok(after)
}
