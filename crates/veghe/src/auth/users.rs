//! Accounts: what an account is, creating one (with the password given, or a one-time password
//! made by Veghe), finding and listing them. Changes to an account are in `auth::changes`.

use serde::Serialize;
use serde_json::json;

pub use super::changes::{reset_password, set_disabled, set_role};
use super::password::{check_strength, hash_password, one_time_password};
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
    /// Signed in with a one-time password: every page leads to the password change until done.
    #[sqlx(try_from = "crate::db::Flag")]
    pub must_change_password: bool,
    /// The last sign-in (epoch ms), none before the first.
    pub last_login_at: Option<i64>,
}

/// An account with the number of its live sessions, as the accounts page and API list it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Account {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub user: User,
    /// Sessions not yet expired (browsers signed in).
    pub sessions: i64,
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

/// The account named in the path (`/users/{username}`); a malformed name is a 400 naming
/// `username`.
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Username {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, AppError> {
        let axum::extract::Path(text) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|e| AppError::bad("username", e.body_text()))?;
        Username::parse(&text)
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

pub(super) const COLUMNS: &str =
    "id, username, display_name, role, email, disabled, must_change_password, last_login_at";

/// Creates an account with the password given (the command line, tests): the rule applies, and
/// the person keeps that password.
pub async fn create(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<User, AppError> {
    require_strong(new.password)?;
    insert(db, actor, new, false, cost).await
}

/// Creates an account with a one-time password made by Veghe, which the person must change at
/// the first sign-in; answers the account and that password, to be shown once.
pub async fn create_with_one_time_password(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<(User, String), AppError> {
    let password = one_time_password()?;
    let user = insert(
        db,
        actor,
        NewUser {
            password: &password,
            ..new
        },
        true,
        cost,
    )
    .await?;
    Ok((user, password))
}

/// A new password by the rule, or a 400 naming `password` in both languages.
pub fn require_strong(password: &str) -> Result<(), AppError> {
    check_strength(password).map_err(|weak| AppError::bad("password", weak.said()))
}

/// Creates a demonstration account, whose published password may be shorter than the rule.
pub async fn create_demo(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    cost: PasswordCost,
) -> Result<User, AppError> {
    insert(db, actor, new, false, cost).await
}

/// A display name of 1–100 characters, trimmed.
pub fn display_name(text: &str) -> Result<&str, AppError> {
    let display_name = text.trim();
    if display_name.is_empty() || display_name.chars().count() > 100 {
        return Err(AppError::bad(
            "display_name",
            crate::error::Said::new(
                "Numele afișat: între 1 și 100 de caractere.",
                "the display name must have 1–100 characters",
            ),
        ));
    }
    Ok(display_name)
}

/// An e-mail address: trimmed, empty is none, at most 200 characters with one `@` inside.
pub fn email(text: Option<&str>) -> Result<Option<&str>, AppError> {
    let Some(e) = text.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let ok = e.chars().count() <= 200
        && !e.contains(char::is_whitespace)
        && e.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !b.contains('@'));
    if !ok {
        return Err(AppError::bad(
            "email",
            crate::error::Said::new(
                "E-mail: o adresă de forma nume@domeniu.ro.",
                "the e-mail must be an address like name@example.org",
            ),
        ));
    }
    Ok(Some(e))
}

async fn insert(
    db: &Db,
    actor: &Actor,
    new: NewUser<'_>,
    must_change_password: bool,
    cost: PasswordCost,
) -> Result<User, AppError> {
    let display_name = display_name(new.display_name)?;
    let email = email(new.email)?;
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
        "INSERT INTO users (username, display_name, role, email, password_hash, disabled, created_at, must_change_password) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7) RETURNING id",
    )
    .bind(new.username.as_str())
    .bind(display_name)
    .bind(new.role.code())
    .bind(email)
    .bind(&hash)
    .bind(now_ms())
    .bind(i64::from(must_change_password))
    .fetch_one(&mut *tx)
    .await?;
    let user = User {
        id,
        username: new.username.as_str().to_string(),
        display_name: display_name.to_string(),
        role: new.role,
        email: email.map(str::to_string),
        disabled: false,
        must_change_password,
        last_login_at: None,
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

/// Every account with its live sessions, by username.
pub async fn accounts(db: &Db) -> Result<Vec<Account>, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, (SELECT COUNT(*) FROM sessions s WHERE s.user_id = users.id AND s.expires_at > $1) AS sessions \
         FROM users ORDER BY username"
    )))
    .bind(now_ms())
    .fetch_all(db.pool())
    .await?)
}

/// The account named in a path: 404 when there is none.
pub async fn get(db: &Db, username: &Username) -> Result<User, AppError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE username = $1"
    )))
    .bind(username.as_str())
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}

/// Notes a sign-in: the account's last login.
pub async fn signed_in(db: &Db, user_id: i64) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
        .bind(now_ms())
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
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
