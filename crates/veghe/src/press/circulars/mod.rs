//! Internal circulars: announcements of the press office or oversight to staff — everyone, a
//! role or a department — each addressee fixed when it is published, told by an in-app
//! notification (the header's badge), and confirming its reading; the writers see who has read
//! it and who has not.

pub mod api;
pub mod pages;
mod store;
mod texts;

pub use store::{
    CircularIn, confirm, get, is_addressee, mine, publish, recipients, unread, written,
};

use serde::Serialize;

/// The audiences, as stored.
pub const AUDIENCES: &[&str] = &["all", "role", "department"];

/// A circular.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Circular {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// all, role, department
    pub audience: String,
    pub audience_role: Option<String>,
    pub audience_department_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author: Option<String>,
    /// When it was published (epoch ms).
    pub created_at: i64,
    /// How many it was addressed to, and how many have read it.
    pub addressed: i64,
    pub read_by: i64,
}

/// An addressee and when they confirmed reading.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Recipient {
    pub user_id: i64,
    pub name: String,
    pub read_at: Option<i64>,
}

const SELECT: &str = "SELECT c.id, c.title, c.body, c.audience, c.audience_role, c.audience_department_id, \
     c.author_id, u.display_name AS author, c.created_at, \
     (SELECT COUNT(*) FROM press_circular_recipients r WHERE r.circular_id = c.id) AS addressed, \
     (SELECT COUNT(*) FROM press_circular_recipients r WHERE r.circular_id = c.id AND r.read_at IS NOT NULL) AS read_by \
     FROM press_circulars c LEFT JOIN users u ON u.id = c.author_id";

/// Every route of circulars.
pub fn routes() -> crate::auth::access::Routes {
    pages::routes().merge(api::routes())
}
