//! Accreditations over JSON (`/api/v1/press/accreditations…`), and `AccreditationApi`, the API
//! description of the press office's accreditations, media requests and internal circulars.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::store::Which;
use super::{Accreditation, AccreditationIn, DecisionIn};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Id, Query};
use crate::press::{circulars, requests};
use crate::registry::numbers::today;

/// This part's API description: accreditations, media requests, internal circulars.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, one, decision,
        requests::api::list, requests::api::create, requests::api::one, requests::api::answer,
        circulars::api::mine, circulars::api::create, circulars::api::one, circulars::api::read),
    components(schemas(Accreditation, AccreditationIn, DecisionIn,
        requests::MediaRequest, requests::RequestIn, requests::AnswerIn,
        circulars::Circular, circulars::CircularIn, circulars::Recipient)),
    tags((name = "press", description = "The press office: accreditations (Law 544/2001 art. 18), media requests, internal circulars"))
)]
pub struct AccreditationApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/api/v1/press/accreditations", read, list)
        .post("/api/v1/press/accreditations", write, create)
        .get("/api/v1/press/accreditations/{id}", read, one)
        .post(
            "/api/v1/press/accreditations/{id}/decision",
            write,
            decision,
        )
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// The journalists accredited for this press event.
    event: Option<i64>,
    /// The year (default this one).
    year: Option<i16>,
    /// `permanent` (the default): the permanent accreditations granted for the year; `all`: every
    /// request registered in the year; `pending`: those waiting for a decision.
    show: Option<String>,
}

/// Accreditations: those granted for an event, the permanent ones of a year, every request of a
/// year, or the pending ones; each with `overdue` when pending past its due day.
#[utoipa::path(get, path = "/api/v1/press/accreditations", tag = "press", params(ListQuery),
    responses((status = 200, body = [Accreditation]), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<Accreditation>>> {
    let year = q.year.unwrap_or_else(|| today().year());
    let rows = match (q.event, q.show.as_deref()) {
        (Some(e), _) => super::list(&state.db, Which::Event(e)).await?,
        (None, None | Some("permanent")) => super::list(&state.db, Which::Permanent(year)).await?,
        (None, Some("all")) => super::list(&state.db, Which::Year(year)).await?,
        (None, Some("pending")) => super::pending(&state.db).await?,
        (None, Some(_)) => {
            return Err(AppError::bad(
                "show",
                "show is one of: permanent, all, pending",
            ));
        }
    };
    Ok(Json(rows))
}

/// Registers a request; `due_on` is the rule `press-accreditation` from its registration day.
#[utoipa::path(post, path = "/api/v1/press/accreditations", tag = "press", request_body = AccreditationIn,
    responses((status = 201, body = Accreditation), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<AccreditationIn>,
) -> AppResult<(StatusCode, Json<Accreditation>)> {
    let a = super::register(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// One accreditation.
#[utoipa::path(get, path = "/api/v1/press/accreditations/{id}", tag = "press",
    params(("id" = i64, Path)),
    responses((status = 200, body = Accreditation), (status = 404)),
    security(("bearer" = [])))]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Accreditation>> {
    Ok(Json(super::get(&state.db, id).await?))
}

/// Decides: grant a pending request, refuse it or withdraw a granted one; a refusal or
/// withdrawal states the act and its day (never the journalist's opinions).
#[utoipa::path(post, path = "/api/v1/press/accreditations/{id}/decision", tag = "press",
    params(("id" = i64, Path)), request_body = DecisionIn,
    responses((status = 200, body = Accreditation), (status = 400, body = crate::error::ErrorBody),
        (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn decision(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<DecisionIn>,
) -> AppResult<Json<Accreditation>> {
    Ok(Json(
        super::decide(&state.db, &me.actor(), id, input).await?,
    ))
}
