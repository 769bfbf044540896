//! The analysis JSON API under /api/v1/analysis: hot spots, trends, near repeat, the operational
//! situation, and proposals with their decisions and effect.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;

use super::filter::RawQuery;
use super::proposals::{self, DecisionIn, Effect, Proposal, ProposalIn};
use super::service::{self, Stated};
use super::{hotspots::Hotspots, nearrepeat::NearRepeat, situation::Situation, trends::Trends};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};
use crate::web::lang_of;

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(api_hotspots, api_trends, api_near_repeat, api_situation, api_proposals, api_propose, api_proposal, api_decide),
    components(schemas(
        Stated, super::filter::Filter, Hotspots, super::hotspots::Params, super::hotspots::Cell, Trends,
        super::trends::ModelOut, NearRepeat, super::nearrepeat::Params, Situation, super::situation::Line,
        Proposal, ProposalIn, DecisionIn, Effect, ProposalOut, HotspotsOut, TrendsOut, NearRepeatOut, SituationOut
    )),
    tags((name = "analysis", description = "Hot spots, trends, near repeat, the operational situation, proposals"))
)]
pub struct AnalysisApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/api/v1/analysis/hotspots", read, api_hotspots)
        .get("/api/v1/analysis/trends", read, api_trends)
        .get("/api/v1/analysis/near-repeat", read, api_near_repeat)
        .get("/api/v1/analysis/situation", read, api_situation)
        .get("/api/v1/analysis/proposals", read, api_proposals)
        .post(
            "/api/v1/analysis/proposals",
            Access::Roles(groups::PROPOSE_MEASURES),
            api_propose,
        )
        .get("/api/v1/analysis/proposals/{id}", read, api_proposal)
        .post(
            "/api/v1/analysis/proposals/{id}/decision",
            Access::Roles(groups::DECIDE_MEASURES),
            api_decide,
        )
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HotspotsOut {
    pub stated: Stated,
    pub result: Hotspots,
}
#[derive(Serialize, utoipa::ToSchema)]
pub struct TrendsOut {
    pub stated: Stated,
    pub result: Trends,
}
#[derive(Serialize, utoipa::ToSchema)]
pub struct NearRepeatOut {
    pub stated: Stated,
    pub result: NearRepeat,
}
#[derive(Serialize, utoipa::ToSchema)]
pub struct SituationOut {
    pub stated: Stated,
    pub result: Situation,
}
#[derive(Serialize, utoipa::ToSchema)]
pub struct ProposalOut {
    pub proposal: Proposal,
    /// Before/after counts once approved and started.
    pub effect: Option<Effect>,
}

/// Kernel density and Gi* hot/cold classes on a UTM 34N grid of the filtered incidents.
#[utoipa::path(get, path = "/api/v1/analysis/hotspots", tag = "analysis", params(RawQuery),
    responses((status = 200, body = HotspotsOut), (status = 400)), security(("bearer" = [])))]
pub async fn api_hotspots(
    State(s): State<AppState>,
    h: HeaderMap,
    Query(q): Query<RawQuery>,
) -> AppResult<Json<HotspotsOut>> {
    let (stated, r) = service::hotspots(&s, &q, lang_of(&h)).await?;
    Ok(Json(HotspotsOut {
        stated,
        result: (*r).clone(),
    }))
}

/// Weekly or monthly counts, seasonal profile, forecasts with 95% bands, back-test MASE, change points.
#[utoipa::path(get, path = "/api/v1/analysis/trends", tag = "analysis", params(RawQuery),
    responses((status = 200, body = TrendsOut), (status = 400)), security(("bearer" = [])))]
pub async fn api_trends(
    State(s): State<AppState>,
    h: HeaderMap,
    Query(q): Query<RawQuery>,
) -> AppResult<Json<TrendsOut>> {
    let (stated, r) = service::trends(&s, &q, lang_of(&h)).await?;
    Ok(Json(TrendsOut {
        stated,
        result: (*r).clone(),
    }))
}

/// The Knox near-repeat table with plain-language readings.
#[utoipa::path(get, path = "/api/v1/analysis/near-repeat", tag = "analysis", params(RawQuery),
    responses((status = 200, body = NearRepeatOut), (status = 400)), security(("bearer" = [])))]
pub async fn api_near_repeat(
    State(s): State<AppState>,
    h: HeaderMap,
    Query(q): Query<RawQuery>,
) -> AppResult<Json<NearRepeatOut>> {
    let (stated, r) = service::near_repeat(&s, &q, lang_of(&h)).await?;
    Ok(Json(NearRepeatOut {
        stated,
        result: (*r).clone(),
    }))
}

/// The week ending on `to` against the same week last year and the four weeks before, per type and neighbourhood.
#[utoipa::path(get, path = "/api/v1/analysis/situation", tag = "analysis", params(RawQuery),
    responses((status = 200, body = SituationOut), (status = 400)), security(("bearer" = [])))]
pub async fn api_situation(
    State(s): State<AppState>,
    h: HeaderMap,
    Query(q): Query<RawQuery>,
) -> AppResult<Json<SituationOut>> {
    let (stated, r) = service::situation(&s, &q, lang_of(&h)).await?;
    Ok(Json(SituationOut {
        stated,
        result: (*r).clone(),
    }))
}

/// Proposals, newest first.
#[utoipa::path(get, path = "/api/v1/analysis/proposals", tag = "analysis",
    responses((status = 200, body = [Proposal])), security(("bearer" = [])))]
pub async fn api_proposals(State(s): State<AppState>) -> AppResult<Json<Vec<Proposal>>> {
    Ok(Json(proposals::list(&s.db).await?))
}

/// Records a measure proposed from an analysis (analysts, head of service).
#[utoipa::path(post, path = "/api/v1/analysis/proposals", tag = "analysis", request_body = ProposalIn,
    responses((status = 201, body = Proposal), (status = 400)), security(("bearer" = [])))]
pub async fn api_propose(
    State(s): State<AppState>,
    me: CurrentUser,
    Body(p): Body<ProposalIn>,
) -> AppResult<(StatusCode, Json<Proposal>)> {
    Ok((
        StatusCode::CREATED,
        Json(proposals::create(&s.db, &me.actor(), &p).await?),
    ))
}

/// One proposal and, once approved and started, its effect.
#[utoipa::path(get, path = "/api/v1/analysis/proposals/{id}", tag = "analysis", params(("id" = i64, Path)),
    responses((status = 200, body = ProposalOut), (status = 404)), security(("bearer" = [])))]
pub async fn api_proposal(State(s): State<AppState>, Id(id): Id) -> AppResult<Json<ProposalOut>> {
    let proposal = proposals::get(&s.db, id).await?;
    let effect = proposals::effect(&s.db, &proposal).await?;
    Ok(Json(ProposalOut { proposal, effect }))
}

/// Approves or rejects a proposal with a note (head of service, management).
#[utoipa::path(post, path = "/api/v1/analysis/proposals/{id}/decision", tag = "analysis", request_body = DecisionIn,
    params(("id" = i64, Path)), responses((status = 200, body = Proposal), (status = 400), (status = 409)), security(("bearer" = [])))]
pub async fn api_decide(
    State(s): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(d): Body<DecisionIn>,
) -> AppResult<Json<Proposal>> {
    Ok(Json(proposals::decide(&s.db, &me.actor(), id, &d).await?))
}
