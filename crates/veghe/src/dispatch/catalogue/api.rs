//! The catalogue's JSON API: the list for clients and the board, and the administrator's writes
//! (add, change, retire).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::input::{TypeIn, TypePatch};
use super::store;
use super::types::IncidentType;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Query};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, update, retire),
    components(schemas(IncidentType, TypeIn, TypePatch)),
    tags((name = "incident-types", description = "The incident-type catalogue calls are taken by, versioned in time"))
)]
pub struct IncidentTypesApi;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/incident-types", Access::SignedIn, list)
        .post("/api/v1/incident-types", admin, create)
        .patch("/api/v1/incident-types/{code}", admin, update)
        .post("/api/v1/incident-types/{code}/retire", admin, retire)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `true`: every version of every type, retired ones included (the administration's view,
    /// and how a client names an old incident's type as it was).
    #[serde(default)]
    pub all: bool,
}

/// The types a new call may take, in the catalogue's order; with `all=true`, every version.
#[utoipa::path(get, path = "/api/v1/incident-types", tag = "incident-types", params(ListQuery),
    responses((status = 200, body = [IncidentType]), (status = 401)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<IncidentType>>> {
    let types = store::load(&state.db).await?;
    Ok(Json(if q.all {
        types.versions().to_vec()
    } else {
        types.active().into_iter().cloned().collect()
    }))
}

/// Adds a type, in force from now (administrator).
#[utoipa::path(post, path = "/api/v1/incident-types", tag = "incident-types", request_body = TypeIn,
    responses((status = 201, body = IncidentType), (status = 400, body = crate::error::ErrorBody),
        (status = 403), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<TypeIn>,
) -> AppResult<(StatusCode, Json<IncidentType>)> {
    let t = store::create(&state.db, &me.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(t)))
}

/// Changes a type (administrator): a used type's new names open a new version from now, old
/// incidents keep the names they had.
#[utoipa::path(patch, path = "/api/v1/incident-types/{code}", tag = "incident-types",
    params(("code" = String, Path)), request_body = TypePatch,
    responses((status = 200, body = IncidentType), (status = 400, body = crate::error::ErrorBody),
        (status = 403), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    Body(patch): Body<TypePatch>,
) -> AppResult<Json<IncidentType>> {
    Ok(Json(
        store::update(&state.db, &me.actor(), &code, &patch).await?,
    ))
}

/// Retires a type from now (administrator): new calls can no longer take it.
#[utoipa::path(post, path = "/api/v1/incident-types/{code}/retire", tag = "incident-types",
    params(("code" = String, Path)),
    responses((status = 200, body = IncidentType), (status = 403), (status = 404),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
) -> AppResult<Json<IncidentType>> {
    Ok(Json(store::retire(&state.db, &me.actor(), &code).await?))
}
