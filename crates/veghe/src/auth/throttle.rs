//! Login throttling: repeated failures per account and per address are answered with 429.
//! Failures are kept in the database, so every server process sees the same count.

use crate::db::{Db, now_ms};
use crate::error::AppError;

/// The window failures are counted in.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures allowed per account in the window.
pub const PER_ACCOUNT: i64 = 5;
/// Failures allowed per client address in the window.
pub const PER_ADDRESS: i64 = 20;

fn keys(username: &str, address: &str) -> [(String, i64); 2] {
    [
        (
            format!("user:{}", username.trim().to_lowercase()),
            PER_ACCOUNT,
        ),
        (format!("addr:{address}"), PER_ADDRESS),
    ]
}

/// Refuses the attempt when either key has too many recent failures, saying when to retry.
pub async fn check(db: &Db, username: &str, address: &str) -> Result<(), AppError> {
    let since = now_ms() - WINDOW_MS;
    for (key, limit) in keys(username, address) {
        let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE key = $1 AND at > $2",
        )
        .bind(&key)
        .bind(since)
        .fetch_one(db.pool())
        .await?;
        if n >= limit {
            let wait_ms = oldest.map_or(WINDOW_MS, |o| o + WINDOW_MS - now_ms());
            return Err(AppError::TooManyRequests {
                retry_after_secs: (wait_ms.max(1000) / 1000) as u64,
            });
        }
    }
    Ok(())
}

/// Counts a failed attempt against the account and the address.
pub async fn failed(db: &Db, username: &str, address: &str) -> Result<(), AppError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    for (key, _) in keys(username, address) {
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(key)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM login_failures WHERE at < $1")
        .bind(now - WINDOW_MS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A successful sign-in clears the account's failures (not the address's).
pub async fn succeeded(db: &Db, username: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM login_failures WHERE key = $1")
        .bind(format!("user:{}", username.trim().to_lowercase()))
        .execute(db.pool())
        .await?;
    Ok(())
}
