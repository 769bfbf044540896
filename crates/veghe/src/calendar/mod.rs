//! The legal calendar for people and scripts: public holidays and deadline arithmetic from
//! `veghe-ro`, as a page for clerks, a JSON API and the `veghe calendar` commands.

use askama::Template;
use axum::Json;
use axum::extract::Path;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use veghe_ro::calendar::{Date, holidays};
use veghe_ro::deadline::{Rule, due_date};

use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::error::{AppError, AppResult};

use crate::http::extract::Query;
use crate::web::{Lang, Shell, render};

/// This feature's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(api_holidays, api_deadline),
    components(schemas(HolidayOut, DeadlineOut)),
    tags((name = "calendar", description = "Legal calendar and deadlines"))
)]
pub struct CalendarApi;

pub fn routes() -> Routes {
    Routes::new()
        .get("/calendar", Access::Roles(groups::CALENDAR), page)
        .get(
            "/api/v1/calendar/holidays/{year}",
            Access::SignedIn,
            api_holidays,
        )
        .get("/api/v1/calendar/deadline", Access::SignedIn, api_deadline)
}

/// Parses a year in the range the calendar is defined for.
pub fn parse_year(text: &str) -> Result<i16, AppError> {
    text.trim()
        .parse::<i16>()
        .ok()
        .filter(|y| (1900..=2199).contains(y))
        .ok_or_else(|| {
            AppError::bad(
                "year",
                format!("`{text}` is not a year between 1900 and 2199"),
            )
        })
}

/// Parses an ISO date (YYYY-MM-DD) or a Romanian one (DD.MM.YYYY).
pub fn parse_date(text: &str) -> Result<Date, AppError> {
    let t = text.trim();
    let parsed = if let Some((d, rest)) = t.split_once('.') {
        rest.split_once('.')
            .and_then(|(m, y)| Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok())
    } else {
        t.parse::<Date>().ok()
    };
    parsed
        .filter(|d| (1900..=2199).contains(&d.year()))
        .ok_or_else(|| {
            AppError::bad(
                "from",
                format!("`{t}` is not a date (use YYYY-MM-DD or DD.MM.YYYY, years 1900–2199)"),
            )
        })
}

pub fn parse_rule(text: &str) -> Result<Rule, AppError> {
    text.parse::<Rule>()
        .map_err(|e| AppError::bad("rule", e.to_string()))
}

/// `dd.mm.yyyy`, as Romanian documents write dates.
pub fn ro_date(d: Date) -> String {
    d.strftime("%d.%m.%Y").to_string()
}

fn weekday_name(d: Date, lang: Lang) -> &'static str {
    const RO: [&str; 7] = [
        "luni",
        "marți",
        "miercuri",
        "joi",
        "vineri",
        "sâmbătă",
        "duminică",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0);
    if lang == Lang::Ro { RO[i] } else { EN[i] }
}

struct HolidayRow {
    date: String,
    weekday: &'static str,
    name: &'static str,
}

struct RuleOption {
    code: &'static str,
    label: String,
    selected: bool,
}

struct Answer {
    due: String,
    due_iso: String,
    weekday: &'static str,
    basis: &'static str,
}

#[derive(Template)]
#[template(path = "calendar/calendar.html")]
struct CalendarPage {
    shell: Shell,
    rules: Vec<RuleOption>,
    from: String,
    year: i16,
    answer: Option<Answer>,
    holidays: Vec<HolidayRow>,
}

#[derive(Deserialize)]
struct PageQuery {
    rule: Option<String>,
    from: Option<String>,
    year: Option<String>,
}

async fn page(shell: Shell, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let today = jiff::Zoned::now()
        .with_time_zone(crate::time::bucharest())
        .date();
    let rule = q
        .rule
        .as_deref()
        .filter(|r| !r.is_empty())
        .map(parse_rule)
        .transpose()?;
    let from = q
        .from
        .as_deref()
        .filter(|f| !f.is_empty())
        .map(parse_date)
        .transpose()?;
    let year = match q.year.as_deref().filter(|y| !y.is_empty()) {
        Some(y) => parse_year(y)?,
        None => from.map_or(today.year(), |f| f.year()),
    };
    let answer = match (rule, from) {
        (Some(r), Some(f)) => {
            let due = due_date(r, f);
            Some(Answer {
                due: ro_date(due),
                due_iso: due.to_string(),
                weekday: weekday_name(due, shell.lang),
                basis: r.legal_basis(),
            })
        }
        _ => None,
    };
    let lang = shell.lang;
    let rules = Rule::all()
        .iter()
        .map(|r| RuleOption {
            code: r.name(),
            label: format!(
                "{} ({} {})",
                if lang == Lang::Ro {
                    r.description_ro()
                } else {
                    r.description_en()
                },
                r.days(),
                if lang == Lang::Ro { "zile" } else { "days" }
            ),
            selected: Some(*r) == rule,
        })
        .collect();
    let holidays = holidays(year)
        .into_iter()
        .map(|h| HolidayRow {
            date: ro_date(h.date),
            weekday: weekday_name(h.date, lang),
            name: if lang == Lang::Ro {
                h.name_ro
            } else {
                h.name_en
            },
        })
        .collect();
    render(&CalendarPage {
        shell,
        rules,
        from: from.unwrap_or(today).to_string(),
        year,
        answer,
        holidays,
    })
}

/// A public holiday.
#[derive(Serialize, utoipa::ToSchema)]
pub struct HolidayOut {
    /// YYYY-MM-DD
    pub date: String,
    pub name_ro: &'static str,
    pub name_en: &'static str,
}

/// The public holidays of a year (Labour Code art. 139), Orthodox Easter and Pentecost computed.
#[utoipa::path(get, path = "/api/v1/calendar/holidays/{year}", tag = "calendar",
    params(("year" = i32, Path, description = "1900–2199")),
    responses((status = 200, body = [HolidayOut]), (status = 400, description = "not a year"), (status = 401)),
    security(("bearer" = [])))]
pub async fn api_holidays(Path(year): Path<String>) -> AppResult<Json<Vec<HolidayOut>>> {
    let year = parse_year(&year)?;
    Ok(Json(
        holidays(year)
            .into_iter()
            .map(|h| HolidayOut {
                date: h.date.to_string(),
                name_ro: h.name_ro,
                name_en: h.name_en,
            })
            .collect(),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct DeadlineQuery {
    /// petition-answer, petition-forward, petition-extension, info-answer, info-complex, info-refusal, info-complaint-answer
    pub rule: String,
    /// The date the term runs from, YYYY-MM-DD.
    pub from: String,
}

/// A computed deadline.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DeadlineOut {
    pub rule: &'static str,
    pub from: String,
    pub days: i32,
    /// YYYY-MM-DD
    pub due: String,
    pub legal_basis: &'static str,
}

/// The due date of a legal term (Civil Code art. 2553: moved past non-working days).
#[utoipa::path(get, path = "/api/v1/calendar/deadline", tag = "calendar", params(DeadlineQuery),
    responses((status = 200, body = DeadlineOut), (status = 400, description = "bad rule or date"), (status = 401)),
    security(("bearer" = [])))]
pub async fn api_deadline(Query(q): Query<DeadlineQuery>) -> AppResult<Json<DeadlineOut>> {
    let rule = parse_rule(&q.rule)?;
    let from = parse_date(&q.from)?;
    Ok(Json(DeadlineOut {
        rule: rule.name(),
        from: from.to_string(),
        days: rule.days(),
        due: due_date(rule, from).to_string(),
        legal_basis: rule.legal_basis(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_in_both_forms_and_bad_ones_are_named() {
        assert_eq!(
            parse_date("2026-11-29").expect("iso").to_string(),
            "2026-11-29"
        );
        assert_eq!(
            parse_date("29.11.2026").expect("ro").to_string(),
            "2026-11-29"
        );
        let e = parse_date("31.02.2026").expect_err("impossible");
        assert!(e.to_string().contains("31.02.2026"));
        assert!(parse_year("abc").is_err());
        assert!(parse_year("2026").is_ok());
    }
}
