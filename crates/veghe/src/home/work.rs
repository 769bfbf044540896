//! What waits for the signed-in person, by role: counts of what they must act on, each a link to
//! the list that holds it, overdue ones marked. The home page shows these before any chart.

use jiff::civil::Date;

use super::texts::T;
use crate::auth::{CurrentUser, Role, groups};
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::registry::{deadlines, departments};

/// One count and where its list is.
pub struct Item {
    pub count: i64,
    pub label: &'static str,
    pub href: String,
    /// Past a deadline: shown marked when the count is not zero.
    pub overdue: bool,
}

/// A sanction import, as the analyst's home lists it.
pub struct Import {
    pub at: String,
    pub file: String,
    pub inserted: i64,
    pub skipped: i64,
    pub problems: i64,
}

/// One block of the work list.
pub struct Group {
    /// Stable name of the block (`incidents`, `petitions`, …), for tests and styling.
    pub id: &'static str,
    pub title: &'static str,
    pub items: Vec<Item>,
    pub imports: Vec<Import>,
    /// A sentence instead of counts (no department yet, no import yet).
    pub note: Option<&'static str>,
    /// Links to the pages where the work is done: (address, words).
    pub links: Vec<(String, &'static str)>,
}

impl Group {
    fn new(id: &'static str, title: &'static str) -> Group {
        Group {
            id,
            title,
            items: Vec::new(),
            imports: Vec::new(),
            note: None,
            links: Vec::new(),
        }
    }

    fn item(&mut self, count: i64, label: &'static str, href: impl Into<String>, overdue: bool) {
        self.items.push(Item {
            count,
            label,
            href: href.into(),
            overdue,
        });
    }
}

/// The work list of `user` on `day`.
pub async fn of(db: &Db, user: &CurrentUser, t: &'static T, day: Date) -> AppResult<Vec<Group>> {
    let mut out = Vec::new();
    match user.role {
        Role::HeadOfService | Role::Management | Role::Administrator => {
            out.push(incidents(db, t).await?);
            out.push(petitions(db, t, day, groups::OVERSIGHT.contains(&user.role)).await?);
            out.push(plans(db, t).await?);
        }
        Role::Dispatcher => out.push(incidents(db, t).await?),
        Role::RegistryClerk => out.push(registry_desk(db, t, day).await?),
        Role::DepartmentOfficer => out.push(department(db, t, user.id, day).await?),
        Role::Analyst => {
            out.push(imports(db, t).await?);
            out.push(checks(db, t).await?);
        }
        Role::PressOfficer => out.push(press(db, t).await?),
        Role::PreventionOfficer | Role::Crew => {}
    }
    Ok(out)
}

async fn scalar(db: &Db, sql: &'static str, binds: &[&str]) -> AppResult<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(sql);
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.fetch_optional(db.pool()).await?.unwrap_or(0))
}

fn week(day: Date) -> String {
    day.checked_add(jiff::Span::new().days(7))
        .unwrap_or(day)
        .to_string()
}

/// Open incidents by priority, with the board.
async fn incidents(db: &Db, t: &'static T) -> AppResult<Group> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT priority, COUNT(*) AS n FROM incidents WHERE status NOT IN ('closed', 'cancelled') GROUP BY priority",
    )
    .fetch_all(db.pool())
    .await?;
    let of = |p: i64| rows.iter().filter(|(q, _)| *q == p).map(|(_, n)| n).sum();
    let mut g = Group::new("incidents", t.incidents);
    g.item(of(1), t.priority_1, "/board", true);
    g.item(of(2), t.priority_2, "/board", false);
    g.item(
        rows.iter().filter(|(q, _)| *q >= 3).map(|(_, n)| n).sum(),
        t.priority_3,
        "/board",
        false,
    );
    g.links.push(("/board".into(), t.open_board));
    Ok(g)
}

/// The registers' open cases past or near their legal deadline, letters waiting for approval.
async fn petitions(db: &Db, t: &'static T, day: Date, dashboard: bool) -> AppResult<Group> {
    let counts = deadlines::counts(db, day).await?;
    let overdue: i64 = counts.iter().map(|c| c.overdue_legal).sum();
    let due: i64 = counts.iter().map(|c| c.due_week_legal).sum();
    let approve = scalar(
        db,
        "SELECT COUNT(*) AS n FROM registry_letters WHERE status = 'submitted'",
        &[],
    )
    .await?;
    let mut g = Group::new("petitions", t.petitions);
    g.item(overdue, t.petitions_overdue, "/registry?overdue=true", true);
    g.item(
        due,
        t.petitions_week,
        format!("/registry?due_by={}", week(day)),
        false,
    );
    g.item(approve, t.letters_to_approve, "/registry/letters", false);
    if dashboard {
        g.links
            .push(("/registry/dashboard".into(), t.open_dashboard));
    }
    g.links
        .push(("/registry/deadlines".into(), t.open_deadlines));
    Ok(g)
}

/// The press office's queue: accreditations to decide, verbal and written requests to answer.
async fn press(db: &Db, t: &'static T) -> AppResult<Group> {
    let c = crate::press::queue::counts(db).await?;
    let mut g = Group::new("press", t.press);
    g.item(
        c.accreditations.1,
        t.press_accreditations_overdue,
        "/press/accreditations",
        true,
    );
    g.item(
        c.accreditations.0,
        t.press_accreditations,
        "/press/accreditations",
        false,
    );
    g.item(c.verbal.1, t.press_verbal_overdue, "/press/requests", true);
    g.item(c.verbal.0, t.press_verbal, "/press/requests", false);
    g.item(
        c.written.1,
        t.press_written_overdue,
        "/press/requests",
        true,
    );
    g.item(c.written.0, t.press_written, "/press/requests", false);
    g.links.push(("/press".into(), t.open_press));
    Ok(g)
}

/// Active plans and their overdue tasks.
async fn plans(db: &Db, t: &'static T) -> AppResult<Group> {
    let active = scalar(
        db,
        "SELECT COUNT(*) AS n FROM plans WHERE status = 'active'",
        &[],
    )
    .await?;
    let overdue: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM plan_tasks k JOIN plans p ON p.id = k.plan_id \
         WHERE p.status = 'active' AND k.done_at IS NULL AND k.due_at + 60000 <= $1",
    )
    .bind(now_ms())
    .fetch_one(db.pool())
    .await?;
    let mut g = Group::new("plans", t.plans);
    g.item(overdue, t.tasks_overdue, "/plans", true);
    g.item(active, t.plans_active, "/plans", false);
    g.links.push(("/plans".into(), t.open_plans));
    Ok(g)
}

/// The registry desk: entries to route, due this week, overdue, answers to send.
async fn registry_desk(db: &Db, t: &'static T, day: Date) -> AppResult<Group> {
    let counts = deadlines::counts(db, day).await?;
    let unrouted = scalar(
        db,
        "SELECT COUNT(*) AS n FROM registry_entries WHERE status = 'registered' AND department_id IS NULL",
        &[],
    )
    .await?;
    let overdue: i64 = counts.iter().map(|c| c.overdue_legal).sum();
    let due: i64 = counts.iter().map(|c| c.due_week_legal).sum();
    let send = scalar(
        db,
        "SELECT COUNT(*) AS n FROM registry_letters WHERE status = 'approved'",
        &[],
    )
    .await?;
    let mut g = Group::new("registry", t.registry);
    g.item(
        unrouted,
        t.petitions_unrouted,
        "/registry?status=registered",
        false,
    );
    g.item(overdue, t.petitions_overdue, "/registry?overdue=true", true);
    g.item(
        due,
        t.petitions_week,
        format!("/registry?due_by={}", week(day)),
        false,
    );
    g.item(send, t.letters_to_send, "/registry/letters", false);
    g.links.push(("/registry/new".into(), t.to_register));
    g.links
        .push(("/registry/deadlines".into(), t.open_deadlines));
    Ok(g)
}

/// A department officer: the open cases of their departments.
async fn department(db: &Db, t: &'static T, user_id: i64, day: Date) -> AppResult<Group> {
    let mine = departments::of_user(db, user_id).await?;
    let mut g = Group::new("department", t.department);
    if mine.is_empty() {
        g.note = Some(t.no_department);
        return Ok(g);
    }
    let counts = deadlines::counts(db, day).await?;
    let ours = counts.iter().filter(|c| {
        c.department
            .as_deref()
            .is_some_and(|code| mine.iter().any(|d| d.code == code))
    });
    let (mut open, mut overdue, mut due) = (0, 0, 0);
    for c in ours {
        open += c.open;
        overdue += c.overdue_legal.max(c.overdue_internal);
        due += c.due_week_legal.max(c.due_week_internal);
    }
    g.item(overdue, t.department_overdue, "/queue", true);
    g.item(due, t.department_week, "/queue", false);
    g.item(open, t.department_open, "/queue", false);
    g.links.push(("/queue".into(), t.open_queue));
    Ok(g)
}

#[derive(sqlx::FromRow)]
struct ImportRow {
    at: i64,
    file_name: String,
    inserted: i64,
    skipped: i64,
    problems: i64,
}

/// The analyst: the latest sanction imports.
async fn imports(db: &Db, t: &'static T) -> AppResult<Group> {
    let rows: Vec<ImportRow> = sqlx::query_as(
        "SELECT at, file_name, inserted, skipped, problems FROM activity_imports ORDER BY id DESC LIMIT 5",
    )
    .fetch_all(db.pool())
    .await?;
    let mut g = Group::new("imports", t.imports);
    if rows.is_empty() {
        g.note = Some(t.no_imports);
    }
    g.imports = rows
        .into_iter()
        .map(|r| Import {
            at: crate::web::local_time(r.at),
            file: r.file_name,
            inserted: r.inserted,
            skipped: r.skipped,
            problems: r.problems,
        })
        .collect();
    g.links.push(("/activity/import".into(), t.new_import));
    Ok(g)
}

/// The analyst: what the data-quality checks find.
async fn checks(db: &Db, t: &'static T) -> AppResult<Group> {
    let missing = scalar(
        db,
        "SELECT COUNT(*) AS n FROM activity_sanctions WHERE lat IS NULL OR lon IS NULL",
        &[],
    )
    .await?;
    let unknown = crate::activity::quality::unknown_basis(db).await?;
    let mut g = Group::new("checks", t.checks);
    g.item(missing, t.missing_coordinates, "/activity/places", false);
    g.item(unknown, t.unknown_basis, "/activity/quality", false);
    g.links.push(("/activity/quality".into(), t.open_quality));
    Ok(g)
}
