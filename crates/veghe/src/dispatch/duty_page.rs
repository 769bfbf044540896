//! The duty log page: a shift's calls and communications and its crews (the shift under way by
//! default, with the shifts before and after one click away), a form to log a communication,
//! and the shift handover (predare-primire) with what is handed over, confirmed by both
//! dispatchers.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::duty_shift::DutyShift;
use super::duty_texts::{self, T};
use super::dutylog::{self, LogEntry, NewEntry};
use super::shift::ShiftHandover;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Query};
use crate::settings::{Shift, Shifts};
use crate::web::{Lang, Shell, local_time, render};

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
    kind: &'static str,
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

/// A shift to go to, with its name.
struct ShiftLink {
    href: String,
    label: String,
}

#[derive(Template)]
#[template(path = "dispatch/duty.html")]
struct DutyPage {
    shell: Shell,
    t: &'static T,
    /// The shift shown, in words ("Tura de noapte 6/7 dec.").
    shift_label: String,
    /// Its day (`YYYY-MM-DD`) and kind (`day`, `night`), for the forms.
    day: String,
    shift: &'static str,
    is_current: bool,
    previous: ShiftLink,
    next: ShiftLink,
    current: ShiftLink,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, &'static str)>,
    units: Vec<(i64, String)>,
    pending: Vec<Pending>,
    rosters: Vec<super::rosters::Roster>,
    can_dispatch: bool,
    /// The two shifts in words with their hours, for the shift pickers.
    day_hours: String,
    night_hours: String,
}

/// `/duty`: the shift under way, `?day=YYYY-MM-DD&shift=day|night` a chosen one (a day alone is
/// its day shift), `?at=…` the one under way at that moment.
#[derive(Deserialize)]
struct ShiftQuery {
    day: Option<String>,
    shift: Option<String>,
    at: Option<String>,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn said(pick: impl Fn(&T) -> &'static str) -> Said {
    Said::new(
        pick(duty_texts::of(Lang::Ro)),
        pick(duty_texts::of(Lang::En)),
    )
}

/// The shift a query asks for.
fn chosen(q: &ShiftQuery, now: i64, shifts: &Shifts) -> AppResult<DutyShift> {
    if let Some(at) = given(&q.at) {
        let at =
            super::period::moment("at", at).map_err(|_| AppError::bad("at", said(|t| t.bad_at)))?;
        return Ok(DutyShift::at(at, shifts));
    }
    let Some(day) = given(&q.day) else {
        return Ok(DutyShift::at(now, shifts));
    };
    let day =
        crate::calendar::parse_date(day).map_err(|_| AppError::bad("day", said(|t| t.bad_day)))?;
    let shift = match given(&q.shift) {
        None => Shift::Day,
        Some(s) => Shift::parse(s).map_err(|_| AppError::bad("shift", said(|t| t.bad_shift)))?,
    };
    Ok(DutyShift { day, shift })
}

/// The start and end (epoch ms) of a day `YYYY-MM-DD` in Bucharest.
pub fn day_bounds(day: &str) -> AppResult<(i64, i64)> {
    let from = super::desk_api::parse_instant("day", day, false)?;
    let to = super::desk_api::parse_instant("day", day, true)?;
    if from >= to {
        return Err(AppError::bad("day", said(|t| t.bad_day)));
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

fn link(s: DutyShift, lang: Lang) -> ShiftLink {
    ShiftLink {
        href: s.href(),
        label: s.label(lang),
    }
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ShiftQuery>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let t = duty_texts::of(lang);
    let now = now_ms();
    let shifts = state.settings().await?.shifts;
    let shown = chosen(&q, now, &shifts)?;
    let (from, to) = shown.bounds(&shifts);
    let rows = dutylog::entries(&state.db, from, to, lang)
        .await?
        .into_iter()
        .map(|e: LogEntry| Row {
            time: local_time(e.at),
            kind: dutylog::kind_label(&e.kind, lang),
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
    let day = shown.day.to_string();
    let rosters = super::rosters::of_day(&state.db, &day)
        .await?
        .into_iter()
        .filter(|r| r.shift == shown.shift.code())
        .collect();
    let kinds = dutylog::KINDS
        .iter()
        .map(|(code, _)| (*code, dutylog::kind_label(code, lang)))
        .collect();
    render(&DutyPage {
        shift_label: shown.label(lang),
        shift: shown.shift.code(),
        is_current: shown == DutyShift::at(now, &shifts),
        previous: link(shown.previous(), lang),
        next: link(shown.next(), lang),
        current: link(DutyShift::at(now, &shifts), lang),
        day_hours: format!("{} ({})", t.day_word, shifts.hours(Shift::Day)),
        night_hours: format!("{} ({})", t.night_word, shifts.hours(Shift::Night)),
        shell,
        t,
        rosters,
        day,
        rows,
        kinds,
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
        .ok_or_else(|| AppError::bad("summary", said(|t| t.bad_summary)))?;
    let unit_id = match f
        .unit_id
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        Some(u) => Some(
            u.parse()
                .map_err(|_| AppError::bad("unit_id", said(|t| t.bad_crew)))?,
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
        state.settings().await?.checkin_interval_ms(),
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
            .map_err(|_| AppError::bad("id", said(|t| t.bad_handover)))?;
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
        .map_err(|_| AppError::bad("unit_id", said(|t| t.bad_crew)))?;
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
    let back = DutyShift {
        day: roster.day,
        shift: roster.shift,
    }
    .href();
    let shifts = state.settings().await?.shifts;
    super::rosters::save(&state.db, &shifts, &me.actor(), roster).await?;
    Ok(Redirect::to(&back).into_response())
}
