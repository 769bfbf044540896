//! Cross-site request forgery protection for browser requests (double-submit token).
//!
//! Every browser gets a random `veghe_csrf` cookie (SameSite=Strict, HttpOnly); every form carries
//! the same value in a hidden `csrf` field (or scripts send it as `X-CSRF-Token`). A state-changing
//! request without the matching value is refused with 403. Bearer-token callers are exempt: a
//! browser never attaches a bearer token by itself.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::password::{constant_time_eq, random_secret};
use super::{CurrentUser, Via, cookie};
use crate::AppState;
use crate::error::AppError;

pub const COOKIE: &str = "veghe_csrf";
pub const FIELD: &str = "csrf";
pub const HEADER: &str = "x-csrf-token";
/// Endpoints for devices, not browsers: they carry no cookies, so there is no ambient
/// authority to forge (GPS trackers post positions here; Open311 clients post reports with an
/// `api_key`).
const EXEMPT: &[&str] = &[
    "/osmand",
    "/open311/v2/requests.json",
    "/open311/v2/requests.xml",
];
/// Largest form body the check reads.
const FORM_LIMIT: usize = 2 * 1024 * 1024;

/// The request's CSRF token, for templates to put in forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let existing = cookie(req.headers(), COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let token = match &existing {
        Some(t) => t.clone(),
        None => match random_secret() {
            Ok(t) => t,
            Err(e) => return AppError::Internal(e).into_response(),
        },
    };
    let by_token = req
        .extensions()
        .get::<CurrentUser>()
        .is_some_and(|u| u.via == Via::Token);
    let machine = EXEMPT.contains(&req.uri().path());
    let (mut req, ok) = if is_safe(req.method()) || by_token || machine {
        (req, true)
    } else {
        match check(req, existing.as_deref()).await {
            Ok(pair) => pair,
            Err(e) => return e.into_response(),
        }
    };
    if !ok {
        return AppError::Csrf.into_response();
    }
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if existing.is_none() {
        let secure = if state.config.cookie_secure {
            "; Secure"
        } else {
            ""
        };
        let value = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}");
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Compares the submitted token (header, query or form field) with the cookie. Reads and
/// restores the body for URL-encoded forms.
async fn check(req: Request, expected: Option<&str>) -> Result<(Request, bool), AppError> {
    let Some(expected) = expected else {
        return Ok((req, false));
    };
    if let Some(h) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        let ok = constant_time_eq(h, expected);
        return Ok((req, ok));
    }
    if let Some(q) = req.uri().query()
        && let Some(v) = field(q.as_bytes())
    {
        let ok = constant_time_eq(&v, expected);
        return Ok((req, ok));
    }
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((req, false));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, FORM_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    let ok = field(&bytes).is_some_and(|v| constant_time_eq(&v, expected));
    Ok((Request::from_parts(parts, Body::from(bytes)), ok))
}

fn field(encoded: &[u8]) -> Option<String> {
    url_pairs(encoded).find(|(k, _)| k == FIELD).map(|(_, v)| v)
}

fn url_pairs(encoded: &[u8]) -> impl Iterator<Item = (String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(encoded)
        .unwrap_or_default()
        .into_iter()
}
