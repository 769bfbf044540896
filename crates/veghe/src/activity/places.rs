//! Placing on the map the sanction records whose address has no coordinates. The street list has
//! no coordinates, so a person places each address once; what is known is offered first:
//! an address with the same key (street type, street name and house number, folded: diacritics,
//! case, `nr.` and the abbreviations of street types do not matter) already placed by a person,
//! found on sanction records that have coordinates, or on stored incidents. Placing sets the
//! point of every record of that address still without one, remembers the key
//! (`activity_places`) and goes into the audit trail, in one transaction.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Street types as they are written, and the word they stand for in a key.
const STREET_TYPES: &[(&str, &str)] = &[
    ("strada", "strada"),
    ("str", "strada"),
    ("bulevardul", "bulevardul"),
    ("bd", "bulevardul"),
    ("bdul", "bulevardul"),
    ("b-dul", "bulevardul"),
    ("blvd", "bulevardul"),
    ("calea", "calea"),
    ("cal", "calea"),
    ("piata", "piata"),
    ("pta", "piata"),
    ("p-ta", "piata"),
    ("aleea", "aleea"),
    ("al", "aleea"),
    ("splaiul", "splaiul"),
    ("spl", "splaiul"),
    ("intrarea", "intrarea"),
    ("intr", "intrarea"),
    ("soseaua", "soseaua"),
    ("sos", "soseaua"),
    ("drumul", "drumul"),
    ("pasajul", "pasajul"),
];

/// The key of an address: `Str. Mureș nr. 3, Timișoara` → `strada mures 3`. What follows the
/// first comma (the city, a block) is left out; a missing street type is read as `strada`.
/// Empty when the address has no street name.
pub fn key(address: &str) -> String {
    let street = address.split(',').next().unwrap_or("");
    let folded = veghe_ro::fold(street);
    let mut words: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, '.' | ';' | ':'))
        .filter(|w| !w.is_empty() && *w != "nr")
        .collect();
    let kind = match words
        .first()
        .and_then(|w| STREET_TYPES.iter().find(|(t, _)| t == w))
    {
        Some((_, canonical)) => {
            words.remove(0);
            *canonical
        }
        None => "strada",
    };
    if words.is_empty() {
        return String::new();
    }
    format!("{kind} {}", words.join(" "))
}

/// Coordinates known for a key, and where they come from.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Known {
    pub lat: f64,
    pub lon: f64,
    /// `placed` (by a person, here), `sanctions` (records with coordinates), `incidents`.
    pub source: String,
    /// How many places agree (the point is their mean).
    pub count: i64,
}

/// Distinct addresses with coordinates read per source to build the known keys.
const SCAN: i64 = 50_000;

fn mean_by_key(
    rows: &[sqlx::any::AnyRow],
    source: &str,
) -> Result<HashMap<String, Known>, AppError> {
    let mut sums: HashMap<String, (f64, f64, i64)> = HashMap::new();
    for r in rows {
        let address: String = r.try_get("address")?;
        let k = key(&address);
        if k.is_empty() {
            continue;
        }
        let (lat, lon): (f64, f64) = (r.try_get("lat")?, r.try_get("lon")?);
        let n: i64 = r.try_get("n")?;
        let e = sums.entry(k).or_insert((0.0, 0.0, 0));
        e.0 += lat * n as f64;
        e.1 += lon * n as f64;
        e.2 += n;
    }
    Ok(sums
        .into_iter()
        .map(|(k, (la, lo, n))| {
            let known = Known {
                lat: la / n as f64,
                lon: lo / n as f64,
                source: source.to_string(),
                count: n,
            };
            (k, known)
        })
        .collect())
}

/// Every key with known coordinates: placed by a person first, then sanction records with
/// coordinates, then stored incidents.
pub async fn known(db: &Db) -> Result<HashMap<String, Known>, AppError> {
    let incidents = sqlx::query(
        "SELECT address, AVG(lat) AS lat, AVG(lon) AS lon, COUNT(*) AS n FROM incidents WHERE lat IS NOT NULL AND lon IS NOT NULL AND address IS NOT NULL AND address <> '' GROUP BY address LIMIT $1",
    )
    .bind(SCAN)
    .fetch_all(db.pool())
    .await?;
    let mut all = mean_by_key(&incidents, "incidents")?;
    let sanctions = sqlx::query(
        "SELECT address, AVG(lat) AS lat, AVG(lon) AS lon, COUNT(*) AS n FROM activity_sanctions WHERE lat IS NOT NULL AND lon IS NOT NULL AND address <> '' GROUP BY address LIMIT $1",
    )
    .bind(SCAN)
    .fetch_all(db.pool())
    .await?;
    all.extend(mean_by_key(&sanctions, "sanctions")?);
    let placed = sqlx::query("SELECT key, lat, lon FROM activity_places")
        .fetch_all(db.pool())
        .await?;
    for r in &placed {
        all.insert(
            r.try_get("key")?,
            Known {
                lat: r.try_get("lat")?,
                lon: r.try_get("lon")?,
                source: "placed".into(),
                count: 1,
            },
        );
    }
    Ok(all)
}

/// The point a person gave `address` (by its key) when placing the activity records, if any.
pub async fn placed(db: &Db, address: &str) -> Result<Option<(f64, f64)>, AppError> {
    let k = key(address);
    if k.is_empty() {
        return Ok(None);
    }
    Ok(
        sqlx::query_as("SELECT lat, lon FROM activity_places WHERE key = $1")
            .bind(k)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// An address to place: the records waiting for it, the street it matched in the list, and the
/// coordinates known for its key.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Unplaced {
    pub address: String,
    pub key: String,
    pub records: i64,
    pub street: Option<String>,
    pub known: Option<Known>,
}

/// The addresses of records without coordinates, most records first (at most `limit`).
pub async fn unplaced(db: &Db, limit: i64) -> Result<Vec<Unplaced>, AppError> {
    let rows = sqlx::query(
        "SELECT address, COUNT(*) AS n FROM activity_sanctions WHERE (lat IS NULL OR lon IS NULL) AND address <> '' GROUP BY address ORDER BY COUNT(*) DESC, address LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let known = known(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let address: String = r.try_get("address")?;
        let k = key(&address);
        let street_part = address.split(',').next().unwrap_or("").trim();
        out.push(Unplaced {
            street: crate::dispatch::addresses::suggest(street_part, 1)
                .into_iter()
                .next()
                .map(|s| s.street),
            known: known.get(&k).cloned(),
            records: r.try_get("n")?,
            key: k,
            address,
        });
    }
    Ok(out)
}

/// A point inside Timișoara's surroundings, or the field that is wrong.
pub fn point(lat: &str, lon: &str) -> Result<(f64, f64), AppError> {
    let read = |field: &'static str, s: &str, range: std::ops::RangeInclusive<f64>| {
        s.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|v| range.contains(v))
            .ok_or_else(|| {
                AppError::bad(field, "click on the map, or write degrees near Timișoara")
            })
    };
    Ok((
        read("lat", lat, 45.5..=46.0)?,
        read("lon", lon, 20.9..=21.6)?,
    ))
}

/// Places `address` at `(lat, lon)`: every record of that address without coordinates gets them,
/// the key is remembered, the audit trail has it. Returns the records placed.
pub async fn place(
    db: &Db,
    actor: &Actor,
    address: &str,
    (lat, lon): (f64, f64),
    source: &str,
) -> Result<u64, AppError> {
    let k = key(address);
    if k.is_empty() {
        return Err(AppError::bad("address", "choose an address with a street"));
    }
    let mut tx = db.begin().await?;
    let placed = sqlx::query(
        "UPDATE activity_sanctions SET lat = $2, lon = $3 WHERE address = $1 AND (lat IS NULL OR lon IS NULL)",
    )
    .bind(address)
    .bind(lat)
    .bind(lon)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if placed == 0 {
        return Err(AppError::bad(
            "address",
            "no record of this address waits for a place",
        ));
    }
    sqlx::query(
        "INSERT INTO activity_places (key, address, lat, lon, placed_at, actor_name) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO UPDATE SET address = excluded.address, lat = excluded.lat, lon = excluded.lon, placed_at = excluded.placed_at, actor_name = excluded.actor_name",
    )
    .bind(&k)
    .bind(address)
    .bind(lat)
    .bind(lon)
    .bind(now_ms())
    .bind(&actor.name)
    .execute(&mut *tx)
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "sanctions.place",
            entity: "activity_place",
            entity_id: Some(k.clone()),
            before: None,
            after: Some(json!({"address": address, "lat": lat, "lon": lon,
                "records": placed, "from": source})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(placed)
}

/// Places `address` at the coordinates known for its key (read again here, never taken from the
/// form). Returns the records placed.
pub async fn apply_known(db: &Db, actor: &Actor, address: &str) -> Result<u64, AppError> {
    let k = key(address);
    let Some(known) = known(db).await?.remove(&k) else {
        return Err(AppError::bad(
            "address",
            "no coordinates are known for this address",
        ));
    };
    place(db, actor, address, (known.lat, known.lon), &known.source).await
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_ignore_diacritics_case_nr_and_street_type_abbreviations() {
        let k = key("Strada Mureș nr. 3, Timișoara");
        assert_eq!(k, "strada mures 3");
        assert_eq!(key("str. Mureş 3"), k, "cedilla, abbreviation, no nr.");
        assert_eq!(key("STR MURES NR.3"), k);
        assert_eq!(key("Mureș 3"), k, "no street type: a strada");
        assert_eq!(key("Bd. Republicii nr. 12"), "bulevardul republicii 12");
        assert_eq!(key("B-dul Republicii 12"), "bulevardul republicii 12");
        assert_ne!(key("Calea Aradului 5"), key("Str. Aradului 5"));
        assert_ne!(key("Str. Mureș 3"), key("Str. Mureș 33"));
        assert_eq!(key(", Timișoara"), "");
    }
}
