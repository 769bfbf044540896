//! The web shell: the page frame every page shares (language, navigation by role, the user,
//! the CSRF token), the home dashboard, the map, and the error pages.

pub mod errors;
pub mod fonts;
pub mod home;
pub mod i18n;
pub mod map;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::csrf::CsrfToken;
use crate::auth::{CurrentUser, Role, cookie, groups};
use crate::error::AppError;
use crate::http::extract::Query;
pub use i18n::{Lang, Tr};

/// One entry of the main navigation.
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// What every page template receives: the frame around the page's own content.
pub struct Shell {
    pub lang: Lang,
    pub tr: &'static Tr,
    pub user: Option<CurrentUser>,
    pub csrf: String,
    pub path: String,
    pub nav: Vec<NavItem>,
    pub tile_url: Option<String>,
    /// Unacknowledged notifications of the signed-in person (the header's badge).
    pub notices: i64,
}

impl Shell {
    pub fn role_label(&self) -> &'static str {
        match (&self.user, self.lang) {
            (Some(u), Lang::Ro) => u.role.label_ro(),
            (Some(u), Lang::En) => u.role.label_en(),
            (None, _) => "",
        }
    }

    /// The link that switches language and comes back to this page.
    pub fn switch_lang_href(&self) -> String {
        let q =
            serde_urlencoded::to_string([("to", self.lang.other().code()), ("next", &self.path)])
                .unwrap_or_default();
        format!("/lang?{q}")
    }

    pub fn other_lang(&self) -> Lang {
        self.lang.other()
    }
}

/// The navigation a role sees: only what it may open.
pub(crate) fn nav_for(role: Option<Role>, tr: &'static Tr, path: &str) -> Vec<NavItem> {
    let Some(role) = role else { return Vec::new() };
    let items: &[(&'static str, &'static str, &[Role])] = &[
        ("/", tr.nav_home, &Role::ALL),
        ("/board", tr.nav_board, groups::OPERATIONS_READ),
        ("/duty", tr.nav_duty, groups::OPERATIONS_READ),
        ("/units", tr.nav_units, crate::dispatch::api::DISPATCH),
        ("/crew", tr.nav_crew, crate::dispatch::crew::CREW),
        ("/alerts", tr.nav_alerts, crate::dispatch::api::DISPATCH),
        ("/registry", tr.nav_registry, groups::REGISTRY),
        ("/queue", tr.nav_queue, groups::REGISTRY),
        (
            "/registry/reports",
            tr.nav_registry_reports,
            crate::registry::reports::READ,
        ),
        ("/activity", tr.nav_activity, groups::ACTIVITY),
        ("/special-events", tr.nav_special, groups::OPERATIONS_READ),
        ("/plans", tr.nav_plans, groups::OPERATIONS_READ),
        ("/map", tr.nav_map, groups::OPERATIONS_READ),
        ("/analysis", tr.nav_analysis, groups::OPERATIONS_READ),
        ("/calendar", tr.nav_calendar, groups::CALENDAR),
        ("/users", tr.nav_users, groups::ADMIN),
        ("/audit", tr.nav_audit, groups::OVERSIGHT),
        ("/access-log", tr.nav_access, groups::OVERSIGHT),
        ("/api", tr.nav_api, &Role::ALL),
    ];
    items
        .iter()
        .copied()
        .filter(|(_, _, roles)| roles.contains(&role))
        .map(|(href, label, _)| NavItem {
            href,
            label,
            current: if href == "/" {
                path == "/"
            } else {
                path.starts_with(href)
            },
        })
        .collect()
}

/// The interface language of a request: the `veghe_lang` cookie, else Romanian.
pub fn lang_of(headers: &axum::http::HeaderMap) -> Lang {
    cookie(headers, Lang::COOKIE)
        .and_then(|v| v.parse().ok())
        .unwrap_or_default()
}

impl FromRequestParts<crate::AppState> for Shell {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers);
        let user = parts.extensions.get::<CurrentUser>().cloned();
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let path = parts.uri.path().to_string();
        let tr = lang.tr();
        let notices = match &user {
            Some(u) => crate::notify::unacknowledged(&state.db, u.id).await,
            None => 0,
        };
        Ok(Shell {
            notices,
            nav: nav_for(user.as_ref().map(|u| u.role), tr, &path),
            lang,
            tr,
            user,
            csrf,
            path,
            tile_url: state.config.tile_url.clone(),
        })
    }
}

/// Renders a template into an HTML response; a template error is an internal error.
pub fn render<T: askama::Template>(t: &T) -> Result<Response, AppError> {
    let body = t
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("template: {e}")))?;
    let mut response = Html(body).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Deserialize)]
pub struct LangSwitch {
    to: String,
    next: Option<String>,
}

/// A path inside Veghe to return to, never another site.
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p,
        _ => "/",
    }
}

/// `GET /lang?to=en&next=/path`: remembers the language in a cookie and goes back.
pub async fn switch_lang(Query(q): Query<LangSwitch>) -> Result<Response, AppError> {
    let lang: Lang =
        q.to.parse()
            .map_err(|_| AppError::bad("to", "language must be `ro` or `en`"))?;
    let mut response = Redirect::to(local_path(q.next.as_deref())).into_response();
    let value = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        Lang::COOKIE,
        lang.code()
    );
    if let Ok(v) = HeaderValue::from_str(&value) {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(response)
}

/// The label of an incident type in the interface language (the code itself when unknown).
pub fn type_label(code: &str, lang: Lang) -> String {
    match crate::demo::catalogue::incident_type(code) {
        Some(t) if lang == Lang::Ro => t.name_ro.to_string(),
        Some(t) => t.name_en.to_string(),
        None => code.to_string(),
    }
}

/// Formats an instant (epoch ms) as `dd.mm.yyyy HH:MM` in Europe/Bucharest.
pub fn local_time(ms: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    match jiff::tz::TimeZone::get("Europe/Bucharest") {
        Ok(tz) => ts.to_zoned(tz).strftime("%d.%m.%Y %H:%M").to_string(),
        Err(_) => ts.strftime("%d.%m.%Y %H:%M UTC").to_string(),
    }
}
