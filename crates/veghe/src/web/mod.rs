//! The web shell: the page frame every page shares (language, navigation by role, the user,
//! the CSRF token), and the error pages.

pub mod errors;
pub mod fonts;
pub mod i18n;
pub mod links;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::csrf::CsrfToken;
use crate::auth::{Access, CurrentUser, Role, cookie};
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

/// The main navigation in its order: each page's address and label.
fn menu(tr: &'static Tr) -> [(&'static str, &'static str); 20] {
    [
        ("/", tr.nav_home),
        ("/board", tr.nav_board),
        ("/duty", tr.nav_duty),
        ("/units", tr.nav_units),
        ("/crew", tr.nav_crew),
        ("/alerts", tr.nav_alerts),
        ("/registry", tr.nav_registry),
        ("/queue", tr.nav_queue),
        ("/registry/reports", tr.nav_registry_reports),
        ("/activity", tr.nav_activity),
        ("/special-events", tr.nav_special),
        ("/plans", tr.nav_plans),
        ("/map", tr.nav_map),
        ("/analysis", tr.nav_analysis),
        ("/press", tr.nav_press),
        ("/calendar", tr.nav_calendar),
        ("/admin", tr.nav_admin),
        ("/audit", tr.nav_audit),
        ("/access-log", tr.nav_access),
        ("/api", tr.nav_api),
    ]
}

/// Who may open a page: the access its `GET` route declares in the route table (nobody, for a
/// path without one), so the menu never offers a page its route refuses.
pub(crate) fn page_access(href: &str) -> Access {
    static PAGES: OnceLock<HashMap<&'static str, Access>> = OnceLock::new();
    PAGES
        .get_or_init(|| {
            crate::route_table()
                .into_iter()
                .filter(|r| r.method == Method::GET)
                .map(|r| (r.path, r.access))
                .collect()
        })
        .get(href)
        .copied()
        .unwrap_or(Access::Roles(&[]))
}

/// The navigation a role sees: only what it may open.
pub(crate) fn nav_for(role: Option<Role>, tr: &'static Tr, path: &str) -> Vec<NavItem> {
    let Some(role) = role else { return Vec::new() };
    menu(tr)
        .into_iter()
        .filter(|(href, _)| page_access(href).allows(Some(role)))
        .map(|(href, label)| NavItem {
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
            Some(u) => state.notices(u.id).await,
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

/// A path inside Veghe to return to, never another site: an absolute path that parses as a URI
/// back to itself, with no host, no second slash or backslash after the first (`//evil`, `/\\evil`)
/// and no whitespace or control character (browsers drop tabs and line feeds, so `/\t/evil` would
/// become `//evil`). Letters beyond ASCII (a search for "poliția") are percent-encoded, as a
/// `Location` header must be. Anything else returns home.
pub fn local_path(next: Option<&str>) -> Cow<'_, str> {
    let Some(p) = next else { return "/".into() };
    let plain = p.starts_with('/')
        && !p[1..].starts_with(['/', '\\'])
        && !p
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    if !plain {
        return "/".into();
    }
    let encoded: Cow<'_, str> = if p.is_ascii() {
        p.into()
    } else {
        let mut out = String::with_capacity(p.len() * 2);
        for c in p.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                for byte in c.to_string().bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
        }
        out.into()
    };
    let parses_to_itself = axum::http::Uri::try_from(encoded.as_ref()).is_ok_and(|u| {
        u.host().is_none() && u.path_and_query().is_some_and(|pq| pq.as_str() == encoded)
    });
    if parses_to_itself {
        encoded
    } else {
        "/".into()
    }
}

/// `GET /lang?to=en&next=/path`: remembers the language in a cookie and goes back.
pub async fn switch_lang(Query(q): Query<LangSwitch>) -> Result<Response, AppError> {
    let lang: Lang =
        q.to.parse()
            .map_err(|_| AppError::bad("to", "language must be `ro` or `en`"))?;
    let mut response = Redirect::to(&local_path(q.next.as_deref())).into_response();
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

/// Formats an instant (epoch ms) as `dd.mm.yyyy HH:MM` in Europe/Bucharest.
pub fn local_time(ms: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    ts.to_zoned(crate::time::bucharest())
        .strftime("%d.%m.%Y %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_return_path_stays_on_this_site() {
        for ok in ["/", "/registry?q=a&page=2", "/incidents/12"] {
            assert_eq!(local_path(Some(ok)), ok, "{ok:?}");
        }
        assert_eq!(
            local_path(Some("/presa?q=poliția")),
            "/presa?q=poli%C8%9Bia"
        );
        for bad in [
            "//evil.example/x",
            "/\\evil.example",
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/ /evil.example",
            "/x\ny",
            "http://evil.example/",
            "evil.example",
            "",
            "/\u{0}",
        ] {
            assert_eq!(local_path(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(local_path(None), "/");
    }

    proptest! {
        /// Whatever is asked, the answer is home or a path whose second character cannot start a
        /// host, and which a browser reads as a path of this site.
        #[test]
        fn no_return_path_leaves_the_site(s in "\\PC*", prefix in prop::sample::select(vec!["", "/", "//", "/\t/", "/\\"])) {
            let asked = format!("{prefix}{s}");
            let p = local_path(Some(&asked));
            let p = p.as_ref();
            prop_assert!(p.starts_with('/'));
            prop_assert!(!p[1..].starts_with(['/', '\\']));
            prop_assert!(!p.chars().any(|c| c.is_control() || c.is_whitespace()));
            prop_assert!(axum::http::Uri::try_from(p).is_ok_and(|u| u.host().is_none()));
        }
    }

    #[test]
    fn every_menu_entry_is_a_page() {
        for lang in [Lang::Ro, Lang::En] {
            for (href, _) in menu(lang.tr()) {
                assert!(
                    crate::route_table()
                        .iter()
                        .any(|r| r.method == Method::GET && r.path == href),
                    "{href} has no GET route"
                );
            }
        }
    }
}
