//! The departments cases are routed to: each with its internal deadline, its head, the address a
//! routed case is announced to, and the officers who work in it. The administrator adds and edits
//! them (`edit`, `pages`); routing announces the case to the department (`announce`).

mod announce;
pub mod api;
mod edit;
pub mod pages;
mod texts;

pub use announce::announce_routed;
pub use edit::{DepartmentIn, DepartmentPatch, NewDepartment, add, change};

use serde::Serialize;
use sqlx::Row;

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::Body;

/// A department of the service.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Department {
    pub id: i64,
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    /// Working days its own deadline comes before the legal one.
    pub days_before: i64,
    /// The head of the department: an account (department officer or head of service).
    pub head_id: Option<i64>,
    /// The head's user name.
    pub head_username: Option<String>,
    /// The head's name.
    pub head_name: Option<String>,
    /// Where a case routed to the department is announced by e-mail.
    pub email: Option<String>,
}

const SELECT: &str = "SELECT d.id, d.code, d.name_ro, d.name_en, d.days_before, d.head_id, \
     h.username AS head_username, h.display_name AS head_name, d.email \
     FROM registry_departments d LEFT JOIN users h ON h.id = d.head_id";

pub async fn all(db: &Db) -> AppResult<Vec<Department>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY d.name_ro")))
            .fetch_all(db.pool())
            .await?,
    )
}

/// One department by its id.
pub async fn get(db: &Db, id: i64) -> AppResult<Department> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

/// The departments `user_id` works in.
pub async fn of_user(db: &Db, user_id: i64) -> AppResult<Vec<Department>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} JOIN registry_department_members m ON m.department_id = d.id WHERE m.user_id = $1 ORDER BY d.name_ro"
    )))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?)
}

/// A department's members: (user name, name), by name.
pub async fn members(db: &Db, id: i64) -> AppResult<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT u.username, u.display_name FROM registry_department_members m JOIN users u ON u.id = m.user_id \
         WHERE m.department_id = $1 ORDER BY u.display_name",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

/// An officer to add to a department.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct MemberIn {
    pub username: String,
}

/// Adds the officer `username` to the department `code`, with its audit entry; answers the
/// officer's id.
pub async fn add_member_to(db: &Db, actor: &Actor, code: &str, username: &str) -> AppResult<i64> {
    let mut tx = db.begin().await?;
    let dept: i64 = sqlx::query("SELECT id FROM registry_departments WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::bad(
                "id",
                Said::new(
                    format!("Compartimentul „{code}” nu există."),
                    format!("no department `{code}`"),
                ),
            )
        })?
        .try_get("id")?;
    let user: i64 = sqlx::query("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::bad(
                "username",
                Said::new(
                    format!("Utilizatorul „{username}” nu există."),
                    format!("no user `{username}`"),
                ),
            )
        })?
        .try_get("id")?;
    sqlx::query("INSERT INTO registry_department_members (department_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(dept)
        .bind(user)
        .execute(&mut *tx)
        .await?;
    crate::audit::append(
        &mut tx,
        actor,
        crate::audit::Change {
            action: "registry.department_member",
            entity: "registry_department",
            entity_id: Some(code.to_string()),
            before: None,
            after: Some(serde_json::json!({"username": username})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Takes an officer out of a department (by its code): its cases no longer reach their queue.
/// Refused, naming `username`, when the person is not a member.
pub async fn remove_member_from(
    db: &Db,
    actor: &Actor,
    code: &str,
    username: &str,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let removed = sqlx::query(
        "DELETE FROM registry_department_members WHERE department_id = \
         (SELECT id FROM registry_departments WHERE code = $1) \
         AND user_id = (SELECT id FROM users WHERE username = $2)",
    )
    .bind(code)
    .bind(username)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(AppError::bad(
            "username",
            Said::new(
                format!("„{username}” nu este membru al compartimentului „{code}”."),
                format!("`{username}` is not a member of the department `{code}`"),
            ),
        ));
    }
    crate::audit::append(
        &mut tx,
        actor,
        crate::audit::Change {
            action: "registry.department_member_removed",
            entity: "registry_department",
            entity_id: Some(code.to_string()),
            before: Some(serde_json::json!({"username": username})),
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes an officer out of a department (`{id}` is the department's code).
#[utoipa::path(delete, path = "/api/v1/registry/departments/{id}/members/{username}", tag = "registry",
    params(("id" = String, Path, description = "department code"),
        ("username" = String, Path, description = "the member's username")),
    responses((status = 204), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_member(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    me: crate::auth::CurrentUser,
    axum::extract::Path((code, username)): axum::extract::Path<(String, String)>,
) -> AppResult<axum::http::StatusCode> {
    remove_member_from(&state.db, &me.actor(), &code, &username).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Adds an officer to a department (`{id}` is the department's code); their queue shows it.
#[utoipa::path(post, path = "/api/v1/registry/departments/{id}/members", tag = "registry",
    params(("id" = String, Path, description = "department code")), request_body = MemberIn,
    responses((status = 200, body = [Department]), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_member(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    me: crate::auth::CurrentUser,
    axum::extract::Path(code): axum::extract::Path<String>,
    Body(input): Body<MemberIn>,
) -> AppResult<axum::Json<Vec<Department>>> {
    let user = add_member_to(&state.db, &me.actor(), &code, input.username.trim()).await?;
    Ok(axum::Json(of_user(&state.db, user).await?))
}
