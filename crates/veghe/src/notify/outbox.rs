//! The e-mail outbox: a message is written in the transaction of what it tells (so a rollback
//! takes it back and a slow relay never holds the writer), then delivered by `sender`.
//! States: `pending` (to send, maybe after failed attempts), `sent`, `failed` (gave up),
//! `not_configured` (no SMTP relay: the notification stays in the application), `no_address`.

use serde::Serialize;

use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;

/// Attempts before a message is given up as `failed`.
pub const MAX_ATTEMPTS: i64 = 8;

/// One message and its delivery state.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Mail {
    pub id: i64,
    pub created_at: i64,
    pub user_id: Option<i64>,
    pub recipient: Option<String>,
    pub subject: String,
    pub special_event_id: Option<i64>,
    /// pending, sent, failed, not_configured, no_address
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<i64>,
}

/// A message to queue.
pub struct NewMail<'a> {
    pub user_id: Option<i64>,
    pub recipient: Option<&'a str>,
    pub subject: &'a str,
    pub body: &'a str,
    pub special_event_id: Option<i64>,
}

/// Queues a message in the caller's transaction; `configured` says whether a relay exists.
pub async fn queue_in(tx: &mut Tx, configured: bool, m: NewMail<'_>) -> Result<i64, sqlx::Error> {
    let recipient = m.recipient.map(str::trim).filter(|r| r.contains('@'));
    let state = match (recipient, configured) {
        (None, _) => "no_address",
        (Some(_), false) => "not_configured",
        (Some(_), true) => "pending",
    };
    let now = now_ms();
    sqlx::query_scalar(
        "INSERT INTO mail_outbox (created_at, user_id, recipient, subject, body, special_event_id, state, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8) RETURNING id",
    )
    .bind(now)
    .bind(m.user_id)
    .bind(recipient)
    .bind(m.subject)
    .bind(m.body)
    .bind(m.special_event_id)
    .bind(state)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

const COLUMNS: &str = "id, created_at, user_id, recipient, subject, special_event_id, state, attempts, next_attempt_at, last_error, sent_at";

/// The newest messages (at most 200), or those of one special event.
pub async fn list(db: &Db, special_event_id: Option<i64>) -> Result<Vec<Mail>, AppError> {
    let mails = match special_event_id {
        Some(se) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM mail_outbox WHERE special_event_id = $1 ORDER BY id"
            )))
            .bind(se)
            .fetch_all(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM mail_outbox ORDER BY id DESC LIMIT 200"
            )))
            .fetch_all(db.pool())
            .await?
        }
    };
    Ok(mails)
}

/// A message due for sending, with its body.
#[derive(sqlx::FromRow)]
pub struct Due {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
}

/// Messages whose time has come.
pub async fn due(db: &Db, now: i64) -> Result<Vec<Due>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, COALESCE(recipient, '') AS recipient, subject, body, attempts, next_attempt_at FROM mail_outbox \
         WHERE state = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT 50",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await
}

/// Claims a message for one sender: the conditional UPDATE lets exactly one process (of those
/// sharing the database) have it, for `lease_ms`.
pub async fn claim(db: &Db, m: &Due, lease_until: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $1 WHERE id = $2 AND state = 'pending' AND next_attempt_at = $3",
    )
    .bind(lease_until)
    .bind(m.id)
    .bind(m.next_attempt_at)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a delivered message.
pub async fn mark_sent(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE mail_outbox SET state = 'sent', attempts = attempts + 1, sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(now_ms())
        .bind(id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// After a failed attempt (`attempts` made before it): the new state, the attempts counted and
/// the wait before the next one (`retry_ms` doubled per attempt, at most 64 times).
pub fn after_failure(attempts: i64, retry_ms: u64) -> (&'static str, i64, i64) {
    let attempts = attempts + 1;
    let state = if attempts >= MAX_ATTEMPTS {
        "failed"
    } else {
        "pending"
    };
    let factor = 1_i64 << (attempts - 1).clamp(0, 6);
    let wait = i64::try_from(retry_ms)
        .unwrap_or(30_000)
        .saturating_mul(factor);
    (state, attempts, wait)
}

/// Records a failed attempt: retried after `retry_ms` doubled per attempt, or given up.
pub async fn mark_failed(db: &Db, m: &Due, error: &str, retry_ms: u64) -> Result<(), sqlx::Error> {
    let (state, attempts, wait) = after_failure(m.attempts, retry_ms);
    let error: String = error.chars().take(500).collect();
    sqlx::query("UPDATE mail_outbox SET state = $1, attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $5")
        .bind(state)
        .bind(attempts)
        .bind(error)
        .bind(now_ms() + wait)
        .bind(m.id)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_give_up_after_the_last_attempt() {
        assert_eq!(after_failure(0, 1000), ("pending", 1, 1000));
        assert_eq!(after_failure(1, 1000), ("pending", 2, 2000));
        assert_eq!(after_failure(3, 1000), ("pending", 4, 8000));
        assert_eq!(after_failure(MAX_ATTEMPTS - 2, 1000).0, "pending");
        assert_eq!(after_failure(MAX_ATTEMPTS - 1, 1000).0, "failed");
        // The doubling stops at 64 times the first wait.
        assert_eq!(after_failure(20, 1000).2, 64_000);
    }
}
