//! Crews as the board and the API see them: status, assignment, last position and last contact.

use serde::Serialize;

use crate::db::Db;
use crate::error::AppError;

/// A crew with its last known position.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Unit {
    pub id: i64,
    pub call_sign: String,
    pub kind: String,
    pub department: String,
    pub status: String,
    pub incident_id: Option<i64>,
    pub last_lat: Option<f64>,
    pub last_lon: Option<f64>,
    /// When the last position was taken (epoch ms); compare with now to see how stale it is.
    pub last_position_at: Option<i64>,
    /// When the dispatch centre last contacted the crew (epoch ms).
    pub last_contact_at: Option<i64>,
}

/// Every crew, by call sign.
pub async fn list(db: &Db) -> Result<Vec<Unit>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, call_sign, kind, department, status, incident_id, last_lat, last_lon, last_position_at, last_contact_at FROM units ORDER BY call_sign",
    )
    .fetch_all(db.pool())
    .await?)
}
