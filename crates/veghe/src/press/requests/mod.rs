//! Media requests: a journalist's verbal question (by phone, in person, by e-mail) answered at
//! once or within 24 hours, its answer recorded with who and when; the overdue flagged. Written
//! requests are information requests of the registry (Law 544/2001): those from the press are
//! shown beside them with their legal due day (`written`), and the response times are counted
//! per month (`times`).

pub mod api;
pub mod pages;
mod store;
mod texts;
pub mod times;
mod written;

pub use store::{AnswerIn, RequestIn, answer, get, list, open, register};
pub use written::{Written, written};

use serde::Serialize;

/// The channels of a verbal request, as stored.
pub const CHANNELS: &[&str] = &["phone", "in_person", "email"];
/// The target for a verbal request: 24 hours.
pub const TARGET_MS: i64 = 24 * 3_600_000;

/// A media request.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct MediaRequest {
    pub id: i64,
    /// One of press_journalists, when the journalist is on file.
    pub journalist_id: Option<i64>,
    /// The journalist's name (from the file, or as given).
    pub journalist: String,
    /// The outlet (from the file, or as given).
    pub outlet: Option<String>,
    /// phone, in_person, email
    pub channel: String,
    pub question: String,
    /// When it was received (epoch ms).
    pub received_at: i64,
    /// received_at + 24 hours.
    pub due_at: i64,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    pub answered_by: Option<i64>,
    /// Open past its 24 hours (computed when read).
    #[sqlx(skip)]
    pub overdue: bool,
    /// Answered after its 24 hours.
    #[sqlx(skip)]
    pub late: bool,
}

const SELECT: &str = "SELECT r.id, r.journalist_id, COALESCE(j.name, r.name, '') AS journalist, \
     COALESCE(o.name, r.outlet_name) AS outlet, r.channel, r.question, r.received_at, r.due_at, \
     r.answer, r.answered_at, r.answered_by \
     FROM press_requests r LEFT JOIN press_journalists j ON j.id = r.journalist_id \
     LEFT JOIN press_outlets o ON o.id = j.outlet_id";

/// Every route of media requests.
pub fn routes() -> crate::auth::access::Routes {
    pages::routes().merge(api::routes())
}
