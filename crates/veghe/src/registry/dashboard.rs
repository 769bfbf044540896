//! The head of service's dashboard: for a year's registrations, by department and by kind, the
//! volume, what is still open, what was answered, the share answered within the legal term and
//! the average days from registration to the answer.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use sqlx::Row;

use super::labels;
use super::numbers::{day_of, today};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    Routes::new().get(
        "/registry/dashboard",
        Access::Roles(groups::OVERSIGHT),
        page,
    )
}

/// One registration, as the figures need it.
pub struct Case {
    pub group: String,
    pub open: bool,
    /// Registration day and answer day, when answered.
    pub registered: jiff::civil::Date,
    pub answered: Option<jiff::civil::Date>,
    pub due: Option<jiff::civil::Date>,
}

/// The figures of one group.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub group: String,
    pub volume: i64,
    pub open: i64,
    pub answered: i64,
    pub on_time: i64,
    /// Days from registration to the answer, averaged; `None` with no answer yet.
    pub average_days: Option<f64>,
}

impl Figures {
    /// Answered within the term, of those answered, in percent.
    pub fn on_time_pct(&self) -> String {
        if self.answered == 0 {
            "—".into()
        } else {
            format!("{:.0}%", 100.0 * self.on_time as f64 / self.answered as f64)
        }
    }

    pub fn average(&self) -> String {
        self.average_days
            .map_or_else(|| "—".into(), |d| format!("{d:.1}"))
    }
}

/// The figures per group, in the groups' order.
pub fn figures(cases: &[Case]) -> Vec<Figures> {
    let mut by: BTreeMap<&str, (Figures, i64)> = BTreeMap::new();
    for c in cases {
        let (f, days) = by.entry(&c.group).or_default();
        f.group.clone_from(&c.group);
        f.volume += 1;
        f.open += i64::from(c.open);
        if let Some(a) = c.answered {
            f.answered += 1;
            f.on_time += i64::from(c.due.is_none_or(|d| a <= d));
            *days += i64::from((a - c.registered).get_days());
        }
    }
    by.into_values()
        .map(|(mut f, days)| {
            f.average_days = (f.answered > 0).then(|| days as f64 / f.answered as f64);
            f
        })
        .collect()
}

#[derive(Debug, Deserialize)]
struct DashQuery {
    year: Option<i64>,
}

#[derive(Template)]
#[template(path = "registry/dashboard.html")]
struct DashPage {
    shell: Shell,
    year: i64,
    /// (caption, rows): by department, then by kind.
    tables: Vec<(&'static str, Vec<Figures>)>,
}

fn date(s: Option<String>) -> Option<jiff::civil::Date> {
    s.and_then(|d| d.parse().ok())
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    let year = q.year.unwrap_or_else(|| i64::from(today().year()));
    if !(2000..=2100).contains(&year) {
        return Err(AppError::bad(
            "year",
            crate::error::Said::new(
                "Anul: între 2000 și 2100.",
                "the year is between 2000 and 2100",
            ),
        ));
    }
    let rows = sqlx::query(
        "SELECT e.kind, e.status, e.registered_at, e.answer_sent_on, e.due_on, d.name_ro, d.name_en \
         FROM registry_entries e LEFT JOIN registry_departments d ON d.id = e.department_id \
         WHERE e.year = $1 AND e.register <> 'internal'",
    )
    .bind(year)
    .fetch_all(state.db.pool())
    .await?;
    let mut by_dept = Vec::new();
    let mut by_kind = Vec::new();
    for r in rows {
        let status: String = r.try_get("status")?;
        let open = veghe_ro::petition::Status::parse(&status)
            .is_some_and(veghe_ro::petition::Status::is_open);
        let dept: Option<String> = r.try_get(match shell.lang {
            crate::web::Lang::Ro => "name_ro",
            crate::web::Lang::En => "name_en",
        })?;
        let kind: String = r.try_get("kind")?;
        let registered = day_of(r.try_get("registered_at")?);
        let answered = date(r.try_get("answer_sent_on")?);
        let due = date(r.try_get("due_on")?);
        let case = |group: String| Case {
            group,
            open,
            registered,
            answered,
            due,
        };
        by_dept.push(case(dept.unwrap_or_else(|| "—".into())));
        by_kind.push(case(labels::kind(&kind, shell.lang).to_string()));
    }
    let tables = vec![
        (shell.tr.dash_by_department, figures(&by_dept)),
        (shell.tr.dash_by_kind, figures(&by_kind)),
    ];
    render(&DashPage {
        shell,
        year,
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn volumes_on_time_and_average_days() {
        let c = |group: &str, answered: Option<i8>, due: i8| Case {
            group: group.into(),
            open: answered.is_none(),
            registered: date(2026, 3, 1),
            answered: answered.map(|d| date(2026, 3, d)),
            due: Some(date(2026, 3, due)),
        };
        let f = figures(&[
            c("A", Some(11), 31),
            c("A", Some(31), 20),
            c("A", None, 31),
            c("B", None, 31),
        ]);
        assert_eq!(f.len(), 2);
        assert_eq!(
            (f[0].volume, f[0].open, f[0].answered, f[0].on_time),
            (3, 1, 2, 1)
        );
        assert_eq!(f[0].average_days, Some(20.0));
        assert_eq!(f[0].on_time_pct(), "50%");
        assert_eq!(f[1].average(), "—");
    }
}
