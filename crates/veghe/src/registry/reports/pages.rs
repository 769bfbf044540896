//! The reports' pages: the chooser, each report shown as its document with its downloads (PDF,
//! DOCX, XLSX); the Law 544 report carries the forms of `forms` (court cases, the year's costs,
//! measures and responsible person) for those who may use them.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use veghe_docs::{Block, Document};

use super::api::PeriodQuery;
use super::court::CourtCase;
use super::facts::YearFigures;
use super::texts::{self, T};
use super::{half_of, year_of};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, Role, groups};
use crate::documents::{Format, download};
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY_REPORTS);
    Routes::new()
        .get("/registry/reports", read, index)
        .get("/registry/reports/petitions", read, petitions_page)
        .get(
            "/registry/reports/petitions/download",
            read,
            petitions_download,
        )
        .get("/registry/reports/law544", read, law544_page)
        .get("/registry/reports/law544/download", read, law544_download)
}

fn institution(shell: &Shell) -> String {
    format!("{} — {}", shell.tr.institution, shell.tr.service)
}

pub(super) fn role_in(shell: &Shell, roles: &[Role]) -> bool {
    shell.user.as_ref().is_some_and(|u| roles.contains(&u.role))
}

#[derive(Template)]
#[template(path = "registry/reports/index.html")]
struct IndexPage {
    shell: Shell,
    t: &'static T,
    year: i16,
    half: u8,
    last_year: i16,
    /// The administrator also gets the link to retention.
    admin: bool,
}

async fn index(shell: Shell) -> AppResult<Response> {
    let (year, half) = half_of(&PeriodQuery::default())?;
    render(&IndexPage {
        t: texts::of(shell.lang),
        year,
        half,
        last_year: year_of(None)?,
        admin: role_in(&shell, groups::ADMIN),
        shell,
    })
}

/// A report shown as its document, with the chooser and the downloads.
#[derive(Template)]
#[template(path = "registry/reports/report.html")]
struct ReportPage {
    shell: Shell,
    t: &'static T,
    doc: Document,
    /// `petitions` or `law544`.
    report: &'static str,
    year: i16,
    half: u8,
    /// The query of the downloads, without the format.
    query: String,
    /// Law 544 only: requests without a domain, court cases, figures and who may edit.
    missing: i64,
    court: Vec<CourtCase>,
    figures: YearFigures,
    can_desk: bool,
    can_oversee: bool,
    error: Option<String>,
}

impl ReportPage {
    fn num(&self, cell: &str) -> bool {
        veghe_docs::doc::number(cell).is_some()
    }

    fn day(&self, iso: &str) -> String {
        crate::registry::labels::date(iso)
    }

    fn lei(&self, bani: &Option<i64>) -> String {
        bani.map(|b| veghe_docs::format_ro(b as f64 / 100.0, 2))
            .unwrap_or_default()
    }
}

async fn petitions_doc(
    state: &AppState,
    shell: &Shell,
    q: &PeriodQuery,
) -> AppResult<(Document, i16, u8)> {
    let (year, half) = half_of(q)?;
    let a = super::analysis(&state.db, year, half, shell.lang).await?;
    Ok((
        super::petitions_doc::document(&a, texts::of(shell.lang), shell.lang, &institution(shell)),
        year,
        half,
    ))
}

async fn petitions_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let (doc, year, half) = petitions_doc(&state, &shell, &q).await?;
    render(&ReportPage {
        t: texts::of(shell.lang),
        doc,
        report: "petitions",
        year,
        half,
        query: format!("year={year}&half={half}"),
        missing: 0,
        court: Vec::new(),
        figures: YearFigures::default(),
        can_desk: false,
        can_oversee: false,
        error: None,
        shell,
    })
}

async fn petitions_download(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let format = Format::parse(q.format.as_deref().unwrap_or("pdf"))?;
    let (doc, year, half) = petitions_doc(&state, &shell, &q).await?;
    download(&doc, format, &format!("analiza-petitii-{year}-s{half}"))
}

async fn law544_doc(
    state: &AppState,
    shell: &Shell,
    year: i16,
) -> AppResult<(Document, super::law544::Law544)> {
    let r = super::law544_report(&state.db, year).await?;
    Ok((
        super::law544::document(&r, texts::of(shell.lang), &institution(shell)),
        r,
    ))
}

pub(super) async fn law544_view(
    state: &AppState,
    shell: Shell,
    year: i16,
    error: Option<String>,
) -> AppResult<Response> {
    let (doc, r) = law544_doc(state, &shell, year).await?;
    let missing = r
        .by_domain
        .iter()
        .filter(|c| c.key == "unclassified")
        .map(|c| c.count)
        .sum();
    let status = if error.is_some() {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    let mut response = render(&ReportPage {
        t: texts::of(shell.lang),
        doc,
        report: "law544",
        year,
        half: 1,
        query: format!("year={year}"),
        missing,
        court: super::court::court_cases(&state.db, year).await?,
        figures: r.figures,
        can_desk: role_in(&shell, groups::REGISTRY_DESK),
        can_oversee: role_in(&shell, groups::OVERSIGHT),
        error,
        shell,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn law544_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    law544_view(&state, shell, year_of(q.year.as_deref())?, None).await
}

async fn law544_download(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let format = Format::parse(q.format.as_deref().unwrap_or("pdf"))?;
    let year = year_of(q.year.as_deref())?;
    let (doc, _) = law544_doc(&state, &shell, year).await?;
    download(&doc, format, &format!("raport-legea-544-{year}"))
}
