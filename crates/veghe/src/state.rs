//! What every handler can reach: the database, the configuration and the features' shared
//! services, composed once for the whole application.

use std::sync::Arc;

use crate::config::Config;
use crate::db::Db;
use crate::{analysis, dispatch, http, notify};

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

    /// The service's settings in force, read now: several servers may share the database.
    pub async fn settings(&self) -> crate::error::AppResult<crate::settings::Settings> {
        crate::settings::load(&self.db, &self.config).await
    }

    /// The signed-in person's unacknowledged notifications: the badge in every page's header.
    pub async fn notices(&self, user_id: i64) -> i64 {
        crate::notify::unacknowledged(&self.db, user_id).await
    }
}
