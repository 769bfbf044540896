//! Reading sanction records: the filter every list and export shares, offenders masked unless
//! the caller has given a reason (then the access log has it).

use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::db::Db;
use crate::error::AppError;

/// The filter of lists and exports (query string).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// From this day (`dd.mm.yyyy` or `YYYY-MM-DD`), inclusive.
    pub from: Option<String>,
    /// To this day, inclusive.
    pub to: Option<String>,
    pub department: Option<String>,
    /// The act: `Legea 61/1991`.
    pub act: Option<String>,
    /// `warning` or `fine`.
    pub sanction: Option<String>,
    /// `none`, `unpaid`, `paid`, `half_minimum`, `partial`.
    pub payment: Option<String>,
    /// Series or number.
    pub q: Option<String>,
    /// At most this many (default 200, at most 100000 for exports).
    pub limit: Option<i64>,
}

fn some(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Filter {
    /// The WHERE clause and its values, each parsed (a bad value is a 400 naming it).
    fn clause(&self) -> Result<(String, Vec<String>), AppError> {
        let mut conds = Vec::new();
        let mut vals = Vec::new();
        let mut push = |cond: &str, v: String| {
            vals.push(v);
            conds.push(cond.replace('?', &format!("${}", vals.len())));
        };
        if let Some(f) = some(&self.from) {
            let d = super::parse::date(f).map_err(|m| AppError::bad("from", m))?;
            push("occurred_on >= ?", d.to_string());
        }
        if let Some(t) = some(&self.to) {
            let d = super::parse::date(t).map_err(|m| AppError::bad("to", m))?;
            push("occurred_on <= ?", d.to_string());
        }
        if let Some(d) = some(&self.department) {
            push("department = ?", d.to_string());
        }
        if let Some(a) = some(&self.act) {
            push("act = ?", a.to_string());
        }
        if let Some(s) = some(&self.sanction) {
            if !["warning", "fine"].contains(&s) {
                return Err(AppError::bad("sanction", "sanction is `warning` or `fine`"));
            }
            push("sanction = ?", s.to_string());
        }
        if let Some(p) = some(&self.payment) {
            if !["none", "unpaid", "paid", "half_minimum", "partial"].contains(&p) {
                return Err(AppError::bad(
                    "payment",
                    "payment is none, unpaid, paid, half_minimum or partial",
                ));
            }
            push("payment = ?", p.to_string());
        }
        if let Some(q) = some(&self.q) {
            let q = q.to_uppercase();
            vals.push(q);
            let n = vals.len();
            conds.push(format!(
                "(series = ${n} OR number = ${n} OR series || number = ${n})"
            ));
        }
        let clause = if conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", conds.join(" AND "))
        };
        Ok((clause, vals))
    }
}

/// A sanction record as lists and exports give it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Sanction {
    pub id: i64,
    pub series: String,
    pub number: String,
    pub occurred_at: i64,
    /// `YYYY-MM-DD`, in Timișoara.
    pub occurred_on: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub department: String,
    pub officers: String,
    /// `person`, `company` or `unidentified`.
    pub offender_kind: String,
    /// A person's initials unless revealed; a company's name.
    pub offender_name: String,
    /// A person's CNP masked unless revealed; a company's CUI.
    pub offender_id: Option<String>,
    /// `Legea 61/1991 art. 2 pct. 25`.
    pub legal_basis: String,
    pub aggravated: bool,
    pub offence_id: Option<i64>,
    /// `warning` or `fine`.
    pub sanction: String,
    pub amount_bani: i64,
    pub measures: String,
    pub paid_bani: i64,
    pub paid_on: Option<String>,
    pub payment: String,
    pub contested: bool,
    pub import_id: Option<i64>,
}

/// `Ion Popescu` → `I. P.`
pub fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Sanction {
    /// Hides a person's identity (companies are not personal data).
    pub fn mask(&mut self) {
        if self.offender_kind != "company" {
            self.offender_name = initials(&self.offender_name);
            self.offender_id = self.offender_id.as_deref().map(veghe_ro::mask_cnp_like);
        }
    }
}

pub(crate) const COLUMNS: &str = "id, series, number, occurred_at, occurred_on, address, lat, lon, department, officers, offender_kind, offender_name, offender_id, act, article, point, aggravated, offence_id, sanction, amount_bani, measures, paid_bani, paid_on, payment, contested, import_id";

pub(crate) fn sanction(r: &sqlx::any::AnyRow) -> Result<Sanction, sqlx::Error> {
    let legal = super::parse::LegalRef {
        act: r.try_get("act")?,
        article: r.try_get("article")?,
        point: r.try_get("point")?,
    };
    Ok(Sanction {
        id: r.try_get("id")?,
        series: r.try_get("series")?,
        number: r.try_get("number")?,
        occurred_at: r.try_get("occurred_at")?,
        occurred_on: r.try_get("occurred_on")?,
        address: r.try_get("address")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        department: r.try_get("department")?,
        officers: r.try_get("officers")?,
        offender_kind: r.try_get("offender_kind")?,
        offender_name: r.try_get("offender_name")?,
        offender_id: r.try_get("offender_id")?,
        legal_basis: legal.label(),
        aggravated: r.try_get::<i64, _>("aggravated")? != 0,
        offence_id: r.try_get("offence_id")?,
        sanction: r.try_get("sanction")?,
        amount_bani: r.try_get("amount_bani")?,
        measures: r.try_get("measures")?,
        paid_bani: r.try_get("paid_bani")?,
        paid_on: r.try_get("paid_on")?,
        payment: r.try_get("payment")?,
        contested: r.try_get::<i64, _>("contested")? != 0,
        import_id: r.try_get("import_id")?,
    })
}

/// The records matching `filter`, newest first, masked unless `reveal`.
pub async fn list(
    db: &Db,
    filter: &Filter,
    max: i64,
    reveal: bool,
) -> Result<Vec<Sanction>, AppError> {
    let (clause, vals) = filter.clause()?;
    let limit = filter.limit.unwrap_or(200).clamp(1, max);
    let sql = format!(
        "SELECT {COLUMNS} FROM activity_sanctions{clause} ORDER BY occurred_at DESC, id DESC LIMIT {limit}"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for v in vals {
        q = q.bind(v);
    }
    let rows = q.fetch_all(db.pool()).await?;
    let mut out: Vec<Sanction> = rows.iter().map(sanction).collect::<Result<_, _>>()?;
    if !reveal {
        out.iter_mut().for_each(Sanction::mask);
    }
    Ok(out)
}

/// How many records match, and their fines' total.
pub async fn totals(db: &Db, filter: &Filter) -> Result<(i64, i64), AppError> {
    let (clause, vals) = filter.clause()?;
    let sql = format!(
        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_bani), 0) AS BIGINT) AS total FROM activity_sanctions{clause}"
    );
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for v in vals {
        q = q.bind(v);
    }
    Ok(q.fetch_one(db.pool()).await?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_hide_names() {
        assert_eq!(super::initials("Ion  Popescu"), "I. P.");
        assert_eq!(super::initials("Ștefan"), "Ș.");
    }
}
