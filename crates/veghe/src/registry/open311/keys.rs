//! Open311 API keys: issued and revoked by an administrator, kept as their SHA-256 only; a key
//! is shown once when issued.

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::auth::password::{digest, random_secret};
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};

/// Every key starts with this, so a leaked one is easy to recognise.
pub const PREFIX: &str = "o311_";

/// A key as listed (never its secret).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Key {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// Issues a key named after who uses it; the secret is returned once.
pub async fn create(db: &Db, actor: &Actor, name: &str) -> AppResult<(i64, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad(
            "name",
            crate::error::Said::new(
                "Numele cheii: între 1 și 100 de caractere.",
                "the key's name must have 1–100 characters",
            ),
        ));
    }
    let secret = format!("{PREFIX}{}", random_secret()?);
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO open311_keys (name, key_hash, created_at, created_by) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(digest(&secret))
    .bind(now_ms())
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "open311_key.create",
            entity: "open311_key",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"name": name})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Revokes a key; an unknown or already revoked key is refused.
pub async fn revoke(db: &Db, actor: &Actor, id: i64) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE open311_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() != 1 {
        return Err(AppError::NotFound);
    }
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "open311_key.revoke",
            entity: "open311_key",
            entity_id: Some(id.to_string()),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list(db: &Db) -> AppResult<Vec<Key>> {
    Ok(sqlx::query_as(
        "SELECT id, name, created_at, revoked_at, last_used_at FROM open311_keys ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// The key's id and name when `secret` is a key in force; its use is noted.
pub async fn check(db: &Db, secret: &str) -> AppResult<Option<(i64, String)>> {
    let found: Option<(i64, String)> = sqlx::query_as(
        "SELECT id, name FROM open311_keys WHERE key_hash = $1 AND revoked_at IS NULL",
    )
    .bind(digest(secret.trim()))
    .fetch_optional(db.pool())
    .await?;
    let Some((id, name)) = found else {
        return Ok(None);
    };
    sqlx::query("UPDATE open311_keys SET last_used_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now_ms())
        .execute(db.pool())
        .await?;
    Ok(Some((id, name)))
}
