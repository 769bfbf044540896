//! The JSON API's shared parts: the core of the OpenAPI document (generated from the handlers;
//! each feature declares its own part beside its routes, `crate::openapi()` merges them), its
//! readable page, and the account endpoints (`accounts`).

pub mod accounts;

use askama::Template;
use axum::Json;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, users};
use crate::error::{AppResult, ErrorBody, ErrorInfo};
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", Access::SignedIn, openapi_json)
        .get("/api", Access::SignedIn, docs_page)
        .get("/api/v1/me", Access::SignedIn, me)
        .merge(accounts::routes())
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The core of the API description: the accounts, the error body, the bearer scheme. Each
/// feature declares its own part beside its handlers; `crate::openapi()` merges them all.
#[derive(OpenApi)]
#[openapi(
    info(title = "Veghe API", description = "The JSON API of Veghe, the operations platform of the Communication, Prevention and Dispatch Service of Poliția Locală Timișoara. Every call needs `Authorization: Bearer <token>` (tokens: `veghe token create`)."),
    paths(me, accounts::list_users, accounts::add_user, accounts::edit_user, accounts::reset_password,
        accounts::sessions, accounts::end_sessions, accounts::own_password),
    components(schemas(Me, users::User, users::Account, Role, ErrorBody, ErrorInfo)),
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Who is calling; the accounts, their roles, passwords and sessions"))
)]
pub struct ApiDoc;

async fn openapi_json() -> Response {
    Json(crate::openapi()).into_response()
}

struct Operation {
    method: String,
    path: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "api/docs.html")]
struct DocsPage {
    shell: Shell,
    operations: Vec<Operation>,
}

async fn docs_page(shell: Shell) -> AppResult<Response> {
    let doc = serde_json::to_value(crate::openapi()).unwrap_or_default();
    let mut operations = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            if let Some(methods) = item.as_object() {
                for (method, op) in methods {
                    let summary = op
                        .get("summary")
                        .or_else(|| op.get("description"))
                        .and_then(|s| s.as_str())
                        .unwrap_or("")
                        .to_string();
                    operations.push(Operation {
                        method: method.to_uppercase(),
                        path: path.clone(),
                        summary,
                    });
                }
            }
        }
    }
    render(&DocsPage { shell, operations })
}

/// The caller's own account.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// Who the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(Me {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
    })
}
