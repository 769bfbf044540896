//! Outlets, journalists, distribution lists and a release's sends over JSON: read by the press
//! office and management (journalists' contacts masked), written by the press office, which
//! alone reads a journalist's contacts in full, with a reason kept in the access log.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::journalists::{self, Filter, JournalistIn, Shown};
use super::lists::{self, List, ListIn, MemberIn, MemberShown};
use super::outlets::{self, Outlet, OutletIn};
use super::send::{self, SendIn, SendReport, Sent};
use crate::AppState;
use crate::audit::access_log::Reason;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Body, Id, Query};

/// This part's piece of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        outlet_list, outlet_create, outlet_get, outlet_change, outlet_retire, outlet_reinstate,
        journalist_list, journalist_create, journalist_get, journalist_change, journalist_retire,
        journalist_reinstate, journalist_contacts, list_list, list_create, list_get, list_change,
        member_add, member_remove, release_sends, release_send
    ),
    components(schemas(
        Outlet, OutletIn, Shown, JournalistIn, ReasonIn, List, ListIn, MemberIn, MemberShown,
        ListWithMembers, Sent, SendIn, SendReport, send::Skipped
    )),
    tags((name = "press", description = "The press office: outlets, journalists, distribution lists"))
)]
pub struct ContactsApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/api/v1/press/outlets", read, outlet_list)
        .post("/api/v1/press/outlets", write, outlet_create)
        .get("/api/v1/press/outlets/{id}", read, outlet_get)
        .patch("/api/v1/press/outlets/{id}", write, outlet_change)
        .post("/api/v1/press/outlets/{id}/retire", write, outlet_retire)
        .post(
            "/api/v1/press/outlets/{id}/reinstate",
            write,
            outlet_reinstate,
        )
        .get("/api/v1/press/journalists", read, journalist_list)
        .post("/api/v1/press/journalists", write, journalist_create)
        .get("/api/v1/press/journalists/{id}", read, journalist_get)
        .patch("/api/v1/press/journalists/{id}", write, journalist_change)
        .post(
            "/api/v1/press/journalists/{id}/retire",
            write,
            journalist_retire,
        )
        .post(
            "/api/v1/press/journalists/{id}/reinstate",
            write,
            journalist_reinstate,
        )
        .post(
            "/api/v1/press/journalists/{id}/contacts",
            write,
            journalist_contacts,
        )
        .get("/api/v1/press/lists", read, list_list)
        .post("/api/v1/press/lists", write, list_create)
        .get("/api/v1/press/lists/{id}", read, list_get)
        .patch("/api/v1/press/lists/{id}", write, list_change)
        .post("/api/v1/press/lists/{id}/members", write, member_add)
        .post(
            "/api/v1/press/lists/{id}/members/remove",
            write,
            member_remove,
        )
        .get("/api/v1/press/releases/{id}/sends", read, release_sends)
        .post("/api/v1/press/releases/{id}/send", write, release_send)
}

/// Every outlet, the active first.
#[utoipa::path(get, path = "/api/v1/press/outlets", tag = "press",
    responses((status = 200, body = [Outlet])), security(("bearer" = [])))]
pub async fn outlet_list(State(state): State<AppState>) -> AppResult<Json<Vec<Outlet>>> {
    Ok(Json(outlets::list(&state.db).await?))
}

/// Adds an outlet; `name` and `kind` are required, a name in use is a conflict.
#[utoipa::path(post, path = "/api/v1/press/outlets", tag = "press", request_body = OutletIn,
    responses((status = 201, body = Outlet), (status = 400, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn outlet_create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<OutletIn>,
) -> AppResult<(StatusCode, Json<Outlet>)> {
    let o = input.parse()?;
    let added = outlets::add(&state.db, &me.actor(), o).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

#[utoipa::path(get, path = "/api/v1/press/outlets/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Outlet), (status = 404)), security(("bearer" = [])))]
pub async fn outlet_get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Outlet>> {
    Ok(Json(outlets::get(&state.db, id).await?))
}

/// Changes an outlet: the fields given (an empty text clears an optional one).
#[utoipa::path(patch, path = "/api/v1/press/outlets/{id}", tag = "press", request_body = OutletIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Outlet), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn outlet_change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<OutletIn>,
) -> AppResult<Json<Outlet>> {
    Ok(Json(
        outlets::edit(&state.db, &me.actor(), id, input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/press/outlets/{id}/retire", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Outlet), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn outlet_retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Outlet>> {
    Ok(Json(
        outlets::set_retired(&state.db, &me.actor(), id, true).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/press/outlets/{id}/reinstate", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Outlet), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn outlet_reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Outlet>> {
    Ok(Json(
        outlets::set_retired(&state.db, &me.actor(), id, false).await?,
    ))
}

/// Journalists, by outlet and beat; contacts masked, notes left out.
#[utoipa::path(get, path = "/api/v1/press/journalists", tag = "press", params(Filter),
    responses((status = 200, body = [Shown])), security(("bearer" = [])))]
pub async fn journalist_list(
    State(state): State<AppState>,
    Query(f): Query<Filter>,
) -> AppResult<Json<Vec<Shown>>> {
    let rows = journalists::list(&state.db, &f).await?;
    Ok(Json(rows.into_iter().map(|j| j.masked()).collect()))
}

/// Adds a journalist; `name` is required. The answer shows the contacts masked.
#[utoipa::path(post, path = "/api/v1/press/journalists", tag = "press", request_body = JournalistIn,
    responses((status = 201, body = Shown), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn journalist_create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<JournalistIn>,
) -> AppResult<(StatusCode, Json<Shown>)> {
    let j = input.parse()?;
    let added = journalists::add(&state.db, &me.actor(), j).await?;
    Ok((StatusCode::CREATED, Json(added.masked())))
}

/// One journalist, contacts masked.
#[utoipa::path(get, path = "/api/v1/press/journalists/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Shown), (status = 404)), security(("bearer" = [])))]
pub async fn journalist_get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Shown>> {
    Ok(Json(journalists::get(&state.db, id).await?.masked()))
}

/// Changes a journalist: the fields given (an empty text clears an optional one).
#[utoipa::path(patch, path = "/api/v1/press/journalists/{id}", tag = "press", request_body = JournalistIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Shown), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn journalist_change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<JournalistIn>,
) -> AppResult<Json<Shown>> {
    let j = journalists::edit(&state.db, &me.actor(), id, input).await?;
    Ok(Json(j.masked()))
}

#[utoipa::path(post, path = "/api/v1/press/journalists/{id}/retire", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Shown), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn journalist_retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Shown>> {
    let j = journalists::set_retired(&state.db, &me.actor(), id, true).await?;
    Ok(Json(j.masked()))
}

#[utoipa::path(post, path = "/api/v1/press/journalists/{id}/reinstate", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = Shown), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn journalist_reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Shown>> {
    let j = journalists::set_retired(&state.db, &me.actor(), id, false).await?;
    Ok(Json(j.masked()))
}

/// Why a journalist's contacts are read.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReasonIn {
    /// At least 5 characters; kept in the access log.
    pub reason: String,
}

/// A journalist's contacts and notes in full; the reading and its reason go to the access log.
#[utoipa::path(post, path = "/api/v1/press/journalists/{id}/contacts", tag = "press",
    params(("id" = i64, Path)), request_body = ReasonIn,
    responses((status = 200, body = Shown), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn journalist_contacts(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ReasonIn>,
) -> AppResult<Json<Shown>> {
    let reason = Reason::parse(&input.reason)?;
    Ok(Json(
        journalists::reveal(&state.db, &me, id, &reason).await?,
    ))
}

/// Every distribution list.
#[utoipa::path(get, path = "/api/v1/press/lists", tag = "press",
    responses((status = 200, body = [List])), security(("bearer" = [])))]
pub async fn list_list(State(state): State<AppState>) -> AppResult<Json<Vec<List>>> {
    Ok(Json(lists::all(&state.db).await?))
}

/// Creates a list; a name in use is a conflict.
#[utoipa::path(post, path = "/api/v1/press/lists", tag = "press", request_body = ListIn,
    responses((status = 201, body = List), (status = 400, body = crate::error::ErrorBody),
        (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn list_create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ListIn>,
) -> AppResult<(StatusCode, Json<List>)> {
    let list = lists::create(&state.db, &me.actor(), input).await?;
    Ok((StatusCode::CREATED, Json(list)))
}

/// A list with its members (journalists' addresses masked).
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListWithMembers {
    #[serde(flatten)]
    pub list: List,
    pub members_list: Vec<MemberShown>,
}

#[utoipa::path(get, path = "/api/v1/press/lists/{id}", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = ListWithMembers), (status = 404)), security(("bearer" = [])))]
pub async fn list_get(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<ListWithMembers>> {
    let list = lists::get(&state.db, id).await?;
    let members = lists::members(&state.db, id).await?;
    Ok(Json(ListWithMembers {
        list,
        members_list: members.into_iter().map(|m| m.shown()).collect(),
    }))
}

/// Renames a list or changes its description.
#[utoipa::path(patch, path = "/api/v1/press/lists/{id}", tag = "press", request_body = ListIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = List), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn list_change(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<ListIn>,
) -> AppResult<Json<List>> {
    Ok(Json(lists::edit(&state.db, &me.actor(), id, input).await?))
}

/// Adds a journalist or an outlet to a list.
#[utoipa::path(post, path = "/api/v1/press/lists/{id}/members", tag = "press", request_body = MemberIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = List), (status = 400, body = crate::error::ErrorBody), (status = 404),
        (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn member_add(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<MemberIn>,
) -> AppResult<Json<List>> {
    let who = input.parse()?;
    Ok(Json(
        lists::add_member(&state.db, &me.actor(), id, who).await?,
    ))
}

/// Takes a journalist or an outlet off a list.
#[utoipa::path(post, path = "/api/v1/press/lists/{id}/members/remove", tag = "press", request_body = MemberIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = List), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn member_remove(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<MemberIn>,
) -> AppResult<Json<List>> {
    let who = input.parse()?;
    Ok(Json(
        lists::remove_member(&state.db, &me.actor(), id, who).await?,
    ))
}

/// What a release was sent to, newest first (journalists' addresses masked).
#[utoipa::path(get, path = "/api/v1/press/releases/{id}/sends", tag = "press", params(("id" = i64, Path)),
    responses((status = 200, body = [Sent]), (status = 404)), security(("bearer" = [])))]
pub async fn release_sends(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<Sent>>> {
    send::release(&state.db, id).await?;
    Ok(Json(send::sends(&state.db, id).await?))
}

/// Sends an approved, published release to a list: one e-mail per address not sent before.
#[utoipa::path(post, path = "/api/v1/press/releases/{id}/send", tag = "press", request_body = SendIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = SendReport), (status = 400, body = crate::error::ErrorBody), (status = 404),
        (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn release_send(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<SendIn>,
) -> AppResult<Json<SendReport>> {
    let smtp = state.config.smtp.is_some();
    let report = send::send(&state.db, smtp, &me.actor(), id, input).await?;
    state.mailer.queued();
    Ok(Json(report))
}
