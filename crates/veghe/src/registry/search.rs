//! Search across all registers: each entry's subject and text folded (diacritics, ş/ș, case) and
//! stemmed by `veghe_ro::search_terms` into `registry_search` rows, written in the transaction
//! that writes the entry; a query matches the entries holding every one of its terms, with the
//! same SQL on SQLite and PostgreSQL, so both give the same answer.

use std::collections::BTreeSet;

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::store::{self, Entry};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;

#[derive(utoipa::OpenApi)]
#[openapi(paths(search), components(schemas(Entry)))]
pub struct SearchApi;

pub fn routes() -> Routes {
    Routes::new().get(
        "/api/v1/registry/search",
        Access::Roles(groups::REGISTRY),
        search,
    )
}

/// A search of all registers.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Words, in any spelling: diacritics, ş/ș and case do not matter, inflections are stemmed.
    pub q: Option<String>,
    /// petition, info or internal; all when absent.
    pub register: Option<String>,
    /// At most this many entries (1–1000, 100 by default).
    pub limit: Option<i64>,
}

/// The entries of every register holding every word of `q` (subject and text), newest
/// registered first; petitioners masked.
#[utoipa::path(get, path = "/api/v1/registry/search", tag = "registry", params(SearchQuery),
    responses((status = 200, body = [Entry]), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn search(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> AppResult<Json<Vec<Entry>>> {
    let text = q.q.unwrap_or_default();
    if terms(&[&text]).is_empty() {
        return Err(AppError::bad(
            "q",
            crate::error::Said::new(
                "Căutare: scrieți cel puțin un cuvânt cu înțeles (nu „și”, „de”, „la”…).",
                "give at least one word that is not a stop word",
            ),
        ));
    }
    let register = q.register.unwrap_or_default();
    if !register.is_empty() && veghe_ro::petition::Register::parse(&register).is_none() {
        return Err(AppError::bad(
            "register",
            crate::error::Said::new(
                "Registrul: alegeți petiții, informații publice sau intern.",
                "register is petition, info or internal",
            ),
        ));
    }
    let mut out = Vec::new();
    for id in ids(&state.db, &text, &register, q.limit.unwrap_or(100)).await? {
        out.push(store::get(&state.db, id).await?);
    }
    Ok(Json(out))
}

/// The distinct terms of `texts`, sorted.
pub fn terms(texts: &[&str]) -> BTreeSet<String> {
    texts
        .iter()
        .flat_map(|t| veghe_ro::search_terms(t))
        .filter(|t| t.len() <= 60)
        .collect()
}

/// Replaces the entry's terms, in the caller's transaction.
pub async fn index(tx: &mut Tx, entry_id: i64, texts: &[&str]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM registry_search WHERE entry_id = $1")
        .bind(entry_id)
        .execute(&mut **tx)
        .await?;
    index_new(tx, entry_id, texts).await
}

/// Writes a new entry's terms, in the caller's transaction: one statement per 100 terms.
pub async fn index_new(tx: &mut Tx, entry_id: i64, texts: &[&str]) -> Result<(), sqlx::Error> {
    let all: Vec<String> = terms(texts).into_iter().collect();
    for chunk in all.chunks(100) {
        let values: Vec<String> = (1..=chunk.len())
            .map(|i| format!("(${}, $1)", i + 1))
            .collect();
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO registry_search (term, entry_id) VALUES {}",
            values.join(", ")
        )))
        .bind(entry_id);
        for t in chunk {
            q = q.bind(t);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Indexes the entries that have no terms yet (registered before the index existed, or restored
/// from a backup made without it), 500 a transaction; returns how many were indexed. Entries whose
/// words are all stop words stay without terms and are looked at again on the next start.
pub async fn backfill(db: &Db) -> Result<usize, sqlx::Error> {
    let mut after = 0_i64;
    let mut indexed = 0;
    loop {
        let rows: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT e.id, e.subject, e.body FROM registry_entries e \
             WHERE e.id > $1 AND NOT EXISTS (SELECT 1 FROM registry_search s WHERE s.entry_id = e.id) \
             ORDER BY e.id LIMIT 500",
        )
        .bind(after)
        .fetch_all(db.pool())
        .await?;
        let Some(last) = rows.last() else {
            return Ok(indexed);
        };
        after = last.0;
        let mut tx = db.begin().await?;
        for (id, subject, body) in &rows {
            index_new(&mut tx, *id, &[subject.as_str(), body.as_str()]).await?;
        }
        tx.commit().await?;
        indexed += rows.len();
    }
}

/// [`backfill`] as the server runs it at start: the outcome is logged, never fatal.
pub async fn backfill_logged(db: Db) {
    match backfill(&db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(entries = n, "registry search: older entries indexed"),
        Err(e) => tracing::warn!(error = %e, "registry search: back-filling the index failed"),
    }
}

/// At most this many terms of a query are used.
pub const MAX_TERMS: usize = 8;

/// The SQL of a search for `n` terms (`$1…$n`), optionally in one register (`$n+1`): the first
/// term's postings are walked in the primary key's order (newest entry first) and each is kept
/// when every other term holds it too, so a query stops as soon as `limit` entries are found.
pub fn sql(n: usize, register: bool, limit: i64) -> String {
    let mut q = String::from("SELECT s1.entry_id FROM registry_search s1");
    if register {
        q.push_str(&format!(
            " JOIN registry_entries e ON e.id = s1.entry_id AND e.register = ${}",
            n + 1
        ));
    }
    q.push_str(" WHERE s1.term = $1");
    for i in 2..=n {
        q.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM registry_search s{i} WHERE s{i}.term = ${i} AND s{i}.entry_id = s1.entry_id)"
        ));
    }
    q.push_str(&format!(
        " ORDER BY s1.entry_id DESC LIMIT {}",
        limit.clamp(1, 1000)
    ));
    q
}

/// The ids of the entries holding every term of `q`, newest first; none when `q` has no terms.
pub async fn ids(db: &Db, q: &str, register: &str, limit: i64) -> AppResult<Vec<i64>> {
    let mut wanted: Vec<String> = terms(&[q]).into_iter().take(MAX_TERMS).collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    if wanted.len() > 1 {
        // The rarest term drives the walk: each term's postings are counted up to a cap (a bounded
        // index range), and a term with none ends the search. The answer does not depend on the
        // order, only the time does.
        let mut ranked = Vec::with_capacity(wanted.len());
        for t in wanted {
            let n: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) AS n FROM (SELECT 1 FROM registry_search WHERE term = $1 LIMIT 1000) AS p",
            )
            .bind(&t)
            .fetch_one(db.pool())
            .await?;
            if n == 0 {
                return Ok(Vec::new());
            }
            ranked.push((n, t));
        }
        ranked.sort();
        wanted = ranked.into_iter().map(|(_, t)| t).collect();
    }
    let text = sql(wanted.len(), !register.is_empty(), limit);
    let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(text));
    for t in &wanted {
        query = query.bind(t);
    }
    if !register.is_empty() {
        query = query.bind(register);
    }
    Ok(query.fetch_all(db.pool()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_stems_both_spellings_alike() {
        assert_eq!(
            terms(&["Petiția privind parcarea"]),
            terms(&["PETITIA privind PARCAREA"])
        );
        assert_eq!(terms(&["ş"]), terms(&["ș"]));
        assert!(terms(&["și de la"]).is_empty());
    }
}
