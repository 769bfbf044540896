//! The crews list (`/units`) and a crew's route replay (`/units/{id}/route`): a period (the
//! current shift by default), the route on the map with a time slider that moves the crew's
//! marker (web/src/route.js, reading `/api/v1/units/{id}/track`), the distance, the number of
//! fixes, and the incidents the crew worked in that period.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::period::{self, Period};
use super::route_texts::{self, T};
use super::units::Unit;
use crate::AppState;
use crate::auth::Access;
use crate::auth::access::Routes;
use crate::auth::groups;
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Id, Query};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let dispatch = Access::Roles(groups::DISPATCH);
    Routes::new()
        .get("/units", dispatch, list)
        .get("/units/{id}/route", dispatch, route)
}

/// The link to a crew's route for a period starting at `from` (the shift's end by default).
pub fn route_href(unit_id: i64, from: Option<i64>) -> String {
    match from {
        Some(ms) => format!("/units/{unit_id}/route?from={}", period::input_value(ms)),
        None => format!("/units/{unit_id}/route"),
    }
}

struct UnitRow {
    id: i64,
    call_sign: String,
    kind: &'static str,
    department: String,
    status: String,
    position_age: String,
    stale: bool,
}

#[derive(Template)]
#[template(path = "dispatch/units.html")]
struct UnitsPage {
    shell: Shell,
    t: &'static T,
    units: Vec<UnitRow>,
}

/// How long ago, in words short enough for a table cell.
fn age(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        _ => format!("{} h {:02} min", s / 3600, (s % 3600) / 60),
    }
}

async fn list(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let t = route_texts::of(shell.lang);
    let now = now_ms();
    let stale_after_ms = state.settings().await?.stale_after_ms();
    let units = super::units::list_all(&state.db)
        .await?
        .into_iter()
        .map(|u| UnitRow {
            position_age: u
                .last_position_at
                .map(|at| age(now - at))
                .unwrap_or("—".into()),
            stale: u
                .last_position_at
                .is_none_or(|at| now - at > stale_after_ms),
            kind: t.unit_kind(&u.kind),
            department: t.department(&u.department),
            // A retired crew stays in the list for its routes, said to be retired.
            status: t.unit_status(if u.retired_at.is_some() {
                "retired"
            } else {
                &u.status
            }),
            call_sign: u.call_sign,
            id: u.id,
        })
        .collect();
    render(&UnitsPage { shell, t, units })
}

#[derive(Deserialize)]
struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

struct WorkedRow {
    id: i64,
    reference: String,
    kind: String,
    address: String,
    status: &'static str,
    from: String,
    to: String,
}

/// What the replay needs once a period has been read.
struct Replay {
    /// The track API for the period (route.js loads it).
    track_url: String,
    distance: String,
    fixes: usize,
    truncated: bool,
    /// Slider bounds: the first and last fix, epoch seconds.
    first_s: i64,
    last_s: i64,
    first_label: String,
    worked: Vec<WorkedRow>,
}

#[derive(Template)]
#[template(path = "dispatch/route.html")]
struct RoutePage {
    shell: Shell,
    t: &'static T,
    unit: Unit,
    status: String,
    from_value: String,
    to_value: String,
    error: Option<(&'static str, String)>,
    replay: Option<Replay>,
    stale_ms: i64,
}

impl RoutePage {
    fn invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|(f, _)| *f == field)
    }
}

/// `dd.mm.yyyy HH:MM:SS` in Timișoara's time.
fn local_seconds(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(crate::time::bucharest())
                .strftime("%d.%m.%Y %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn distance_text(m: f64, lang: Lang) -> String {
    format!("{} km", lang.decimal(m / 1000.0, 1))
}

async fn replay(state: &AppState, shell: &Shell, unit_id: i64, p: Period) -> AppResult<Replay> {
    let t = route_texts::of(shell.lang);
    let track = super::tracks::track(&state.db, unit_id, p.from, p.to).await?;
    let types = super::catalogue::load(&state.db).await?;
    let worked = super::worked::worked(&state.db, unit_id, p.from, p.to)
        .await?
        .into_iter()
        .map(|w| WorkedRow {
            id: w.incident_id,
            reference: w.reference,
            // The type as named when the crew was given it (received moments before).
            kind: types.label_at(&w.kind, w.from, shell.lang),
            address: w.address.unwrap_or_default(),
            status: t.incident_status(w.status),
            from: local_time(w.from),
            to: w.to.map(local_time).unwrap_or_else(|| t.in_progress.into()),
        })
        .collect();
    let first = track.points.first().map(|f| f.at).unwrap_or(p.from);
    let last = track.points.last().map(|f| f.at).unwrap_or(p.from);
    Ok(Replay {
        track_url: format!(
            "/api/v1/units/{unit_id}/track?from={}&to={}",
            rfc3339(p.from),
            rfc3339(p.to)
        ),
        distance: distance_text(track.distance_m, shell.lang),
        fixes: track.points.len(),
        truncated: track.truncated,
        first_s: first.div_euclid(1000),
        last_s: last.div_euclid(1000),
        first_label: local_seconds(first),
        worked,
    })
}

async fn route(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let unit = super::units::list_all(&state.db)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or(AppError::NotFound)?;
    let t = route_texts::of(shell.lang);
    let settings = state.settings().await?;
    let parsed = period::parse(
        q.from.as_deref(),
        q.to.as_deref(),
        now_ms(),
        &settings.shifts,
    );
    let (from_value, to_value, error, replay) = match parsed {
        Ok(p) => (
            period::input_value(p.from),
            period::input_value(p.to),
            None,
            Some(replay(&state, &shell, id, p).await?),
        ),
        Err(e) => (
            q.from.unwrap_or_default(),
            q.to.unwrap_or_default(),
            Some((e.field, t.problem(&e))),
            None,
        ),
    };
    let bad = error.is_some();
    let mut response = render(&RoutePage {
        status: t.unit_status(&unit.status),
        stale_ms: settings.stale_after_ms(),
        shell,
        t,
        unit,
        from_value,
        to_value,
        error,
        replay,
    })?;
    if bad {
        *response.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_short() {
        assert_eq!(age(-5), "0 s");
        assert_eq!(age(59_000), "59 s");
        assert_eq!(age(61_000), "1 min");
        assert_eq!(age(3_600_000 + 5 * 60_000), "1 h 05 min");
        assert_eq!(distance_text(12_345.0, Lang::Ro), "12,3 km");
        assert_eq!(distance_text(12_345.0, Lang::En), "12.3 km");
        assert_eq!(distance_text(-0.0, Lang::Ro), "0,0 km");
    }
}
