//! The letters' JSON API under `/api/v1`: templates and their placeholders, drafting from a
//! template, editing, submitting, approving or giving back, sending, and the DOCX download.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use veghe_ro::letters::LetterKind;

use super::document;
use super::fields::{self, Phase};
use super::send::{self, SendIn};
use super::store::{self, Letter};
use super::templates::{self, LetterTemplate, TemplateIn};
use super::workflow::{self, Draft};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Id, Query};

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        list_templates,
        create_template,
        update_template,
        placeholders,
        of_case,
        draft,
        list,
        get,
        edit,
        submit,
        approve,
        give_back,
        send_letter,
        docx,
        crate::registry::archive::api_list,
        crate::registry::reminders::run_now,
        crate::registry::deadlines::api_deadlines
    ),
    components(schemas(
        LetterTemplate,
        TemplateIn,
        PlaceholderOut,
        Letter,
        DraftIn,
        EditIn,
        RemarkIn,
        SendIn,
        crate::registry::archive::ArchiveFile,
        crate::registry::reminders::Run,
        crate::registry::deadlines::DepartmentDeadlines
    ))
)]
pub struct LettersApi;

/// Filters of the templates.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct TemplateQuery {
    /// petition, info, internal
    pub register: Option<String>,
    /// answer, refusal, forward_notice, extension_notice, class_notice
    pub kind: Option<String>,
}

/// The typed documents (in use and not).
#[utoipa::path(get, path = "/api/v1/registry/templates", tag = "registry", params(TemplateQuery),
    responses((status = 200, body = [LetterTemplate])), security(("bearer" = [])))]
pub async fn list_templates(
    State(state): State<AppState>,
    Query(q): Query<TemplateQuery>,
) -> AppResult<Json<Vec<LetterTemplate>>> {
    Ok(Json(
        templates::list(
            &state.db,
            q.register.as_deref().unwrap_or(""),
            q.kind.as_deref().unwrap_or(""),
            false,
        )
        .await?,
    ))
}

/// Adds a template; an unknown placeholder is refused by name (400 on `body` or `subject`).
/// Administrator.
#[utoipa::path(post, path = "/api/v1/registry/templates", tag = "registry", request_body = TemplateIn,
    responses((status = 201, body = LetterTemplate), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_template(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<TemplateIn>,
) -> AppResult<(StatusCode, Json<LetterTemplate>)> {
    let t = payload.parse()?;
    let saved = templates::save(&state.db, &me.actor(), None, t).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// Changes a template (letters already drafted keep their text). Administrator.
#[utoipa::path(put, path = "/api/v1/registry/templates/{id}", tag = "registry", params(("id" = i64, Path)),
    request_body = TemplateIn,
    responses((status = 200, body = LetterTemplate), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn update_template(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<TemplateIn>,
) -> AppResult<Json<LetterTemplate>> {
    let t = payload.parse()?;
    Ok(Json(
        templates::save(&state.db, &me.actor(), Some(id), t).await?,
    ))
}

/// A placeholder of the templates.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PlaceholderOut {
    /// Written `{{name}}` in a template.
    pub name: &'static str,
    pub description_ro: &'static str,
    pub description_en: &'static str,
    /// `draft`: filled when the letter is drafted; `render`: when it is printed or sent.
    pub filled: &'static str,
}

/// The placeholders a template may use.
#[utoipa::path(get, path = "/api/v1/registry/placeholders", tag = "registry",
    responses((status = 200, body = [PlaceholderOut])), security(("bearer" = [])))]
pub async fn placeholders() -> Json<Vec<PlaceholderOut>> {
    Json(
        fields::FIELDS
            .iter()
            .map(|f| PlaceholderOut {
                name: f.name,
                description_ro: f.ro,
                description_en: f.en,
                filled: match f.phase {
                    Phase::Draft => "draft",
                    Phase::Render => "render",
                },
            })
            .collect(),
    )
}

/// A case's letters.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/letters", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = [Letter]), (status = 404)), security(("bearer" = [])))]
pub async fn of_case(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Vec<Letter>>> {
    crate::registry::store::get(&state.db, id).await?;
    Ok(Json(store::of_entry(&state.db, id).await?))
}

/// A letter to draft.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct DraftIn {
    /// answer, refusal (information requests), forward_notice, extension_notice, class_notice.
    pub kind: String,
    /// The template; default: the first one in use for the register and kind.
    pub template_id: Option<i64>,
    /// Your own subject and text instead of the template's (placeholders allowed).
    pub subject: Option<String>,
    pub body: Option<String>,
}

impl DraftIn {
    pub fn parse(self) -> AppResult<Draft> {
        let kind = LetterKind::parse(&self.kind).ok_or_else(|| {
            AppError::bad(
                "kind",
                crate::error::Said::new(
                    "Tipul scrisorii: alegeți unul din listă.",
                    "kind is answer, refusal, forward_notice, extension_notice or class_notice",
                ),
            )
        })?;
        Ok(Draft {
            kind,
            template_id: self.template_id,
            subject: self.subject,
            body: self.body,
        })
    }
}

/// Drafts a letter of the case from a template, the case's data filled in. Refused (409, with
/// the article) when the law no longer allows it, e.g. an answer after classing; a department
/// officer drafts only for their departments' cases (403).
#[utoipa::path(post, path = "/api/v1/petitions/{id}/letters", tag = "registry", params(("id" = i64, Path)),
    request_body = DraftIn,
    responses((status = 201, body = Letter), (status = 400, body = crate::error::ErrorBody), (status = 403),
        (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn draft(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<DraftIn>,
) -> AppResult<(StatusCode, Json<Letter>)> {
    let d = payload.parse()?;
    let letter = workflow::draft(&state.db, &me, id, d).await?;
    Ok((StatusCode::CREATED, Json(letter)))
}

/// Filters of the letters.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct LetterQuery {
    /// draft, submitted, returned, approved, sent; all when absent.
    pub status: Option<String>,
    /// At most this many (default 200).
    pub limit: Option<i64>,
}

/// Letters by status, newest first: `submitted` are the head's to approve, `approved` the
/// registry's to send.
#[utoipa::path(get, path = "/api/v1/registry/letters", tag = "registry", params(LetterQuery),
    responses((status = 200, body = [Letter]), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<LetterQuery>,
) -> AppResult<Json<Vec<Letter>>> {
    let status = q.status.unwrap_or_default();
    if !status.is_empty() && veghe_ro::letters::LetterStatus::parse(&status).is_none() {
        return Err(AppError::bad(
            "status",
            crate::error::Said::new(
                "Starea scrisorii: alegeți una din listă.",
                "status is draft, submitted, returned, approved or sent",
            ),
        ));
    }
    Ok(Json(
        store::by_status(&state.db, &status, q.limit.unwrap_or(200)).await?,
    ))
}

/// One letter.
#[utoipa::path(get, path = "/api/v1/registry/letters/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Letter), (status = 404)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Letter>> {
    Ok(Json(store::get(&state.db, id).await?))
}

/// The new text of a draft or of a letter given back.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct EditIn {
    pub subject: Option<String>,
    pub body: String,
}

/// Changes the text of a draft or of a letter given back; placeholders are checked and the
/// case's own filled in.
#[utoipa::path(put, path = "/api/v1/registry/letters/{id}", tag = "registry", params(("id" = i64, Path)),
    request_body = EditIn,
    responses((status = 200, body = Letter), (status = 400, body = crate::error::ErrorBody), (status = 403),
        (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<EditIn>,
) -> AppResult<Json<Letter>> {
    Ok(Json(
        workflow::edit(&state.db, &me, id, input.subject, input.body).await?,
    ))
}

/// Submits the letter for the head's approval; the heads of service are notified.
#[utoipa::path(post, path = "/api/v1/registry/letters/{id}/submit", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Letter), (status = 403), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Letter>> {
    Ok(Json(workflow::submit(&state.db, &me, id).await?))
}

/// Approves a submitted letter (409 for one not submitted, or one's own); the author and the
/// registry clerks are notified. Head of service.
#[utoipa::path(post, path = "/api/v1/registry/letters/{id}/approve", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Letter), (status = 404), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn approve(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<Letter>> {
    Ok(Json(workflow::approve(&state.db, &me, id).await?))
}

/// The head's remark.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct RemarkIn {
    /// What is to be changed (at least 5 characters).
    #[serde(default)]
    pub remark: String,
}

/// Gives a submitted letter back to its author with a remark. Head of service.
#[utoipa::path(post, path = "/api/v1/registry/letters/{id}/return", tag = "registry", params(("id" = i64, Path)),
    request_body = RemarkIn,
    responses((status = 200, body = Letter), (status = 400, body = crate::error::ErrorBody), (status = 404),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn give_back(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<RemarkIn>,
) -> AppResult<Json<Letter>> {
    Ok(Json(
        workflow::give_back(&state.db, &me, id, &input.remark).await?,
    ))
}

/// Sends an approved letter (409 before approval): by e-mail through the outbox or by post with
/// its reference; it gets its outgoing number from the internal register, and an answer or
/// refusal marks the case answered (the law's rules checked again). Registry.
#[utoipa::path(post, path = "/api/v1/registry/letters/{id}/send", tag = "registry", params(("id" = i64, Path)),
    request_body = SendIn,
    responses((status = 200, body = Letter), (status = 400, body = crate::error::ErrorBody), (status = 404),
        (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn send_letter(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<SendIn>,
) -> AppResult<Json<Letter>> {
    let via = payload.parse()?;
    let letter = send::send(&state.db, state.config.smtp.is_some(), &me, id, via).await?;
    state.mailer.queued();
    Ok(Json(letter))
}

/// The letter as a Word document, the petitioner's data filled in (the reading is logged).
#[utoipa::path(get, path = "/api/v1/registry/letters/{id}/docx", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (status = 404)),
    security(("bearer" = [])))]
pub async fn docx(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Response> {
    let letter = store::get(&state.db, id).await?;
    let (subject, text) = send::full_text(&state.db, &me, &letter).await?;
    let line = document::number_line(
        letter.out_number.as_deref(),
        letter
            .sent_on
            .as_deref()
            .map(crate::registry::labels::date)
            .as_deref(),
    );
    let bytes = document::to_docx(&subject, &text, &line)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"document-{}.docx\"", letter.id),
            ),
        ],
        bytes,
    )
        .into_response())
}
