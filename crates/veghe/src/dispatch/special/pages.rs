//! The special events' pages: the list with the declaration form, one event with its
//! acknowledgements and e-mail deliveries, and the printable written report.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::report::{HandoverLine, ReportData};
use super::{RECIPIENTS, SpecialEvent};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::dispatch::api::DISPATCH;
use crate::dispatch::timeline::TimelineEntry;
use crate::error::AppResult;
use crate::web::{Shell, Tr, local_time, render, type_label};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/special-events", read, list)
        .post("/special-events", Access::Roles(DISPATCH), declare)
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
        .is_some_and(|u| DISPATCH.contains(&u.role));
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
    axum::Extension(me): axum::Extension<CurrentUser>,
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

struct AckRow {
    name: String,
    role: String,
    notified: String,
    acknowledged: Option<String>,
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

async fn show(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = super::api::parse_id(&id, "a special event")?;
    let event = super::get(&state.db, id).await?;
    let mut my_notification = None;
    if let Some(u) = shell.user.as_ref().filter(|u| RECIPIENTS.contains(&u.role)) {
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

struct Line {
    when: String,
    who: String,
    what: String,
    note: String,
}

#[derive(Template)]
#[template(path = "special/report.html")]
struct ReportPage {
    shell: Shell,
    data: ReportData,
    kind: String,
    times: Vec<(&'static str, String)>,
    lines: Vec<Line>,
    handovers: Vec<(String, HandoverLine)>,
    acks: Vec<AckRow>,
    declared: String,
    generated: String,
}

fn line(e: &TimelineEntry) -> Line {
    let what = match (&e.from_status, &e.to_status) {
        (Some(f), Some(t)) => format!("{}: {f} → {t}", e.kind),
        (None, Some(t)) => format!("{}: {t}", e.kind),
        _ => e.kind.clone(),
    };
    Line {
        when: local_time(e.at),
        who: e.actor.clone(),
        what,
        note: e.note.clone().unwrap_or_default(),
    }
}

async fn report(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let id = super::api::parse_id(&id, "a special event")?;
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
    let lines = data.timeline.iter().map(line).collect();
    let handovers = data
        .handovers
        .iter()
        .map(|h| {
            (
                local_time(h.at),
                HandoverLine {
                    at: h.at,
                    agency: h.agency.clone(),
                    channel: h.channel.clone(),
                    reference: h.reference.clone(),
                    actor: h.actor.clone(),
                },
            )
        })
        .collect();
    render(&ReportPage {
        kind: type_label(&i.kind, shell.lang),
        acks: ack_rows(&data.event, &shell),
        declared: local_time(data.event.declared_at),
        generated: local_time(crate::db::now_ms()),
        times,
        lines,
        handovers,
        shell,
        data,
    })
}

/// The same report as a Word document, for the clerk to complete, sign and file.
async fn report_docx(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<String>,
) -> AppResult<Response> {
    use veghe_docs::docx::Block;
    let id = super::api::parse_id(&id, "a special event")?;
    let data = super::report::gather(&state.db, id).await?;
    let tr = shell.tr;
    let i = &data.incident;
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let at = |v: Option<i64>| dash(v.map(local_time));
    let mut blocks = vec![
        Block::Heading(1, format!("{} — {}", tr.rep_title, i.reference)),
        Block::Paragraph(format!("{} · {}", tr.institution, tr.service)),
        Block::Field(tr.rep_number.into(), i.reference.clone()),
        Block::Field(tr.rep_type.into(), type_label(&i.kind, shell.lang)),
        Block::Field(tr.rep_priority.into(), format!("P{}", i.priority)),
        Block::Field(tr.rep_address.into(), dash(i.address.clone())),
        Block::Field(tr.rep_received.into(), local_time(i.received_at)),
        Block::Field(tr.rep_dispatched.into(), at(i.dispatched_at)),
        Block::Field(tr.rep_on_scene.into(), at(i.on_scene_at)),
        Block::Field(tr.rep_closed.into(), at(i.closed_at)),
        Block::Field(tr.rep_outcome.into(), dash(i.outcome.clone())),
        Block::Field(tr.rep_description.into(), i.description.clone()),
        Block::Field(
            tr.rep_crews.into(),
            dash(Some(data.crews.join(", ")).filter(|c| !c.is_empty())),
        ),
        Block::Field(
            tr.se_declared_at.into(),
            format!(
                "{} ({})",
                local_time(data.event.declared_at),
                data.event.declared_by
            ),
        ),
        Block::Field(tr.reason.into(), data.event.reason.clone()),
        Block::Heading(2, tr.rep_timeline.into()),
        Block::Table {
            header: vec![
                tr.rep_when.into(),
                tr.rep_who.into(),
                tr.rep_what.into(),
                tr.rep_note.into(),
            ],
            rows: data
                .timeline
                .iter()
                .map(line)
                .map(|l| vec![l.when, l.who, l.what, l.note])
                .collect(),
        },
        Block::Heading(2, tr.rep_handovers.into()),
    ];
    if data.handovers.is_empty() {
        blocks.push(Block::Paragraph("—".into()));
    } else {
        blocks.push(Block::Table {
            header: vec![
                tr.rep_when.into(),
                tr.rep_agency.into(),
                tr.rep_channel.into(),
                tr.rep_reference.into(),
                tr.rep_who.into(),
            ],
            rows: data
                .handovers
                .iter()
                .map(|h| {
                    vec![
                        local_time(h.at),
                        h.agency.clone(),
                        h.channel.clone(),
                        h.reference.clone().unwrap_or_default(),
                        h.actor.clone(),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::Heading(2, tr.se_acks.into()));
    blocks.push(Block::Table {
        header: vec![
            tr.se_recipient.into(),
            tr.se_notified.into(),
            tr.notif_acked.into(),
        ],
        rows: ack_rows(&data.event, &shell)
            .into_iter()
            .map(|a| {
                vec![
                    format!("{} ({})", a.name, a.role),
                    a.notified,
                    a.acknowledged.unwrap_or_else(|| tr.se_not_acked.into()),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Paragraph(format!(
        "{} {}",
        tr.rep_generated,
        local_time(crate::db::now_ms())
    )));
    blocks.push(Block::Paragraph(format!(
        "{}: ______________________________",
        tr.rep_signature
    )));
    let title = format!("{} {}", tr.rep_title, i.reference);
    let bytes = veghe_docs::docx::docx(&title, &blocks)
        .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!("docx: {e}")))?;
    let file = format!("raport-eveniment-deosebit-{}-{}.docx", i.number, i.year);
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
