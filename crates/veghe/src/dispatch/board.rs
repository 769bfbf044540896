//! The duty desk's live board: call intake, open incidents by priority with their elapsed
//! time, crews with their status and the age of their last position, and the map. The tables
//! refresh themselves (htmx) every few seconds and at once on a live event.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::api::IncidentIn;
use super::store::{self, Incident};
use super::units::Unit;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::dispatch::catalogue::type_label;
use crate::error::AppResult;
use crate::http::extract::{Form, Query};
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/board", Access::Roles(groups::OPERATIONS_READ), page)
        .get(
            "/board/tables",
            Access::Roles(groups::OPERATIONS_READ),
            tables,
        )
        .post("/board/incidents", Access::Roles(groups::DISPATCH), intake)
}

struct IncidentRow {
    id: i64,
    reference: String,
    kind: String,
    priority: i64,
    status: &'static str,
    address: String,
    since: String,
}

struct UnitRow {
    id: i64,
    call_sign: String,
    overdue: bool,
    status: String,
    position_age: String,
    stale: bool,
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn rows(
    config: &crate::config::Config,
    incidents: Vec<Incident>,
    units: Vec<Unit>,
    lang: Lang,
) -> (Vec<IncidentRow>, Vec<UnitRow>) {
    let now = now_ms();
    let incidents = incidents
        .into_iter()
        .map(|i| IncidentRow {
            id: i.id,
            reference: i.reference,
            kind: type_label(&i.kind, lang),
            priority: i.priority,
            status: i.status.label_ro(),
            address: i.address.unwrap_or_default(),
            since: rfc3339(i.received_at),
        })
        .collect();
    let units = units
        .into_iter()
        .map(|u| {
            let (position_age, stale) = match u.last_position_at {
                Some(at) => {
                    let minutes = (now - at).max(0) / 60_000;
                    (format!("{minutes} min"), now - at > config.stale_after_ms)
                }
                None => ("—".to_string(), true),
            };
            UnitRow {
                overdue: super::checkins::overdue(
                    &u.status,
                    u.last_contact_at,
                    now,
                    config.checkin_interval_ms,
                ),
                id: u.id,
                call_sign: u.call_sign,
                status: unit_status_label(&u.status).to_string(),
                position_age,
                stale,
            }
        })
        .collect();
    (incidents, units)
}

/// A crew status in Romanian (the code itself when unknown).
pub fn unit_status_label(code: &str) -> &str {
    match code {
        "available" => "disponibil",
        "dispatched" => "alocat",
        "en_route" => "în deplasare",
        "on_scene" => "la fața locului",
        "busy" => "ocupat",
        "off_duty" => "în afara serviciului",
        "out_of_service" => "indisponibil",
        other => other,
    }
}

#[derive(Template)]
#[template(path = "dispatch/board.html")]
struct BoardPage {
    shell: Shell,
    incidents: Vec<IncidentRow>,
    units: Vec<UnitRow>,
    types: Vec<(&'static str, String)>,
    can_dispatch: bool,
    /// The call just saved: its number, with a link, and whether it is on the map.
    saved: Option<Saved>,
    /// Positions older than this show as stale on the map too.
    stale_ms: i64,
}

#[derive(Template)]
#[template(path = "dispatch/tables.html")]
struct Tables {
    incidents: Vec<IncidentRow>,
    units: Vec<UnitRow>,
    /// Dispatchers get each crew's route behind its call sign.
    can_dispatch: bool,
}

/// The call the dispatcher has just saved, as the board confirms it.
struct Saved {
    id: i64,
    reference: String,
    located: bool,
}

/// `/board?created=ID`: where the intake form lands after saving a call.
#[derive(Deserialize)]
struct BoardQuery {
    created: Option<i64>,
}

async fn board(state: &AppState, shell: Shell, saved: Option<Saved>) -> AppResult<Response> {
    let (incidents, units) = rows(
        &state.config,
        store::open(&state.db).await?,
        super::units::list(&state.db).await?,
        shell.lang,
    );
    let lang = shell.lang;
    let types = crate::dispatch::catalogue::INCIDENT_TYPES
        .iter()
        .map(|t| (t.code, type_label(t.code, lang)))
        .collect();
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    render(&BoardPage {
        stale_ms: state.config.stale_after_ms,
        shell,
        incidents,
        units,
        types,
        can_dispatch,
        saved,
    })
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<BoardQuery>,
) -> AppResult<Response> {
    let saved = match q.created {
        Some(id) => store::get(&state.db, id).await.ok().map(|i| Saved {
            id: i.id,
            reference: i.reference,
            located: i.lat.is_some(),
        }),
        None => None,
    };
    board(&state, shell, saved).await
}

async fn tables(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let (incidents, units) = rows(
        &state.config,
        store::open(&state.db).await?,
        super::units::list(&state.db).await?,
        shell.lang,
    );
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    render(&Tables {
        incidents,
        units,
        can_dispatch,
    })
}

#[derive(Deserialize)]
struct IntakeForm {
    #[serde(rename = "type")]
    kind: String,
    priority: String,
    address: String,
    lat: Option<String>,
    lon: Option<String>,
    description: Option<String>,
    caller_name: Option<String>,
    caller_phone: Option<String>,
    /// An open incident nearby that this call is about (chosen instead of a new incident).
    join: Option<String>,
}

fn opt_number(field: &'static str, v: Option<String>) -> AppResult<Option<f64>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| crate::error::AppError::bad(field, format!("`{s}` is not a number"))),
    }
}

/// The call-intake form: the same rules as the API, then back to the board; a call joined to
/// an open incident goes to that incident's page.
async fn intake(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(form): Form<IntakeForm>,
) -> AppResult<Response> {
    if let Some(join) = form
        .join
        .as_deref()
        .map(str::trim)
        .filter(|j| !j.is_empty())
    {
        let id: i64 = join.parse().map_err(|_| {
            crate::error::AppError::bad("join", format!("`{join}` is not an incident id"))
        })?;
        let call = super::incident_forms::CallForm {
            caller_name: form.caller_name,
            caller_phone: form.caller_phone,
            description: form.description,
        }
        .parse()?;
        super::calls::join(&state.db, &me.actor(), id, call).await?;
        state.live.published();
        return Ok(Redirect::to(&format!("/incidents/{id}")).into_response());
    }
    let input = IncidentIn {
        kind: form.kind,
        priority: form
            .priority
            .trim()
            .trim_start_matches(['P', 'p'])
            .parse()
            .map_err(|_| crate::error::AppError::bad("priority", "priority must be 1, 2 or 3"))?,
        lat: opt_number("lat", form.lat)?,
        lon: opt_number("lon", form.lon)?,
        address: Some(form.address),
        description: form.description.unwrap_or_default(),
        caller_name: form.caller_name,
        caller_phone: form.caller_phone,
        source: Some("phone".into()),
    };
    let saved = store::create(&state.db, &me.actor(), input.parse()?).await?;
    state.live.published();
    Ok(Redirect::to(&format!("/board?created={}", saved.id)).into_response())
}
