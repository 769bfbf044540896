//! The crew view, made for a phone: the crew's assigned incident with its address, a link to
//! navigate there and its map at street level, the status buttons its state allows, notes, and
//! position reporting from the browser's geolocation for crews without a tracker; every word in
//! the reader's language. The crew is the one the officer is rostered in.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::crew_texts::{self, T};
use super::model::{LatLon, Outcome, Status};
use super::rosters::{Roster, crew_of};
use super::store::{self, Incident};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::groups;
use crate::auth::{Access, CurrentUser};
use crate::db::now_ms;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Body, Form};
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    let crew = Access::Roles(groups::CREW);
    Routes::new()
        .get("/crew", crew, page)
        .post("/crew/status", crew, status)
        .post("/crew/notes", crew, note)
        .post("/crew/position", crew, position)
}

#[derive(Template)]
#[template(path = "dispatch/crew.html")]
struct CrewPage {
    shell: Shell,
    t: &'static T,
    roster: Option<Roster>,
    unit_status: &'static str,
    incident: Option<Incident>,
    kind: String,
    incident_status: &'static str,
    /// The moves the incident's state allows the crew: en route, on scene.
    steps: Vec<(&'static str, &'static str)>,
    /// Whether the incident may be closed now.
    can_finish: bool,
    outcomes: Vec<(&'static str, &'static str)>,
    message: Option<String>,
}

/// The crew's own words of refusal: the mission moved on while the page was open.
fn moved_on() -> AppError {
    let (ro, en) = (crew_texts::RO.moved_on, crew_texts::EN.moved_on);
    AppError::conflict(Said::new(ro, en))
}

async fn my_crew(state: &AppState, me: &CurrentUser) -> AppResult<Roster> {
    let shifts = state.settings().await?.shifts;
    crew_of(&state.db, &shifts, &me.username, now_ms())
        .await?
        .ok_or_else(|| {
            AppError::conflict(Said::new(
                crew_texts::RO.not_rostered,
                "you are not in a crew's roster for this shift; ask the duty desk to add you",
            ))
        })
}

async fn assigned(state: &AppState, unit_id: i64) -> AppResult<(String, Option<Incident>)> {
    let units = super::units::list(&state.db).await?;
    let unit = units
        .into_iter()
        .find(|u| u.id == unit_id)
        .ok_or(AppError::NotFound)?;
    let incident = match unit.incident_id {
        Some(id) => Some(store::get(&state.db, id).await?),
        None => None,
    };
    Ok((unit.status, incident))
}

/// What a crew may report from an incident's state.
pub fn crew_steps(status: Status) -> (Vec<Status>, bool) {
    let next = status.next();
    let steps = [Status::EnRoute, Status::OnScene]
        .into_iter()
        .filter(|s| next.contains(s))
        .collect();
    (steps, next.contains(&Status::Closed))
}

async fn show(state: &AppState, shell: Shell, message: Option<String>) -> AppResult<Response> {
    let Some(me) = shell.user.clone() else {
        return Err(AppError::Unauthorized);
    };
    let lang = shell.lang;
    let shifts = state.settings().await?.shifts;
    let roster = crew_of(&state.db, &shifts, &me.username, now_ms()).await?;
    let (unit_status, incident) = match &roster {
        Some(r) => assigned(state, r.unit_id).await?,
        None => (String::new(), None),
    };
    let types = crate::dispatch::catalogue::load(&state.db).await?;
    let kind = incident
        .as_ref()
        .map(|i| types.label_at(&i.kind, i.received_at, lang))
        .unwrap_or_default();
    let (steps, can_finish) = incident
        .as_ref()
        .map(|i| crew_steps(i.status))
        .unwrap_or_default();
    let unit_status = match unit_status.as_str() {
        "" => "",
        code => super::board_texts::unit_status(code, lang),
    };
    render(&CrewPage {
        t: crew_texts::of(lang),
        roster,
        unit_status,
        incident_status: incident.as_ref().map_or("", |i| i.status.label(lang)),
        steps: steps.iter().map(|s| (s.code(), s.label(lang))).collect(),
        can_finish,
        outcomes: Outcome::ALL
            .iter()
            .map(|o| (o.code(), o.label(lang)))
            .collect(),
        incident,
        kind,
        message,
        shell,
    })
}

async fn page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    show(&state, shell, None).await
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
    outcome: Option<String>,
    /// The incident the page showed: a different one now means the mission moved on.
    incident: Option<i64>,
}

/// The crew moves its incident along: en route, on scene, finished (with the outcome). A page
/// left open while the incident moved on (another crew, the desk closed it, it was released)
/// gets 409 and the mission as it is now.
async fn status(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let result = async {
        let roster = my_crew(&state, &me).await?;
        let (_, incident) = assigned(&state, roster.unit_id).await?;
        let incident = incident.ok_or_else(moved_on)?;
        if f.incident.is_some_and(|id| id != incident.id) {
            return Err(moved_on());
        }
        let to: Status = f.status.parse().map_err(|m| AppError::bad("status", m))?;
        if !matches!(to, Status::EnRoute | Status::OnScene | Status::Closed) {
            return Err(AppError::bad(
                "status",
                Said::new(
                    "Echipajul raportează doar: în deplasare, la fața locului sau misiune încheiată.",
                    "a crew reports en_route, on_scene or closed; other changes are the duty desk's",
                ),
            ));
        }
        if incident.status.check(to).is_err() {
            return Err(moved_on());
        }
        let outcome = match f.outcome.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(o) => Some(
                o.parse::<Outcome>()
                    .map_err(|m| AppError::bad("outcome", m))?,
            ),
        };
        let note = format!("{} {}", crew_texts::RO.reported_by, roster.call_sign);
        store::change_status(
            &state.db,
            &me.actor(),
            incident.id,
            to,
            outcome,
            Some(&note),
        )
        .await?;
        Ok(())
    }
    .await;
    state.live.published();
    done(&state, shell, result).await
}

async fn done(state: &AppState, shell: Shell, result: AppResult<()>) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to("/crew").into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let code = e.status();
            let text = e.said(shell.lang);
            let mut r = show(state, shell, Some(text)).await?;
            *r.status_mut() = code;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
struct NoteForm {
    note: Option<String>,
}

async fn note(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    let result = async {
        let roster = my_crew(&state, &me).await?;
        let (_, incident) = assigned(&state, roster.unit_id).await?;
        let incident = incident.ok_or_else(moved_on)?;
        let text = crate::http::extract::text(f.note, "note", 4000)?.ok_or_else(|| {
            AppError::bad(
                "note",
                Said::new("Scrieți textul notei.", "the note is empty"),
            )
        })?;
        super::calls::add_note(&state.db, &me.actor(), incident.id, &text).await
    }
    .await;
    state.live.published();
    done(&state, shell, result).await
}

/// A position from the browser's Geolocation API.
#[derive(Deserialize)]
struct PositionIn {
    lat: f64,
    lon: f64,
    accuracy: Option<f64>,
    speed: Option<f64>,
    heading: Option<f64>,
    /// Epoch milliseconds, as the browser gives it.
    timestamp: Option<f64>,
}

async fn position(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(p): Body<PositionIn>,
) -> AppResult<StatusCode> {
    let roster = my_crew(&state, &me).await?;
    let now = now_ms();
    let at_ms = match p.timestamp {
        Some(t) => super::positions::parse_timestamp(&format!("{}", t as i64), now)?,
        None => now,
    };
    let fix = super::positions::Fix {
        device: format!("browser:{}", me.username),
        at_ms,
        point: LatLon::new(p.lat, p.lon).map_err(|(f, m)| AppError::bad(f, m))?,
        speed_mps: p.speed.filter(|v| v.is_finite() && *v >= 0.0),
        bearing: p.heading.filter(|v| v.is_finite()),
        altitude: None,
        accuracy: p.accuracy.filter(|v| v.is_finite() && *v >= 0.0),
        battery: None,
    };
    super::positions::store_for_unit(&state.db, roster.unit_id, &fix).await?;
    state.live.published();
    Ok(StatusCode::NO_CONTENT)
}
