//! Settings that last only as long as an import's transaction, on SQLite: a larger page cache for
//! the connection that writes (with the default 2 MiB a large import spills pages to the WAL and
//! reads them back over and over). Nothing here weakens durability: the journal mode and `synchronous` stay as the pool
//! sets them, so a kill before the commit leaves the database as it was.

use sqlx::Row;

use crate::db::{Backend, Tx};

/// The import's page cache in KiB (pages are taken only as they are used): bounded, so that memory
/// stays low and a large import still spills its pages to the WAL as it goes.
const CACHE_KIB: i64 = 16_384;

/// What to put back when the import ends.
#[derive(Debug, Default)]
pub struct Tuning {
    cache_before: Option<i64>,
}

/// Applies the import's settings on the transaction's connection.
pub async fn begin(tx: &mut Tx, backend: Backend) -> Result<Tuning, sqlx::Error> {
    if backend != Backend::Sqlite {
        return Ok(Tuning::default());
    }
    let before: i64 = sqlx::query("PRAGMA cache_size")
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    let sql = format!("PRAGMA cache_size = -{CACHE_KIB}");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .execute(&mut **tx)
        .await?;
    Ok(Tuning {
        cache_before: Some(before),
    })
}

/// Puts the connection's settings back (before the commit or the rollback: the connection then
/// returns to the pool as it came).
pub async fn end(tx: &mut Tx, tuning: &Tuning) -> Result<(), sqlx::Error> {
    if let Some(before) = tuning.cache_before {
        let sql = format!("PRAGMA cache_size = {before}");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
