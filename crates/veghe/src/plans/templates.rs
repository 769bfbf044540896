//! The plans' templates: read by everyone in operations, their tasks added or edited by an
//! administrator (each change audited).

use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::auth::Role;
use crate::db::Db;
use crate::error::AppError;

/// A task of a template.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct TemplateTask {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub owner_role: String,
    /// Minutes after activation.
    pub due_minutes: i64,
}

/// A calamity's checklist.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Template {
    pub id: i64,
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    #[sqlx(skip)]
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
    Ok(sqlx::query_as(
        "SELECT id, position, title, owner_role, due_minutes FROM plan_template_tasks WHERE template_id = $1 ORDER BY position, id",
    )
    .bind(template_id)
    .fetch_all(db.pool())
    .await?)
}

/// Every template with its tasks.
pub async fn list(db: &Db) -> Result<Vec<Template>, AppError> {
    let mut templates: Vec<Template> =
        sqlx::query_as("SELECT id, code, name_ro, name_en FROM plan_templates ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    for t in &mut templates {
        t.tasks = tasks_of(db, t.id).await?;
    }
    Ok(templates)
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
        None => {
            sqlx::query_scalar(
                "SELECT COALESCE(MAX(position), 0) + 1 AS p FROM plan_template_tasks WHERE template_id = $1",
            )
            .bind(template_id)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_template_tasks (template_id, position, title, owner_role, due_minutes) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(template_id)
    .bind(position)
    .bind(&t.title)
    .bind(t.owner_role.code())
    .bind(t.due_minutes)
    .fetch_one(&mut *tx)
    .await?;
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
    let (template_id, old_position, old_title, old_role, old_due): (i64, i64, String, String, i64) =
        sqlx::query_as(
            "SELECT template_id, position, title, owner_role, due_minutes FROM plan_template_tasks WHERE id = $1",
        )
        .bind(task_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::NotFound)?;
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
            json!({"position": old_position, "title": old_title, "owner_role": old_role, "due_minutes": old_due}),
        ),
        after: Some(
            json!({"position": position, "title": t.title, "owner_role": t.owner_role.code(), "due_minutes": t.due_minutes}),
        ),
    };
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    get(db, template_id).await
}
