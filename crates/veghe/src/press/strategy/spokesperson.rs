//! The spokesperson (Law 544/2001 art. 16): an account of a press officer or the head of service,
//! or a name, designated from a day (to a day, or until the next one). Designating a new one ends
//! the one before the day before. `current_spokesperson` is the one in force today.

use serde::{Deserialize, Serialize};

use super::{day, today};
use crate::audit::{self, Actor, Change};
use crate::auth::{Role, groups};
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{email, text};

/// A designated spokesperson.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Spokesperson {
    pub id: i64,
    pub user_id: Option<i64>,
    pub username: Option<String>,
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// YYYY-MM-DD
    pub starts_on: String,
    pub ends_on: Option<String>,
}

/// A designation: an account (`username`) or a `name`.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SpokespersonIn {
    pub username: Option<String>,
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// YYYY-MM-DD; today when none.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
}

const SELECT: &str = "SELECT s.id, s.user_id, u.username, s.name, s.phone, s.email, s.starts_on, s.ends_on \
     FROM press_spokespersons s LEFT JOIN users u ON u.id = s.user_id";

/// The spokesperson in force today, if one is designated.
pub async fn current_spokesperson(db: &Db) -> AppResult<Option<Spokesperson>> {
    let today = today().to_string();
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE s.starts_on <= $1 AND (s.ends_on IS NULL OR s.ends_on >= $1) \
         ORDER BY s.starts_on DESC, s.id DESC LIMIT 1"
    )))
    .bind(today)
    .fetch_optional(db.pool())
    .await?)
}

/// Every designation, the latest first.
pub async fn history(db: &Db) -> AppResult<Vec<Spokesperson>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY s.starts_on DESC, s.id DESC LIMIT 50"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// Designates a spokesperson; the one open before is ended the day before.
pub async fn designate(db: &Db, actor: &Actor, input: SpokespersonIn) -> AppResult<Spokesperson> {
    let starts_on = match input.starts_on.as_deref().map(str::trim) {
        None | Some("") => today().to_string(),
        _ => day(input.starts_on.clone(), "starts_on")?,
    };
    let ends_on = match input.ends_on.as_deref().map(str::trim) {
        None | Some("") => None,
        _ => Some(day(input.ends_on.clone(), "ends_on")?),
    };
    if ends_on.as_ref().is_some_and(|e| *e < starts_on) {
        return Err(AppError::bad(
            "ends_on",
            Said::new(
                "Data de sfârșit vine după cea de început.",
                "ends_on is before starts_on",
            ),
        ));
    }
    let phone = text(input.phone, "phone", 40)?;
    let mail = email(input.email, "email")?;
    let mut tx = db.begin().await?;
    let username = text(input.username, "username", 100)?;
    let (user_id, name) = match username {
        Some(u) => {
            let found: Option<(i64, String, String)> = sqlx::query_as(
                "SELECT id, display_name, role FROM users WHERE username = $1 AND disabled = 0",
            )
            .bind(&u)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                Some((id, name, role))
                    if role
                        .parse::<Role>()
                        .is_ok_and(|r| r != Role::Administrator && groups::PRESS.contains(&r)) =>
                {
                    (Some(id), name)
                }
                _ => {
                    return Err(AppError::bad(
                        "username",
                        Said::new(
                            format!(
                                "„{u}” nu este contul unui ofițer de presă sau al șefului serviciului."
                            ),
                            format!(
                                "“{u}” is not the account of a press officer or the head of service"
                            ),
                        ),
                    ));
                }
            }
        }
        None => (
            None,
            crate::http::extract::required(input.name, "name", 200)?,
        ),
    };
    let before = starts_on
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.yesterday().ok())
        .map(|d| d.to_string())
        .unwrap_or_default();
    sqlx::query(
        "UPDATE press_spokespersons SET ends_on = $1 WHERE starts_on < $2 AND (ends_on IS NULL OR ends_on >= $2)",
    )
    .bind(&before)
    .bind(&starts_on)
    .execute(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_spokespersons (user_id, name, phone, email, starts_on, ends_on, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(user_id)
    .bind(&name)
    .bind(&phone)
    .bind(&mail)
    .bind(&starts_on)
    .bind(&ends_on)
    .bind(actor.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let s: Spokesperson = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE s.id = $1")))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        actor,
        Change::of("press.spokesperson", "press_spokesperson", id, None, &s),
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}
