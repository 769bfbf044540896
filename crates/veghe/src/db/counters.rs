//! Yearly numbering (`counters (name, year, next)`): incidents, public alerts, each register.

use sqlx::Row;

use super::Tx;

/// The next number of the sequence `name` in `year`, inside the caller's transaction: gapless,
/// because a rolled-back transaction returns its number with it, and serialised, because the
/// row stays locked until the transaction ends.
pub async fn next(tx: &mut Tx, name: &str, year: i64) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "INSERT INTO counters (name, year, next) VALUES ($1, $2, 1) ON CONFLICT (name, year) DO NOTHING",
    )
    .bind(name)
    .bind(year)
    .execute(&mut **tx)
    .await?;
    let row = sqlx::query(
        "UPDATE counters SET next = next + 1 WHERE name = $1 AND year = $2 RETURNING next",
    )
    .bind(name)
    .bind(year)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get::<i64, _>("next")? - 1)
}
