//! The registry's pages: the register list (petitioners masked), the registration form, the case
//! page with its timeline and the steps its state allows, and a department's queue.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use veghe_ro::petition::{Register, Status};

use super::api::{ActionIn, ListQuery, parse_id};
use super::departments::{self, Department};
use super::model::PetitionIn;
use super::numbers;
use super::store::{self, Entry, Filter, PetitionerData};
use super::{actions, labels};
use crate::AppState;
use crate::audit::access_log::{self, Reason};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::error::{AppError, AppResult};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    let desk = Access::Roles(groups::REGISTRY_DESK);
    Routes::new()
        .get("/registry", read, list_page)
        .get("/registry/new", desk, new_page)
        .post("/registry", desk, register)
        .get("/registry/{id}", read, case_page)
        .post("/registry/{id}/reveal", read, reveal)
        .post("/registry/{id}/route", desk, act_route)
        .post("/registry/{id}/forward", desk, act_forward)
        .post(
            "/registry/{id}/extend",
            Access::Roles(groups::OVERSIGHT),
            act_extend,
        )
        .post("/registry/{id}/join", desk, act_join)
        .post("/registry/{id}/class", desk, act_class)
        .post("/registry/{id}/refuse", desk, act_refuse)
        .post("/registry/{id}/answer", desk, act_answer)
        .post("/registry/{id}/archive", desk, act_archive)
        .get("/queue", read, queue_page)
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

fn row(e: &Entry, lang: Lang) -> Row {
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
        department: e.department.clone().unwrap_or_default(),
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
    q: String,
    can_register: bool,
}

async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let register = q.register.clone().unwrap_or_default();
    let text = q.q.clone().unwrap_or_default();
    let entries = store::list(&state.db, &q.filter()?).await?;
    let rows = entries.iter().map(|e| row(e, shell.lang)).collect();
    let can_register = is_desk(&shell);
    render(&ListPage {
        shell,
        rows,
        register,
        q: text,
        can_register,
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
                    AppError::bad("reserved_number", "the reserved number is a whole number")
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
    axum::Extension(me): axum::Extension<CurrentUser>,
    shell: Shell,
    Form(form): Form<RegistrationForm>,
) -> AppResult<Response> {
    let parsed = form.input().and_then(PetitionIn::parse);
    match parsed {
        Ok(new) => {
            let e = store::create(&state.db, &me.actor(), new).await?;
            Ok(Redirect::to(&format!("/registry/{}", e.id)).into_response())
        }
        Err(AppError::BadRequest { field, message }) => {
            let text = match field {
                Some(f) => format!("{f}: {message}"),
                None => message,
            };
            let mut r = new_form(shell, form, Some(text))?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

struct TimelineRow {
    when: String,
    who: String,
    action: &'static str,
    note: String,
}

#[derive(Template)]
#[template(path = "registry/case.html")]
struct CasePage {
    shell: Shell,
    e: Entry,
    r: Row,
    channel: &'static str,
    timeline: Vec<TimelineRow>,
    duplicates: Vec<Row>,
    departments: Vec<Department>,
    allowed: Vec<&'static str>,
    petitioner: Option<PetitionerData>,
    error: Option<String>,
    today: String,
}

impl CasePage {
    fn can(&self, action: &str) -> bool {
        self.allowed.contains(&action)
    }
}

/// The steps the case's state and the user's role allow (the rules still check dates).
fn allowed(e: &Entry, role: Option<Role>) -> Vec<&'static str> {
    let Some(role) = role else { return Vec::new() };
    let desk = groups::REGISTRY_DESK.contains(&role);
    let head = groups::OVERSIGHT.contains(&role);
    let status = Status::parse(&e.status).unwrap_or(Status::Archived);
    let open = status.is_open();
    let mut out = Vec::new();
    let mut add = |ok: bool, a: &'static str| {
        if ok {
            out.push(a);
        }
    };
    add(desk && open, "route");
    add(desk && open && e.register == "petition", "forward");
    add(
        head && open && !e.extended && e.due_date.is_some(),
        "extend",
    );
    add(desk && open && e.register == "petition", "join");
    add(desk && open, "class");
    add(desk && open && e.register == "info", "refuse");
    add(desk && open, "answer");
    add(
        desk && (matches!(
            status,
            Status::Answered | Status::Classed | Status::Forwarded | Status::Joined
        ) || (open && e.register == "internal")),
        "archive",
    );
    out
}

async fn case(
    state: &AppState,
    shell: Shell,
    id: i64,
    petitioner: Option<PetitionerData>,
    error: Option<String>,
) -> AppResult<Response> {
    let e = store::get(&state.db, id).await?;
    let lang = shell.lang;
    let timeline = store::timeline(&state.db, id)
        .await?
        .into_iter()
        .map(|s| TimelineRow {
            when: local_time(s.at),
            who: s.actor,
            action: labels::step(&s.action, lang),
            note: s.note.unwrap_or_default(),
        })
        .collect();
    let duplicates = if Status::parse(&e.status).is_some_and(Status::is_open) {
        actions::duplicates(&state.db, id)
            .await?
            .iter()
            .map(|d| row(d, lang))
            .collect()
    } else {
        Vec::new()
    };
    let allowed = allowed(&e, shell.user.as_ref().map(|u| u.role));
    render(&CasePage {
        r: row(&e, lang),
        channel: labels::channel(&e.channel, lang),
        e,
        timeline,
        duplicates,
        departments: departments::all(&state.db).await?,
        allowed,
        petitioner,
        error,
        today: numbers::today().to_string(),
        shell,
    })
}

async fn case_page(
    State(state): State<AppState>,
    shell: Shell,
    Path(id): Path<String>,
) -> AppResult<Response> {
    case(&state, shell, parse_id(&id)?, None, None).await
}

#[derive(Deserialize)]
struct RevealForm {
    #[serde(default)]
    reason: String,
}

/// Shows the petitioner in full, once a reason is given; the reading is logged.
async fn reveal(
    State(state): State<AppState>,
    axum::Extension(me): axum::Extension<CurrentUser>,
    shell: Shell,
    Path(id): Path<String>,
    Form(form): Form<RevealForm>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let reason = Reason::parse(&form.reason)?;
    let data = store::petitioner(&state.db, id).await?;
    access_log::record(
        &state.db,
        &me,
        "registry_entry",
        &id.to_string(),
        &["name", "cnp", "cui", "email", "phone", "address"],
        &reason,
    )
    .await?;
    case(&state, shell, id, Some(data), None).await
}

async fn act_page(
    state: &AppState,
    me: &CurrentUser,
    shell: Shell,
    id: &str,
    action: &str,
    form: ActionIn,
) -> AppResult<Response> {
    let id = parse_id(id)?;
    let result = match form.step(action) {
        Ok(step) => actions::apply(&state.db, &me.actor(), id, step)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/registry/{id}")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let text = match &e {
                AppError::BadRequest {
                    field: Some(f),
                    message,
                } => format!("{f}: {message}"),
                other => other.to_string(),
            };
            let mut r = case(state, shell, id, None, Some(text)).await?;
            *r.status_mut() = status;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

macro_rules! page_action {
    ($name:ident, $action:literal) => {
        async fn $name(
            State(state): State<AppState>,
            axum::Extension(me): axum::Extension<CurrentUser>,
            shell: Shell,
            Path(id): Path<String>,
            Form(form): Form<ActionIn>,
        ) -> AppResult<Response> {
            act_page(&state, &me, shell, &id, $action, form).await
        }
    };
}

page_action!(act_route, "route");
page_action!(act_forward, "forward");
page_action!(act_extend, "extend");
page_action!(act_join, "join");
page_action!(act_class, "class");
page_action!(act_refuse, "refuse");
page_action!(act_answer, "answer");
page_action!(act_archive, "archive");

#[derive(Deserialize)]
struct QueueQuery {
    department: Option<String>,
}

#[derive(Template)]
#[template(path = "registry/queue.html")]
struct QueuePage {
    shell: Shell,
    departments: Vec<Department>,
    department: String,
    overdue: Vec<Row>,
    due_week: Vec<Row>,
    open: Vec<Row>,
}

/// A department's cases: overdue, due within the week, and all open ones by deadline. An
/// officer sees their own department unless they choose another.
async fn queue_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    let all = departments::all(&state.db).await?;
    let mine = match &shell.user {
        Some(u) => departments::of_user(&state.db, u.id).await?,
        None => Vec::new(),
    };
    let department = match q.department.filter(|d| !d.is_empty()) {
        Some(d) if all.iter().any(|x| x.code == d) => d,
        Some(d) => return Err(AppError::bad("department", format!("no department `{d}`"))),
        None => mine.first().map(|d| d.code.clone()).unwrap_or_default(),
    };
    let lang = shell.lang;
    let base = Filter {
        department: department.clone(),
        limit: 500,
        ..Filter::default()
    };
    let week = numbers::today()
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(numbers::today())
        .to_string();
    let rows = |v: Vec<Entry>| v.iter().map(|e| row(e, lang)).collect::<Vec<_>>();
    let overdue = rows(
        store::list(
            &state.db,
            &Filter {
                overdue: true,
                ..base.clone()
            },
        )
        .await?,
    );
    let due_week: Vec<Row> = rows(
        store::list(
            &state.db,
            &Filter {
                due_by: week,
                ..base.clone()
            },
        )
        .await?,
    )
    .into_iter()
    .filter(|r| !r.overdue)
    .collect();
    let mut open = rows(
        store::list(
            &state.db,
            &Filter {
                status: "routed".into(),
                ..base.clone()
            },
        )
        .await?,
    );
    if department.is_empty() {
        open.extend(rows(
            store::list(
                &state.db,
                &Filter {
                    status: "registered".into(),
                    ..base
                },
            )
            .await?,
        ));
    }
    render(&QueuePage {
        shell,
        departments: all,
        department,
        overdue,
        due_week,
        open,
    })
}
