//! Sign-in and sign-out, and the route table of `auth`: the accounts pages and the own-password
//! page are merged here.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::access::Routes;
use super::{Access, Role, cookie, password, session, throttle, users};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, local_path, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/login", Access::Public, login_page)
        .post("/login", Access::Public, login)
        .post("/logout", Access::SignedIn, logout)
        .merge(super::accounts_pages::routes())
        .merge(super::own_password::routes())
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    shell: Shell,
    error: Option<&'static str>,
    next: String,
    username: String,
    /// A new installation without an administrator: how to create the first one.
    first_start: Option<&'static str>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if shell.user.is_some() {
        return Ok(Redirect::to(&local_path(q.next.as_deref())).into_response());
    }
    render(&LoginPage {
        shell,
        error: None,
        next: local_path(q.next.as_deref()).to_string(),
        username: String::new(),
        first_start: first_start(&state).await?,
    })
}

/// The command that creates the first administrator, while none exists.
async fn first_start(state: &AppState) -> AppResult<Option<&'static str>> {
    Ok((!users::has_administrator(&state.db).await?).then_some(users::FIRST_ADMINISTRATOR))
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    next: Option<String>,
}

/// The peer's socket address, when the server was started with connection info.
pub struct Peer(pub Option<SocketAddr>);

impl<S: Send + Sync> FromRequestParts<S> for Peer {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Peer(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|c| c.0),
        ))
    }
}

/// The client's address: the peer, or behind a trusted proxy the rightmost untrusted
/// X-Forwarded-For hop (`http::client`).
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    crate::http::client::address(
        state.config.trust_proxy,
        &state.config.trusted_proxies,
        headers,
        peer.map(|p| p.ip()),
    )
}

async fn login(
    State(state): State<AppState>,
    shell: Shell,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let address = client_address(&state, &headers, peer);
    let next = local_path(form.next.as_deref()).to_string();
    let first = first_start(&state).await?;
    let refuse = |shell: Shell, message: &'static str| LoginPage {
        shell,
        error: Some(message),
        next: next.clone(),
        username: form.username.chars().take(40).collect(),
        first_start: first,
    };
    let attempt = match throttle::attempt(&state.db, &form.username, &address).await {
        Ok(attempt) => attempt,
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            let message = shell.tr.login_throttled;
            let mut response = render(&refuse(shell, message))?;
            *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(response);
        }
        Err(e) => return Err(e),
    };
    let found = users::credentials(&state.db, &form.username).await?;
    let user = match found {
        Some((user, hash))
            if !user.disabled && password::verify_password(&form.password, &hash) =>
        {
            user
        }
        other => {
            if other.is_none() {
                password::dummy_verify(&form.password);
            }
            attempt.failed(&state.db).await?;
            tracing::info!(username = %form.username.chars().take(40).collect::<String>(), %address, "sign-in failed");
            let message = shell.tr.login_failed;
            let mut response = render(&refuse(shell, message))?;
            *response.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
            return Ok(response);
        }
    };
    attempt.succeeded(&state.db).await?;
    users::signed_in(&state.db, user.id).await?;
    let origin = session::Origin {
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok()),
        address: &address,
    };
    let secret = session::create(&state.db, user.id, state.config.session_hours, origin).await?;
    tracing::info!(username = %user.username, %address, "signed in");
    // A one-time password is changed first; without a page asked for, a crew lands on its
    // phone view, not on the general home.
    let next = match (next.as_str(), user.role) {
        _ if user.must_change_password => super::password_due::PAGE.to_string(),
        ("/", Role::Crew) => "/crew".to_string(),
        _ => next,
    };
    let mut response = Redirect::to(&next).into_response();
    let secure = if state.config.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    let value = format!(
        "{}={secret}; Path=/; HttpOnly; SameSite=Strict{secure}",
        session::COOKIE
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(secret) = cookie(&headers, session::COOKIE) {
        session::destroy(&state.db, secret).await?;
    }
    let mut response = Redirect::to("/login").into_response();
    let value = format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict",
        session::COOKIE
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}
