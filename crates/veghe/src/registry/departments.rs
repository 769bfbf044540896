//! The departments cases are routed to, and the officers who work in each.

use serde::Serialize;
use sqlx::Row;

use crate::db::Db;
use crate::error::AppResult;

/// A department of the service.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Department {
    pub id: i64,
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    /// Working days its own deadline comes before the legal one.
    pub days_before: i64,
}

fn from(r: &sqlx::any::AnyRow) -> AppResult<Department> {
    Ok(Department {
        id: r.try_get("id")?,
        code: r.try_get("code")?,
        name_ro: r.try_get("name_ro")?,
        name_en: r.try_get("name_en")?,
        days_before: r.try_get("days_before")?,
    })
}

pub async fn all(db: &Db) -> AppResult<Vec<Department>> {
    let rows = sqlx::query(
        "SELECT id, code, name_ro, name_en, days_before FROM registry_departments ORDER BY name_ro",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from).collect()
}

/// The departments `user_id` works in.
pub async fn of_user(db: &Db, user_id: i64) -> AppResult<Vec<Department>> {
    let rows = sqlx::query(
        "SELECT d.id, d.code, d.name_ro, d.name_en, d.days_before FROM registry_departments d \
         JOIN registry_department_members m ON m.department_id = d.id WHERE m.user_id = $1 ORDER BY d.name_ro",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from).collect()
}
