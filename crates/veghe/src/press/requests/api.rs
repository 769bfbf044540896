//! Media requests over JSON (`/api/v1/press/requests…`); described in `AccreditationApi`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{AnswerIn, MediaRequest, RequestIn};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/api/v1/press/requests", read, list)
        .post("/api/v1/press/requests", write, create)
        .get("/api/v1/press/requests/{id}", read, one)
        .post("/api/v1/press/requests/{id}/answer", write, answer)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// `open` (the default): those without an answer; `recent`: every one of the last 30 days.
    show: Option<String>,
}

/// Verbal media requests: the open ones (earliest due first) or the last 30 days', each with
/// `overdue` (open past 24 hours) and `late` (answered after them).
#[utoipa::path(get, path = "/api/v1/press/requests", tag = "press", params(ListQuery),
    responses((status = 200, body = [MediaRequest])), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<MediaRequest>>> {
    Ok(Json(match q.show.as_deref() {
        Some("recent") => {
            let now = now_ms();
            super::list(&state.db, now - 30 * 86_400_000, now + 1).await?
        }
        _ => super::open(&state.db).await?,
    }))
}

/// Registers a verbal request, due 24 hours after `received_at`.
#[utoipa::path(post, path = "/api/v1/press/requests", tag = "press", request_body = RequestIn,
    responses((status = 201, body = MediaRequest), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<RequestIn>,
) -> AppResult<(StatusCode, Json<MediaRequest>)> {
    let r = super::register(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// One request.
#[utoipa::path(get, path = "/api/v1/press/requests/{id}", tag = "press",
    params(("id" = i64, Path)),
    responses((status = 200, body = MediaRequest), (status = 404)), security(("bearer" = [])))]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<MediaRequest>> {
    Ok(Json(super::get(&state.db, id).await?))
}

/// Records the answer, once.
#[utoipa::path(post, path = "/api/v1/press/requests/{id}/answer", tag = "press",
    params(("id" = i64, Path)), request_body = AnswerIn,
    responses((status = 200, body = MediaRequest), (status = 400, body = crate::error::ErrorBody),
        (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn answer(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<AnswerIn>,
) -> AppResult<Json<MediaRequest>> {
    Ok(Json(
        super::answer(&state.db, &me.actor(), id, input).await?,
    ))
}
