//! The duty desk's live board: call intake, open incidents by priority with their elapsed
//! time, crews with their status and the age of their last position, and the map. The tables
//! refresh themselves (htmx) every few seconds and at once on a live event.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::api::IncidentIn;
use super::board_texts::{self, T};
use super::store::{self, Incident};
use super::units::Unit;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::now_ms;
use crate::dispatch::catalogue::Types;
use crate::error::{AppError, AppResult, Said};
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
    has_position: bool,
    stale: bool,
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

fn rows(
    settings: &crate::settings::Settings,
    incidents: Vec<Incident>,
    units: Vec<Unit>,
    lang: Lang,
    types: &Types,
) -> (Vec<IncidentRow>, Vec<UnitRow>) {
    let now = now_ms();
    let incidents = incidents
        .into_iter()
        .map(|i| IncidentRow {
            id: i.id,
            reference: i.reference,
            kind: types.label_at(&i.kind, i.received_at, lang),
            priority: i.priority,
            status: i.status.label(lang),
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
                    (
                        format!("{minutes} {}", board_texts::of(lang).minutes),
                        now - at > settings.stale_after_ms(),
                    )
                }
                None => (board_texts::of(lang).no_position.to_string(), true),
            };
            UnitRow {
                overdue: super::checkins::overdue(
                    &u.status,
                    u.last_contact_at,
                    now,
                    settings.checkin_interval_ms(),
                ),
                has_position: u.last_position_at.is_some(),
                id: u.id,
                call_sign: u.call_sign,
                status: board_texts::unit_status(&u.status, lang).to_string(),
                position_age,
                stale,
            }
        })
        .collect();
    (incidents, units)
}

/// A crew status in Romanian.
pub fn unit_status_label(code: &str) -> &'static str {
    board_texts::unit_status(code, Lang::Ro)
}

#[derive(Template)]
#[template(path = "dispatch/board.html")]
struct BoardPage {
    shell: Shell,
    t: &'static T,
    incidents: Vec<IncidentRow>,
    units: Vec<UnitRow>,
    /// The active types: code, name, default priority (the intake preselects it).
    types: Vec<(String, String, i64)>,
    can_dispatch: bool,
    /// The call just saved: its number, with a link, and whether it is on the map.
    saved: Option<Saved>,
}

#[derive(Template)]
#[template(path = "dispatch/tables.html")]
struct Tables {
    t: &'static T,
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
    let catalogue = crate::dispatch::catalogue::load(&state.db).await?;
    let (incidents, units) = rows(
        &state.settings().await?,
        store::open(&state.db).await?,
        super::units::list(&state.db).await?,
        shell.lang,
        &catalogue,
    );
    let lang = shell.lang;
    let types = catalogue
        .active()
        .into_iter()
        .map(|t| (t.code.clone(), t.name(lang).to_string(), t.default_priority))
        .collect();
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    render(&BoardPage {
        t: board_texts::of(lang),
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
    let catalogue = crate::dispatch::catalogue::load(&state.db).await?;
    let (incidents, units) = rows(
        &state.settings().await?,
        store::open(&state.db).await?,
        super::units::list(&state.db).await?,
        shell.lang,
        &catalogue,
    );
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    render(&Tables {
        t: board_texts::of(shell.lang),
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
        Some(s) => s.replace(',', ".").parse::<f64>().map(Some).map_err(|_| {
            let (ro, en) = (board_texts::of(Lang::Ro), board_texts::of(Lang::En));
            let name = |t: &T| if field == "lat" { t.lat } else { t.lon };
            AppError::bad(
                field,
                Said::new(
                    format!("{}: „{s}” {}", name(ro), ro.not_a_number),
                    format!("{}: “{s}” {}", name(en), en.not_a_number),
                ),
            )
        }),
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
            AppError::bad(
                "join",
                Said::new(board_texts::RO.join_bad, board_texts::EN.join_bad),
            )
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
        // None chosen: the type's default priority.
        priority: match form.priority.trim().trim_start_matches(['P', 'p']) {
            "" => None,
            p => Some(p.parse().map_err(|_| {
                AppError::bad(
                    "priority",
                    Said::new(board_texts::RO.priority_bad, board_texts::EN.priority_bad),
                )
            })?),
        },
        lat: opt_number("lat", form.lat)?,
        lon: opt_number("lon", form.lon)?,
        address: Some(form.address),
        description: form.description.unwrap_or_default(),
        caller_name: form.caller_name,
        caller_phone: form.caller_phone,
        source: Some("phone".into()),
    };
    let catalogue = crate::dispatch::catalogue::load(&state.db).await?;
    let saved = store::create(&state.db, &me.actor(), input.parse(&catalogue)?).await?;
    state.live.published();
    Ok(Redirect::to(&format!("/board?created={}", saved.id)).into_response())
}
