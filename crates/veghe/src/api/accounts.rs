//! The accounts over the API: listing, adding with a one-time password (answered once),
//! changing role, state and contact details, a new one-time password, the live sessions and
//! ending them (administrators); and a person's own password (anyone signed in).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::accounts_pages::{not_myself, parse_role};
use crate::auth::changes::{self, Edit, Effects};
use crate::auth::session::{self, SessionInfo};
use crate::auth::{Access, CurrentUser, groups, own_password, users};
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::Body;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/users", admin, list_users)
        .post("/api/v1/users", admin, add_user)
        .patch("/api/v1/users/{username}", admin, edit_user)
        .post("/api/v1/users/{username}/password", admin, reset_password)
        .get("/api/v1/users/{username}/sessions", admin, sessions)
        .delete("/api/v1/users/{username}/sessions", admin, end_sessions)
        .post("/api/v1/account/password", Access::SignedIn, own_password)
}

/// Every account with its live sessions (administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [users::Account]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_users(State(state): State<AppState>) -> AppResult<Json<Vec<users::Account>>> {
    Ok(Json(users::accounts(&state.db).await?))
}

/// A new account. Veghe makes its one-time password.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAccount {
    /// 2–40 characters: a-z, digits, `.`, `-`, `_`.
    pub username: String,
    pub display_name: String,
    /// A role code (`dispatcher`, `registry_clerk`, …).
    pub role: String,
    pub email: Option<String>,
}

/// An account and the one-time password made for it: shown once, handed over in person,
/// changed at the first sign-in.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WithOneTimePassword {
    pub user: users::User,
    pub one_time_password: String,
    #[serde(flatten)]
    pub effects: Effects,
}

/// Adds an account with a one-time password (answered once, never again).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewAccount,
    responses((status = 201, body = WithOneTimePassword), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_user(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<NewAccount>,
) -> AppResult<Response> {
    let new = users::NewUser {
        username: users::Username::parse(&input.username)?,
        display_name: &input.display_name,
        role: parse_role(&input.role)?,
        email: input.email.as_deref(),
        password: "",
    };
    let (user, password) = users::create_with_one_time_password(
        &state.db,
        &me.actor(),
        new,
        state.config.password_cost,
    )
    .await?;
    let body = WithOneTimePassword {
        user,
        one_time_password: password,
        effects: Effects::default(),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// What may change on an account; a field left out stays as it is.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct AccountEdit {
    pub role: Option<String>,
    /// Disabling ends the sessions and revokes the API tokens; re-enabling restores neither.
    pub disabled: Option<bool>,
    pub display_name: Option<String>,
    /// An empty text clears the address.
    pub email: Option<String>,
}

/// An account after a change, and what else the change did.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Changed {
    pub user: users::User,
    #[serde(flatten)]
    pub effects: Effects,
}

/// Changes an account's role, state, name or e-mail. The last enabled administrator cannot be
/// disabled or given another role (409); nobody disables their own account (409).
#[utoipa::path(patch, path = "/api/v1/users/{username}", tag = "accounts", request_body = AccountEdit,
    params(("username" = String, Path)),
    responses((status = 200, body = Changed), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn edit_user(
    State(state): State<AppState>,
    me: CurrentUser,
    username: users::Username,
    Body(input): Body<AccountEdit>,
) -> AppResult<Json<Changed>> {
    users::get(&state.db, &username).await?;
    not_myself(&me, &username, input.disabled == Some(true))?;
    let edit = Edit {
        role: input.role.as_deref().map(parse_role).transpose()?,
        disabled: input.disabled,
        display_name: input.display_name,
        email: input.email.map(Some),
    };
    let (user, effects) = changes::edit(&state.db, &me.actor(), username.as_str(), edit).await?;
    Ok(Json(Changed { user, effects }))
}

/// Gives the account a new one-time password (answered once) and ends its sessions; its API
/// tokens stay.
#[utoipa::path(post, path = "/api/v1/users/{username}/password", tag = "accounts",
    params(("username" = String, Path)),
    responses((status = 200, body = WithOneTimePassword), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn reset_password(
    State(state): State<AppState>,
    me: CurrentUser,
    username: users::Username,
) -> AppResult<Json<WithOneTimePassword>> {
    users::get(&state.db, &username).await?;
    let (user, password, effects) = changes::reset_password(
        &state.db,
        &me.actor(),
        username.as_str(),
        None,
        state.config.password_cost,
    )
    .await?;
    Ok(Json(WithOneTimePassword {
        user,
        one_time_password: password.unwrap_or_default(),
        effects,
    }))
}

/// The account's live sessions, the most recently used first.
#[utoipa::path(get, path = "/api/v1/users/{username}/sessions", tag = "accounts",
    params(("username" = String, Path)),
    responses((status = 200, body = [SessionInfo]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sessions(
    State(state): State<AppState>,
    username: users::Username,
) -> AppResult<Json<Vec<SessionInfo>>> {
    let user = users::get(&state.db, &username).await?;
    Ok(Json(session::list_for(&state.db, user.id).await?))
}

/// Ends every session of the account.
#[utoipa::path(delete, path = "/api/v1/users/{username}/sessions", tag = "accounts",
    params(("username" = String, Path)),
    responses((status = 200, body = Effects), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn end_sessions(
    State(state): State<AppState>,
    me: CurrentUser,
    username: users::Username,
) -> AppResult<Json<Effects>> {
    users::get(&state.db, &username).await?;
    let n = changes::end_sessions(&state.db, &me.actor(), &username).await?;
    Ok(Json(Effects {
        sessions_ended: n,
        tokens_revoked: 0,
    }))
}

/// A person's own new password.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct OwnPassword {
    pub current_password: String,
    /// The new password: at least 12 characters, at most 1024 bytes, not a common one.
    pub password: String,
}

/// Changes the caller's own password (the current one required). Their other sessions end;
/// the session making the call stays.
#[utoipa::path(post, path = "/api/v1/account/password", tag = "accounts", request_body = OwnPassword,
    responses((status = 200, body = Effects), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn own_password(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Body(input): Body<OwnPassword>,
) -> AppResult<Json<Effects>> {
    let (_, effects) = changes::change_own_password(
        &state.db,
        &me,
        &input.current_password,
        &input.password,
        own_password::session_in_use(&me, &headers).as_deref(),
        state.config.password_cost,
    )
    .await?;
    Ok(Json(effects))
}
