//! The releases' JSON API under `/api/v1/press/releases`: the list, one release with its photos,
//! drafting, editing, submitting, approving or returning, photos (the image's bytes as the body)
//! and the PDF/DOCX documents.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::document;
use super::model::Status;
use super::photos::{self, Photo};
use super::store::{self, Release, ReleaseIn};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::documents::{self, Format};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Id, Query, text};

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list, create, get, edit, submit, approve, give_back, add_photo, download),
    components(schemas(Release, ReleaseIn, ReleaseOut, Photo, ReturnIn)),
    tags((name = "press", description = "The press office: releases, statements, corrections and the public newsroom"))
)]
pub struct ReleasesApi;

/// A release with its photos.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReleaseOut {
    #[serde(flatten)]
    pub release: Release,
    pub photos: Vec<Photo>,
    /// The public page, once published.
    pub public_url: Option<String>,
}

async fn out(state: &AppState, release: Release) -> AppResult<ReleaseOut> {
    let photos = photos::of_release(&state.db, release.id).await?;
    let public_url = release
        .is_public(crate::db::now_ms())
        .then(|| format!("/presa/comunicate/{}", release.id));
    Ok(ReleaseOut {
        release,
        photos,
        public_url,
    })
}

/// The list's filter.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// draft, submitted, approved, returned
    pub status: Option<String>,
}

/// Releases, the latest changed first (at most 500).
#[utoipa::path(get, path = "/api/v1/press/releases", tag = "press", params(ListQuery),
    responses((status = 200, body = [Release])), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<Release>>> {
    let status = match q.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(Status::parse(s).ok_or_else(|| {
            AppError::bad("status", "status is draft, submitted, approved or returned")
        })?),
    };
    Ok(Json(store::list(&state.db, status, 500).await?))
}

/// Drafts a release (press office). The text is cleaned to the allowed HTML; each link is
/// checked to exist (400 naming the field).
#[utoipa::path(post, path = "/api/v1/press/releases", tag = "press", request_body = ReleaseIn,
    responses((status = 201, body = ReleaseOut), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ReleaseIn>,
) -> AppResult<(StatusCode, Json<ReleaseOut>)> {
    let r = store::create(&state.db, &me, input).await?;
    Ok((StatusCode::CREATED, Json(out(&state, r).await?)))
}

/// One release with its photos.
#[utoipa::path(get, path = "/api/v1/press/releases/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = ReleaseOut), (status = 404)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<ReleaseOut>> {
    let r = store::get(&state.db, id).await?;
    Ok(Json(out(&state, r).await?))
}

/// Changes a draft or a returned release (409 once submitted or approved).
#[utoipa::path(put, path = "/api/v1/press/releases/{id}", tag = "press", params(("id" = i64, Path)),
    request_body = ReleaseIn,
    responses((status = 200, body = ReleaseOut), (status = 400, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ReleaseIn>,
) -> AppResult<Json<ReleaseOut>> {
    let r = store::edit(&state.db, &me, id, input).await?;
    Ok(Json(out(&state, r).await?))
}

/// Submits the release to the head of service.
#[utoipa::path(post, path = "/api/v1/press/releases/{id}/submit", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = ReleaseOut), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<ReleaseOut>> {
    let r = store::submit(&state.db, &me, id).await?;
    Ok(Json(out(&state, r).await?))
}

/// Approves a submitted release (head of service): it gets the number of its day of
/// publication, and is public from the later of now and its embargo.
#[utoipa::path(post, path = "/api/v1/press/releases/{id}/approve", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = ReleaseOut), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<ReleaseOut>> {
    let r = store::approve(&state.db, &me, id).await?;
    Ok(Json(out(&state, r).await?))
}

/// Why a release goes back to its author.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReturnIn {
    pub reason: Option<String>,
}

/// Returns a submitted release to its author with a reason (head of service).
#[utoipa::path(post, path = "/api/v1/press/releases/{id}/return", tag = "press", params(("id" = i64, Path)),
    request_body = ReturnIn,
    responses((status = 200, body = ReleaseOut), (status = 400, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn give_back(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ReturnIn>,
) -> AppResult<Json<ReleaseOut>> {
    let reason = text(input.reason, "reason", 2000)?.unwrap_or_default();
    let r = store::give_back(&state.db, &me, id, &reason).await?;
    Ok(Json(out(&state, r).await?))
}

/// The photo's caption.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PhotoQuery {
    pub caption: Option<String>,
}

/// Adds a photo: the JPEG or PNG file as the body (at most 10 MB), re-encoded at most 1600 px a
/// side without its EXIF data.
#[utoipa::path(post, path = "/api/v1/press/releases/{id}/photos", tag = "press",
    params(("id" = i64, Path), PhotoQuery),
    request_body(content = Vec<u8>, content_type = "image/jpeg"),
    responses((status = 201, body = Photo), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_photo(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Query(q): Query<PhotoQuery>,
    body: axum::body::Body,
) -> AppResult<(StatusCode, Json<Photo>)> {
    let caption = text(q.caption, "caption", 300)?;
    let bytes = axum::body::to_bytes(body, photos::MAX_BYTES)
        .await
        .map_err(|_| photos::too_big())?;
    let p = photos::add(&state.db, &me, id, bytes.to_vec(), caption).await?;
    Ok((StatusCode::CREATED, Json(p)))
}

/// The release as a document.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct FormatQuery {
    /// pdf or docx
    pub format: Option<String>,
}

/// The release as PDF or DOCX.
#[utoipa::path(get, path = "/api/v1/press/releases/{id}/document", tag = "press",
    params(("id" = i64, Path), FormatQuery),
    responses((status = 200, content_type = "application/pdf"), (status = 404)),
    security(("bearer" = [])))]
pub async fn download(
    State(state): State<AppState>,
    Id(id): Id,
    Query(q): Query<FormatQuery>,
) -> AppResult<Response> {
    let format = match q.format.as_deref().unwrap_or("pdf") {
        "pdf" => Format::Pdf,
        "docx" => Format::Docx,
        _ => return Err(AppError::bad("format", "format is pdf or docx")),
    };
    let r = store::get(&state.db, id).await?;
    documents::download(&document::document(&r), format, &document::stem(&r))
}
