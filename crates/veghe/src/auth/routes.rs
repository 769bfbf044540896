//! Sign-in and sign-out pages, and the administrator's page of accounts.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::access::Routes;
use super::{Access, CurrentUser, Role, cookie, groups, password, session, throttle, users};
use crate::AppState;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, local_path, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/login", Access::Public, login_page)
        .post("/login", Access::Public, login)
        .post("/logout", Access::SignedIn, logout)
        .get("/users", Access::Roles(groups::ADMIN), users_page)
        .post("/users", Access::Roles(groups::ADMIN), add_user)
        .post(
            "/users/{username}/role",
            Access::Roles(groups::ADMIN),
            change_role,
        )
        .post(
            "/users/{username}/disabled",
            Access::Roles(groups::ADMIN),
            change_disabled,
        )
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
        return Ok(Redirect::to(local_path(q.next.as_deref())).into_response());
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

/// The client's address: the peer, or the first X-Forwarded-For hop behind a trusted proxy.
pub fn client_address(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.config.trust_proxy
        && let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return first.trim().to_string();
    }
    peer.map_or_else(|| "unknown".to_string(), |p| p.ip().to_string())
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
    if let Err(AppError::TooManyRequests { retry_after_secs }) =
        throttle::check(&state.db, &form.username, &address).await
    {
        let message = shell.tr.login_throttled;
        let mut response = render(&refuse(shell, message))?;
        *response.status_mut() = axum::http::StatusCode::TOO_MANY_REQUESTS;
        if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Ok(response);
    }
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
            throttle::failed(&state.db, &form.username, &address).await?;
            tracing::info!(username = %form.username.chars().take(40).collect::<String>(), %address, "sign-in failed");
            let message = shell.tr.login_failed;
            let mut response = render(&refuse(shell, message))?;
            *response.status_mut() = axum::http::StatusCode::UNAUTHORIZED;
            return Ok(response);
        }
    };
    throttle::succeeded(&state.db, &user.username).await?;
    let secret = session::create(&state.db, user.id, state.config.session_hours).await?;
    tracing::info!(username = %user.username, %address, "signed in");
    // Without a page asked for, a crew lands on its phone view, not on the general home.
    let next = match (next.as_str(), user.role) {
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

#[derive(Template)]
#[template(path = "auth/users.html")]
struct UsersPage {
    shell: Shell,
    users: Vec<users::User>,
    roles: Vec<(&'static str, &'static str)>,
    message: Option<String>,
    /// A refusal of the new account's form, in the reader's language.
    error: Option<String>,
}

async fn users_page_with(
    state: &AppState,
    shell: Shell,
    message: Option<String>,
) -> AppResult<Response> {
    users_page_full(state, shell, message, None).await
}

async fn users_page_full(
    state: &AppState,
    shell: Shell,
    message: Option<String>,
    error: Option<String>,
) -> AppResult<Response> {
    let list = users::list(&state.db).await?;
    let roles = Role::ALL
        .iter()
        .map(|r| {
            (
                r.code(),
                match shell.lang {
                    crate::web::Lang::Ro => r.label_ro(),
                    crate::web::Lang::En => r.label_en(),
                },
            )
        })
        .collect();
    render(&UsersPage {
        shell,
        users: list,
        roles,
        message,
        error,
    })
}

async fn users_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    users_page_with(&state, shell, None).await
}

#[derive(Deserialize)]
struct NewUserForm {
    username: String,
    display_name: String,
    role: String,
    email: Option<String>,
    password: String,
}

fn parse_role(text: &str) -> AppResult<Role> {
    text.parse().map_err(|e: super::role::UnknownRole| {
        AppError::bad(
            "role",
            Said::new(
                format!(
                    "Rolul: „{}” nu este un rol; alegeți unul din listă.",
                    text.trim()
                ),
                e.to_string(),
            ),
        )
    })
}

async fn add_user(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    Form(form): Form<NewUserForm>,
) -> AppResult<Response> {
    let made = async {
        let new = users::NewUser {
            username: users::Username::parse(&form.username)?,
            display_name: &form.display_name,
            role: parse_role(&form.role)?,
            email: form
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty()),
            password: &form.password,
        };
        users::create(&state.db, &me.actor(), new, state.config.password_cost).await
    }
    .await;
    match made {
        Ok(user) => users_page_with(&state, shell, Some(format!("✓ {}", user.username))).await,
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let text = e.said(shell.lang);
            let mut r = users_page_full(&state, shell, None, Some(text)).await?;
            *r.status_mut() = status;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    axum::extract::Path(username): axum::extract::Path<String>,
    Form(form): Form<RoleForm>,
) -> AppResult<Response> {
    let user = users::set_role(&state.db, &me.actor(), &username, parse_role(&form.role)?).await?;
    users_page_with(&state, shell, Some(format!("✓ {}", user.username))).await
}

#[derive(Deserialize)]
struct DisabledForm {
    disabled: String,
}

async fn change_disabled(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    axum::extract::Path(username): axum::extract::Path<String>,
    Form(form): Form<DisabledForm>,
) -> AppResult<Response> {
    let disabled = match form.disabled.as_str() {
        "1" | "true" => true,
        "0" | "false" => false,
        _ => {
            return Err(AppError::bad(
                "disabled",
                crate::error::Said::new("Activ: alegeți da sau nu.", "must be 1 or 0"),
            ));
        }
    };
    if disabled && username.trim().eq_ignore_ascii_case(&me.username) {
        return Err(AppError::conflict(Said::new(
            "Nu vă puteți dezactiva propriul cont.",
            "you cannot disable your own account",
        )));
    }
    let user = users::set_disabled(&state.db, &me.actor(), &username, disabled).await?;
    users_page_with(&state, shell, Some(format!("✓ {}", user.username))).await
}
