//! Crew positions from trackers speaking the OsmAnd / Traccar Client protocol: the query-string
//! or form fields (`id`, `lat`, `lon`, `timestamp`, `speed` in knots, `bearing`, `altitude`,
//! `accuracy`, `batt`) and the JSON body newer clients POST (speed in m/s). A position is
//! stored only when every field parses and the device is a known crew's tracker.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};

use super::model::LatLon;
use crate::AppState;
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};
use crate::http::extract;

/// One reported position, parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub device: String,
    pub at_ms: i64,
    pub point: LatLon,
    pub speed_mps: Option<f64>,
    pub bearing: Option<f64>,
    pub altitude: Option<f64>,
    pub accuracy: Option<f64>,
    pub battery: Option<f64>,
}

/// The fields a tracker sends, named when one holds a control character.
const FIELDS: &[&str] = &[
    "id",
    "deviceid",
    "lat",
    "lon",
    "timestamp",
    "speed",
    "bearing",
    "altitude",
    "accuracy",
    "batt",
    "device_id",
    "location",
];

const KNOT_MPS: f64 = 1852.0 / 3600.0;

fn number(field: &'static str, text: Option<&str>) -> AppResult<Option<f64>> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => t
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| AppError::bad(field, format!("{field} `{t}` is not a number"))),
    }
}

/// Parses a timestamp in the forms trackers send: Unix seconds, Unix milliseconds, or RFC 3339.
/// Positions more than a day in the future or before 2000 are refused as garbage.
pub fn parse_timestamp(text: &str, now_ms: i64) -> AppResult<i64> {
    let t = text.trim();
    let ms = if let Ok(n) = t.parse::<f64>() {
        if !n.is_finite() {
            None
        } else if n > 1e11 {
            Some(n as i64)
        } else {
            Some((n * 1000.0) as i64)
        }
    } else {
        t.parse::<jiff::Timestamp>()
            .ok()
            .map(|ts| ts.as_millisecond())
    };
    let ms = ms.ok_or_else(|| {
        AppError::bad(
            "timestamp",
            format!("timestamp `{t}` is not Unix seconds, milliseconds or RFC 3339"),
        )
    })?;
    if ms < 946_684_800_000 || ms > now_ms + 86_400_000 {
        return Err(AppError::bad(
            "timestamp",
            format!("timestamp `{t}` is not a plausible time"),
        ));
    }
    Ok(ms)
}

/// Parses the query-string / form variant (speed in knots).
pub fn parse_fields(pairs: &[(String, String)], now_ms: i64) -> AppResult<Fix> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let device = get("id")
        .or_else(|| get("deviceid"))
        .map(str::trim)
        .filter(|d| !d.is_empty() && d.len() <= 100)
        .ok_or_else(|| AppError::bad("id", "the device id (`id`) is missing"))?
        .to_string();
    let lat = number("lat", get("lat"))?.ok_or_else(|| AppError::bad("lat", "`lat` is missing"))?;
    let lon = number("lon", get("lon"))?.ok_or_else(|| AppError::bad("lon", "`lon` is missing"))?;
    let point = LatLon::new(lat, lon).map_err(|(f, m)| AppError::bad(f, m))?;
    let at_ms = match get("timestamp") {
        Some(t) => parse_timestamp(t, now_ms)?,
        None => now_ms,
    };
    let batt = number("batt", get("batt"))?;
    Ok(Fix {
        device,
        at_ms,
        point,
        speed_mps: number("speed", get("speed"))?.map(|k| k * KNOT_MPS),
        bearing: number("bearing", get("bearing"))?,
        altitude: number("altitude", get("altitude"))?,
        accuracy: number("accuracy", get("accuracy"))?,
        battery: batt,
    })
}

/// Parses the JSON variant newer Traccar clients POST (speed in m/s, battery level 0–1).
pub fn parse_json(body: &Value, now_ms: i64) -> AppResult<Fix> {
    let device = body
        .get("device_id")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|d| !d.is_empty() && d.len() <= 100)
        .ok_or_else(|| AppError::bad("device_id", "`device_id` is missing"))?
        .to_string();
    let location = body
        .get("location")
        .ok_or_else(|| AppError::bad("location", "`location` is missing"))?;
    let coords = location
        .get("coords")
        .ok_or_else(|| AppError::bad("location.coords", "`location.coords` is missing"))?;
    let f = |k: &str| {
        coords
            .get(k)
            .and_then(Value::as_f64)
            .filter(|v| v.is_finite())
    };
    let lat = f("latitude")
        .ok_or_else(|| AppError::bad("latitude", "`coords.latitude` is missing or not a number"))?;
    let lon = f("longitude").ok_or_else(|| {
        AppError::bad("longitude", "`coords.longitude` is missing or not a number")
    })?;
    let point = LatLon::new(lat, lon).map_err(|(fld, m)| AppError::bad(fld, m))?;
    let at_ms = match location.get("timestamp") {
        Some(Value::String(s)) => parse_timestamp(s, now_ms)?,
        Some(Value::Number(n)) => parse_timestamp(&n.to_string(), now_ms)?,
        Some(_) => {
            return Err(AppError::bad(
                "timestamp",
                "`location.timestamp` is not a time",
            ));
        }
        None => now_ms,
    };
    let battery = location
        .get("battery")
        .and_then(|b| b.get("level"))
        .and_then(Value::as_f64)
        .map(|l| if l <= 1.0 { l * 100.0 } else { l });
    Ok(Fix {
        device,
        at_ms,
        point,
        speed_mps: f("speed").filter(|s| *s >= 0.0),
        bearing: f("heading").filter(|h| *h >= 0.0),
        altitude: f("altitude"),
        accuracy: f("accuracy"),
        battery,
    })
}

/// Stores a fix for the crew whose tracker it is; an unknown device stores nothing.
pub async fn store(db: &Db, fix: &Fix) -> AppResult<i64> {
    let unit_id: i64 =
        sqlx::query_scalar("SELECT id FROM units WHERE tracker_id = $1 AND retired_at IS NULL")
            .bind(&fix.device)
            .fetch_optional(db.pool())
            .await?
            .ok_or_else(|| {
                AppError::bad(
                    "id",
                    format!("unknown device `{}`: no crew has this tracker", fix.device),
                )
            })?;
    store_for_unit(db, unit_id, fix).await?;
    Ok(unit_id)
}

/// Stores a fix for a known crew (a tracker's, or the crew view's browser geolocation).
pub async fn store_for_unit(db: &Db, unit_id: i64, fix: &Fix) -> AppResult<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(unit_id)
    .bind(fix.at_ms)
    .bind(fix.point.lat)
    .bind(fix.point.lon)
    .bind(fix.speed_mps)
    .bind(fix.bearing)
    .bind(fix.altitude)
    .bind(fix.accuracy)
    .bind(fix.battery)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let newer = sqlx::query(
        "UPDATE units SET last_lat = $1, last_lon = $2, last_position_at = $3 WHERE id = $4 AND (last_position_at IS NULL OR last_position_at <= $3)",
    )
    .bind(fix.point.lat)
    .bind(fix.point.lon)
    .bind(fix.at_ms)
    .bind(unit_id)
    .execute(&mut *tx)
    .await?;
    if newer.rows_affected() > 0 {
        crate::db::events::publish(
            &mut tx,
            "unit.position",
            &json!({"unit_id": unit_id, "lat": fix.point.lat, "lon": fix.point.lon, "at": fix.at_ms, "speed_mps": fix.speed_mps, "bearing": fix.bearing}),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// `GET|POST /osmand` (and `/` on the tracker port): one position per request, answered once
/// it is committed (fixes arriving together share one transaction, see `ingest`).
pub async fn receive(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    let now = now_ms();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let fix = if is_json {
        let value: Value = serde_json::from_slice(&body)
            .map_err(|e| AppError::bad("body", format!("the JSON body does not parse: {e}")))?;
        extract::clean_json(&value, FIELDS, "body")?;
        parse_json(&value, now)?
    } else {
        let mut pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(query.as_deref().unwrap_or(""))
                .map_err(|_| AppError::bad("query", "the query string does not parse"))?;
        if !body.is_empty() {
            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
                .map_err(|_| AppError::bad("body", "the form body does not parse"))?;
            pairs.extend(form);
        }
        extract::clean_pairs(pairs.iter().map(|(k, v)| (k, v)), FIELDS, "query")?;
        parse_fields(&pairs, now)?
    };
    // A fix refused above never reaches the group commit, so it cannot fail the fixes
    // committed with it.
    state.positions.submit(&state.db, &state.live, fix).await?;
    Ok(StatusCode::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_000_000_000;

    fn pairs(q: &str) -> Vec<(String, String)> {
        serde_urlencoded::from_str(q).expect("query")
    }

    #[test]
    fn osmand_fields_parse_with_speed_in_knots() {
        let fix = parse_fields(&pairs("id=trk-1&lat=45.75&lon=21.22&timestamp=1794999990&speed=10&bearing=90&altitude=90&accuracy=5&batt=80"), NOW).expect("fix");
        assert_eq!(fix.device, "trk-1");
        assert_eq!(fix.at_ms, 1_794_999_990_000);
        assert!((fix.speed_mps.expect("speed") - 5.1444).abs() < 1e-3);
        assert_eq!(fix.battery, Some(80.0));
    }

    #[test]
    fn timestamps_in_all_accepted_forms() {
        assert_eq!(
            parse_timestamp("1794999990", NOW).expect("s"),
            1_794_999_990_000
        );
        assert_eq!(
            parse_timestamp("1794999990123", NOW).expect("ms"),
            1_794_999_990_123
        );
        assert!(parse_timestamp("2026-11-19T08:00:00Z", NOW).is_ok());
        for bad in ["yesterday", "NaN", "99999999999999", "12", ""] {
            assert!(parse_timestamp(bad, NOW).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_fields_are_named() {
        let field = |q: &str| match parse_fields(&pairs(q), NOW) {
            Err(AppError::BadRequest { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field("lat=1&lon=2"), Some("id"));
        assert_eq!(field("id=a&lat=91&lon=2"), Some("lat"));
        assert_eq!(field("id=a&lat=45&lon=abc"), Some("lon"));
        assert_eq!(
            field("id=a&lat=45&lon=21&timestamp=garbage"),
            Some("timestamp")
        );
        assert_eq!(field("id=a&lat=45&lon=21&speed=fast"), Some("speed"));
    }

    #[test]
    fn the_json_variant_keeps_speed_in_metres_per_second() {
        let body = serde_json::json!({"device_id": "trk-2", "location": {"timestamp": "2026-11-19T08:00:00.000Z",
            "coords": {"latitude": 45.75, "longitude": 21.23, "speed": 4.2, "heading": 180.0, "altitude": 91.0, "accuracy": 8.0},
            "battery": {"level": 0.55}}});
        let fix = parse_json(&body, NOW).expect("fix");
        assert_eq!(fix.speed_mps, Some(4.2));
        assert!((fix.battery.expect("battery") - 55.0).abs() < 1e-9);
        assert!(parse_json(&serde_json::json!({"device_id": "x"}), NOW).is_err());
    }

    #[test]
    fn no_input_makes_the_parsers_panic() {
        let samples = [
            "",
            "=",
            "&&&",
            "id=%ff",
            "lat=1e400&lon=1&id=x",
            "id=\u{0}&lat=0&lon=0",
            "timestamp=-1&id=x&lat=0&lon=0",
        ];
        for s in samples {
            let p: Vec<(String, String)> = serde_urlencoded::from_str(s).unwrap_or_default();
            let _ = parse_fields(&p, NOW);
        }
        for s in [
            "null",
            "[]",
            "{\"device_id\":1}",
            "{\"device_id\":\"a\",\"location\":{\"coords\":{\"latitude\":\"x\"}}}",
        ] {
            if let Ok(v) = serde_json::from_str::<Value>(s) {
                let _ = parse_json(&v, NOW);
            }
        }
    }
}
