//! The registry's pages: the route table of the pages, the register list (petitioners masked)
//! and the registration form; the case page is in `case`, the department queue in `queue`.

use askama::Template;
use axum::extract::State;
use axum::handler::Handler;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use veghe_ro::petition::Register;

use super::api::ListQuery;
use super::model::PetitionIn;
use super::store::{self, Entry};
use super::{attachments, case, case_files, labels, queue};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    let desk = Access::Roles(groups::REGISTRY_DESK);
    Routes::new()
        .get("/registry", read, list_page)
        .get("/registry/new", desk, new_page)
        .post("/registry", desk, register)
        .get("/registry/{id}", read, case::case_page)
        .post("/registry/{id}/reveal", read, case::reveal)
        .post(
            "/registry/{id}/attachments",
            desk,
            case_files::attach.layer(case_files::body_limit()),
        )
        .get("/registry/attachments/{id}", read, attachments::open)
        .post("/registry/{id}/route", desk, case::act_route)
        .post("/registry/{id}/forward", desk, case::act_forward)
        .post(
            "/registry/{id}/extend",
            Access::Roles(groups::OVERSIGHT),
            case::act_extend,
        )
        .post("/registry/{id}/join", desk, case::act_join)
        .post("/registry/{id}/class", desk, case::act_class)
        .post("/registry/{id}/refuse", desk, case::act_refuse)
        .post("/registry/{id}/answer", desk, case::act_answer)
        .post("/registry/{id}/archive", desk, case::act_archive)
        .get("/queue", read, queue::queue_page)
}

/// A row of a list, as pages show it.
pub struct Row {
    pub id: i64,
    pub number: String,
    pub register: &'static str,
    pub kind: &'static str,
    pub petitioner: String,
    pub subject: String,
    pub status: &'static str,
    pub due: String,
    pub internal_due: String,
    pub department: String,
    pub overdue: bool,
}

pub(super) fn row(e: &Entry, lang: Lang) -> Row {
    Row {
        id: e.id,
        number: e.number.clone(),
        register: labels::register(&e.register, lang),
        kind: labels::kind(&e.kind, lang),
        petitioner: e.petitioner.clone(),
        subject: e.subject.clone(),
        status: labels::status(&e.status, lang),
        due: e.due_date.as_deref().map(labels::date).unwrap_or_default(),
        internal_due: e
            .internal_due_date
            .as_deref()
            .map(labels::date)
            .unwrap_or_default(),
        department: match lang {
            Lang::Ro => e.department_name.clone(),
            Lang::En => e.department_name_en.clone(),
        }
        .unwrap_or_default(),
        overdue: e.overdue,
    }
}

fn is_desk(shell: &Shell) -> bool {
    shell
        .user
        .as_ref()
        .is_some_and(|u| groups::REGISTRY_DESK.contains(&u.role))
}

#[derive(Template)]
#[template(path = "registry/list.html")]
struct ListPage {
    shell: Shell,
    rows: Vec<Row>,
    register: String,
    status: String,
    overdue: bool,
    statuses: Vec<(&'static str, &'static str)>,
    q: String,
    can_register: bool,
    /// The list's filters, for the CSV link.
    export_query: String,
}

async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let register = q.register.clone().unwrap_or_default();
    let status = q.status.clone().unwrap_or_default();
    let overdue = q.overdue.unwrap_or(false);
    let statuses = veghe_ro::petition::Status::ALL
        .iter()
        .map(|s| (s.code(), labels::status(s.code(), shell.lang)))
        .collect();
    let text = q.q.clone().unwrap_or_default();
    let export_query = serde_urlencoded::to_string([
        ("register", register.as_str()),
        ("status", status.as_str()),
        ("overdue", if overdue { "true" } else { "false" }),
        ("q", text.as_str()),
    ])
    .unwrap_or_default();
    let entries = store::list(&state.db, &q.filter()?).await?;
    let rows = entries.iter().map(|e| row(e, shell.lang)).collect();
    let can_register = is_desk(&shell);
    render(&ListPage {
        shell,
        rows,
        register,
        status,
        overdue,
        statuses,
        q: text,
        can_register,
        export_query,
    })
}

/// The registration form's fields, as a browser sends them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RegistrationForm {
    #[serde(default)]
    register: String,
    #[serde(default)]
    channel: String,
    #[serde(default)]
    kind: String,
    anonymous: Option<String>,
    #[serde(default)]
    petitioner_type: String,
    #[serde(default)]
    petitioner_name: String,
    #[serde(default)]
    cnp: String,
    #[serde(default)]
    cui: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    reserved_number: String,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl RegistrationForm {
    fn input(&self) -> AppResult<PetitionIn> {
        Ok(PetitionIn {
            register: some(&self.register),
            channel: self.channel.clone(),
            kind: self.kind.clone(),
            anonymous: self.anonymous.is_some(),
            petitioner_type: some(&self.petitioner_type),
            petitioner_name: some(&self.petitioner_name),
            cnp: some(&self.cnp),
            cui: some(&self.cui),
            email: some(&self.email),
            phone: some(&self.phone),
            address: some(&self.address),
            subject: self.subject.clone(),
            text: self.text.clone(),
            reserved_number: match some(&self.reserved_number) {
                None => None,
                Some(n) => Some(n.parse::<i64>().map_err(|_| {
                    AppError::bad(
                        "reserved_number",
                        crate::error::Said::new(
                            "Număr rezervat: scrieți un număr întreg.",
                            "the reserved number is a whole number",
                        ),
                    )
                })?),
            },
        })
    }
}

#[derive(Template)]
#[template(path = "registry/new.html")]
struct NewPage {
    shell: Shell,
    form: RegistrationForm,
    error: Option<String>,
    kinds: Vec<(&'static str, &'static str)>,
    channels: Vec<(&'static str, &'static str)>,
}

fn new_form(shell: Shell, form: RegistrationForm, error: Option<String>) -> AppResult<Response> {
    let lang = shell.lang;
    let mut kinds: Vec<(&'static str, &'static str)> = Vec::new();
    for r in Register::ALL {
        for k in r.kinds() {
            if !kinds.iter().any(|(c, _)| c == k) {
                kinds.push((k, labels::kind(k, lang)));
            }
        }
    }
    let channels = super::model::CHANNELS
        .iter()
        .map(|c| (*c, labels::channel(c, lang)))
        .collect();
    render(&NewPage {
        shell,
        form,
        error,
        kinds,
        channels,
    })
}

async fn new_page(shell: Shell) -> AppResult<Response> {
    new_form(
        shell,
        RegistrationForm {
            register: "petition".into(),
            channel: "counter".into(),
            kind: "request".into(),
            petitioner_type: "person".into(),
            ..RegistrationForm::default()
        },
        None,
    )
}

/// The form: the same parsing as the API; a bad field comes back named, with what was typed.
async fn register(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<RegistrationForm>,
) -> AppResult<Response> {
    let parsed = form.input().and_then(PetitionIn::parse);
    match parsed {
        Ok(new) => {
            let e = store::create(&state.db, &me.actor(), new).await?;
            Ok(Redirect::to(&format!("/registry/{}", e.id)).into_response())
        }
        Err(e @ AppError::BadRequest { .. }) => {
            let text = e.said(shell.lang);
            let mut r = new_form(shell, form, Some(text))?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}
