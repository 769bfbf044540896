//! The incident page of the duty desk: details (with what its place rests on), caller, further
//! calls, the crews on shift (recommended first, busy ones on less urgent incidents offered for
//! redirection) and those assigned to it, placing it again, the actions its state allows,
//! notes, attachments, hand-over, and its timeline; every word in the reader's language.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use serde::Deserialize;

use super::attachments::Attachment;
use super::incident_texts::{self as texts, T};
use super::model::{LocatedBy, Outcome, Status};
use super::store::{self, Incident};
use super::timeline::TimelineEntry;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Id, Query};
use crate::web::{Lang, Shell, local_time, render};

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

/// A crew on shift as the incident page lists it, recommended ones first.
struct CrewRow {
    unit_id: i64,
    call_sign: String,
    status: &'static str,
    /// Its rank among the recommended (available, nearest first).
    rank: Option<usize>,
    /// Distance and estimated time, when both the crew and the incident are placed.
    distance: Option<String>,
    eta: Option<String>,
    stale: bool,
    placed: bool,
    /// The incident it works on: id, reference, priority.
    busy_with: Option<(i64, String, i64)>,
    assignable: bool,
    redirectable: bool,
}

/// The redirection asked for, waiting for its confirmation.
struct Confirm {
    unit_id: i64,
    call_sign: String,
    other_id: i64,
    other: String,
    other_priority: i64,
}

#[derive(Template)]
#[template(path = "dispatch/incident.html")]
struct IncidentPage {
    shell: Shell,
    t: &'static T,
    incident: Incident,
    kind: String,
    status: &'static str,
    outcome: Option<&'static str>,
    located_by: Option<&'static str>,
    received: String,
    caller: Option<String>,
    calls: Vec<CallRow>,
    next: Vec<(&'static str, &'static str)>,
    outcomes: Vec<(&'static str, &'static str)>,
    crews: Vec<CrewRow>,
    confirm: Option<Confirm>,
    assigned: Vec<AssignedRow>,
    attachments: Vec<Attachment>,
    agencies: Vec<super::agencies::Agency>,
    channels: Vec<(&'static str, &'static str)>,
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

fn describe(e: &TimelineEntry, units: &[super::units::Unit], lang: Lang) -> String {
    let t = texts::of(lang);
    let status = |s: &Option<String>| {
        s.as_deref()
            .and_then(|c| c.parse::<Status>().ok())
            .map(|s| s.label(lang).to_string())
            .unwrap_or_default()
    };
    // A crew is named by its call sign, as the desk knows it.
    let unit = e
        .unit_id
        .and_then(|id| units.iter().find(|u| u.id == id))
        .map(|u| format!(" ({})", u.call_sign))
        .unwrap_or_default();
    match e.kind.as_str() {
        "created" => t.tl_created.to_string(),
        "status" => format!("{} → {}", status(&e.from_status), status(&e.to_status)),
        "assigned" => format!("{}{unit}", t.tl_assigned),
        "unassigned" => format!("{}{unit}", t.tl_unassigned),
        "redirected_in" => format!("{}{unit}", t.tl_redirected_in),
        "redirected_out" => format!("{}{unit}", t.tl_redirected_out),
        "located" => t.tl_located.to_string(),
        "call" => t.tl_call.to_string(),
        "note" => t.tl_note.to_string(),
        "attachment" => t.tl_attachment.to_string(),
        "handover" => t.tl_handover.to_string(),
        "special_event" => t.tl_special.to_string(),
        "special_event.acknowledged" => t.tl_special_ack.to_string(),
        other => other.to_string(),
    }
}

/// Every crew on shift (not off duty) but those on this incident: the recommended first, then
/// the other available ones, then those that may be redirected here, then the rest.
fn crews_on_shift(
    incident: &Incident,
    units: &[super::units::Unit],
    open: &[Incident],
    now: i64,
    stale_after_ms: i64,
    lang: Lang,
) -> Vec<CrewRow> {
    let t = texts::of(lang);
    let ranked = match (incident.lat, incident.lon) {
        (Some(lat), Some(lon)) => super::recommend::rank(units, lat, lon, now, stale_after_ms),
        _ => Vec::new(),
    };
    let mut rows: Vec<CrewRow> = units
        .iter()
        .filter(|u| u.status != "off_duty" && u.incident_id != Some(incident.id))
        .map(|u| {
            let candidate = ranked.iter().find(|c| c.unit_id == u.id);
            let far = match (incident.lat, incident.lon, u.last_lat, u.last_lon) {
                (Some(lat), Some(lon), Some(ulat), Some(ulon)) => {
                    let d = crate::geo::distance_m(ulon, ulat, lon, lat);
                    let eta =
                        d * super::recommend::DETOUR / (super::recommend::speed_kmh(&u.kind) / 3.6);
                    Some((d, eta))
                }
                _ => None,
            };
            let busy_with = u.incident_id.and_then(|id| {
                open.iter()
                    .find(|i| i.id == id)
                    .map(|i| (i.id, i.reference.clone(), i.priority))
            });
            let redirectable = busy_with.as_ref().is_some_and(|(_, _, p)| {
                super::assignment::may_redirect(incident.priority, Some(*p))
            });
            CrewRow {
                unit_id: u.id,
                call_sign: u.call_sign.clone(),
                status: super::board_texts::unit_status(&u.status, lang),
                rank: candidate.map(|c| c.rank),
                distance: far.map(|(d, _)| format!("{} km", lang.decimal(d / 1000.0, 1))),
                eta: far.map(|(_, eta)| format!("{:.0} {}", (eta / 60.0).ceil(), t.minutes)),
                stale: u
                    .last_position_at
                    .is_some_and(|at| now - at > stale_after_ms),
                placed: u.last_lat.is_some(),
                busy_with,
                assignable: u.status == "available",
                redirectable,
            }
        })
        .collect();
    let group = |r: &CrewRow| match (r.rank, r.assignable, r.redirectable) {
        (Some(_), _, _) => 0,
        (None, true, _) => 1,
        (None, false, true) => 2,
        _ => 3,
    };
    rows.sort_by(|a, b| {
        group(a)
            .cmp(&group(b))
            .then(a.rank.cmp(&b.rank))
            .then(a.call_sign.cmp(&b.call_sign))
    });
    rows
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

/// The page, with an optional message (the outcome of the last action, or why it was refused)
/// and, when asked, the confirmation of a crew's redirection.
pub(super) async fn show(
    state: &AppState,
    shell: Shell,
    id: i64,
    message: Option<String>,
    redirect: Option<i64>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let t = texts::of(lang);
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
    let units = super::units::list_all(&state.db).await?;
    let crews = if can_dispatch && incident.status.is_open() {
        let open = store::open(&state.db).await?;
        crews_on_shift(
            &incident,
            &units,
            &open,
            now_ms(),
            state.settings().await?.stale_after_ms(),
            lang,
        )
    } else {
        Vec::new()
    };
    let confirm = redirect.and_then(|unit| {
        crews
            .iter()
            .find(|c| c.unit_id == unit && c.redirectable)
            .and_then(|c| {
                let (other_id, other, other_priority) = c.busy_with.clone()?;
                Some(Confirm {
                    unit_id: c.unit_id,
                    call_sign: c.call_sign.clone(),
                    other_id,
                    other,
                    other_priority,
                })
            })
    });
    let since = incident.received_at.max(now_ms() - 6 * 86_400_000);
    let assigned = units
        .iter()
        .filter(|u| u.incident_id == Some(id))
        .map(|u| AssignedRow {
            unit_id: u.id,
            call_sign: u.call_sign.clone(),
            status: super::board_texts::unit_status(&u.status, lang).to_string(),
            route: super::route_page::route_href(u.id, Some(since)),
        })
        .collect();
    let timeline = super::timeline::timeline_of(&state.db, id)
        .await?
        .iter()
        .map(|e| TimelineRow {
            at: local_time(e.at),
            actor: e.actor.clone(),
            what: describe(e, &units, lang),
            note: e.note.clone().unwrap_or_default(),
        })
        .collect();
    let next = incident
        .status
        .next()
        .iter()
        .filter(|s| **s != Status::Dispatched)
        .map(|s| (s.code(), s.label(lang)))
        .collect();
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| (o.code(), o.label(lang)))
        .collect();
    let channels = ["phone", "radio", "email", "112", "in_person"]
        .into_iter()
        .map(|c| (c, t.channel(c)))
        .collect();
    let located_by = match (incident.lat, incident.located_by.as_deref()) {
        (None, _) => None,
        (Some(_), Some(code)) => LocatedBy::from_code(code).map(|l| l.label(lang)),
        // Placed before the precision was kept: with the call's coordinates.
        (Some(_), None) => Some(LocatedBy::Coordinates.label(lang)),
    };
    render(&IncidentPage {
        t,
        kind: crate::dispatch::catalogue::load(&state.db).await?.label_at(
            &incident.kind,
            incident.received_at,
            lang,
        ),
        status: incident.status.label(lang),
        outcome: incident
            .outcome
            .as_deref()
            .and_then(|o| o.parse::<Outcome>().ok())
            .map(|o| o.label(lang)),
        located_by,
        received: local_time(incident.received_at),
        caller,
        calls,
        next,
        outcomes,
        crews,
        confirm,
        assigned,
        attachments: super::attachments::list(&state.db, id).await?,
        agencies: super::agencies::active(&state.db).await?,
        channels,
        timeline,
        special_event: super::special::of_incident(&state.db, id).await?,
        can_dispatch,
        message,
        incident,
        shell,
    })
}

/// `/incidents/{id}?redirect=UNIT`: the page asking to confirm a crew's redirection.
#[derive(Deserialize)]
struct PageQuery {
    redirect: Option<i64>,
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    show(&state, shell, id, None, q.redirect).await
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
            let mut response = show(state, shell, id, Some(text), None).await?;
            *response.status_mut() = status;
            Ok(response)
        }
        Err(e) => Err(e),
    }
}
