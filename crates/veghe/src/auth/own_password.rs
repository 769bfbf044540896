//! A person changes their own password at `/account/password` (linked from the page header):
//! the current one required, the new one by the rule, their other sessions ended. After a
//! one-time password, every page leads here until it is done (`password_due`).

use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::access::Routes;
use super::password::digest;
use super::password_due::{PAGE, PasswordChangeDue};
use super::texts::{self, T};
use super::{Access, CurrentUser, Via, changes, cookie, session};
use crate::AppState;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    Routes::new()
        .get(PAGE, Access::SignedIn, page)
        .post(PAGE, Access::SignedIn, change)
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    shell: Shell,
    t: &'static T,
    forced: bool,
    done: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Done {
    changed: Option<String>,
}

async fn page(
    shell: Shell,
    due: Option<PasswordChangeDue>,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    render(&PasswordPage {
        t: texts::of(shell.lang),
        shell,
        forced: due.is_some(),
        done: q.changed.is_some() && due.is_none(),
        error: None,
    })
}

#[derive(Deserialize)]
struct ChangeForm {
    current_password: String,
    password: String,
    password_repeat: String,
}

/// The digest of the session in use, so that changing the password keeps it open.
pub fn session_in_use(me: &CurrentUser, headers: &HeaderMap) -> Option<String> {
    (me.via == Via::Session)
        .then(|| cookie(headers, session::COOKIE).map(digest))
        .flatten()
}

/// The repeated new password must be the same, else a 400 naming `password_repeat`.
fn same(password: &str, repeat: &str) -> AppResult<()> {
    if password != repeat {
        return Err(AppError::bad(
            "password_repeat",
            Said::new(texts::RO.mismatch, texts::EN.mismatch),
        ));
    }
    Ok(())
}

async fn change(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    headers: HeaderMap,
    due: Option<PasswordChangeDue>,
    Form(form): Form<ChangeForm>,
) -> AppResult<Response> {
    let done = async {
        same(&form.password, &form.password_repeat)?;
        changes::change_own_password(
            &state.db,
            &me,
            &form.current_password,
            &form.password,
            session_in_use(&me, &headers).as_deref(),
            state.config.password_cost,
        )
        .await
    }
    .await;
    match done {
        Ok(_) => Ok(Redirect::to(&format!("{PAGE}?changed=1")).into_response()),
        Err(e @ (AppError::BadRequest { .. } | AppError::Conflict(_))) => {
            let status = e.status();
            let mut response = render(&PasswordPage {
                t: texts::of(shell.lang),
                error: Some(e.said(shell.lang)),
                shell,
                forced: due.is_some(),
                done: false,
            })?;
            *response.status_mut() = status;
            Ok(response)
        }
        Err(other) => Err(other),
    }
}
