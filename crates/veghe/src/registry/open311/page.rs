//! The administrator's page of Open311 API keys: list, issue (the key shown once), revoke.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::keys::{self, Key};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::{Form, Id};
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/open311", admin, keys_page)
        .post("/admin/open311", admin, issue)
        .post("/admin/open311/{id}/revoke", admin, revoke)
}

#[derive(Template)]
#[template(path = "registry/open311_keys.html")]
struct KeysPage {
    shell: Shell,
    keys: Vec<Key>,
    issued: Option<String>,
}

async fn keys_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let keys = keys::list(&state.db).await?;
    render(&KeysPage {
        shell,
        keys,
        issued: None,
    })
}

#[derive(Debug, Deserialize)]
struct NewKey {
    #[serde(default)]
    name: String,
}

async fn issue(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<NewKey>,
) -> AppResult<Response> {
    let (_, secret) = keys::create(&state.db, &me.actor(), &f.name).await?;
    let keys = keys::list(&state.db).await?;
    render(&KeysPage {
        shell,
        keys,
        issued: Some(secret),
    })
}

async fn revoke(State(state): State<AppState>, me: CurrentUser, Id(id): Id) -> AppResult<Response> {
    keys::revoke(&state.db, &me.actor(), id).await?;
    Ok(Redirect::to("/admin/open311").into_response())
}
