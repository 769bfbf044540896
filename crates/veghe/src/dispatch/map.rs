//! The city map page and the GeoJSON layers the maps draw: the shipped geography, recent (or
//! open) incidents and the crews at their last position.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::now_ms;
use crate::dispatch::board_texts;
use crate::error::{AppError, AppResult};
use crate::geo;
use crate::http::extract::Query;
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    let ops = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/map", ops, map_page)
        .get("/geo/boundary.geojson", Access::SignedIn, boundary)
        .get(
            "/geo/neighbourhoods.geojson",
            Access::SignedIn,
            neighbourhoods,
        )
        .get("/geo/schools.geojson", Access::SignedIn, schools)
        .get("/geo/incidents.geojson", ops, incidents)
        .get("/geo/crews.geojson", ops, crews)
}

#[derive(Template)]
#[template(path = "web/map.html")]
struct MapPage {
    shell: Shell,
    t: &'static board_texts::T,
}

async fn map_page(shell: Shell) -> AppResult<Response> {
    let t = board_texts::of(shell.lang);
    render(&MapPage { shell, t })
}

fn geojson(body: String) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    r
}

async fn boundary() -> Response {
    geojson(geo::BOUNDARY_GEOJSON.to_string())
}

async fn neighbourhoods() -> Response {
    geojson(geo::NEIGHBOURHOODS_GEOJSON.to_string())
}

async fn schools() -> Response {
    geojson(geo::SCHOOLS_GEOJSON.to_string())
}

#[derive(Deserialize)]
struct Window {
    days: Option<i64>,
    /// Only the incidents still open, whenever received.
    open: Option<bool>,
}

/// Incidents received in the last `days` days (1–31), as GeoJSON points. No personal data.
async fn incidents(
    State(state): State<AppState>,
    shell: Shell,
    Query(w): Query<Window>,
) -> AppResult<Response> {
    let types = super::catalogue::load(&state.db).await?;
    if w.open == Some(true) {
        let list = super::store::open(&state.db).await?;
        return Ok(geojson(
            super::store::to_geojson(&list, shell.lang, &types).to_string(),
        ));
    }
    let days = w.days.unwrap_or(7);
    if !(1..=31).contains(&days) {
        return Err(AppError::bad(
            "days",
            crate::error::Said::new(
                "Numărul de zile este între 1 și 31.",
                "The number of days is between 1 and 31.",
            ),
        ));
    }
    let now = now_ms();
    let list =
        super::store::received_between(&state.db, now - days * 86_400_000, now + 1, None, 5000)
            .await?;
    Ok(geojson(
        super::store::to_geojson(&list, shell.lang, &types).to_string(),
    ))
}

/// The crews at their last position (those off duty or out of service are left off), with
/// their status in words, the age of the fix, the incident they work and, for dispatchers,
/// their route. Not cached: positions move.
async fn crews(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let t = board_texts::of(shell.lang);
    let now = now_ms();
    let dispatcher = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    let open = super::store::open(&state.db).await?;
    let stale_after_ms = state.settings().await?.stale_after_ms();
    let features: Vec<serde_json::Value> = super::units::list(&state.db)
        .await?
        .into_iter()
        .filter(|u| !matches!(u.status.as_str(), "off_duty" | "out_of_service"))
        .filter_map(|u| {
            let (lat, lon, at) = (u.last_lat?, u.last_lon?, u.last_position_at?);
            let incident = u
                .incident_id
                .and_then(|id| open.iter().find(|i| i.id == id))
                .map(|i| serde_json::json!({"reference": i.reference, "url": format!("/incidents/{}", i.id)}));
            Some(serde_json::json!({
                "type": "Feature",
                "id": u.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "call_sign": u.call_sign,
                    "status": u.status,
                    "status_label": board_texts::unit_status(&u.status, shell.lang),
                    "age": format!("{} {}", (now - at).max(0) / 60_000, t.minutes),
                    "stale": now - at > stale_after_ms,
                    "incident": incident,
                    "url": dispatcher.then(|| format!("/units/{}/route", u.id)),
                }
            }))
        })
        .collect();
    let mut r =
        geojson(serde_json::json!({"type": "FeatureCollection", "features": features}).to_string());
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
