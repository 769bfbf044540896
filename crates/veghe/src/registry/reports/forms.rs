//! The forms of what the Law 544 report needs recorded: the requests' facts (their own page, one
//! form a request), court cases by the request's number, the year's costs, fees, measures and
//! responsible person. A bad input is shown on the report page, naming the field.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::Row;

use super::api::PeriodQuery;
use super::cases::{Case, Outcome, Period, load};
use super::court::{self, CourtCaseIn, OutcomeIn};
use super::facts::{self, DOMAINS, FactsIn, GROUNDS, YearFiguresIn};
use super::pages::law544_view;
use super::texts::{self, T};
use super::year_of;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::registry::numbers;
use crate::web::{Lang, Shell, render};
use veghe_ro::petition::Register;

pub fn routes() -> Routes {
    let desk = Access::Roles(groups::REGISTRY_DESK);
    Routes::new()
        .get("/registry/reports/law544/facts", desk, facts_page)
        .post("/registry/reports/law544/facts/{id}", desk, save_facts)
        .post("/registry/reports/law544/court", desk, add_court)
        .post("/registry/reports/law544/court/{id}", desk, court_outcome)
        .post(
            "/registry/reports/law544/year",
            Access::Roles(groups::OVERSIGHT),
            save_year,
        )
}

/// A bad input shown on the report page; other errors as they are.
async fn or_page(
    state: &AppState,
    shell: Shell,
    year: i16,
    r: AppResult<()>,
    to: String,
) -> AppResult<Response> {
    match r {
        Ok(()) => Ok(Redirect::to(&to).into_response()),
        Err(e @ AppError::BadRequest { .. }) => {
            let text = e.said(shell.lang);
            law544_view(state, shell, year, Some(text)).await
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
struct YearForm {
    #[serde(default)]
    year: String,
    #[serde(flatten)]
    figures: YearFiguresInForm,
}

/// The year's figures as the form sends them (every field text).
#[derive(Deserialize, Default)]
struct YearFiguresInForm {
    costs_lei: Option<String>,
    copy_income_lei: Option<String>,
    copy_fee_lei: Option<String>,
    copy_fee_basis: Option<String>,
    measures: Option<String>,
    responsible: Option<String>,
}

async fn save_year(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<YearForm>,
) -> AppResult<Response> {
    let year = year_of(Some(&form.year))?;
    let f = form.figures;
    let lei = |v: Option<String>| v.map(facts::Lei::Text);
    let parsed = YearFiguresIn {
        costs_lei: lei(f.costs_lei),
        copy_income_lei: lei(f.copy_income_lei),
        copy_fee_lei: lei(f.copy_fee_lei),
        copy_fee_basis: f.copy_fee_basis,
        measures: f.measures,
        responsible: f.responsible,
    }
    .parse();
    let r = match parsed {
        Ok(p) => facts::set_year_figures(&state.db, &me.actor(), year, p)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    or_page(
        &state,
        shell,
        year,
        r,
        format!("/registry/reports/law544?year={year}"),
    )
    .await
}

#[derive(Deserialize)]
struct CourtForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    number: String,
    court: Option<String>,
    case_number: Option<String>,
    filed_on: Option<String>,
}

/// The information entry a number names: `12/2026` or `12/03.02.2026`.
async fn entry_by_number(state: &AppState, text: &str) -> AppResult<i64> {
    numbers::entry_by_number(
        &state.db,
        text,
        &[Register::Info],
        "the number of a public-information request",
    )
    .await
}

async fn add_court(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<CourtForm>,
) -> AppResult<Response> {
    let year = year_of(Some(&form.year))?;
    let r = async {
        let entry = entry_by_number(&state, &form.number).await?;
        let input = CourtCaseIn {
            entry_id: Some(entry),
            court: form.court,
            case_number: form.case_number,
            filed_on: form.filed_on,
            outcome: None,
            decided_on: None,
        };
        court::add_court_case(&state.db, &me.actor(), input)
            .await
            .map(|_| ())
    }
    .await;
    or_page(
        &state,
        shell,
        year,
        r,
        format!("/registry/reports/law544?year={year}"),
    )
    .await
}

#[derive(Deserialize)]
struct OutcomeForm {
    #[serde(default)]
    year: String,
    outcome: Option<String>,
    decided_on: Option<String>,
}

async fn court_outcome(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<OutcomeForm>,
) -> AppResult<Response> {
    let year = year_of(Some(&form.year))?;
    let input = OutcomeIn {
        outcome: form.outcome,
        decided_on: form.decided_on,
    };
    let r = court::set_court_outcome(&state.db, &me.actor(), id, input)
        .await
        .map(|_| ());
    or_page(
        &state,
        shell,
        year,
        r,
        format!("/registry/reports/law544?year={year}"),
    )
    .await
}

/// An information entry with its facts, for the facts page.
struct FactsRow {
    id: i64,
    number: String,
    kind: &'static str,
    complaint: bool,
    subject: String,
    state: &'static str,
    refused: bool,
    domain: String,
    ground: String,
    note: String,
    outcome: String,
}

#[derive(Template)]
#[template(path = "registry/reports/facts.html")]
struct FactsPage {
    shell: Shell,
    t: &'static T,
    year: i16,
    rows: Vec<FactsRow>,
    domains: Vec<(&'static str, &'static str)>,
    grounds: Vec<(&'static str, &'static str)>,
    outcomes: Vec<(&'static str, &'static str)>,
}

fn facts_row(c: Case, number: String, lang: Lang) -> FactsRow {
    let state = match &c.outcome {
        Outcome::Open => "registered",
        Outcome::Answered { .. } => "answered",
        Outcome::Forwarded => "forwarded",
        Outcome::Joined => "joined",
        Outcome::Classed { .. } => "classed",
    };
    FactsRow {
        id: c.id,
        number,
        kind: crate::registry::labels::kind(&c.kind, lang),
        complaint: c.kind == "complaint",
        subject: c.subject,
        state: crate::registry::labels::status(state, lang),
        refused: matches!(c.outcome, Outcome::Answered { refused: true, .. }),
        domain: c.facts.domain.unwrap_or_default(),
        ground: c.facts.refusal_ground.unwrap_or_default(),
        note: c.facts.refusal_note.unwrap_or_default(),
        outcome: c.facts.complaint_outcome.unwrap_or_default(),
    }
}

async fn facts_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PeriodQuery>,
) -> AppResult<Response> {
    let year = year_of(q.year.as_deref())?;
    let t = texts::of(shell.lang);
    let cases = load(&state.db, "info", Period::year(year)?, shell.lang).await?;
    let numbers = sqlx::query("SELECT id, number, number_date FROM registry_entries WHERE register = 'info' AND year = $1")
        .bind(i64::from(year))
        .fetch_all(state.db.pool())
        .await?;
    let mut by_id = std::collections::HashMap::new();
    for r in numbers {
        let id: i64 = r.try_get("id")?;
        by_id.insert(
            id,
            crate::registry::numbers::reference(
                r.try_get("number")?,
                &r.try_get::<String, _>("number_date")?,
            ),
        );
    }
    let rows = cases
        .into_iter()
        .map(|c| {
            let n = by_id.get(&c.id).cloned().unwrap_or_default();
            facts_row(c, n, shell.lang)
        })
        .collect();
    render(&FactsPage {
        year,
        rows,
        domains: DOMAINS.iter().map(|d| (*d, t.domain(d))).collect(),
        grounds: GROUNDS.iter().map(|g| (*g, t.ground(g))).collect(),
        outcomes: facts::COMPLAINT_OUTCOMES
            .iter()
            .map(|o| (*o, t.outcome(o)))
            .collect(),
        t,
        shell,
    })
}

#[derive(Deserialize)]
struct FactsForm {
    #[serde(default)]
    year: String,
    #[serde(flatten)]
    facts: FactsIn,
}

async fn save_facts(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(form): Form<FactsForm>,
) -> AppResult<Response> {
    let year = year_of(Some(&form.year))?;
    let f = form.facts.parse()?;
    facts::set_facts(&state.db, &me.actor(), id, f).await?;
    Ok(Redirect::to(&format!(
        "/registry/reports/law544/facts?year={year}#f-{id}"
    ))
    .into_response())
}
