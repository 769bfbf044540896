//! Schema migrations: one ordered list of steps, each one SQL file in SQLite's dialect.
//!
//! PostgreSQL runs the same file with its column types swapped ([`postgres::render`]), unless the
//! step has its own text in `migrations/postgres/`, which is then run as it is.

mod postgres;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use sqlx::Row;

use super::{Backend, Db};

/// A schema step: its version, name and SQL.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    sql: &'static str,
    postgres: Option<&'static str>,
}

impl Migration {
    /// The step's text for an engine.
    pub fn sql(&self, backend: Backend) -> Cow<'static, str> {
        match (backend, self.postgres) {
            (Backend::Sqlite, _) => Cow::Borrowed(self.sql),
            (Backend::Postgres, Some(own)) => Cow::Borrowed(own),
            (Backend::Postgres, None) => Cow::Owned(postgres::render(self.sql)),
        }
    }

    /// The same step with PostgreSQL's own text, for a step whose rendering would not do (no step
    /// needs one yet).
    #[cfg_attr(not(test), allow(dead_code))]
    const fn postgres(self, sql: &'static str) -> Self {
        Migration {
            postgres: Some(sql),
            ..self
        }
    }
}

/// A step run alike on both engines.
const fn step(version: i64, name: &'static str, sql: &'static str) -> Migration {
    Migration {
        version,
        name,
        sql,
        postgres: None,
    }
}

/// Every migration, in order. Append only: an applied step is never edited. A step whose
/// PostgreSQL text must differ is listed as `step(…).postgres(include_str!(…/postgres/NNNN_name.sql))`.
pub const MIGRATIONS: &[Migration] = &[
    step(
        1,
        "foundation",
        include_str!("../../../migrations/0001_foundation.sql"),
    ),
    step(
        2,
        "dispatch",
        include_str!("../../../migrations/0002_dispatch.sql"),
    ),
    step(
        3,
        "special_events",
        include_str!("../../../migrations/0003_special_events.sql"),
    ),
    step(
        4,
        "public_alerts",
        include_str!("../../../migrations/0004_public_alerts.sql"),
    ),
    step(
        5,
        "registry",
        include_str!("../../../migrations/0005_registry.sql"),
    ),
    step(
        6,
        "duty_desk",
        include_str!("../../../migrations/0006_duty_desk.sql"),
    ),
    step(
        7,
        "registry_public",
        include_str!("../../../migrations/0007_registry_public.sql"),
    ),
    step(
        8,
        "activity",
        include_str!("../../../migrations/0008_activity.sql"),
    ),
    step(
        9,
        "analysis_proposals",
        include_str!("../../../migrations/0009_analysis_proposals.sql"),
    ),
    step(
        10,
        "registry_answers",
        include_str!("../../../migrations/0010_registry_answers.sql"),
    ),
    step(
        11,
        "registry_reports",
        include_str!("../../../migrations/0011_registry_reports.sql"),
    ),
    step(
        12,
        "activity_places",
        include_str!("../../../migrations/0012_activity_places.sql"),
    ),
    step(
        14,
        "crew_route_indexes",
        include_str!("../../../migrations/0014_crew_route_indexes.sql"),
    ),
    step(
        15,
        "positions_by_time",
        include_str!("../../../migrations/0015_positions_by_time.sql"),
    ),
    step(
        16,
        "incident_located_by",
        include_str!("../../../migrations/0016_incident_located_by.sql"),
    ),
    step(
        19,
        "registry_attachment_kinds",
        include_str!("../../../migrations/0019_registry_attachment_kinds.sql"),
    ),
    step(
        20,
        "units_admin",
        include_str!("../../../migrations/0020_units_admin.sql"),
    ),
    step(
        21,
        "incident_types",
        include_str!("../../../migrations/0021_incident_types.sql"),
    ),
    step(
        22,
        "service_settings",
        include_str!("../../../migrations/0022_service_settings.sql"),
    ),
    step(
        23,
        "accounts",
        include_str!("../../../migrations/0023_accounts.sql"),
    ),
    step(
        24,
        "press",
        include_str!("../../../migrations/0024_press.sql"),
    ),
    step(
        25,
        "press_releases",
        include_str!("../../../migrations/0025_press_releases.sql"),
    ),
    step(
        26,
        "press_lists",
        include_str!("../../../migrations/0026_press_lists.sql"),
    ),
    step(
        27,
        "press_strategy",
        include_str!("../../../migrations/0027_press_strategy.sql"),
    ),
    step(
        28,
        "press_requests",
        include_str!("../../../migrations/0028_press_requests.sql"),
    ),
];

pub(super) async fn run(db: &Db) -> Result<Vec<&'static str>, sqlx::Error> {
    sqlx::raw_sql(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .execute(db.pool())
    .await?;
    let mut applied = Vec::new();
    for m in MIGRATIONS {
        let mut tx = db.begin().await?;
        if db.backend() == Backend::Postgres {
            // Several servers starting at once: one migrates, the others wait and then skip.
            sqlx::query("SELECT pg_advisory_xact_lock(7275)")
                .execute(&mut *tx)
                .await?;
        }
        let done = sqlx::query("SELECT version FROM schema_migrations WHERE version = $1")
            .bind(m.version)
            .fetch_optional(&mut *tx)
            .await?;
        if done.is_some() {
            tx.rollback().await?;
            continue;
        }
        // The text is one of the files compiled in, the types swapped at most.
        sqlx::raw_sql(sqlx::AssertSqlSafe(m.sql(db.backend()).into_owned()))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(super::now_ms())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        applied.push(m.name);
    }
    Ok(applied)
}

/// The highest applied version, for `/readyz` and `veghe migrate`.
pub async fn current_version(db: &Db) -> Result<i64, sqlx::Error> {
    let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations")
        .fetch_one(db.pool())
        .await?;
    row.try_get::<i64, _>("v")
}
