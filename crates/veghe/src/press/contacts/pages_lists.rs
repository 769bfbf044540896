//! The pages of distribution lists and of sending a release: `/press/lists` (every list, the
//! form to create one), `/press/lists/{id}` (name, description, members added and removed) and
//! `/press/releases/{id}/distribution` (the release's sends and the form to send it to a list).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::journalists::{self, Filter};
use super::lists::{self, List, ListIn, MemberIn, MemberShown};
use super::pages::{Choice, Done, Refused, done, outlet_choices, with_status, writes};
use super::send::{self, Release, SendIn, SendReport, Sent};
use super::texts::{self, T};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Form, Id, Query};
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/lists", read, lists_page)
        .post("/press/lists", write, create)
        .get("/press/lists/{id}", read, list_page)
        .post("/press/lists/{id}", write, edit)
        .post("/press/lists/{id}/members", write, add_member)
        .post("/press/lists/{id}/members/remove", write, remove_member)
        .get("/press/releases/{id}/distribution", read, distribution)
        .post("/press/releases/{id}/distribution", write, send_page)
}

#[derive(Template)]
#[template(path = "press/lists.html")]
struct ListsPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    lists: Vec<List>,
    name: String,
    description: String,
    error: Option<String>,
}

async fn lists_view(
    state: &AppState,
    shell: Shell,
    typed: ListIn,
    refused: Refused,
) -> AppResult<Response> {
    let page = ListsPage {
        t: texts::of(shell.lang),
        can_write: writes(&shell),
        lists: lists::all(&state.db).await?,
        name: typed.name.unwrap_or_default(),
        description: typed.description.unwrap_or_default(),
        error: refused.clone().map(|e| e.1),
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

/// `GET /press/lists`
async fn lists_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    lists_view(&state, shell, ListIn::default(), None).await
}

/// `POST /press/lists`
async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<ListIn>,
) -> AppResult<Response> {
    match lists::create(&state.db, &me.actor(), form.clone()).await {
        Ok(l) => Ok(Redirect::to(&format!("/press/lists/{}?done=added", l.id)).into_response()),
        Err(e) => {
            let refused = Some(e.refusal(shell.lang)?);
            lists_view(&state, shell, form, refused).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/list.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    list: List,
    members: Vec<MemberShown>,
    journalist_choices: Vec<Choice>,
    outlet_choices: Vec<Choice>,
    name: String,
    description: String,
    error: Option<String>,
    done: Option<&'static str>,
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    typed: Option<ListIn>,
    refused: Refused,
    done: Option<&'static str>,
) -> AppResult<Response> {
    let list = lists::get(&state.db, id).await?;
    let members: Vec<MemberShown> = lists::members(&state.db, id)
        .await?
        .into_iter()
        .map(|m| m.shown())
        .collect();
    let journalist_choices = journalists::list(&state.db, &Filter::default())
        .await?
        .into_iter()
        .filter(|j| !members.iter().any(|m| m.journalist_id == Some(j.id)))
        .map(|j| {
            let label = match &j.outlet {
                Some(o) => format!("{} ({o})", j.name),
                None => j.name.clone(),
            };
            (j.id.to_string(), label)
        })
        .collect();
    let outlet_choices = outlet_choices(state)
        .await?
        .into_iter()
        .filter(|(o, _)| {
            !members
                .iter()
                .any(|m| m.outlet_id.map(|i| i.to_string()).as_ref() == Some(o))
        })
        .collect();
    let typed = typed.unwrap_or_else(|| ListIn {
        name: Some(list.name.clone()),
        description: list.description.clone(),
    });
    let page = ListPage {
        t: texts::of(shell.lang),
        can_write: writes(&shell),
        list,
        members,
        journalist_choices,
        outlet_choices,
        name: typed.name.unwrap_or_default(),
        description: typed.description.unwrap_or_default(),
        error: refused.clone().map(|e| e.1),
        done,
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

/// `GET /press/lists/{id}`
async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let done = done(&q, texts::of(shell.lang));
    list_view(&state, shell, id, None, None, done).await
}

/// `POST /press/lists/{id}`: name and description.
async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<ListIn>,
) -> AppResult<Response> {
    let patch = ListIn {
        name: Some(form.name.clone().unwrap_or_default()),
        description: Some(form.description.clone().unwrap_or_default()),
    };
    match lists::edit(&state.db, &me.actor(), id, patch).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/lists/{id}?done=saved")).into_response()),
        Err(e) => {
            let refused = Some(e.refusal(shell.lang)?);
            list_view(&state, shell, id, Some(form), refused, None).await
        }
    }
}

async fn member_change(
    state: &AppState,
    me: &CurrentUser,
    shell: Shell,
    id: i64,
    form: MemberIn,
    add: bool,
) -> AppResult<Response> {
    let result = match form.parse() {
        Ok(who) if add => lists::add_member(&state.db, &me.actor(), id, who).await,
        Ok(who) => lists::remove_member(&state.db, &me.actor(), id, who).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            let done = if add {
                "member_added"
            } else {
                "member_removed"
            };
            Ok(Redirect::to(&format!("/press/lists/{id}?done={done}#members")).into_response())
        }
        Err(e) => {
            let refused = Some(e.refusal(shell.lang)?);
            list_view(state, shell, id, None, refused, None).await
        }
    }
}

async fn add_member(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<MemberIn>,
) -> AppResult<Response> {
    member_change(&state, &me, shell, id, form, true).await
}

async fn remove_member(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<MemberIn>,
) -> AppResult<Response> {
    member_change(&state, &me, shell, id, form, false).await
}

/// A send as shown.
struct SentRow {
    s: Sent,
    delivery: String,
    at: String,
}

/// A skipped member as shown.
struct SkippedRow {
    name: String,
    why: &'static str,
}

#[derive(Template)]
#[template(path = "press/distribution.html")]
struct DistributionPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    release: Release,
    sendable: bool,
    published: Option<String>,
    sends: Vec<SentRow>,
    lists: Vec<List>,
    report: Option<SendReport>,
    skipped: Vec<SkippedRow>,
    error: Option<String>,
}

async fn distribution_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    report: Option<SendReport>,
    refused: Refused,
) -> AppResult<Response> {
    let lang = shell.lang;
    let release = send::release(&state.db, id).await?;
    let sends = send::sends(&state.db, id)
        .await?
        .into_iter()
        .map(|s| SentRow {
            delivery: texts::delivery(&s.state, lang),
            at: local_time(s.sent_at),
            s,
        })
        .collect();
    let skipped = report
        .as_ref()
        .map(|r| {
            r.skipped
                .iter()
                .map(|s| SkippedRow {
                    name: s.name.clone(),
                    why: texts::why(s.why, lang),
                })
                .collect()
        })
        .unwrap_or_default();
    let page = DistributionPage {
        t: texts::of(lang),
        can_write: writes(&shell),
        sendable: release.sendable(now_ms()),
        published: release.published_at.map(local_time),
        release,
        sends,
        lists: lists::all(&state.db).await?,
        report,
        skipped,
        error: refused.clone().map(|e| e.1),
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

/// `GET /press/releases/{id}/distribution`
async fn distribution(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    distribution_view(&state, shell, id, None, None).await
}

/// `POST /press/releases/{id}/distribution`: sends, and shows what it did.
async fn send_page(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<SendIn>,
) -> AppResult<Response> {
    let smtp = state.config.smtp.is_some();
    match send::send(&state.db, smtp, &me.actor(), id, form).await {
        Ok(report) => {
            state.mailer.queued();
            distribution_view(&state, shell, id, Some(report), None).await
        }
        Err(e) => {
            let refused = Some(e.refusal(shell.lang)?);
            distribution_view(&state, shell, id, None, refused).await
        }
    }
}
