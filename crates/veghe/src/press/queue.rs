//! The press officer's queue: what waits for the office — pending accreditations with their due
//! day, verbal requests with their due time, written requests from the press with their legal
//! due day — overdue first, then by when each is due; and the counts the home page shows.

use jiff::civil::Date;

use super::{accreditation, requests};
use crate::auth::{Role, groups};
use crate::db::{Db, now_ms};
use crate::error::AppResult;
use crate::web::{Lang, local_time};

/// One thing to do.
pub struct Item {
    /// accreditation, verbal, written
    pub kind: &'static str,
    pub what: String,
    pub due: String,
    pub overdue: bool,
    /// Its page, when the reader may open it.
    pub href: Option<String>,
    due_ms: i64,
}

/// The end of a day in Timișoara (the next day's start), in epoch ms.
fn end_of(day: Date) -> i64 {
    day.tomorrow()
        .ok()
        .and_then(|d| d.to_zoned(crate::time::bucharest()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(i64::MAX)
}

fn ro_day(iso: &str) -> String {
    iso.parse()
        .map(crate::calendar::ro_date)
        .unwrap_or_else(|_| iso.to_string())
}

/// The queue, overdue first, then the earliest due.
pub async fn items(db: &Db, lang: Lang, role: Option<Role>) -> AppResult<Vec<Item>> {
    let now = now_ms();
    let mut out = Vec::new();
    let (acc, verbal, written) = match lang {
        Lang::Ro => ("Acreditare", "Solicitare verbală", "Solicitare scrisă"),
        Lang::En => ("Accreditation", "Verbal request", "Written request"),
    };
    for a in accreditation::pending(db).await? {
        let due = a.due_on.parse::<Date>().map(end_of).unwrap_or(i64::MAX);
        out.push(Item {
            kind: acc,
            what: match &a.outlet {
                Some(o) => format!("{} · {o}", a.journalist),
                None => a.journalist.clone(),
            },
            due: ro_day(&a.due_on),
            overdue: a.overdue,
            href: Some(format!("/press/accreditations/{}", a.id)),
            due_ms: due,
        });
    }
    for r in requests::open(db).await? {
        out.push(Item {
            kind: verbal,
            what: format!(
                "{}: {}",
                r.journalist,
                r.question.chars().take(80).collect::<String>()
            ),
            due: local_time(r.due_at),
            overdue: now > r.due_at,
            href: Some(format!("/press/requests/{}", r.id)),
            due_ms: r.due_at,
        });
    }
    let registry = role.is_some_and(|r| groups::REGISTRY.contains(&r));
    for w in requests::written(db).await? {
        let due = w
            .due_on
            .as_deref()
            .and_then(|d| d.parse::<Date>().ok())
            .map(end_of)
            .unwrap_or(i64::MAX);
        out.push(Item {
            kind: written,
            what: format!("{} · {}", w.number, w.subject),
            due: w.due_on.as_deref().map(ro_day).unwrap_or_default(),
            overdue: w.overdue,
            href: registry.then(|| format!("/registry/{}", w.id)),
            due_ms: due,
        });
    }
    out.sort_by_key(|i| (!i.overdue, i.due_ms));
    Ok(out)
}

/// The office's counts: (pending accreditations, of them overdue), (open verbal requests, of
/// them overdue), (open written requests from the press, of them overdue).
pub struct Counts {
    pub accreditations: (i64, i64),
    pub verbal: (i64, i64),
    pub written: (i64, i64),
}

/// The counts the home page shows the press officer.
pub async fn counts(db: &Db) -> AppResult<Counts> {
    let now = now_ms();
    let pending: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM press_accreditations WHERE status = 'pending'")
            .fetch_one(db.pool())
            .await?;
    let (open, late): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END), 0) FROM press_requests WHERE answered_at IS NULL",
    )
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    let written = requests::written(db).await?;
    Ok(Counts {
        accreditations: (pending, accreditation::overdue(db).await?),
        verbal: (open, late),
        written: (
            written.len() as i64,
            written.iter().filter(|w| w.overdue).count() as i64,
        ),
    })
}
