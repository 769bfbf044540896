//! Circulars written and read: published with their addressees and a notification each, in one
//! transaction with the audit entry; a reading confirmed once by its addressee.

use serde::Deserialize;

use super::{AUDIENCES, Circular, Recipient, SELECT};
use crate::audit::{self, Actor, Change};
use crate::auth::Role;
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::required;
use crate::notify::{self, NewNotification};
use crate::press::input::opt_id;

/// A circular, as the API and the page send it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CircularIn {
    pub title: Option<String>,
    /// The announcement's text.
    pub text: Option<String>,
    /// all, role (`role`), department (`department_id`)
    pub audience: Option<String>,
    /// A role's code (`dispatcher`, `crew`…), for the audience `role`.
    pub role: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    #[schema(value_type = Option<i64>)]
    pub department_id: Option<i64>,
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Circular> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

/// One circular.
pub async fn get(db: &Db, id: i64) -> AppResult<Circular> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

/// The circulars addressed to a person, unread first, newest first, with when they read each.
pub async fn mine(db: &Db, user_id: i64) -> AppResult<Vec<(Circular, Option<i64>)>> {
    #[derive(sqlx::FromRow)]
    struct Mine {
        #[sqlx(flatten)]
        c: Circular,
        my_read_at: Option<i64>,
    }
    let rows: Vec<Mine> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT * FROM ({SELECT}) x JOIN (SELECT circular_id, read_at AS my_read_at FROM press_circular_recipients WHERE user_id = $1) m \
         ON m.circular_id = x.id ORDER BY CASE WHEN m.my_read_at IS NULL THEN 0 ELSE 1 END, x.id DESC LIMIT 200"
    )))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|m| (m.c, m.my_read_at)).collect())
}

/// Every circular, newest first (the writers' list).
pub async fn written(db: &Db) -> AppResult<Vec<Circular>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY c.id DESC LIMIT 200"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// How many circulars a person has not confirmed reading.
pub async fn unread(db: &Db, user_id: i64) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM press_circular_recipients WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db.pool())
    .await?)
}

/// Its addressees, those who have not read it first, by name.
pub async fn recipients(db: &Db, id: i64) -> AppResult<Vec<Recipient>> {
    Ok(sqlx::query_as(
        "SELECT r.user_id, u.display_name AS name, r.read_at FROM press_circular_recipients r \
         JOIN users u ON u.id = r.user_id WHERE r.circular_id = $1 \
         ORDER BY CASE WHEN r.read_at IS NULL THEN 0 ELSE 1 END, u.display_name",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

/// Whether a person is one of its addressees.
pub async fn is_addressee(db: &Db, id: i64, user_id: i64) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM press_circular_recipients WHERE circular_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

fn bad(field: &'static str, ro: &str, en: &str) -> AppError {
    AppError::bad(field, Said::new(ro, en))
}

/// Publishes a circular to its audience's enabled accounts (fixed now), each told by a
/// notification; an audience of nobody is refused.
pub async fn publish(db: &Db, actor: &Actor, input: CircularIn, at: i64) -> AppResult<Circular> {
    let title = required(input.title, "title", 200)?;
    let text = required(input.text, "text", 10_000)?;
    let audience = AUDIENCES
        .iter()
        .find(|a| Some(**a) == input.audience.as_deref().map(str::trim))
        .copied()
        .ok_or_else(|| {
            bad(
                "audience",
                "Alegeți destinatarii: tot personalul, un rol sau un compartiment.",
                "audience is one of: all, role, department",
            )
        })?;
    let role = match audience {
        "role" => Some(
            input
                .role
                .as_deref()
                .and_then(|r| r.trim().parse::<Role>().ok())
                .ok_or_else(|| {
                    bad(
                        "role",
                        "Alegeți rolul destinatarilor.",
                        "role: a role's code",
                    )
                })?
                .code(),
        ),
        _ => None,
    };
    let department = match audience {
        "department" => Some(input.department_id.ok_or_else(|| {
            bad(
                "department_id",
                "Alegeți compartimentul destinatarilor.",
                "department_id is required",
            )
        })?),
        _ => None,
    };
    let mut tx = db.begin().await?;
    let users: Vec<i64> = match (role, department) {
        (Some(r), _) => {
            sqlx::query_scalar("SELECT id FROM users WHERE disabled = 0 AND role = $1 ORDER BY id")
                .bind(r)
                .fetch_all(&mut *tx)
                .await?
        }
        (_, Some(d)) => {
            sqlx::query_scalar(
                "SELECT u.id FROM users u JOIN registry_department_members m ON m.user_id = u.id \
             WHERE u.disabled = 0 AND m.department_id = $1 ORDER BY u.id",
            )
            .bind(d)
            .fetch_all(&mut *tx)
            .await?
        }
        _ => {
            sqlx::query_scalar("SELECT id FROM users WHERE disabled = 0 ORDER BY id")
                .fetch_all(&mut *tx)
                .await?
        }
    };
    if users.is_empty() {
        return Err(bad(
            "audience",
            "Nicio persoană activă nu face parte din destinatarii aleși.",
            "no enabled account is in the chosen audience",
        ));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_circulars (title, body, audience, audience_role, audience_department_id, author_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&title)
    .bind(&text)
    .bind(audience)
    .bind(role)
    .bind(department)
    .bind(actor.user_id)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    let link = format!("/circulars/{id}");
    let summary: String = text.chars().take(200).collect();
    for user in &users {
        sqlx::query("INSERT INTO press_circular_recipients (circular_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        notify::create_in(
            &mut tx,
            NewNotification {
                user_id: *user,
                kind: "circular",
                special_event_id: None,
                title: &title,
                body: &summary,
                link: Some(&link),
            },
        )
        .await?;
    }
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change::of("circular.publish", "circular", id, None, &after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The addressee confirms reading, once (a second time changes nothing); their notification of
/// it is acknowledged with it. Someone not addressed gets a 404.
pub async fn confirm(db: &Db, actor: &Actor, id: i64, at: i64) -> AppResult<i64> {
    let user = actor.user_id.ok_or(AppError::Forbidden)?;
    let mut tx = db.begin().await?;
    let read_at: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT read_at FROM press_circular_recipients WHERE circular_id = $1 AND user_id = $2",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(&mut *tx)
    .await?;
    match read_at {
        None => Err(AppError::NotFound),
        Some(Some(at)) => Ok(at),
        Some(None) => {
            sqlx::query("UPDATE press_circular_recipients SET read_at = $3 WHERE circular_id = $1 AND user_id = $2 AND read_at IS NULL")
                .bind(id)
                .bind(user)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE notifications SET acknowledged_at = $3 WHERE user_id = $1 AND kind = 'circular' AND link = $2 AND acknowledged_at IS NULL",
            )
            .bind(user)
            .bind(format!("/circulars/{id}"))
            .bind(at)
            .execute(&mut *tx)
            .await?;
            audit::append(
                &mut tx,
                actor,
                Change::of(
                    "circular.read",
                    "circular",
                    id,
                    None,
                    &serde_json::json!({"user_id": user, "read_at": at}),
                ),
            )
            .await?;
            tx.commit().await?;
            Ok(at)
        }
    }
}
