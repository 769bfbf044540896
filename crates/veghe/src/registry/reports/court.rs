//! Court cases about information requests (Law 544/2001 art. 22): recorded with their court,
//! number and filing day, their outcome when decided; a pending case holds its entry's data
//! against the retention purge.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;

use super::facts::{code, day, info_entry};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};
use crate::http::extract::text;
use crate::registry::numbers::reference;

pub const COURT_OUTCOMES: &[&str] = &["pending", "favourable", "rejected"];

/// A court case about an information request (Law 544/2001 art. 22).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct CourtCase {
    pub id: i64,
    pub entry_id: i64,
    /// The request's registration number.
    pub number: String,
    pub court: String,
    pub case_number: String,
    pub filed_on: String,
    /// pending, favourable, rejected.
    pub outcome: String,
    pub decided_on: Option<String>,
}

/// A court case as recorded.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CourtCaseIn {
    /// The id of the information request or complaint.
    pub entry_id: Option<i64>,
    pub court: Option<String>,
    pub case_number: Option<String>,
    /// YYYY-MM-DD.
    pub filed_on: Option<String>,
    /// pending (default), favourable, rejected.
    pub outcome: Option<String>,
    /// YYYY-MM-DD, with a decided outcome.
    pub decided_on: Option<String>,
}

/// A court case's outcome, as decided.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct OutcomeIn {
    /// pending, favourable, rejected.
    pub outcome: Option<String>,
    pub decided_on: Option<String>,
}

fn outcome_of(
    outcome: Option<String>,
    decided_on: Option<String>,
) -> AppResult<(String, Option<String>)> {
    let outcome = code(outcome, "outcome", COURT_OUTCOMES)?.unwrap_or_else(|| "pending".into());
    let decided = day(decided_on, "decided_on")?;
    if outcome != "pending" && decided.is_none() {
        return Err(AppError::bad(
            "decided_on",
            crate::error::Said::new(
                "Data hotărârii: un dosar soluționat are data hotărârii.",
                "a decided case has its decision date",
            ),
        ));
    }
    Ok((outcome, decided))
}

const COURT_SELECT: &str = "SELECT c.id, c.entry_id, c.court, c.case_number, c.filed_on, c.outcome, c.decided_on, e.number, e.number_date \
    FROM registry_court_cases c JOIN registry_entries e ON e.id = c.entry_id";

fn court_case(r: &sqlx::any::AnyRow) -> AppResult<CourtCase> {
    Ok(CourtCase {
        id: r.try_get("id")?,
        entry_id: r.try_get("entry_id")?,
        number: reference(
            r.try_get("number")?,
            &r.try_get::<String, _>("number_date")?,
        ),
        court: r.try_get("court")?,
        case_number: r.try_get("case_number")?,
        filed_on: r.try_get("filed_on")?,
        outcome: r.try_get("outcome")?,
        decided_on: r.try_get("decided_on")?,
    })
}

async fn court_in(tx: &mut Tx, id: i64) -> AppResult<CourtCase> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COURT_SELECT} WHERE c.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)?;
    court_case(&row)
}

/// The court cases filed in `year`.
pub async fn court_cases(db: &Db, year: i16) -> AppResult<Vec<CourtCase>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{COURT_SELECT} WHERE c.filed_on >= $1 AND c.filed_on <= $2 ORDER BY c.filed_on, c.id"
    )))
    .bind(format!("{year:04}-01-01"))
    .bind(format!("{year:04}-12-31"))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(court_case).collect()
}

async fn audit_court(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    before: Option<&CourtCase>,
    after: &CourtCase,
) -> AppResult<()> {
    audit::append(
        tx,
        actor,
        Change {
            action,
            entity: "registry_court_case",
            entity_id: Some(after.id.to_string()),
            before: before.map(|b| json!(b)),
            after: Some(json!(after)),
        },
    )
    .await?;
    Ok(())
}

pub async fn add_court_case(db: &Db, actor: &Actor, input: CourtCaseIn) -> AppResult<CourtCase> {
    let entry = input.entry_id.ok_or_else(|| {
        AppError::bad(
            "entry_id",
            crate::error::Said::new(
                "Lucrarea: alegeți lucrarea din registru.",
                "entry_id is required",
            ),
        )
    })?;
    let court = text(input.court, "court", 200)?.ok_or_else(|| {
        AppError::bad(
            "court",
            crate::error::Said::new("Instanța: câmpul este obligatoriu.", "court is required"),
        )
    })?;
    let number = text(input.case_number, "case_number", 60)?.ok_or_else(|| {
        AppError::bad(
            "case_number",
            crate::error::Said::new(
                "Numărul dosarului: câmpul este obligatoriu.",
                "case_number is required",
            ),
        )
    })?;
    let filed = day(input.filed_on, "filed_on")?.ok_or_else(|| {
        AppError::bad(
            "filed_on",
            crate::error::Said::new(
                "Data înregistrării la instanță: câmpul este obligatoriu.",
                "filed_on is required",
            ),
        )
    })?;
    let (outcome, decided) = outcome_of(input.outcome, input.decided_on)?;
    let mut tx = db.begin().await?;
    info_entry(&mut tx, entry, "entry_id").await?;
    let row = sqlx::query(
        "INSERT INTO registry_court_cases (entry_id, court, case_number, filed_on, outcome, decided_on, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(entry)
    .bind(&court)
    .bind(&number)
    .bind(&filed)
    .bind(&outcome)
    .bind(&decided)
    .bind(now_ms())
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    let case = court_in(&mut tx, row.try_get("id")?).await?;
    audit_court(&mut tx, actor, "registry.court_case", None, &case).await?;
    tx.commit().await?;
    Ok(case)
}

pub async fn set_court_outcome(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: OutcomeIn,
) -> AppResult<CourtCase> {
    let (outcome, decided) = outcome_of(input.outcome, input.decided_on)?;
    let mut tx = db.begin().await?;
    let before = court_in(&mut tx, id).await?;
    sqlx::query("UPDATE registry_court_cases SET outcome = $2, decided_on = $3 WHERE id = $1")
        .bind(id)
        .bind(&outcome)
        .bind(&decided)
        .execute(&mut *tx)
        .await?;
    let after = court_in(&mut tx, id).await?;
    audit_court(
        &mut tx,
        actor,
        "registry.court_outcome",
        Some(&before),
        &after,
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
