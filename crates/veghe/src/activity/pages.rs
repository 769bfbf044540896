//! The activity pages: the filtered list with its exports (masked, or in full with a logged
//! reason), the import in three steps (upload, column mapping, result with the report and the
//! choice), the data-quality page and the catalogue (versions added by an administrator).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::catalogue::{self, Offence, OffenceIn};
use super::import::{Mode, Outcome};
use super::labels::{self, Labels};
use super::mapping::Mapping;
use super::model::{Field, lei};
use super::store::{self, Filter, Sanction};
use super::{export, flow, quality, uploads};
use crate::AppState;
use crate::audit::access_log::Reason;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{self, Form, Query};
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::ACTIVITY);
    let write = Access::Roles(groups::ACTIVITY_WRITE);
    Routes::new()
        .get("/activity", read, list_page)
        .get("/activity/export", read, export_masked)
        .post("/activity/export", read, export_revealed)
        .get("/activity/import", write, upload_page)
        .post("/activity/import", write, upload)
        .post("/activity/import/{token}", write, run)
        .get("/activity/import/{token}/report", write, report)
        .get("/activity/quality", read, quality_page)
        .get("/activity/offences", read, offences_page)
        .post(
            "/activity/offences",
            Access::Roles(groups::ADMIN),
            add_offence,
        )
}

/// A row of the list as shown.
pub struct Row {
    pub number: String,
    pub date: String,
    pub address: String,
    pub offender: String,
    pub legal_basis: String,
    pub sanction: &'static str,
    pub amount: String,
    pub payment: &'static str,
}

fn row(s: &Sanction, l: &Labels) -> Row {
    Row {
        number: format!("{} {}", s.series, s.number),
        date: crate::web::local_time(s.occurred_at),
        address: s.address.clone(),
        offender: s.offender_name.clone(),
        legal_basis: if s.aggravated {
            format!("{} ({})", s.legal_basis, l.aggravated_note)
        } else {
            s.legal_basis.clone()
        },
        sanction: if s.sanction == "fine" {
            l.fine
        } else {
            l.warning
        },
        amount: if s.sanction == "fine" {
            lei(s.amount_bani)
        } else {
            String::new()
        },
        payment: l.payment(&s.payment),
    }
}

#[derive(Template)]
#[template(path = "activity/list.html")]
struct ListPage {
    shell: Shell,
    l: &'static Labels,
    from: String,
    to: String,
    department: String,
    act: String,
    sanction: String,
    q: String,
    query: String,
    rows: Vec<Row>,
    count: i64,
    total: String,
    can_import: bool,
}

fn text(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

async fn list_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(f): Query<Filter>,
) -> AppResult<Response> {
    let l = labels::of(shell.lang);
    let records = store::list(&state.db, &f, 500, false).await?;
    let (count, total) = store::totals(&state.db, &f).await?;
    let query = serde_urlencoded::to_string(&f).unwrap_or_default();
    let can_import = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::ACTIVITY_WRITE.contains(&u.role));
    render(&ListPage {
        rows: records.iter().map(|s| row(s, l)).collect(),
        shell,
        l,
        from: text(&f.from).to_string(),
        to: text(&f.to).to_string(),
        department: text(&f.department).to_string(),
        act: text(&f.act).to_string(),
        sanction: text(&f.sanction).to_string(),
        q: text(&f.q).to_string(),
        query,
        count,
        total: lei(total),
        can_import,
    })
}

#[derive(Deserialize)]
struct ExportQuery {
    format: String,
    #[serde(flatten)]
    filter: Filter,
}

async fn export_masked(
    State(state): State<AppState>,
    Query(q): Query<ExportQuery>,
) -> AppResult<Response> {
    let format = export::Format::parse(&q.format)?;
    let records = store::list(&state.db, &q.filter, 1_000_000, false).await?;
    Ok(super::api::file_response(
        format,
        export::render(format, &records)?,
    ))
}

#[derive(Deserialize)]
struct RevealForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    format: String,
    #[serde(default)]
    query: String,
}

async fn export_revealed(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(form): Form<RevealForm>,
) -> AppResult<Response> {
    let reason = Reason::parse(&form.reason)?;
    let format = export::Format::parse(&form.format)?;
    let filter: Filter = serde_urlencoded::from_str(&form.query)
        .map_err(|e| AppError::bad("query", e.to_string()))?;
    let bytes = flow::revealed_export(&state.db, &me, &filter, format, &reason).await?;
    Ok(super::api::file_response(format, bytes))
}

#[derive(Template)]
#[template(path = "activity/upload.html")]
struct UploadPage {
    shell: Shell,
    l: &'static Labels,
}

async fn upload_page(shell: Shell) -> AppResult<Response> {
    let l = labels::of(shell.lang);
    render(&UploadPage { shell, l })
}

/// A field of the mapping form: its code, label, whether required, and the chosen header.
pub struct MapRow {
    pub code: &'static str,
    pub label: &'static str,
    pub required: bool,
    pub chosen: String,
}

#[derive(Template)]
#[template(path = "activity/mapping.html")]
struct MappingPage {
    shell: Shell,
    l: &'static Labels,
    token: String,
    name: String,
    source: String,
    headers: Vec<String>,
    fields: Vec<MapRow>,
}

async fn upload(
    State(state): State<AppState>,
    shell: Shell,
    mut form: Multipart,
) -> AppResult<Response> {
    let mut source = String::from("default");
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| AppError::bad("file", format!("the upload is malformed: {e}")))?
    {
        match field.name() {
            Some("file") => {
                let name =
                    extract::clean("file", field.file_name().unwrap_or("fisier.csv"))?.to_string();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::bad("file", format!("the upload was cut short: {e}")))?;
                file = Some((name, bytes.to_vec()));
            }
            Some("source") => {
                let s = field.text().await.unwrap_or_default();
                extract::clean("source", &s)?;
                if !s.trim().is_empty() {
                    source = s.trim().to_string();
                }
            }
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| AppError::bad("file", "choose a file"))?;
    let format = flow::format_of(&name)?;
    let token = uploads::keep(&name, &bytes)?;
    let (path, _) = uploads::find(&token)?;
    let headers = flow::headers_of(&path, format);
    let m = flow::mapping_for(&state.db, &source, None, &headers).await?;
    let fields = Field::ALL
        .iter()
        .map(|f| MapRow {
            code: f.code(),
            label: f.header_ro(),
            required: f.required(),
            chosen: m.get(f.code()).cloned().unwrap_or_default(),
        })
        .collect();
    let l = labels::of(shell.lang);
    render(&MappingPage {
        shell,
        l,
        token,
        name,
        source,
        headers,
        fields,
    })
}

#[derive(Template)]
#[template(path = "activity/result.html")]
struct ResultPage {
    shell: Shell,
    l: &'static Labels,
    token: String,
    source: String,
    o: Outcome,
    mapping: Vec<(String, String)>,
}

async fn run(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Path(token): Path<String>,
    Form(form): Form<BTreeMap<String, String>>,
) -> AppResult<Response> {
    let mode = Mode::parse(form.get("mode").map_or("check", String::as_str))?;
    let source = form
        .get("source")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "default".into());
    let m: Mapping = form
        .iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("map_")?;
            Field::parse(code)?;
            (!v.is_empty()).then(|| (code.to_string(), v.clone()))
        })
        .collect();
    let o = flow::run(
        &state.db,
        &me.actor(),
        &token,
        &source,
        Some(m.clone()),
        mode,
    )
    .await?;
    let l = labels::of(shell.lang);
    render(&ResultPage {
        shell,
        l,
        token,
        source,
        o,
        mapping: m
            .into_iter()
            .map(|(k, v)| (format!("map_{k}"), v))
            .collect(),
    })
}

async fn report(Path(token): Path<String>) -> AppResult<Response> {
    flow::report_response(&token)
}

#[derive(Template)]
#[template(path = "activity/quality.html")]
struct QualityPage {
    shell: Shell,
    l: &'static Labels,
    q: quality::Quality,
    sections: Vec<(&'static str, i64, Vec<Row>)>,
}

async fn quality_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let l = labels::of(shell.lang);
    let q = quality::check(&state.db, 20).await?;
    let sections = q
        .findings
        .iter()
        .map(|f| {
            let title = match f.check.as_str() {
                "missing_coordinates" => l.missing_coordinates,
                "unknown_legal_basis" => l.unknown_legal_basis,
                "amount_outside_range" => l.amount_outside_range,
                _ => l.duplicates,
            };
            (
                title,
                f.count,
                f.records.iter().map(|s| row(s, l)).collect(),
            )
        })
        .collect();
    render(&QualityPage {
        shell,
        l,
        q,
        sections,
    })
}

#[derive(Template)]
#[template(path = "activity/offences.html")]
struct OffencesPage {
    shell: Shell,
    l: &'static Labels,
    offences: Vec<(Offence, String)>,
    is_admin: bool,
}

async fn offences_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let l = labels::of(shell.lang);
    let offences = catalogue::list(&state.db)
        .await?
        .into_iter()
        .map(|o| {
            let range = format!("{} – {}", lei(o.min_bani), lei(o.max_bani));
            (o, range)
        })
        .collect();
    let is_admin = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::ADMIN.contains(&u.role));
    render(&OffencesPage {
        shell,
        l,
        offences,
        is_admin,
    })
}

#[derive(Deserialize)]
struct OffenceForm {
    #[serde(default)]
    reference: String,
    #[serde(default)]
    aggravated: Option<String>,
    #[serde(default)]
    description_ro: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    min: String,
    #[serde(default)]
    max: String,
    #[serde(default)]
    valid_from: String,
}

async fn add_offence(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<OffenceForm>,
) -> AppResult<Response> {
    let input = OffenceIn {
        reference: f.reference,
        aggravated: f.aggravated.is_some(),
        description_ro: f.description_ro,
        description_en: f.description_en,
        min: f.min,
        max: f.max,
        valid_from: f.valid_from,
    };
    catalogue::add_version(&state.db, &me.actor(), &input).await?;
    Ok(Redirect::to("/activity/offences").into_response())
}
