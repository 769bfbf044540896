//! The duty desk's further JSON API: address type-ahead, open incidents near a new call,
//! joining a call, notes, releasing a crew, attachments, and a crew's route for replay.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::addresses::Suggestion;
use super::attachments::Attachment;
use super::calls::Nearby;
use super::incident_forms::CallForm;
use super::model::LatLon;
use super::store::Incident;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::text;
use crate::http::extract::{Body, Id, Query};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        addresses,
        nearby,
        join_call,
        add_note,
        unassign,
        attachments,
        attach,
        download,
        track
    ),
    components(schemas(
        Suggestion,
        Nearby,
        CallIn,
        NoteIn,
        UnassignIn,
        Attachment,
        super::tracks::Track,
        super::tracks::TrackPoint
    ))
)]
pub struct DeskApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .get("/api/v1/addresses", read, addresses)
        .get("/api/v1/incidents/nearby", read, nearby)
        .post("/api/v1/incidents/{id}/calls", write, join_call)
        .post("/api/v1/incidents/{id}/notes", write, add_note)
        .post("/api/v1/incidents/{id}/unassign", write, unassign)
        .get("/api/v1/incidents/{id}/attachments", read, attachments)
        .post("/api/v1/incidents/{id}/attachments", write, attach)
        .get("/api/v1/attachments/{id}", read, download)
        .get("/api/v1/units/{id}/track", read, track)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AddressQuery {
    /// What has been typed: `republicii 12`, `Gârneț`, `garnet` (diacritics optional).
    pub q: String,
    /// At most this many suggestions (default 10, at most 50).
    pub limit: Option<usize>,
}

/// Streets of Timișoara matching what has been typed, folded (ș ş s alike), with the house number.
#[utoipa::path(get, path = "/api/v1/addresses", tag = "dispatch", params(AddressQuery),
    responses((status = 200, body = [Suggestion])), security(("bearer" = [])))]
pub async fn addresses(Query(q): Query<AddressQuery>) -> Json<Vec<Suggestion>> {
    Json(super::addresses::suggest(
        &q.q,
        q.limit.unwrap_or(10).clamp(1, 50),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct NearbyQuery {
    pub lat: f64,
    pub lon: f64,
    /// The new call's incident type: incidents of the same type come first.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Open incidents received in the last hour within 100 m: a new call may join one instead.
#[utoipa::path(get, path = "/api/v1/incidents/nearby", tag = "dispatch", params(NearbyQuery),
    responses((status = 200, body = [Nearby]), (status = 400)), security(("bearer" = [])))]
pub async fn nearby(
    State(state): State<AppState>,
    Query(q): Query<NearbyQuery>,
) -> AppResult<Json<Vec<Nearby>>> {
    let p = LatLon::new(q.lat, q.lon).map_err(|(f, m)| AppError::bad(f, m))?;
    let kind = q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty());
    Ok(Json(
        super::calls::nearby(&state.db, p.lat, p.lon, kind, now_ms()).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CallIn {
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub description: Option<String>,
}

/// Joins a further call to an open incident instead of opening a duplicate.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/calls", tag = "dispatch", request_body = CallIn,
    params(("id" = i64, Path)),
    responses((status = 201, body = Incident), (status = 409)), security(("bearer" = [])))]
pub async fn join_call(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(c): Body<CallIn>,
) -> AppResult<(StatusCode, Json<Incident>)> {
    let call = CallForm {
        caller_name: c.caller_name,
        caller_phone: c.caller_phone,
        description: c.description,
    }
    .parse()?;
    let incident = super::calls::join(&state.db, &me.actor(), id, call).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(incident)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoteIn {
    pub note: String,
}

/// Adds a note to the incident's timeline.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/notes", tag = "dispatch", request_body = NoteIn,
    params(("id" = i64, Path)), responses((status = 201), (status = 400)), security(("bearer" = [])))]
pub async fn add_note(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(n): Body<NoteIn>,
) -> AppResult<StatusCode> {
    let note = text(Some(n.note), "note", 4000)?
        .ok_or_else(|| AppError::bad("note", "the note is empty"))?;
    super::calls::add_note(&state.db, &me.actor(), id, &note).await?;
    state.live.published();
    Ok(StatusCode::CREATED)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct UnassignIn {
    pub unit_id: i64,
    pub note: Option<String>,
}

/// Releases a crew from the incident; the crew is available again.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/unassign", tag = "dispatch", request_body = UnassignIn,
    params(("id" = i64, Path)), responses((status = 200, body = Incident), (status = 409)), security(("bearer" = [])))]
pub async fn unassign(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(u): Body<UnassignIn>,
) -> AppResult<Json<Incident>> {
    let note = text(u.note, "note", 2000)?;
    let incident =
        super::assignment::unassign(&state.db, &me.actor(), id, u.unit_id, note.as_deref()).await?;
    state.live.published();
    Ok(Json(incident))
}

/// The incident's attachments (without their content).
#[utoipa::path(get, path = "/api/v1/incidents/{id}/attachments", tag = "dispatch",
    params(("id" = i64, Path)), responses((status = 200, body = [Attachment])), security(("bearer" = [])))]
pub async fn attachments(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<Attachment>>> {
    super::store::get(&state.db, id).await?;
    Ok(Json(super::attachments::list(&state.db, id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AttachQuery {
    /// The file's name, e.g. `foto1.jpg`.
    pub name: String,
}

/// Attaches the request body as a file (its kind is read from its bytes; at most 10 MB).
#[utoipa::path(post, path = "/api/v1/incidents/{id}/attachments", tag = "dispatch",
    params(("id" = i64, Path), AttachQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Attachment), (status = 400)), security(("bearer" = [])))]
pub async fn attach(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    query: Result<Query<AttachQuery>, AppError>,
    body: Bytes,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    let Query(q) = query.map_err(|_| AppError::bad("name", "give the file's name: ?name=…"))?;
    let a = super::attachments::add(&state.db, &me.actor(), id, &q.name, &body).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(a)))
}

/// Downloads an attachment, as the file it was.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "dispatch",
    params(("id" = i64, Path)), responses((status = 200, description = "the file"), (status = 404)), security(("bearer" = [])))]
pub async fn download(State(state): State<AppState>, Id(id): Id) -> AppResult<Response> {
    let (a, bytes) = super::attachments::content(&state.db, id).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&a.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    let ascii: String = a
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct TrackQuery {
    /// Start: RFC 3339 (`2026-11-29T08:00:00+02:00`) or a day `2026-11-29`; default 12 hours ago.
    pub from: Option<String>,
    /// End (excluded), same forms; default now. A day means its end.
    pub to: Option<String>,
    /// `json` (default) or `geojson`.
    pub format: Option<String>,
}

/// An instant as RFC 3339 or a day (its start, or with `end`, the next day's start).
pub fn parse_instant(field: &'static str, text: &str, end: bool) -> AppResult<i64> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<jiff::Timestamp>() {
        return Ok(ts.as_millisecond());
    }
    let day = crate::calendar::parse_date(t).map_err(|_| {
        AppError::bad(
            field,
            format!("`{t}` is neither an instant (RFC 3339) nor a day (YYYY-MM-DD)"),
        )
    })?;
    let day = if end {
        day.tomorrow().unwrap_or(day)
    } else {
        day
    };
    let tz = crate::time::bucharest();
    day.to_zoned(tz)
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|_| AppError::bad(field, format!("`{t}` is out of range")))
}

/// A crew's route over a period, to replay it on the map.
#[utoipa::path(get, path = "/api/v1/units/{id}/track", tag = "dispatch",
    params(("id" = i64, Path), TrackQuery),
    responses((status = 200, body = super::tracks::Track), (status = 400), (status = 404)), security(("bearer" = [])))]
pub async fn track(
    State(state): State<AppState>,
    Id(id): Id,
    Query(q): Query<TrackQuery>,
) -> AppResult<Response> {
    let to = match q.to.as_deref() {
        Some(t) => parse_instant("to", t, true)?,
        None => now_ms(),
    };
    let from = match q.from.as_deref() {
        Some(t) => parse_instant("from", t, false)?,
        None => to - 12 * 3_600_000,
    };
    if to <= from {
        return Err(AppError::bad("to", "the period ends before it starts"));
    }
    let t = super::tracks::track(&state.db, id, from, to).await?;
    match q.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(t).into_response()),
        "geojson" => {
            let mut r = super::tracks::to_geojson(&t).to_string().into_response();
            r.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            );
            Ok(r)
        }
        other => Err(AppError::bad(
            "format",
            format!("unknown format `{other}`; formats are: json, geojson"),
        )),
    }
}
