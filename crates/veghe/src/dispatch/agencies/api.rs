//! The directory of cooperating forces over JSON, for the administrator: add, edit, retire.
//! (`GET /api/v1/agencies`, which the desk reads, is in `dispatch::api`.)

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use super::{Agency, AgencyIn, AgencyPatch};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::Body;

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(create, change, retire, reinstate),
    components(schemas(AgencyIn, AgencyPatch)),
    tags((name = "agencies", description = "Cooperating forces: the directory"))
)]
pub struct AgenciesApi;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .post("/api/v1/agencies", admin, create)
        .patch("/api/v1/agencies/{code}", admin, change)
        .post("/api/v1/agencies/{code}/retire", admin, retire)
        .post("/api/v1/agencies/{code}/reinstate", admin, reinstate)
}

/// Adds a cooperating body; `phone` is required, a code in use is a conflict.
#[utoipa::path(post, path = "/api/v1/agencies", tag = "agencies", request_body = AgencyIn,
    responses((status = 201, body = Agency), (status = 400, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<AgencyIn>,
) -> AppResult<(StatusCode, Json<Agency>)> {
    let a = input.parse()?;
    let added = super::add(&state.db, &me.actor(), a).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Changes a body: the fields given (an empty text clears an optional one); the result needs a
/// phone, as a new one does.
#[utoipa::path(patch, path = "/api/v1/agencies/{code}", tag = "agencies", request_body = AgencyPatch,
    params(("code" = String, Path)),
    responses((status = 200, body = Agency), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    Body(input): Body<AgencyPatch>,
) -> AppResult<Json<Agency>> {
    Ok(Json(
        super::edit(&state.db, &me.actor(), &code, input).await?,
    ))
}

/// Retires a body: its hand-overs stay, and it is no longer offered for new ones.
#[utoipa::path(post, path = "/api/v1/agencies/{code}/retire", tag = "agencies",
    params(("code" = String, Path)),
    responses((status = 200, body = Agency), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> AppResult<Json<Agency>> {
    Ok(Json(super::retire(&state.db, &me.actor(), &code).await?))
}

/// Brings a retired body back: it is offered for hand-overs again.
#[utoipa::path(post, path = "/api/v1/agencies/{code}/reinstate", tag = "agencies",
    params(("code" = String, Path)),
    responses((status = 200, body = Agency), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> AppResult<Json<Agency>> {
    Ok(Json(super::reinstate(&state.db, &me.actor(), &code).await?))
}
