//! The media requests pages: `/press/requests` (open verbal requests, overdue first; the written
//! requests from the press with their legal due days; the last 30 days; response times by
//! month; the form to register one) and `/press/requests/{id}` (the request and its answer).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::texts::{self, T};
use super::{AnswerIn, MediaRequest, TARGET_MS, Written, times};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::press::accreditation::{Journalist, journalists};
use crate::press::input::form_id;
use crate::press::view::{refusal, with_status, writes};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/requests", read, list)
        .post("/press/requests", write, add)
        .get("/press/requests/{id}", read, page)
        .post("/press/requests/{id}/answer", write, answer)
}

/// A request as a row shows it.
pub struct Row {
    pub id: i64,
    pub journalist: String,
    pub outlet: String,
    pub channel: &'static str,
    pub question: String,
    pub received: String,
    pub due: String,
    pub answered: String,
    pub overdue: bool,
    pub late: bool,
}

impl Row {
    pub fn of(r: &MediaRequest, lang: Lang) -> Row {
        Row {
            id: r.id,
            journalist: r.journalist.clone(),
            outlet: r.outlet.clone().unwrap_or_default(),
            channel: texts::channel(&r.channel, lang),
            question: r.question.chars().take(120).collect(),
            received: local_time(r.received_at),
            due: local_time(r.due_at),
            answered: r.answered_at.map(local_time).unwrap_or_default(),
            overdue: r.overdue,
            late: r.late,
        }
    }
}

/// A month of response times as the table shows it.
struct MonthRow {
    month: String,
    received: usize,
    answered: usize,
    median: String,
    within: String,
}

#[derive(Default, Deserialize)]
struct RawIn {
    journalist_id: Option<String>,
    name: Option<String>,
    outlet_name: Option<String>,
    channel: Option<String>,
    question: Option<String>,
    received_at: Option<String>,
}

#[derive(Template)]
#[template(path = "press/requests.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    open: Vec<Row>,
    written: Vec<Written>,
    recent: Vec<Row>,
    months: Vec<MonthRow>,
    journalists: Vec<Journalist>,
    form: RawIn,
    error: Option<String>,
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    form: RawIn,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let t = texts::of(lang);
    let now = now_ms();
    let open = super::open(&state.db).await?;
    let year = super::list(&state.db, now - 366 * 86_400_000, now + 1).await?;
    let pairs: Vec<(i64, Option<i64>)> = year
        .iter()
        .map(|r| (r.received_at, r.answered_at))
        .collect();
    let months = times::monthly(&pairs, TARGET_MS)
        .into_iter()
        .rev()
        .map(|m| MonthRow {
            month: m.month,
            received: m.received,
            answered: m.answered,
            median: m
                .median_ms
                .map(|ms| times::duration(ms, t.days))
                .unwrap_or_else(|| "—".into()),
            within: format!("{:.0} %", m.within_share * 100.0),
        })
        .collect();
    let recent = year
        .iter()
        .filter(|r| r.received_at >= now - 30 * 86_400_000)
        .map(|r| Row::of(r, lang))
        .collect();
    let (status, error) = refusal(error);
    let can_write = writes(&shell);
    with_status(
        render(&ListPage {
            t,
            can_write,
            open: open.iter().map(|r| Row::of(r, lang)).collect(),
            written: super::written(&state.db).await?,
            recent,
            months,
            journalists: journalists(&state.db).await?,
            form,
            error,
            shell,
        }),
        status,
    )
}

async fn list(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    list_view(&state, shell, RawIn::default(), None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(raw): Form<RawIn>,
) -> AppResult<Response> {
    let journalist_id = form_id(raw.journalist_id.as_deref());
    let result = match journalist_id {
        Ok(journalist_id) => {
            let input = super::RequestIn {
                journalist_id,
                name: raw.name.clone(),
                outlet_name: raw.outlet_name.clone(),
                channel: raw.channel.clone(),
                question: raw.question.clone(),
                received_at: raw.received_at.clone(),
            };
            super::register(&state.db, &me.actor(), input).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => {
            Ok(Redirect::to(&format!("/press/requests/{}?done=registered", r.id)).into_response())
        }
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, raw, Some(refused)).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/request.html")]
struct DetailPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    r: MediaRequest,
    row: Row,
    answered_by: String,
    typed: String,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn detail_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    typed: String,
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let r = super::get(&state.db, id).await?;
    let answered_by = match r.answered_by {
        Some(u) => sqlx::query_scalar::<_, String>("SELECT display_name FROM users WHERE id = $1")
            .bind(u)
            .fetch_optional(state.db.pool())
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    let (status, error) = refusal(error);
    let can_write = writes(&shell);
    with_status(
        render(&DetailPage {
            t: texts::of(shell.lang),
            can_write,
            row: Row::of(&r, shell.lang),
            r,
            answered_by,
            typed,
            done,
            error,
            shell,
        }),
        status,
    )
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let done = match q.done.as_deref() {
        Some("registered") => Some(t.registered_done),
        Some("answered") => Some(t.answered_done),
        _ => None,
    };
    detail_view(&state, shell, id, String::new(), done, None).await
}

async fn answer(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(input): Form<AnswerIn>,
) -> AppResult<Response> {
    let typed = input.answer.clone().unwrap_or_default();
    match super::answer(&state.db, &me.actor(), id, input).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/requests/{id}?done=answered")).into_response()),
        Err(AppError::NotFound) => Err(AppError::NotFound),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            detail_view(&state, shell, id, typed, None, Some(refused)).await
        }
    }
}
