//! Veghe: the operations platform of the Communication, Prevention and Dispatch Service of
//! Poliția Locală Timișoara. `app(state)` builds the whole HTTP application; `serve` runs it.
#![forbid(unsafe_code)]

pub mod activity;
pub mod alerts;
pub mod analysis;
pub mod api;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod dispatch;
pub mod documents;
pub mod error;
pub mod geo;
pub mod http;
pub mod notify;
pub mod plans;
pub mod registry;
pub mod time;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use tokio::net::TcpListener;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::TraceLayer;

use crate::auth::access::{RouteSpec, Routes};
use crate::config::Config;
use crate::db::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub metrics: Arc<http::metrics::Metrics>,
    pub live: Arc<dispatch::live::Live>,
    /// The group-commit queue of tracker positions.
    pub positions: Arc<dispatch::ingest::Ingest>,
    /// Analysis results kept per filter.
    pub analysis: Arc<analysis::Cache>,
    /// Wakes the e-mail sender when a message is queued.
    pub mailer: Arc<notify::sender::Mailer>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> AppState {
        AppState {
            db,
            config: Arc::new(config),
            metrics: Arc::default(),
            live: Arc::default(),
            positions: Arc::default(),
            analysis: Arc::default(),
            mailer: Arc::default(),
        }
    }
}

/// Every route of the application, each with the roles that may use it.
pub fn routes() -> Routes {
    Routes::new()
        .get("/", auth::Access::SignedIn, web::home::home)
        .get("/lang", auth::Access::Public, web::switch_lang)
        .merge(auth::routes::routes())
        .merge(audit::routes::routes())
        .merge(web::map::routes())
        .merge(calendar::routes())
        .merge(api::routes())
        .merge(dispatch::routes())
        .merge(notify::routes::routes())
        .merge(plans::routes())
        .merge(alerts::routes())
        .merge(registry::routes())
        .merge(activity::routes())
        .merge(analysis::routes())
        .merge(http::routes())
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
        // Layers run bottom-up on the way in: trace, metrics, headers, size limit, who is it, CSRF, error pages.
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
/// The e-mail sender and the registry's deadline reminders run beside it for as long.
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
