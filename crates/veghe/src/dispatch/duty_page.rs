//! The duty log page: the day's calls and communications, a form to log a communication, and
//! the shift handover (predare-primire) with what is handed over, confirmed by both dispatchers.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::dutylog::{self, LogEntry, NewEntry};
use super::shift::ShiftHandover;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .get("/duty", Access::Roles(groups::OPERATIONS_READ), page)
        .post("/duty/entries", write, add_entry)
        .post("/duty/shift", write, hand_over)
        .post("/duty/shift/accept", write, accept)
        .post("/duty/rosters", write, save_roster)
}

struct Row {
    time: String,
    kind: String,
    summary: String,
    actor: String,
    incident_id: Option<i64>,
}

struct Pending {
    id: i64,
    created: String,
    outgoing: String,
    open_incidents: usize,
    crews_out: usize,
    overdue: Vec<String>,
    notes: String,
}

#[derive(Template)]
#[template(path = "dispatch/duty.html")]
struct DutyPage {
    shell: Shell,
    day: String,
    rows: Vec<Row>,
    kinds: &'static [(&'static str, &'static str)],
    units: Vec<(i64, String)>,
    pending: Vec<Pending>,
    rosters: Vec<super::rosters::Roster>,
    can_dispatch: bool,
}

#[derive(Deserialize)]
struct DayQuery {
    day: Option<String>,
}

fn today() -> String {
    let tz = crate::time::bucharest();
    jiff::Timestamp::now().to_zoned(tz).date().to_string()
}

/// The start and end (epoch ms) of a day `YYYY-MM-DD` in Bucharest.
pub fn day_bounds(day: &str) -> AppResult<(i64, i64)> {
    let from = super::desk_api::parse_instant("day", day, false)?;
    let to = super::desk_api::parse_instant("day", day, true)?;
    if from >= to {
        return Err(AppError::bad(
            "day",
            format!("`{day}` is not a day (YYYY-MM-DD)"),
        ));
    }
    Ok((from, to))
}

fn pending_row(h: &ShiftHandover) -> Pending {
    let len = |k: &str| {
        h.summary
            .get(k)
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len)
    };
    Pending {
        id: h.id,
        created: local_time(h.created_at),
        outgoing: h.outgoing.clone(),
        open_incidents: len("open_incidents"),
        crews_out: len("crews_out"),
        overdue: h
            .summary
            .get("overdue_checkins")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        notes: h.notes.clone().unwrap_or_default(),
    }
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<DayQuery>,
) -> AppResult<Response> {
    let day = q.day.filter(|d| !d.trim().is_empty()).unwrap_or_else(today);
    let (from, to) = day_bounds(&day)?;
    let rows = dutylog::entries(&state.db, from, to)
        .await?
        .into_iter()
        .map(|e: LogEntry| Row {
            time: local_time(e.at),
            kind: dutylog::kind_label(&e.kind).to_string(),
            summary: e.summary,
            actor: e.actor,
            incident_id: e.incident_id,
        })
        .collect();
    let units = super::units::list(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.call_sign))
        .collect();
    let pending = super::shift::pending(&state.db)
        .await?
        .iter()
        .map(pending_row)
        .collect();
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    let rosters = super::rosters::of_day(&state.db, &day).await?;
    render(&DutyPage {
        shell,
        rosters,
        day,
        rows,
        kinds: dutylog::KINDS,
        units,
        pending,
        can_dispatch,
    })
}

#[derive(Deserialize)]
struct EntryForm {
    kind: String,
    summary: String,
    unit_id: Option<String>,
}

async fn add_entry(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<EntryForm>,
) -> AppResult<Response> {
    let summary = crate::http::extract::text(Some(f.summary), "summary", 2000)?
        .ok_or_else(|| AppError::bad("summary", "write what was communicated"))?;
    let unit_id = match f
        .unit_id
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(u) => Some(
            u.parse()
                .map_err(|_| AppError::bad("unit_id", format!("`{u}` is not a crew id")))?,
        ),
        None => None,
    };
    dutylog::record(
        &state.db,
        &me.actor(),
        NewEntry {
            kind: dutylog::parse_kind(&f.kind)?,
            summary,
            incident_id: None,
            unit_id,
        },
    )
    .await?;
    state.live.published();
    Ok(Redirect::to("/duty").into_response())
}

#[derive(Deserialize)]
struct ShiftForm {
    notes: Option<String>,
}

async fn hand_over(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<ShiftForm>,
) -> AppResult<Response> {
    let notes = crate::http::extract::text(f.notes, "notes", 4000)?;
    super::shift::start(
        &state.db,
        state.config.checkin_interval_ms,
        &me,
        notes.as_deref(),
    )
    .await?;
    Ok(Redirect::to("/duty").into_response())
}

#[derive(Deserialize)]
struct AcceptForm {
    id: String,
}

async fn accept(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<AcceptForm>,
) -> AppResult<Response> {
    let id =
        f.id.trim()
            .parse()
            .map_err(|_| AppError::bad("id", format!("`{}` is not a handover id", f.id)))?;
    super::shift::accept(&state.db, &me, id).await?;
    Ok(Redirect::to("/duty").into_response())
}

#[derive(Deserialize)]
struct RosterForm {
    unit_id: String,
    day: String,
    shift: String,
    members: String,
    vehicle: Option<String>,
    radio: Option<String>,
    tracker_id: Option<String>,
}

async fn save_roster(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<RosterForm>,
) -> AppResult<Response> {
    let unit_id = f
        .unit_id
        .trim()
        .parse()
        .map_err(|_| AppError::bad("unit_id", format!("`{}` is not a crew id", f.unit_id)))?;
    let roster = super::log_api::RosterIn {
        unit_id,
        day: f.day.clone(),
        shift: f.shift,
        members: f.members.split([',', '\n']).map(str::to_string).collect(),
        vehicle: f.vehicle,
        radio: f.radio,
        tracker_id: f.tracker_id,
    }
    .parse()?;
    super::rosters::save(&state.db, &me.actor(), roster).await?;
    Ok(Redirect::to(&format!("/duty?day={}", f.day.trim())).into_response())
}
