//! The administrator's pages of the directory: `/admin/agencies` (every body, those without a
//! phone flagged, and the form to add one) and `/admin/agencies/{code}` (edit, retire). A refused
//! form comes back as typed, with the refusal in the reader's language.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::texts::{self, T};
use super::{Agency, AgencyIn, AgencyPatch, KINDS};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/agencies", admin, list)
        .post("/admin/agencies", admin, add)
        .get("/admin/agencies/{code}", admin, edit_page)
        .post("/admin/agencies/{code}", admin, edit)
        .post("/admin/agencies/{code}/retire", admin, retire)
        .post("/admin/agencies/{code}/reinstate", admin, reinstate)
}

/// A body in the list.
struct Row {
    code: String,
    name: String,
    kind: String,
    phone: Option<String>,
    email: Option<String>,
    competences: Option<String>,
    retired: bool,
}

/// The fields of the form, as shown (typed, or the body's).
#[derive(Default)]
struct Fields {
    code: String,
    name: String,
    kind: String,
    phone: String,
    email: String,
    competences: String,
    notes: String,
}

impl From<&AgencyIn> for Fields {
    fn from(a: &AgencyIn) -> Fields {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        Fields {
            code: v(&a.code),
            name: v(&a.name),
            kind: v(&a.kind),
            phone: v(&a.phone),
            email: v(&a.email),
            competences: v(&a.competences),
            notes: v(&a.notes),
        }
    }
}

impl From<&Agency> for Fields {
    fn from(a: &Agency) -> Fields {
        Fields::from(&AgencyIn {
            code: Some(a.code.clone()),
            name: Some(a.name.clone()),
            kind: Some(a.kind.clone()),
            phone: a.phone.clone(),
            email: a.email.clone(),
            competences: a.competences.clone(),
            notes: a.notes.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "dispatch/agencies.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    missing_phones: usize,
    kinds: Vec<(&'static str, String)>,
    form: Fields,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "dispatch/agency.html")]
struct EditPage {
    shell: Shell,
    t: &'static T,
    agency: Agency,
    retired_on: Option<String>,
    kinds: Vec<(&'static str, String)>,
    form: Fields,
    done: Option<&'static str>,
    error: Option<String>,
}

fn kinds(lang: Lang) -> Vec<(&'static str, String)> {
    KINDS.iter().map(|k| (*k, texts::kind(k, lang))).collect()
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

fn done(q: &Done, t: &'static T) -> Option<&'static str> {
    match q.done.as_deref() {
        Some("added") => Some(t.added),
        Some("saved") => Some(t.saved),
        Some("retired") => Some(t.retired_done),
        Some("reinstated") => Some(t.reinstated_done),
        _ => None,
    }
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    form: Fields,
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let rows: Vec<Row> = super::list(&state.db)
        .await?
        .into_iter()
        .map(|a| Row {
            kind: texts::kind(&a.kind, lang),
            retired: a.retired_at.is_some(),
            code: a.code,
            name: a.name,
            phone: a.phone,
            email: a.email,
            competences: a.competences,
        })
        .collect();
    let missing_phones = rows
        .iter()
        .filter(|r| !r.retired && r.phone.is_none())
        .count();
    let (status, error) = match error {
        Some((s, m)) => (s, Some(m)),
        None => (StatusCode::OK, None),
    };
    let mut response = render(&ListPage {
        t: texts::of(lang),
        kinds: kinds(lang),
        shell,
        rows,
        missing_phones,
        form,
        done,
        error,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn list(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let done = done(&q, texts::of(shell.lang));
    list_view(&state, shell, Fields::default(), done, None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<AgencyIn>,
) -> AppResult<Response> {
    let typed = Fields::from(&form);
    let result = match form.parse() {
        Ok(a) => super::add(&state.db, &me.actor(), a).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/agencies?done=added").into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, typed, None, Some(refused)).await
        }
    }
}

async fn edit_view(
    shell: Shell,
    agency: Agency,
    form: Fields,
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let (status, error) = match error {
        Some((s, m)) => (s, Some(m)),
        None => (StatusCode::OK, None),
    };
    let mut response = render(&EditPage {
        t: texts::of(lang),
        kinds: kinds(lang),
        retired_on: agency.retired_at.map(local_time),
        shell,
        agency,
        form,
        done,
        error,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn edit_page(
    State(state): State<AppState>,
    shell: Shell,
    Path(code): Path<String>,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let agency = super::get(&state.db, &code).await?;
    let done = done(&q, texts::of(shell.lang));
    let form = Fields::from(&agency);
    edit_view(shell, agency, form, done, None).await
}

async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Path(code): Path<String>,
    Form(form): Form<AgencyIn>,
) -> AppResult<Response> {
    let agency = super::get(&state.db, &code).await?;
    let typed = Fields {
        code: agency.code.clone(),
        ..Fields::from(&form)
    };
    // The page sends every field: an emptied one is cleared.
    let patch = AgencyPatch {
        name: Some(form.name.unwrap_or_default()),
        kind: Some(form.kind.unwrap_or_default()),
        phone: Some(form.phone.unwrap_or_default()),
        email: Some(form.email.unwrap_or_default()),
        competences: Some(form.competences.unwrap_or_default()),
        notes: Some(form.notes.unwrap_or_default()),
    };
    match super::edit(&state.db, &me.actor(), &code, patch).await {
        Ok(a) => {
            Ok(Redirect::to(&format!("/admin/agencies/{}?done=saved", a.code)).into_response())
        }
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            edit_view(shell, agency, typed, None, Some(refused)).await
        }
    }
}

#[derive(Deserialize)]
struct RetireForm {
    confirm: Option<String>,
}

async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Path(code): Path<String>,
    Form(form): Form<RetireForm>,
) -> AppResult<Response> {
    let agency = super::get(&state.db, &code).await?;
    let result = if form.confirm.as_deref() == Some("yes") {
        super::retire(&state.db, &me.actor(), &code).await
    } else {
        Err(AppError::bad(
            "confirm",
            crate::error::Said::new(
                "Bifați confirmarea retragerii.",
                "Tick the confirmation of the retirement.",
            ),
        ))
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/agencies?done=retired").into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            let form = Fields::from(&agency);
            edit_view(shell, agency, form, None, Some(refused)).await
        }
    }
}

/// Brings a retired body back into the hand-over list.
async fn reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> AppResult<Response> {
    super::reinstate(&state.db, &me.actor(), &code).await?;
    Ok(Redirect::to("/admin/agencies?done=reinstated").into_response())
}
