//! Public alerts over HTTP: the dispatchers' JSON API under `/api/v1/alerts`, and the public
//! CAP documents (`/cap/alerts.xml`, the Atom index; `/cap/alerts/{identifier}.xml`, one alert).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::model::AlertIn;
use super::store::{self, Alert};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Id};

/// This feature's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(issue, list, cancel),
    components(schemas(AlertIn, Alert)),
    tags((name = "alerts", description = "Public alerts (OASIS CAP 1.2)"))
)]
pub struct AlertsApi;

/// Issues a public alert (CAP msgType Alert); it appears at once in `/cap/alerts.xml`.
#[utoipa::path(post, path = "/api/v1/alerts", tag = "alerts", request_body = AlertIn,
    responses((status = 201, body = Alert), (status = 400, body = crate::error::ErrorBody), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn issue(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<AlertIn>,
) -> AppResult<(StatusCode, Json<Alert>)> {
    let alert = store::issue(&state.db, &me.actor(), input.parse(now_ms())?).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(alert)))
}

/// Cancels an alert: issues the CAP Cancel message that references it (409 if already cancelled).
#[utoipa::path(post, path = "/api/v1/alerts/{id}/cancel", tag = "alerts",
    params(("id" = i64, Path)),
    responses((status = 201, body = Alert, description = "the Cancel message"), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn cancel(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<(StatusCode, Json<Alert>)> {
    let cancel = store::cancel(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(cancel)))
}

/// The alerts and cancels of the last 30 days, newest first.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "alerts",
    responses((status = 200, body = [Alert])), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>) -> AppResult<Json<Vec<Alert>>> {
    Ok(Json(store::recent(&state.db, 30).await?))
}

fn xml(body: String, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    r
}

/// `GET /cap/alerts.xml`: the Atom index of current alerts (public).
pub async fn feed(State(state): State<AppState>) -> AppResult<Response> {
    let alerts = store::current(&state.db).await?;
    Ok(xml(
        super::cap::feed_xml(&alerts, now_ms()),
        super::cap::CONTENT_TYPE_ATOM,
    ))
}

/// `GET /cap/alerts/{identifier}.xml`: one CAP 1.2 message (public).
pub async fn one(State(state): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let identifier = file.strip_suffix(".xml").ok_or(AppError::NotFound)?;
    if identifier.is_empty()
        || !identifier
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(AppError::NotFound);
    }
    let alert = store::by_identifier(&state.db, identifier).await?;
    let incident = match alert.incident_id {
        Some(id) => Some(crate::dispatch::store::get(&state.db, id).await?.reference),
        None => None,
    };
    Ok(xml(
        super::cap::alert_xml(&alert, incident.as_deref()),
        super::cap::CONTENT_TYPE_CAP,
    ))
}
