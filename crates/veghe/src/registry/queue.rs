//! A department's queue: overdue cases, those due within the week (by the legal and by the
//! internal deadline), and all open ones.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::departments::{self, Department};
use super::numbers;
use super::pages::{Row, row};
use super::store::{self, Entry, Filter};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::web::{Shell, render};

#[derive(Deserialize)]
pub(super) struct QueueQuery {
    department: Option<String>,
}

#[derive(Template)]
#[template(path = "registry/queue.html")]
struct QueuePage {
    shell: Shell,
    departments: Vec<Department>,
    department: String,
    overdue: Vec<Row>,
    due_week: Vec<Row>,
    /// By the department's own deadline.
    overdue_internal: Vec<Row>,
    due_week_internal: Vec<Row>,
    l: &'static super::letters::labels::Labels,
    open: Vec<Row>,
}

/// A department's cases: overdue, due within the week, and all open ones by deadline. An
/// officer sees their own department unless they choose another.
pub(super) async fn queue_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<QueueQuery>,
) -> AppResult<Response> {
    let all = departments::all(&state.db).await?;
    let mine = match &shell.user {
        Some(u) => departments::of_user(&state.db, u.id).await?,
        None => Vec::new(),
    };
    let department = match q.department.filter(|d| !d.is_empty()) {
        Some(d) if all.iter().any(|x| x.code == d) => d,
        Some(d) => {
            return Err(AppError::bad(
                "department",
                crate::error::Said::new(
                    format!("Compartimentul „{d}” nu există; alegeți din listă."),
                    format!("no department `{d}`"),
                ),
            ));
        }
        None => mine.first().map(|d| d.code.clone()).unwrap_or_default(),
    };
    let lang = shell.lang;
    let base = Filter {
        department: department.clone(),
        limit: 500,
        ..Filter::default()
    };
    let week = numbers::today()
        .checked_add(jiff::Span::new().days(7))
        .unwrap_or(numbers::today())
        .to_string();
    let rows = |v: Vec<Entry>| v.iter().map(|e| row(e, lang)).collect::<Vec<_>>();
    let overdue = rows(
        store::list(
            &state.db,
            &Filter {
                overdue: true,
                ..base.clone()
            },
        )
        .await?,
    );
    let due_week: Vec<Row> = rows(
        store::list(
            &state.db,
            &Filter {
                due_by: week,
                ..base.clone()
            },
        )
        .await?,
    )
    .into_iter()
    .filter(|r| !r.overdue)
    .collect();
    let mut open = rows(
        store::list(
            &state.db,
            &Filter {
                status: "routed".into(),
                ..base.clone()
            },
        )
        .await?,
    );
    if department.is_empty() {
        open.extend(rows(
            store::list(
                &state.db,
                &Filter {
                    status: "registered".into(),
                    ..base
                },
            )
            .await?,
        ));
    }
    let (late, soon) =
        super::deadlines::internal_lists(&state.db, &department, numbers::today()).await?;
    render(&QueuePage {
        overdue_internal: rows(late),
        due_week_internal: rows(soon),
        l: super::letters::labels::of(lang),
        shell,
        departments: all,
        department,
        overdue,
        due_week,
        open,
    })
}
