//! The steps the API, the pages and the command line share: which mapping an import uses (given,
//! saved for the source, or guessed), running it with its report, revealed exports.

use std::path::Path;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::export;
use super::import::{self, Job, Mode, Outcome};
use super::mapping::{self, Mapping};
use super::source::{Format, Table};
use super::store::{self, Filter};
use super::{catalogue, uploads};
use crate::audit::Actor;
use crate::audit::access_log::Reason;
use crate::auth::CurrentUser;
use crate::db::Db;
use crate::error::{AppError, AppResult, Said};

/// The file's format from its name, or a 400.
pub fn format_of(name: &str) -> AppResult<Format> {
    Format::of(name).ok_or_else(|| {
        AppError::bad(
            "file",
            Said::new(
                format!(
                    "Fișierul „{name}” nu este nici .csv, nici .xlsx: salvați-l ca CSV sau XLSX"
                ),
                format!(
                    "The file “{name}” is neither a .csv nor an .xlsx file: save it as CSV or XLSX"
                ),
            ),
        )
    })
}

/// The headers of a file (empty when it cannot be read: the import reports why).
pub fn headers_of(path: &Path, format: Format) -> Vec<String> {
    Table::open(path, format)
        .map(|t| t.headers)
        .unwrap_or_default()
}

/// The mapping to use: the one given (then saved for the source), the saved one, or a guess.
pub async fn mapping_for(
    db: &Db,
    source: &str,
    given: Option<Mapping>,
    headers: &[String],
) -> AppResult<Mapping> {
    if let Some(m) = given {
        mapping::save(db, source, &m).await?;
        return Ok(m);
    }
    if let Some(m) = mapping::load(db, source).await? {
        return Ok(m);
    }
    Ok(mapping::guess(headers))
}

/// Runs the import of the kept upload `token`; the report goes beside it.
pub async fn run(
    db: &Db,
    actor: &Actor,
    token: &str,
    source: &str,
    given: Option<Mapping>,
    mode: Mode,
) -> AppResult<Outcome> {
    let (path, name) = uploads::find(token)?;
    let format = format_of(&name)?;
    let headers = headers_of(&path, format);
    let m = mapping_for(db, source, given, &headers).await?;
    let catalogue = catalogue::load(db).await?;
    let report = std::fs::File::create(uploads::report_path(token)?)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("report: {e}")))?;
    let job = Job {
        path: &path,
        name: &name,
        format,
        source,
        mapping: &m,
        mode,
        report: Some(Box::new(std::io::BufWriter::new(report))),
    };
    let outcome = import::run(db, actor, &catalogue, job, &mut |_| {}).await?;
    if mode != Mode::Check {
        uploads::forget(token)?;
    }
    Ok(outcome)
}

/// The report of the import of `token`, as a CSV download.
pub fn report_response(token: &str) -> AppResult<Response> {
    let bytes = std::fs::read(uploads::report_path(token)?).map_err(|_| AppError::NotFound)?;
    let mut r = bytes.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    r.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"probleme-import.csv\""),
    );
    Ok(r)
}

/// An export with the offenders in full, after the reading is logged with its reason.
pub async fn revealed_export(
    db: &Db,
    me: &CurrentUser,
    filter: &Filter,
    format: export::Format,
    reason: &Reason,
) -> AppResult<Vec<u8>> {
    let records = store::list(db, filter, 1_000_000, true).await?;
    let what = serde_urlencoded::to_string(filter).unwrap_or_default();
    super::api::log_reveal(db, me, &format!("export?{what}"), reason).await?;
    export::render(format, &records)
}
