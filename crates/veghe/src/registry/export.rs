//! CSV export of a registry list, with the list page's filters; petitioners masked (initials) as in
//! every list, or in full (name, CNP, CUI, contact) when a reason is given, which the access log
//! keeps. Written by `csv_file`, which defuses what a spreadsheet would run as a formula.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::api::ListQuery;
use serde::Deserialize;

use super::store::{self, Entry, PetitionerData};
use crate::AppState;
use crate::audit::access_log::{self, Reason};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::csv_file;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};

/// At most this many rows in one file.
pub const MAX_ROWS: i64 = 100_000;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    Routes::new()
        .get("/registry/export.csv", read, export)
        .post("/registry/export-full.csv", read, export_full)
}

const HEADER: [&str; 14] = [
    "numar",
    "registru",
    "tip",
    "canal",
    "petent",
    "obiect",
    "stare",
    "termen",
    "termen_initial",
    "prelungit",
    "compartiment",
    "termen_intern",
    "redirectionat_catre",
    "depasit",
];

fn record(e: &Entry) -> [String; 14] {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    [
        e.number.clone(),
        e.register.clone(),
        e.kind.clone(),
        e.channel.clone(),
        e.petitioner.clone(),
        e.subject.clone(),
        e.status.clone(),
        o(&e.due_date),
        o(&e.original_due_date),
        if e.extended { "da" } else { "nu" }.to_string(),
        o(&e.department_name),
        o(&e.internal_due_date),
        o(&e.forwarded_to),
        if e.overdue { "da" } else { "nu" }.to_string(),
    ]
}

/// The columns of the petitioner in full, after the masked list's.
const FULL_HEADER: [&str; 6] = ["petent_nume", "cnp", "cui", "email", "telefon", "adresa"];

fn full_record(p: Option<&PetitionerData>) -> [String; 6] {
    let o = |v: Option<&Option<String>>| v.and_then(|v| v.clone()).unwrap_or_default();
    [
        o(p.map(|p| &p.name)),
        o(p.map(|p| &p.cnp)),
        o(p.map(|p| &p.cui)),
        o(p.map(|p| &p.email)),
        o(p.map(|p| &p.phone)),
        o(p.map(|p| &p.address)),
    ]
}

/// The CSV text of `entries`, with a header row, petitioners masked.
pub fn csv_of(entries: &[Entry]) -> AppResult<String> {
    csv_with(entries, None)
}

/// [`csv_of`], with the petitioners' identity after the masked columns when `full` is given.
fn csv_with(entries: &[Entry], full: Option<&HashMap<i64, PetitionerData>>) -> AppResult<String> {
    let mut w = csv_file::Writer::new(Vec::new(), b',');
    let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!("csv: {e}"));
    let mut header: Vec<&str> = HEADER.to_vec();
    if full.is_some() {
        header.extend(FULL_HEADER);
    }
    w.record(&header).map_err(fail)?;
    for e in entries {
        let mut row = record(e).to_vec();
        if let Some(full) = full {
            row.extend(full_record(full.get(&e.id)));
        }
        w.record(&row).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::Internal(anyhow::anyhow!("csv: {e}")))
}

async fn export(State(state): State<AppState>, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let mut filter = q.filter()?;
    filter.limit = MAX_ROWS;
    let entries = store::list(&state.db, &filter).await?;
    Ok(file(csv_of(&entries)?, "registru.csv"))
}

/// The full export's form: the list's filters as its query string, and the reason.
#[derive(Deserialize)]
pub struct FullForm {
    #[serde(default)]
    query: String,
    #[serde(default)]
    reason: String,
}

/// The list with the petitioners in full; one access-log entry names the filters and the reason.
async fn export_full(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(form): Form<FullForm>,
) -> AppResult<Response> {
    let reason = Reason::parse(&form.reason)?;
    let q: ListQuery = serde_urlencoded::from_str(&form.query)
        .map_err(|e| AppError::bad("query", format!("the list's filters cannot be read: {e}")))?;
    let mut filter = q.filter()?;
    filter.limit = MAX_ROWS;
    let entries = store::list(&state.db, &filter).await?;
    let people = petitioners(&state.db, &entries).await?;
    access_log::record(
        &state.db,
        &me,
        "registry_export",
        &format!("?{}", form.query),
        &["name", "cnp", "cui", "email", "phone", "address"],
        &reason,
    )
    .await?;
    Ok(file(
        csv_with(&entries, Some(&people))?,
        "registru-complet.csv",
    ))
}

fn file(body: String, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        // A byte-order mark, so spreadsheets read the diacritics as UTF-8.
        format!("\u{feff}{body}"),
    )
        .into_response()
}

/// A petitioner with the id of their entry.
#[derive(sqlx::FromRow)]
struct Keyed {
    id: i64,
    #[sqlx(flatten)]
    petitioner: PetitionerData,
}

/// The petitioners of `entries` in full, 500 entries a query.
async fn petitioners(db: &Db, entries: &[Entry]) -> AppResult<HashMap<i64, PetitionerData>> {
    let mut out = HashMap::new();
    for chunk in entries.chunks(500) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT id, petitioner_kind, petitioner_name, cnp, cui, email, phone, address FROM registry_entries WHERE id IN ({})",
            marks.join(", ")
        );
        let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        for e in chunk {
            q = q.bind(e.id);
        }
        let found: Vec<Keyed> = q.fetch_all(db.pool()).await?;
        out.extend(found.into_iter().map(|k| (k.id, k.petitioner)));
    }
    Ok(out)
}
