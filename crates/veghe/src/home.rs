//! The home dashboard: what each role needs to see first when it signs in — what waits for the
//! person and what is overdue, each a link to where the work is done — then the figures. It
//! composes the features' figures, so it sits beside the route table rather than in the page frame.
//! A crew's home is its phone view.

mod charts;
mod texts;
mod work;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

pub use charts::Figure;
use texts::T;
use work::Group;

use crate::AppState;
use crate::auth::{Role, groups};
use crate::db::Db;
use crate::error::AppResult;
use crate::web::{Shell, render};

#[derive(Template)]
#[template(path = "web/home.html")]
struct HomePage {
    shell: Shell,
    t: &'static T,
    work: Vec<Group>,
    figures: Vec<Figure>,
    charts: Vec<String>,
}

pub async fn home(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let role = shell.user.as_ref().map(|u| u.role);
    if role == Some(Role::Crew) {
        return Ok(Redirect::to("/crew").into_response());
    }
    let t = texts::of(shell.lang);
    let mut figures = Vec::new();
    let mut charts = Vec::new();
    let work = match &shell.user {
        Some(u) => work::of(&state.db, u, t, crate::registry::numbers::today()).await?,
        None => Vec::new(),
    };
    if role.is_some_and(|r| groups::OPERATIONS_READ.contains(&r)) {
        charts::operations(&state.db, &shell, t, &mut figures, &mut charts).await?;
    }
    if role == Some(Role::Administrator) {
        let users: i64 = count(&state.db, "SELECT COUNT(*) AS n FROM users", &[]).await?;
        let audit: i64 = count(
            &state.db,
            "SELECT seq AS n FROM audit_head WHERE id = 1",
            &[],
        )
        .await?;
        figures.push(Figure {
            value: users.to_string(),
            label: shell.tr.accounts,
            note: None,
        });
        figures.push(Figure {
            value: audit.to_string(),
            label: shell.tr.audit_entries,
            note: None,
        });
    }
    render(&HomePage {
        shell,
        t,
        work,
        figures,
        charts,
    })
}

async fn count(db: &Db, sql: &'static str, binds: &[i64]) -> AppResult<i64> {
    let mut q = sqlx::query_scalar(sql);
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.fetch_optional(db.pool()).await?.unwrap_or(0))
}
