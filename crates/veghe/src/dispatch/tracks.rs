//! A crew's route over a period, from its stored positions: for replay on the map and for
//! checking where a crew was.

use serde::Serialize;
use serde_json::{Value, json};
use sqlx::Row;

use crate::db::Db;
use crate::error::AppError;

/// The most points one request returns (a day of fixes every 5 s is 17,280).
pub const MAX_POINTS: i64 = 50_000;

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct TrackPoint {
    pub at: i64,
    pub lat: f64,
    pub lon: f64,
    pub speed_mps: Option<f64>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Track {
    pub unit_id: i64,
    pub call_sign: String,
    pub from: i64,
    pub to: i64,
    /// Length of the route in metres (great-circle between consecutive fixes).
    pub distance_m: f64,
    /// True when the period had more fixes than one answer holds (the first ones are given).
    pub truncated: bool,
    pub points: Vec<TrackPoint>,
}

/// The positions of crew `unit_id` taken in `[from, to)`, in time order.
pub async fn track(db: &Db, unit_id: i64, from: i64, to: i64) -> Result<Track, AppError> {
    let unit = sqlx::query("SELECT call_sign FROM units WHERE id = $1")
        .bind(unit_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)?;
    let mut points: Vec<TrackPoint> = sqlx::query_as(
        "SELECT at, lat, lon, speed_mps FROM positions WHERE unit_id = $1 AND at >= $2 AND at < $3 ORDER BY at, id LIMIT $4",
    )
    .bind(unit_id)
    .bind(from)
    .bind(to)
    .bind(MAX_POINTS + 1)
    .fetch_all(db.pool())
    .await?;
    let truncated = points.len() as i64 > MAX_POINTS;
    points.truncate(MAX_POINTS as usize);
    Ok(Track {
        unit_id,
        call_sign: unit.try_get("call_sign")?,
        from,
        to,
        distance_m: length_m(&points),
        truncated,
        points,
    })
}

/// The length of a route through the points, in metres.
pub fn length_m(points: &[TrackPoint]) -> f64 {
    points
        .windows(2)
        .map(|w| crate::geo::distance_m(w[0].lon, w[0].lat, w[1].lon, w[1].lat))
        .sum()
}

/// The route as a GeoJSON feature collection: the line, then each fix as a point with its time.
pub fn to_geojson(t: &Track) -> Value {
    let line: Vec<[f64; 2]> = t.points.iter().map(|p| [p.lon, p.lat]).collect();
    let mut features = vec![json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": line},
        "properties": {"call_sign": t.call_sign, "distance_m": t.distance_m.round()},
    })];
    features.extend(t.points.iter().map(|p| {
        json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
            "properties": {"at": p.at, "time": crate::web::local_time(p.at), "speed_mps": p.speed_mps},
        })
    }));
    json!({"type": "FeatureCollection", "features": features})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_adds_the_legs() {
        let p = |lat: f64, lon: f64| TrackPoint {
            at: 0,
            lat,
            lon,
            speed_mps: None,
        };
        assert_eq!(length_m(&[]), 0.0);
        assert_eq!(length_m(&[p(45.75, 21.22)]), 0.0);
        // 0.01° of latitude is about 1,112 m; there and back is twice that.
        let there_and_back = length_m(&[p(45.75, 21.22), p(45.76, 21.22), p(45.75, 21.22)]);
        assert!((there_and_back - 2_223.9).abs() < 2.0, "{there_and_back}");
    }
}
