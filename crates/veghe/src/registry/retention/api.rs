//! Retention's JSON API: the terms, the purge (with its dry run) and erasure requests; all for
//! the administrator.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::purge::{ErasureReport, PurgeReport, erase, purge};
use super::{Term, TermIn, terms};
use crate::AppState;
use crate::audit::access_log::Reason;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::Body;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/registry/retention", admin, api_terms)
        .put("/api/v1/registry/retention/{register}", admin, api_set_term)
        .post("/api/v1/registry/purge", admin, api_purge)
        .post("/api/v1/registry/erasure", admin, api_erase)
}

/// The retention term of each register.
#[utoipa::path(get, path = "/api/v1/registry/retention", tag = "registry",
    responses((status = 200, body = [Term])), security(("bearer" = [])))]
pub async fn api_terms(State(state): State<AppState>) -> AppResult<Json<Vec<Term>>> {
    Ok(Json(terms(&state.db).await?))
}

/// Sets a register's retention term and its legal basis.
#[utoipa::path(put, path = "/api/v1/registry/retention/{register}", tag = "registry", request_body = TermIn,
    params(("register" = String, Path, description = "petition, info or internal")),
    responses((status = 200, body = Term), (status = 400, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn api_set_term(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(register): Path<String>,
    Body(payload): Body<TermIn>,
) -> AppResult<Json<Term>> {
    Ok(Json(
        super::set_term(&state.db, &me.actor(), &register, payload).await?,
    ))
}

/// A purge's options.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct PurgeIn {
    /// Count only; change nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// Anonymises the entries past their retention term (or counts them, with `dry_run`).
#[utoipa::path(post, path = "/api/v1/registry/purge", tag = "registry", request_body = PurgeIn,
    responses((status = 200, body = PurgeReport)), security(("bearer" = [])))]
pub async fn api_purge(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<PurgeIn>,
) -> AppResult<Json<PurgeReport>> {
    Ok(Json(purge(&state.db, &me.actor(), payload.dry_run).await?))
}

/// An erasure request (GDPR art. 17) for the petitioner of one entry.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ErasureIn {
    /// One of the petitioner's entries.
    pub entry_id: Option<i64>,
    /// The erasure request's registration number.
    pub reference: Option<String>,
    /// Why (at least 5 characters); kept with the record.
    pub reason: Option<String>,
}

/// Anonymises the petitioner's entries whose term has ended; names the rule keeping the others.
#[utoipa::path(post, path = "/api/v1/registry/erasure", tag = "registry", request_body = ErasureIn,
    responses((status = 200, body = ErasureReport), (status = 400, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn api_erase(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ErasureIn>,
) -> AppResult<Json<ErasureReport>> {
    let entry = input.entry_id.ok_or_else(|| {
        AppError::bad(
            "entry_id",
            crate::error::Said::new(
                "Lucrarea: alegeți lucrarea din registru.",
                "entry_id is required",
            ),
        )
    })?;
    let reason = Reason::parse(input.reason.as_deref().unwrap_or_default())?;
    Ok(Json(
        erase(
            &state.db,
            &me.actor(),
            entry,
            input.reference.as_deref().unwrap_or_default(),
            &reason,
        )
        .await?,
    ))
}
