//! Deadline reminders: for every open case, 5 and 1 working days before its internal and its
//! legal deadline, and once a deadline has passed (`veghe_ro::reminder`), an in-app
//! notification and an e-mail (through the outbox) to the department's officers (the registry
//! clerks while the case is not routed), and to the heads of service when overdue. Each is sent
//! once: the row `(case, deadline, its date, reminder)` in `registry_reminders` is inserted
//! first, `ON CONFLICT DO NOTHING`, and only the process whose insert took writes the messages,
//! in the same transaction; so two servers, or a job run twice, send it once. An extended term
//! is a new date, so it is reminded again. `serve` runs the job every 10 minutes; `run_once` is
//! the same for tests and `POST /api/v1/registry/reminders/run`.

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use veghe_ro::calendar::working_days_between;
use veghe_ro::petition::ro_date;
use veghe_ro::reminder::{Reminder, reminder_due};

use super::numbers::{reference, today};
use crate::AppState;
use crate::audit::{self, Actor, Change};
use crate::auth::Role;
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::notify::outbox::{self, NewMail};
use crate::notify::{self, NewNotification};

/// How often `serve` looks for reminders due.
pub const INTERVAL: Duration = Duration::from_secs(600);

/// What one run did.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Run {
    /// Deadlines looked at.
    pub checked: i64,
    /// Reminders sent by this run (those already sent are not counted).
    pub reminders: i64,
    pub notifications: i64,
    pub mails: i64,
}

struct Due {
    entry_id: i64,
    number: String,
    subject: String,
    department_id: Option<i64>,
    department: Option<String>,
    deadline: &'static str,
    due: jiff::civil::Date,
    reminder: Reminder,
}

fn parse_date(s: Option<String>) -> Option<jiff::civil::Date> {
    s.and_then(|d| d.parse().ok())
}

/// The reminders due on `today` (sent or not).
async fn due_on(db: &Db, today: jiff::civil::Date, checked: &mut i64) -> AppResult<Vec<Due>> {
    // 5 working days before a deadline are at most two weeks of calendar days.
    let horizon = today
        .checked_add(jiff::Span::new().days(14))
        .unwrap_or(today)
        .to_string();
    let rows = sqlx::query(
        "SELECT e.id, e.number, e.number_date, e.subject, e.due_on, e.internal_due_on, e.department_id, d.name_ro \
         FROM registry_entries e LEFT JOIN registry_departments d ON d.id = e.department_id \
         WHERE e.status IN ('registered', 'routed') AND (e.due_on <= $1 OR e.internal_due_on <= $1) ORDER BY e.id",
    )
    .bind(&horizon)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let legal = parse_date(r.try_get("due_on")?);
        let internal = parse_date(r.try_get("internal_due_on")?);
        let number: i64 = r.try_get("number")?;
        let date: String = r.try_get("number_date")?;
        // When the internal deadline is the legal one, the legal reminder says it all.
        let internal = internal.filter(|i| Some(*i) != legal);
        for (deadline, due) in [("internal", internal), ("legal", legal)] {
            let Some(due) = due else { continue };
            *checked += 1;
            if let Some(reminder) = reminder_due(due, today) {
                out.push(Due {
                    entry_id: r.try_get("id")?,
                    number: reference(number, &date),
                    subject: r.try_get("subject")?,
                    department_id: r.try_get("department_id")?,
                    department: r.try_get("name_ro")?,
                    deadline,
                    due,
                    reminder,
                });
            }
        }
    }
    Ok(out)
}

fn texts(d: &Due, today: jiff::civil::Date) -> (String, String) {
    let which = if d.deadline == "legal" {
        "legal"
    } else {
        "intern"
    };
    let when = match d.reminder {
        Reminder::Overdue => format!("Termen {which} depășit ({})", ro_date(d.due)),
        _ => match working_days_between(today, d.due) {
            n if n <= 0 => format!("Termenul {which} expiră astăzi ({})", ro_date(d.due)),
            1 => format!(
                "Termenul {which} expiră peste 1 zi lucrătoare ({})",
                ro_date(d.due)
            ),
            n => format!(
                "Termenul {which} expiră peste {n} zile lucrătoare ({})",
                ro_date(d.due)
            ),
        },
    };
    let title = format!("{when}: nr. {}", d.number);
    let body = format!(
        "{} — {}",
        d.subject,
        d.department.as_deref().unwrap_or("nerepartizată")
    );
    (title, body)
}

/// Sends one reminder, unless it was sent already (by this process or another); counted in `run`.
async fn send_one(
    db: &Db,
    smtp: bool,
    d: &Due,
    today: jiff::civil::Date,
    run: &mut Run,
) -> AppResult<()> {
    let mut tx = db.begin().await?;
    let claimed = sqlx::query(
        "INSERT INTO registry_reminders (entry_id, deadline, due_on, kind, sent_at, recipients) VALUES ($1, $2, $3, $4, $5, 0) \
         ON CONFLICT (entry_id, deadline, due_on, kind) DO NOTHING",
    )
    .bind(d.entry_id)
    .bind(d.deadline)
    .bind(d.due.to_string())
    .bind(d.reminder.code())
    .bind(now_ms())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed != 1 {
        tx.rollback().await?;
        return Ok(());
    }
    let mut to: Vec<(i64, Option<String>)> = match d.department_id {
        Some(dept) => {
            sqlx::query_as(
                "SELECT u.id, u.email FROM users u JOIN registry_department_members m ON m.user_id = u.id \
                 WHERE m.department_id = $1 AND u.disabled = 0 ORDER BY u.id",
            )
            .bind(dept)
            .fetch_all(&mut *tx)
            .await?
        }
        None => {
            sqlx::query_as("SELECT id, email FROM users WHERE role = $1 AND disabled = 0 ORDER BY id")
                .bind(Role::RegistryClerk.code())
                .fetch_all(&mut *tx)
                .await?
        }
    };
    if d.reminder == Reminder::Overdue {
        let heads: Vec<(i64, Option<String>)> = sqlx::query_as(
            "SELECT id, email FROM users WHERE role = $1 AND disabled = 0 ORDER BY id",
        )
        .bind(Role::HeadOfService.code())
        .fetch_all(&mut *tx)
        .await?;
        for (id, email) in heads {
            if !to.iter().any(|(u, _)| *u == id) {
                to.push((id, email));
            }
        }
    }
    let (title, body) = texts(d, today);
    let link = format!("/registry/{}", d.entry_id);
    let mail_body = format!("{title}\n\n{body}\n\nLucrarea: {link}\n");
    for (user_id, email) in &to {
        notify::create_in(
            &mut tx,
            NewNotification {
                user_id: *user_id,
                kind: "registry_deadline",
                special_event_id: None,
                title: &title,
                body: &body,
                link: Some(&link),
            },
        )
        .await?;
        outbox::queue_in(
            &mut tx,
            smtp,
            NewMail {
                user_id: Some(*user_id),
                recipient: email.as_deref(),
                subject: &title,
                body: &mail_body,
                special_event_id: None,
            },
        )
        .await?;
    }
    let n = i64::try_from(to.len()).unwrap_or(i64::MAX);
    sqlx::query("UPDATE registry_reminders SET recipients = $5 WHERE entry_id = $1 AND deadline = $2 AND due_on = $3 AND kind = $4")
        .bind(d.entry_id)
        .bind(d.deadline)
        .bind(d.due.to_string())
        .bind(d.reminder.code())
        .bind(n)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        &Actor::system("reminders"),
        Change {
            action: "registry.reminder",
            entity: "registry_entry",
            entity_id: Some(d.entry_id.to_string()),
            before: None,
            after: Some(json!({"deadline": d.deadline, "due_on": d.due.to_string(),
                "reminder": d.reminder.code(), "recipients": n})),
        },
    )
    .await?;
    tx.commit().await?;
    run.reminders += 1;
    run.notifications += n;
    run.mails += n;
    Ok(())
}

/// Sends the reminders due on `today` that were not sent yet (`smtp`: whether a relay is
/// configured).
pub async fn run_once(db: &Db, smtp: bool, today: jiff::civil::Date) -> AppResult<Run> {
    let mut run = Run::default();
    let due = due_on(db, today, &mut run.checked).await?;
    for d in &due {
        send_one(db, smtp, d, today, &mut run).await?;
    }
    Ok(run)
}

/// The background job of `serve`: a run now, then every [`INTERVAL`], until aborted.
pub async fn run(db: Db, smtp: bool, mailer: Arc<crate::notify::sender::Mailer>) {
    loop {
        match run_once(&db, smtp, today()).await {
            Ok(r) if r.mails > 0 => mailer.queued(),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "deadline reminders not sent; will try again"),
        }
        tokio::time::sleep(INTERVAL).await;
    }
}

/// Sends the reminders due now (as the background job does). Head of service.
#[utoipa::path(post, path = "/api/v1/registry/reminders/run", tag = "registry",
    responses((status = 200, body = Run)), security(("bearer" = [])))]
pub async fn run_now(State(state): State<AppState>) -> AppResult<Json<Run>> {
    let r = run_once(&state.db, state.config.smtp.is_some(), today()).await?;
    if r.mails > 0 {
        state.mailer.queued();
    }
    Ok(Json(r))
}

/// The deadlines page's button: the reminders due now, then back to the page.
pub(super) async fn run_page(State(state): State<AppState>) -> AppResult<axum::response::Redirect> {
    let _ran = run_now(State(state)).await?;
    Ok(axum::response::Redirect::to("/registry/deadlines"))
}
