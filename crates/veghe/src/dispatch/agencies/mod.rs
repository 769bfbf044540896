//! Cooperating forces: the directory of the bodies incidents are handed to (police, gendarmerie,
//! fire and rescue, ambulance, the city's services…), kept by the administrator — added, edited,
//! retired, never deleted, since hand-overs name them — and the hand-over itself.

pub mod api;
mod directory;
mod handover;
pub mod pages;
mod texts;

pub use directory::{AgencyIn, AgencyPatch, NewAgency, add, edit, reinstate, retire};
pub use handover::{CHANNELS, Handover, hand_over};

use serde::Serialize;

use crate::db::Db;
use crate::error::{AppError, AppResult};

/// The kinds of body, as stored.
pub const KINDS: &[&str] = &[
    "police",
    "gendarmerie",
    "fire_rescue",
    "ambulance",
    "emergency",
    "city_hall",
    "utility",
];

/// A cooperating body.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Agency {
    pub id: i64,
    /// Its short code, used in hand-overs: `ipj`, `isu`, `aquatim`…
    pub code: String,
    pub name: String,
    /// police, gendarmerie, fire_rescue, ambulance, emergency, city_hall, utility
    pub kind: String,
    /// Required for new and edited entries; some seeded ones have none yet.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// What they take: a short text.
    pub competences: Option<String>,
    pub notes: Option<String>,
    /// When it was retired (epoch ms): it keeps its hand-overs and takes no new ones.
    pub retired_at: Option<i64>,
}

const COLUMNS: &str = "id, code, name, kind, phone, email, competences, notes, retired_at";

/// Every body, the active first, in the order they were added.
pub async fn list(db: &Db) -> Result<Vec<Agency>, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies ORDER BY retired_at IS NOT NULL, id"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// The bodies an incident may be handed to.
pub async fn active(db: &Db) -> Result<Vec<Agency>, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies WHERE retired_at IS NULL ORDER BY id"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// One body by its code.
pub async fn get(db: &Db, code: &str) -> AppResult<Agency> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies WHERE code = $1"
    )))
    .bind(code)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}
