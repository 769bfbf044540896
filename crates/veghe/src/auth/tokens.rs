//! API tokens for scripts and other systems, sent as `Authorization: Bearer …`.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::password::{digest, random_secret};
use super::{CurrentUser, Via};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Every token starts with this, so a leaked one is easy to recognise in logs and scanners.
pub const PREFIX: &str = "vgh_";

/// A token as listed (never its secret).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Token {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
    pub last_used_at: Option<i64>,
}

/// Creates a token for `user_id`; the secret is returned once and only its hash is kept.
pub async fn create(
    db: &Db,
    actor: &Actor,
    user_id: i64,
    name: &str,
) -> Result<(i64, String), AppError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::bad(
            "name",
            crate::error::Said::new(
                "Numele cheii: între 1 și 100 de caractere.",
                "the token name must have 1–100 characters",
            ),
        ));
    }
    let secret = format!("{PREFIX}{}", random_secret()?);
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(user_id)
    .bind(name)
    .bind(digest(&secret))
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "token.create",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"user_id": user_id, "name": name})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((id, secret))
}

/// Revokes a token by id; revoking twice is refused.
pub async fn revoke(db: &Db, actor: &Actor, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(now_ms())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::bad("id", format!("no live token with id {id}")));
    }
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "token.revoke",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list(db: &Db) -> Result<Vec<Token>, AppError> {
    Ok(sqlx::query_as(
        "SELECT t.id, u.username, t.name, t.created_at, t.revoked_at, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id",
    )
    .fetch_all(db.pool())
    .await?)
}

/// The account behind a bearer token, if the token is live and the account enabled.
pub async fn resolve(db: &Db, secret: &str) -> Result<Option<CurrentUser>, AppError> {
    if !secret.starts_with(PREFIX) || secret.len() > 200 {
        return Ok(None);
    }
    let hash = digest(secret);
    let row = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.role, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.disabled = 0",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let now = now_ms();
    let last: Option<i64> = row.try_get("last_used_at")?;
    if last.is_none_or(|l| now - l > 60_000) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    super::session::user_from(&row, Via::Token).map(Some)
}
