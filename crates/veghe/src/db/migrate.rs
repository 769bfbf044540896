//! Schema migrations: one ordered list, an SQLite and a PostgreSQL text for each step.

use sqlx::Row;

use super::{Backend, Db};

/// A schema step: its version, name and the SQL for each engine.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration, in order. Append only: an applied step is never edited.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "foundation",
        sqlite: include_str!("../../migrations/sqlite/0001_foundation.sql"),
        postgres: include_str!("../../migrations/postgres/0001_foundation.sql"),
    },
    Migration {
        version: 2,
        name: "dispatch",
        sqlite: include_str!("../../migrations/sqlite/0002_dispatch.sql"),
        postgres: include_str!("../../migrations/postgres/0002_dispatch.sql"),
    },
    Migration {
        version: 3,
        name: "special_events",
        sqlite: include_str!("../../migrations/sqlite/0003_special_events.sql"),
        postgres: include_str!("../../migrations/postgres/0003_special_events.sql"),
    },
    Migration {
        version: 4,
        name: "public_alerts",
        sqlite: include_str!("../../migrations/sqlite/0004_public_alerts.sql"),
        postgres: include_str!("../../migrations/postgres/0004_public_alerts.sql"),
    },
    Migration {
        version: 5,
        name: "registry",
        sqlite: include_str!("../../migrations/sqlite/0005_registry.sql"),
        postgres: include_str!("../../migrations/postgres/0005_registry.sql"),
    },
    Migration {
        version: 6,
        name: "duty_desk",
        sqlite: include_str!("../../migrations/sqlite/0006_duty_desk.sql"),
        postgres: include_str!("../../migrations/postgres/0006_duty_desk.sql"),
    },
    Migration {
        version: 7,
        name: "registry_public",
        sqlite: include_str!("../../migrations/sqlite/0007_registry_public.sql"),
        postgres: include_str!("../../migrations/postgres/0007_registry_public.sql"),
    },
    Migration {
        version: 8,
        name: "activity",
        sqlite: include_str!("../../migrations/sqlite/0008_activity.sql"),
        postgres: include_str!("../../migrations/postgres/0008_activity.sql"),
    },
    Migration {
        version: 9,
        name: "analysis_proposals",
        sqlite: include_str!("../../migrations/sqlite/0009_analysis_proposals.sql"),
        postgres: include_str!("../../migrations/postgres/0009_analysis_proposals.sql"),
    },
    Migration {
        version: 10,
        name: "registry_answers",
        sqlite: include_str!("../../migrations/sqlite/0010_registry_answers.sql"),
        postgres: include_str!("../../migrations/postgres/0010_registry_answers.sql"),
    },
    Migration {
        version: 11,
        name: "registry_reports",
        sqlite: include_str!("../../migrations/sqlite/0011_registry_reports.sql"),
        postgres: include_str!("../../migrations/postgres/0011_registry_reports.sql"),
    },
    Migration {
        version: 12,
        name: "activity_places",
        sqlite: include_str!("../../migrations/sqlite/0012_activity_places.sql"),
        postgres: include_str!("../../migrations/postgres/0012_activity_places.sql"),
    },
    Migration {
        version: 14,
        name: "crew_route_indexes",
        sqlite: include_str!("../../migrations/sqlite/0014_crew_route_indexes.sql"),
        postgres: include_str!("../../migrations/postgres/0014_crew_route_indexes.sql"),
    },
    Migration {
        version: 15,
        name: "positions_by_time",
        sqlite: include_str!("../../migrations/sqlite/0015_positions_by_time.sql"),
        postgres: include_str!("../../migrations/postgres/0015_positions_by_time.sql"),
    },
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
        let sql = match db.backend() {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        sqlx::raw_sql(sql).execute(&mut *tx).await?;
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
