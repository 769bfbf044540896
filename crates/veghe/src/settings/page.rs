//! The administrator's page `/admin/settings`: each setting with its value in force, its initial
//! value and its last change, in one form; a refused value comes back with the form as typed.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::texts::{self, T};
use super::{CHECKIN_MINUTES, Key, STALE_MINUTES, store};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/admin/settings", admin, page)
        .post("/admin/settings", admin, save)
}

/// One setting on the page.
struct Row {
    key: &'static str,
    label: &'static str,
    hint: &'static str,
    /// The value in the field: in force, or as typed when refused.
    value: String,
    initial: String,
    /// Who changed it last, and when.
    changed: Option<(String, String)>,
    /// The range of a number of minutes; none for a time of day.
    range: Option<(i64, i64)>,
}

#[derive(Template)]
#[template(path = "settings/settings.html")]
struct Page {
    shell: Shell,
    t: &'static T,
    rows: Vec<Row>,
    saved: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
struct SettingsForm {
    stale_after_minutes: Option<String>,
    checkin_minutes: Option<String>,
    day_shift_starts: Option<String>,
    night_shift_starts: Option<String>,
}

impl SettingsForm {
    fn given(self) -> Vec<(Key, String)> {
        [
            (Key::StaleAfterMinutes, self.stale_after_minutes),
            (Key::CheckinMinutes, self.checkin_minutes),
            (Key::DayShiftStarts, self.day_shift_starts),
            (Key::NightShiftStarts, self.night_shift_starts),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

#[derive(Deserialize)]
struct Shown {
    saved: Option<String>,
}

async fn view(
    state: &AppState,
    shell: Shell,
    typed: &[(Key, String)],
    saved: bool,
    error: Option<String>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let rows = store::detailed(&state.db, &state.config)
        .await?
        .into_iter()
        .filter_map(|s| {
            let key = Key::from_code(s.key)?;
            Some(Row {
                key: s.key,
                label: texts::name(key, lang),
                hint: texts::hint(key, lang),
                value: typed
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(s.value, |(_, v)| v.clone()),
                initial: s.initial,
                changed: s
                    .updated_at
                    .zip(s.updated_by)
                    .map(|(at, by)| (by, local_time(at))),
                range: match key {
                    Key::StaleAfterMinutes => Some(STALE_MINUTES),
                    Key::CheckinMinutes => Some(CHECKIN_MINUTES),
                    Key::DayShiftStarts | Key::NightShiftStarts => None,
                },
            })
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let mut response = render(&Page {
        t: texts::of(lang),
        shell,
        rows,
        saved,
        error,
    })?;
    *response.status_mut() = status;
    Ok(response)
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<Shown>,
) -> AppResult<Response> {
    view(&state, shell, &[], q.saved.is_some(), None).await
}

async fn save(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    let given = form.given();
    match super::save(&state.db, &state.config, &me.actor(), &given).await {
        Ok(_) => Ok(Redirect::to("/admin/settings?saved=1").into_response()),
        Err(e @ AppError::BadRequest { .. }) => {
            let message = e.said(shell.lang);
            view(&state, shell, &given, false, Some(message)).await
        }
        Err(e) => Err(e),
    }
}
