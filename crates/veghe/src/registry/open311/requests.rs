//! Open311 service requests: reports made through GeoReport v2 are registry entries (petitions,
//! kind `notification`, channel `online`) carrying their service code and place; here they are
//! read back in the spec's shape, with the Romanian states carried in `status_notes`.

use std::collections::HashMap;

use sqlx::Row;
use veghe_ro::petition::{Status, ro_date};

use super::catalogue;
use super::wire::{Error, V, datetime, end_of_day, parse_datetime};
use crate::db::{Db, now_ms};
use crate::registry::store::{self, Entry};

/// At most this many requests in one answer (the spec lets the server choose).
pub const MAX: i64 = 1000;
/// Without `start_date`, the last 90 days.
pub const DEFAULT_DAYS: i64 = 90;

/// The query parameters of `GET requests`.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Filter {
    pub service_request_id: Option<String>,
    pub service_code: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub status: Option<String>,
}

fn list_of(s: Option<&str>) -> Vec<String> {
    s.unwrap_or_default()
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Where an entry is, as Open311 carries it.
struct Place {
    service_code: String,
    lat: Option<f64>,
    lon: Option<f64>,
    location: Option<String>,
    updated: Option<i64>,
}

const PLACE: &str = "SELECT e.id, e.service_code, e.lat, e.lon, e.location, e.registered_at, e.status, (SELECT MAX(ev.at) FROM registry_events ev WHERE ev.entry_id = e.id) AS updated FROM registry_entries e WHERE e.service_code IS NOT NULL";

/// The requests matching the filter, newest first.
pub async fn list(db: &Db, f: &Filter) -> Result<Vec<V>, Error> {
    let ids: Vec<i64> = list_of(f.service_request_id.as_deref())
        .iter()
        .map(|s| {
            s.parse::<i64>()
                .map_err(|_| Error::bad(format!("service_request_id `{s}` is not a request id")))
        })
        .collect::<Result<_, _>>()?;
    let codes = list_of(f.service_code.as_deref());
    let statuses = list_of(f.status.as_deref());
    if let Some(bad) = statuses.iter().find(|s| *s != "open" && *s != "closed") {
        return Err(Error::bad(format!(
            "status `{bad}` is not one of: open, closed"
        )));
    }
    let date = |v: &Option<String>, field: &str| -> Result<Option<i64>, Error> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => parse_datetime(s)
                .map(Some)
                .ok_or_else(|| Error::bad(format!("{field} `{s}` is not a W3C date-time"))),
        }
    };
    let start = date(&f.start_date, "start_date")?;
    let end = date(&f.end_date, "end_date")?;
    let (start, end) = if ids.is_empty() {
        (
            start.unwrap_or_else(|| end.unwrap_or_else(now_ms) - DEFAULT_DAYS * 86_400_000),
            end.unwrap_or(i64::MAX),
        )
    } else {
        (i64::MIN, i64::MAX)
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{PLACE} AND e.registered_at >= $1 AND e.registered_at <= $2 ORDER BY e.registered_at DESC, e.id DESC"
    )))
    .bind(start)
    .bind(end)
    .fetch_all(db.pool())
    .await
    .map_err(|e| Error::from(crate::error::AppError::from(e)))?;
    let mut out = Vec::new();
    for r in rows {
        let id: i64 = r.try_get("id").map_err(db_err)?;
        let code: String = r.try_get("service_code").map_err(db_err)?;
        let status: String = r.try_get("status").map_err(db_err)?;
        let open = if Status::parse(&status).is_some_and(Status::is_open) {
            "open"
        } else {
            "closed"
        };
        if (!ids.is_empty() && !ids.contains(&id))
            || (ids.is_empty() && !codes.is_empty() && !codes.contains(&code))
            || (ids.is_empty() && !statuses.is_empty() && !statuses.iter().any(|s| s == open))
        {
            continue;
        }
        let place = place_of(&r)?;
        let entry = store::get(db, id).await.map_err(Error::from)?;
        out.push(request(&entry, &place));
        if out.len() as i64 >= MAX {
            break;
        }
    }
    Ok(out)
}

fn db_err(e: sqlx::Error) -> Error {
    Error::from(crate::error::AppError::from(e))
}

fn place_of(r: &sqlx::any::AnyRow) -> Result<Place, Error> {
    Ok(Place {
        service_code: r.try_get("service_code").map_err(db_err)?,
        lat: r.try_get("lat").map_err(db_err)?,
        lon: r.try_get("lon").map_err(db_err)?,
        location: r.try_get("location").map_err(db_err)?,
        updated: r.try_get("updated").map_err(db_err)?,
    })
}

/// One request by id; `None` when there is no Open311 request with it.
pub async fn one(db: &Db, id: i64) -> Result<Option<V>, Error> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{PLACE} AND e.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await
        .map_err(db_err)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let place = place_of(&row)?;
    let entry = store::get(db, id).await.map_err(Error::from)?;
    Ok(Some(request(&entry, &place)))
}

fn day(iso: &str) -> String {
    iso.parse::<jiff::civil::Date>()
        .map(ro_date)
        .unwrap_or_else(|_| iso.to_string())
}

/// The entry's state in Romanian words: what `open`/`closed` cannot say.
pub fn status_notes(e: &Entry) -> String {
    let mut notes = match e.status.as_str() {
        "registered" => format!("Înregistrată cu nr. {}.", e.number),
        "routed" => format!(
            "Repartizată compartimentului {}.",
            e.department_name.as_deref().unwrap_or("de specialitate")
        ),
        "forwarded" => format!(
            "Redirecționată către {} la {}; petentul a fost înștiințat.",
            e.forwarded_to
                .as_deref()
                .unwrap_or("autoritatea competentă"),
            e.forwarded_on.as_deref().map(day).unwrap_or_default()
        ),
        "joined" => format!(
            "Conexată la solicitarea {}; se trimite un singur răspuns.",
            e.joined_to.map(|i| i.to_string()).unwrap_or_default()
        ),
        "classed" => format!(
            "Clasată: {}",
            e.class_reason.as_deref().unwrap_or("fără motiv consemnat")
        ),
        "answered" => format!(
            "Soluționată; răspuns expediat la {}.",
            e.answer_sent_on.as_deref().map(day).unwrap_or_default()
        ),
        "archived" => "Soluționată și arhivată.".to_string(),
        other => other.to_string(),
    };
    if e.extended
        && let Some(d) = &e.due_date
    {
        notes.push_str(&format!(" Termen prelungit până la {}.", day(d)));
    }
    notes
}

fn request(e: &Entry, p: &Place) -> V {
    let service = catalogue::find(&p.service_code);
    let open = Status::parse(&e.status).is_some_and(Status::is_open);
    let agency = e
        .department_name
        .clone()
        .unwrap_or_else(|| "Poliția Locală Timișoara".to_string());
    let description: String = e.text.chars().take(4000).collect();
    V::Obj(vec![
        ("service_request_id", V::s(e.id.to_string())),
        ("status", V::s(if open { "open" } else { "closed" })),
        ("status_notes", V::s(status_notes(e))),
        ("service_name", V::opt(service.map(|s| s.name.to_string()))),
        ("service_code", V::s(p.service_code.clone())),
        ("description", V::s(description)),
        ("agency_responsible", V::s(agency)),
        (
            "service_notice",
            V::s(format!(
                "Nr. {}; termen legal de răspuns {}",
                e.number,
                e.due_date.as_deref().map(day).unwrap_or_default()
            )),
        ),
        ("requested_datetime", V::s(datetime(e.registered_at))),
        ("updated_datetime", V::opt(p.updated.map(datetime))),
        (
            "expected_datetime",
            V::opt(e.due_date.as_deref().and_then(end_of_day)),
        ),
        ("address", V::opt(p.location.clone())),
        ("address_id", V::Null),
        ("zipcode", V::Null),
        ("lat", p.lat.map_or(V::Null, V::F)),
        ("long", p.lon.map_or(V::Null, V::F)),
        ("media_url", V::Null),
    ])
}

/// The posted fields of `POST requests`, `attribute[code]` collected apart.
pub fn attributes(form: &HashMap<String, String>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = form
        .iter()
        .filter_map(|(k, v)| {
            let code = k.strip_prefix("attribute[")?.strip_suffix(']')?;
            Some((code.to_string(), v.trim().to_string()))
        })
        .collect();
    out.sort();
    out
}
