//! The communication strategy: a document per year in versions (objectives with their indicators,
//! audiences, key messages), the campaigns that serve it, and the spokesperson in force.

pub mod api;
mod campaign_pages;
pub mod campaigns;
mod pages;
pub mod phrases;
pub mod spokesperson;
pub mod store;
mod texts;

pub use spokesperson::{Spokesperson, current_spokesperson};

use serde::{Deserialize, Serialize};

use crate::auth::access::Routes;

/// The strategy's, the campaigns' and the spokesperson's routes, pages and API.
pub fn routes() -> Routes {
    Routes::new()
        .merge(pages::routes())
        .merge(campaign_pages::routes())
        .merge(api::routes())
}

/// A version of a year's strategy. status: draft, submitted, returned, approved.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Version {
    pub id: i64,
    pub year: i64,
    pub version: i64,
    pub status: String,
    pub summary: Option<String>,
    /// The approved version this one was copied from.
    pub based_on_id: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// Who approved or returned it.
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub return_reason: Option<String>,
}

/// A measurable objective (Barcelona principle 1): its indicator goes from `baseline` to `target`
/// (in `unit`) by `due_on`.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Objective {
    pub id: i64,
    /// The objective as it first appeared; copies keep it, campaigns link to it.
    pub origin_id: i64,
    pub position: i64,
    pub title: String,
    pub indicator: String,
    pub baseline: f64,
    pub target: f64,
    pub unit: String,
    pub due_on: String,
}

/// An audience the strategy speaks to.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Audience {
    pub id: i64,
    pub origin_id: i64,
    pub position: i64,
    pub name: String,
    pub description: Option<String>,
}

/// A key message: its phrases, one a line, are what the press monitoring looks for.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Message {
    pub id: i64,
    pub origin_id: i64,
    pub position: i64,
    pub title: String,
    pub phrases: String,
}

/// A version with its parts.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Strategy {
    pub version: Version,
    pub objectives: Vec<Objective>,
    pub audiences: Vec<Audience>,
    pub messages: Vec<Message>,
}

/// An objective to add.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ObjectiveIn {
    pub title: Option<String>,
    pub indicator: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub unit: Option<String>,
    /// YYYY-MM-DD
    pub due_on: Option<String>,
}

/// An audience to add.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AudienceIn {
    pub name: Option<String>,
    pub description: Option<String>,
}

/// A key message to add: its phrases one a line.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct MessageIn {
    pub title: Option<String>,
    pub phrases: Option<String>,
}

/// A part to take out of a draft: kind objective, audience or message, and its id.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct PartRef {
    pub kind: String,
    pub part_id: i64,
}

/// A new version of a year (the current year when none).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct NewVersionIn {
    pub year: Option<i64>,
}

/// The summary of a draft.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SummaryIn {
    pub summary: Option<String>,
}

/// Why a version is returned.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ReturnIn {
    pub reason: Option<String>,
}

/// A date typed as YYYY-MM-DD, else refused naming `field`.
pub(crate) fn day(v: Option<String>, field: &'static str) -> crate::error::AppResult<String> {
    let text = crate::http::extract::required(v, field, 10)?;
    text.parse::<jiff::civil::Date>()
        .map(|d| d.to_string())
        .map_err(|_| {
            crate::error::AppError::bad(
                field,
                crate::error::Said::new(
                    format!("„{text}” nu este o dată (AAAA-LL-ZZ)."),
                    format!("{field} “{text}” is not a date (YYYY-MM-DD)"),
                ),
            )
        })
}

/// Today in Timișoara.
pub fn today_in_timisoara() -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(crate::time::bucharest())
        .date()
}

pub(crate) use today_in_timisoara as today;

/// A day stored as YYYY-MM-DD shown as Timișoara writes it: 31.12.2026.
pub fn ro_day(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(|d| d.strftime("%d.%m.%Y").to_string())
        .unwrap_or_else(|_| iso.to_string())
}
