//! The other activity records: offences outside our competence handed over (to whom, when,
//! reference), crimes caught in the act, and the activity counts per department and team
//! (checks, escorts, traffic operations, public events secured, …) the activity report sums.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;

use super::parse::{self, clean};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Kinds of activity counted.
pub const COUNT_KINDS: &[&str] = &[
    "checks",
    "persons_checked",
    "escorts",
    "traffic_operations",
    "public_events",
    "school_patrols",
    "interventions",
    "conflicts_calmed",
    "abandoned_vehicle_notices",
];

/// A referral: a handed-over offence or a crime caught in the act.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct ReferralIn {
    /// `handover` (offence outside our competence) or `crime` (caught in the act).
    pub kind: String,
    /// `dd.mm.yyyy`.
    pub date: String,
    #[serde(default)]
    pub department: String,
    pub description: String,
    /// To whom it was handed (the police, the gendarmerie, ANPC, …).
    #[serde(default)]
    pub handed_to: String,
    /// When it was handed over (`dd.mm.yyyy`).
    #[serde(default)]
    pub handed_on: String,
    #[serde(default)]
    pub reference: String,
}

#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Referral {
    pub id: i64,
    pub kind: String,
    pub occurred_on: String,
    pub department: String,
    pub description: String,
    pub handed_to: String,
    pub handed_at: Option<i64>,
    pub reference: String,
}

pub async fn add_referral(db: &Db, actor: &Actor, r: &ReferralIn) -> Result<Referral, AppError> {
    if !["handover", "crime"].contains(&r.kind.as_str()) {
        return Err(AppError::bad("kind", "kind is `handover` or `crime`"));
    }
    let date = parse::date(&r.date).map_err(|m| AppError::bad("date", m))?;
    let description = clean(&r.description);
    if description.is_empty() {
        return Err(AppError::bad("description", "describe the deed"));
    }
    let handed_to = clean(&r.handed_to);
    if r.kind == "handover" && handed_to.is_empty() {
        return Err(AppError::bad("handed_to", "say to whom it was handed over"));
    }
    let handed_at = if r.handed_on.trim().is_empty() {
        None
    } else {
        let d = parse::date(&r.handed_on).map_err(|m| AppError::bad("handed_on", m))?;
        if d < date {
            return Err(AppError::bad("handed_on", "handed over before it happened"));
        }
        Some(
            d.to_zoned(jiff::tz::TimeZone::UTC)
                .map_err(|e| AppError::bad("handed_on", e.to_string()))?
                .timestamp()
                .as_millisecond(),
        )
    };
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO activity_referrals (kind, occurred_on, department, description, handed_to, handed_at, reference, created_at, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(&r.kind)
    .bind(date.to_string())
    .bind(clean(&r.department))
    .bind(&description)
    .bind(&handed_to)
    .bind(handed_at)
    .bind(clean(&r.reference))
    .bind(now_ms())
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "referral.create",
            entity: "activity_referral",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"kind": r.kind, "date": date.to_string(), "handed_to": handed_to})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Referral {
        id,
        kind: r.kind.clone(),
        occurred_on: date.to_string(),
        department: clean(&r.department),
        description,
        handed_to,
        handed_at,
        reference: clean(&r.reference),
    })
}

pub async fn referrals(db: &Db) -> Result<Vec<Referral>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, kind, occurred_on, department, description, handed_to, handed_at, reference FROM activity_referrals ORDER BY occurred_on DESC, id DESC LIMIT 500",
    )
    .fetch_all(db.pool())
    .await?)
}

/// A day's count of one kind of activity for a department's team.
#[derive(Clone, Debug, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CountIn {
    /// `dd.mm.yyyy` (answers give `YYYY-MM-DD`).
    pub day: String,
    pub department: String,
    #[serde(default)]
    pub team: String,
    /// One of the kinds: checks, persons_checked, escorts, traffic_operations, public_events,
    /// school_patrols, interventions, conflicts_calmed, abandoned_vehicle_notices.
    pub kind: String,
    pub count: i64,
}

/// Records (or replaces) a count.
pub async fn set_count(db: &Db, actor: &Actor, c: &CountIn) -> Result<(), AppError> {
    let day = parse::date(&c.day).map_err(|m| AppError::bad("day", m))?;
    let department = clean(&c.department);
    if department.is_empty() {
        return Err(AppError::bad("department", "name the department"));
    }
    if !COUNT_KINDS.contains(&c.kind.as_str()) {
        return Err(AppError::bad(
            "kind",
            format!("kind is one of: {}", COUNT_KINDS.join(", ")),
        ));
    }
    if c.count < 0 {
        return Err(AppError::bad("count", "a count cannot be negative"));
    }
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO activity_counts (day, department, team, kind, count, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (day, department, team, kind) DO UPDATE SET count = excluded.count, updated_at = excluded.updated_at",
    )
    .bind(day.to_string())
    .bind(&department)
    .bind(clean(&c.team))
    .bind(&c.kind)
    .bind(c.count)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "activity.count",
            entity: "activity_count",
            entity_id: Some(format!("{day}/{department}/{}/{}", clean(&c.team), c.kind)),
            before: None,
            after: Some(json!({"count": c.count})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Counts summed by department, team and kind between two days (inclusive, `YYYY-MM-DD`).
pub async fn counts(db: &Db, from: &str, to: &str) -> Result<Vec<CountIn>, AppError> {
    let rows = sqlx::query(
        "SELECT department, team, kind, CAST(SUM(count) AS BIGINT) AS n FROM activity_counts WHERE day >= $1 AND day <= $2 GROUP BY department, team, kind ORDER BY department, team, kind",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            Ok(CountIn {
                day: format!("{from}..{to}"),
                department: r.try_get("department")?,
                team: r.try_get("team")?,
                kind: r.try_get("kind")?,
                count: r.try_get("n")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?)
}
