//! The emergency plans' JSON API: templates (read; tasks added or edited by an administrator),
//! activation, ticking tasks, closing.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::Plan;
use super::templates::{TaskIn, Template};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id, text};

/// This feature's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(templates, add_task, edit_task, list, activate, get, task_done, close),
    components(schemas(
        Plan,
        super::Task,
        super::LogEntry,
        Template,
        super::templates::TemplateTask,
        TemplateTaskIn,
        ActivateIn,
        TaskDoneIn,
        CloseIn
    )),
    tags((name = "emergency plans", description = "Planuri de urgență: templates, activation, tasks, log"))
)]
pub struct PlansApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/plan-templates", read, templates)
        .post("/api/v1/plan-templates/{id}/tasks", admin, add_task)
        .post("/api/v1/plan-template-tasks/{id}", admin, edit_task)
        .get("/api/v1/plans", read, list)
        .post("/api/v1/plans", write, activate)
        .get("/api/v1/plans/{id}", read, get)
        .post("/api/v1/plan-tasks/{id}/done", write, task_done)
        .post("/api/v1/plans/{id}/close", write, close)
}

/// Every calamity's checklist with its tasks.
#[utoipa::path(get, path = "/api/v1/plan-templates", tag = "emergency plans",
    responses((status = 200, body = [Template])), security(("bearer" = [])))]
pub async fn templates(State(state): State<AppState>) -> AppResult<Json<Vec<Template>>> {
    Ok(Json(super::templates::list(&state.db).await?))
}

/// A template task.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct TemplateTaskIn {
    /// 3–300 characters.
    pub title: String,
    /// A role code: dispatcher, crew, head_of_service, press_officer, management, …
    pub owner_role: String,
    /// Minutes after activation, 0–10080.
    pub due_minutes: i64,
    /// Place in the list (1–1000); new tasks go last by default.
    pub position: Option<i64>,
}

impl TemplateTaskIn {
    fn parse(&self) -> AppResult<TaskIn> {
        TaskIn::parse(
            &self.title,
            &self.owner_role,
            self.due_minutes,
            self.position,
        )
    }
}

/// Adds a task to a template (administrators).
#[utoipa::path(post, path = "/api/v1/plan-templates/{id}/tasks", tag = "emergency plans", request_body = TemplateTaskIn,
    params(("id" = i64, Path)),
    responses((status = 201, body = Template), (status = 400, body = crate::error::ErrorBody), (status = 404)), security(("bearer" = [])))]
pub async fn add_task(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<TemplateTaskIn>,
) -> AppResult<(StatusCode, Json<Template>)> {
    let t = super::templates::add_task(&state.db, &me.actor(), id, input.parse()?).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// Edits a template's task (administrators).
#[utoipa::path(post, path = "/api/v1/plan-template-tasks/{id}", tag = "emergency plans", request_body = TemplateTaskIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Template), (status = 400, body = crate::error::ErrorBody), (status = 404)), security(("bearer" = [])))]
pub async fn edit_task(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<TemplateTaskIn>,
) -> AppResult<Json<Template>> {
    Ok(Json(
        super::templates::edit_task(&state.db, &me.actor(), id, input.parse()?).await?,
    ))
}

/// The active plans and the recently closed ones, with their tasks and logs.
#[utoipa::path(get, path = "/api/v1/plans", tag = "emergency plans",
    responses((status = 200, body = [Plan])), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>) -> AppResult<Json<Vec<Plan>>> {
    Ok(Json(super::store::list(&state.db).await?))
}

/// An activation.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ActivateIn {
    /// The template's code: flood, heavy_snow, earthquake, major_fire, chemical_accident, mass_gathering.
    pub template: String,
    pub incident_id: Option<i64>,
}

/// Activates a plan: its tasks are created with their owners and due times.
#[utoipa::path(post, path = "/api/v1/plans", tag = "emergency plans", request_body = ActivateIn,
    responses((status = 201, body = Plan), (status = 400, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn activate(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ActivateIn>,
) -> AppResult<(StatusCode, Json<Plan>)> {
    let plan =
        super::store::activate(&state.db, &me.actor(), &input.template, input.incident_id).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(plan)))
}

/// One plan: its tasks (overdue ones flagged) and its log.
#[utoipa::path(get, path = "/api/v1/plans/{id}", tag = "emergency plans",
    params(("id" = i64, Path)), responses((status = 200, body = Plan), (status = 404)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Plan>> {
    Ok(Json(super::store::get(&state.db, id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TaskDoneIn {
    pub note: Option<String>,
}

/// Ticks a plan's task done (who and when are recorded); 409 if done already or the plan is closed.
#[utoipa::path(post, path = "/api/v1/plan-tasks/{id}/done", tag = "emergency plans", request_body = TaskDoneIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Plan), (status = 404), (status = 409)), security(("bearer" = [])))]
pub async fn task_done(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<TaskDoneIn>,
) -> AppResult<Json<Plan>> {
    let note = text(input.note, "note", 2000)?;
    let plan = super::store::task_done(&state.db, &me.actor(), id, note.as_deref()).await?;
    state.live.published();
    Ok(Json(plan))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CloseIn {
    /// The closing note, 3–4000 characters.
    pub note: String,
}

/// Closes an active plan with a closing note.
#[utoipa::path(post, path = "/api/v1/plans/{id}/close", tag = "emergency plans", request_body = CloseIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Plan), (status = 400), (status = 409)), security(("bearer" = [])))]
pub async fn close(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<CloseIn>,
) -> AppResult<Json<Plan>> {
    let plan = super::store::close(&state.db, &me.actor(), id, &input.note).await?;
    state.live.published();
    Ok(Json(plan))
}
