//! Retention of personal data in the registers: a term per register (configurable; the defaults
//! and their basis are stated in the migration and on the page), counted from 1 January of the
//! year after the case closed. Past it, `purge` anonymises the petitioner's data and keeps what
//! the statistics count; an erasure request (GDPR art. 17) does the same for one person's
//! entries whose term has ended and names, for the others, the rule that keeps them.

pub mod api;
pub mod cli;
mod pages;
pub mod purge;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::json;
use veghe_ro::petition::Status;

use crate::audit::{self, Actor, Change};
use crate::auth::access::Routes;
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};

pub fn routes() -> Routes {
    pages::routes().merge(api::routes())
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(api::api_terms, api::api_set_term, api::api_purge, api::api_erase),
    components(schemas(
        Term,
        TermIn,
        api::PurgeIn,
        purge::PurgeReport,
        purge::Kept,
        api::ErasureIn,
        purge::ErasureReport
    ))
)]
pub struct RetentionApi;

/// A register's retention term.
#[derive(Clone, Debug, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Term {
    /// petition, info, internal; press_journalist (a retired journalist's contacts).
    pub register: String,
    pub years: i64,
    /// The legal basis, as the administrator states it.
    pub basis: String,
}

/// A new term.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TermIn {
    /// 1 to 100.
    pub years: Option<i64>,
    pub basis: Option<String>,
}

/// The day personal data may go: 1 January of the year after the case closed, plus the term.
pub fn retained_until(closed: Date, years: i64) -> Date {
    let year = i64::from(closed.year()) + 1 + years.max(0);
    Date::new(i16::try_from(year.min(9000)).unwrap_or(9000), 1, 1).unwrap_or(Date::MAX)
}

/// What tells when a case closed.
pub struct Closing<'a> {
    pub status: &'a str,
    pub registered: Date,
    pub answered: Option<Date>,
    pub forwarded: Option<Date>,
    pub archived: Option<Date>,
}

/// The day the case closed: the latest of its answer, forwarding, archiving and registration;
/// `None` while it is open, or joined to a petition not yet answered.
pub fn closed_on(c: &Closing) -> Option<Date> {
    let status = Status::parse(c.status)?;
    if status.is_open() || (status == Status::Joined && c.answered.is_none()) {
        return None;
    }
    [c.answered, c.forwarded, c.archived]
        .into_iter()
        .flatten()
        .chain([c.registered])
        .max()
}

pub async fn terms(db: &Db) -> AppResult<Vec<Term>> {
    Ok(
        sqlx::query_as("SELECT register, years, basis FROM registry_retention ORDER BY register")
            .fetch_all(db.pool())
            .await?,
    )
}

/// Sets `register`'s term.
pub async fn set_term(db: &Db, actor: &Actor, register: &str, input: TermIn) -> AppResult<Term> {
    let years = input.years.ok_or_else(|| {
        AppError::bad(
            "years",
            crate::error::Said::new(
                "Anii de păstrare: câmpul este obligatoriu.",
                "years is required",
            ),
        )
    })?;
    if !(1..=100).contains(&years) {
        return Err(AppError::bad(
            "years",
            crate::error::Said::new(
                "Anii de păstrare: între 1 și 100 de ani.",
                "a retention term is 1 to 100 years",
            ),
        ));
    }
    let basis = input
        .basis
        .map(|b| b.trim().to_string())
        .unwrap_or_default();
    if basis.chars().count() < 5 || basis.chars().count() > 500 {
        return Err(AppError::bad(
            "basis",
            crate::error::Said::new(
                "Temeiul legal: scrieți temeiul legal al termenului (între 5 și 500 de caractere).",
                "state the legal basis of the term (5 to 500 characters)",
            ),
        ));
    }
    let mut tx = db.begin().await?;
    let (before_years, before_basis): (i64, String) =
        sqlx::query_as("SELECT years, basis FROM registry_retention WHERE register = $1")
            .bind(register)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                AppError::bad(
                    "register",
                    crate::error::Said::new(
                        "Registrul: alegeți petiții, informații publice sau intern.",
                        "register is petition, info or internal",
                    ),
                )
            })?;
    sqlx::query("UPDATE registry_retention SET years = $2, basis = $3, updated_at = $4, updated_by = $5 WHERE register = $1")
        .bind(register)
        .bind(years)
        .bind(&basis)
        .bind(now_ms())
        .bind(actor.user_id)
        .execute(&mut *tx)
        .await?;
    let term = Term {
        register: register.to_string(),
        years,
        basis,
    };
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "registry.retention_term",
            entity: "registry_retention",
            entity_id: Some(register.to_string()),
            before: Some(json!({"years": before_years, "basis": before_basis})),
            after: Some(json!(term)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(term)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn the_term_runs_from_the_new_year_after_closing() {
        assert_eq!(retained_until(date(2020, 5, 4), 5), date(2026, 1, 1));
        assert_eq!(retained_until(date(2020, 12, 31), 5), date(2026, 1, 1));
        let c = |status, answered, archived| Closing {
            status,
            registered: date(2020, 3, 2),
            answered,
            forwarded: None,
            archived,
        };
        assert_eq!(
            closed_on(&c("routed", None, None)),
            None,
            "open cases are kept"
        );
        assert_eq!(
            closed_on(&c("joined", None, None)),
            None,
            "joined, waiting for the answer"
        );
        assert_eq!(
            closed_on(&c("answered", Some(date(2020, 3, 30)), None)),
            Some(date(2020, 3, 30))
        );
        assert_eq!(
            closed_on(&c(
                "archived",
                Some(date(2020, 12, 30)),
                Some(date(2021, 1, 5))
            )),
            Some(date(2021, 1, 5)),
            "archived in the new year: the term starts a year later"
        );
        assert_eq!(closed_on(&c("classed", None, None)), Some(date(2020, 3, 2)));
    }
}
