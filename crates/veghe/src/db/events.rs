//! The live-event outbox: a change writes its event into `events` in its own transaction, so
//! the event is published exactly when the change commits (`dispatch::live` streams the rows).

use sqlx::Row;

use super::{Tx, now_ms};

/// The advisory lock that orders the writers of events on PostgreSQL (any constant of our own).
const ORDER_LOCK: i64 = 0x7665_6768_6500;

/// Makes the caller's events visible in the order of their ids: on PostgreSQL it takes a lock held
/// until the transaction ends, before the event gets its id, so a transaction that took a lower id
/// commits (or rolls back) before one with a higher id can take its own. Without it, a reader at
/// id 11 would pass over an id 10 committed a moment later, and `Last-Event-ID` could not bring it
/// back. SQLite has one writer at a time already. Every insert into `events` calls it first, and
/// `audit::append` before it takes the audit head, so the two are always taken in this order.
pub async fn order(tx: &mut Tx) -> Result<(), sqlx::Error> {
    if tx.backend_name() == "PostgreSQL" {
        // Through a subquery: the lock function's `void` is no type the `Any` driver reads.
        sqlx::query("SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock($1)) AS l")
            .bind(ORDER_LOCK)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Appends the event `name` with its JSON `payload` in the caller's transaction; its id.
pub async fn publish(
    tx: &mut Tx,
    name: &str,
    payload: &serde_json::Value,
) -> Result<i64, sqlx::Error> {
    order(tx).await?;
    let row =
        sqlx::query("INSERT INTO events (at, name, payload) VALUES ($1, $2, $3) RETURNING id")
            .bind(now_ms())
            .bind(name)
            .bind(payload.to_string())
            .fetch_one(&mut **tx)
            .await?;
    row.try_get("id")
}
