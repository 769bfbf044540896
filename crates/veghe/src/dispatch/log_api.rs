//! The duty log and the crews' rosters in the JSON API.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::text;
use crate::http::extract::{Body, Query};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(duty_log, log_entry, rosters, save_roster),
    components(schemas(super::dutylog::LogEntry, LogIn, super::rosters::Roster, RosterIn))
)]
pub struct LogApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .get("/api/v1/dutylog", read, duty_log)
        .post("/api/v1/dutylog", write, log_entry)
        .get("/api/v1/rosters", read, rosters)
        .post("/api/v1/rosters", write, save_roster)
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DayQuery {
    /// The day, YYYY-MM-DD (Europe/Bucharest); default today.
    pub day: Option<String>,
}

/// The duty log of a day: calls, further calls, check-ins, hand-overs, shift handovers and
/// communications, newest first.
#[utoipa::path(get, path = "/api/v1/dutylog", tag = "dispatch", params(DayQuery),
    responses((status = 200, body = [super::dutylog::LogEntry]), (status = 400)), security(("bearer" = [])))]
pub async fn duty_log(
    State(state): State<AppState>,
    Query(q): Query<DayQuery>,
) -> AppResult<Json<Vec<super::dutylog::LogEntry>>> {
    let (from, to) = match q.day.as_deref() {
        Some(d) => super::duty_page::day_bounds(d)?,
        None => {
            let now = now_ms();
            (now - 24 * 3_600_000, now + 1)
        }
    };
    Ok(Json(
        super::dutylog::entries(&state.db, from, to, crate::web::Lang::Ro).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LogIn {
    /// radio, phone, email, note
    pub kind: String,
    pub summary: String,
    pub unit_id: Option<i64>,
    pub incident_id: Option<i64>,
}

/// Writes a communication in the duty log.
#[utoipa::path(post, path = "/api/v1/dutylog", tag = "dispatch", request_body = LogIn,
    responses((status = 201), (status = 400)), security(("bearer" = [])))]
pub async fn log_entry(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(e): Body<LogIn>,
) -> AppResult<StatusCode> {
    let summary = text(Some(e.summary), "summary", 2000)?
        .ok_or_else(|| AppError::bad("summary", "write what was communicated"))?;
    super::dutylog::record(
        &state.db,
        &me.actor(),
        super::dutylog::NewEntry {
            kind: super::dutylog::parse_kind(&e.kind)?,
            summary,
            incident_id: e.incident_id,
            unit_id: e.unit_id,
        },
    )
    .await?;
    state.live.published();
    Ok(StatusCode::CREATED)
}

/// The crews' rosters of a day (default: the day of the shift under way).
#[utoipa::path(get, path = "/api/v1/rosters", tag = "dispatch", params(DayQuery),
    responses((status = 200, body = [super::rosters::Roster]), (status = 400)), security(("bearer" = [])))]
pub async fn rosters(
    State(state): State<AppState>,
    Query(q): Query<DayQuery>,
) -> AppResult<Json<Vec<super::rosters::Roster>>> {
    let day = match q.day.as_deref() {
        Some(d) => crate::calendar::parse_date(d)
            .map_err(|_| AppError::bad("day", format!("`{d}` is not a day (YYYY-MM-DD)")))?,
        None => state.settings().await?.shifts.shift_at(now_ms()).0,
    };
    Ok(Json(
        super::rosters::of_day(&state.db, &day.to_string()).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RosterIn {
    pub unit_id: i64,
    /// The shift's day, YYYY-MM-DD (a night shift belongs to the day it starts).
    pub day: String,
    /// day or night (their hours are the service's settings: 07–19 and 19–07 unless changed).
    pub shift: String,
    /// The officers' user names; the first leads the crew.
    pub members: Vec<String>,
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    pub tracker_id: Option<String>,
}

impl RosterIn {
    pub fn parse(self) -> AppResult<super::rosters::NewRoster> {
        let day = crate::calendar::parse_date(&self.day).map_err(|_| {
            AppError::bad(
                "day",
                crate::error::Said::new(
                    format!(
                        "Ziua „{}” nu este o dată (de exemplu 2026-12-06).",
                        self.day
                    ),
                    format!(
                        "The day “{}” is not a date (for example 2026-12-06).",
                        self.day
                    ),
                ),
            )
        })?;
        let mut members = Vec::new();
        for m in self.members {
            if let Some(m) = text(Some(m), "members", 100)?
                && !members.contains(&m)
            {
                members.push(m);
            }
        }
        Ok(super::rosters::NewRoster {
            unit_id: self.unit_id,
            day,
            shift: super::rosters::Shift::parse(&self.shift)?,
            members,
            vehicle: text(self.vehicle, "vehicle", 100)?,
            radio: text(self.radio, "radio", 50)?,
            tracker_id: text(self.tracker_id, "tracker_id", 100)?,
        })
    }
}

/// Saves a crew's roster for a shift (replacing the one it had).
#[utoipa::path(post, path = "/api/v1/rosters", tag = "dispatch", request_body = RosterIn,
    responses((status = 201, body = super::rosters::Roster), (status = 400), (status = 409)), security(("bearer" = [])))]
pub async fn save_roster(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<RosterIn>,
) -> AppResult<(StatusCode, Json<super::rosters::Roster>)> {
    let r = payload.parse()?;
    let shifts = state.settings().await?.shifts;
    let saved = super::rosters::save(&state.db, &shifts, &me.actor(), r).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}
