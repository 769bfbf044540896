//! The JSON API of activity records: the offence catalogue, sanction records (lists, exports with
//! a reason to see personal data, imports and their reports, column mappings), referrals,
//! activity counts and the data-quality findings.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::catalogue::{self, Offence, OffenceIn};
use super::export;
use super::import::{Mode, Outcome};
use super::mapping::{self, Mapping};
use super::records::{self, CountIn, Referral, ReferralIn};
use super::store::{self, Filter, Sanction};
use super::{flow, quality, uploads};
use crate::AppState;
use crate::audit::access_log::{self, Reason};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Body, Query};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(offences, add_offence, sanctions, export_masked, export_revealed, import_file,
        import_report, get_mapping, put_mapping, referrals, add_referral, counts, set_count,
        quality_findings),
    components(schemas(Offence, OffenceIn, Sanction, Filter, ExportIn, Outcome, ImportOut, Mode,
        super::report::Line, Referral, ReferralIn, CountIn, quality::Quality, quality::Finding,
        quality::Geocoded)),
    tags((name = "activity", description = "Offence catalogue, sanction records, imports, exports, activity counts"))
)]
pub struct ActivityApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::ACTIVITY);
    let write = Access::Roles(groups::ACTIVITY_WRITE);
    Routes::new()
        .get("/api/v1/offences", read, offences)
        .post(
            "/api/v1/offences",
            Access::Roles(groups::ADMIN),
            add_offence,
        )
        .get("/api/v1/sanctions", read, sanctions)
        .get("/api/v1/sanctions/export", read, export_masked)
        .post("/api/v1/sanctions/export", read, export_revealed)
        .post("/api/v1/sanctions/import", write, import_file)
        .get("/api/v1/import-reports/{token}", write, import_report)
        .get("/api/v1/import-mappings/{source}", write, get_mapping)
        .put("/api/v1/import-mappings/{source}", write, put_mapping)
        .get("/api/v1/referrals", read, referrals)
        .post("/api/v1/referrals", write, add_referral)
        .get("/api/v1/activity-counts", read, counts)
        .post("/api/v1/activity-counts", write, set_count)
        .get("/api/v1/sanctions/quality", read, quality_findings)
}

/// Every version of every offence in the catalogue.
#[utoipa::path(get, path = "/api/v1/offences", tag = "activity",
    responses((status = 200, body = [Offence])), security(("bearer" = [])))]
pub async fn offences(State(state): State<AppState>) -> AppResult<Json<Vec<Offence>>> {
    Ok(Json(catalogue::list(&state.db).await?))
}

/// Adds a version of an offence (administrator); the version before it ends the day before.
#[utoipa::path(post, path = "/api/v1/offences", tag = "activity", request_body = OffenceIn,
    responses((status = 201, body = Offence), (status = 400)), security(("bearer" = [])))]
pub async fn add_offence(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<OffenceIn>,
) -> AppResult<(StatusCode, Json<Offence>)> {
    let o = catalogue::add_version(&state.db, &me.actor(), &input).await?;
    Ok((StatusCode::CREATED, Json(o)))
}

/// Sanction records matching the filter, newest first; offenders masked.
#[utoipa::path(get, path = "/api/v1/sanctions", tag = "activity", params(Filter),
    responses((status = 200, body = [Sanction]), (status = 400)), security(("bearer" = [])))]
pub async fn sanctions(
    State(state): State<AppState>,
    Query(f): Query<Filter>,
) -> AppResult<Json<Vec<Sanction>>> {
    Ok(Json(store::list(&state.db, &f, 5_000, false).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FormatQuery {
    /// `csv`, `xlsx` or `geojson`.
    pub format: String,
}

pub(super) fn file_response(format: export::Format, bytes: Vec<u8>) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"sanctiuni.{}\"",
        format.extension()
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

/// The filtered list as CSV, XLSX or GeoJSON, offenders masked.
#[utoipa::path(get, path = "/api/v1/sanctions/export", tag = "activity", params(FormatQuery, Filter),
    responses((status = 200, description = "the file"), (status = 400)), security(("bearer" = [])))]
pub async fn export_masked(
    State(state): State<AppState>,
    Query(fq): Query<FormatQuery>,
    Query(q): Query<Filter>,
) -> AppResult<Response> {
    let format = export::Format::parse(&fq.format)?;
    let records = store::list(&state.db, &q, 1_000_000, false).await?;
    Ok(file_response(format, export::render(format, &records)?))
}

/// An export with the offenders' identity: the reason is required and logged.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExportIn {
    pub reason: String,
    /// `csv`, `xlsx` or `geojson`.
    pub format: String,
    #[serde(default)]
    pub filter: Filter,
}

/// The filtered list with offenders in full; the reading and its reason go to the access log.
#[utoipa::path(post, path = "/api/v1/sanctions/export", tag = "activity", request_body = ExportIn,
    responses((status = 200, description = "the file"), (status = 400)), security(("bearer" = [])))]
pub async fn export_revealed(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ExportIn>,
) -> AppResult<Response> {
    let reason = Reason::parse(&input.reason)?;
    let format = export::Format::parse(&input.format)?;
    let bytes = flow::revealed_export(&state.db, &me, &input.filter, format, &reason).await?;
    Ok(file_response(format, bytes))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// The file's name (`.csv` or `.xlsx` tells its format).
    pub name: String,
    /// The department's source whose saved mapping is used (default: `default`).
    pub source: Option<String>,
    /// `check`, `valid` or `all` (default `check`).
    pub mode: Option<String>,
}

/// What an import did, and the token of its problem report.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportOut {
    #[serde(flatten)]
    pub outcome: Outcome,
    /// `GET /api/v1/import-reports/{report}` gives every problem as CSV.
    pub report: String,
}

/// Imports sanction records from the request body (the file's bytes). Mapping: the one saved
/// for the source, else guessed from the headers.
#[utoipa::path(post, path = "/api/v1/sanctions/import", tag = "activity", params(ImportQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = ImportOut), (status = 400)), security(("bearer" = [])))]
pub async fn import_file(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<ImportQuery>,
    bytes: Bytes,
) -> AppResult<Json<ImportOut>> {
    let mode = Mode::parse(q.mode.as_deref().unwrap_or("check"))?;
    let token = uploads::keep(&q.name, &bytes)?;
    let source = q.source.unwrap_or_else(|| "default".into());
    let outcome = flow::run(&state.db, &me.actor(), &token, &source, None, mode).await?;
    Ok(Json(ImportOut {
        outcome,
        report: token,
    }))
}

/// Every problem of an import, as CSV (file, row, cell, column, field, value, problem).
#[utoipa::path(get, path = "/api/v1/import-reports/{token}", tag = "activity",
    params(("token" = String, Path)), responses((status = 200, description = "CSV"), (status = 404)),
    security(("bearer" = [])))]
pub async fn import_report(Path(token): Path<String>) -> AppResult<Response> {
    flow::report_response(&token)
}

/// The column mapping saved for a source.
#[utoipa::path(get, path = "/api/v1/import-mappings/{source}", tag = "activity",
    params(("source" = String, Path)), responses((status = 200, body = Object), (status = 404)),
    security(("bearer" = [])))]
pub async fn get_mapping(
    State(state): State<AppState>,
    Path(source): Path<String>,
) -> AppResult<Json<Mapping>> {
    mapping::load(&state.db, &source)
        .await?
        .map(Json)
        .ok_or(AppError::NotFound)
}

/// Saves a source's column mapping: `{"series": "Seria", "date": "Data PV", …}`.
#[utoipa::path(put, path = "/api/v1/import-mappings/{source}", tag = "activity",
    params(("source" = String, Path)), request_body = Object,
    responses((status = 204), (status = 400)), security(("bearer" = [])))]
pub async fn put_mapping(
    State(state): State<AppState>,
    Path(source): Path<String>,
    Body(m): Body<Mapping>,
) -> AppResult<StatusCode> {
    if let Some(bad) = m.keys().find(|k| super::model::Field::parse(k).is_none()) {
        return Err(AppError::bad(
            "mapping",
            Said::new(
                format!("„{bad}” nu este un câmp al procesului-verbal"),
                format!("“{bad}” is not a field of a sanction record"),
            ),
        ));
    }
    mapping::save(&state.db, &source, &m).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Offences handed over and crimes caught in the act, newest first.
#[utoipa::path(get, path = "/api/v1/referrals", tag = "activity",
    responses((status = 200, body = [Referral])), security(("bearer" = [])))]
pub async fn referrals(State(state): State<AppState>) -> AppResult<Json<Vec<Referral>>> {
    Ok(Json(records::referrals(&state.db).await?))
}

/// Records an offence handed over (to whom, when, reference) or a crime caught in the act.
#[utoipa::path(post, path = "/api/v1/referrals", tag = "activity", request_body = ReferralIn,
    responses((status = 201, body = Referral), (status = 400)), security(("bearer" = [])))]
pub async fn add_referral(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<ReferralIn>,
) -> AppResult<(StatusCode, Json<Referral>)> {
    let r = records::add_referral(&state.db, &me.actor(), &payload).await?;
    Ok((StatusCode::CREATED, Json(r)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct Period {
    /// `dd.mm.yyyy`.
    pub from: String,
    pub to: String,
}

/// Activity counts summed per department, team and kind over a period.
#[utoipa::path(get, path = "/api/v1/activity-counts", tag = "activity", params(Period),
    responses((status = 200, body = [CountIn]), (status = 400)), security(("bearer" = [])))]
pub async fn counts(
    State(state): State<AppState>,
    Query(p): Query<Period>,
) -> AppResult<Json<Vec<CountIn>>> {
    let from = super::parse::date(&p.from).map_err(|m| AppError::bad("from", m))?;
    let to = super::parse::date(&p.to).map_err(|m| AppError::bad("to", m))?;
    Ok(Json(
        records::counts(&state.db, &from.to_string(), &to.to_string()).await?,
    ))
}

/// Records (or replaces) a day's count of an activity for a department's team.
#[utoipa::path(post, path = "/api/v1/activity-counts", tag = "activity", request_body = CountIn,
    responses((status = 204), (status = 400)), security(("bearer" = [])))]
pub async fn set_count(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<CountIn>,
) -> AppResult<StatusCode> {
    records::set_count(&state.db, &me.actor(), &payload).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Data quality: missing coordinates, unknown legal bases, fines outside the range, duplicates,
/// and the addresses matched against the street list.
#[utoipa::path(get, path = "/api/v1/sanctions/quality", tag = "activity",
    responses((status = 200, body = quality::Quality)), security(("bearer" = [])))]
pub async fn quality_findings(State(state): State<AppState>) -> AppResult<Json<quality::Quality>> {
    Ok(Json(quality::check(&state.db, 50).await?))
}

/// Records a reading of personal data in exports.
pub(super) async fn log_reveal(
    state_db: &crate::db::Db,
    me: &CurrentUser,
    what: &str,
    reason: &Reason,
) -> AppResult<()> {
    access_log::record(
        state_db,
        me,
        "sanctions",
        what,
        &["offender_name", "offender_id"],
        reason,
    )
    .await?;
    Ok(())
}
