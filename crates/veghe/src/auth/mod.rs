//! Who is asking: accounts, roles, sessions, API tokens, CSRF, throttling, and the rule that
//! every route declares the roles that may use it.

pub mod access;
pub mod accounts_pages;
pub mod changes;
pub mod csrf;
pub mod groups;
pub mod own_password;
pub mod password;
pub mod password_due;
pub mod role;
pub mod routes;
pub mod session;
mod texts;
pub mod throttle;
pub mod tokens;
pub mod users;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub use role::{Access, Role};

use crate::AppState;
use crate::audit::Actor;
use crate::error::AppError;

/// How the request proved who it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Session,
    Token,
}

/// The signed-in account, placed in the request by [`authenticate`].
#[derive(Clone, Debug)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub via: Via,
}

impl CurrentUser {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.id),
            name: self.username.clone(),
        }
    }
}

/// A handler reads the signed-in user as `user: CurrentUser` (401 when there is none), or as
/// `Option<CurrentUser>` where strangers are welcome.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or(AppError::Unauthorized)
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<CurrentUser>().cloned())
    }
}

/// Reads a cookie's value from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<Result<&str, ()>> {
    let value = headers.get(header::AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(()),
    )
}

/// Identifies the caller by bearer token or session cookie and puts a [`CurrentUser`] in the
/// request. Under `/api/v1` a caller that is not identified is refused here with 401, before
/// routing, so the API reveals nothing (not even which paths exist) to strangers.
pub async fn authenticate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/v1");
    let user = match bearer(req.headers()) {
        Some(Ok(token)) => match tokens::resolve(&state.db, token).await {
            Ok(Some(u)) => Some(u),
            Ok(None) => return AppError::Unauthorized.into_response(),
            Err(e) => return e.into_response(),
        },
        Some(Err(())) => return AppError::Unauthorized.into_response(),
        None => match cookie(req.headers(), session::COOKIE).map(str::to_string) {
            Some(secret) => {
                match session::resolve(&state.db, &secret, state.config.session_hours).await {
                    Ok(Some(r)) => {
                        if r.must_change_password {
                            req.extensions_mut().insert(password_due::PasswordChangeDue);
                        }
                        Some(r.user)
                    }
                    Ok(None) => None,
                    Err(e) => return e.into_response(),
                }
            }
            None => None,
        },
    };
    match user {
        Some(u) => {
            req.extensions_mut().insert(u);
        }
        None if is_api => return AppError::Unauthorized.into_response(),
        None => {}
    }
    next.run(req).await
}
