//! The live-event outbox: a change writes its event into `events` in its own transaction, so
//! the event is published exactly when the change commits (`dispatch::live` streams the rows).

use sqlx::Row;

use super::{Tx, now_ms};

/// Appends the event `name` with its JSON `payload` in the caller's transaction; its id.
pub async fn publish(
    tx: &mut Tx,
    name: &str,
    payload: &serde_json::Value,
) -> Result<i64, sqlx::Error> {
    let row =
        sqlx::query("INSERT INTO events (at, name, payload) VALUES ($1, $2, $3) RETURNING id")
            .bind(now_ms())
            .bind(name)
            .bind(payload.to_string())
            .fetch_one(&mut **tx)
            .await?;
    row.try_get("id")
}
