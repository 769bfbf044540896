//! The incident page of the duty desk: details, caller, further calls, crews ranked for it and
//! assigned to it, the actions its state allows, notes, attachments, hand-over, and its timeline.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::attachments::Attachment;
use super::model::Status;
use super::recommend::Candidate;
use super::store::{self, Incident};
use super::timeline::TimelineEntry;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::now_ms;
use crate::dispatch::catalogue::type_label;
use crate::error::{AppError, AppResult};
use crate::http::extract::Id;
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/incidents/{id}",
            Access::Roles(groups::OPERATIONS_READ),
            page,
        )
        .merge(super::incident_forms::routes())
}

pub(super) struct CallRow {
    pub at: String,
    pub caller: String,
    pub description: String,
}

struct TimelineRow {
    at: String,
    actor: String,
    what: String,
    note: String,
}

struct AssignedRow {
    unit_id: i64,
    call_sign: String,
    status: String,
    /// The crew's route since the call came in (at most the last 6 days).
    route: String,
}

#[derive(Template)]
#[template(path = "dispatch/incident.html")]
struct IncidentPage {
    shell: Shell,
    incident: Incident,
    kind: String,
    received: String,
    caller: Option<String>,
    calls: Vec<CallRow>,
    next: Vec<(&'static str, &'static str)>,
    candidates: Vec<Candidate>,
    assigned: Vec<AssignedRow>,
    attachments: Vec<Attachment>,
    agencies: Vec<super::agencies::Agency>,
    timeline: Vec<TimelineRow>,
    /// The special event declared for this incident.
    special_event: Option<i64>,
    can_dispatch: bool,
    message: Option<String>,
}

impl IncidentPage {
    fn is_open(&self) -> bool {
        self.incident.status.is_open()
    }

    /// How the incident reached the service, in the reader's language.
    fn source(&self) -> &str {
        let tr = self.shell.tr;
        match self.incident.source.as_str() {
            "phone" => tr.src_phone,
            "duty_desk" => tr.src_duty_desk,
            "112" => tr.src_112,
            "patrol" => tr.src_patrol,
            "petition" => tr.src_petition,
            "camera" => tr.src_camera,
            other => other,
        }
    }
}

fn describe(e: &TimelineEntry, units: &[super::units::Unit]) -> String {
    let status = |s: &Option<String>| {
        s.as_deref()
            .and_then(|c| c.parse::<Status>().ok())
            .map(|s| s.label_ro().to_string())
            .unwrap_or_default()
    };
    // A crew is named by its call sign, as the desk knows it.
    let unit = e
        .unit_id
        .and_then(|id| units.iter().find(|u| u.id == id))
        .map(|u| format!(" ({})", u.call_sign))
        .unwrap_or_default();
    match e.kind.as_str() {
        "created" => "Apel înregistrat".to_string(),
        "status" => format!("{} → {}", status(&e.from_status), status(&e.to_status)),
        "assigned" => format!("Echipaj alocat{unit}"),
        "unassigned" => format!("Echipaj eliberat{unit}"),
        "call" => "Apel suplimentar".to_string(),
        "note" => "Notă".to_string(),
        "attachment" => "Atașament".to_string(),
        "handover" => "Predat altei instituții".to_string(),
        "special_event" => "Declarat eveniment deosebit".to_string(),
        "special_event.acknowledged" => "Eveniment deosebit luat la cunoștință".to_string(),
        other => other.to_string(),
    }
}

async fn caller_and_calls(state: &AppState, id: i64) -> AppResult<(Option<String>, Vec<CallRow>)> {
    let (name, phone): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT caller_name, caller_phone FROM incidents WHERE id = $1")
            .bind(id)
            .fetch_one(state.db.pool())
            .await?;
    let join = |name: Option<String>, phone: Option<String>| {
        let parts: Vec<String> = [name, phone].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    };
    let caller = join(name, phone);
    let rows: Vec<(i64, Option<String>, Option<String>, String)> = sqlx::query_as(
        "SELECT at, caller_name, caller_phone, description FROM incident_calls WHERE incident_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(state.db.pool())
    .await?;
    let calls = rows
        .into_iter()
        .map(|(at, name, phone, description)| CallRow {
            at: local_time(at),
            caller: join(name, phone).unwrap_or_else(|| "—".into()),
            description,
        })
        .collect();
    Ok((caller, calls))
}

/// The page, with an optional message (the outcome of the last action, or why it was refused).
pub(super) async fn show(
    state: &AppState,
    shell: Shell,
    id: i64,
    message: Option<String>,
) -> AppResult<Response> {
    let incident = store::get(&state.db, id).await?;
    let can_dispatch = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    // The caller is personal data: shown to those who handle the call.
    let (caller, calls) = if can_dispatch {
        caller_and_calls(state, id).await?
    } else {
        (None, Vec::new())
    };
    let units = super::units::list(&state.db).await?;
    let candidates = match (incident.lat, incident.lon, incident.status.is_open()) {
        (Some(lat), Some(lon), true) => {
            let mut c =
                super::recommend::rank(&units, lat, lon, now_ms(), state.config.stale_after_ms);
            c.truncate(5);
            c
        }
        _ => Vec::new(),
    };
    let since = incident.received_at.max(now_ms() - 6 * 86_400_000);
    let assigned = units
        .iter()
        .filter(|u| u.incident_id == Some(id))
        .map(|u| AssignedRow {
            unit_id: u.id,
            call_sign: u.call_sign.clone(),
            status: super::board::unit_status_label(&u.status).to_string(),
            route: super::route_page::route_href(u.id, Some(since)),
        })
        .collect();
    let timeline = super::timeline::timeline_of(&state.db, id)
        .await?
        .iter()
        .map(|e| TimelineRow {
            at: local_time(e.at),
            actor: e.actor.clone(),
            what: describe(e, &units),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect();
    let next = incident
        .status
        .next()
        .iter()
        .filter(|s| **s != Status::Dispatched)
        .map(|s| (s.code(), s.label_ro()))
        .collect();
    render(&IncidentPage {
        kind: type_label(&incident.kind, shell.lang),
        received: local_time(incident.received_at),
        caller,
        calls,
        next,
        candidates,
        assigned,
        attachments: super::attachments::list(&state.db, id).await?,
        agencies: super::agencies::list(&state.db).await?,
        timeline,
        special_event: super::special::of_incident(&state.db, id).await?,
        can_dispatch,
        message,
        incident,
        shell,
    })
}

async fn page(State(state): State<AppState>, shell: Shell, Id(id): Id) -> AppResult<Response> {
    show(&state, shell, id, None).await
}

/// After an action: back to the page; when it was refused, the page again with the reason.
pub(super) async fn after(
    state: &AppState,
    shell: Shell,
    id: i64,
    result: AppResult<()>,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/incidents/{id}")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let text = e.said(shell.lang);
            let mut response = show(state, shell, id, Some(text)).await?;
            *response.status_mut() = status;
            Ok(response)
        }
        Err(e) => Err(e),
    }
}
