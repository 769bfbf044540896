//! The administrator's pages of the departments: `/admin/departments` (each with its deadline,
//! head and address, and the form to add one) and `/admin/departments/{id}` (edit, members). A
//! refused form comes back as typed, with the refusal in the reader's language.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::edit::DAYS_BEFORE;
use super::texts::{self, T};
use super::{Department, DepartmentIn, DepartmentPatch};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::db::Db;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Id, Query};
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/departments", admin, list)
        .post("/admin/departments", admin, add)
        .get("/admin/departments/{id}", admin, edit_page)
        .post("/admin/departments/{id}", admin, edit)
        .post("/admin/departments/{id}/members", admin, add_member)
        .post(
            "/admin/departments/{id}/members/remove",
            admin,
            remove_member,
        )
}

/// The form as a page sends it (every field text).
#[derive(Deserialize, Default)]
struct DepartmentForm {
    code: Option<String>,
    name_ro: Option<String>,
    name_en: Option<String>,
    days_before: Option<String>,
    head: Option<String>,
    email: Option<String>,
}

impl DepartmentForm {
    fn days(&self) -> AppResult<Option<i64>> {
        match self.days_before.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(d) => d.parse().map(Some).map_err(|_| {
                AppError::bad(
                    "days_before",
                    Said::new(
                        "Termenul intern: scrieți un număr întreg de zile.",
                        "days_before is a whole number of days",
                    ),
                )
            }),
        }
    }

    fn of(d: &Department) -> DepartmentForm {
        DepartmentForm {
            code: Some(d.code.clone()),
            name_ro: Some(d.name_ro.clone()),
            name_en: Some(d.name_en.clone()),
            days_before: Some(d.days_before.to_string()),
            head: d.head_username.clone(),
            email: d.email.clone(),
        }
    }
}

/// The fields as shown.
struct Fields {
    code: String,
    name_ro: String,
    name_en: String,
    days_before: String,
    head: String,
    email: String,
}

impl From<&DepartmentForm> for Fields {
    fn from(f: &DepartmentForm) -> Fields {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        Fields {
            code: v(&f.code),
            name_ro: v(&f.name_ro),
            name_en: v(&f.name_en),
            days_before: v(&f.days_before),
            head: v(&f.head),
            email: v(&f.email),
        }
    }
}

/// A department in the list.
struct Row {
    id: i64,
    code: String,
    name: String,
    days_before: i64,
    head: Option<String>,
    email: Option<String>,
}

#[derive(Template)]
#[template(path = "registry/departments.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    heads: Vec<(String, String)>,
    days: (i64, i64),
    form: Fields,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "registry/department.html")]
struct EditPage {
    shell: Shell,
    t: &'static T,
    department: Department,
    name: String,
    members: Vec<(String, String)>,
    heads: Vec<(String, String)>,
    days: (i64, i64),
    form: Fields,
    done: Option<&'static str>,
    error: Option<String>,
}

/// Active department officers and heads of service: (user name, name), by name.
async fn heads(db: &Db) -> AppResult<Vec<(String, String)>> {
    let users: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT username, display_name, role FROM users WHERE disabled = 0 ORDER BY display_name",
    )
    .fetch_all(db.pool())
    .await?;
    Ok(users
        .into_iter()
        .filter(|(_, _, role)| {
            role.parse::<Role>()
                .is_ok_and(|r| groups::DEPARTMENT_HEADS.contains(&r))
        })
        .map(|(username, name, _)| (username, name))
        .collect())
}

fn name(d: &Department, lang: Lang) -> String {
    match lang {
        Lang::Ro => d.name_ro.clone(),
        Lang::En => d.name_en.clone(),
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

fn done(q: &Done, t: &'static T) -> Option<&'static str> {
    match q.done.as_deref() {
        Some("added") => Some(t.added),
        Some("saved") => Some(t.saved),
        Some("member") => Some(t.member_added),
        Some("member_removed") => Some(t.member_removed),
        _ => None,
    }
}

fn with_status(mut response: Response, error: bool, status: StatusCode) -> Response {
    if error {
        *response.status_mut() = status;
    }
    response
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    form: &DepartmentForm,
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let rows = super::all(&state.db)
        .await?
        .into_iter()
        .map(|d| Row {
            name: name(&d, lang),
            id: d.id,
            code: d.code,
            days_before: d.days_before,
            head: d.head_name,
            email: d.email,
        })
        .collect();
    let status = error.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = ListPage {
        t: texts::of(lang),
        heads: heads(&state.db).await?,
        days: DAYS_BEFORE,
        form: Fields::from(form),
        shell,
        rows,
        done,
        error: error.map(|(_, m)| m),
    };
    Ok(with_status(render(&page)?, page.error.is_some(), status))
}

async fn list(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let done = done(&q, texts::of(shell.lang));
    list_view(&state, shell, &DepartmentForm::default(), done, None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<DepartmentForm>,
) -> AppResult<Response> {
    let result = async {
        let d = DepartmentIn {
            days_before: form.days()?,
            code: form.code.clone(),
            name_ro: form.name_ro.clone(),
            name_en: form.name_en.clone(),
            head: form.head.clone(),
            email: form.email.clone(),
        }
        .parse()?;
        super::add(&state.db, &me.actor(), d).await
    }
    .await;
    match result {
        Ok(d) => {
            Ok(Redirect::to(&format!("/admin/departments/{}?done=added", d.id)).into_response())
        }
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, &form, None, Some(refused)).await
        }
    }
}

async fn edit_view(
    state: &AppState,
    shell: Shell,
    department: Department,
    form: &DepartmentForm,
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let status = error.as_ref().map_or(StatusCode::OK, |(s, _)| *s);
    let page = EditPage {
        t: texts::of(lang),
        name: name(&department, lang),
        members: super::members(&state.db, department.id).await?,
        heads: heads(&state.db).await?,
        days: DAYS_BEFORE,
        form: Fields {
            code: department.code.clone(),
            ..Fields::from(form)
        },
        shell,
        department,
        done,
        error: error.map(|(_, m)| m),
    };
    Ok(with_status(render(&page)?, page.error.is_some(), status))
}

async fn edit_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let department = super::get(&state.db, id).await?;
    let done = done(&q, texts::of(shell.lang));
    let form = DepartmentForm::of(&department);
    edit_view(&state, shell, department, &form, done, None).await
}

async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<DepartmentForm>,
) -> AppResult<Response> {
    let department = super::get(&state.db, id).await?;
    // The page sends every field: an emptied head or address is cleared.
    let result = async {
        let patch = DepartmentPatch {
            days_before: Some(form.days()?.unwrap_or(0)),
            name_ro: Some(form.name_ro.clone().unwrap_or_default()),
            name_en: Some(form.name_en.clone().unwrap_or_default()),
            head: Some(form.head.clone().unwrap_or_default()),
            email: Some(form.email.clone().unwrap_or_default()),
        };
        super::change(&state.db, &me.actor(), id, patch).await
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/departments/{id}?done=saved")).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            edit_view(&state, shell, department, &form, None, Some(refused)).await
        }
    }
}

#[derive(Deserialize)]
struct MemberForm {
    username: Option<String>,
}

async fn add_member(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<MemberForm>,
) -> AppResult<Response> {
    let department = super::get(&state.db, id).await?;
    let result = match crate::http::extract::required(f.username, "username", 100) {
        Ok(username) => {
            super::add_member_to(&state.db, &me.actor(), &department.code, &username).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/departments/{id}?done=member")).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            let form = DepartmentForm::of(&department);
            edit_view(&state, shell, department, &form, None, Some(refused)).await
        }
    }
}

/// Takes a member out, from the button beside their name.
async fn remove_member(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(f): Form<MemberForm>,
) -> AppResult<Response> {
    let department = super::get(&state.db, id).await?;
    let username = crate::http::extract::required(f.username, "username", 100)?;
    super::remove_member_from(&state.db, &me.actor(), &department.code, &username).await?;
    Ok(Redirect::to(&format!("/admin/departments/{id}?done=member_removed")).into_response())
}
