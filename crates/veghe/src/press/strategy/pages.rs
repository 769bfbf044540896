//! The strategy's pages: `/press/strategy` (the version in force, the one being worked on, the
//! history) and `/press/strategy/{id}` (one version: its parts, and while a draft the forms that
//! edit it; submitting, approving, returning). A refused form comes back with the refusal in the
//! reader's language.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::texts::{self, T};
use super::{
    AudienceIn, MessageIn, NewVersionIn, ObjectiveIn, PartRef, Spokesperson, Strategy, Version,
    current_spokesperson, store, today,
};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Id, Query};
use crate::web::{Shell, local_time};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    let head = Access::Roles(groups::PRESS_APPROVE);
    Routes::new()
        .get("/press/strategy", read, overview)
        .post("/press/strategy", write, start)
        .get("/press/strategy/{id}", read, version_page)
        .post("/press/strategy/{id}/summary", write, summary)
        .post("/press/strategy/{id}/objectives", write, objective)
        .post("/press/strategy/{id}/audiences", write, audience)
        .post("/press/strategy/{id}/messages", write, message)
        .post("/press/strategy/{id}/remove", write, remove)
        .post("/press/strategy/{id}/submit", write, submit)
        .post("/press/strategy/{id}/approve", head, approve)
        .post("/press/strategy/{id}/return", head, give_back)
}

/// A status in words.
pub(super) fn status(t: &'static T, code: &str) -> &'static str {
    match code {
        "draft" => t.st_draft,
        "submitted" => t.st_submitted,
        "returned" => t.st_returned,
        _ => t.st_approved,
    }
}

/// A number as shown: no decimals when whole.
pub(super) fn num(n: &f64) -> String {
    let n = *n;
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        format!("{n}").replace('.', ",")
    }
}

/// A version's row in the history.
struct Row {
    id: i64,
    label: String,
    status: &'static str,
    status_code: String,
    drafted_by: String,
    decided: String,
}

fn row(t: &'static T, v: &Version) -> Row {
    Row {
        id: v.id,
        label: format!("{} / v{}", v.year, v.version),
        status: status(t, &v.status),
        status_code: v.status.clone(),
        drafted_by: v.created_by.clone().unwrap_or_default(),
        decided: match (&v.decided_by, v.decided_at) {
            (Some(who), Some(at)) => format!("{who}, {}", local_time(at)),
            _ => String::new(),
        },
    }
}

#[derive(Template)]
#[template(path = "press/strategy.html")]
struct OverviewPage {
    shell: Shell,
    t: &'static T,
    year: i64,
    in_force: Option<Strategy>,
    in_force_row: Option<Row>,
    open: Option<Row>,
    history: Vec<Row>,
    spokesperson: Option<Spokesperson>,
    can_write: bool,
    /// The version in force is never edited (the parts' template asks).
    editable: bool,
    error: Option<String>,
}

fn may(shell: &Shell, group: &[crate::auth::Role]) -> bool {
    shell.user.as_ref().is_some_and(|u| group.contains(&u.role))
}

async fn overview_view(
    state: &AppState,
    shell: Shell,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let year = i64::from(today().year());
    let in_force = store::in_force(&state.db, year).await?;
    let open = store::open(&state.db, year).await?;
    let history = store::versions(&state.db, None).await?;
    let (status_code, error) = crate::press::refusal(error);
    let page = OverviewPage {
        can_write: may(&shell, groups::PRESS),
        editable: false,
        in_force_row: in_force.as_ref().map(|s| row(t, &s.version)),
        in_force,
        open: open.as_ref().map(|v| row(t, v)),
        history: history.iter().map(|v| row(t, v)).collect(),
        spokesperson: current_spokesperson(&state.db).await?,
        error,
        shell,
        t,
        year,
    };
    crate::press::page_with(&page, status_code)
}

/// `GET /press/strategy`
async fn overview(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    overview_view(&state, shell, None).await
}

/// Starts a new version of the current year.
async fn start(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
) -> AppResult<Response> {
    match store::start(&state.db, &me.actor(), NewVersionIn::default()).await {
        Ok(s) => Ok(
            Redirect::to(&format!("/press/strategy/{}?done=started", s.version.id)).into_response(),
        ),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            overview_view(&state, shell, Some(refused)).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/strategy_version.html")]
struct VersionPage {
    shell: Shell,
    t: &'static T,
    s: Strategy,
    row: Row,
    /// The approved version it copies: id and label.
    based_on: Option<(i64, String)>,
    editable: bool,
    can_write: bool,
    can_approve: bool,
    done: Option<&'static str>,
    error: Option<String>,
    form: Typed,
}

/// What a refused form had typed, to show again.
#[derive(Default, Deserialize)]
struct Typed {
    title: Option<String>,
    indicator: Option<String>,
    baseline: Option<String>,
    target: Option<String>,
    unit: Option<String>,
    due_on: Option<String>,
    name: Option<String>,
    description: Option<String>,
    phrases: Option<String>,
    summary: Option<String>,
    reason: Option<String>,
    kind: Option<String>,
    part_id: Option<i64>,
}

impl Typed {
    fn v(o: &Option<String>) -> String {
        o.clone().unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn version_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    done: Option<&str>,
    error: Option<(StatusCode, String)>,
    form: Typed,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let s = store::get(&state.db, id).await?;
    let done = match done {
        Some("saved") => Some(t.saved),
        Some("submitted") => Some(t.submitted),
        Some("approved") => Some(t.approved),
        Some("returned") => Some(t.returned),
        Some("started") => Some(t.started),
        _ => None,
    };
    let (status_code, error) = crate::press::refusal(error);
    let based_on = match s.version.based_on_id {
        Some(b) => {
            let v = store::get(&state.db, b).await?.version;
            Some((b, format!("{} / v{}", v.year, v.version)))
        }
        None => None,
    };
    let page = VersionPage {
        based_on,
        row: row(t, &s.version),
        editable: matches!(s.version.status.as_str(), "draft" | "returned"),
        can_write: may(&shell, groups::PRESS),
        can_approve: may(&shell, groups::PRESS_APPROVE),
        error,
        s,
        shell,
        t,
        done,
        form,
    };
    crate::press::page_with(&page, status_code)
}

/// `GET /press/strategy/{id}`
async fn version_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    version_view(&state, shell, id, q.done.as_deref(), None, Typed::default()).await
}

/// After a write: back to the version, or the page again with the refusal and what was typed.
async fn answer<X>(
    state: &AppState,
    shell: Shell,
    id: i64,
    result: AppResult<X>,
    done: &str,
    form: Typed,
) -> AppResult<Response> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/press/strategy/{id}?done={done}")).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            version_view(state, shell, id, None, Some(refused), form).await
        }
    }
}

/// A number typed with a comma or a point; empty is none.
fn typed_number(v: &Option<String>, field: &'static str) -> AppResult<Option<f64>> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(n) => n.replace(',', ".").parse::<f64>().map(Some).map_err(|_| {
            AppError::bad(
                field,
                Said::new(
                    format!("„{n}” nu este un număr."),
                    format!("{field} “{n}” is not a number"),
                ),
            )
        }),
    }
}

async fn summary(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let r = store::set_summary(&state.db, &me.actor(), id, f.summary.clone()).await;
    answer(&state, shell, id, r, "saved", f).await
}

async fn objective(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let r = async {
        let input = ObjectiveIn {
            title: f.title.clone(),
            indicator: f.indicator.clone(),
            baseline: typed_number(&f.baseline, "baseline")?,
            target: typed_number(&f.target, "target")?,
            unit: f.unit.clone(),
            due_on: f.due_on.clone(),
        };
        store::add_objective(&state.db, &me.actor(), id, input).await
    }
    .await;
    answer(&state, shell, id, r, "saved", f).await
}

async fn audience(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let input = AudienceIn {
        name: f.name.clone(),
        description: f.description.clone(),
    };
    let r = store::add_audience(&state.db, &me.actor(), id, input).await;
    answer(&state, shell, id, r, "saved", f).await
}

async fn message(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let input = MessageIn {
        title: f.title.clone(),
        phrases: f.phrases.clone(),
    };
    let r = store::add_message(&state.db, &me.actor(), id, input).await;
    answer(&state, shell, id, r, "saved", f).await
}

async fn remove(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let part = PartRef {
        kind: f.kind.clone().unwrap_or_default(),
        part_id: f.part_id.unwrap_or(0),
    };
    let r = store::remove_part(&state.db, &me.actor(), id, part).await;
    answer(&state, shell, id, r, "saved", Typed::default()).await
}

async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let r = store::submit(&state.db, &me.actor(), id).await;
    answer(&state, shell, id, r, "submitted", Typed::default()).await
}

async fn approve(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let r = store::approve(&state.db, &me.actor(), id).await;
    answer(&state, shell, id, r, "approved", Typed::default()).await
}

async fn give_back(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    let r = store::give_back(&state.db, &me.actor(), id, f.reason.clone()).await;
    answer(&state, shell, id, r, "returned", f).await
}
