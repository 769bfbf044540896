//! The administration pages of the crews: `/admin/crews` (the table and the add form) and each
//! crew's page `/admin/crews/{id}` (its fields edited, retirement behind a confirmation,
//! reinstatement). A refused form comes back with the reason beside it and what was typed.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::input::{DUTY, UnitIn, UnitPatch};
use super::texts::{self, T};
use super::{Unit, store};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::dispatch::catalogue::{DEPARTMENTS, Label, UNIT_KINDS};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/crews", admin, index)
        .post("/admin/crews", admin, add)
        .get("/admin/crews/{id}", admin, edit)
        .post("/admin/crews/{id}", admin, save)
        .post("/admin/crews/{id}/retire", admin, retire)
        .post("/admin/crews/{id}/reinstate", admin, reinstate)
}

/// A crew's fields as typed in the form (shown again beside a refusal).
#[derive(Clone, Debug, Default, Deserialize)]
struct CrewForm {
    #[serde(default)]
    call_sign: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    department: String,
    #[serde(default)]
    vehicle: String,
    #[serde(default)]
    radio: String,
    #[serde(default)]
    tracker_id: String,
    /// Absent while the crew works an incident (its status is dispatching's then).
    status: Option<String>,
}

impl CrewForm {
    fn of(u: &Unit) -> CrewForm {
        CrewForm {
            call_sign: u.call_sign.clone(),
            kind: u.kind.clone(),
            department: u.department.clone(),
            vehicle: u.vehicle.clone().unwrap_or_default(),
            radio: u.radio.clone().unwrap_or_default(),
            tracker_id: u.tracker_id.clone().unwrap_or_default(),
            status: Some(u.status.clone()),
        }
    }

    fn new_unit(&self) -> UnitIn {
        UnitIn {
            call_sign: Some(self.call_sign.clone()),
            kind: Some(self.kind.clone()),
            department: Some(self.department.clone()),
            vehicle: Some(self.vehicle.clone()),
            radio: Some(self.radio.clone()),
            tracker_id: Some(self.tracker_id.clone()),
            status: self.status.clone(),
        }
    }

    /// Every field as typed: an emptied vehicle, radio or tracker is removed.
    fn change(&self) -> UnitPatch {
        UnitPatch {
            call_sign: Some(self.call_sign.clone()),
            kind: Some(self.kind.clone()),
            department: Some(self.department.clone()),
            vehicle: Some(Some(self.vehicle.clone())),
            radio: Some(Some(self.radio.clone())),
            tracker_id: Some(Some(self.tracker_id.clone())),
            status: self.status.clone(),
        }
    }
}

/// The choices of the form's lists: (code, words).
struct Choices {
    kinds: Vec<(&'static str, String)>,
    departments: Vec<(&'static str, String)>,
    duties: Vec<(&'static str, &'static str)>,
}

impl Choices {
    fn of(t: &T) -> Choices {
        let words = |list: &'static [Label]| {
            list.iter()
                .map(|l| (l.code, t.label(list, l.code)))
                .collect()
        };
        Choices {
            kinds: words(UNIT_KINDS),
            departments: words(DEPARTMENTS),
            duties: DUTY.iter().map(|d| (*d, t.unit_status(d))).collect(),
        }
    }
}

/// A crew as the table shows it.
struct Row {
    id: i64,
    call_sign: String,
    kind: String,
    department: String,
    vehicle: Option<String>,
    radio: Option<String>,
    tracker: Option<String>,
    status: &'static str,
    retired: Option<String>,
}

#[derive(Template)]
#[template(path = "dispatch/crews_admin.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    choices: Choices,
    form: CrewForm,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "dispatch/crew_admin.html")]
struct EditPage {
    shell: Shell,
    t: &'static T,
    unit: Unit,
    status: &'static str,
    /// The incident the crew works: (id, number/year).
    incident: Option<(i64, String)>,
    retired_on: Option<String>,
    choices: Choices,
    form: CrewForm,
    error: Option<String>,
    notice: Option<String>,
    confirm: bool,
}

/// A refusal the page shows beside its form; any other error goes to the error page.
fn refusal(e: AppError, lang: crate::web::Lang) -> Result<(StatusCode, String), AppError> {
    match e {
        AppError::BadRequest { .. } | AppError::Conflict(_) => Ok((e.status(), e.said(lang))),
        other => Err(other),
    }
}

async fn list_page(
    state: &AppState,
    shell: Shell,
    form: CrewForm,
    error: Option<String>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let mut units = super::list_all(&state.db).await?;
    // In service first, then the retired ones; by call sign within each.
    units.sort_by_key(|u| u.retired_at.is_some());
    let rows = units
        .into_iter()
        .map(|u| Row {
            kind: t.label(UNIT_KINDS, &u.kind),
            department: t.label(DEPARTMENTS, &u.department),
            status: t.unit_status(&u.status),
            retired: u.retired_at.map(local_time),
            id: u.id,
            call_sign: u.call_sign,
            vehicle: u.vehicle,
            radio: u.radio,
            tracker: u.tracker_id,
        })
        .collect();
    render(&ListPage {
        choices: Choices::of(t),
        shell,
        t,
        rows,
        form,
        error,
    })
}

async fn index(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let form = CrewForm {
        status: Some("off_duty".into()),
        ..CrewForm::default()
    };
    list_page(&state, shell, form, None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<CrewForm>,
) -> AppResult<Response> {
    let made = match form.new_unit().parse() {
        Ok(new) => store::create(&state.db, &me.actor(), new).await,
        Err(e) => Err(e),
    };
    match made {
        Ok(unit) => {
            state.live.published();
            Ok(Redirect::to(&format!("/admin/crews/{}?done=added", unit.id)).into_response())
        }
        Err(e) => {
            let (status, text) = refusal(e, shell.lang)?;
            let mut r = list_page(&state, shell, form, Some(text)).await?;
            *r.status_mut() = status;
            Ok(r)
        }
    }
}

/// What the crew's page was asked to show besides the crew.
#[derive(Debug, Default, Deserialize)]
struct EditQuery {
    /// What was just done: added, saved, retired, reinstated.
    done: Option<String>,
    /// Present: the retirement's confirmation is shown.
    retire: Option<String>,
}

struct Shown {
    form: Option<CrewForm>,
    error: Option<String>,
    done: Option<String>,
    confirm: bool,
}

async fn edit_page(state: &AppState, shell: Shell, id: i64, shown: Shown) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let unit = super::get(state.db.pool(), id).await?;
    let incident = match unit.incident_id {
        Some(i) => Some((
            i,
            crate::dispatch::store::get(&state.db, i).await?.reference,
        )),
        None => None,
    };
    let notice = shown.done.as_deref().and_then(|d| match d {
        "added" => Some(t.added),
        "saved" => Some(t.saved),
        "retired" => Some(t.retired_done),
        "reinstated" => Some(t.reinstated_done),
        _ => None,
    });
    let mut form = shown.form.unwrap_or_else(|| CrewForm::of(&unit));
    if incident.is_some() {
        form.status = None;
    }
    render(&EditPage {
        choices: Choices::of(t),
        status: t.unit_status(&unit.status),
        retired_on: unit.retired_at.map(local_time),
        form,
        notice: notice.map(|n| format!("{n} {}", unit.call_sign)),
        confirm: shown.confirm && unit.retired_at.is_none() && incident.is_none(),
        error: shown.error,
        incident,
        unit,
        shell,
        t,
    })
}

async fn edit(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<EditQuery>,
) -> AppResult<Response> {
    let shown = Shown {
        form: None,
        error: None,
        done: q.done,
        confirm: q.retire.is_some(),
    };
    edit_page(&state, shell, id, shown).await
}

/// The crew's page again after a write: to the page with what was done, or back with the
/// refusal beside the form (and what was typed, when a form was sent).
async fn after(
    state: &AppState,
    shell: Shell,
    id: i64,
    written: AppResult<Unit>,
    done: &str,
    form: Option<CrewForm>,
) -> AppResult<Response> {
    match written {
        Ok(_) => {
            state.live.published();
            Ok(Redirect::to(&format!("/admin/crews/{id}?done={done}")).into_response())
        }
        Err(e) => {
            let (status, text) = refusal(e, shell.lang)?;
            let shown = Shown {
                form,
                error: Some(text),
                done: None,
                confirm: false,
            };
            let mut r = edit_page(state, shell, id, shown).await?;
            *r.status_mut() = status;
            Ok(r)
        }
    }
}

async fn save(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<CrewForm>,
) -> AppResult<Response> {
    let written = match form.change().parse() {
        Ok(change) => store::update(&state.db, &me.actor(), id, change).await,
        Err(e) => Err(e),
    };
    after(&state, shell, id, written, "saved", Some(form)).await
}

async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let written = store::retire(&state.db, &me.actor(), id).await;
    after(&state, shell, id, written, "retired", None).await
}

async fn reinstate(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let written = store::reinstate(&state.db, &me.actor(), id).await;
    after(&state, shell, id, written, "reinstated", None).await
}
