//! The access log: every reading of personal data, with who read it and why
//! (Law Enforcement Directive art. 25, Law 363/2018).

use serde::Serialize;

use crate::auth::CurrentUser;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// The reason a person gives to see personal data: required, and kept.
#[derive(Clone, Debug)]
pub struct Reason(String);

impl Reason {
    /// At least 5 characters of substance, at most 500.
    pub fn parse(text: &str) -> Result<Reason, AppError> {
        let t = text.trim();
        if t.chars().count() < 5 {
            return Err(AppError::bad(
                "reason",
                crate::error::Said::new(
                    "Motivul: scrieți de ce vedeți datele personale (cel puțin 5 caractere).",
                    "give the reason for seeing personal data (at least 5 characters)",
                ),
            ));
        }
        if t.chars().count() > 500 {
            return Err(AppError::bad(
                "reason",
                crate::error::Said::new(
                    "Motivul: cel mult 500 de caractere.",
                    "the reason must have at most 500 characters",
                ),
            ));
        }
        Ok(Reason(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Records that `user` saw `fields` of `entity`/`entity_id` for `reason`.
pub async fn record(
    db: &Db,
    user: &CurrentUser,
    entity: &str,
    entity_id: &str,
    fields: &[&str],
    reason: &Reason,
) -> Result<(), sqlx::Error> {
    insert(db.pool(), user, entity, entity_id, fields, reason).await
}

/// [`record`] in the caller's transaction, for a step that reads personal data as it writes
/// (a letter sent to the petitioner).
pub async fn record_in(
    tx: &mut crate::db::Tx,
    user: &CurrentUser,
    entity: &str,
    entity_id: &str,
    fields: &[&str],
    reason: &Reason,
) -> Result<(), sqlx::Error> {
    insert(&mut **tx, user, entity, entity_id, fields, reason).await
}

async fn insert<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    user: &CurrentUser,
    entity: &str,
    entity_id: &str,
    fields: &[&str],
    reason: &Reason,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO access_log (at, user_id, username, entity, entity_id, fields, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_ms())
    .bind(user.id)
    .bind(&user.username)
    .bind(entity)
    .bind(entity_id)
    .bind(fields.join(","))
    .bind(reason.as_str())
    .execute(on)
    .await?;
    Ok(())
}

/// One reading of personal data.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Access {
    pub at: i64,
    pub username: String,
    pub entity: String,
    pub entity_id: String,
    pub fields: String,
    pub reason: String,
}

pub async fn recent(db: &Db, limit: i64) -> Result<Vec<Access>, sqlx::Error> {
    sqlx::query_as(
        "SELECT at, username, entity, entity_id, fields, reason FROM access_log ORDER BY id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await
}
