//! Proposals: a measure an analyst proposes from an analysis (kind and parameters kept), the
//! decision of the head of service or management, and the effect followed before and after
//! against a comparison area with an exact test.

use serde::{Deserialize, Serialize};
use serde_json::json;
use veghe_analytics::series::compare::binomial_two_sided;

use super::filter::{day_start_ms, iso, local, today};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};
use crate::http::extract::required;

/// The analyses a proposal may come from.
pub const KINDS: &[&str] = &["hotspots", "trends", "near_repeat", "situation"];
/// Longest before/after window of the effect, days.
pub const EFFECT_DAYS: i64 = 90;

/// A proposal as submitted.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProposalIn {
    pub title: String,
    pub measure: String,
    /// `hotspots`, `trends`, `near_repeat` or `situation`.
    pub analysis_kind: String,
    /// The analysis's query string (filter and parameters), as the page states it.
    pub parameters: String,
    #[serde(rename = "type", default)]
    pub incident_type: Option<String>,
    /// The neighbourhood the measure targets.
    pub area: String,
    /// A neighbourhood without the measure, to compare with.
    pub comparison_area: String,
}

/// A decision.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DecisionIn {
    /// `approve` or `reject`.
    pub decision: String,
    pub note: String,
    /// Day the measure starts (`YYYY-MM-DD`, default the decision day).
    #[serde(default)]
    pub effect_from: Option<String>,
}

/// A stored proposal.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Proposal {
    pub id: i64,
    pub created_at: i64,
    pub created_by_name: String,
    pub title: String,
    pub measure: String,
    pub analysis_kind: String,
    pub parameters: String,
    #[serde(rename = "type")]
    pub incident_type: Option<String>,
    pub area: String,
    pub comparison_area: String,
    /// `proposed`, `approved` or `rejected`.
    pub status: String,
    pub decided_at: Option<i64>,
    pub decided_by_name: Option<String>,
    pub decision_note: Option<String>,
    pub effect_from: Option<String>,
}

/// Before/after counts in the area and the comparison area, and the exact test of the change.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Effect {
    pub before_from: String,
    pub after_to: String,
    pub days: i64,
    pub area_before: u64,
    pub area_after: u64,
    pub comparison_before: u64,
    pub comparison_after: u64,
    /// (area after / before) / (comparison after / before); below 1: the area fell more.
    pub relative_change: Option<f64>,
    /// Two-sided exact test: area's share of the after counts against its share before.
    pub p_value: Option<f64>,
}

fn db_err(e: sqlx::Error) -> AppError {
    AppError::Internal(e.into())
}

/// Records a proposal (and its audit entry) in one transaction.
pub async fn create(db: &Db, actor: &Actor, p: &ProposalIn) -> AppResult<Proposal> {
    let title = required(Some(p.title.clone()), "title", 200)?;
    let measure = required(Some(p.measure.clone()), "measure", 4000)?;
    let kind = p.analysis_kind.trim();
    if !KINDS.contains(&kind) {
        return Err(AppError::bad(
            "analysis_kind",
            format!("analysis_kind must be one of {}", KINDS.join(", ")),
        ));
    }
    let parameters = p.parameters.trim().to_string();
    if parameters.len() > 2000 {
        return Err(AppError::bad(
            "parameters",
            "parameters are longer than 2000 characters",
        ));
    }
    let area = required(Some(p.area.clone()), "area", 200)?;
    let comparison = required(Some(p.comparison_area.clone()), "comparison_area", 200)?;
    if area == comparison {
        return Err(AppError::bad(
            "comparison_area",
            "the comparison area must differ from the area",
        ));
    }
    let kind_of = p
        .incident_type
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut tx = db.begin().await.map_err(db_err)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO analysis_proposals (created_at, created_by, created_by_name, title, measure, analysis_kind, parameters, incident_type, area, comparison_area, status) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'proposed') RETURNING id",
    )
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(&title)
    .bind(&measure)
    .bind(kind)
    .bind(&parameters)
    .bind(kind_of)
    .bind(&area)
    .bind(&comparison)
    .fetch_one(&mut *tx)
    .await
    .map_err(db_err)?;
    let stored = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "analysis.proposal.create",
            entity: "analysis_proposal",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!(stored)),
        },
    )
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(stored)
}

async fn get_in(tx: &mut crate::db::Tx, id: i64) -> AppResult<Proposal> {
    sqlx::query_as("SELECT * FROM analysis_proposals WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

pub async fn get(db: &Db, id: i64) -> AppResult<Proposal> {
    sqlx::query_as("SELECT * FROM analysis_proposals WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .map_err(db_err)?
        .ok_or(AppError::NotFound)
}

pub async fn list(db: &Db) -> AppResult<Vec<Proposal>> {
    sqlx::query_as("SELECT * FROM analysis_proposals ORDER BY id DESC LIMIT 500")
        .fetch_all(db.pool())
        .await
        .map_err(db_err)
}

/// Approves or rejects a proposal still open; a rejection needs no start day.
pub async fn decide(db: &Db, actor: &Actor, id: i64, d: &DecisionIn) -> AppResult<Proposal> {
    let status = match d.decision.trim() {
        "approve" => "approved",
        "reject" => "rejected",
        t => {
            return Err(AppError::bad(
                "decision",
                format!("decision: `{t}` is not approve or reject"),
            ));
        }
    };
    let note = required(Some(d.note.clone()), "note", 2000)?;
    let now = now_ms();
    let effect_from = match d
        .effect_from
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(t) => Some(
            t.parse::<jiff::civil::Date>()
                .map_err(|_| {
                    AppError::bad(
                        "effect_from",
                        format!("effect_from: `{t}` is not a date (YYYY-MM-DD)"),
                    )
                })?
                .to_string(),
        ),
        None if status == "approved" => Some(iso(local(now).0)),
        None => None,
    };
    let mut tx = db.begin().await.map_err(db_err)?;
    let before = get_in(&mut tx, id).await?;
    let done = sqlx::query(
        "UPDATE analysis_proposals SET status = $1, decided_at = $2, decided_by = $3, decided_by_name = $4, decision_note = $5, effect_from = $6 \
         WHERE id = $7 AND status = 'proposed'",
    )
    .bind(status)
    .bind(now)
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(&note)
    .bind(effect_from.as_deref())
    .bind(id)
    .execute(&mut *tx)
    .await
    .map_err(db_err)?;
    if done.rows_affected() != 1 {
        return Err(AppError::conflict(format!(
            "proposal {id} is already {}",
            before.status
        )));
    }
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "analysis.proposal.decide",
            entity: "analysis_proposal",
            entity_id: Some(id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)?;
    Ok(after)
}

async fn count(db: &Db, area: &str, kind: Option<&str>, from: i64, to_excl: i64) -> AppResult<u64> {
    let mut sql = String::from(
        "SELECT COUNT(*) AS n FROM incidents WHERE neighbourhood = $1 AND received_at >= $2 AND received_at < $3",
    );
    if kind.is_some() {
        sql.push_str(" AND type = $4");
    }
    let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(area)
        .bind(day_start_ms(from))
        .bind(day_start_ms(to_excl));
    if let Some(k) = kind {
        q = q.bind(k);
    }
    let n: i64 = q.fetch_one(db.pool()).await.map_err(db_err)?;
    Ok(n.max(0) as u64)
}

/// The effect of an approved proposal: up to [`EFFECT_DAYS`] days after its start against as many
/// days before, in the area and the comparison area. `None` before the start or when not approved.
pub async fn effect(db: &Db, p: &Proposal) -> AppResult<Option<Effect>> {
    let Some(start) = p.effect_from.as_deref().filter(|_| p.status == "approved") else {
        return Ok(None);
    };
    let Some(start) = super::filter::parse_iso(start) else {
        return Ok(None);
    };
    let days = (today() - start).min(EFFECT_DAYS);
    if days < 1 {
        return Ok(None);
    }
    let kind = p.incident_type.as_deref();
    let ab = count(db, &p.area, kind, start - days, start).await?;
    let aa = count(db, &p.area, kind, start, start + days).await?;
    let cb = count(db, &p.comparison_area, kind, start - days, start).await?;
    let ca = count(db, &p.comparison_area, kind, start, start + days).await?;
    Ok(Some(effect_of(start, days, [ab, aa, cb, ca])))
}

/// The effect from the four counts: area before, area after, comparison before, comparison after.
pub fn effect_of(start: i64, days: i64, [ab, aa, cb, ca]: [u64; 4]) -> Effect {
    let relative_change =
        (ab > 0 && cb > 0 && ca > 0).then(|| (aa as f64 / ab as f64) / (ca as f64 / cb as f64));
    let p_value = (ab + cb > 0 && aa + ca > 0)
        .then(|| binomial_two_sided(aa, aa + ca, ab as f64 / (ab + cb) as f64));
    Effect {
        before_from: iso(start - days),
        after_to: iso(start + days - 1),
        days,
        area_before: ab,
        area_after: aa,
        comparison_before: cb,
        comparison_after: ca,
        relative_change,
        p_value,
    }
}
