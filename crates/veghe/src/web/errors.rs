//! Error pages: an error answered to a page request is shown as a page in the user's language,
//! with the same frame as every page; API callers keep the JSON body.

use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Lang, Shell, lang_of, nav_for, render};
use crate::auth::CurrentUser;
use crate::auth::csrf::CsrfToken;
use crate::error::{AppError, ErrorInfo};

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    shell: Shell,
    title: &'static str,
    text: String,
}

/// Unknown routes.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Turns JSON errors into HTML pages for requests that are not API calls.
pub async fn html_errors(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    let wants_html = !(path.starts_with("/api/")
        || path.starts_with("/open311/")
        || path.starts_with("/assets/")
        || path.starts_with("/geo/"))
        && req
            .headers()
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
    let lang = lang_of(req.headers());
    let user = req.extensions().get::<CurrentUser>().cloned();
    let csrf = req
        .extensions()
        .get::<CsrfToken>()
        .map(|t| t.0.clone())
        .unwrap_or_default();
    // A page's script reads the API with the person's cookie: its refusals come in their language.
    let reads_romanian = super::cookie(req.headers(), Lang::COOKIE) == Some("ro");
    let response = next.run(req).await;
    if !wants_html {
        return in_romanian_if_read(response, reads_romanian);
    }
    let Some(info) = response.extensions().get::<ErrorInfo>().cloned() else {
        return response;
    };
    let tr = lang.tr();
    let message = match (lang, &info.message_ro) {
        (Lang::Ro, Some(ro)) => ro.clone(),
        _ => info.message.clone(),
    };
    let (title, text) = match info.status {
        403 if info.code == "csrf" => (tr.forbidden_title, message),
        403 => (tr.forbidden_title, tr.forbidden_text.to_string()),
        404 => (tr.not_found_title, tr.not_found_text.to_string()),
        503 => (tr.unavailable_title, message),
        500 => (tr.error_title, String::new()),
        _ => (tr.error_title, message),
    };
    let shell = Shell {
        nav: nav_for(user.as_ref().map(|u| u.role), tr, &path),
        lang,
        tr,
        user,
        csrf,
        path,
        tile_url: None,
        notices: 0,
    };
    let status = response.status();
    let headers = response.headers().clone();
    match render(&ErrorPage { shell, title, text }) {
        Ok(mut page) => {
            *page.status_mut() = status;
            for name in [
                axum::http::header::RETRY_AFTER,
                axum::http::header::SET_COOKIE,
            ] {
                for v in headers.get_all(&name) {
                    page.headers_mut().append(name.clone(), v.clone());
                }
            }
            page.extensions_mut().insert(info);
            page
        }
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response(),
    }
}

/// A JSON refusal read by a page's script for someone reading in Romanian: its message in
/// Romanian when it has been written. Callers without the language cookie keep the English.
fn in_romanian_if_read(response: Response, reads_romanian: bool) -> Response {
    let Some(info) = response.extensions().get::<ErrorInfo>() else {
        return response;
    };
    let (true, Some(ro)) = (reads_romanian, info.message_ro.clone()) else {
        return response;
    };
    let info = ErrorInfo {
        message: ro,
        ..info.clone()
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&crate::error::ErrorBody { error: info }).unwrap_or_default();
    Response::from_parts(parts, axum::body::Body::from(body))
}
