//! What the Law 544 report needs beyond the register, recorded by the registry: each request's
//! domain of interest and the ground of a refusal, the outcome of an administrative complaint,
//! and the year's costs, copying fees, measures and responsible person (court cases are in
//! `court`). Input parsed naming the field; every write audited in its transaction.

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::Row;

use super::cases::Facts;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};
use crate::http::extract::text;
use crate::registry::numbers::reference;

/// The domains of interest of the report.
pub const DOMAINS: &[&str] = &[
    "public_money",
    "duties",
    "regulations",
    "leaders",
    "law544",
    "other",
];
/// Why a request was refused.
pub const GROUNDS: &[&str] = &["exempt", "nonexistent", "other"];
pub const COMPLAINT_OUTCOMES: &[&str] = &["favourable", "rejected"];

pub(super) fn code(
    v: Option<String>,
    field: &'static str,
    allowed: &[&str],
) -> AppResult<Option<String>> {
    match text(v, field, 40)? {
        Some(c) if !allowed.contains(&c.as_str()) => Err(AppError::bad(
            field,
            format!("{field} `{c}` is not one of: {}", allowed.join(", ")),
        )),
        other => Ok(other),
    }
}

pub(super) fn day(v: Option<String>, field: &'static str) -> AppResult<Option<String>> {
    text(v, field, 10)?
        .map(|d| {
            d.parse::<jiff::civil::Date>()
                .map(|d| d.to_string())
                .map_err(|_| {
                    AppError::bad(field, format!("{field} `{d}` is not a date (YYYY-MM-DD)"))
                })
        })
        .transpose()
}

/// The facts of an information request or complaint, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct FactsIn {
    /// public_money, duties, regulations, leaders, law544, other.
    pub domain: Option<String>,
    /// exempt, nonexistent, other (a refused request).
    pub refusal_ground: Option<String>,
    /// Required with `other`: the reason, as the report names it (no personal data).
    pub refusal_note: Option<String>,
    /// favourable or rejected (an administrative complaint).
    pub complaint_outcome: Option<String>,
}

impl FactsIn {
    pub fn parse(self) -> AppResult<Facts> {
        let f = Facts {
            domain: code(self.domain, "domain", DOMAINS)?,
            refusal_ground: code(self.refusal_ground, "refusal_ground", GROUNDS)?,
            refusal_note: text(self.refusal_note, "refusal_note", 200)?,
            complaint_outcome: code(
                self.complaint_outcome,
                "complaint_outcome",
                COMPLAINT_OUTCOMES,
            )?,
        };
        if f.refusal_ground.as_deref() == Some("other") && f.refusal_note.is_none() {
            return Err(AppError::bad(
                "refusal_note",
                crate::error::Said::new(
                    "HG 123/2002 art. 27: refuzul pe alte temeiuri își numește motivul.",
                    "HG 123/2002 art. 27: a refusal on other grounds names its reason",
                ),
            ));
        }
        Ok(f)
    }
}

/// The register and kind of entry `id`, refusing entries outside the information register.
pub(super) async fn info_entry(
    tx: &mut Tx,
    id: i64,
    field: &'static str,
) -> AppResult<(String, String)> {
    let row = sqlx::query(
        "SELECT register, kind, number, number_date FROM registry_entries WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| AppError::bad(field, format!("no registry entry {id}")))?;
    let register: String = row.try_get("register")?;
    if register != "info" {
        return Err(AppError::bad(
            field,
            "only public-information requests and complaints (Law 544/2001) have these facts",
        ));
    }
    let number = reference(
        row.try_get("number")?,
        &row.try_get::<String, _>("number_date")?,
    );
    Ok((row.try_get("kind")?, number))
}

pub async fn facts(db: &Db, id: i64) -> AppResult<Facts> {
    let found: Option<Facts> = sqlx::query_as("SELECT domain, refusal_ground, refusal_note, complaint_outcome FROM registry_info_facts WHERE entry_id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(found.unwrap_or_default())
}

/// Records the facts of information entry `id`.
pub async fn set_facts(db: &Db, actor: &Actor, id: i64, f: Facts) -> AppResult<Facts> {
    let before = facts(db, id).await?;
    let mut tx = db.begin().await?;
    let (kind, number) = info_entry(&mut tx, id, "id").await?;
    if kind == "complaint" && f.refusal_ground.is_some() {
        return Err(AppError::bad(
            "refusal_ground",
            crate::error::Said::new(
                "Temeiul refuzului: reclamația administrativă are o soluție, nu un temei de refuz.",
                "an administrative complaint has an outcome, not a refusal ground",
            ),
        ));
    }
    if kind != "complaint" && f.complaint_outcome.is_some() {
        return Err(AppError::bad(
            "complaint_outcome",
            crate::error::Said::new(
                "Soluția: doar reclamația administrativă are o soluție.",
                "only an administrative complaint has an outcome",
            ),
        ));
    }
    sqlx::query(
        "INSERT INTO registry_info_facts (entry_id, domain, refusal_ground, refusal_note, complaint_outcome, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (entry_id) DO UPDATE SET domain = $2, refusal_ground = $3, \
         refusal_note = $4, complaint_outcome = $5, updated_at = $6, updated_by = $7",
    )
    .bind(id)
    .bind(&f.domain)
    .bind(&f.refusal_ground)
    .bind(&f.refusal_note)
    .bind(&f.complaint_outcome)
    .bind(now_ms())
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "registry.info_facts",
            entity: "registry_entry",
            entity_id: Some(id.to_string()),
            before: Some(json!({"number": number, "facts": before})),
            after: Some(json!({"number": number, "facts": f})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(f)
}

/// What the registry records for a year: costs and copying fees in bani, the act that sets
/// the fee, the measures taken and the person responsible.
#[derive(Clone, Debug, Default, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct YearFigures {
    /// The compartment's total operating costs.
    pub costs_bani: Option<i64>,
    /// Collected for copies of public information.
    pub copy_income_bani: Option<i64>,
    /// The fee per page.
    pub copy_fee_bani: Option<i64>,
    pub copy_fee_basis: Option<String>,
    pub measures: Option<String>,
    pub responsible: Option<String>,
}

/// An amount in lei as a form or JSON gives it: `1234`, `1234,50`, `1.234,50`, `1234.5`.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Lei {
    Number(f64),
    Text(String),
}

/// The year's figures as sent; amounts in lei.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct YearFiguresIn {
    pub costs_lei: Option<Lei>,
    pub copy_income_lei: Option<Lei>,
    pub copy_fee_lei: Option<Lei>,
    pub copy_fee_basis: Option<String>,
    pub measures: Option<String>,
    pub responsible: Option<String>,
}

/// Lei to bani, refusing negatives and more than two decimals.
pub fn bani(v: Option<Lei>, field: &'static str) -> AppResult<Option<i64>> {
    let bad = || AppError::bad(field, format!("{field} is an amount in lei, e.g. 1234,50"));
    let value = match v {
        None => return Ok(None),
        Some(Lei::Number(n)) => n,
        Some(Lei::Text(t)) if t.trim().is_empty() => return Ok(None),
        Some(Lei::Text(t)) => {
            let t = t.trim().trim_end_matches("lei").trim();
            let plain = if t.contains(',') {
                t.replace('.', "").replace(',', ".")
            } else {
                t.to_string()
            };
            if plain.split_once('.').is_some_and(|(_, d)| d.len() > 2) {
                return Err(bad());
            }
            plain.parse::<f64>().map_err(|_| bad())?
        }
    };
    if !value.is_finite() || !(0.0..=1e12).contains(&value) {
        return Err(bad());
    }
    Ok(Some((value * 100.0).round() as i64))
}

impl YearFiguresIn {
    pub fn parse(self) -> AppResult<YearFigures> {
        Ok(YearFigures {
            costs_bani: bani(self.costs_lei, "costs_lei")?,
            copy_income_bani: bani(self.copy_income_lei, "copy_income_lei")?,
            copy_fee_bani: bani(self.copy_fee_lei, "copy_fee_lei")?,
            copy_fee_basis: text(self.copy_fee_basis, "copy_fee_basis", 300)?,
            measures: text(self.measures, "measures", 4000)?,
            responsible: text(self.responsible, "responsible", 200)?,
        })
    }
}

pub async fn year_figures(db: &Db, year: i16) -> AppResult<YearFigures> {
    let found: Option<YearFigures> = sqlx::query_as("SELECT costs_bani, copy_income_bani, copy_fee_bani, copy_fee_basis, measures, responsible FROM registry_info_years WHERE year = $1")
        .bind(i64::from(year))
        .fetch_optional(db.pool())
        .await?;
    Ok(found.unwrap_or_default())
}

pub async fn set_year_figures(
    db: &Db,
    actor: &Actor,
    year: i16,
    f: YearFigures,
) -> AppResult<YearFigures> {
    let before = year_figures(db, year).await?;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO registry_info_years (year, costs_bani, copy_income_bani, copy_fee_bani, copy_fee_basis, measures, responsible, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (year) DO UPDATE SET costs_bani = $2, copy_income_bani = $3, \
         copy_fee_bani = $4, copy_fee_basis = $5, measures = $6, responsible = $7, updated_at = $8, updated_by = $9",
    )
    .bind(i64::from(year))
    .bind(f.costs_bani)
    .bind(f.copy_income_bani)
    .bind(f.copy_fee_bani)
    .bind(&f.copy_fee_basis)
    .bind(&f.measures)
    .bind(&f.responsible)
    .bind(now_ms())
    .bind(actor.user_id)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "registry.info_year",
            entity: "registry_info_year",
            entity_id: Some(year.to_string()),
            before: Some(json!(before)),
            after: Some(json!(f)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_lei() {
        let t = |s: &str| bani(Some(Lei::Text(s.into())), "x");
        assert_eq!(t("1234").ok().flatten(), Some(123_400));
        assert_eq!(t("1.234,50").ok().flatten(), Some(123_450));
        assert_eq!(t("0,25 lei").ok().flatten(), Some(25));
        assert_eq!(t("12.5").ok().flatten(), Some(1250));
        assert_eq!(t("").ok().flatten(), None);
        assert!(t("-3").is_err() && t("abc").is_err() && t("1,234").is_err());
        assert_eq!(bani(Some(Lei::Number(2.5)), "x").ok().flatten(), Some(250));
    }

    #[test]
    fn facts_name_their_bad_field() {
        let bad = |f: FactsIn| match f.parse() {
            Err(AppError::BadRequest { field, .. }) => field,
            _ => None,
        };
        assert_eq!(
            bad(FactsIn {
                domain: Some("weather".into()),
                ..FactsIn::default()
            }),
            Some("domain")
        );
        assert_eq!(
            bad(FactsIn {
                refusal_ground: Some("other".into()),
                ..FactsIn::default()
            }),
            Some("refusal_note")
        );
        let ok = FactsIn {
            domain: Some(" duties ".into()),
            refusal_ground: Some("exempt".into()),
            ..FactsIn::default()
        };
        assert_eq!(
            ok.parse().ok().and_then(|f| f.domain),
            Some("duties".into())
        );
    }
}
