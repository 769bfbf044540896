//! The special events' JSON API: declare, list, read, acknowledge.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::SpecialEvent;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(declare, list, get, acknowledge),
    components(schemas(SpecialEvent, super::Acknowledgement, DeclareIn)),
    tags((name = "special events", description = "Evenimente deosebite: declaration, notification, acknowledgement"))
)]
pub struct SpecialEventsApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .post(
            "/api/v1/incidents/{id}/special-event",
            Access::Roles(groups::DISPATCH),
            declare,
        )
        .get("/api/v1/special-events", read, list)
        .get("/api/v1/special-events/{id}", read, get)
        .post(
            "/api/v1/special-events/{id}/acknowledge",
            Access::Roles(groups::SPECIAL_EVENT_RECIPIENTS),
            acknowledge,
        )
}

/// A declaration.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct DeclareIn {
    /// Why this is a special event (injured persons, use of force, high public impact, …): 5–500 characters.
    pub reason: String,
}

/// Marks an incident as a special event: the head of service and management are notified in
/// the application at once, and by e-mail through the outbox (never blocking the declaration).
#[utoipa::path(post, path = "/api/v1/incidents/{id}/special-event", tag = "special events", request_body = DeclareIn,
    params(("id" = i64, Path)),
    responses((status = 201, body = SpecialEvent), (status = 400, body = crate::error::ErrorBody), (status = 404), (status = 409, description = "already a special event")),
    security(("bearer" = [])))]
pub async fn declare(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<DeclareIn>,
) -> AppResult<(StatusCode, Json<SpecialEvent>)> {
    let smtp = state.config.smtp.is_some();
    let event = super::declare(&state.db, &me.actor(), id, &input.reason, smtp).await?;
    state.live.published();
    state.mailer.queued();
    Ok((StatusCode::CREATED, Json(event)))
}

/// The newest special events with their acknowledgements and e-mail deliveries.
#[utoipa::path(get, path = "/api/v1/special-events", tag = "special events",
    responses((status = 200, body = [SpecialEvent])), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>) -> AppResult<Json<Vec<SpecialEvent>>> {
    Ok(Json(super::list(&state.db).await?))
}

/// One special event: who was told, who acknowledged and when, and each e-mail's state.
#[utoipa::path(get, path = "/api/v1/special-events/{id}", tag = "special events",
    params(("id" = i64, Path)), responses((status = 200, body = SpecialEvent), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<SpecialEvent>> {
    Ok(Json(super::get(&state.db, id).await?))
}

/// The caller (head of service or management) acknowledges the special event; 404 if they
/// were not notified of it, 409 if already acknowledged.
#[utoipa::path(post, path = "/api/v1/special-events/{id}/acknowledge", tag = "special events",
    params(("id" = i64, Path)),
    responses((status = 200, body = SpecialEvent), (status = 404), (status = 409)), security(("bearer" = [])))]
pub async fn acknowledge(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<SpecialEvent>> {
    let event = super::acknowledge(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Json(event))
}
