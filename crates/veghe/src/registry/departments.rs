//! The departments cases are routed to, and the officers who work in each.

use serde::Serialize;
use sqlx::Row;

use crate::db::Db;
use crate::error::AppResult;
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
}

pub async fn all(db: &Db) -> AppResult<Vec<Department>> {
    Ok(sqlx::query_as(
        "SELECT id, code, name_ro, name_en, days_before FROM registry_departments ORDER BY name_ro",
    )
    .fetch_all(db.pool())
    .await?)
}

/// The departments `user_id` works in.
pub async fn of_user(db: &Db, user_id: i64) -> AppResult<Vec<Department>> {
    Ok(sqlx::query_as(
        "SELECT d.id, d.code, d.name_ro, d.name_en, d.days_before FROM registry_departments d \
         JOIN registry_department_members m ON m.department_id = d.id WHERE m.user_id = $1 ORDER BY d.name_ro",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?)
}

/// An officer to add to a department.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct MemberIn {
    pub username: String,
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
    use crate::error::AppError;
    let mut tx = state.db.begin().await?;
    let dept: i64 = sqlx::query("SELECT id FROM registry_departments WHERE code = $1")
        .bind(&code)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::bad(
                "id",
                crate::error::Said::new(
                    format!("Compartimentul „{code}” nu există."),
                    format!("no department `{code}`"),
                ),
            )
        })?
        .try_get("id")?;
    let user: i64 = sqlx::query("SELECT id FROM users WHERE username = $1")
        .bind(input.username.trim())
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::bad(
                "username",
                crate::error::Said::new(
                    format!("Utilizatorul „{}” nu există.", input.username.trim()),
                    format!("no user `{}`", input.username.trim()),
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
        &me.actor(),
        crate::audit::Change {
            action: "registry.department_member",
            entity: "registry_department",
            entity_id: Some(code.clone()),
            before: None,
            after: Some(serde_json::json!({"username": input.username.trim()})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(axum::Json(of_user(&state.db, user).await?))
}
