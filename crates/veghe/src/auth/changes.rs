//! Changes to an account: role, disabling, name and e-mail, a one-time password set by the
//! administrator, ending sessions, and the person's own password. Each is one transaction with
//! its audit entry (the account before and after, never a hash); the last enabled
//! administrator is never disabled or demoted.

use serde::Serialize;
use serde_json::json;

use super::password::{hash_password, one_time_password, verify_password};
use super::role::Role;
use super::users::{COLUMNS, User, Username, require_strong};
use crate::audit::{self, Actor, Change};
use crate::config::PasswordCost;
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, Said};

/// What a change did beyond the account's own fields, so that nothing happens silently.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Effects {
    /// Sessions ended (browsers signed out).
    pub sessions_ended: u64,
    /// API tokens revoked (disabling revokes them; re-enabling does not bring them back).
    pub tokens_revoked: u64,
}

/// What the administrator may change on an account; none given changes nothing.
#[derive(Clone, Debug, Default)]
pub struct Edit {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
    pub display_name: Option<String>,
    /// `Some(None)` clears the address.
    pub email: Option<Option<String>>,
}

async fn load(tx: &mut Tx, username: &str) -> Result<User, AppError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE username = $1"
    )))
    .bind(username.trim().to_lowercase())
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| {
        AppError::bad(
            "username",
            Said::new(
                format!("Utilizatorul: nu există contul „{username}”."),
                format!("no account named `{username}`"),
            ),
        )
    })
}

async fn reload(tx: &mut Tx, id: i64) -> Result<User, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?)
}

/// The audit entry of a change: the account before and after, and what else it did.
async fn record(
    tx: &mut Tx,
    actor: &Actor,
    action: &'static str,
    before: &User,
    after: &User,
    effects: &Effects,
) -> Result<(), AppError> {
    let mut after_json = json!(after);
    if effects.sessions_ended > 0 || effects.tokens_revoked > 0 {
        after_json["sessions_ended"] = json!(effects.sessions_ended);
        after_json["tokens_revoked"] = json!(effects.tokens_revoked);
    }
    audit::append(
        tx,
        actor,
        Change {
            action,
            entity: "user",
            entity_id: Some(before.id.to_string()),
            before: Some(json!(before)),
            after: Some(after_json),
        },
    )
    .await?;
    Ok(())
}

/// Refuses a change that leaves no enabled administrator. Called after the audit entry: its
/// update of the audit head makes concurrent changes wait for each other, so on PostgreSQL too
/// the count sees what the other one committed.
async fn keep_an_administrator(tx: &mut Tx) -> Result<(), AppError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE role = 'administrator' AND disabled = 0",
    )
    .fetch_one(&mut **tx)
    .await?;
    if n == 0 {
        return Err(AppError::conflict(Said::new(
            "Este ultimul administrator activ: nu poate fi dezactivat și nu i se poate schimba rolul. Numiți întâi alt administrator.",
            "this is the last enabled administrator: it cannot be disabled or given another role; make someone else administrator first",
        )));
    }
    Ok(())
}

/// Ends the account's sessions, but `keep` (the session the person is using).
async fn end_sessions_in(tx: &mut Tx, user_id: i64, keep: Option<&str>) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// Applies an administrator's edit. Disabling ends the account's sessions and revokes its API
/// tokens (said in the answer and the audit entry); re-enabling restores neither.
pub async fn edit(
    db: &Db,
    actor: &Actor,
    username: &str,
    edit: Edit,
) -> Result<(User, Effects), AppError> {
    let display_name = edit
        .display_name
        .as_deref()
        .map(super::users::display_name)
        .transpose()?
        .map(str::to_string);
    let email = match &edit.email {
        Some(e) => Some(super::users::email(e.as_deref())?.map(str::to_string)),
        None => None,
    };
    let mut tx = db.begin().await?;
    let before = load(&mut tx, username).await?;
    let mut effects = Effects::default();
    if let Some(role) = edit.role {
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.code())
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(name) = &display_name {
        sqlx::query("UPDATE users SET display_name = $1 WHERE id = $2")
            .bind(name)
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(email) = &email {
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
            .bind(email.as_deref())
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(disabled) = edit.disabled {
        sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
        if disabled && !before.disabled {
            effects.sessions_ended = end_sessions_in(&mut tx, before.id, None).await?;
            effects.tokens_revoked = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
            )
            .bind(now_ms())
            .bind(before.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
    }
    let after = reload(&mut tx, before.id).await?;
    let action = match (edit.disabled, edit.role) {
        (Some(true), _) if !before.disabled => "user.disable",
        (Some(false), _) if before.disabled => "user.enable",
        (_, Some(role)) if role != before.role => "user.set_role",
        _ => "user.update",
    };
    record(&mut tx, actor, action, &before, &after, &effects).await?;
    let was_admin = before.role == Role::Administrator && !before.disabled;
    if was_admin && (after.role != Role::Administrator || after.disabled) {
        keep_an_administrator(&mut tx).await?;
    }
    tx.commit().await?;
    Ok((after, effects))
}

pub async fn set_role(
    db: &Db,
    actor: &Actor,
    username: &str,
    role: Role,
) -> Result<User, AppError> {
    let change = Edit {
        role: Some(role),
        ..Edit::default()
    };
    Ok(edit(db, actor, username, change).await?.0)
}

/// Disables (or re-enables) an account: see [`edit`].
pub async fn set_disabled(
    db: &Db,
    actor: &Actor,
    username: &str,
    disabled: bool,
) -> Result<(User, Effects), AppError> {
    let change = Edit {
        disabled: Some(disabled),
        ..Edit::default()
    };
    edit(db, actor, username, change).await
}

/// Sets a password: the one given by the command line (by the rule, kept by the person), or,
/// when none is given, a one-time password made by Veghe that must be changed at the next
/// sign-in. Ends the account's sessions; its API tokens are kept. Answers the account, the
/// one-time password when one was made, and what else was done.
pub async fn reset_password(
    db: &Db,
    actor: &Actor,
    username: &str,
    given: Option<&str>,
    cost: PasswordCost,
) -> Result<(User, Option<String>, Effects), AppError> {
    let made = match given {
        Some(p) => {
            require_strong(p)?;
            None
        }
        None => Some(one_time_password()?),
    };
    let password = given.or(made.as_deref()).unwrap_or_default();
    let hash = hash_password(password, cost)?;
    let mut tx = db.begin().await?;
    let before = load(&mut tx, username).await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
        .bind(&hash)
        .bind(i64::from(made.is_some()))
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
    let effects = Effects {
        sessions_ended: end_sessions_in(&mut tx, before.id, None).await?,
        tokens_revoked: 0,
    };
    let after = reload(&mut tx, before.id).await?;
    record(
        &mut tx,
        actor,
        "user.reset_password",
        &before,
        &after,
        &effects,
    )
    .await?;
    tx.commit().await?;
    Ok((after, made, effects))
}

/// Ends every session of an account (its browsers are signed out).
pub async fn end_sessions(db: &Db, actor: &Actor, username: &Username) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let user = load(&mut tx, username.as_str()).await?;
    let effects = Effects {
        sessions_ended: end_sessions_in(&mut tx, user.id, None).await?,
        tokens_revoked: 0,
    };
    record(&mut tx, actor, "user.end_sessions", &user, &user, &effects).await?;
    tx.commit().await?;
    Ok(effects.sessions_ended)
}

/// A person changes their own password: the current one is checked, the new one follows the
/// rule and differs from it. Their other sessions end; `keep` is the session in use (its
/// digest), if any. Clears the one-time password's mark.
pub async fn change_own_password(
    db: &Db,
    me: &super::CurrentUser,
    current: &str,
    new: &str,
    keep: Option<&str>,
    cost: PasswordCost,
) -> Result<(User, Effects), AppError> {
    let stored: Option<String> =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
            .bind(me.id)
            .fetch_optional(db.pool())
            .await?;
    if !stored.is_some_and(|h| verify_password(current, &h)) {
        return Err(AppError::bad(
            "current_password",
            Said::new(
                "Parola actuală: nu este cea corectă.",
                "the current password is not correct",
            ),
        ));
    }
    require_strong(new)?;
    if new == current {
        return Err(AppError::bad(
            "password",
            Said::new(
                "Parola: cea nouă trebuie să fie alta decât cea actuală.",
                "the new password must differ from the current one",
            ),
        ));
    }
    let hash = hash_password(new, cost)?;
    let mut tx = db.begin().await?;
    let before = reload(&mut tx, me.id).await?;
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2")
        .bind(&hash)
        .bind(me.id)
        .execute(&mut *tx)
        .await?;
    let effects = Effects {
        sessions_ended: end_sessions_in(&mut tx, me.id, keep).await?,
        tokens_revoked: 0,
    };
    let after = reload(&mut tx, me.id).await?;
    record(
        &mut tx,
        &me.actor(),
        "user.change_password",
        &before,
        &after,
        &effects,
    )
    .await?;
    tx.commit().await?;
    Ok((after, effects))
}
