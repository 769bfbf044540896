//! The administrator's retention page: each register's term and basis (editable), what a purge
//! would anonymise now, the purge button (with its confirmation), an erasure request form and
//! the history of purges and erasures.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::Row;

use super::purge::{self, ErasureReport, PurgeReport};
use super::{Term, TermIn, terms};
use crate::AppState;
use crate::audit::access_log::Reason;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::Form;
use crate::registry::labels;
use crate::registry::numbers;
use crate::registry::reports::texts::{self, T};
use crate::web::{Shell, local_time, render};
use veghe_ro::petition::Register;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/registry/retention", admin, page)
        .post("/registry/retention/terms/{register}", admin, save_term)
        .post("/registry/retention/purge", admin, run_purge)
        .post("/registry/retention/erasure", admin, run_erasure)
}

struct History {
    when: String,
    who: String,
    kind: String,
    reference: String,
    anonymised: i64,
    kept: i64,
}

#[derive(Template)]
#[template(path = "registry/retention/page.html")]
struct Page {
    shell: Shell,
    t: &'static T,
    terms: Vec<(Term, &'static str)>,
    preview: PurgeReport,
    done: Option<PurgeReport>,
    erasure: Option<ErasureReport>,
    history: Vec<History>,
    error: Option<String>,
}

async fn view(
    state: &AppState,
    shell: Shell,
    done: Option<PurgeReport>,
    erasure: Option<ErasureReport>,
    error: Option<String>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let rows = sqlx::query("SELECT kind, at, actor_name, reference, anonymised, kept FROM registry_purges ORDER BY id DESC LIMIT 20")
        .fetch_all(state.db.pool())
        .await?;
    let mut history = Vec::new();
    for r in rows {
        let kind: String = r.try_get("kind")?;
        history.push(History {
            when: local_time(r.try_get("at")?),
            who: r.try_get("actor_name")?,
            kind: if kind == "erasure" {
                t.erasure.into()
            } else {
                t.purge_done.into()
            },
            reference: r
                .try_get::<Option<String>, _>("reference")?
                .unwrap_or_default(),
            anonymised: r.try_get("anonymised")?,
            kept: r.try_get("kept")?,
        });
    }
    let preview = purge::purge(
        &state.db,
        &crate::audit::Actor::system("retention-preview"),
        true,
    )
    .await?;
    let terms = terms(&state.db).await?.into_iter().map(|term| {
        let label = labels::register(&term.register, shell.lang);
        (term, label)
    });
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let mut response = render(&Page {
        t,
        terms: terms.collect(),
        preview,
        done,
        erasure,
        history,
        error,
        shell,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    view(&state, shell, None, None, None).await
}

fn message(e: &AppError, lang: crate::web::Lang) -> Option<String> {
    match e {
        AppError::BadRequest { .. } => Some(e.said(lang)),
        _ => None,
    }
}

#[derive(Deserialize)]
struct TermForm {
    years: Option<String>,
    basis: Option<String>,
}

async fn save_term(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Path(register): Path<String>,
    Form(form): Form<TermForm>,
) -> AppResult<Response> {
    let years = match form.years.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(y) => Some(y.parse::<i64>().map_err(|_| {
            AppError::bad(
                "years",
                crate::error::Said::new(
                    "Anii de păstrare: scrieți un număr întreg.",
                    "years is a whole number",
                ),
            )
        })?),
    };
    match super::set_term(
        &state.db,
        &me.actor(),
        &register,
        TermIn {
            years,
            basis: form.basis,
        },
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/registry/retention").into_response()),
        Err(e) => match message(&e, shell.lang) {
            Some(m) => view(&state, shell, None, None, Some(m)).await,
            None => Err(e),
        },
    }
}

#[derive(Deserialize)]
struct PurgeForm {
    confirm: Option<String>,
}

async fn run_purge(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<PurgeForm>,
) -> AppResult<Response> {
    if form.confirm.as_deref() != Some("yes") {
        let m = format!("confirm: {}", texts::of(shell.lang).purge_confirm);
        return view(&state, shell, None, None, Some(m)).await;
    }
    let report = purge::purge(&state.db, &me.actor(), false).await?;
    view(&state, shell, Some(report), None, None).await
}

#[derive(Deserialize)]
struct ErasureForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    reason: String,
}

/// The entry a registration number names: `12/2026` or `12/03.02.2026`; petitions first when
/// the same number is in both registers.
async fn entry_by_number(state: &AppState, text: &str) -> AppResult<i64> {
    numbers::entry_by_number(
        &state.db,
        text,
        &[Register::Petition, Register::Info],
        "a registration number",
    )
    .await
}

async fn run_erasure(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<ErasureForm>,
) -> AppResult<Response> {
    let result = async {
        let id = entry_by_number(&state, &form.number).await?;
        let reason = Reason::parse(&form.reason)?;
        purge::erase(&state.db, &me.actor(), id, &form.reference, &reason).await
    }
    .await;
    match result {
        Ok(r) => view(&state, shell, None, Some(r), None).await,
        Err(e) => match message(&e, shell.lang) {
            Some(m) => view(&state, shell, None, None, Some(m)).await,
            None => Err(e),
        },
    }
}
