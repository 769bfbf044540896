//! The registry's reports: the half-yearly analysis of petitions (OG 27/2002 art. 13) and the
//! annual report on public information with every item of HG 123/2002 art. 27, as pages, JSON
//! and PDF/DOCX/XLSX downloads from one document definition each; and what the Law 544 report
//! needs recorded beyond the register (`facts`).

pub mod api;
pub mod cases;
pub mod court;
pub mod facts;
mod forms;
pub mod law544;
mod pages;
pub mod petitions;
pub mod petitions_doc;
pub mod texts;

use crate::auth::access::Routes;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::registry::numbers::today;
use crate::web::Lang;
use cases::Period;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(forms::routes())
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        api::petitions,
        api::law544,
        api::set_facts,
        api::add_court_case,
        api::set_court_outcome,
        api::set_year
    ),
    components(schemas(
        petitions::Analysis,
        petitions::Totals,
        petitions::Count,
        petitions::DepartmentRow,
        cases::Period,
        law544::Law544,
        law544::Outcomes,
        cases::Facts,
        facts::FactsIn,
        court::CourtCase,
        court::CourtCaseIn,
        court::OutcomeIn,
        facts::YearFigures,
        facts::YearFiguresIn,
        facts::Lei
    ))
)]
pub struct ReportsApi;

/// A year as typed: 2000–2100.
pub fn year_of(text: Option<&str>) -> AppResult<i16> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(today().year() - 1),
        Some(t) => t
            .parse::<i16>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))
            .ok_or_else(|| {
                AppError::bad(
                    "year",
                    crate::error::Said::new(
                        "Anul: între 2000 și 2100.",
                        "the year is between 2000 and 2100",
                    ),
                )
            }),
    }
}

/// The half-year asked for; by default the last one that has ended.
pub fn half_of(q: &api::PeriodQuery) -> AppResult<(i16, u8)> {
    let t = today();
    let (default_year, default_half) = if t.month() <= 6 {
        (t.year() - 1, 2)
    } else {
        (t.year(), 1)
    };
    let given = q.year.as_deref().map(str::trim).filter(|y| !y.is_empty());
    let year = match given {
        None => default_year,
        y => year_of(y)?,
    };
    let half = match q.half.as_deref().map(str::trim).filter(|h| !h.is_empty()) {
        None if given.is_none() => default_half,
        None | Some("1") => 1,
        Some("2") => 2,
        Some(_) => {
            return Err(AppError::bad(
                "half",
                crate::error::Said::new(
                    "Semestrul: 1 (ianuarie–iunie) sau 2 (iulie–decembrie).",
                    "half is 1 (January–June) or 2 (July–December)",
                ),
            ));
        }
    };
    Ok((year, half))
}

/// The half-yearly analysis, department names in `lang`.
pub async fn analysis(db: &Db, year: i16, half: u8, lang: Lang) -> AppResult<petitions::Analysis> {
    let period = Period::half(year, half)?;
    let before = period.previous_half()?;
    let current = cases::load(db, "petition", period, lang).await?;
    let previous = cases::load(db, "petition", before, lang).await?;
    Ok(petitions::analyse(
        &current,
        &previous,
        period,
        before,
        today(),
    ))
}

/// The Law 544 report of `year`.
pub async fn law544_report(db: &Db, year: i16) -> AppResult<law544::Law544> {
    let all = cases::load(db, "info", Period::year(year)?, Lang::Ro).await?;
    let court = court::court_cases(db, year).await?;
    let figures = facts::year_figures(db, year).await?;
    Ok(law544::compute(year, &all, &court, figures, today()))
}
