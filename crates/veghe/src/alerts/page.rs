//! The dispatchers' page for public alerts (`/alerts`): the issue form, the messages of the last
//! 30 days with their state, and a button to cancel each alert in force.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::model::{AlertIn, Category, Certainty, ResponseType, Severity, Urgency, parse_points};
use super::store;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::now_ms;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Id};
use crate::web::{Lang, Shell, local_time, render};

struct Row {
    id: i64,
    identifier: String,
    cap_url: String,
    sent: String,
    headline: String,
    area: String,
    expires: String,
    state: &'static str,
    can_cancel: bool,
}

/// A CAP code list as `(code, label)` options.
type Options = Vec<(&'static str, String)>;

#[derive(Template)]
#[template(path = "alerts/alerts.html")]
struct AlertsPage {
    shell: Shell,
    w: &'static super::texts::T,
    rows: Vec<Row>,
    categories: Options,
    severities: Options,
    urgencies: Options,
    certainties: Options,
    responses: Options,
}

macro_rules! options {
    ($t:ty, $lang:expr) => {
        <$t>::ALL
            .iter()
            .map(|v| (v.code(), v.label($lang).to_string()))
            .collect()
    };
}

/// `GET /alerts`
pub async fn page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let now = now_ms();
    let tr = shell.tr;
    let rows = store::recent(&state.db, 30)
        .await?
        .into_iter()
        .map(|a| {
            let cancel = a.msg_type == "Cancel";
            let state = if cancel {
                tr.alerts_cancel_message
            } else if a.cancelled_at.is_some() {
                tr.alerts_cancelled
            } else if a.expires_at <= now {
                tr.alerts_expired
            } else {
                tr.alerts_in_force
            };
            Row {
                id: a.id,
                can_cancel: !cancel && a.cancelled_at.is_none() && a.expires_at > now,
                identifier: a.identifier,
                cap_url: a.cap_url,
                sent: local_time(a.sent_at),
                headline: a.headline,
                area: a.area_desc,
                expires: local_time(a.expires_at),
                state,
            }
        })
        .collect();
    let lang: Lang = shell.lang;
    render(&AlertsPage {
        w: super::texts::of(lang),
        shell,
        rows,
        categories: options!(Category, lang),
        severities: options!(Severity, lang),
        urgencies: options!(Urgency, lang),
        certainties: options!(Certainty, lang),
        responses: options!(ResponseType, lang),
    })
}

#[derive(Deserialize)]
pub struct AlertForm {
    event: String,
    headline: String,
    description: String,
    instruction: Option<String>,
    event_en: Option<String>,
    headline_en: Option<String>,
    description_en: Option<String>,
    instruction_en: Option<String>,
    category: String,
    severity: String,
    urgency: String,
    certainty: String,
    response_type: String,
    area_desc: String,
    circle_lat: Option<String>,
    circle_lon: Option<String>,
    radius_km: Option<String>,
    polygon: Option<String>,
    onset: Option<String>,
    expires: String,
    incident_id: Option<String>,
}

fn filled(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn number(field: &'static str, v: Option<String>) -> AppResult<Option<f64>> {
    match filled(v) {
        None => Ok(None),
        Some(s) => s
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map(Some)
            .ok_or_else(|| {
                AppError::bad(
                    field,
                    Said::new(
                        format!("„{s}” nu este un număr."),
                        format!("“{s}” is not a number."),
                    ),
                )
            }),
    }
}

/// `POST /alerts`: the same rules as the API, then back to the page.
pub async fn issue(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<AlertForm>,
) -> AppResult<Response> {
    let incident_id = match filled(f.incident_id) {
        None => None,
        Some(s) => Some(s.parse::<i64>().map_err(|_| {
            AppError::bad(
                "incident_id",
                Said::new(
                    format!("„{s}” nu este un număr de incident."),
                    format!("“{s}” is not an incident number."),
                ),
            )
        })?),
    };
    let input = AlertIn {
        event: f.event,
        headline: f.headline,
        description: f.description,
        instruction: f.instruction,
        event_en: f.event_en,
        headline_en: f.headline_en,
        description_en: f.description_en,
        instruction_en: f.instruction_en,
        category: f.category,
        severity: f.severity,
        urgency: f.urgency,
        certainty: f.certainty,
        response_type: f.response_type,
        area_desc: f.area_desc,
        circle_lat: number("circle_lat", f.circle_lat)?,
        circle_lon: number("circle_lon", f.circle_lon)?,
        radius_km: number("radius_km", f.radius_km)?,
        polygon: filled(f.polygon).as_deref().map(parse_points).transpose()?,
        onset: filled(f.onset),
        expires: f.expires,
        incident_id,
    };
    store::issue(&state.db, &me.actor(), input.parse(now_ms())?).await?;
    state.live.published();
    Ok(Redirect::to("/alerts").into_response())
}

/// `POST /alerts/{id}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    store::cancel(&state.db, &me.actor(), id).await?;
    state.live.published();
    Ok(Redirect::to("/alerts").into_response())
}
