//! The letters in the browser: the panel of the case page (drafting from a template, the text
//! to edit, submit, approve or give back, send, download), its forms, the list of letters to
//! approve and to send, and the printable letter.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use veghe_ro::letters::{LetterKind, LetterStatus};

use super::labels::{self, Labels};
use super::send::{self, SendIn};
use super::store::{self, Letter};
use super::workflow::{self, Draft};
use super::{document, templates};
use crate::AppState;
use crate::auth::{CurrentUser, Role, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id};
use crate::registry::archive::{self, ArchiveFile};
use crate::registry::numbers::today;
use crate::registry::store::Entry;
use crate::web::{Shell, local_time, render};

/// One letter as the case page shows it.
pub struct Item {
    pub x: Letter,
    pub kind: &'static str,
    pub status: &'static str,
    pub when: String,
    pub decided: String,
    pub sent_on: String,
    pub editable: bool,
    pub can_decide: bool,
    pub can_send: bool,
}

/// The letters' part of the case page.
pub struct Panel {
    pub l: &'static Labels,
    pub items: Vec<Item>,
    /// Templates of the letters the law allows now: (id, "kind — name").
    pub templates: Vec<(i64, String)>,
    pub can_draft: bool,
    /// The nomenclator's files for this register.
    pub archive_files: Vec<ArchiveFile>,
    /// An answer is in the approval: the answer is sent from its letter.
    pub pending_answer: bool,
    pub today: String,
}

async fn member(state: &AppState, user: &CurrentUser, e: &Entry) -> AppResult<bool> {
    if user.role != Role::DepartmentOfficer {
        return Ok(true);
    }
    let mine = crate::registry::departments::of_user(&state.db, user.id).await?;
    Ok(e.department
        .as_ref()
        .is_some_and(|d| mine.iter().any(|m| &m.code == d)))
}

/// Builds the panel for entry `e` and the signed-in user.
pub async fn panel(state: &AppState, shell: &Shell, e: &Entry) -> AppResult<Panel> {
    let lang = shell.lang;
    let role = shell.user.as_ref().map(|u| u.role);
    let has = |group: &[Role]| role.is_some_and(|r| group.contains(&r));
    let writer = match &shell.user {
        Some(u) if groups::LETTERS_WRITE.contains(&u.role) => member(state, u, e).await?,
        _ => false,
    };
    let letters = store::of_entry(&state.db, e.id).await?;
    let pending_answer = letters
        .iter()
        .any(|x| matches!(x.kind.as_str(), "answer" | "refusal") && x.status != "sent");
    let items = letters
        .into_iter()
        .map(|x| {
            let status = LetterStatus::parse(&x.status).unwrap_or(LetterStatus::Sent);
            Item {
                kind: labels::kind(&x.kind, lang),
                status: labels::status(&x.status, lang),
                when: local_time(x.created_at),
                decided: x.decided_at.map(local_time).unwrap_or_default(),
                sent_on: x
                    .sent_on
                    .as_deref()
                    .map(crate::registry::labels::date)
                    .unwrap_or_default(),
                editable: writer && status.editable(),
                can_decide: has(groups::OVERSIGHT) && status == LetterStatus::Submitted,
                can_send: has(groups::REGISTRY_DESK) && status == LetterStatus::Approved,
                x,
            }
        })
        .collect::<Vec<_>>();
    let case = e.case()?;
    let day = today();
    let mut options = Vec::new();
    if writer {
        for t in templates::list(&state.db, &e.register, "", true).await? {
            let allowed = LetterKind::parse(&t.kind)
                .is_some_and(|k| case.may_write(k, day).is_ok())
                && !items
                    .iter()
                    .any(|i| i.x.kind == t.kind && i.x.status != "sent");
            if allowed {
                options.push((
                    t.id,
                    format!("{} — {}", labels::kind(&t.kind, lang), t.name),
                ));
            }
        }
    }
    let archive_files = archive::all(&state.db)
        .await?
        .into_iter()
        .filter(|f| f.active && f.register == e.register)
        .collect();
    Ok(Panel {
        l: labels::of(lang),
        can_draft: !options.is_empty(),
        templates: options,
        items,
        archive_files,
        pending_answer,
        today: day.to_string(),
    })
}

/// A refusal shown on the case page, or another error passed on.
async fn or_case_page(
    state: &AppState,
    shell: Shell,
    entry_id: i64,
    result: AppResult<()>,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/registry/{entry_id}#letters")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let text = e.said(shell.lang);
            let mut r =
                crate::registry::case::case(state, shell, entry_id, None, Some(text)).await?;
            *r.status_mut() = status;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub(in crate::registry) struct DraftForm {
    #[serde(default)]
    template_id: String,
}

/// Drafts a letter from the chosen template.
pub(in crate::registry) async fn draft(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<DraftForm>,
) -> AppResult<Response> {
    let entry_id = id;
    let result = async {
        let tid = form.template_id.trim().parse::<i64>().map_err(|_| {
            AppError::bad(
                "template_id",
                crate::error::Said::new(
                    "Modelul: alegeți un model de document.",
                    "choose a template",
                ),
            )
        })?;
        let t = templates::get(&state.db, tid).await?.ok_or_else(|| {
            AppError::bad(
                "template_id",
                crate::error::Said::new(
                    "Modelul: nu există; alegeți un model din listă.",
                    format!("no template {tid}"),
                ),
            )
        })?;
        let kind = LetterKind::parse(&t.kind).ok_or_else(|| {
            AppError::bad(
                "template_id",
                crate::error::Said::new(
                    "Modelul: tipul modelului nu este cunoscut; alegeți alt model.",
                    "the template's kind is unknown",
                ),
            )
        })?;
        let d = Draft {
            kind,
            template_id: Some(tid),
            subject: None,
            body: None,
        };
        workflow::draft(&state.db, &me, entry_id, d)
            .await
            .map(|_| ())
    }
    .await;
    or_case_page(&state, shell, entry_id, result).await
}

/// The form of a letter step.
#[derive(Deserialize, Default)]
pub(in crate::registry) struct StepForm {
    subject: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    remark: String,
    #[serde(default)]
    via: String,
    sent_on: Option<String>,
    post_ref: Option<String>,
}

async fn step(
    state: &AppState,
    me: &CurrentUser,
    shell: Shell,
    id: i64,
    what: &str,
    form: StepForm,
) -> AppResult<Response> {
    let letter = store::get(&state.db, id).await?;
    let db = &state.db;
    let result = match what {
        "edit" => workflow::edit(db, me, id, form.subject, form.body)
            .await
            .map(|_| ()),
        "submit" => workflow::submit(db, me, id).await.map(|_| ()),
        "approve" => workflow::approve(db, me, id).await.map(|_| ()),
        "return" => workflow::give_back(db, me, id, &form.remark)
            .await
            .map(|_| ()),
        "send" => {
            let input = SendIn {
                via: form.via,
                sent_on: form.sent_on,
                post_ref: form.post_ref,
            };
            match input.parse() {
                Ok(via) => {
                    let r = send::send(db, state.config.smtp.is_some(), me, id, via).await;
                    state.mailer.queued();
                    r.map(|_| ())
                }
                Err(e) => Err(e),
            }
        }
        _ => Err(AppError::NotFound),
    };
    or_case_page(state, shell, letter.entry_id, result).await
}

macro_rules! letter_step {
    ($name:ident, $what:literal) => {
        pub(in crate::registry) async fn $name(
            State(state): State<AppState>,
            me: CurrentUser,
            shell: Shell,
            Id(id): Id,
            Form(form): Form<StepForm>,
        ) -> AppResult<Response> {
            step(&state, &me, shell, id, $what, form).await
        }
    };
}

letter_step!(edit, "edit");
letter_step!(submit, "submit");
letter_step!(approve, "approve");
letter_step!(give_back, "return");
letter_step!(send_letter, "send");

/// A row of the letters list.
pub struct ListRow {
    pub x: Letter,
    pub kind: &'static str,
    pub status: &'static str,
    pub when: String,
}

#[derive(Template)]
#[template(path = "registry/letters.html")]
struct ListPage {
    shell: Shell,
    l: &'static Labels,
    sections: Vec<(&'static str, &'static str, Vec<ListRow>)>,
}

/// The letters waiting for the head (submitted), for the registry (approved) and for their
/// authors (given back).
pub(in crate::registry) async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
) -> AppResult<Response> {
    let lang = shell.lang;
    let l = labels::of(lang);
    let mut sections = Vec::new();
    for (id, title, status) in [
        ("to-approve", l.to_approve, "submitted"),
        ("to-send", l.to_send, "approved"),
        ("returned", l.returned, "returned"),
    ] {
        let rows = store::by_status(&state.db, status, 200)
            .await?
            .into_iter()
            .map(|x| ListRow {
                kind: labels::kind(&x.kind, lang),
                status: labels::status(&x.status, lang),
                when: local_time(x.updated_at),
                x,
            })
            .collect();
        sections.push((id, title, rows));
    }
    render(&ListPage { shell, l, sections })
}

#[derive(Template)]
#[template(path = "registry/letter_print.html")]
struct PrintPage {
    shell: Shell,
    l: &'static Labels,
    heading: [&'static str; 4],
    number_line: String,
    subject: String,
    paragraphs: Vec<String>,
    entry_id: i64,
}

/// The letter to print, the petitioner's data filled in (the reading is logged).
pub(in crate::registry) async fn print_page(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let letter = store::get(&state.db, id).await?;
    let (subject, text) = send::full_text(&state.db, &me, &letter).await?;
    let date = letter.sent_on.as_deref().map(crate::registry::labels::date);
    render(&PrintPage {
        l: labels::of(shell.lang),
        heading: document::HEADING,
        number_line: document::number_line(letter.out_number.as_deref(), date.as_deref()),
        subject,
        paragraphs: document::paragraphs(&text),
        entry_id: letter.entry_id,
        shell,
    })
}
