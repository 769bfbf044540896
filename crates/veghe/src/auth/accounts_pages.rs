//! The administrator's accounts pages: `/users` (every account, adding one with a one-time
//! password) and `/users/{username}` (role, contact details, disabling, a new one-time
//! password, the live sessions).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::access::Routes;
use super::changes::{self, Edit, Effects};
use super::session::{self, SessionInfo};
use super::texts::{self, T};
use super::users::{self, Account, User, Username};
use super::{Access, CurrentUser, Role, groups};
use crate::AppState;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::Form;
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/users", admin, list_page)
        .post("/users", admin, add)
        .get("/users/{username}", admin, account_page)
        .post("/users/{username}/role", admin, change_role)
        .post("/users/{username}/disabled", admin, change_disabled)
        .post("/users/{username}/details", admin, change_details)
        .post("/users/{username}/password", admin, reset_password)
        .post("/users/{username}/end-sessions", admin, end_sessions)
}

/// A role's code and its name in the page's language.
fn roles(lang: Lang) -> Vec<(&'static str, &'static str)> {
    Role::ALL
        .iter()
        .map(|r| (r.code(), role_label(*r, lang)))
        .collect()
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    match lang {
        Lang::Ro => role.label_ro(),
        Lang::En => role.label_en(),
    }
}

/// A role typed into a form or a body: one of the codes, or a 400 naming `role`.
pub fn parse_role(text: &str) -> AppResult<Role> {
    text.parse().map_err(|e: super::role::UnknownRole| {
        AppError::bad(
            "role",
            Said::new(
                format!(
                    "Rolul: „{}” nu este un rol; alegeți unul din listă.",
                    text.trim()
                ),
                e.to_string(),
            ),
        )
    })
}

/// One row of the accounts table, with its words ready.
struct Row {
    username: String,
    display_name: String,
    role: &'static str,
    disabled: bool,
    must_change: bool,
    last_login: Option<String>,
    sessions: i64,
}

impl Row {
    fn of(a: Account, lang: Lang) -> Row {
        Row {
            role: role_label(a.user.role, lang),
            last_login: a.user.last_login_at.map(local_time),
            username: a.user.username,
            display_name: a.user.display_name,
            disabled: a.user.disabled,
            must_change: a.user.must_change_password,
            sessions: a.sessions,
        }
    }
}

/// What the add form held, to show it again beside a refusal.
#[derive(Default, Deserialize)]
struct NewAccountForm {
    username: String,
    display_name: String,
    role: String,
    email: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/users.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    roles: Vec<(&'static str, &'static str)>,
    /// The account just created and its one-time password, shown once.
    created: Option<(String, String)>,
    error: Option<String>,
    form: NewAccountForm,
}

async fn list_with(
    state: &AppState,
    shell: Shell,
    created: Option<(String, String)>,
    error: Option<(AppError, NewAccountForm)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let rows = users::accounts(&state.db)
        .await?
        .into_iter()
        .map(|a| Row::of(a, lang))
        .collect();
    let (status, error, form) = match error {
        Some((e, form)) => (Some(e.status()), Some(e.said(lang)), form),
        None => (None, None, NewAccountForm::default()),
    };
    let mut response = render(&ListPage {
        t: texts::of(lang),
        roles: roles(lang),
        shell,
        rows,
        created,
        error,
        form,
    })?;
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    Ok(response)
}

async fn list_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    list_with(&state, shell, None, None).await
}

async fn add(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    Form(form): Form<NewAccountForm>,
) -> AppResult<Response> {
    let made = async {
        let new = users::NewUser {
            username: Username::parse(&form.username)?,
            display_name: &form.display_name,
            role: parse_role(&form.role)?,
            email: form.email.as_deref(),
            password: "",
        };
        users::create_with_one_time_password(
            &state.db,
            &me.actor(),
            new,
            state.config.password_cost,
        )
        .await
    }
    .await;
    match made {
        Ok((user, password)) => {
            list_with(&state, shell, Some((user.username, password)), None).await
        }
        Err(e) => {
            let e = shown(e)?;
            list_with(&state, shell, None, Some((e, form))).await
        }
    }
}

/// A refusal the page shows beside its form (bad input, a rule); anything else is an error page.
fn shown(e: AppError) -> AppResult<AppError> {
    match e {
        e @ (AppError::BadRequest { .. } | AppError::Conflict(_)) => Ok(e),
        other => Err(other),
    }
}

/// A live session as the account page shows it.
struct SessionRow {
    started: String,
    seen: String,
    expires: String,
    agent: String,
    address: String,
}

/// What the account page says after an action.
#[derive(Default)]
struct Outcome {
    saved: bool,
    effects: Effects,
    one_time_password: Option<String>,
    error: Option<AppError>,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
struct AccountPage {
    shell: Shell,
    t: &'static T,
    user: User,
    role: &'static str,
    roles: Vec<(&'static str, &'static str)>,
    last_login: Option<String>,
    sessions: Vec<SessionRow>,
    is_me: bool,
    saved: bool,
    effects: Effects,
    one_time_password: Option<String>,
    error: Option<String>,
}

async fn account_with(
    state: &AppState,
    shell: Shell,
    username: &Username,
    outcome: Outcome,
) -> AppResult<Response> {
    let user = users::get(&state.db, username).await?;
    let lang = shell.lang;
    let sessions = session::list_for(&state.db, user.id)
        .await?
        .into_iter()
        .map(|s: SessionInfo| SessionRow {
            started: local_time(s.created_at),
            seen: local_time(s.last_seen),
            expires: local_time(s.expires_at),
            agent: s.user_agent.unwrap_or_default(),
            address: s.address.unwrap_or_default(),
        })
        .collect();
    let status = outcome.error.as_ref().map(AppError::status);
    let mut response = render(&AccountPage {
        t: texts::of(lang),
        role: role_label(user.role, lang),
        roles: roles(lang),
        last_login: user.last_login_at.map(local_time),
        is_me: shell.user.as_ref().is_some_and(|u| u.id == user.id),
        shell,
        user,
        sessions,
        saved: outcome.saved,
        effects: outcome.effects,
        one_time_password: outcome.one_time_password,
        error: outcome.error.map(|e| e.said(lang)),
    })?;
    if let Some(status) = status {
        *response.status_mut() = status;
    }
    Ok(response)
}

async fn account_page(
    State(state): State<AppState>,
    shell: Shell,
    username: Username,
) -> AppResult<Response> {
    account_with(&state, shell, &username, Outcome::default()).await
}

/// Shows the account after a change: what it did, or the refusal beside the forms.
async fn after(
    state: &AppState,
    shell: Shell,
    username: &Username,
    done: AppResult<(Effects, Option<String>)>,
) -> AppResult<Response> {
    let outcome = match done {
        Ok((effects, one_time_password)) => Outcome {
            saved: true,
            effects,
            one_time_password,
            error: None,
        },
        Err(e) => Outcome {
            error: Some(shown(e)?),
            ..Outcome::default()
        },
    };
    account_with(state, shell, username, outcome).await
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

async fn change_role(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    username: Username,
    Form(form): Form<RoleForm>,
) -> AppResult<Response> {
    let done = async {
        let role = parse_role(&form.role)?;
        changes::set_role(&state.db, &me.actor(), username.as_str(), role).await?;
        Ok((Effects::default(), None))
    }
    .await;
    after(&state, shell, &username, done).await
}

#[derive(Deserialize)]
struct DisabledForm {
    disabled: String,
}

/// `1`/`true` or `0`/`false`, else a 400 naming `disabled`.
fn parse_disabled(text: &str) -> AppResult<bool> {
    match text {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(AppError::bad(
            "disabled",
            Said::new("Activ: alegeți da sau nu.", "must be 1 or 0"),
        )),
    }
}

/// Nobody disables their own account (they would lock themselves out mid-change).
pub fn not_myself(me: &CurrentUser, username: &Username, disabled: bool) -> AppResult<()> {
    if disabled && username.as_str() == me.username {
        return Err(AppError::conflict(Said::new(
            "Nu vă puteți dezactiva propriul cont.",
            "you cannot disable your own account",
        )));
    }
    Ok(())
}

async fn change_disabled(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    username: Username,
    Form(form): Form<DisabledForm>,
) -> AppResult<Response> {
    let done = async {
        let disabled = parse_disabled(&form.disabled)?;
        not_myself(&me, &username, disabled)?;
        let (_, effects) =
            changes::set_disabled(&state.db, &me.actor(), username.as_str(), disabled).await?;
        Ok((effects, None))
    }
    .await;
    after(&state, shell, &username, done).await
}

#[derive(Deserialize)]
struct DetailsForm {
    display_name: String,
    email: Option<String>,
}

async fn change_details(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    username: Username,
    Form(form): Form<DetailsForm>,
) -> AppResult<Response> {
    let change = Edit {
        display_name: Some(form.display_name),
        email: Some(form.email),
        ..Edit::default()
    };
    let done = changes::edit(&state.db, &me.actor(), username.as_str(), change)
        .await
        .map(|(_, effects)| (effects, None));
    after(&state, shell, &username, done).await
}

async fn reset_password(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    username: Username,
) -> AppResult<Response> {
    let done = changes::reset_password(
        &state.db,
        &me.actor(),
        username.as_str(),
        None,
        state.config.password_cost,
    )
    .await
    .map(|(_, password, effects)| (effects, password));
    after(&state, shell, &username, done).await
}

async fn end_sessions(
    State(state): State<AppState>,
    shell: Shell,
    me: CurrentUser,
    username: Username,
) -> AppResult<Response> {
    let done = changes::end_sessions(&state.db, &me.actor(), &username)
        .await
        .map(|n| {
            let effects = Effects {
                sessions_ended: n,
                tokens_revoked: 0,
            };
            (effects, None)
        });
    after(&state, shell, &username, done).await
}
