//! The case page: the entry, its timeline, possible duplicates, the petitioner revealed only
//! with a logged reason, the forms of the steps its state and the user's role allow, and its
//! letters (`letters::pages`).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use veghe_ro::petition::Status;

use super::api::ActionIn;
use super::departments::{self, Department};
use super::numbers;
use super::pages::{Row, row};
use super::store::{self, Entry, PetitionerData};
use super::{actions, labels};
use crate::AppState;
use crate::audit::access_log::{self, Reason};
use crate::auth::{CurrentUser, Role, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id};
use crate::web::{Shell, local_time, render};

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
    /// Open reports of the same category within 50 m, with their distance in metres.
    nearby: Vec<(Row, f64)>,
    departments: Vec<Department>,
    /// The allowed steps, the likely next one first.
    actions: Vec<&'static str>,
    petitioner: Option<PetitionerData>,
    error: Option<String>,
    /// A refusal of the files form, shown beside it.
    files_error: Option<String>,
    /// The step whose form was refused: its form is open, the refusal beside it.
    failed: Option<&'static str>,
    today: String,
    files: Vec<super::case_files::FileRow>,
    /// The clerk may add files.
    can_attach: bool,
    /// Petitions by registry number, for the fields that name one.
    petitions: Vec<(String, String)>,
    w: &'static super::case_texts::CaseWords,
    letters: super::letters::pages::Panel,
}

impl CasePage {
    /// Whether the form of step `a` opens: the likely next step, or the one just refused.
    fn opens(&self, a: &str, first: &bool) -> bool {
        match self.failed {
            Some(f) => f == a,
            None => *first,
        }
    }

    /// How a letter went (email, post), in words.
    fn via(&self, code: &str) -> &'static str {
        labels::channel(code, self.shell.lang)
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

/// The allowed steps in the order a clerk is likely to need them: routing a new case, answering
/// a routed one, archiving a closed one.
fn likely_first(allowed: &[&'static str], status: &str) -> Vec<&'static str> {
    let order: &[&str] = match status {
        "registered" => &[
            "route", "answer", "join", "forward", "class", "refuse", "extend", "archive",
        ],
        "routed" => &[
            "answer", "refuse", "extend", "forward", "join", "class", "route", "archive",
        ],
        _ => &[
            "archive", "answer", "route", "forward", "extend", "join", "class", "refuse",
        ],
    };
    order
        .iter()
        .filter_map(|a| allowed.iter().find(|b| *b == a).copied())
        .collect()
}

/// What a page shows beside the case: the petitioner revealed, a refusal of a step or of the
/// files form.
#[derive(Default)]
pub(in crate::registry) struct Trouble {
    pub petitioner: Option<PetitionerData>,
    pub error: Option<String>,
    pub files_error: Option<String>,
    /// The step whose refusal `error` is.
    pub failed: Option<&'static str>,
}

impl Trouble {
    pub fn files(text: String) -> Trouble {
        Trouble {
            files_error: Some(text),
            ..Trouble::default()
        }
    }
}

pub(in crate::registry) async fn case(
    state: &AppState,
    shell: Shell,
    id: i64,
    petitioner: Option<PetitionerData>,
    error: Option<String>,
) -> AppResult<Response> {
    case_with(
        state,
        shell,
        id,
        Trouble {
            petitioner,
            error,
            files_error: None,
            failed: None,
        },
    )
    .await
}

pub(in crate::registry) async fn case_with(
    state: &AppState,
    shell: Shell,
    id: i64,
    trouble: Trouble,
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
            note: match (s.action.as_str(), s.note) {
                ("registered", Some(c)) => labels::channel(&c, lang).to_string(),
                (_, n) => n.unwrap_or_default(),
            },
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
    let nearby = if Status::parse(&e.status).is_some_and(Status::is_open) {
        super::nearby::nearby(&state.db, id)
            .await?
            .iter()
            .map(|n| (row(&n.entry, lang), n.distance_m))
            .collect()
    } else {
        Vec::new()
    };
    let letters = super::letters::pages::panel(state, &shell, &e).await?;
    let mut allowed = allowed(&e, shell.user.as_ref().map(|u| u.role));
    if letters.pending_answer {
        // The answer in the approval is sent from its letter.
        allowed.retain(|a| *a != "answer");
    }
    let actions = likely_first(&allowed, &e.status);
    // A refused step no longer offered has its refusal at the top of the page.
    let failed = trouble.failed.filter(|f| actions.contains(f));
    let can_attach = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::REGISTRY_DESK.contains(&u.role));
    let petitions = if allowed.iter().any(|a| *a == "join" || *a == "class") {
        numbers::recent_petitions(&state.db, id).await?
    } else {
        Vec::new()
    };
    render(&CasePage {
        letters,
        r: row(&e, lang),
        channel: labels::channel(&e.channel, lang),
        e,
        timeline,
        duplicates,
        nearby,
        departments: departments::all(&state.db).await?,
        actions,
        petitioner: trouble.petitioner,
        error: trouble.error,
        files_error: trouble.files_error,
        failed,
        today: numbers::today().to_string(),
        files: super::case_files::rows(&state.db, id, lang).await?,
        can_attach,
        petitions,
        w: super::case_texts::of(lang),
        shell,
    })
}

pub(super) async fn case_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    case(&state, shell, id, None, None).await
}

#[derive(Deserialize)]
pub(super) struct RevealForm {
    #[serde(default)]
    reason: String,
}

/// Shows the petitioner in full, once a reason is given; the reading is logged.
pub(super) async fn reveal(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<RevealForm>,
) -> AppResult<Response> {
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
    id: i64,
    action: &'static str,
    mut form: ActionIn,
) -> AppResult<Response> {
    let result = match form.resolve_numbers(&state.db).await {
        Ok(()) => form.step(action),
        Err(e) => Err(e),
    };
    let result = match result {
        Ok(step) => {
            let smtp = state.config.smtp.is_some();
            let done = actions::apply(&state.db, smtp, &me.actor(), id, step).await;
            state.mailer.queued();
            done.map(|_| ())
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/registry/{id}")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let text = e.said(shell.lang);
            let trouble = Trouble {
                error: Some(text),
                failed: Some(action),
                ..Trouble::default()
            };
            let mut r = case_with(state, shell, id, trouble).await?;
            *r.status_mut() = status;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

macro_rules! page_action {
    ($name:ident, $action:literal) => {
        pub(super) async fn $name(
            State(state): State<AppState>,
            me: CurrentUser,
            shell: Shell,
            Id(id): Id,
            Form(form): Form<ActionIn>,
        ) -> AppResult<Response> {
            act_page(&state, &me, shell, id, $action, form).await
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
