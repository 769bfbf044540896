//! Open reports of the same category close to this one: a citizen's report of a broken pavement
//! may already be open under another number, and is then answered with it.

use serde::Serialize;

use super::store::{self, Entry};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::geo::{around, distance_m};

/// How close another open report must be to be suggested, in metres.
pub const RADIUS_M: f64 = 50.0;

/// The most reports suggested.
const MOST: usize = 20;

/// An open report near another one.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Nearby {
    /// Metres between the two reports' points, to the metre.
    pub distance_m: f64,
    pub entry: Entry,
}

/// The open petitions of the same service (the Open311 category) within [`RADIUS_M`] of entry
/// `id`'s point, nearest first; none when the entry has no point or no service.
pub async fn nearby(db: &Db, id: i64) -> AppResult<Vec<Nearby>> {
    let (code, lat, lon): (Option<String>, Option<f64>, Option<f64>) =
        sqlx::query_as("SELECT service_code, lat, lon FROM registry_entries WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?
            .ok_or(AppError::NotFound)?;
    let (Some(code), Some(lat), Some(lon)) = (code, lat, lon) else {
        return Ok(Vec::new());
    };
    // A box around the circle, then the exact distance.
    let (min_lon, min_lat, max_lon, max_lat) = around(lon, lat, RADIUS_M);
    let rows: Vec<(i64, f64, f64)> = sqlx::query_as(
        "SELECT id, lat, lon FROM registry_entries \
         WHERE service_code = $1 AND id <> $2 AND register = 'petition' \
         AND status IN ('registered', 'routed') \
         AND lat BETWEEN $3 AND $4 AND lon BETWEEN $5 AND $6",
    )
    .bind(&code)
    .bind(id)
    .bind(min_lat)
    .bind(max_lat)
    .bind(min_lon)
    .bind(max_lon)
    .fetch_all(db.pool())
    .await?;
    let mut near = Vec::new();
    for (other, other_lat, other_lon) in rows {
        let d = distance_m(lon, lat, other_lon, other_lat);
        if d <= RADIUS_M {
            near.push((d, other));
        }
    }
    near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = Vec::with_capacity(near.len().min(MOST));
    for (d, other) in near.into_iter().take(MOST) {
        out.push(Nearby {
            distance_m: d.round(),
            entry: store::get(db, other).await?,
        });
    }
    Ok(out)
}
