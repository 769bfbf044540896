//! CSV export of a registry list, with the list page's filters; petitioners masked (initials) as in
//! every list. Cells that a spreadsheet would read as a formula are quoted with a leading `'`.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::api::ListQuery;
use super::store::{self, Entry};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::error::{AppError, AppResult};

/// At most this many rows in one file.
pub const MAX_ROWS: i64 = 100_000;

pub fn routes() -> Routes {
    Routes::new().get(
        "/registry/export.csv",
        Access::Roles(groups::REGISTRY),
        export,
    )
}

/// A cell a spreadsheet will not run.
fn cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
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
    let o = |v: &Option<String>| cell(v.as_deref().unwrap_or_default());
    [
        cell(&e.number),
        e.register.clone(),
        e.kind.clone(),
        e.channel.clone(),
        cell(&e.petitioner),
        cell(&e.subject),
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

/// The CSV text of `entries`, with a header row.
pub fn csv_of(entries: &[Entry]) -> AppResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| AppError::Internal(anyhow::anyhow!("csv: {e}"));
    w.write_record(HEADER).map_err(fail)?;
    for e in entries {
        w.write_record(record(e)).map_err(fail)?;
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
    let body = csv_of(&entries)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"registru.csv\"",
            ),
        ],
        // A byte-order mark, so spreadsheets read the diacritics as UTF-8.
        format!("\u{feff}{body}"),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_defused() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("Zgomot"), "Zgomot");
    }
}
