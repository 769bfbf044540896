//! Error pages: an error answered to a page request is shown as a page in the user's language,
//! with the same frame as every page; API callers keep the JSON body.

use askama::Template;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Shell, lang_of, nav_for, render};
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
    let response = next.run(req).await;
    if !wants_html {
        return response;
    }
    let Some(info) = response.extensions().get::<ErrorInfo>().cloned() else {
        return response;
    };
    let tr = lang.tr();
    let (title, text) = match info.status {
        403 if info.code == "csrf" => (tr.forbidden_title, info.message.clone()),
        403 => (tr.forbidden_title, tr.forbidden_text.to_string()),
        404 => (tr.not_found_title, tr.not_found_text.to_string()),
        503 => (tr.unavailable_title, info.message.clone()),
        500 => (tr.error_title, String::new()),
        _ => (tr.error_title, info.message.clone()),
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
