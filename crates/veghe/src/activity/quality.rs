//! Data quality of the sanction records: missing coordinates, legal bases the catalogue does not
//! know on the record's date, fines outside the range in force, the same deed recorded twice
//! across imports, and the addresses matched (or not) against Timișoara's street list.

use serde::Serialize;
use sqlx::Row;

use super::store::{COLUMNS, Sanction, sanction};
use crate::db::Db;
use crate::error::AppError;

/// Records of one kind of problem: how many, and the first of them (masked).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// `missing_coordinates`, `unknown_legal_basis`, `amount_outside_range`, `duplicates`.
    pub check: String,
    pub count: i64,
    pub records: Vec<Sanction>,
}

/// An address of records without coordinates, and the street it matched (if any).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Geocoded {
    pub address: String,
    pub records: i64,
    /// The street of Timișoara it matched; absent: unmatched, for a person to place on the map.
    pub street: Option<String>,
    pub postal_code: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Quality {
    pub total: i64,
    pub findings: Vec<Finding>,
    pub addresses: Vec<Geocoded>,
}

/// The version in force on the record's date, joined.
const IN_FORCE: &str = "o.act = s.act AND o.article = s.article AND o.point = s.point AND o.aggravated = s.aggravated AND o.valid_from <= s.occurred_on AND (o.valid_to IS NULL OR s.occurred_on <= o.valid_to)";

async fn finding(db: &Db, check: &str, from_where: &str, limit: i64) -> Result<Finding, AppError> {
    let count_sql = format!("SELECT COUNT(*) AS n {from_where}");
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql))
        .fetch_one(db.pool())
        .await?;
    let cols: String = COLUMNS
        .split(", ")
        .map(|c| format!("s.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql =
        format!("SELECT {cols} {from_where} ORDER BY s.occurred_at DESC, s.id DESC LIMIT {limit}");
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?;
    let mut records: Vec<Sanction> = rows.iter().map(sanction).collect::<Result<_, _>>()?;
    records.iter_mut().for_each(Sanction::mask);
    Ok(Finding {
        check: check.to_string(),
        count: n,
        records,
    })
}

/// The address without the city and what follows the first comma: `Str. Florilor 3`.
fn street_part(address: &str) -> &str {
    address.split(',').next().unwrap_or("").trim()
}

/// How many records have a legal basis the catalogue does not know on their date.
pub async fn unknown_basis(db: &Db) -> Result<i64, AppError> {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM activity_sanctions s WHERE NOT EXISTS (SELECT 1 FROM activity_offences o WHERE {IN_FORCE})"
    );
    Ok(sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(db.pool())
        .await?)
}

pub async fn check(db: &Db, limit: i64) -> Result<Quality, AppError> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) AS n FROM activity_sanctions")
        .fetch_one(db.pool())
        .await?;
    let findings = vec![
        finding(
            db,
            "missing_coordinates",
            "FROM activity_sanctions s WHERE s.lat IS NULL OR s.lon IS NULL",
            limit,
        )
        .await?,
        finding(
            db,
            "unknown_legal_basis",
            &format!(
                "FROM activity_sanctions s WHERE NOT EXISTS (SELECT 1 FROM activity_offences o WHERE {IN_FORCE})"
            ),
            limit,
        )
        .await?,
        finding(
            db,
            "amount_outside_range",
            &format!(
                "FROM activity_sanctions s JOIN activity_offences o ON {IN_FORCE} WHERE s.sanction = 'fine' AND (s.amount_bani < o.min_bani OR s.amount_bani > o.max_bani)"
            ),
            limit,
        )
        .await?,
        finding(
            db,
            "duplicates",
            "FROM activity_sanctions s WHERE s.offender_id IS NOT NULL AND EXISTS (SELECT 1 FROM activity_sanctions d WHERE d.id <> s.id AND d.offender_id = s.offender_id AND d.occurred_at = s.occurred_at AND d.act = s.act AND d.article = s.article AND d.point = s.point AND (d.import_id IS NULL OR s.import_id IS NULL OR d.import_id <> s.import_id))",
            limit,
        )
        .await?,
    ];
    let rows = sqlx::query(
        "SELECT address, COUNT(*) AS n FROM activity_sanctions WHERE (lat IS NULL OR lon IS NULL) AND address <> '' GROUP BY address ORDER BY COUNT(*) DESC, address LIMIT 500",
    )
    .fetch_all(db.pool())
    .await?;
    let mut addresses = Vec::with_capacity(rows.len());
    for r in &rows {
        let address: String = r.try_get("address")?;
        let hit = crate::dispatch::addresses::suggest(street_part(&address), 1)
            .into_iter()
            .next();
        addresses.push(Geocoded {
            records: r.try_get("n")?,
            street: hit.as_ref().map(|s| s.street.clone()),
            postal_code: hit.map(|s| s.postal_code),
            address,
        });
    }
    // The unmatched first: they need a person.
    addresses.sort_by_key(|a| a.street.is_some());
    Ok(Quality {
        total,
        findings,
        addresses,
    })
}
