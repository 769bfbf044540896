//! The press office's desk `/press`: what waits for the office ("De rezolvat": accreditations,
//! verbal and written requests, overdue first), then its parts, each link shown to whom the
//! part's own route admits.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::queue::{self, Item};
use super::texts::{self, T};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::error::AppResult;
use crate::web::links::{Entry, Section, sections};
use crate::web::{Shell, render};

/// The desk's route.
pub fn routes() -> Routes {
    Routes::new().get("/press", Access::Roles(groups::PRESS_READ), desk)
}

#[derive(Template)]
#[template(path = "press/desk.html")]
struct DeskPage {
    shell: Shell,
    t: &'static T,
    sections: Vec<Section>,
    queue: Vec<Item>,
    /// The months (current, next) with no press conference planned, in words.
    gaps: Vec<String>,
    /// The spokesperson in force: name and phone.
    spokesperson: Option<String>,
}

/// The desk's parts, in order: a heading and its links.
fn layout(t: &'static T) -> [(&'static str, Vec<Entry>); 3] {
    [
        (
            t.public,
            vec![
                ("/press/releases", t.releases, t.releases_about),
                ("/presa", t.newsroom, t.newsroom_about),
            ],
        ),
        (
            t.media,
            vec![
                ("/press/contacts", t.contacts, t.contacts_about),
                (
                    "/press/accreditations",
                    t.accreditations,
                    t.accreditations_about,
                ),
                ("/press/requests", t.requests, t.requests_about),
                ("/press/events", t.events, t.events_about),
            ],
        ),
        (
            t.strategy_part,
            vec![
                ("/press/strategy", t.strategy, t.strategy_about),
                ("/press/campaigns", t.campaigns, t.campaigns_about),
                ("/circulars", t.circulars, t.circulars_about),
            ],
        ),
    ]
}

/// `GET /press`
async fn desk(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let role = shell.user.as_ref().map(|u| u.role);
    let sections = sections(layout(t), role);
    let queue = queue::items(&state.db, shell.lang, role).await?;
    let today = super::strategy::today_in_timisoara();
    let gaps = super::events::check::gaps(&state.db, today)
        .await?
        .iter()
        .map(|g| super::events::check::month_ro(&g.month))
        .collect();
    let spokesperson = super::strategy::current_spokesperson(&state.db)
        .await?
        .map(|s| {
            [Some(s.name), s.phone]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
    render(&DeskPage {
        shell,
        t,
        sections,
        queue,
        gaps,
        spokesperson,
    })
}
