//! The staff's pages: `/press/releases` (the list by status and the new release's form) and
//! `/press/releases/{id}` (the text as it will be published, editing while a draft or returned,
//! submitting, the head's approval or return, photos, documents, the public link). A refused
//! form is shown again with what was typed and the reason.

use askama::Template;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::model::{Kind, Status};
use super::photos::{self, Photo};
use super::sanitize;
use super::store::{self, Release, ReleaseIn};
use super::texts::{self, T};
use crate::AppState;
use crate::auth::{CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{self, Form, Id, Query};
use crate::web::{Shell, local_time, render};

/// The form as typed.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ReleaseForm {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub body: Option<String>,
    /// `2026-12-07T14:30`, Timișoara's time.
    pub embargo: Option<String>,
    pub corrects_id: Option<String>,
    pub incident_id: Option<String>,
    pub special_event_id: Option<String>,
    pub campaign_id: Option<String>,
    pub proposal_id: Option<String>,
}

fn opt_id(v: &Option<String>, field: &'static str) -> AppResult<Option<i64>> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|i| *i > 0)
            .map(Some)
            .ok_or_else(|| {
                AppError::bad(
                    field,
                    Said::new(
                        format!("„{s}” nu este un număr de ordine; scrieți cifrele lui."),
                        format!("{field}: “{s}” is not an id"),
                    ),
                )
            }),
    }
}

/// `2026-12-07T14:30` in Timișoara as epoch ms.
pub fn local_moment(text: &str) -> AppResult<Option<i64>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|dt| dt.to_zoned(crate::time::bucharest()).ok())
        .map(|z| Some(z.timestamp().as_millisecond()))
        .ok_or_else(|| {
            AppError::bad(
                "embargo",
                Said::new(
                    "Embargoul: o dată și o oră (de exemplu 2026-12-07T14:30).",
                    "embargo: a date and time (e.g. 2026-12-07T14:30)",
                ),
            )
        })
}

/// `2026-12-07T14:30` of epoch ms, for the form's field.
fn local_input(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(crate::time::bucharest())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

impl ReleaseForm {
    fn parse(&self) -> AppResult<ReleaseIn> {
        Ok(ReleaseIn {
            kind: self.kind.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            embargo_until: local_moment(self.embargo.as_deref().unwrap_or_default())?,
            corrects_id: opt_id(&self.corrects_id, "corrects_id")?,
            incident_id: opt_id(&self.incident_id, "incident_id")?,
            special_event_id: opt_id(&self.special_event_id, "special_event_id")?,
            campaign_id: opt_id(&self.campaign_id, "campaign_id")?,
            proposal_id: opt_id(&self.proposal_id, "proposal_id")?,
        })
    }

    fn of(r: &Release) -> ReleaseForm {
        let id = |v: Option<i64>| v.map(|i| i.to_string());
        ReleaseForm {
            kind: Some(r.kind.clone()),
            title: Some(r.title.clone()),
            summary: r.summary.clone(),
            body: Some(r.body_html.clone()),
            embargo: r.embargo_until.map(local_input),
            corrects_id: id(r.corrects_id),
            incident_id: id(r.incident_id),
            special_event_id: id(r.special_event_id),
            campaign_id: id(r.campaign_id),
            proposal_id: id(r.proposal_id),
        }
    }
}

/// What the form's selects offer.
struct Choices {
    kinds: Vec<(&'static str, &'static str)>,
    campaigns: Vec<(String, String)>,
    correctable: Vec<(String, String)>,
}

async fn choices(state: &AppState, t: &'static T, own: Option<i64>) -> AppResult<Choices> {
    let campaigns: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM press_campaigns ORDER BY starts_on DESC LIMIT 200")
            .fetch_all(state.db.pool())
            .await?;
    Ok(Choices {
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.code(), texts::kind(t, k.code())))
            .collect(),
        campaigns: campaigns
            .into_iter()
            .map(|(id, name)| (id.to_string(), name))
            .collect(),
        correctable: store::correctable(&state.db)
            .await?
            .into_iter()
            .filter(|(id, _, _)| Some(*id) != own)
            .map(|(id, number, title)| (id.to_string(), format!("{number} — {title}")))
            .collect(),
    })
}

/// A release as a row of the list.
struct Row {
    id: i64,
    title: String,
    number: String,
    kind: &'static str,
    status: &'static str,
    author: String,
    updated: String,
}

#[derive(Template)]
#[template(path = "press/releases.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    filter: String,
    statuses: Vec<(&'static str, &'static str)>,
    can_write: bool,
    form: ReleaseForm,
    choices: Choices,
    error: Option<String>,
}

/// The list's filter.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub status: Option<String>,
}

async fn list_with(
    state: &AppState,
    shell: Shell,
    filter: String,
    form: ReleaseForm,
    error: Option<String>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let rows = store::list(&state.db, Status::parse(&filter), 60)
        .await?
        .into_iter()
        .map(|r| Row {
            id: r.id,
            number: r.number.clone().unwrap_or_default(),
            kind: texts::kind(t, &r.kind),
            status: texts::status(t, &r.status),
            author: r.author.clone(),
            updated: local_time(r.updated_at),
            title: r.title,
        })
        .collect();
    let can_write = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::PRESS.contains(&u.role));
    let choices = choices(state, t, None).await?;
    render(&ListPage {
        statuses: Status::ALL
            .iter()
            .map(|s| (s.code(), texts::status(t, s.code())))
            .collect(),
        shell,
        t,
        rows,
        filter,
        can_write,
        form,
        choices,
        error,
    })
}

/// `GET /press/releases`
pub async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let filter = q
        .status
        .filter(|s| Status::parse(s).is_some())
        .unwrap_or_default();
    let form = ReleaseForm {
        kind: Some("release".to_string()),
        ..ReleaseForm::default()
    };
    list_with(&state, shell, filter, form, None).await
}

/// `POST /press/releases`
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<ReleaseForm>,
) -> AppResult<Response> {
    let result = match form.parse() {
        Ok(input) => store::create(&state.db, &me, input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/press/releases/{}", r.id)).into_response()),
        Err(e @ AppError::BadRequest { .. }) => {
            let text = e.said(shell.lang);
            let mut page = list_with(&state, shell, String::new(), form, Some(text)).await?;
            *page.status_mut() = e.status();
            Ok(page)
        }
        Err(other) => Err(other),
    }
}

#[derive(Template)]
#[template(path = "press/release.html")]
struct DetailPage {
    shell: Shell,
    t: &'static T,
    r: Release,
    kind: &'static str,
    status: &'static str,
    body: String,
    published: String,
    public_url: Option<String>,
    embargoed: bool,
    can_edit: bool,
    can_submit: bool,
    can_decide: bool,
    photos: Vec<Photo>,
    form: ReleaseForm,
    choices: Choices,
    error: Option<String>,
}

async fn detail_with(
    state: &AppState,
    shell: Shell,
    id: i64,
    form: Option<ReleaseForm>,
    error: Option<String>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let r = store::get(&state.db, id).await?;
    let role = shell.user.as_ref().map(|u| u.role);
    let writer = role.is_some_and(|r| groups::PRESS.contains(&r));
    let head = role.is_some_and(|r| groups::PRESS_APPROVE.contains(&r));
    let now = crate::db::now_ms();
    let status = r.status();
    render(&DetailPage {
        kind: texts::kind(t, &r.kind),
        status: texts::status(t, &r.status),
        body: sanitize::clean_html(&r.body_html),
        published: r.published_at.map(local_time).unwrap_or_default(),
        public_url: r
            .is_public(now)
            .then(|| format!("/presa/comunicate/{}", r.id)),
        embargoed: r.published_at.is_some_and(|p| p > now),
        can_edit: writer && status.editable(),
        can_submit: writer && status.editable(),
        can_decide: head && status == Status::Submitted,
        photos: photos::of_release(&state.db, id).await?,
        form: form.unwrap_or_else(|| ReleaseForm::of(&r)),
        choices: choices(state, t, Some(id)).await?,
        error,
        shell,
        t,
        r,
    })
}

/// `GET /press/releases/{id}`
pub async fn detail(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    detail_with(&state, shell, id, None, None).await
}

/// A step's refusal shown on the release's page; anything else goes on.
async fn step_result(
    state: &AppState,
    shell: Shell,
    id: i64,
    form: Option<ReleaseForm>,
    result: AppResult<()>,
) -> AppResult<Response> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/press/releases/{id}")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let text = e.said(shell.lang);
            let mut page = detail_with(state, shell, id, form, Some(text)).await?;
            *page.status_mut() = e.status();
            Ok(page)
        }
        Err(other) => Err(other),
    }
}

/// `POST /press/releases/{id}`: the edited text.
pub async fn edit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<ReleaseForm>,
) -> AppResult<Response> {
    let result = match form.parse() {
        Ok(input) => store::edit(&state.db, &me, id, input).await.map(|_| ()),
        Err(e) => Err(e),
    };
    step_result(&state, shell, id, Some(form), result).await
}

/// `POST /press/releases/{id}/submit`
pub async fn submit(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let result = store::submit(&state.db, &me, id).await.map(|_| ());
    step_result(&state, shell, id, None, result).await
}

/// `POST /press/releases/{id}/approve`
pub async fn approve(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let result = store::approve(&state.db, &me, id).await.map(|_| ());
    step_result(&state, shell, id, None, result).await
}

/// The head's reason.
#[derive(Debug, Default, Deserialize)]
pub struct ReturnForm {
    pub reason: Option<String>,
}

/// `POST /press/releases/{id}/return`
pub async fn give_back(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<ReturnForm>,
) -> AppResult<Response> {
    let result = match extract::text(f.reason, "reason", 2000) {
        Ok(reason) => store::give_back(&state.db, &me, id, &reason.unwrap_or_default())
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    step_result(&state, shell, id, None, result).await
}

/// The photo form's body: the photo and a little more.
pub fn photo_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(photos::MAX_BYTES + 64 * 1024)
}

/// The photo and its caption of the multipart form.
async fn read_photo(mut form: Multipart) -> AppResult<(Vec<u8>, Option<String>)> {
    let cut = || {
        AppError::bad(
            "photo",
            Said::new(
                "Fotografia: încărcarea s-a întrerupt sau depășește 10 MB; încercați din nou.",
                "photo: the upload was cut short or is over 10 MB; try again",
            ),
        )
    };
    let mut data = Vec::new();
    let mut caption = None;
    while let Some(mut field) = form.next_field().await.map_err(|_| cut())? {
        match field.name() {
            Some("photo") => {
                while let Some(chunk) = field.chunk().await.map_err(|_| cut())? {
                    data.extend_from_slice(&chunk);
                    if data.len() > photos::MAX_BYTES {
                        return Err(photos::too_big());
                    }
                }
            }
            Some("caption") => {
                caption =
                    extract::text(Some(field.text().await.map_err(|_| cut())?), "caption", 300)?;
            }
            _ => {}
        }
    }
    if data.is_empty() {
        return Err(AppError::bad(
            "photo",
            Said::new(
                "Fotografia: alegeți un fișier JPEG sau PNG.",
                "photo: choose a JPEG or PNG file",
            ),
        ));
    }
    Ok((data, caption))
}

/// `POST /press/releases/{id}/photos` (multipart, the CSRF token in the address).
pub async fn add_photo(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    form: Multipart,
) -> AppResult<Response> {
    let result = match read_photo(form).await {
        Ok((data, caption)) => photos::add(&state.db, &me, id, data, caption)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    step_result(&state, shell, id, None, result).await
}

/// `GET /press/releases/photos/{id}`: any photo, for the staff.
pub async fn photo(State(state): State<AppState>, Id(id): Id) -> AppResult<Response> {
    photos::bytes(&state.db, id, None).await
}
