//! Sessions kept in the database, so that several server processes share them.

use sqlx::Row;

use super::password::{digest, random_secret};
use super::role::Role;
use super::{CurrentUser, Via};
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// The session cookie's name.
pub const COOKIE: &str = "veghe_session";

/// Where a session was started from: the browser's user agent and the client's address.
pub struct Origin<'a> {
    pub user_agent: Option<&'a str>,
    pub address: &'a str,
}

/// Starts a session for `user_id`; returns the secret for the cookie.
pub async fn create(
    db: &Db,
    user_id: i64,
    hours: u32,
    origin: Origin<'_>,
) -> Result<String, AppError> {
    let secret = random_secret()?;
    let now = now_ms();
    let agent: Option<String> = origin.user_agent.map(|a| a.chars().take(300).collect());
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen, expires_at, user_agent, address) \
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(digest(&secret))
    .bind(user_id)
    .bind(now)
    .bind(now + i64::from(hours) * 3_600_000)
    .bind(agent)
    .bind(origin.address.chars().take(100).collect::<String>())
    .execute(db.pool())
    .await?;
    Ok(secret)
}

/// A live session as the administrator sees it (never its secret or digest).
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct SessionInfo {
    /// When it began (epoch ms).
    pub created_at: i64,
    /// When it was last used (epoch ms; noted at most once a minute).
    pub last_seen: i64,
    /// When it ends unless used again (epoch ms).
    pub expires_at: i64,
    pub user_agent: Option<String>,
    pub address: Option<String>,
}

/// The account's live sessions, the most recently used first.
pub async fn list_for(db: &Db, user_id: i64) -> Result<Vec<SessionInfo>, AppError> {
    Ok(sqlx::query_as(
        "SELECT created_at, last_seen, expires_at, user_agent, address FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen DESC",
    )
    .bind(user_id)
    .bind(now_ms())
    .fetch_all(db.pool())
    .await?)
}

/// A signed-in account and whether it must first change a one-time password.
pub struct Resolved {
    pub user: CurrentUser,
    pub must_change_password: bool,
}

/// The signed-in account behind a session secret, if the session is live and the account enabled.
/// A session is extended (sliding expiry) when used, at most once a minute.
pub async fn resolve(db: &Db, secret: &str, hours: u32) -> Result<Option<Resolved>, AppError> {
    let now = now_ms();
    let hash = digest(secret);
    let row = sqlx::query(
        "SELECT u.id, u.username, u.display_name, u.role, u.must_change_password, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = 0",
    )
    .bind(&hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let last_seen: i64 = row.try_get("last_seen")?;
    if now - last_seen > 60_000 {
        sqlx::query("UPDATE sessions SET last_seen = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(now)
            .bind(now + i64::from(hours) * 3_600_000)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    let must: i64 = row.try_get("must_change_password")?;
    Ok(Some(Resolved {
        user: user_from(&row, Via::Session)?,
        must_change_password: must != 0,
    }))
}

pub(super) fn user_from(row: &sqlx::any::AnyRow, via: Via) -> Result<CurrentUser, AppError> {
    let role: String = row.try_get("role")?;
    let role: Role = role
        .parse()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?;
    Ok(CurrentUser {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role,
        via,
    })
}

/// Ends a session.
pub async fn destroy(db: &Db, secret: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(digest(secret))
        .execute(db.pool())
        .await?;
    Ok(())
}
