//! Accounts: creation, listing, roles, disabling, passwords. Every change is audited.

use serde::Serialize;
use serde_json::json;

use super::password::{check_strength, hash_password};
use super::role::Role;
use crate::audit::{self, Actor, Change};
use crate::config::PasswordCost;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// An account as lists show it (never the password hash).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub email: Option<String>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub disabled: bool,
}

/// An account with its stored password hash, for signing in.
#[derive(sqlx::FromRow)]
struct Credentials {
    #[sqlx(flatten)]
    user: User,
    password_hash: String,
}

/// A username: 2–40 characters of a-z, 0-9, '.', '-', '_'.
#[derive(Clone, Debug)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Username, AppError> {
        let t = s.trim().to_lowercase();
        let ok_chars = t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
        if !(2..=40).contains(&t.len()) || !ok_chars {
            return Err(AppError::bad(
                "username",
                crate::error::Said::new(
                    "Utilizatorul: între 2 și 40 de caractere: litere a-z, cifre, „.”, „-” sau „_”.",
                    "the username must have 2–40 characters: letters a-z, digits, '.', '-' or '_'",
                ),
            ));
        }
        Ok(Username(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a new account needs.
pub struct NewUser<'a> {
    pub username: Username,
    pub display_name: &'a str,
    pub role: Role,
    pub email: Option<&'a str>,
    pub password: &'a str,
}

const COLUMNS: &str = "id, username, display_name, role, email, disabled";

pub async fn create(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<User, AppError> {
    check_strength(new.password).map_err(weak)?;
    insert(db, actor, new, cost).await
}

/// A password the rule refuses, in both languages.
fn weak(m: &'static str) -> AppError {
    let ro = if m.contains("at least") {
        "Parola: cel puțin 10 caractere."
    } else {
        "Parola: cel mult 1024 de octeți."
    };
    AppError::bad("password", crate::error::Said::new(ro, m))
}

/// Creates a demonstration account, whose published password may be shorter than the rule.
pub async fn create_demo(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<User, AppError> {
    insert(db, actor, new, cost).await
}

async fn insert(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<User, AppError> {
    let display_name = new.display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(AppError::bad(
            "display_name",
            crate::error::Said::new(
                "Numele afișat: între 1 și 100 de caractere.",
                "the display name must have 1–100 characters",
            ),
        ));
    }
    let hash = hash_password(new.password, cost)?;
    let mut tx = db.begin().await?;
    let exists = sqlx::query("SELECT id FROM users WHERE username = $1")
        .bind(new.username.as_str())
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(AppError::conflict(crate::error::Said::new(
            format!(
                "Utilizatorul „{}” există deja; alegeți alt nume de utilizator.",
                new.username.as_str()
            ),
            format!("the username `{}` is taken", new.username.as_str()),
        )));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, display_name, role, email, password_hash, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id",
    )
    .bind(new.username.as_str())
    .bind(display_name)
    .bind(new.role.code())
    .bind(new.email)
    .bind(&hash)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let user = User {
        id,
        username: new.username.as_str().to_string(),
        display_name: display_name.to_string(),
        role: new.role,
        email: new.email.map(str::to_string),
        disabled: false,
    };
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "user.create",
            entity: "user",
            entity_id: Some(user.id.to_string()),
            before: None,
            after: Some(json!(user)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Whether an enabled administrator exists: without one, nobody can set the service up.
pub async fn has_administrator(db: &Db) -> Result<bool, AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND disabled = 0",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// The one line a new installation prints, and its login page shows, until an administrator
/// exists.
pub const FIRST_ADMINISTRATOR: &str =
    "veghe user add NUME --display-name \"Prenume Nume\" --role administrator --password-stdin";

pub async fn list(db: &Db) -> Result<Vec<User>, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users ORDER BY username"
    )))
    .fetch_all(db.pool())
    .await?)
}

pub async fn find(db: &Db, username: &str) -> Result<User, AppError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE username = $1"
    )))
    .bind(username.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| {
        AppError::bad(
            "username",
            crate::error::Said::new(
                format!("Utilizatorul: nu există contul „{username}”."),
                format!("no account named `{username}`"),
            ),
        )
    })
}

/// Looks an account up for signing in: the user and the stored hash.
pub async fn credentials(db: &Db, username: &str) -> Result<Option<(User, String)>, AppError> {
    let found: Option<Credentials> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, password_hash FROM users WHERE username = $1"
    )))
    .bind(username.trim().to_lowercase())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.map(|c| (c.user, c.password_hash)))
}

/// The new value of the column an update sets.
enum Value {
    Text(String),
    Int(i64),
}

/// Applies one change to an account, with its audit entry, in one transaction.
async fn update(
    db: &Db,
    actor: &Actor,
    username: &str,
    action: &str,
    sql: &'static str,
    value: Value,
) -> Result<User, AppError> {
    let before = find(db, username).await?;
    let mut tx = db.begin().await?;
    let query = sqlx::query(sql);
    let query = match value {
        Value::Text(t) => query.bind(t),
        Value::Int(i) => query.bind(i),
    };
    query.bind(before.id).execute(&mut *tx).await?;
    let after: User = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(before.id)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action,
            entity: "user",
            entity_id: Some(before.id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

pub async fn set_role(
    db: &Db,
    actor: &Actor,
    username: &str,
    role: Role,
) -> Result<User, AppError> {
    update(
        db,
        actor,
        username,
        "user.set_role",
        "UPDATE users SET role = $1 WHERE id = $2",
        Value::Text(role.code().to_string()),
    )
    .await
}

/// Disables (or re-enables) an account and ends its sessions.
pub async fn set_disabled(
    db: &Db,
    actor: &Actor,
    username: &str,
    disabled: bool,
) -> Result<User, AppError> {
    let user = update(
        db,
        actor,
        username,
        if disabled {
            "user.disable"
        } else {
            "user.enable"
        },
        "UPDATE users SET disabled = $1 WHERE id = $2",
        Value::Int(i64::from(disabled)),
    )
    .await?;
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user.id)
            .execute(db.pool())
            .await?;
    }
    Ok(user)
}

/// Sets a new password and ends the account's sessions.
pub async fn reset_password(
    db: &Db,
    actor: &Actor,
    username: &str,
    password: &str,
    cost: PasswordCost,
) -> Result<User, AppError> {
    check_strength(password).map_err(weak)?;
    let hash = hash_password(password, cost)?;
    let user = update(
        db,
        actor,
        username,
        "user.reset_password",
        "UPDATE users SET password_hash = $1 WHERE id = $2",
        Value::Text(hash),
    )
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.id)
        .execute(db.pool())
        .await?;
    Ok(user)
}
