//! The settings over JSON: `GET /api/v1/settings` (each value, its initial value and last
//! change) and `PATCH /api/v1/settings` (the keys given, checked together), for the administrator.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use super::store::{self, Setting};
use super::{Key, Settings};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::AppResult;
use crate::http::extract::Body;

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(get, change),
    components(schemas(SettingsOut, SettingsIn, Setting)),
    tags((name = "settings", description = "The settings the service decides"))
)]
pub struct SettingsApi;

pub fn routes() -> Routes {
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/settings", admin, get)
        .patch("/api/v1/settings", admin, change)
}

/// The settings in force, and each one's story.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SettingsOut {
    /// A crew's position older than this many minutes shows as stale.
    pub stale_after_minutes: i64,
    /// The desk contacts each crew on duty at least this often (minutes).
    pub checkin_minutes: i64,
    /// When the day shift starts, `HH:MM` (Timișoara's time).
    pub day_shift_starts: String,
    /// When the night shift starts, `HH:MM`, later in the day than the day shift.
    pub night_shift_starts: String,
    /// Each setting with its initial value (the configuration file's or the default) and who
    /// changed it last, when.
    pub details: Vec<Setting>,
}

/// The settings to change; those left out keep their value.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsIn {
    /// 1–1440.
    pub stale_after_minutes: Option<i64>,
    /// 15–720.
    pub checkin_minutes: Option<i64>,
    /// `HH:MM`.
    pub day_shift_starts: Option<String>,
    /// `HH:MM`, later than `day_shift_starts`.
    pub night_shift_starts: Option<String>,
}

impl SettingsIn {
    fn given(self) -> Vec<(Key, String)> {
        [
            (
                Key::StaleAfterMinutes,
                self.stale_after_minutes.map(|m| m.to_string()),
            ),
            (
                Key::CheckinMinutes,
                self.checkin_minutes.map(|m| m.to_string()),
            ),
            (Key::DayShiftStarts, self.day_shift_starts),
            (Key::NightShiftStarts, self.night_shift_starts),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
    }
}

async fn out(state: &AppState, now: Settings) -> AppResult<Json<SettingsOut>> {
    Ok(Json(SettingsOut {
        stale_after_minutes: now.stale_after_minutes,
        checkin_minutes: now.checkin_minutes,
        day_shift_starts: now.value(Key::DayShiftStarts),
        night_shift_starts: now.value(Key::NightShiftStarts),
        details: store::detailed(&state.db, &state.config).await?,
    }))
}

/// The settings in force.
#[utoipa::path(get, path = "/api/v1/settings", tag = "settings",
    responses((status = 200, body = SettingsOut)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>) -> AppResult<Json<SettingsOut>> {
    let now = state.settings().await?;
    out(&state, now).await
}

/// Changes the settings given; a value out of range is refused naming its field, and nothing
/// is saved.
#[utoipa::path(patch, path = "/api/v1/settings", tag = "settings", request_body = SettingsIn,
    responses((status = 200, body = SettingsOut), (status = 400, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn change(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<SettingsIn>,
) -> AppResult<Json<SettingsOut>> {
    let now = super::save(&state.db, &state.config, &me.actor(), &input.given()).await?;
    out(&state, now).await
}
