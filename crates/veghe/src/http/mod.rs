//! The server's plumbing that no feature owns: security headers, health and readiness,
//! Prometheus metrics, and the embedded browser assets.

pub mod assets;
pub mod clean;
pub mod client;
pub mod extract;
pub mod fields;
pub mod metrics;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};

pub fn routes() -> Routes {
    Routes::new()
        .get("/healthz", Access::Public, healthz)
        .get("/readyz", Access::Public, readyz)
        .get("/metrics", Access::Roles(groups::ADMIN), metrics::render)
        .get("/assets/{*path}", Access::Public, assets::serve)
}

/// The process is up.
async fn healthz() -> &'static str {
    "ok\n"
}

/// The database answers.
async fn readyz(State(state): State<AppState>) -> Response {
    if state.db.ping().await {
        (StatusCode::OK, "ready\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
    }
}

/// The Content-Security-Policy: only our own scripts and styles, and map tiles from the one
/// configured tile server.
pub fn content_security_policy(tile_url: Option<&str>) -> String {
    let tile_origin = tile_url
        .and_then(|u| {
            let scheme_end = u.find("://")? + 3;
            let host_end = u[scheme_end..]
                .find('/')
                .map_or(u.len(), |i| scheme_end + i);
            Some(format!(" {}", &u[..host_end]))
        })
        .unwrap_or_default()
        .replace(['{', '}'], "");
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tile_origin}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         frame-ancestors 'none'; form-action 'self'"
    )
}

/// Adds the security headers to every response.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let csp = content_security_policy(state.config.tile_url.as_deref());
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(self)"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if state.config.cookie_secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn csp_allows_only_the_configured_tile_host() {
        let none = content_security_policy(None);
        assert!(none.contains("img-src 'self' data:;"));
        assert!(!none.contains("unsafe-inline"));
        let tiles = content_security_policy(Some("https://tiles.example.org/{z}/{x}/{y}.png"));
        assert!(
            tiles.contains("img-src 'self' data: https://tiles.example.org;"),
            "{tiles}"
        );
    }
}
