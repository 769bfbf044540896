//! Deadlines by department: for each, the open cases, those past their legal or internal
//! deadline and those due within the next 7 days by either (the JSON at
//! `/api/v1/registry/deadlines`, the page `/registry/deadlines`); and the lists by internal
//! deadline a department's queue adds to the legal ones.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::Serialize;

use super::letters::labels::{self, Labels};
use super::numbers::today;
use super::store::{COLUMNS, Entry, FROM, entry_from};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::Db;
use crate::error::AppResult;
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    let head = Access::Roles(groups::OVERSIGHT);
    Routes::new()
        .get("/api/v1/registry/deadlines", read, api_deadlines)
        .get("/registry/deadlines", read, page)
        .post(
            "/api/v1/registry/reminders/run",
            head,
            super::reminders::run_now,
        )
        .post(
            "/registry/deadlines/reminders",
            head,
            super::reminders::run_page,
        )
}

/// One department's open cases by deadline.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct DepartmentDeadlines {
    /// The department's code; none for the cases not routed yet.
    #[sqlx(rename = "code")]
    pub department: Option<String>,
    pub name_ro: String,
    pub name_en: String,
    pub open: i64,
    pub overdue_legal: i64,
    pub overdue_internal: i64,
    /// Due today or within the next 7 days, not overdue.
    #[sqlx(rename = "week_legal")]
    pub due_week_legal: i64,
    #[sqlx(rename = "week_internal")]
    pub due_week_internal: i64,
}

fn week(day: jiff::civil::Date) -> String {
    day.checked_add(jiff::Span::new().days(7))
        .unwrap_or(day)
        .to_string()
}

/// Every department (and the cases not routed), on `day`.
pub async fn counts(db: &Db, day: jiff::civil::Date) -> AppResult<Vec<DepartmentDeadlines>> {
    let mut out: Vec<DepartmentDeadlines> = sqlx::query_as(
        "SELECT d.code, d.name_ro, d.name_en, COUNT(e.id) AS open, \
         COALESCE(SUM(CASE WHEN e.due_on < $1 THEN 1 ELSE 0 END), 0) AS overdue_legal, \
         COALESCE(SUM(CASE WHEN e.internal_due_on < $1 THEN 1 ELSE 0 END), 0) AS overdue_internal, \
         COALESCE(SUM(CASE WHEN e.due_on >= $1 AND e.due_on <= $2 THEN 1 ELSE 0 END), 0) AS week_legal, \
         COALESCE(SUM(CASE WHEN e.internal_due_on >= $1 AND e.internal_due_on <= $2 THEN 1 ELSE 0 END), 0) AS week_internal \
         FROM registry_departments d LEFT JOIN registry_entries e ON e.department_id = d.id AND e.status IN ('registered', 'routed') \
         GROUP BY d.id, d.code, d.name_ro, d.name_en ORDER BY d.name_ro",
    )
    .bind(day.to_string())
    .bind(week(day))
    .fetch_all(db.pool())
    .await?;
    let (open, overdue_legal, due_week_legal): (i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(*) AS open, \
         COALESCE(SUM(CASE WHEN due_on < $1 THEN 1 ELSE 0 END), 0) AS overdue_legal, \
         COALESCE(SUM(CASE WHEN due_on >= $1 AND due_on <= $2 THEN 1 ELSE 0 END), 0) AS week_legal \
         FROM registry_entries WHERE status = 'registered' AND department_id IS NULL AND due_on IS NOT NULL",
    )
    .bind(day.to_string())
    .bind(week(day))
    .fetch_one(db.pool())
    .await?;
    out.push(DepartmentDeadlines {
        department: None,
        name_ro: labels::RO.unrouted.to_string(),
        name_en: labels::EN.unrouted.to_string(),
        open,
        overdue_legal,
        overdue_internal: 0,
        due_week_legal,
        due_week_internal: 0,
    });
    Ok(out)
}

/// A department's open cases whose internal deadline falls in `[from, to]` (`""`: unbounded),
/// by that deadline.
pub async fn by_internal(db: &Db, department: &str, from: &str, to: &str) -> AppResult<Vec<Entry>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE e.status IN ('registered', 'routed') AND e.internal_due_on IS NOT NULL \
         AND ($1 = '' OR d.code = $1) AND ($2 = '' OR e.internal_due_on >= $2) AND ($3 = '' OR e.internal_due_on <= $3) \
         ORDER BY e.internal_due_on, e.id LIMIT 500"
    )))
    .bind(department)
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(entry_from).collect()
}

/// The internal-deadline lists of a department's queue on `day`: overdue, and due within 7 days.
pub async fn internal_lists(
    db: &Db,
    department: &str,
    day: jiff::civil::Date,
) -> AppResult<(Vec<Entry>, Vec<Entry>)> {
    let yesterday = day.yesterday().map(|d| d.to_string()).unwrap_or_default();
    let overdue = by_internal(db, department, "", &yesterday).await?;
    let soon = by_internal(db, department, &day.to_string(), &week(day)).await?;
    Ok((overdue, soon))
}

/// Open cases by department and deadline.
#[utoipa::path(get, path = "/api/v1/registry/deadlines", tag = "registry",
    responses((status = 200, body = [DepartmentDeadlines])), security(("bearer" = [])))]
pub async fn api_deadlines(
    State(state): State<AppState>,
) -> AppResult<Json<Vec<DepartmentDeadlines>>> {
    Ok(Json(counts(&state.db, today()).await?))
}

#[derive(Template)]
#[template(path = "registry/deadlines.html")]
struct Page {
    shell: Shell,
    l: &'static Labels,
    rows: Vec<DepartmentDeadlines>,
    can_run: bool,
}

impl Page {
    fn name<'a>(&self, d: &'a DepartmentDeadlines) -> &'a str {
        match self.shell.lang {
            Lang::Ro => &d.name_ro,
            Lang::En => &d.name_en,
        }
    }
}

async fn page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let can_run = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::OVERSIGHT.contains(&u.role));
    render(&Page {
        l: labels::of(shell.lang),
        rows: counts(&state.db, today()).await?,
        can_run,
        shell,
    })
}
