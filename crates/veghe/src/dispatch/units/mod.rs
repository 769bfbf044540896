//! Crews as the board and the API see them: status, assignment, last position and last contact;
//! and the crews' store (`store`: create, change, retire, reinstate), the typed input it takes
//! (`input`), its JSON API (`api`) and the administration pages (`page`, `texts`).

pub mod api;
pub mod input;
pub mod page;
pub mod store;
pub mod texts;

use serde::Serialize;

use crate::auth::access::Routes;
use crate::db::Db;
use crate::error::AppError;

/// The crews' API and administration pages.
pub fn routes() -> Routes {
    Routes::new().merge(api::routes()).merge(page::routes())
}

/// A crew with its last known position.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Unit {
    pub id: i64,
    pub call_sign: String,
    pub kind: String,
    pub department: String,
    pub status: String,
    pub incident_id: Option<i64>,
    /// The vehicle's plate number, when the crew has one.
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    /// The GPS tracker's device id (`/osmand?id=…`, OwnTracks `USER/DEVICE`).
    pub tracker_id: Option<String>,
    pub last_lat: Option<f64>,
    pub last_lon: Option<f64>,
    /// When the last position was taken (epoch ms); compare with now to see how stale it is.
    pub last_position_at: Option<i64>,
    /// When the dispatch centre last contacted the crew (epoch ms).
    pub last_contact_at: Option<i64>,
    /// When the crew was retired (epoch ms); absent while it is in service.
    pub retired_at: Option<i64>,
}

/// `SELECT` of a crew's columns, then the rest of the query.
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT id, call_sign, kind, department, status, incident_id, vehicle, radio, tracker_id, \
             last_lat, last_lon, last_position_at, last_contact_at, retired_at FROM units ",
            $rest
        )
    };
}

/// Every crew in service (not retired), by call sign: the board, the map, the recommendations.
pub async fn list(db: &Db) -> Result<Vec<Unit>, AppError> {
    Ok(
        sqlx::query_as(select!("WHERE retired_at IS NULL ORDER BY call_sign"))
            .fetch_all(db.pool())
            .await?,
    )
}

/// Every crew, retired ones too, by call sign: the history pages (routes, timelines).
pub async fn list_all(db: &Db) -> Result<Vec<Unit>, AppError> {
    Ok(sqlx::query_as(select!("ORDER BY call_sign"))
        .fetch_all(db.pool())
        .await?)
}

/// One crew, retired or not: through the pool (`db.pool()`) or in a transaction (`&mut **tx`).
pub async fn get<'e, E>(ex: E, id: i64) -> Result<Unit, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(select!("WHERE id = $1"))
        .bind(id)
        .fetch_optional(ex)
        .await?
        .ok_or(AppError::NotFound)
}
