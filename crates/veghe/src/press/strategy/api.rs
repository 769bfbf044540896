//! The strategy, the campaigns and the spokesperson over JSON: `/api/v1/press/strategy…`,
//! `/api/v1/press/campaigns…`, `/api/v1/press/spokesperson`. The press office writes, the head
//! of service approves or returns, management reads.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

use super::campaigns::{self, Campaign, CampaignIn, LinkIn};
use super::spokesperson::{self, Spokesperson, SpokespersonIn};
use super::{
    Audience, AudienceIn, Message, MessageIn, NewVersionIn, Objective, ObjectiveIn, PartRef,
    ReturnIn, Strategy, SummaryIn, Version, store, today,
};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id};

/// The strategy's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(overview, start, one, summary, add_objective, add_audience, add_message, remove, submit,
        approve, give_back, campaign_list, campaign_add, campaign_one, campaign_change, campaign_link,
        spokesperson_get, spokesperson_set),
    components(schemas(Overview, Strategy, Version, Objective, Audience, Message, ObjectiveIn,
        AudienceIn, MessageIn, PartRef, NewVersionIn, SummaryIn, ReturnIn, Campaign, CampaignIn,
        LinkIn, Spokesperson, SpokespersonIn, Spokespersons)),
    tags((name = "press", description = "The press office: strategy, campaigns, spokesperson, events"))
)]
pub struct StrategyApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    let head = Access::Roles(groups::PRESS_APPROVE);
    Routes::new()
        .get("/api/v1/press/strategy", read, overview)
        .post("/api/v1/press/strategy", write, start)
        .get("/api/v1/press/strategy/{id}", read, one)
        .patch("/api/v1/press/strategy/{id}", write, summary)
        .post(
            "/api/v1/press/strategy/{id}/objectives",
            write,
            add_objective,
        )
        .post("/api/v1/press/strategy/{id}/audiences", write, add_audience)
        .post("/api/v1/press/strategy/{id}/messages", write, add_message)
        .post("/api/v1/press/strategy/{id}/remove", write, remove)
        .post("/api/v1/press/strategy/{id}/submit", write, submit)
        .post("/api/v1/press/strategy/{id}/approve", head, approve)
        .post("/api/v1/press/strategy/{id}/return", head, give_back)
        .get("/api/v1/press/campaigns", read, campaign_list)
        .post("/api/v1/press/campaigns", write, campaign_add)
        .get("/api/v1/press/campaigns/{id}", read, campaign_one)
        .patch("/api/v1/press/campaigns/{id}", write, campaign_change)
        .post("/api/v1/press/campaigns/{id}/links", write, campaign_link)
        .get("/api/v1/press/spokesperson", read, spokesperson_get)
        .post("/api/v1/press/spokesperson", write, spokesperson_set)
}

/// The year's strategy: the version in force, the one being worked on, every version.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Overview {
    pub year: i64,
    pub in_force: Option<Strategy>,
    pub open: Option<Version>,
    pub versions: Vec<Version>,
}

/// The current year's strategy.
#[utoipa::path(get, path = "/api/v1/press/strategy", tag = "press",
    responses((status = 200, body = Overview)), security(("bearer" = [])))]
pub async fn overview(State(state): State<AppState>) -> AppResult<Json<Overview>> {
    let year = i64::from(today().year());
    Ok(Json(Overview {
        year,
        in_force: store::in_force(&state.db, year).await?,
        open: store::open(&state.db, year).await?,
        versions: store::versions(&state.db, None).await?,
    }))
}

/// Starts a new version: a copy of the last approved one. Refused while one is being worked on.
#[utoipa::path(post, path = "/api/v1/press/strategy", tag = "press", request_body = NewVersionIn,
    responses((status = 201, body = Strategy), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn start(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<NewVersionIn>,
) -> AppResult<(StatusCode, Json<Strategy>)> {
    let s = store::start(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(s)))
}

/// One version with its parts.
#[utoipa::path(get, path = "/api/v1/press/strategy/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Strategy), (status = 404)), security(("bearer" = [])))]
pub async fn one(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Strategy>> {
    Ok(Json(store::get(&state.db, id).await?))
}

/// Changes a draft's summary.
#[utoipa::path(patch, path = "/api/v1/press/strategy/{id}", tag = "press", params(("id" = i64, Path)),
    request_body = SummaryIn,
    responses((status = 200, body = Strategy), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn summary(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<SummaryIn>,
) -> AppResult<Json<Strategy>> {
    Ok(Json(
        store::set_summary(&state.db, &me.actor(), id, input.summary).await?,
    ))
}

/// Adds a measurable objective to a draft.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/objectives", tag = "press",
    params(("id" = i64, Path)), request_body = ObjectiveIn,
    responses((status = 201, body = Objective), (status = 400, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn add_objective(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ObjectiveIn>,
) -> AppResult<(StatusCode, Json<Objective>)> {
    let o = store::add_objective(&state.db, &me.actor(), id, input).await?;
    Ok((StatusCode::CREATED, Json(o)))
}

/// Adds an audience to a draft.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/audiences", tag = "press",
    params(("id" = i64, Path)), request_body = AudienceIn,
    responses((status = 201, body = Audience), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_audience(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<AudienceIn>,
) -> AppResult<(StatusCode, Json<Audience>)> {
    let a = store::add_audience(&state.db, &me.actor(), id, input).await?;
    Ok((StatusCode::CREATED, Json(a)))
}

/// Adds a key message (its phrases one a line) to a draft.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/messages", tag = "press",
    params(("id" = i64, Path)), request_body = MessageIn,
    responses((status = 201, body = Message), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_message(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<MessageIn>,
) -> AppResult<(StatusCode, Json<Message>)> {
    let m = store::add_message(&state.db, &me.actor(), id, input).await?;
    Ok((StatusCode::CREATED, Json(m)))
}

/// Takes a part out of a draft.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/remove", tag = "press",
    params(("id" = i64, Path)), request_body = PartRef,
    responses((status = 200, body = Strategy), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<PartRef>,
) -> AppResult<Json<Strategy>> {
    Ok(Json(
        store::remove_part(&state.db, &me.actor(), id, input).await?,
    ))
}

/// Submits a draft to the head of service.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/submit", tag = "press",
    params(("id" = i64, Path)),
    responses((status = 200, body = Strategy), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Strategy>> {
    Ok(Json(store::submit(&state.db, &me.actor(), id).await?))
}

/// Approves a submitted version (head of service): the year's strategy in force.
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/approve", tag = "press",
    params(("id" = i64, Path)),
    responses((status = 200, body = Strategy), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Strategy>> {
    Ok(Json(store::approve(&state.db, &me.actor(), id).await?))
}

/// Returns a submitted version with the reason (head of service).
#[utoipa::path(post, path = "/api/v1/press/strategy/{id}/return", tag = "press",
    params(("id" = i64, Path)), request_body = ReturnIn,
    responses((status = 200, body = Strategy), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn give_back(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ReturnIn>,
) -> AppResult<Json<Strategy>> {
    Ok(Json(
        store::give_back(&state.db, &me.actor(), id, input.reason).await?,
    ))
}

/// Every campaign, the latest first.
#[utoipa::path(get, path = "/api/v1/press/campaigns", tag = "press",
    responses((status = 200, body = [Campaign])), security(("bearer" = [])))]
pub async fn campaign_list(State(state): State<AppState>) -> AppResult<Json<Vec<Campaign>>> {
    Ok(Json(campaigns::list(&state.db).await?))
}

/// Adds a campaign.
#[utoipa::path(post, path = "/api/v1/press/campaigns", tag = "press", request_body = CampaignIn,
    responses((status = 201, body = Campaign), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn campaign_add(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<CampaignIn>,
) -> AppResult<(StatusCode, Json<Campaign>)> {
    let c = campaigns::create(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

/// One campaign with the objectives and messages it serves.
#[utoipa::path(get, path = "/api/v1/press/campaigns/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Campaign), (status = 404)), security(("bearer" = [])))]
pub async fn campaign_one(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Campaign>> {
    Ok(Json(campaigns::get(&state.db, id).await?))
}

/// Changes a campaign.
#[utoipa::path(patch, path = "/api/v1/press/campaigns/{id}", tag = "press", params(("id" = i64, Path)),
    request_body = CampaignIn,
    responses((status = 200, body = Campaign), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn campaign_change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<CampaignIn>,
) -> AppResult<Json<Campaign>> {
    Ok(Json(
        campaigns::change(&state.db, &me.actor(), id, input).await?,
    ))
}

/// Links a campaign to an objective or key message (or takes the link away).
#[utoipa::path(post, path = "/api/v1/press/campaigns/{id}/links", tag = "press",
    params(("id" = i64, Path)), request_body = LinkIn,
    responses((status = 200, body = Campaign), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn campaign_link(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<LinkIn>,
) -> AppResult<Json<Campaign>> {
    Ok(Json(
        campaigns::link(&state.db, &me.actor(), id, input).await?,
    ))
}

/// The spokesperson in force and the designations before.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Spokespersons {
    pub current: Option<Spokesperson>,
    pub history: Vec<Spokesperson>,
}

/// The spokesperson in force (Law 544/2001 art. 16) and the history.
#[utoipa::path(get, path = "/api/v1/press/spokesperson", tag = "press",
    responses((status = 200, body = Spokespersons)), security(("bearer" = [])))]
pub async fn spokesperson_get(State(state): State<AppState>) -> AppResult<Json<Spokespersons>> {
    Ok(Json(Spokespersons {
        current: spokesperson::current_spokesperson(&state.db).await?,
        history: spokesperson::history(&state.db).await?,
    }))
}

/// Designates the spokesperson: an account (press officer or head of service) or a name.
#[utoipa::path(post, path = "/api/v1/press/spokesperson", tag = "press", request_body = SpokespersonIn,
    responses((status = 201, body = Spokesperson), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn spokesperson_set(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<SpokespersonIn>,
) -> AppResult<(StatusCode, Json<Spokesperson>)> {
    let s = spokesperson::designate(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(s)))
}
