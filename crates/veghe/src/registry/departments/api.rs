//! The departments over JSON, for the administrator: add one, edit one. (Reading them and adding
//! members are in `registry::api` and the module above.)

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Department, DepartmentIn, DepartmentPatch};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(create, change),
    components(schemas(DepartmentIn, DepartmentPatch))
)]
pub struct DepartmentsApi;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .post("/api/v1/registry/departments", admin, create)
        .patch("/api/v1/registry/departments/{id}", admin, change)
}

/// Adds a department; a code in use is a conflict.
#[utoipa::path(post, path = "/api/v1/registry/departments", tag = "registry", request_body = DepartmentIn,
    responses((status = 201, body = Department), (status = 400, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<DepartmentIn>,
) -> AppResult<(StatusCode, Json<Department>)> {
    let d = input.parse()?;
    let added = super::add(&state.db, &me.actor(), d).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Changes a department: the fields given (an empty `head` or `email` clears it).
#[utoipa::path(patch, path = "/api/v1/registry/departments/{id}", tag = "registry",
    params(("id" = i64, Path)), request_body = DepartmentPatch,
    responses((status = 200, body = Department), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<DepartmentPatch>,
) -> AppResult<Json<Department>> {
    Ok(Json(
        super::change(&state.db, &me.actor(), id, input).await?,
    ))
}
