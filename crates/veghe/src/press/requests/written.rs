//! Written requests from the press: the open information requests of the registry (Law
//! 544/2001) whose requester's e-mail address is that of a journalist or an outlet on file. The
//! registry keeps no "from the press" mark, and a matching address is the one plain, checkable
//! rule; a request sent from another address is not shown here.

use serde::Serialize;

use crate::db::Db;
use crate::error::AppResult;
use crate::registry::numbers::{reference, today};

/// An open written request from the press.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Written {
    /// The registry entry's id.
    pub id: i64,
    /// `1234/29.11.2026`
    pub number: String,
    pub subject: String,
    /// The legal due day (YYYY-MM-DD).
    pub due_on: Option<String>,
    pub overdue: bool,
}

/// The open written requests from the press, the earliest due first.
pub async fn written(db: &Db) -> AppResult<Vec<Written>> {
    let rows: Vec<(i64, i64, String, String, Option<String>)> = sqlx::query_as(
        "SELECT e.id, e.number, e.number_date, e.subject, e.due_on FROM registry_entries e \
         WHERE e.register = 'info' AND e.status IN ('registered', 'routed') AND e.email IS NOT NULL \
         AND (EXISTS (SELECT 1 FROM press_journalists j WHERE LOWER(j.email) = LOWER(e.email)) \
              OR EXISTS (SELECT 1 FROM press_outlets o WHERE LOWER(o.email) = LOWER(e.email))) \
         ORDER BY e.due_on, e.id LIMIT 200",
    )
    .fetch_all(db.pool())
    .await?;
    let day = today().to_string();
    Ok(rows
        .into_iter()
        .map(|(id, number, date, subject, due_on)| Written {
            id,
            number: reference(number, &date),
            subject,
            overdue: due_on.as_deref().is_some_and(|d| d < day.as_str()),
            due_on,
        })
        .collect())
}
