//! The offence catalogue: acts, articles and points with their fine ranges (bani) and aggravated
//! forms, versioned in time. A record is judged by the version in force on its date. Seeded by
//! migration 0008 from DOMAIN §7; an administrator adds versions (the previous one then ends).

use std::collections::HashMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::parse::{LegalRef, clean};
use crate::audit::{self, Actor, Change};
use crate::db::Db;
use crate::error::AppError;

/// One version of an offence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Offence {
    pub id: i64,
    pub act: String,
    pub article: String,
    pub point: String,
    /// The aggravated form (e.g. Law 61/1991 art. 3(2): inside a school).
    #[sqlx(try_from = "crate::db::Flag")]
    pub aggravated: bool,
    pub description_ro: String,
    pub description_en: String,
    pub min_bani: i64,
    pub max_bani: i64,
    /// First day in force, `YYYY-MM-DD`.
    pub valid_from: String,
    /// Last day in force; absent while in force.
    pub valid_to: Option<String>,
}

impl Offence {
    pub fn label(&self) -> String {
        LegalRef {
            act: self.act.clone(),
            article: self.article.clone(),
            point: self.point.clone(),
        }
        .label()
    }
}

type Key = (String, String, String, bool);

/// A version with its days in force parsed (a version whose dates do not parse is never in force).
#[derive(Clone, Debug)]
pub struct Version {
    from: Option<Date>,
    to: Option<Date>,
    pub offence: Offence,
}

impl Version {
    fn new(offence: Offence) -> Version {
        Version {
            from: offence.valid_from.parse().ok(),
            to: offence.valid_to.as_deref().and_then(|t| t.parse().ok()),
            offence,
        }
    }

    fn in_force_on(&self, day: Date) -> bool {
        self.from.is_some_and(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// The whole catalogue in memory, for judging many records quickly.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    by_key: HashMap<Key, Vec<Version>>,
}

/// Why a reference could not be judged.
#[derive(Debug, PartialEq, Eq)]
pub enum Judgement<'a> {
    Found(&'a Offence),
    /// The act/article/point is not in the catalogue at all.
    Unknown,
    /// Known, but no version was in force on that day.
    NotInForce,
}

impl Catalogue {
    pub fn new(offences: Vec<Offence>) -> Catalogue {
        let mut by_key: HashMap<Key, Vec<Version>> = HashMap::new();
        for o in offences {
            by_key
                .entry((
                    o.act.clone(),
                    o.article.clone(),
                    o.point.clone(),
                    o.aggravated,
                ))
                .or_default()
                .push(Version::new(o));
        }
        Catalogue { by_key }
    }

    /// The versions of `r` (aggravated or not); `None` when the catalogue does not know it.
    /// Importers look this up once per distinct reference and judge each day with [`judge_in`].
    pub fn versions(&self, r: &LegalRef, aggravated: bool) -> Option<&[Version]> {
        let key = (
            r.act.clone(),
            r.article.clone(),
            r.point.clone(),
            aggravated,
        );
        self.by_key.get(&key).map(Vec::as_slice)
    }

    /// The version of `r` (aggravated or not) in force on `day`.
    pub fn judge(&self, r: &LegalRef, aggravated: bool, day: Date) -> Judgement<'_> {
        judge_in(self.versions(r, aggravated), day)
    }

    pub fn all(&self) -> impl Iterator<Item = &Offence> {
        self.by_key.values().flatten().map(|v| &v.offence)
    }
}

/// The version in force on `day` among `versions` (as [`Catalogue::versions`] gives them).
pub fn judge_in(versions: Option<&[Version]>, day: Date) -> Judgement<'_> {
    match versions {
        None => Judgement::Unknown,
        Some(vs) => vs
            .iter()
            .find(|v| v.in_force_on(day))
            .map_or(Judgement::NotInForce, |v| Judgement::Found(&v.offence)),
    }
}

const COLUMNS: &str = "id, act, article, point, aggravated, description_ro, description_en, min_bani, max_bani, valid_from, valid_to";

/// Every version, ordered by act, article, point and date.
pub async fn list(db: &Db) -> Result<Vec<Offence>, AppError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM activity_offences ORDER BY act, article, point, aggravated, valid_from"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .fetch_all(db.pool())
        .await?)
}

pub async fn load(db: &Db) -> Result<Catalogue, AppError> {
    Ok(Catalogue::new(list(db).await?))
}

/// A new version of an offence, as an administrator sends it.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct OffenceIn {
    /// `Legea 61/1991 art. 2 pct. 25` (act, article and point in one).
    pub reference: String,
    #[serde(default)]
    pub aggravated: bool,
    pub description_ro: String,
    pub description_en: String,
    /// Lei, Romanian style: `200`, `1.500,00`.
    pub min: String,
    pub max: String,
    /// First day in force, `dd.mm.yyyy`.
    pub valid_from: String,
}

/// Adds a version: the version in force before `valid_from` ends the day before. One transaction,
/// audited.
pub async fn add_version(db: &Db, actor: &Actor, input: &OffenceIn) -> Result<Offence, AppError> {
    let r = super::parse::legal_ref(&input.reference).map_err(|m| AppError::bad("reference", m))?;
    let min = super::parse::amount_bani(&input.min).map_err(|m| AppError::bad("min", m))?;
    let max = super::parse::amount_bani(&input.max).map_err(|m| AppError::bad("max", m))?;
    if max < min {
        return Err(AppError::bad("max", "the maximum is below the minimum"));
    }
    let from: Date =
        super::parse::date(&input.valid_from).map_err(|m| AppError::bad("valid_from", m))?;
    let description_ro = clean(&input.description_ro);
    if description_ro.is_empty() {
        return Err(AppError::bad("description_ro", "describe the offence"));
    }
    let description_en = clean(&input.description_en);
    let from_s = from.to_string();
    let day_before = from
        .yesterday()
        .map_err(|_| AppError::bad("valid_from", "too early"))?
        .to_string();
    let agg = i64::from(input.aggravated);
    let mut tx = db.begin().await?;
    let later: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) AS n FROM activity_offences WHERE act = $1 AND article = $2 AND point = $3 AND aggravated = $4 AND valid_from >= $5",
    )
    .bind(&r.act)
    .bind(&r.article)
    .bind(&r.point)
    .bind(agg)
    .bind(&from_s)
    .fetch_one(&mut *tx)
    .await?;
    if later > 0 {
        return Err(AppError::bad(
            "valid_from",
            "a version starting on or after this day exists already",
        ));
    }
    sqlx::query(
        "UPDATE activity_offences SET valid_to = $5 WHERE act = $1 AND article = $2 AND point = $3 AND aggravated = $4 AND (valid_to IS NULL OR valid_to >= $5)",
    )
    .bind(&r.act)
    .bind(&r.article)
    .bind(&r.point)
    .bind(agg)
    .bind(&day_before)
    .execute(&mut *tx)
    .await?;
    let sql = format!(
        "INSERT INTO activity_offences (act, article, point, aggravated, description_ro, description_en, min_bani, max_bani, valid_from) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {COLUMNS}"
    );
    let o: Offence = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(&r.act)
        .bind(&r.article)
        .bind(&r.point)
        .bind(agg)
        .bind(&description_ro)
        .bind(&description_en)
        .bind(min)
        .bind(max)
        .bind(&from_s)
        .fetch_one(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "offence.version",
            entity: "offence",
            entity_id: Some(o.id.to_string()),
            before: None,
            after: Some(json!({"reference": o.label(), "aggravated": o.aggravated,
                "min_bani": min, "max_bani": max, "valid_from": from_s})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o(id: i64, from: &str, to: Option<&str>, min: i64) -> Offence {
        Offence {
            id,
            act: "Legea 61/1991".into(),
            article: "2".into(),
            point: "25".into(),
            aggravated: false,
            description_ro: String::new(),
            description_en: String::new(),
            min_bani: min,
            max_bani: min * 5,
            valid_from: from.into(),
            valid_to: to.map(str::to_string),
        }
    }

    #[test]
    fn a_record_is_judged_by_the_version_in_force_on_its_date() {
        let c = Catalogue::new(vec![
            o(1, "2000-01-01", Some("2025-12-31"), 20_000),
            o(2, "2026-01-01", None, 30_000),
        ]);
        let r = super::super::parse::legal_ref("Legea 61/1991 art. 2 pct. 25").expect("ref");
        let day = |s: &str| s.parse::<Date>().expect("day");
        let Judgement::Found(old) = c.judge(&r, false, day("2025-12-31")) else {
            panic!("old version")
        };
        assert_eq!(old.id, 1);
        let Judgement::Found(new) = c.judge(&r, false, day("2026-01-01")) else {
            panic!("new version")
        };
        assert_eq!(new.id, 2);
        assert_eq!(c.judge(&r, false, day("1999-05-01")), Judgement::NotInForce);
        assert_eq!(c.judge(&r, true, day("2026-05-01")), Judgement::Unknown);
    }
}
