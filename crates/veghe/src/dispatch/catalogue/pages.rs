//! The administrator's pages of the catalogue: `/admin/incident-types` (the table and the add
//! form) and `/admin/incident-types/{code}` (a type's versions, its edit form, retiring it behind
//! a confirmation).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::input::{CAP_CATEGORIES, DEFAULT_EIDO_TYPE, TypeIn, TypePatch};
use super::store;
use super::texts::{self, T};
use super::types::IncidentType;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::Form;
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/incident-types", admin, list_page)
        .post("/admin/incident-types", admin, add)
        .get("/admin/incident-types/{code}", admin, edit_page)
        .post("/admin/incident-types/{code}", admin, edit)
        .post("/admin/incident-types/{code}/retire", admin, retire)
}

/// A version as a row of the tables.
pub struct Row {
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    pub priority: i64,
    pub ours: bool,
    pub agency: String,
    pub cap: String,
    pub eido: String,
    pub from: String,
    pub to: String,
    pub retired: bool,
}

/// `retired`: the type's last version has ended (an earlier version closed by a rename is not).
fn row(t: &IncidentType, tr: &T, retired: bool) -> Row {
    Row {
        code: t.code.clone(),
        name_ro: t.name_ro.clone(),
        name_en: t.name_en.clone(),
        priority: t.default_priority,
        ours: t.our_competence,
        agency: t.agency.clone().unwrap_or_default(),
        cap: t.cap_category.clone(),
        eido: t.eido_type.clone(),
        from: t
            .active_from
            .map_or_else(|| tr.always.to_string(), local_time),
        to: t.active_to.map(local_time).unwrap_or_default(),
        retired,
    }
}

/// The values a form shows: a type's own, or what was sent and refused.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TypeForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_ro: String,
    #[serde(default)]
    pub name_en: String,
    #[serde(default)]
    pub default_priority: String,
    pub our_competence: Option<String>,
    #[serde(default)]
    pub legal_basis: String,
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub cap_category: String,
    #[serde(default)]
    pub eido_type: String,
}

impl TypeForm {
    fn of(t: &IncidentType) -> TypeForm {
        TypeForm {
            code: t.code.clone(),
            name_ro: t.name_ro.clone(),
            name_en: t.name_en.clone(),
            default_priority: t.default_priority.to_string(),
            our_competence: t.our_competence.then(|| "1".to_string()),
            legal_basis: t.legal_basis.clone(),
            agency: t.agency.clone().unwrap_or_default(),
            cap_category: t.cap_category.clone(),
            eido_type: t.eido_type.clone(),
        }
    }

    fn blank() -> TypeForm {
        TypeForm {
            default_priority: "2".into(),
            our_competence: Some("1".into()),
            cap_category: "Safety".into(),
            eido_type: DEFAULT_EIDO_TYPE.into(),
            ..TypeForm::default()
        }
    }

    pub fn ours(&self) -> bool {
        self.our_competence.is_some()
    }

    /// A priority that is not a number is left out, so it is refused as missing.
    fn priority(&self) -> Option<i64> {
        self.default_priority.trim().parse().ok()
    }

    fn to_input(&self) -> TypeIn {
        TypeIn {
            code: self.code.clone(),
            name_ro: self.name_ro.clone(),
            name_en: self.name_en.clone(),
            default_priority: self.priority(),
            our_competence: Some(self.ours()),
            legal_basis: Some(self.legal_basis.clone()),
            agency: Some(self.agency.clone()),
            cap_category: self.cap_category.clone(),
            eido_type: Some(self.eido_type.clone()),
        }
    }

    fn to_patch(&self) -> TypePatch {
        TypePatch {
            name_ro: Some(self.name_ro.clone()),
            name_en: Some(self.name_en.clone()),
            default_priority: Some(self.priority().unwrap_or(0)),
            our_competence: Some(self.ours()),
            legal_basis: Some(self.legal_basis.clone()),
            agency: Some(self.agency.clone()),
            cap_category: Some(self.cap_category.clone()),
            eido_type: Some(self.eido_type.clone()),
        }
    }
}

/// What the forms offer: the agencies (code, name) and the CAP categories.
pub struct Choices {
    pub agencies: Vec<(String, String)>,
    pub caps: &'static [&'static str],
}

async fn choices(state: &AppState) -> AppResult<Choices> {
    let agencies = crate::dispatch::agencies::list(&state.db)
        .await?
        .into_iter()
        .map(|a| (a.code, a.name))
        .collect();
    Ok(Choices {
        agencies,
        caps: CAP_CATEGORIES,
    })
}

#[derive(Template)]
#[template(path = "dispatch/incident_types.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    form: TypeForm,
    choices: Choices,
    error: Option<String>,
}

async fn show_list(
    state: &AppState,
    shell: Shell,
    form: TypeForm,
    error: Option<String>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let types = store::load(&state.db).await?;
    let rows = types
        .current()
        .into_iter()
        .map(|v| row(v, t, v.retired()))
        .collect();
    render(&ListPage {
        shell,
        t,
        rows,
        form,
        choices: choices(state).await?,
        error,
    })
}

async fn list_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    show_list(&state, shell, TypeForm::blank(), None).await
}

/// A refusal shown on the form, in the reader's language; anything else is an error page.
fn refusal(e: AppError, lang: Lang) -> AppResult<String> {
    match e {
        AppError::BadRequest { .. } | AppError::Conflict(_) => Ok(e.said(lang)),
        other => Err(other),
    }
}

async fn add(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    Form(form): Form<TypeForm>,
) -> AppResult<Response> {
    match store::create(&state.db, &me.actor(), &form.to_input()).await {
        Ok(t) => {
            Ok(Redirect::to(&format!("/admin/incident-types/{}?saved=1", t.code)).into_response())
        }
        Err(e) => {
            let said = refusal(e, shell.lang)?;
            show_list(&state, shell, form, Some(said)).await
        }
    }
}

#[derive(Template)]
#[template(path = "dispatch/incident_type.html")]
struct EditPage {
    shell: Shell,
    t: &'static T,
    code: String,
    current: Row,
    earlier: Vec<Row>,
    used: bool,
    form: TypeForm,
    choices: Choices,
    error: Option<String>,
    saved: bool,
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn show_edit(
    state: &AppState,
    shell: Shell,
    code: String,
    form: Option<TypeForm>,
    error: Option<String>,
    saved: bool,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let types = store::load(&state.db).await?;
    let current = types.get(&code).ok_or(AppError::NotFound)?.clone();
    let mut earlier: Vec<Row> = types
        .versions()
        .iter()
        .filter(|v| v.code == code && v.id != current.id)
        .map(|v| row(v, t, false))
        .collect();
    earlier.reverse();
    render(&EditPage {
        t,
        current: row(&current, t, current.retired()),
        earlier,
        used: store::used(state.db.pool(), &code).await?,
        form: form.unwrap_or_else(|| TypeForm::of(&current)),
        choices: choices(state).await?,
        error,
        saved,
        code,
        shell,
    })
}

async fn edit_page(
    State(state): State<AppState>,
    shell: Shell,
    Path(code): Path<String>,
    Form(q): Form<Saved>,
) -> AppResult<Response> {
    show_edit(&state, shell, code, None, None, q.saved.is_some()).await
}

async fn edit(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    Path(code): Path<String>,
    Form(form): Form<TypeForm>,
) -> AppResult<Response> {
    match store::update(&state.db, &me.actor(), &code, &form.to_patch()).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/incident-types/{code}?saved=1")).into_response()),
        Err(e) => {
            let said = refusal(e, shell.lang)?;
            show_edit(&state, shell, code, Some(form), Some(said), false).await
        }
    }
}

#[derive(Deserialize)]
struct RetireForm {
    confirm: Option<String>,
}

async fn retire(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    Form(form): Form<RetireForm>,
) -> AppResult<Response> {
    if form.confirm.as_deref() != Some("yes") {
        return Err(AppError::bad(
            "confirm",
            Said::new(texts::RO.retire_confirm, texts::EN.retire_confirm),
        ));
    }
    store::retire(&state.db, &me.actor(), &code).await?;
    Ok(Redirect::to(&format!("/admin/incident-types/{code}")).into_response())
}
