//! The campaigns' pages: `/press/campaigns` (every campaign, and the form to add one) and
//! `/press/campaigns/{id}` (one campaign, its edit form, and the objectives and key messages of
//! the strategy in force it serves, each linked or unlinked with a button).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::campaigns::{self, Campaign, CampaignIn, LinkIn};
use super::texts::{self, T};
use super::{store, today};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Form, Id, Query};
use crate::web::Shell;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/campaigns", read, list)
        .post("/press/campaigns", write, add)
        .get("/press/campaigns/{id}", read, one)
        .post("/press/campaigns/{id}", write, change)
        .post("/press/campaigns/{id}/links", write, link)
}

/// The campaign form as typed.
#[derive(Default, Deserialize)]
struct Typed {
    name: Option<String>,
    description: Option<String>,
    starts_on: Option<String>,
    ends_on: Option<String>,
    channels: Option<String>,
}

impl Typed {
    fn v(o: &Option<String>) -> String {
        o.clone().unwrap_or_default()
    }

    fn of(c: &Campaign) -> Typed {
        Typed {
            name: Some(c.name.clone()),
            description: c.description.clone(),
            starts_on: Some(c.starts_on.clone()),
            ends_on: Some(c.ends_on.clone()),
            channels: Some(c.channels.clone()),
        }
    }

    fn input(&self) -> CampaignIn {
        CampaignIn {
            name: self.name.clone(),
            description: self.description.clone(),
            starts_on: self.starts_on.clone(),
            ends_on: self.ends_on.clone(),
            channels: self.channels.clone(),
        }
    }
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

fn may_write(shell: &Shell) -> bool {
    shell
        .user
        .as_ref()
        .is_some_and(|u| groups::PRESS.contains(&u.role))
}

#[derive(Template)]
#[template(path = "press/campaigns.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    campaigns: Vec<Campaign>,
    today: String,
    can_write: bool,
    form: Typed,
    error: Option<String>,
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    form: Typed,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let (status, error) = crate::press::refusal(error);
    let page = ListPage {
        t: texts::of(shell.lang),
        campaigns: campaigns::list(&state.db).await?,
        today: today().to_string(),
        can_write: may_write(&shell),
        error,
        shell,
        form,
    };
    crate::press::page_with(&page, status)
}

/// `GET /press/campaigns`
async fn list(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    list_view(&state, shell, Typed::default(), None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    match campaigns::create(&state.db, &me.actor(), f.input()).await {
        Ok(c) => Ok(Redirect::to(&format!("/press/campaigns/{}?done=added", c.id)).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, f, Some(refused)).await
        }
    }
}

/// An objective or message of the strategy in force, with whether the campaign serves it.
struct Part {
    kind: &'static str,
    origin_id: i64,
    label: String,
    linked: bool,
}

#[derive(Template)]
#[template(path = "press/campaign.html")]
struct OnePage {
    shell: Shell,
    t: &'static T,
    c: Campaign,
    /// The strategy's objectives, then its messages (a group left out when empty).
    groups: Vec<(&'static str, Vec<Part>)>,
    can_write: bool,
    /// The releases that speak of the campaign: id, number, title, approved or in work, in words.
    releases: Vec<(i64, String, String, &'static str)>,
    form: Typed,
    done: Option<&'static str>,
    error: Option<String>,
}

/// The releases linked to campaign `id`, newest first.
async fn releases_of(
    state: &AppState,
    id: i64,
    t: &'static T,
) -> AppResult<Vec<(i64, String, String, &'static str)>> {
    let rows: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
        "SELECT id, number, title, status FROM press_releases WHERE campaign_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(rid, number, title, status)| {
            let state = if status == "approved" {
                t.release_published
            } else {
                t.release_in_work
            };
            (rid, number.unwrap_or_default(), title, state)
        })
        .collect())
}

async fn one_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    form: Option<Typed>,
    done: Option<&str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let c = campaigns::get(&state.db, id).await?;
    let strategy = store::in_force(&state.db, i64::from(today().year())).await?;
    let (objectives, messages): (Vec<Part>, Vec<Part>) = match &strategy {
        Some(s) => (
            s.objectives
                .iter()
                .map(|o| Part {
                    kind: "objective",
                    origin_id: o.origin_id,
                    label: o.title.clone(),
                    linked: c.objectives.contains(&o.origin_id),
                })
                .collect(),
            s.messages
                .iter()
                .map(|m| Part {
                    kind: "message",
                    origin_id: m.origin_id,
                    label: m.title.clone(),
                    linked: c.messages.contains(&m.origin_id),
                })
                .collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let (status, error) = crate::press::refusal(error);
    let releases = releases_of(state, id, t).await?;
    let page = OnePage {
        t,
        releases,
        form: form.unwrap_or_else(|| Typed::of(&c)),
        can_write: may_write(&shell),
        done: match done {
            Some("added") => Some(t.added),
            Some("saved") => Some(t.saved),
            _ => None,
        },
        error,
        groups: [(t.objectives, objectives), (t.messages, messages)]
            .into_iter()
            .filter(|(_, p)| !p.is_empty())
            .collect(),
        c,
        shell,
    };
    crate::press::page_with(&page, status)
}

/// `GET /press/campaigns/{id}`
async fn one(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    one_view(&state, shell, id, None, q.done.as_deref(), None).await
}

async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<Typed>,
) -> AppResult<Response> {
    match campaigns::change(&state.db, &me.actor(), id, f.input()).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/campaigns/{id}?done=saved")).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            one_view(&state, shell, id, Some(f), None, Some(refused)).await
        }
    }
}

#[derive(Deserialize)]
struct LinkForm {
    kind: Option<String>,
    origin_id: Option<i64>,
    linked: Option<String>,
}

async fn link(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<LinkForm>,
) -> AppResult<Response> {
    let l = LinkIn {
        kind: f.kind.unwrap_or_default(),
        origin_id: f.origin_id.unwrap_or(0),
        linked: f.linked.as_deref() == Some("1"),
    };
    match campaigns::link(&state.db, &me.actor(), id, l).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/press/campaigns/{id}?done=saved#serves-h")).into_response())
        }
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            one_view(&state, shell, id, None, None, Some(refused)).await
        }
    }
}
