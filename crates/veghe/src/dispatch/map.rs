//! The city map page and the GeoJSON layers it draws: the shipped geography and recent incidents.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::now_ms;
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
}

#[derive(Template)]
#[template(path = "web/map.html")]
struct MapPage {
    shell: Shell,
}

async fn map_page(shell: Shell) -> AppResult<Response> {
    render(&MapPage { shell })
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
}

/// Incidents received in the last `days` days (1–31), as GeoJSON points. No personal data.
async fn incidents(
    State(state): State<AppState>,
    shell: Shell,
    Query(w): Query<Window>,
) -> AppResult<Response> {
    let days = w.days.unwrap_or(7);
    if !(1..=31).contains(&days) {
        return Err(AppError::bad("days", "days must be between 1 and 31"));
    }
    let now = now_ms();
    let list =
        super::store::received_between(&state.db, now - days * 86_400_000, now + 1, None, 5000)
            .await?;
    Ok(geojson(
        super::store::to_geojson(&list, shell.lang).to_string(),
    ))
}
