//! Throttling of sign-ins and of the citizens' form, counted in the database so every server
//! process sees the same counts. An attempt is counted *before* it is judged (`reserve`), so
//! parallel attempts cannot all pass a limit that each checked alone; a sign-in that succeeds
//! takes its count back.
//!
//! Sign-ins are limited per (account, address) pair, so nobody can lock the owner out of an
//! account from elsewhere; an account failing from many addresses makes the addresses that failed
//! on it wait longer after each failure, but never refuses an address with no failure on it; an
//! address failing on many accounts (password spraying) is stopped at a higher limit.

use crate::db::{Db, now_ms};
use crate::error::AppError;

/// The window attempts are counted in.
pub const WINDOW_MS: i64 = 15 * 60 * 1000;
/// Failures allowed for one account from one address in the window.
pub const PER_PAIR: i64 = 5;
/// Failures of one account, from every address, after which the addresses that failed on it wait.
pub const ACCOUNT_SLOW: i64 = 10;
/// Failures allowed from one address, whatever the accounts.
pub const PER_ADDRESS: i64 = 50;

/// Attempts counted ahead of their outcome: the ids of their rows.
pub struct Reserved(Vec<i64>);

impl Reserved {
    /// Takes the counts back (a sign-in that succeeded, a form that was refused for its content).
    pub async fn release(self, db: &Db) -> Result<(), AppError> {
        for id in self.0 {
            sqlx::query("DELETE FROM login_failures WHERE id = $1")
                .bind(id)
                .execute(db.pool())
                .await?;
        }
        Ok(())
    }
}

/// Counts one attempt under `key` and refuses it (its count taken back) when that makes more than
/// `limit` in the window; the refusal says when the oldest counted attempt leaves the window.
pub async fn reserve(db: &Db, key: &str, limit: i64) -> Result<Reserved, AppError> {
    let now = now_ms();
    sqlx::query("DELETE FROM login_failures WHERE key = $1 AND at <= $2")
        .bind(key)
        .bind(now - WINDOW_MS)
        .execute(db.pool())
        .await?;
    let id: i64 =
        sqlx::query_scalar("INSERT INTO login_failures (key, at) VALUES ($1, $2) RETURNING id")
            .bind(key)
            .bind(now)
            .fetch_one(db.pool())
            .await?;
    let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failures WHERE key = $1 AND at > $2",
    )
    .bind(key)
    .bind(now - WINDOW_MS)
    .fetch_one(db.pool())
    .await?;
    if n > limit {
        Reserved(vec![id]).release(db).await?;
        return Err(refusal(oldest.map_or(WINDOW_MS, |o| o + WINDOW_MS - now)));
    }
    Ok(Reserved(vec![id]))
}

fn refusal(wait_ms: i64) -> AppError {
    AppError::TooManyRequests {
        retry_after_secs: (wait_ms.clamp(1000, WINDOW_MS) / 1000) as u64,
    }
}

fn account_key(username: &str) -> String {
    format!("user:{}", username.trim().to_lowercase())
}

fn pair_key(username: &str, address: &str) -> String {
    format!("pair:{}|{address}", username.trim().to_lowercase())
}

/// A sign-in attempt counted as a failure until it succeeds.
pub struct Attempt {
    reserved: Reserved,
    username: String,
    address: String,
}

/// Counts a sign-in attempt, or refuses it: too many failures of this account from this address,
/// too many from this address, or, from an address that has failed on this account, while the
/// account's backoff runs (a second after its tenth failure, doubling with each one after).
pub async fn attempt(db: &Db, username: &str, address: &str) -> Result<Attempt, AppError> {
    let pair = reserve(db, &pair_key(username, address), PER_PAIR).await?;
    let spread = match reserve(db, &format!("addr:{address}"), PER_ADDRESS).await {
        Ok(r) => r,
        Err(e) => {
            pair.release(db).await?;
            return Err(e);
        }
    };
    let mut ids = pair.0;
    ids.extend(spread.0);
    let attempt = Attempt {
        reserved: Reserved(ids),
        username: username.to_string(),
        address: address.to_string(),
    };
    if let Some(wait_ms) = backoff(db, &attempt).await? {
        attempt.reserved.release(db).await?;
        return Err(refusal(wait_ms));
    }
    Ok(attempt)
}

/// How long this address must still wait for the account, if it must.
async fn backoff(db: &Db, a: &Attempt) -> Result<Option<i64>, AppError> {
    let since = now_ms() - WINDOW_MS;
    let earlier: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM login_failures WHERE key = $1 AND at > $2 AND id < $3",
    )
    .bind(pair_key(&a.username, &a.address))
    .bind(since)
    .bind(a.reserved.0.first().copied().unwrap_or(0))
    .fetch_one(db.pool())
    .await?;
    if earlier == 0 {
        return Ok(None);
    }
    let (n, last): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*) AS n, MAX(at) AS last FROM login_failures WHERE key = $1 AND at > $2",
    )
    .bind(account_key(&a.username))
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    if n < ACCOUNT_SLOW {
        return Ok(None);
    }
    let wait = 1000_i64 << (n - ACCOUNT_SLOW).min(20);
    let left = last.unwrap_or(0) + wait.min(WINDOW_MS) - now_ms();
    Ok((left > 0).then_some(left))
}

impl Attempt {
    /// The password was wrong: the attempt stays counted, and the account's failures grow.
    pub async fn failed(self, db: &Db) -> Result<(), AppError> {
        let now = now_ms();
        let mut tx = db.begin().await?;
        sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
            .bind(account_key(&self.username))
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM login_failures WHERE at < $1")
            .bind(now - WINDOW_MS)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Signed in: this attempt and the earlier failures of this account from this address are
    /// forgotten (not those from other addresses, nor the address's on other accounts).
    pub async fn succeeded(self, db: &Db) -> Result<(), AppError> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1")
            .bind(pair_key(&self.username, &self.address))
            .execute(db.pool())
            .await?;
        self.reserved.release(db).await
    }
}
