//! A case's timeline (`registry_events`): each step written in the transaction that makes it,
//! read back in order for the case page and the API.

use serde::Serialize;

use crate::audit::Actor;
use crate::db::{Db, Tx, now_ms};
use crate::error::AppResult;

/// Records a step of the case's timeline, in the caller's transaction.
pub async fn event(
    tx: &mut Tx,
    actor: &Actor,
    entry_id: i64,
    action: &str,
    note: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO registry_events (entry_id, at, actor_id, actor_name, action, note) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry_id)
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(action)
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One step of a case's timeline.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Step {
    pub at: i64,
    #[sqlx(rename = "actor_name")]
    pub actor: String,
    pub action: String,
    pub note: Option<String>,
}

pub async fn timeline(db: &Db, id: i64) -> AppResult<Vec<Step>> {
    Ok(sqlx::query_as(
        "SELECT at, actor_name, action, note FROM registry_events WHERE entry_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}
