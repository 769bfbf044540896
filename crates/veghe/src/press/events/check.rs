//! The monthly conference (Law 544/2001 art. 17: press conferences "as a rule monthly"): which of
//! the current and next month has no conference planned or held, and the daily check that tells
//! the press officers once per month lacking one (an in-app notification each). The claim row in
//! press_conference_gaps is inserted first, `ON CONFLICT DO NOTHING`, so two servers or two runs
//! notify once. `serve` runs it every hour; `run_once` is the same for tests and the API.

use std::time::Duration;

use jiff::civil::Date;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::auth::Role;
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::notify::{self, NewNotification};

/// How often `serve` checks.
pub const INTERVAL: Duration = Duration::from_secs(3600);

/// A month without a conference: `2026-12`, its first day.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Gap {
    pub month: String,
    pub first_day: String,
}

fn ms(d: Date) -> i64 {
    d.to_zoned(crate::time::bucharest())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

/// The first days of the current month, the next and the one after.
fn months(today: Date) -> [Date; 3] {
    let first = today.first_of_month();
    let next = first
        .checked_add(jiff::Span::new().months(1))
        .unwrap_or(first);
    let after = next
        .checked_add(jiff::Span::new().months(1))
        .unwrap_or(next);
    [first, next, after]
}

/// Of the current and next month, those with no conference planned or held.
pub async fn gaps(db: &Db, today: Date) -> AppResult<Vec<Gap>> {
    let [this, next, after] = months(today);
    let mut out = Vec::new();
    for (from, to) in [(this, next), (next, after)] {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM press_events WHERE kind = 'conference' AND status IN ('planned', 'held') \
             AND starts_at >= $1 AND starts_at < $2",
        )
        .bind(ms(from))
        .bind(ms(to))
        .fetch_one(db.pool())
        .await?;
        if n == 0 {
            out.push(Gap {
                month: from.strftime("%Y-%m").to_string(),
                first_day: from.to_string(),
            });
        }
    }
    Ok(out)
}

/// The month in words: "decembrie 2026".
pub fn month_ro(month: &str) -> String {
    const NAMES: [&str; 12] = [
        "ianuarie",
        "februarie",
        "martie",
        "aprilie",
        "mai",
        "iunie",
        "iulie",
        "august",
        "septembrie",
        "octombrie",
        "noiembrie",
        "decembrie",
    ];
    let (y, m) = month.split_once('-').unwrap_or((month, "1"));
    let i = m.parse::<usize>().unwrap_or(1).clamp(1, 12) - 1;
    format!("{} {y}", NAMES[i])
}

/// What one run did.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Run {
    /// The months found without a conference.
    pub gaps: Vec<String>,
    /// Notifications written by this run (months already told are not told again).
    pub notifications: i64,
}

/// Tells the press officers of each month (current, next) lacking a conference, once per month.
pub async fn run_once(db: &Db, today: Date) -> AppResult<Run> {
    let mut run = Run::default();
    for gap in gaps(db, today).await? {
        run.gaps.push(gap.month.clone());
        let mut tx = db.begin().await?;
        let claimed = sqlx::query(
            "INSERT INTO press_conference_gaps (month, notified_at, recipients) VALUES ($1, $2, 0) ON CONFLICT (month) DO NOTHING",
        )
        .bind(&gap.month)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let officers: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM users WHERE role = $1 AND disabled = 0 ORDER BY id")
                .bind(Role::PressOfficer.code())
                .fetch_all(&mut *tx)
                .await?;
        // Told once: the claim must take; with no press officer yet, the month waits for one.
        if claimed != 1 || officers.is_empty() {
            tx.rollback().await?;
            continue;
        }
        let title = format!(
            "Nicio conferință de presă planificată în {}",
            month_ro(&gap.month)
        );
        let body = "Legea 544/2001, art. 17: conferințele de presă se organizează, de regulă, lunar. Planificați una pe pagina evenimentelor de presă.";
        for user_id in &officers {
            notify::create_in(
                &mut tx,
                NewNotification {
                    user_id: *user_id,
                    kind: "press_conference_gap",
                    special_event_id: None,
                    title: &title,
                    body,
                    link: Some("/press/events"),
                },
            )
            .await?;
        }
        let n = i64::try_from(officers.len()).unwrap_or(i64::MAX);
        sqlx::query("UPDATE press_conference_gaps SET recipients = $1 WHERE month = $2")
            .bind(n)
            .bind(&gap.month)
            .execute(&mut *tx)
            .await?;
        audit::append(
            &mut tx,
            &Actor::system("press-conference-check"),
            Change::of(
                "press.conference_gap",
                "press_month",
                &gap.month,
                None,
                &json!({"recipients": n}),
            ),
        )
        .await?;
        tx.commit().await?;
        run.notifications += n;
    }
    Ok(run)
}

/// The background job of `serve`: a check now, then every [`INTERVAL`], until aborted.
pub async fn run(db: Db) {
    loop {
        if let Err(e) = run_once(&db, crate::press::strategy::today_in_timisoara()).await {
            tracing::warn!(error = %e, "press conference check failed; will try again");
        }
        tokio::time::sleep(INTERVAL).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_over_the_year_end() {
        let d: Date = "2026-12-07".parse().expect("date");
        let [a, b, c] = months(d);
        assert_eq!(
            (a.to_string(), b.to_string(), c.to_string()),
            (
                "2026-12-01".into(),
                "2027-01-01".into(),
                "2027-02-01".into()
            )
        );
        assert_eq!(month_ro("2027-01"), "ianuarie 2027");
    }
}
