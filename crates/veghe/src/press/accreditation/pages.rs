//! The accreditation pages: `/press/accreditations` (pending requests with their due days, the
//! journalists accredited permanently this year or for one event, `?event=N`, and the form to
//! register a request) and `/press/accreditations/{id}` (the request, the decision forms, the
//! written decision, the outlet's replacement). A refused form comes back with the refusal.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::store::{self, Journalist, Which};
use super::texts::{self, T};
use super::{Accreditation, AccreditationIn, DecisionIn};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::documents::{Format, download};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::press::input::form_id;
use crate::press::view::{refusal, with_status, writes};
use crate::registry::numbers::today;
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/accreditations", read, list)
        .post("/press/accreditations", write, add)
        .get("/press/accreditations/{id}", read, page)
        .post("/press/accreditations/{id}/decision", write, decision)
        .get("/press/accreditations/{id}/letter", read, letter)
}

/// An accreditation as a row shows it.
pub struct Row {
    pub id: i64,
    pub journalist: String,
    pub outlet: String,
    pub kind: &'static str,
    pub event: String,
    pub requested: String,
    pub due: String,
    pub status: &'static str,
    pub valid_until: String,
    pub overdue: bool,
}

fn ro_day(iso: &str) -> String {
    iso.parse()
        .map(crate::calendar::ro_date)
        .unwrap_or_else(|_| iso.to_string())
}

impl Row {
    pub fn of(a: &Accreditation, lang: Lang) -> Row {
        Row {
            id: a.id,
            journalist: a.journalist.clone(),
            outlet: a.outlet.clone().unwrap_or_default(),
            kind: texts::kind(&a.kind, lang),
            event: a.event.clone().unwrap_or_default(),
            requested: local_time(a.requested_at),
            due: ro_day(&a.due_on),
            status: texts::status(&a.status, lang),
            valid_until: a.valid_until.as_deref().map(ro_day).unwrap_or_default(),
            overdue: a.overdue,
        }
    }
}

/// The fields of the register form, as typed.
#[derive(Default)]
struct Fields {
    journalist_id: String,
    kind: String,
    event_id: String,
    requested_at: String,
}

#[derive(Deserialize)]
struct RawIn {
    journalist_id: Option<String>,
    kind: Option<String>,
    event_id: Option<String>,
    requested_at: Option<String>,
    replaces_id: Option<String>,
}

impl RawIn {
    fn fields(&self) -> Fields {
        let v = |o: &Option<String>| o.clone().unwrap_or_default();
        Fields {
            journalist_id: v(&self.journalist_id),
            kind: v(&self.kind),
            event_id: v(&self.event_id),
            requested_at: v(&self.requested_at),
        }
    }

    fn parse(self) -> AppResult<AccreditationIn> {
        Ok(AccreditationIn {
            journalist_id: form_id(self.journalist_id.as_deref())?,
            kind: self.kind,
            event_id: form_id(self.event_id.as_deref())?,
            requested_at: self.requested_at,
            replaces_id: form_id(self.replaces_id.as_deref())?,
        })
    }
}

#[derive(Template)]
#[template(path = "press/accreditations.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    pending: Vec<Row>,
    accredited: Vec<Row>,
    heading: String,
    /// The event's own title and time, shown as written.
    heading_event: Option<String>,
    year: i16,
    event: Option<i64>,
    events: Vec<(i64, String, String)>,
    journalists: Vec<Journalist>,
    form: Fields,
    error: Option<String>,
}

#[derive(Deserialize)]
struct ListQuery {
    event: Option<String>,
    year: Option<String>,
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    q: ListQuery,
    form: Fields,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let t = texts::of(lang);
    let event = match q.event.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(e) => Some(crate::http::extract::id(e)?),
    };
    let year = match q.year.as_deref().map(str::trim) {
        None | Some("") => today().year(),
        Some(y) => crate::calendar::parse_year(y)?,
    };
    let events: Vec<(i64, String, String)> = store::events(&state.db)
        .await?
        .into_iter()
        .map(|(id, title, at)| (id, title, local_time(at)))
        .collect();
    let (which, heading, heading_event) = match event {
        Some(e) => {
            let title = events
                .iter()
                .find(|(id, _, _)| *id == e)
                .map(|(_, title, at)| format!("„{title}” ({at})"))
                .ok_or(AppError::NotFound)?;
            (Which::Event(e), t.event_title.to_string(), Some(title))
        }
        None => (
            Which::Permanent(year),
            format!("{} {year}", t.permanent_title),
            None,
        ),
    };
    let rows = |v: Vec<Accreditation>| v.iter().map(|a| Row::of(a, lang)).collect::<Vec<_>>();
    let pending = rows(store::pending(&state.db).await?);
    let accredited = rows(store::list(&state.db, which).await?);
    let (status, error) = refusal(error);
    let can_write = writes(&shell);
    with_status(
        render(&ListPage {
            t,
            can_write,
            pending,
            accredited,
            heading,
            heading_event,
            year,
            event,
            events,
            journalists: store::journalists(&state.db).await?,
            form,
            error,
            shell,
        }),
        status,
    )
}

async fn list(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    list_view(&state, shell, q, Fields::default(), None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(raw): Form<RawIn>,
) -> AppResult<Response> {
    let typed = raw.fields();
    let result = match raw.parse() {
        Ok(input) => super::register(&state.db, &me.actor(), input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(a) => Ok(
            Redirect::to(&format!("/press/accreditations/{}?done=registered", a.id))
                .into_response(),
        ),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            let q = ListQuery {
                event: None,
                year: None,
            };
            list_view(&state, shell, q, typed, Some(refused)).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/accreditation.html")]
struct DetailPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    a: Accreditation,
    row: Row,
    decided: String,
    same_outlet: Vec<Journalist>,
    act: String,
    act_on: String,
    done: Option<&'static str>,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn detail_view(
    state: &AppState,
    shell: Shell,
    id: i64,
    typed: (String, String),
    done: Option<&'static str>,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let a = super::get(&state.db, id).await?;
    let same_outlet =
        if matches!(a.status.as_str(), "refused" | "withdrawn") && a.outlet_id.is_some() {
            store::journalists(&state.db)
                .await?
                .into_iter()
                .filter(|j| j.outlet_id == a.outlet_id && j.id != a.journalist_id)
                .collect()
        } else {
            Vec::new()
        };
    let (status, error) = refusal(error);
    let can_write = writes(&shell);
    with_status(
        render(&DetailPage {
            t: texts::of(lang),
            can_write,
            row: Row::of(&a, lang),
            decided: a.decided_at.map(local_time).unwrap_or_default(),
            a,
            same_outlet,
            act: typed.0,
            act_on: typed.1,
            done,
            error,
            shell,
        }),
        status,
    )
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let done = match q.done.as_deref() {
        Some("registered") => Some(t.registered_done),
        Some("decided") => Some(t.decided_done),
        _ => None,
    };
    detail_view(&state, shell, id, Default::default(), done, None).await
}

async fn decision(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(input): Form<DecisionIn>,
) -> AppResult<Response> {
    let typed = (
        input.act.clone().unwrap_or_default(),
        input.act_on.clone().unwrap_or_default(),
    );
    match super::decide(&state.db, &me.actor(), id, input).await {
        Ok(_) => {
            Ok(Redirect::to(&format!("/press/accreditations/{id}?done=decided")).into_response())
        }
        Err(AppError::NotFound) => Err(AppError::NotFound),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            detail_view(&state, shell, id, typed, None, Some(refused)).await
        }
    }
}

#[derive(Deserialize)]
struct LetterQuery {
    format: Option<String>,
}

/// `GET /press/accreditations/{id}/letter?format=pdf|docx`: the written decision.
async fn letter(
    State(state): State<AppState>,
    Id(id): Id,
    Query(q): Query<LetterQuery>,
) -> AppResult<Response> {
    let a = super::get(&state.db, id).await?;
    let format = match q.format.as_deref() {
        Some("docx") => Format::Docx,
        None | Some("pdf") => Format::Pdf,
        Some(_) => return Err(AppError::bad("format", "format is pdf or docx")),
    };
    let doc = super::letter::letter(&a).ok_or_else(|| {
        AppError::conflict(crate::error::Said::new(
            "Cererea nu a fost încă decisă; decizia scrisă se emite după decizie.",
            "the request is not decided yet",
        ))
    })?;
    download(&doc, format, &format!("acreditare-{id}"))
}
