//! Circulars over JSON (`/api/v1/circulars…`); described in `AccreditationApi`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::{Circular, CircularIn, Recipient};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Body, Id};

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/circulars", Access::SignedIn, mine)
        .post(
            "/api/v1/circulars",
            Access::Roles(groups::CIRCULARS_WRITE),
            create,
        )
        .get("/api/v1/circulars/{id}", Access::SignedIn, one)
        .post("/api/v1/circulars/{id}/read", Access::SignedIn, read)
}

/// A circular addressed to the caller, with when they read it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Mine {
    #[serde(flatten)]
    pub circular: Circular,
    pub read_at: Option<i64>,
}

/// A circular with its addressees (for its writers).
#[derive(Serialize, utoipa::ToSchema)]
pub struct WithRecipients {
    #[serde(flatten)]
    pub circular: Circular,
    /// For writers only: each addressee and when they read it.
    pub recipients: Option<Vec<Recipient>>,
    /// When the caller read it, if addressed to them.
    pub read_at: Option<i64>,
}

/// The circulars addressed to the caller, unread first.
#[utoipa::path(get, path = "/api/v1/circulars", tag = "press",
    responses((status = 200, body = [Mine])), security(("bearer" = [])))]
pub async fn mine(State(state): State<AppState>, me: CurrentUser) -> AppResult<Json<Vec<Mine>>> {
    Ok(Json(
        super::mine(&state.db, me.id)
            .await?
            .into_iter()
            .map(|(circular, read_at)| Mine { circular, read_at })
            .collect(),
    ))
}

/// Publishes a circular to all, a role or a department; each addressee is notified.
#[utoipa::path(post, path = "/api/v1/circulars", tag = "press", request_body = CircularIn,
    responses((status = 201, body = Circular), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<CircularIn>,
) -> AppResult<(StatusCode, Json<Circular>)> {
    let c = super::publish(&state.db, &me.actor(), input, now_ms()).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// One circular: to its addressees, and to its writers with who has read it and who has not.
#[utoipa::path(get, path = "/api/v1/circulars/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = WithRecipients), (status = 404)), security(("bearer" = [])))]
pub async fn one(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<WithRecipients>> {
    let (circular, recipients, read_at) = super::pages::visible(&state, &me, id).await?;
    Ok(Json(WithRecipients {
        circular,
        recipients,
        read_at,
    }))
}

/// The caller confirms reading a circular addressed to them (again: no change).
#[utoipa::path(post, path = "/api/v1/circulars/{id}/read", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404)), security(("bearer" = [])))]
pub async fn read(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<serde_json::Value>> {
    let at = super::confirm(&state.db, &me.actor(), id, now_ms()).await?;
    Ok(Json(serde_json::json!({"id": id, "read_at": at})))
}
