//! The plans' templates: read by everyone in operations, their tasks added or edited by an
//! administrator (each change audited).

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::auth::Role;
use crate::db::Db;
use crate::error::AppError;

/// A task of a template.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct TemplateTask {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub owner_role: String,
    /// Minutes after activation.
    pub due_minutes: i64,
}

/// A calamity's checklist.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    pub tasks: Vec<TemplateTask>,
}

/// A template task, parsed.
pub struct TaskIn {
    pub title: String,
    pub owner_role: Role,
    pub due_minutes: i64,
    pub position: Option<i64>,
}

impl TaskIn {
    /// Checks the fields; the first bad one is named.
    pub fn parse(
        title: &str,
        owner_role: &str,
        due_minutes: i64,
        position: Option<i64>,
    ) -> Result<TaskIn, AppError> {
        let title = title.trim();
        if !(3..=300).contains(&title.chars().count()) {
            return Err(AppError::bad(
                "title",
                "title must have between 3 and 300 characters",
            ));
        }
        let owner_role = owner_role
            .parse::<Role>()
            .map_err(|e| AppError::bad("owner_role", e.to_string()))?;
        if !(0..=10_080).contains(&due_minutes) {
            return Err(AppError::bad(
                "due_minutes",
                "due_minutes must be between 0 and 10080 (a week)",
            ));
        }
        if let Some(p) = position
            && !(1..=1000).contains(&p)
        {
            return Err(AppError::bad(
                "position",
                "position must be between 1 and 1000",
            ));
        }
        Ok(TaskIn {
            title: title.to_string(),
            owner_role,
            due_minutes,
            position,
        })
    }
}

async fn tasks_of(db: &Db, template_id: i64) -> Result<Vec<TemplateTask>, AppError> {
    let rows = sqlx::query(
        "SELECT id, position, title, owner_role, due_minutes FROM plan_template_tasks WHERE template_id = $1 ORDER BY position, id",
    )
    .bind(template_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TemplateTask {
                id: r.try_get("id")?,
                position: r.try_get("position")?,
                title: r.try_get("title")?,
                owner_role: r.try_get("owner_role")?,
                due_minutes: r.try_get("due_minutes")?,
            })
        })
        .collect()
}

/// Every template with its tasks.
pub async fn list(db: &Db) -> Result<Vec<Template>, AppError> {
    let rows = sqlx::query("SELECT id, code, name_ro, name_en FROM plan_templates ORDER BY id")
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        out.push(Template {
            id,
            code: r.try_get("code")?,
            name_ro: r.try_get("name_ro")?,
            name_en: r.try_get("name_en")?,
            tasks: tasks_of(db, id).await?,
        });
    }
    Ok(out)
}

/// One template.
pub async fn get(db: &Db, id: i64) -> Result<Template, AppError> {
    list(db)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)
}

/// Adds a task to template `template_id` (at the end unless a position is given).
pub async fn add_task(
    db: &Db,
    actor: &Actor,
    template_id: i64,
    t: TaskIn,
) -> Result<Template, AppError> {
    get(db, template_id).await?;
    let mut tx = db.begin().await?;
    let position = match t.position {
        Some(p) => p,
        None => sqlx::query(
            "SELECT COALESCE(MAX(position), 0) + 1 AS p FROM plan_template_tasks WHERE template_id = $1",
        )
        .bind(template_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("p")?,
    };
    let row = sqlx::query(
        "INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(template_id)
    .bind(position)
    .bind(&t.title)
    .bind(t.owner_role.code())
    .bind(t.due_minutes)
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get("id")?;
    let after = json!({"template_id": template_id, "position": position, "title": t.title,
        "owner_role": t.owner_role.code(), "due_minutes": t.due_minutes});
    let change = Change {
        action: "plan_template.task_add",
        entity: "plan_template_task",
        entity_id: Some(id.to_string()),
        before: None,
        after: Some(after),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    get(db, template_id).await
}

/// Edits a template task; returns its template.
pub async fn edit_task(
    db: &Db,
    actor: &Actor,
    task_id: i64,
    t: TaskIn,
) -> Result<Template, AppError> {
    let mut tx = db.begin().await?;
    let before = sqlx::query(
        "SELECT template_id, position, title, owner_role, due_minutes FROM plan_template_tasks WHERE id = $1",
    )
    .bind(task_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let template_id: i64 = before.try_get("template_id")?;
    let old_position: i64 = before.try_get("position")?;
    let position = t.position.unwrap_or(old_position);
    sqlx::query(
        "UPDATE plan_template_tasks SET position = $1, title = $2, owner_role = $3, due_minutes = $4 WHERE id = $5",
    )
    .bind(position)
    .bind(&t.title)
    .bind(t.owner_role.code())
    .bind(t.due_minutes)
    .bind(task_id)
    .execute(&mut *tx)
    .await?;
    let change = Change {
        action: "plan_template.task_edit",
        entity: "plan_template_task",
        entity_id: Some(task_id.to_string()),
        before: Some(
            json!({"position": old_position, "title": before.try_get::<String, _>("title")?,
            "owner_role": before.try_get::<String, _>("owner_role")?, "due_minutes": before.try_get::<i64, _>("due_minutes")?}),
        ),
        after: Some(
            json!({"position": position, "title": t.title, "owner_role": t.owner_role.code(), "due_minutes": t.due_minutes}),
        ),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    get(db, template_id).await
}
