//! Press events over JSON: `/api/v1/press/events…` (list, plan, one with its invitations,
//! status, invitations, the monthly conference check).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};

use super::check::{self, Gap, Run};
use super::invite::{self, Invitation, Sent};
use super::{Event, EventIn, StatusIn, store};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};
use crate::press::strategy::today_in_timisoara;

/// The events' part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, plan, one, status, invitations, check_now),
    components(schemas(
        Event, EventIn, StatusIn, Events, EventPage, Invitation, Sent, Run, Gap
    ))
)]
pub struct EventsApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/api/v1/press/events", read, list)
        .post("/api/v1/press/events", write, plan)
        .post("/api/v1/press/events/check", write, check_now)
        .get("/api/v1/press/events/{id}", read, one)
        .post("/api/v1/press/events/{id}/status", write, status)
        .post("/api/v1/press/events/{id}/invitations", write, invitations)
}

/// The events listed: the upcoming, the past year's, the months lacking a conference.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Events {
    pub upcoming: Vec<Event>,
    pub past: Vec<Event>,
    /// Of the current and next month, those with no conference planned (Law 544/2001 art. 17).
    pub months_without_conference: Vec<Gap>,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Around {
    /// Days back (at most 731); 365 when none.
    pub days: Option<i64>,
}

const DAY_MS: i64 = 24 * 3600 * 1000;

/// The events from `days` back and every one to come.
#[utoipa::path(get, path = "/api/v1/press/events", tag = "press", params(Around),
    responses((status = 200, body = Events)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<Around>,
) -> AppResult<Json<Events>> {
    let now = now_ms();
    let back = q.days.unwrap_or(365).clamp(0, 731);
    let all = store::between(&state.db, now - back * DAY_MS, i64::MAX).await?;
    let (past, upcoming): (Vec<Event>, Vec<Event>) = all.into_iter().partition(|e| e.ends_at < now);
    Ok(Json(Events {
        upcoming,
        past,
        months_without_conference: check::gaps(&state.db, today_in_timisoara()).await?,
    }))
}

/// Plans an event (times in Timișoara, `YYYY-MM-DDTHH:MM`).
#[utoipa::path(post, path = "/api/v1/press/events", tag = "press", request_body = EventIn,
    responses((status = 201, body = Event), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn plan(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<EventIn>,
) -> AppResult<(StatusCode, Json<Event>)> {
    let e = store::plan(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(e)))
}

/// An event with who was invited.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventPage {
    pub event: Event,
    pub invitations: Vec<Invitation>,
}

/// One event and its invitations.
#[utoipa::path(get, path = "/api/v1/press/events/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = EventPage), (status = 404)), security(("bearer" = [])))]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<EventPage>> {
    Ok(Json(EventPage {
        event: store::get(&state.db, id).await?,
        invitations: invite::of_event(&state.db, id).await?,
    }))
}

/// Marks an event held, cancelled or planned.
#[utoipa::path(post, path = "/api/v1/press/events/{id}/status", tag = "press",
    params(("id" = i64, Path)), request_body = StatusIn,
    responses((status = 200, body = Event), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn status(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<StatusIn>,
) -> AppResult<Json<Event>> {
    Ok(Json(
        store::set_status(&state.db, &me.actor(), id, input.status).await?,
    ))
}

/// The public calendar's address as the caller reached this server.
pub(super) fn calendar_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.config.cookie_secure {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}{}", super::public::FEED)
}

/// Invites, by e-mail through the outbox, the journalists accredited for the event and not
/// invited yet.
#[utoipa::path(post, path = "/api/v1/press/events/{id}/invitations", tag = "press",
    params(("id" = i64, Path)),
    responses((status = 200, body = Sent), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn invitations(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Id(id): Id,
) -> AppResult<Json<Sent>> {
    let url = calendar_url(&state, &headers);
    let sent = invite::send(&state.db, state.config.smtp.is_some(), &me, id, &url).await?;
    if sent.queued > 0 {
        state.mailer.queued();
    }
    Ok(Json(sent))
}

/// Runs the monthly conference check now (as the background job does).
#[utoipa::path(post, path = "/api/v1/press/events/check", tag = "press",
    responses((status = 200, body = Run)), security(("bearer" = [])))]
pub async fn check_now(State(state): State<AppState>) -> AppResult<Json<Run>> {
    Ok(Json(
        check::run_once(&state.db, today_in_timisoara()).await?,
    ))
}
