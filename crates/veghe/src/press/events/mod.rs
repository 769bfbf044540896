//! Press conferences and public actions (table press_events): planned, held or cancelled; the
//! monthly conference watched (Law 544/2001 art. 17: "as a rule monthly") with a daily check;
//! invitations to the accredited journalists through the outbox; the public iCalendar feed.

pub mod api;
pub mod check;
pub mod ics;
pub mod invite;
mod pages;
pub mod public;
pub mod store;
mod texts;

use serde::{Deserialize, Serialize};

use crate::auth::access::Routes;

/// The events' pages, API and the public feed.
pub fn routes() -> Routes {
    Routes::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(public::routes())
}

/// A press event. kind: conference or action; status: planned, held, cancelled.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Event {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub description: Option<String>,
    pub place: String,
    /// epoch ms
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub created_by: Option<String>,
    pub created_at: i64,
}

/// An event to plan. Times are Timișoara's, `YYYY-MM-DDTHH:MM`.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct EventIn {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub place: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
}

/// A new status: held or cancelled (or planned again).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct StatusIn {
    pub status: Option<String>,
}

pub const KINDS: [&str; 2] = ["conference", "action"];
pub const STATUSES: [&str; 3] = ["planned", "held", "cancelled"];
