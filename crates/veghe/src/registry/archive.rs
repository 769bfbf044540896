//! The archive nomenclator (nomenclatorul arhivistic): the files closed cases are kept in, each
//! with its register and keeping term. Archiving a case into a file writes its reference
//! (`P-1 „Petiții…” / 2026, cutia 3`) and the last day it is kept (`keep_until`, from
//! `veghe_ro::letters::keep_until`). The seeded files are defaults, to be matched to the
//! institution's approved nomenclator: an administrator adds and edits them on
//! `/registry/archive-files`.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use veghe_ro::petition::Register;

use crate::AppState;
use crate::audit::{self, Change};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::http::extract::Form;
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/api/v1/registry/archive-files",
            Access::Roles(groups::REGISTRY),
            api_list,
        )
        .get(
            "/registry/archive-files",
            Access::Roles(groups::REGISTRY),
            page,
        )
        .post(
            "/registry/archive-files",
            Access::Roles(groups::ADMIN),
            save,
        )
}

/// A file of the nomenclator.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ArchiveFile {
    /// The indicativ, e.g. `P-1`.
    pub code: String,
    pub title: String,
    /// petition, info, internal.
    pub register: String,
    /// Years kept after the year of archiving; 0 is permanent.
    pub retention_years: i64,
    #[sqlx(try_from = "crate::db::Flag")]
    pub active: bool,
}

pub async fn all(db: &Db) -> AppResult<Vec<ArchiveFile>> {
    Ok(sqlx::query_as(
        "SELECT code, title, register, retention_years, active FROM registry_archive_files ORDER BY register, code",
    )
    .fetch_all(db.pool())
    .await?)
}

/// Where an archived case goes.
pub struct Placed {
    pub reference: String,
    pub file: Option<String>,
    pub keep_until: Option<jiff::civil::Date>,
}

/// The reference of a case of `register` archived on `day` into `file` (with `note` after it),
/// or the free-text `note` alone when no file is named.
pub async fn place_in(
    tx: &mut Tx,
    register: &str,
    file: Option<String>,
    note: Option<String>,
    day: jiff::civil::Date,
) -> AppResult<Placed> {
    let Some(code) = file else {
        let reference = note.ok_or_else(|| {
            AppError::bad("archive_ref", crate::error::Said::new("Indicativ de arhivă: alegeți dosarul din nomenclator sau scrieți referința de arhivă.", "archive_ref or archive_file is required"))
        })?;
        return Ok(Placed {
            reference,
            file: None,
            keep_until: None,
        });
    };
    let f: ArchiveFile = sqlx::query_as(
        "SELECT code, title, register, retention_years, active FROM registry_archive_files WHERE code = $1",
    )
    .bind(&code)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| {
        AppError::bad(
            "archive_file",
            crate::error::Said::new(
                format!("Dosarul din nomenclator: „{code}” nu există; alegeți din listă."),
                format!("no file `{code}` in the archive nomenclator"),
            ),
        )
    })?;
    if !f.active {
        return Err(AppError::bad(
            "archive_file",
            crate::error::Said::new(
                format!("Dosarul din nomenclator: „{code}” nu mai este folosit; alegeți altul."),
                format!("file `{code}` is no longer in use"),
            ),
        ));
    }
    if f.register != register {
        return Err(AppError::bad(
            "archive_file",
            crate::error::Said::new(
                format!(
                    "Dosarul din nomenclator: „{code}” păstrează documentele registrului {}, nu ale acestuia; alegeți alt dosar.",
                    crate::registry::labels::register(&f.register, crate::web::Lang::Ro)
                ),
                format!(
                    "file `{code}` keeps the {} register, not the {register} one",
                    f.register
                ),
            ),
        ));
    }
    let mut reference = format!("{} „{}” / {}", f.code, f.title, day.year());
    if let Some(n) = note {
        reference.push_str(", ");
        reference.push_str(&n);
    }
    Ok(Placed {
        reference,
        keep_until: veghe_ro::letters::keep_until(day, f.retention_years),
        file: Some(f.code),
    })
}

/// The archive nomenclator.
#[utoipa::path(get, path = "/api/v1/registry/archive-files", tag = "registry",
    responses((status = 200, body = [ArchiveFile])), security(("bearer" = [])))]
pub async fn api_list(State(state): State<AppState>) -> AppResult<Json<Vec<ArchiveFile>>> {
    Ok(Json(all(&state.db).await?))
}

#[derive(Template)]
#[template(path = "registry/archive_files.html")]
struct Page {
    shell: Shell,
    l: &'static super::letters::labels::Labels,
    files: Vec<ArchiveFile>,
    can_edit: bool,
    error: Option<String>,
}

impl Page {
    fn register(&self, code: &str) -> &'static str {
        super::labels::register(code, self.shell.lang)
    }
}

async fn show(state: &AppState, shell: Shell, error: Option<String>) -> AppResult<Response> {
    let can_edit = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::ADMIN.contains(&u.role));
    render(&Page {
        l: super::letters::labels::of(shell.lang),
        files: all(&state.db).await?,
        can_edit,
        error,
        shell,
    })
}

async fn page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    show(&state, shell, None).await
}

#[derive(Deserialize)]
struct FileForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    register: String,
    #[serde(default)]
    retention_years: String,
    active: Option<String>,
}

impl FileForm {
    fn parse(&self) -> AppResult<ArchiveFile> {
        let code = self.code.trim();
        if code.is_empty() || code.chars().count() > 20 {
            return Err(AppError::bad(
                "code",
                crate::error::Said::new(
                    "Indicativul: între 1 și 20 de caractere.",
                    "the indicativ has 1 to 20 characters",
                ),
            ));
        }
        let title = self.title.trim();
        if !(3..=200).contains(&title.chars().count()) {
            return Err(AppError::bad(
                "title",
                crate::error::Said::new(
                    "Titlul: între 3 și 200 de caractere.",
                    "the title has 3 to 200 characters",
                ),
            ));
        }
        let register = Register::parse(&self.register).ok_or_else(|| {
            AppError::bad(
                "register",
                crate::error::Said::new(
                    "Registrul: alegeți petiții, informații publice sau intern.",
                    "register is petition, info or internal",
                ),
            )
        })?;
        let years = self
            .retention_years
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|y| (0..=100).contains(y))
            .ok_or_else(|| {
                AppError::bad(
                    "retention_years",
                    crate::error::Said::new(
                        "Termenul de păstrare: între 0 (permanent) și 100 de ani.",
                        "the keeping term is 0 (permanent) to 100 years",
                    ),
                )
            })?;
        Ok(ArchiveFile {
            code: code.to_string(),
            title: title.to_string(),
            register: register.code().to_string(),
            retention_years: years,
            active: self.active.is_some(),
        })
    }
}

/// Adds a file, or changes the one with the same indicativ.
async fn save(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<FileForm>,
) -> AppResult<Response> {
    let f = match form.parse() {
        Ok(f) => f,
        Err(e @ AppError::BadRequest { .. }) => {
            let text = e.said(shell.lang);
            let mut r = show(&state, shell, Some(text)).await?;
            *r.status_mut() = axum::http::StatusCode::BAD_REQUEST;
            return Ok(r);
        }
        Err(e) => return Err(e),
    };
    let mut tx = state.db.begin().await?;
    sqlx::query(
        "INSERT INTO registry_archive_files (code, title, register, retention_years, active) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO UPDATE SET title = $2, register = $3, retention_years = $4, active = $5",
    )
    .bind(&f.code)
    .bind(&f.title)
    .bind(&f.register)
    .bind(f.retention_years)
    .bind(i64::from(f.active))
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        &me.actor(),
        Change {
            action: "registry.archive_file",
            entity: "registry_archive_file",
            entity_id: Some(f.code.clone()),
            before: None,
            after: Some(json!(f)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/registry/archive-files").into_response())
}
