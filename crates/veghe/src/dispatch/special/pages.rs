//! The special events' pages: the list with the declaration form, one event with its
//! acknowledgements and e-mail deliveries, and the printable written report.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::SpecialEvent;
use super::report::{AckRow, Line, ReportData};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::error::AppResult;
use crate::http::extract::{Form, Id};
use crate::web::{Shell, Tr, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/special-events", read, list)
        .post("/special-events", Access::Roles(groups::DISPATCH), declare)
        .get("/special-events/{id}", read, show)
        .get("/special-events/{id}/report", read, report)
        .get("/special-events/{id}/report.docx", read, report_docx)
}

/// An e-mail state in the interface language.
pub fn mail_state(tr: &Tr, state: &str) -> &'static str {
    match state {
        "pending" => tr.mail_pending,
        "sent" => tr.mail_sent,
        "failed" => tr.mail_failed,
        "not_configured" => tr.mail_not_configured,
        _ => tr.mail_no_address,
    }
}

fn role_label(code: &str, shell: &Shell) -> String {
    match code.parse::<Role>() {
        Ok(r) if shell.lang == crate::web::Lang::Ro => r.label_ro().to_string(),
        Ok(r) => r.label_en().to_string(),
        Err(_) => code.to_string(),
    }
}

#[derive(Template)]
#[template(path = "special/list.html")]
struct ListPage {
    shell: Shell,
    events: Vec<SpecialEvent>,
    can_declare: bool,
}

async fn list(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let events = super::list(&state.db).await?;
    let can_declare = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::DISPATCH.contains(&u.role));
    render(&ListPage {
        shell,
        events,
        can_declare,
    })
}

#[derive(Deserialize)]
struct DeclareForm {
    incident: String,
    reason: String,
}

async fn declare(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(form): Form<DeclareForm>,
) -> AppResult<Response> {
    super::parse_reason(&form.reason)?;
    let incident = super::incident_by_reference(&state.db, &form.incident).await?;
    let smtp = state.config.smtp.is_some();
    let event = super::declare(&state.db, &me.actor(), incident, &form.reason, smtp).await?;
    state.live.published();
    state.mailer.queued();
    Ok(Redirect::to(&format!("/special-events/{}", event.id)).into_response())
}

struct MailRow {
    recipient: String,
    state: &'static str,
    attempts: i64,
    error: String,
}

#[derive(Template)]
#[template(path = "special/show.html")]
struct ShowPage {
    shell: Shell,
    event: SpecialEvent,
    declared: String,
    acks: Vec<AckRow>,
    mails: Vec<MailRow>,
    /// The viewer's own acknowledgement, still to be given.
    my_notification: Option<i64>,
}

fn ack_rows(event: &SpecialEvent, shell: &Shell) -> Vec<AckRow> {
    event
        .acknowledgements
        .iter()
        .map(|a| AckRow {
            name: a.name.clone(),
            role: role_label(&a.role, shell),
            notified: local_time(a.notified_at),
            acknowledged: a.acknowledged_at.map(local_time),
        })
        .collect()
}

async fn show(State(state): State<AppState>, shell: Shell, Id(id): Id) -> AppResult<Response> {
    let event = super::get(&state.db, id).await?;
    let mut my_notification = None;
    if let Some(u) = shell
        .user
        .as_ref()
        .filter(|u| groups::SPECIAL_EVENT_RECIPIENTS.contains(&u.role))
    {
        my_notification = crate::notify::of_user(&state.db, u.id)
            .await?
            .into_iter()
            .find(|n| n.special_event_id == Some(id) && n.acknowledged_at.is_none())
            .map(|n| n.id);
    }
    let mails = event
        .deliveries
        .iter()
        .map(|m| MailRow {
            recipient: m.recipient.clone().unwrap_or_else(|| "—".into()),
            state: mail_state(shell.tr, &m.state),
            attempts: m.attempts,
            error: m.last_error.clone().unwrap_or_default(),
        })
        .collect();
    render(&ShowPage {
        acks: ack_rows(&event, &shell),
        declared: local_time(event.declared_at),
        shell,
        event,
        mails,
        my_notification,
    })
}

#[derive(Template)]
#[template(path = "special/report.html")]
struct ReportPage {
    shell: Shell,
    data: ReportData,
    kind: String,
    times: Vec<(&'static str, String)>,
    lines: Vec<Line>,
    acks: Vec<AckRow>,
    declared: String,
    generated: String,
}

async fn report(State(state): State<AppState>, shell: Shell, Id(id): Id) -> AppResult<Response> {
    let data = super::report::gather(&state.db, id).await?;
    let tr = shell.tr;
    let i = &data.incident;
    let times = [
        (tr.rep_received, Some(i.received_at)),
        (tr.rep_dispatched, i.dispatched_at),
        (tr.rep_on_scene, i.on_scene_at),
        (tr.rep_closed, i.closed_at),
    ]
    .into_iter()
    .map(|(label, at)| (label, at.map(local_time).unwrap_or_else(|| "—".into())))
    .collect();
    let lines = super::report::lines(&data);
    render(&ReportPage {
        kind: data.kind_in(shell.lang).to_string(),
        acks: ack_rows(&data.event, &shell),
        declared: local_time(data.event.declared_at),
        generated: local_time(crate::db::now_ms()),
        times,
        lines,
        shell,
        data,
    })
}

/// The same report as a Word document, for the clerk to complete, sign and file.
async fn report_docx(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let data = super::report::gather(&state.db, id).await?;
    let acks = ack_rows(&data.event, &shell);
    let bytes = super::report::docx(&data, &shell, &acks)?;
    let file = format!(
        "raport-eveniment-deosebit-{}-{}.docx",
        data.incident.number, data.incident.year
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
