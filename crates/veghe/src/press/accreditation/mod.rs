//! Journalists' accreditations (Law 544/2001 art. 18): a request registered with its due day
//! (rule `press-accreditation`, 2 days), permanent (to 31 December) or for one press event;
//! granted, or refused or withdrawn in writing only for facts that hinder the institution's
//! activity, never for opinions; the written decision as a letter; the outlet may name another
//! journalist.

pub mod api;
mod letter;
pub mod pages;
mod store;
mod texts;

pub use store::{
    AccreditationIn, DecisionIn, Facts, Journalist, Which, decide, decide_at, events, get,
    journalists, list, overdue, pending, register,
};

use serde::Serialize;

/// The kinds, as stored.
pub const KINDS: &[&str] = &["permanent", "event"];
/// The states, as stored.
pub const STATUSES: &[&str] = &["pending", "granted", "refused", "withdrawn"];

/// An accreditation with its journalist's and outlet's names.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Accreditation {
    pub id: i64,
    pub journalist_id: i64,
    pub journalist: String,
    pub outlet_id: Option<i64>,
    pub outlet: Option<String>,
    /// permanent, event
    pub kind: String,
    pub event_id: Option<i64>,
    pub event: Option<String>,
    /// pending, granted, refused, withdrawn
    pub status: String,
    /// The request's registration (epoch ms).
    pub requested_at: i64,
    /// The last day to decide (YYYY-MM-DD), rule `press-accreditation`.
    pub due_on: String,
    /// The last day it is valid (YYYY-MM-DD), once granted.
    pub valid_until: Option<String>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
    /// The facts of a refusal or withdrawal, in writing.
    pub reason: Option<String>,
    /// The accreditation of the journalist this one replaces.
    pub replaces_id: Option<i64>,
    /// Pending past its due day (computed when read).
    #[sqlx(skip)]
    pub overdue: bool,
}

const SELECT: &str = "SELECT a.id, a.journalist_id, j.name AS journalist, a.outlet_id, o.name AS outlet, \
     a.kind, a.event_id, e.title AS event, a.status, a.requested_at, a.due_on, a.valid_until, \
     a.decided_by, a.decided_at, a.reason, a.replaces_id \
     FROM press_accreditations a JOIN press_journalists j ON j.id = a.journalist_id \
     LEFT JOIN press_outlets o ON o.id = a.outlet_id LEFT JOIN press_events e ON e.id = a.event_id";

/// Every route of accreditations.
pub fn routes() -> crate::auth::access::Routes {
    pages::routes().merge(api::routes())
}
