//! The press events' pages: `/press/events` (the warning when the current or next month has no
//! conference, upcoming and past events, the form to plan one, the spokesperson and the form to
//! designate one) and `/press/events/{id}` (the event, its status, the invitations).

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::check::{self, month_ro};
use super::invite::{self, Invitation, Sent};
use super::texts::{self, T};
use super::{Event, EventIn, store};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Form, Id, Query};
use crate::press::strategy::spokesperson::{self, Spokesperson, SpokespersonIn};
use crate::press::strategy::today_in_timisoara;
use crate::web::{Shell, local_time};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/events", read, list)
        .post("/press/events", write, plan)
        .post("/press/spokesperson", write, designate)
        .get("/press/events/{id}", read, one)
        .post("/press/events/{id}/status", write, status)
        .post("/press/events/{id}/invitations", write, invitations)
}

/// A kind in words.
fn kind(t: &'static T, code: &str) -> &'static str {
    if code == "conference" {
        t.k_conference
    } else {
        t.k_action
    }
}

/// A status in words.
fn status_word(t: &'static T, code: &str) -> &'static str {
    match code {
        "held" => t.s_held,
        "cancelled" => t.s_cancelled,
        _ => t.s_planned,
    }
}

/// An event as a row.
struct Row {
    id: i64,
    title: String,
    kind: &'static str,
    when: String,
    place: String,
    status: &'static str,
    status_code: String,
}

fn row(t: &'static T, e: &Event) -> Row {
    Row {
        id: e.id,
        title: e.title.clone(),
        kind: kind(t, &e.kind),
        when: format!(
            "{} – {}",
            local_time(e.starts_at),
            local_time(e.ends_at).get(11..).unwrap_or_default()
        ),
        place: e.place.clone(),
        status: status_word(t, &e.status),
        status_code: e.status.clone(),
    }
}

/// The forms as typed.
#[derive(Default, Deserialize)]
struct Typed {
    kind: Option<String>,
    title: Option<String>,
    description: Option<String>,
    place: Option<String>,
    starts_at: Option<String>,
    ends_at: Option<String>,
    username: Option<String>,
    name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    done: Option<String>,
}

impl Typed {
    fn v(o: &Option<String>) -> String {
        o.clone().unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "press/events.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    gaps: Vec<String>,
    upcoming: Vec<Row>,
    past: Vec<Row>,
    spokesperson: Option<Spokesperson>,
    designations: Vec<Spokesperson>,
    accounts: Vec<(String, String)>,
    can_write: bool,
    form: Typed,
    done: Option<&'static str>,
    error: Option<String>,
}

const YEAR_MS: i64 = 366 * 24 * 3600 * 1000;

/// Accounts that may be the spokesperson: (user name, name).
async fn accounts(state: &AppState) -> AppResult<Vec<(String, String)>> {
    let users: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT username, display_name, role FROM users WHERE disabled = 0 ORDER BY display_name",
    )
    .fetch_all(state.db.pool())
    .await?;
    Ok(users
        .into_iter()
        .filter(|(_, _, r)| {
            r.parse::<Role>()
                .is_ok_and(|r| matches!(r, Role::PressOfficer | Role::HeadOfService))
        })
        .map(|(u, n, _)| (u, n))
        .collect())
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    form: Typed,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let now = now_ms();
    let all = store::between(&state.db, now - YEAR_MS, i64::MAX).await?;
    let (past, upcoming): (Vec<Event>, Vec<Event>) = all.into_iter().partition(|e| e.ends_at < now);
    let (status, error) = crate::press::refusal(error);
    let page = ListPage {
        gaps: check::gaps(&state.db, today_in_timisoara())
            .await?
            .iter()
            .map(|g| month_ro(&g.month))
            .collect(),
        upcoming: upcoming.iter().map(|e| row(t, e)).collect(),
        past: past.iter().rev().map(|e| row(t, e)).collect(),
        spokesperson: spokesperson::current_spokesperson(&state.db).await?,
        designations: spokesperson::history(&state.db).await?,
        accounts: accounts(state).await?,
        can_write: shell
            .user
            .as_ref()
            .is_some_and(|u| groups::PRESS.contains(&u.role)),
        done: match form.done.as_deref() {
            Some("designated") => Some(t.designated_ok),
            _ => None,
        },
        error,
        shell,
        t,
        form,
    };
    crate::press::page_with(&page, status)
}

/// `GET /press/events`
async fn list(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<Typed>,
) -> AppResult<Response> {
    let form = Typed {
        done: q.done,
        ..Typed::default()
    };
    list_view(&state, shell, form, None).await
}

async fn plan(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let input = EventIn {
        kind: f.kind.clone(),
        title: f.title.clone(),
        description: f.description.clone(),
        place: f.place.clone(),
        starts_at: f.starts_at.clone(),
        ends_at: f.ends_at.clone(),
    };
    match store::plan(&state.db, &me.actor(), input).await {
        Ok(e) => Ok(Redirect::to(&format!("/press/events/{}?done=planned", e.id)).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, f, Some(refused)).await
        }
    }
}

async fn designate(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let input = SpokespersonIn {
        username: f.username.clone(),
        name: f.name.clone(),
        phone: f.phone.clone(),
        email: f.email.clone(),
        starts_on: f.starts_on.clone(),
        ends_on: f.ends_on.clone(),
    };
    match spokesperson::designate(&state.db, &me.actor(), input).await {
        Ok(_) => Ok(Redirect::to("/press/events?done=designated#spokesperson-h").into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, f, Some(refused)).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/event.html")]
struct OnePage {
    shell: Shell,
    t: &'static T,
    e: Event,
    row: Row,
    invitations: Vec<(Invitation, String, &'static str)>,
    can_write: bool,
    may_invite: bool,
    done: Option<String>,
    error: Option<String>,
}

fn mail_word(t: &'static T, state: Option<&str>) -> &'static str {
    match state {
        Some("sent") => t.m_sent,
        Some("failed") => t.m_failed,
        Some("not_configured") => t.m_not_configured,
        Some("no_address") => t.m_no_address,
        _ => t.m_pending,
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
    queued: Option<i64>,
    already: Option<i64>,
}

async fn one_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    done: Option<String>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let e = store::get(&state.db, id).await?;
    let (status, error) = crate::press::refusal(error);
    let page = OnePage {
        row: row(t, &e),
        invitations: invite::of_event(&state.db, id)
            .await?
            .into_iter()
            .map(|i| {
                let at = local_time(i.invited_at);
                let w = mail_word(t, i.mail_state.as_deref());
                (i, at, w)
            })
            .collect(),
        can_write: shell
            .user
            .as_ref()
            .is_some_and(|u| groups::PRESS.contains(&u.role)),
        may_invite: e.status == "planned" && e.starts_at > now_ms(),
        error,
        shell,
        t,
        e,
        done,
    };
    crate::press::page_with(&page, status)
}

/// `GET /press/events/{id}`
async fn one(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let done = match q.done.as_deref() {
        Some("planned") => Some(t.planned_ok.to_string()),
        Some("status") => Some(t.status_ok.to_string()),
        Some("invited") => Some(format!(
            "{} {}; {} {}",
            t.invited,
            q.queued.unwrap_or(0),
            t.invited_before,
            q.already.unwrap_or(0)
        )),
        _ => None,
    };
    one_view(&state, shell, id, done, None).await
}

#[derive(Deserialize)]
struct StatusForm {
    status: Option<String>,
}

async fn status(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    match store::set_status(&state.db, &me.actor(), id, f.status).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/events/{id}?done=status")).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            one_view(&state, shell, id, None, Some(refused)).await
        }
    }
}

async fn invitations(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    headers: HeaderMap,
    Id(id): Id,
) -> AppResult<Response> {
    let url = super::api::calendar_url(&state, &headers);
    match invite::send(&state.db, state.config.smtp.is_some(), &me, id, &url).await {
        Ok(Sent { queued, already }) => {
            if queued > 0 {
                state.mailer.queued();
            }
            Ok(Redirect::to(&format!(
                "/press/events/{id}?done=invited&queued={queued}&already={already}"
            ))
            .into_response())
        }
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            one_view(&state, shell, id, None, Some(refused)).await
        }
    }
}
