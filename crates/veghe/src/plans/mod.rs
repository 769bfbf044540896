//! Emergency plans (planuri de urgență): checklist templates per calamity (flood, heavy snow,
//! earthquake, major fire, chemical accident, mass gathering), each task with a default owner
//! role and a due offset. Activating a template (optionally for an incident) creates the plan's
//! tasks with their due times; tasks are ticked done (who, when, note), overdue ones flagged;
//! every action goes to the plan's own log and the live stream; a plan is closed with a note.

pub mod api;
pub mod pages;
pub mod store;
pub mod templates;

use serde::Serialize;

use crate::auth::access::Routes;

/// One task of an activated plan.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Task {
    pub id: i64,
    pub position: i64,
    pub title: String,
    /// A role code (dispatcher, crew, head_of_service, press_officer, …).
    pub owner_role: String,
    pub due_at: i64,
    /// Not done and past its due time while the plan is active.
    #[sqlx(skip)]
    pub overdue: bool,
    pub done_at: Option<i64>,
    #[sqlx(rename = "done_by_name")]
    pub done_by: Option<String>,
    pub note: Option<String>,
}

/// One line of a plan's log.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LogEntry {
    pub at: i64,
    #[sqlx(rename = "actor_name")]
    pub actor: String,
    /// activated, task_done, closed
    pub action: String,
    pub detail: Option<String>,
}

/// An activated plan with its tasks and log.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Plan {
    pub id: i64,
    /// The template's code, e.g. `flood`.
    pub template: String,
    pub name_ro: String,
    pub name_en: String,
    pub incident_id: Option<i64>,
    /// The linked incident's `number/year`.
    pub incident_reference: Option<String>,
    /// active or closed
    pub status: String,
    pub activated_at: i64,
    pub activated_by: String,
    pub closed_at: Option<i64>,
    pub closed_by: Option<String>,
    pub closing_note: Option<String>,
    pub tasks: Vec<Task>,
    pub log: Vec<LogEntry>,
}

impl Plan {
    pub fn done_count(&self) -> usize {
        self.tasks.iter().filter(|t| t.done_at.is_some()).count()
    }
    pub fn overdue_count(&self) -> usize {
        self.tasks.iter().filter(|t| t.overdue).count()
    }
}

/// Whether a task is overdue: not done, the plan still active, and the minute it was due has
/// passed (a task due when the plan starts is not late the moment it is born).
pub fn is_overdue(due_at: i64, done_at: Option<i64>, active: bool, now: i64) -> bool {
    active && done_at.is_none() && now >= due_at + 60_000
}

pub fn routes() -> Routes {
    api::routes().merge(pages::routes())
}

#[cfg(test)]
mod tests {
    use super::is_overdue;

    #[test]
    fn a_task_is_overdue_only_when_open_undone_and_late() {
        assert!(is_overdue(100, None, true, 60_100));
        assert!(!is_overdue(100, None, true, 60_099));
        assert!(!is_overdue(100, None, true, 100));
        assert!(!is_overdue(100, Some(150), true, 200));
        assert!(!is_overdue(100, None, false, 200));
    }
}
