//! The reports' JSON API: the half-yearly petitions analysis and the Law 544 annual report as
//! figures, and what the Law 544 report needs recorded (a request's facts, court cases, the
//! year's costs and measures).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::cases::Facts;
use super::court::{self, CourtCase, CourtCaseIn, OutcomeIn};
use super::facts::{self, FactsIn, YearFigures, YearFiguresIn};
use super::law544::Law544;
use super::petitions::Analysis;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/api/v1/registry/reports/petitions",
            Access::Roles(groups::REGISTRY_REPORTS),
            petitions,
        )
        .get(
            "/api/v1/registry/reports/law544",
            Access::Roles(groups::REGISTRY_REPORTS),
            law544,
        )
        .put(
            "/api/v1/registry/info/{id}/facts",
            Access::Roles(groups::REGISTRY_DESK),
            set_facts,
        )
        .post(
            "/api/v1/registry/court-cases",
            Access::Roles(groups::REGISTRY_DESK),
            add_court_case,
        )
        .put(
            "/api/v1/registry/court-cases/{id}",
            Access::Roles(groups::REGISTRY_DESK),
            set_court_outcome,
        )
        .put(
            "/api/v1/registry/reports/law544/{year}",
            Access::Roles(groups::OVERSIGHT),
            set_year,
        )
}

/// The period of a report.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PeriodQuery {
    /// The year (2000–2100); this year by default.
    pub year: Option<String>,
    /// 1 (January–June) or 2 (July–December); the last ended half-year by default.
    pub half: Option<String>,
    /// pdf, docx or xlsx (downloads only).
    pub format: Option<String>,
}

/// The half-yearly analysis of petitions (OG 27/2002 art. 13), beside the half-year before.
#[utoipa::path(get, path = "/api/v1/registry/reports/petitions", tag = "registry", params(PeriodQuery),
    responses((status = 200, body = Analysis), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn petitions(
    State(state): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Json<Analysis>> {
    let (year, half) = super::half_of(&q)?;
    Ok(Json(
        super::analysis(&state.db, year, half, crate::web::Lang::Ro).await?,
    ))
}

/// The annual report on public information (Law 544/2001, HG 123/2002 art. 27), every item.
#[utoipa::path(get, path = "/api/v1/registry/reports/law544", tag = "registry", params(PeriodQuery),
    responses((status = 200, body = Law544), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn law544(
    State(state): State<AppState>,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Json<Law544>> {
    let year = super::year_of(q.year.as_deref())?;
    Ok(Json(super::law544_report(&state.db, year).await?))
}

/// Records an information request's domain and ground of refusal, or a complaint's outcome.
#[utoipa::path(put, path = "/api/v1/registry/info/{id}/facts", tag = "registry", request_body = FactsIn,
    params(("id" = i64, Path, description = "The registry entry")),
    responses((status = 200, body = Facts), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_facts(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<FactsIn>,
) -> AppResult<Json<Facts>> {
    let f = payload.parse()?;
    Ok(Json(facts::set_facts(&state.db, &me.actor(), id, f).await?))
}

/// Records a court case about an information request (Law 544/2001 art. 22).
#[utoipa::path(post, path = "/api/v1/registry/court-cases", tag = "registry", request_body = CourtCaseIn,
    responses((status = 201, body = CourtCase), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_court_case(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<CourtCaseIn>,
) -> AppResult<(StatusCode, Json<CourtCase>)> {
    let case = court::add_court_case(&state.db, &me.actor(), payload).await?;
    Ok((StatusCode::CREATED, Json(case)))
}

/// Records a court case's outcome.
#[utoipa::path(put, path = "/api/v1/registry/court-cases/{id}", tag = "registry", request_body = OutcomeIn,
    params(("id" = i64, Path, description = "The court case")),
    responses((status = 200, body = CourtCase), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn set_court_outcome(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<OutcomeIn>,
) -> AppResult<Json<CourtCase>> {
    Ok(Json(
        court::set_court_outcome(&state.db, &me.actor(), id, payload).await?,
    ))
}

/// Records the year's costs, copying fees, measures and responsible person.
#[utoipa::path(put, path = "/api/v1/registry/reports/law544/{year}", tag = "registry", request_body = YearFiguresIn,
    params(("year" = i64, Path, description = "The report's year")),
    responses((status = 200, body = YearFigures), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_year(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(year): Path<String>,
    Body(payload): Body<YearFiguresIn>,
) -> AppResult<Json<YearFigures>> {
    let year = super::year_of(Some(&year))?;
    let f = payload.parse()?;
    Ok(Json(
        facts::set_year_figures(&state.db, &me.actor(), year, f).await?,
    ))
}
