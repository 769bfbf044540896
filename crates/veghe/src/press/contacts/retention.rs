//! Journalists' personal data under the registers' retention (`registry::retention`): the term
//! named `press_journalist` runs from 1 January of the year after a journalist's retirement;
//! past it the purge erases their address, phone and notes, keeping name, outlet and beats (the
//! sends and accreditations still name them).

use jiff::civil::Date;

use crate::db::Tx;
use crate::error::AppResult;
use crate::registry::numbers::day_of;
use crate::registry::retention::retained_until;

/// The term's name in `registry_retention`.
pub const REGISTER: &str = "press_journalist";

/// The retired journalists whose contacts are past the term on `day` and not yet erased.
pub async fn expired(conn: &mut sqlx::AnyConnection, years: i64, day: Date) -> AppResult<Vec<i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, retired_at FROM press_journalists WHERE retired_at IS NOT NULL \
         AND (email IS NOT NULL OR phone IS NOT NULL OR notes IS NOT NULL) ORDER BY id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, retired)| retained_until(day_of(*retired), years) <= day)
        .map(|(id, _)| id)
        .collect())
}

/// Erases the contacts and notes of `ids`, in the purge's transaction.
pub async fn erase(tx: &mut Tx, ids: &[i64]) -> AppResult<()> {
    for id in ids {
        sqlx::query(
            "UPDATE press_journalists SET email = NULL, phone = NULL, notes = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
