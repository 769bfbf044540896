//! The typed documents' page: the placeholders documented, each template shown (and, for an
//! administrator, edited in place), and a form to add one. A bad field comes back named, with
//! what was typed.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use veghe_ro::letters::LetterKind;
use veghe_ro::petition::Register;

use super::fields::{FIELDS, Field, Phase};
use super::labels::{self, Labels};
use super::templates::{self, LetterTemplate, TemplateIn};
use crate::AppState;
use crate::auth::{CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id};
use crate::web::{Lang, Shell, render};

/// A template as the page shows it.
pub struct Shown {
    pub t: LetterTemplate,
    pub register: &'static str,
    pub kind: &'static str,
}

#[derive(Template)]
#[template(path = "registry/templates.html")]
struct Page {
    shell: Shell,
    l: &'static Labels,
    fields: &'static [Field],
    items: Vec<Shown>,
    can_edit: bool,
    error: Option<String>,
    /// (register, kind) codes and their words, for the add form.
    kinds: Vec<(String, String)>,
    /// What was typed, shown again with the error: in the template being changed, or in the
    /// add form.
    form: TemplateForm,
    editing: Option<i64>,
}

impl Page {
    fn is_editing(&self, id: &i64) -> bool {
        self.editing == Some(*id)
    }

    /// A placeholder as a template writes it.
    fn written(&self, f: &Field) -> String {
        format!("{{{{{}}}}}", f.name)
    }

    fn phase(&self, f: &Field) -> &'static str {
        match f.phase {
            Phase::Draft => self.l.at_draft,
            Phase::Render => self.l.at_render,
        }
    }

    fn meaning(&self, f: &Field) -> &'static str {
        match self.shell.lang {
            Lang::Ro => f.ro,
            Lang::En => f.en,
        }
    }
}

/// The form's fields; `register_kind` is `petition:answer`.
#[derive(Clone, Debug, Default, Deserialize)]
pub(in crate::registry) struct TemplateForm {
    #[serde(default)]
    register_kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    active: Option<String>,
}

impl TemplateForm {
    fn input(&self) -> TemplateIn {
        let (register, kind) = self
            .register_kind
            .split_once(':')
            .unwrap_or((self.register_kind.as_str(), ""));
        TemplateIn {
            register: register.to_string(),
            kind: kind.to_string(),
            name: self.name.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            active: Some(self.active.is_some()),
        }
    }
}

async fn show(
    state: &AppState,
    shell: Shell,
    error: Option<String>,
    form: TemplateForm,
    editing: Option<i64>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let can_edit = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::ADMIN.contains(&u.role));
    let items = templates::list(&state.db, "", "", false)
        .await?
        .into_iter()
        .map(|t| Shown {
            register: crate::registry::labels::register(&t.register, lang),
            kind: labels::kind(&t.kind, lang),
            t,
        })
        .collect();
    let mut kinds = Vec::new();
    for r in Register::ALL {
        for k in LetterKind::of_register(r) {
            kinds.push((
                format!("{}:{}", r.code(), k.code()),
                format!(
                    "{} — {}",
                    crate::registry::labels::register(r.code(), lang),
                    labels::kind(k.code(), lang)
                ),
            ));
        }
    }
    render(&Page {
        l: labels::of(lang),
        fields: FIELDS,
        items,
        can_edit,
        error,
        kinds,
        form,
        editing,
        shell,
    })
}

pub(in crate::registry) async fn page(
    State(state): State<AppState>,
    shell: Shell,
) -> AppResult<Response> {
    let form = TemplateForm {
        register_kind: "petition:answer".into(),
        active: Some("on".into()),
        ..TemplateForm::default()
    };
    show(&state, shell, None, form, None).await
}

async fn save(
    state: &AppState,
    me: &CurrentUser,
    shell: Shell,
    id: Option<i64>,
    form: TemplateForm,
) -> AppResult<Response> {
    let result = match form.input().parse() {
        Ok(t) => templates::save(&state.db, &me.actor(), id, t)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to("/registry/templates").into_response()),
        Err(e @ AppError::BadRequest { .. }) => {
            let text = e.said(shell.lang);
            let mut r = show(state, shell, Some(text), form, id).await?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

/// Adds a template.
pub(in crate::registry) async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<TemplateForm>,
) -> AppResult<Response> {
    save(&state, &me, shell, None, form).await
}

/// Changes a template.
pub(in crate::registry) async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<TemplateForm>,
) -> AppResult<Response> {
    save(&state, &me, shell, Some(id), form).await
}
