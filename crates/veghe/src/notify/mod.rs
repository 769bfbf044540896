//! Notifications: in-app messages to a person (shown in the header and on /notifications, each
//! acknowledged by its recipient, who and when kept) and the outbox of e-mails that a
//! background sender delivers over SMTP with retries.

pub mod outbox;
pub mod routes;
pub mod sender;

use serde::Serialize;

use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;

/// One in-app notification.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Notification {
    pub id: i64,
    pub created_at: i64,
    /// What it is about, e.g. `special_event`.
    pub kind: String,
    pub special_event_id: Option<i64>,
    pub title: String,
    pub body: String,
    /// The page it is about.
    pub link: Option<String>,
    pub acknowledged_at: Option<i64>,
}

/// A notification to write.
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub kind: &'a str,
    pub special_event_id: Option<i64>,
    pub title: &'a str,
    pub body: &'a str,
    pub link: Option<&'a str>,
}

/// Writes a notification in the caller's transaction.
pub async fn create_in(tx: &mut Tx, n: NewNotification<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO notifications (user_id, created_at, kind, special_event_id, title, body, link) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(n.user_id)
    .bind(now_ms())
    .bind(n.kind)
    .bind(n.special_event_id)
    .bind(n.title)
    .bind(n.body)
    .bind(n.link)
    .fetch_one(&mut **tx)
    .await
}

/// A person's notifications, unacknowledged first, newest first; at most 200.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<Notification>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, created_at, kind, special_event_id, title, body, link, acknowledged_at FROM notifications \
         WHERE user_id = $1 ORDER BY CASE WHEN acknowledged_at IS NULL THEN 0 ELSE 1 END, id DESC LIMIT 200",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?)
}

/// How many notifications a person has not acknowledged yet (the header's badge).
pub async fn unacknowledged(db: &Db, user_id: i64) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND acknowledged_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await
    .unwrap_or(0)
}

/// The recipient acknowledges a notification: once, with the instant, audited; for a special
/// event the acknowledgement also goes on the incident's timeline. Someone else's is not found.
pub async fn acknowledge(db: &Db, actor: &Actor, id: i64) -> Result<Notification, AppError> {
    let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
    let mut tx = db.begin().await?;
    let mut n: Notification = sqlx::query_as(
        "SELECT id, created_at, kind, special_event_id, title, body, link, acknowledged_at FROM notifications WHERE id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    if let Some(at) = n.acknowledged_at {
        return Err(AppError::conflict(format!(
            "this notification was already acknowledged at {}",
            crate::web::local_time(at)
        )));
    }
    let at = now_ms();
    sqlx::query(
        "UPDATE notifications SET acknowledged_at = $1 WHERE id = $2 AND acknowledged_at IS NULL",
    )
    .bind(at)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if let Some(se) = n.special_event_id {
        crate::dispatch::special::acknowledged_in(&mut tx, actor, se).await?;
    }
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "notification.acknowledge",
            entity: "notification",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(
                serde_json::json!({"acknowledged_at": at, "special_event_id": n.special_event_id}),
            ),
        },
    )
    .await?;
    tx.commit().await?;
    n.acknowledged_at = Some(at);
    Ok(n)
}
