//! The emergency plans' pages: active plans and activation, one plan tracked live (tasks,
//! overdue flags, log; refreshed from the event stream), closing, and the templates.

use askama::Template as Askama;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::Plan;
use super::templates::{TaskIn, Template};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, text};
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .get("/plans", read, list)
        .post("/plans", write, activate)
        .get("/plans/{id}", read, show)
        .get("/plans/{id}/live", read, live)
        .post("/plans/{id}/close", write, close)
        .post("/plan-tasks/{id}/done", write, task_done)
        .get("/plan-templates", read, templates)
        .post(
            "/plan-templates/{id}/tasks",
            Access::Roles(groups::ADMIN),
            add_task,
        )
        .post(
            "/plan-template-tasks/{id}",
            Access::Roles(groups::ADMIN),
            edit_task,
        )
}

/// An instant for the templates (which pass references).
pub fn when(ms: &i64) -> String {
    crate::web::local_time(*ms)
}

/// A role's name in the interface language.
pub fn role_name(code: &str, lang: &Lang) -> String {
    match (code.parse::<Role>(), *lang) {
        (Ok(r), Lang::Ro) => r.label_ro().to_string(),
        (Ok(r), Lang::En) => r.label_en().to_string(),
        (Err(_), _) => code.to_string(),
    }
}

pub fn plan_name<'a>(p: &'a Plan, lang: &Lang) -> &'a str {
    match *lang {
        Lang::Ro => &p.name_ro,
        Lang::En => &p.name_en,
    }
}

fn can_write(shell: &Shell) -> bool {
    shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role))
}

#[derive(Askama)]
#[template(path = "plans/list.html")]
struct ListPage {
    shell: Shell,
    active: Vec<Plan>,
    closed: Vec<Plan>,
    templates: Vec<Template>,
    can_activate: bool,
}

async fn list(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let (active, closed) = super::store::list(&state.db)
        .await?
        .into_iter()
        .partition(|p| p.status == "active");
    let templates = super::templates::list(&state.db).await?;
    render(&ListPage {
        can_activate: can_write(&shell),
        shell,
        active,
        closed,
        templates,
    })
}

#[derive(Deserialize)]
struct ActivateForm {
    template: String,
    incident: Option<String>,
}

async fn activate(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(form): Form<ActivateForm>,
) -> AppResult<Response> {
    let incident = match form
        .incident
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(text) => Some(crate::dispatch::special::incident_by_reference(&state.db, text).await?),
        None => None,
    };
    let plan = super::store::activate(&state.db, &me.actor(), &form.template, incident).await?;
    state.live.published();
    Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response())
}

#[derive(Askama)]
#[template(path = "plans/show.html")]
struct ShowPage {
    shell: Shell,
    plan: Plan,
    can_write: bool,
}

#[derive(Askama)]
#[template(path = "plans/live.html")]
struct LivePart {
    shell: Shell,
    plan: Plan,
    can_write: bool,
}

async fn show(State(state): State<AppState>, shell: Shell, Id(id): Id) -> AppResult<Response> {
    let plan = super::store::get(&state.db, id).await?;
    render(&ShowPage {
        can_write: can_write(&shell),
        shell,
        plan,
    })
}

async fn live(State(state): State<AppState>, shell: Shell, Id(id): Id) -> AppResult<Response> {
    let plan = super::store::get(&state.db, id).await?;
    render(&LivePart {
        can_write: can_write(&shell),
        shell,
        plan,
    })
}

#[derive(Deserialize)]
struct NoteForm {
    note: Option<String>,
}

async fn task_done(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let note = text(form.note, "note", 2000)?;
    let plan = super::store::task_done(&state.db, &me.actor(), id, note.as_deref()).await?;
    state.live.published();
    Ok(Redirect::to(&format!("/plans/{}", plan.id)).into_response())
}

async fn close(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(form): Form<NoteForm>,
) -> AppResult<Response> {
    let note = form.note.unwrap_or_default();
    super::store::close(&state.db, &me.actor(), id, &note).await?;
    state.live.published();
    Ok(Redirect::to(&format!("/plans/{id}")).into_response())
}

#[derive(Askama)]
#[template(path = "plans/templates.html")]
struct TemplatesPage {
    shell: Shell,
    templates: Vec<Template>,
    roles: Vec<(&'static str, String)>,
    is_admin: bool,
}

impl TemplatesPage {
    /// Whether `code` is the task's owner role (the preselected option).
    fn is_owner(&self, owner: &str, code: &str) -> bool {
        owner == code
    }
}

async fn templates(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let templates = super::templates::list(&state.db).await?;
    let lang = shell.lang;
    let roles = Role::ALL
        .iter()
        .map(|r| (r.code(), role_name(r.code(), &lang)))
        .collect();
    let is_admin = shell
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::Administrator);
    render(&TemplatesPage {
        shell,
        templates,
        roles,
        is_admin,
    })
}

#[derive(Deserialize)]
struct TaskForm {
    title: String,
    owner_role: String,
    due_minutes: String,
    position: Option<String>,
}

impl TaskForm {
    fn parse(&self) -> AppResult<TaskIn> {
        let due = self.due_minutes.trim().parse::<i64>().map_err(|_| {
            AppError::bad(
                "due_minutes",
                "due_minutes must be a whole number of minutes",
            )
        })?;
        let position = match self
            .position
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => Some(
                p.parse::<i64>()
                    .map_err(|_| AppError::bad("position", "position must be a whole number"))?,
            ),
            None => None,
        };
        TaskIn::parse(&self.title, &self.owner_role, due, position)
    }
}

async fn edit_task(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(form): Form<TaskForm>,
) -> AppResult<Response> {
    super::templates::edit_task(&state.db, &me.actor(), id, form.parse()?).await?;
    Ok(Redirect::to("/plan-templates").into_response())
}

async fn add_task(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(form): Form<TaskForm>,
) -> AppResult<Response> {
    let due = form.due_minutes.trim().parse::<i64>().map_err(|_| {
        AppError::bad(
            "due_minutes",
            "due_minutes must be a whole number of minutes",
        )
    })?;
    let task = TaskIn::parse(&form.title, &form.owner_role, due, None)?;
    super::templates::add_task(&state.db, &me.actor(), id, task).await?;
    Ok(Redirect::to("/plan-templates").into_response())
}
