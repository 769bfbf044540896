//! The incident page's forms: status, crews (assigned, redirected, released), notes, further
//! calls, hand-over, attachments.
//! Each runs the same rules as the API; a refusal shows the page again with the reason.

use axum::extract::{Multipart, State};
use axum::response::Response;
use serde::Deserialize;

use super::incident_page::after;
use super::model::{Outcome, Status};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::groups;
use crate::auth::{Access, CurrentUser};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::text;
use crate::http::extract::{self, Form, Id};
use crate::web::Shell;

pub fn routes() -> Routes {
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .post("/incidents/{id}/status", write, status)
        .post("/incidents/{id}/assign", write, assign)
        .post("/incidents/{id}/unassign", write, unassign)
        .post("/incidents/{id}/notes", write, note)
        .post("/incidents/{id}/calls", write, call)
        .post("/incidents/{id}/handover", write, handover)
        .post("/incidents/{id}/attachments", write, attach)
}

#[derive(Deserialize)]
struct StatusForm {
    status: String,
    outcome: Option<String>,
    note: Option<String>,
}

async fn status(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<StatusForm>,
) -> AppResult<Response> {
    let result = async {
        let to: Status = f.status.parse().map_err(|m: String| {
            AppError::bad(
                "status",
                Said::new("Alegeți starea nouă a incidentului din listă.", m),
            )
        })?;
        let outcome = match f.outcome.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(o) => Some(
                o.parse::<Outcome>()
                    .map_err(|m| AppError::bad("outcome", m))?,
            ),
        };
        let note = text(f.note, "note", 2000)?;
        super::store::change_status(&state.db, &me.actor(), id, to, outcome, note.as_deref())
            .await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

#[derive(Deserialize)]
struct UnitForm {
    unit_id: String,
    /// Set by the confirmation of a redirection: take the crew from its less urgent incident.
    redirect: Option<String>,
}

fn unit_id(f: &UnitForm) -> AppResult<i64> {
    f.unit_id.trim().parse().map_err(|_| {
        AppError::bad(
            "unit_id",
            Said::new(
                "Alegeți un echipaj din listă.",
                format!("`{}` is not a crew id", f.unit_id),
            ),
        )
    })
}

async fn assign(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<UnitForm>,
) -> AppResult<Response> {
    let result = async {
        let unit = unit_id(&f)?;
        if f.redirect.as_deref().is_some_and(|r| !r.trim().is_empty()) {
            super::assignment::redirect(&state.db, &me.actor(), id, unit).await?;
        } else {
            super::assignment::assign(&state.db, &me.actor(), id, unit).await?;
        }
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

async fn unassign(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<UnitForm>,
) -> AppResult<Response> {
    let result = async {
        super::assignment::unassign(&state.db, &me.actor(), id, unit_id(&f)?, None).await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

#[derive(Deserialize)]
struct NoteForm {
    note: Option<String>,
}

async fn note(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<NoteForm>,
) -> AppResult<Response> {
    let result = async {
        let note = text(f.note, "note", 4000)?.ok_or_else(|| {
            AppError::bad(
                "note",
                Said::new("Scrieți textul notei.", "the note is empty"),
            )
        })?;
        super::calls::add_note(&state.db, &me.actor(), id, &note).await
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

#[derive(Deserialize)]
pub struct CallForm {
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub description: Option<String>,
}

impl CallForm {
    pub fn parse(self) -> AppResult<super::calls::NewCall> {
        Ok(super::calls::NewCall {
            caller_name: text(self.caller_name, "caller_name", 200)?,
            caller_phone: text(self.caller_phone, "caller_phone", 40)?,
            description: text(self.description, "description", 4000)?.unwrap_or_default(),
        })
    }
}

async fn call(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<CallForm>,
) -> AppResult<Response> {
    let result = async {
        super::calls::join(&state.db, &me.actor(), id, f.parse()?).await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

#[derive(Deserialize)]
struct HandoverForm {
    agency: String,
    channel: String,
    reference: Option<String>,
    note: Option<String>,
}

async fn handover(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<HandoverForm>,
) -> AppResult<Response> {
    let result = async {
        let reference = text(f.reference, "reference", 100)?;
        let note = text(f.note, "note", 2000)?;
        super::agencies::hand_over(
            &state.db,
            &me.actor(),
            id,
            super::agencies::Handover {
                agency: f.agency.trim(),
                channel: f.channel.trim(),
                reference: reference.as_deref(),
                note: note.as_deref(),
            },
        )
        .await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}

/// The first file of a multipart form: its name and bytes.
pub async fn first_file(mut form: Multipart) -> AppResult<(String, Vec<u8>)> {
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| AppError::bad("file", format!("the upload is malformed: {e}")))?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = extract::clean("file", field.file_name().unwrap_or("fisier"))?.to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| AppError::bad("file", format!("the upload was cut short: {e}")))?;
        return Ok((name, bytes.to_vec()));
    }
    Err(AppError::bad(
        "file",
        Said::new("Alegeți fișierul de atașat.", "choose a file to attach"),
    ))
}

async fn attach(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    form: Multipart,
) -> AppResult<Response> {
    let result = async {
        let (name, bytes) = first_file(form).await?;
        super::attachments::add(&state.db, &me.actor(), id, &name, &bytes).await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}
