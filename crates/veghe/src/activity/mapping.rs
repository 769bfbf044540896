//! Column mapping: which column of a department's file holds which field of a record. Guessed
//! from the headers (folded: `Dată`, `data`, `DATA` alike), saved per source and reused.

use std::collections::BTreeMap;

use sqlx::Row;

use super::model::Field;
use crate::db::{Db, now_ms};
use crate::error::AppError;
use crate::error::Said;

/// Field code → column header, as saved.
pub type Mapping = BTreeMap<String, String>;

/// Other names departments give the columns (folded).
fn aliases(f: Field) -> &'static [&'static str] {
    match f {
        Field::Series => &["serie", "seria", "serie pv", "series"],
        Field::Number => &["numar", "nr", "nr.", "numar pv", "nr pv", "number"],
        Field::Date => &["data", "data pv", "data constatarii", "date"],
        Field::Time => &["ora", "ora constatarii", "time"],
        Field::Address => &["adresa", "locul", "loc", "locul faptei", "address"],
        Field::Lat => &["latitudine", "lat", "latitude"],
        Field::Lon => &["longitudine", "lon", "lng", "longitude"],
        Field::Department => &["compartiment", "serviciu", "department"],
        Field::Officers => &["agenti", "agent", "agent constatator", "officers"],
        Field::OffenderName => &["contravenient", "nume", "nume contravenient", "offender"],
        Field::OffenderId => &["cnp/cui", "cnp", "cui", "cod", "offender id"],
        Field::LegalBasis => &[
            "temei legal",
            "temei",
            "act normativ",
            "incadrare",
            "legal basis",
        ],
        Field::Aggravated => &["agravant", "in scoala", "aggravated"],
        Field::Sanction => &["sanctiune", "sanctiunea", "sanction"],
        Field::Amount => &["amenda (lei)", "amenda", "valoare", "suma", "amount"],
        Field::Measures => &["masuri complementare", "masuri", "measures"],
        Field::Paid => &["achitat (lei)", "achitat", "suma achitata", "paid"],
        Field::PaidOn => &["data platii", "data achitarii", "paid on"],
        Field::Contested => &["contestat", "contestatie", "contested"],
    }
}

/// A guess from the headers: each field to the first header that names it.
pub fn guess(headers: &[String]) -> Mapping {
    let folded: Vec<String> = headers.iter().map(|h| veghe_ro::fold(h)).collect();
    let mut m = Mapping::new();
    for f in Field::ALL {
        let own = veghe_ro::fold(f.header_ro());
        if let Some(i) = folded
            .iter()
            .position(|h| *h == own || h == f.code() || aliases(f).contains(&h.as_str()))
        {
            m.insert(f.code().to_string(), headers[i].clone());
        }
    }
    m
}

/// The column index of every field (`None`: not in the file), or the problems: an unknown field,
/// a header not in the file, a required field unmapped.
pub fn resolve(mapping: &Mapping, headers: &[String]) -> Result<Vec<Option<usize>>, Vec<Said>> {
    let mut columns = vec![None; Field::ALL.len()];
    let mut problems = Vec::new();
    for (code, header) in mapping {
        if header.trim().is_empty() {
            continue;
        }
        let Some(f) = Field::parse(code) else {
            problems.push(Said::new(
                format!("„{code}” nu este un câmp al procesului-verbal; alegeți un câmp din listă"),
                format!(
                    "“{code}” is not a field of a sanction record; choose a field from the list"
                ),
            ));
            continue;
        };
        let want = veghe_ro::fold(header);
        match headers.iter().position(|h| veghe_ro::fold(h) == want) {
            Some(i) => columns[f as usize] = Some(i),
            None => problems.push(Said::new(
                format!(
                    "Fișierul nu are coloana „{header}” (pentru {}); alegeți altă coloană",
                    f.header_ro()
                ),
                format!(
                    "The file has no column “{header}” (for {}); choose another column",
                    f.header_ro()
                ),
            )),
        }
    }
    for f in Field::ALL {
        if f.required() && columns[f as usize].is_none() {
            problems.push(Said::new(
                format!(
                    "Nicio coloană nu este aleasă pentru „{}”, de care are nevoie orice proces-verbal",
                    f.header_ro()
                ),
                format!(
                    "No column is chosen for “{}”, which every record needs",
                    f.header_ro()
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(problems)
    }
}

/// The mapping saved for `source`, if any.
pub async fn load(db: &Db, source: &str) -> Result<Option<Mapping>, AppError> {
    let row = sqlx::query("SELECT mapping FROM activity_mappings WHERE source = $1")
        .bind(source)
        .fetch_optional(db.pool())
        .await?;
    match row {
        Some(r) => {
            let text: String = r.try_get("mapping")?;
            Ok(serde_json::from_str(&text).ok())
        }
        None => Ok(None),
    }
}

/// Saves the mapping for `source` (replacing the one before).
pub async fn save(db: &Db, source: &str, mapping: &Mapping) -> Result<(), AppError> {
    let text = serde_json::to_string(mapping).map_err(|e| AppError::Internal(e.into()))?;
    sqlx::query(
        "INSERT INTO activity_mappings (source, mapping, updated_at) VALUES ($1, $2, $3) ON CONFLICT (source) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
    )
    .bind(source)
    .bind(text)
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_guessed_folded() {
        let headers: Vec<String> = ["Seria", "Nr", "DATA", "Temei legal", "Sancţiune", "Suma"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = guess(&headers);
        assert_eq!(m.get("series").map(String::as_str), Some("Seria"));
        assert_eq!(m.get("sanction").map(String::as_str), Some("Sancţiune"));
        assert_eq!(m.get("amount").map(String::as_str), Some("Suma"));
        let cols = resolve(&m, &headers).expect("resolved");
        assert_eq!(cols[Field::Date as usize], Some(2));
        let mut partial = m.clone();
        partial.remove("date");
        partial.insert("amount".into(), "Valoare".into());
        let problems = resolve(&partial, &headers).expect_err("problems");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
