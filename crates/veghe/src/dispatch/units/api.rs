//! The crews' JSON API: the list (retired crews on request), and, for the administrator, adding,
//! changing, retiring and reinstating a crew.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::input::{UnitIn, UnitPatch};
use super::{Unit, store};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, change, retire, reinstate),
    components(schemas(Unit, UnitIn, UnitPatch)),
    tags((name = "crews", description = "Crews (echipaje) and their GPS trackers"))
)]
pub struct UnitsApi;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get(
            "/api/v1/units",
            Access::Roles(groups::OPERATIONS_READ),
            list,
        )
        .post("/api/v1/units", admin, create)
        .patch("/api/v1/units/{id}", admin, change)
        .post("/api/v1/units/{id}/retire", admin, retire)
        .post("/api/v1/units/{id}/reinstate", admin, reinstate)
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `true` lists the retired crews too (each with its `retired_at`); by default only the
    /// crews in service.
    #[serde(default)]
    pub retired: bool,
}

/// The crews in service with their status, equipment and last position (and when it was taken);
/// with `?retired=true` the retired crews too, marked by `retired_at`.
#[utoipa::path(get, path = "/api/v1/units", tag = "crews", params(ListQuery),
    responses((status = 200, body = [Unit]), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<Unit>>> {
    Ok(Json(if q.retired {
        super::list_all(&state.db).await?
    } else {
        super::list(&state.db).await?
    }))
}

/// Adds a crew (off duty unless `status` says otherwise); its tracker is accepted by `/osmand`
/// at once. A call sign or tracker another crew has is refused (409) naming that crew.
#[utoipa::path(post, path = "/api/v1/units", tag = "crews", request_body = UnitIn,
    responses((status = 201, body = Unit), (status = 400, body = crate::error::ErrorBody),
        (status = 403), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<UnitIn>,
) -> AppResult<(StatusCode, Json<Unit>)> {
    let unit = store::create(&state.db, &me.actor(), input.parse()?).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(unit)))
}

/// Changes any subset of a crew's fields; `"tracker_id": null` takes its tracker off. A retired
/// crew, or the status of a crew working an incident, is refused (409).
#[utoipa::path(patch, path = "/api/v1/units/{id}", tag = "crews", request_body = UnitPatch,
    params(("id" = i64, Path)),
    responses((status = 200, body = Unit), (status = 400, body = crate::error::ErrorBody),
        (status = 403), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<UnitPatch>,
) -> AppResult<Json<Unit>> {
    let unit = store::update(&state.db, &me.actor(), id, input.parse()?).await?;
    state.live.published();
    Ok(Json(unit))
}

/// Retires a crew: kept with its history, off the board, the map and the recommendations, its
/// tracker freed. A crew working an incident is refused (409).
#[utoipa::path(post, path = "/api/v1/units/{id}/retire", tag = "crews",
    params(("id" = i64, Path)),
    responses((status = 200, body = Unit), (status = 403), (status = 404),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Unit>> {
    let unit = store::retire(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Json(unit))
}

/// Brings a retired crew back into service, off duty and without a tracker.
#[utoipa::path(post, path = "/api/v1/units/{id}/reinstate", tag = "crews",
    params(("id" = i64, Path)),
    responses((status = 200, body = Unit), (status = 403), (status = 404),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Unit>> {
    let unit = store::reinstate(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Json(unit))
}
