//! Veghe: the operations platform of the Communication, Prevention and Dispatch Service of
//! Poliția Locală Timișoara. `app(state)` builds the whole HTTP application; `serve` runs it.
#![forbid(unsafe_code)]

pub mod activity;
pub mod admin;
pub mod alerts;
pub mod analysis;
pub mod api;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod csv_file;
pub mod db;
pub mod demo;
pub mod dispatch;
pub mod documents;
pub mod error;
pub mod geo;
pub mod home;
pub mod http;
pub mod notify;
pub mod plans;
pub mod press;
pub mod registry;
pub mod settings;
mod state;
pub mod time;
pub mod web;

pub use state::AppState;

use std::future::Future;
use std::net::SocketAddr;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::auth::access::{RouteSpec, Routes};

/// Every route of the application, each with the roles that may use it.
pub fn routes() -> Routes {
    Routes::new()
        .get("/", auth::Access::SignedIn, home::home)
        .get("/lang", auth::Access::Public, web::switch_lang)
        .merge(auth::routes::routes())
        .merge(admin::routes())
        .merge(settings::page::routes())
        .merge(settings::api::routes())
        .merge(audit::routes::routes())
        .merge(dispatch::map::routes())
        .merge(geo::tiles::routes())
        .merge(calendar::routes())
        .merge(api::routes())
        .merge(dispatch::routes())
        .merge(notify::routes::routes())
        .merge(plans::routes())
        .merge(alerts::routes())
        .merge(registry::routes())
        .merge(activity::routes())
        .merge(analysis::routes())
        .merge(press::routes())
        .merge(http::routes())
}

/// The API description: the core (`api`) and each feature's own part, declared beside its
/// handlers. A feature with `/api/v1` routes adds its `OpenApi` here as it adds its routes above.
pub fn openapi() -> utoipa::openapi::OpenApi {
    use utoipa::OpenApi;
    let mut doc = api::ApiDoc::openapi();
    for part in [
        calendar::CalendarApi::openapi(),
        dispatch::api::DispatchApi::openapi(),
        dispatch::units::api::UnitsApi::openapi(),
        dispatch::catalogue::api::IncidentTypesApi::openapi(),
        alerts::api::AlertsApi::openapi(),
        registry::api::RegistryApi::openapi(),
        dispatch::special::api::SpecialEventsApi::openapi(),
        notify::routes::NotifyApi::openapi(),
        plans::api::PlansApi::openapi(),
        dispatch::desk_api::DeskApi::openapi(),
        dispatch::log_api::LogApi::openapi(),
        activity::api::ActivityApi::openapi(),
        activity::places_routes::PlacesApi::openapi(),
        registry::search::SearchApi::openapi(),
        analysis::api::AnalysisApi::openapi(),
        registry::reports::ReportsApi::openapi(),
        registry::retention::RetentionApi::openapi(),
        registry::letters::api::LettersApi::openapi(),
        settings::api::SettingsApi::openapi(),
        dispatch::agencies::api::AgenciesApi::openapi(),
        registry::departments::api::DepartmentsApi::openapi(),
        press::accreditation::api::AccreditationApi::openapi(),
        press::contacts::api::ContactsApi::openapi(),
        press::strategy::api::StrategyApi::openapi(),
        press::events::api::EventsApi::openapi(),
        press::releases::api::ReleasesApi::openapi(),
    ] {
        doc.merge(part);
    }
    doc
}

/// The route table, for tests and for the documentation of who may do what.
pub fn route_table() -> Vec<RouteSpec> {
    routes().into_parts().1
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let (router, _) = routes().into_parts();
    router
        .fallback(web::errors::not_found)
        // Layers run bottom-up on the way in: trace, metrics, headers, size limit, who is it, CSRF,
        // error pages, a path with no control character.
        .layer(from_fn(http::clean::clean_path))
        .layer(from_fn(web::errors::html_errors))
        .layer(from_fn_with_state(state.clone(), auth::csrf::protect))
        .layer(from_fn_with_state(state.clone(), auth::authenticate))
        .layer(RequestBodyLimitLayer::new(16 * 1024 * 1024))
        .layer(from_fn_with_state(state.clone(), http::security_headers))
        .layer(from_fn_with_state(state.clone(), http::metrics::track))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The trackers' port: positions posted at `/` (GET or POST), as OsmAnd and Traccar Client
/// expect when only a host and port are configured. Nothing else is served there, and, like
/// `/osmand`, it is open to devices (the device id must be a crew's tracker).
pub fn tracker_app(state: AppState) -> Router {
    Router::new()
        .route(
            "/",
            axum::routing::get(dispatch::positions::receive).post(dispatch::positions::receive),
        )
        .layer(RequestBodyLimitLayer::new(64 * 1024))
        .with_state(state)
}

/// Serves the application on `listener` until `shutdown` completes, then drains open requests.
/// The e-mail sender, the registry's deadline reminders and the press office's monthly
/// conference check run beside it for as long.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let links = dispatch::live::link_processes(&state.db, &state.config.database_url, &state.live);
    let backfill = tokio::spawn(registry::search::backfill_logged(state.db.clone()));
    let sender = tokio::spawn(notify::sender::run(
        state.db.clone(),
        state.config.smtp.clone(),
        state.mailer.clone(),
    ));
    let reminders = tokio::spawn(registry::reminders::run(
        state.db.clone(),
        state.config.smtp.is_some(),
        state.mailer.clone(),
    ));
    let conferences = tokio::spawn(press::events::check::run(state.db.clone()));
    let served = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    for task in links {
        task.abort();
    }
    sender.abort();
    backfill.abort();
    reminders.abort();
    conferences.abort();
    served
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing open requests");
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The base layers every feature builds on.
    const BASE: [&str; 9] = [
        "config.rs",
        "error.rs",
        "db",
        "auth",
        "audit",
        "web",
        "http",
        "api",
        "settings",
    ];
    const FEATURES: [&str; 15] = [
        "activity",
        "alerts",
        "analysis",
        "backup",
        "calendar",
        "cli",
        "demo",
        "dispatch",
        "documents",
        "geo",
        "home",
        "notify",
        "plans",
        "press",
        "registry",
    ];

    fn sources(path: &Path, out: &mut Vec<std::path::PathBuf>) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).expect("read dir").flatten() {
                sources(&entry.path(), out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.to_path_buf());
        }
    }

    #[test]
    fn base_layers_import_no_feature() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        for base in BASE {
            sources(&src.join(base), &mut files);
        }
        assert!(files.len() > 20, "the base layers' sources were not found");
        let mut edges = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file).expect("read source");
            // `use crate::{a, b::c}` names its modules inside the braces.
            let grouped: Vec<&str> = text
                .match_indices("crate::{")
                .filter_map(|(i, _)| text[i..].split_once('}').map(|(inside, _)| inside))
                .collect();
            for feature in FEATURES {
                let path = format!("crate::{feature}");
                let names = |hay: &str, needle: &str| {
                    hay.match_indices(needle).any(|(i, _)| {
                        let before = hay[..i].chars().next_back();
                        let next = hay[i + needle.len()..].chars().next();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
                            && !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    })
                };
                let found = names(&text, &path)
                    || grouped
                        .iter()
                        .any(|g| names(&g.replace("crate::{", " "), feature));
                if found {
                    edges.push(format!("{} -> {feature}", file.display()));
                }
            }
        }
        assert!(edges.is_empty(), "base layers import features: {edges:#?}");
    }
}
