//! The analyses' exports: hot spots as GeoJSON and CSV, trends as CSV, SVG and PNG (the SVG drawn by
//! resvg), near repeat and the operational situation as CSV; each states its filter and parameters.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::filter::RawQuery;
use super::service;
use super::{hotspots, nearrepeat, situation, trends};
use crate::AppState;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::web::Shell;

pub(super) fn download(body: impl IntoResponse, mime: &'static str, name: &str) -> Response {
    let mut r = body.into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

pub(super) async fn hotspots_geojson(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (stated, h) = service::hotspots(&st, &q, shell.lang).await?;
    let mut filter = serde_json::to_value(&stated.filter).unwrap_or_default();
    if let Some(o) = filter.as_object_mut() {
        o.insert("described".into(), stated.described.clone().into());
    }
    Ok(download(
        hotspots::geojson(&h, &filter).to_string(),
        "application/geo+json",
        "hotspots.geojson",
    ))
}

pub(super) async fn hotspots_csv(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (stated, h) = service::hotspots(&st, &q, shell.lang).await?;
    Ok(download(
        hotspots::csv(&h, &stated.described),
        "text/csv; charset=utf-8",
        "hotspots.csv",
    ))
}

pub(super) async fn trends_csv(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (stated, x) = service::trends(&st, &q, shell.lang).await?;
    Ok(download(
        trends::csv(&x, &stated.described),
        "text/csv; charset=utf-8",
        "trends.csv",
    ))
}

pub(super) async fn trends_svg(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (_, x) = service::trends(&st, &q, shell.lang).await?;
    Ok(download(
        trends::chart(&x, shell.lang),
        "image/svg+xml",
        "trends.svg",
    ))
}

pub(super) async fn trends_png(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (_, x) = service::trends(&st, &q, shell.lang).await?;
    let png = crate::web::fonts::png(trends::chart(&x, shell.lang)).await?;
    Ok(download(png, "image/png", "trends.png"))
}

pub(super) async fn near_repeat_csv(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (stated, x) = service::near_repeat(&st, &q, shell.lang).await?;
    Ok(download(
        nearrepeat::csv(&x, &stated.described),
        "text/csv; charset=utf-8",
        "near-repeat.csv",
    ))
}

pub(super) async fn situation_csv(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
) -> AppResult<Response> {
    let (stated, x) = service::situation(&st, &q, shell.lang).await?;
    Ok(download(
        situation::csv(&x, &stated.described),
        "text/csv; charset=utf-8",
        "situation.csv",
    ))
}
