//! Incidents and crews in the database: numbering, the timeline, status changes and
//! assignments, each in one transaction with its audit entry and its live event.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::model::{LatLon, LocatedBy, Outcome, Priority, Status};
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, Tx, counters, now_ms};
use crate::error::{AppError, Said};

/// A new incident, parsed.
pub struct NewIncident {
    pub kind: String,
    pub priority: Priority,
    pub at: Option<LatLon>,
    /// What the point rests on; `None` with no point.
    pub located_by: Option<LocatedBy>,
    pub address: Option<String>,
    pub description: String,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub source: &'static str,
}

/// An incident as the API shows it (the caller's identity is personal data: not here).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Incident {
    pub id: i64,
    pub number: i64,
    pub year: i64,
    /// `number/year`, as documents write it.
    pub reference: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub priority: i64,
    pub status: Status,
    pub source: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub address: Option<String>,
    /// What the point rests on: number, interpolated, street, map, coordinates; null when
    /// the incident is not placed.
    pub located_by: Option<String>,
    pub neighbourhood: Option<String>,
    pub description: String,
    pub outcome: Option<String>,
    pub received_at: i64,
    pub dispatched_at: Option<i64>,
    pub on_scene_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub unit_id: Option<i64>,
}

const INCIDENT_COLUMNS: &str = "id, number, year, type, priority, status, source, lat, lon, address, located_by, neighbourhood, description, outcome, received_at, dispatched_at, on_scene_at, closed_at, unit_id";

fn incident_from(r: &sqlx::any::AnyRow) -> Result<Incident, AppError> {
    let status: String = r.try_get("status")?;
    let number: i64 = r.try_get("number")?;
    let year: i64 = r.try_get("year")?;
    Ok(Incident {
        id: r.try_get("id")?,
        number,
        year,
        reference: format!("{number}/{year}"),
        kind: r.try_get("type")?,
        priority: r.try_get("priority")?,
        status: status
            .parse()
            .map_err(|e: String| AppError::Internal(anyhow::anyhow!(e)))?,
        source: r.try_get("source")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        address: r.try_get("address")?,
        located_by: r.try_get("located_by")?,
        neighbourhood: r.try_get("neighbourhood")?,
        description: r.try_get("description")?,
        outcome: r.try_get("outcome")?,
        received_at: r.try_get("received_at")?,
        dispatched_at: r.try_get("dispatched_at")?,
        on_scene_at: r.try_get("on_scene_at")?,
        closed_at: r.try_get("closed_at")?,
        unit_id: r.try_get("unit_id")?,
    })
}

fn bucharest_year(ms: i64) -> i64 {
    let tz = crate::time::bucharest();
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| i64::from(t.to_zoned(tz).year()))
        .unwrap_or(1970)
}

/// Registers a new incident with the next number of its year.
/// A typed address the street map could not place, or placed only at its street's middle, takes
/// the point a person already gave that address in the activity records, when there is one.
async fn with_known_place(db: &Db, mut new: NewIncident) -> Result<NewIncident, AppError> {
    if matches!(new.located_by, None | Some(LocatedBy::Street))
        && let Some(address) = &new.address
        && let Some((lat, lon)) = crate::activity::places::placed(db, address).await?
        && let Ok(at) = LatLon::new(lat, lon)
    {
        new.at = Some(at);
        new.located_by = Some(LocatedBy::Place);
    }
    Ok(new)
}

pub async fn create(db: &Db, actor: &Actor, new: NewIncident) -> Result<Incident, AppError> {
    let new = with_known_place(db, new).await?;
    let now = now_ms();
    let year = bucharest_year(now);
    let neighbourhood = new
        .at
        .and_then(|p| crate::geo::geo().neighbourhood_at(p.lon, p.lat))
        .map(|n| n.id.clone());
    let mut tx = db.begin().await?;
    let number = counters::next(&mut tx, "incident", year).await?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO incidents (year, number, type, priority, status, source, lat, lon, address, neighbourhood, description, caller_name, caller_phone, received_at, created_by, located_by) \
         VALUES ($1, $2, $3, $4, 'received', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING {INCIDENT_COLUMNS}"
    )))
    .bind(year)
    .bind(number)
    .bind(&new.kind)
    .bind(new.priority.value())
    .bind(new.source)
    .bind(new.at.map(|p| p.lat))
    .bind(new.at.map(|p| p.lon))
    .bind(&new.address)
    .bind(neighbourhood)
    .bind(&new.description)
    .bind(&new.caller_name)
    .bind(&new.caller_phone)
    .bind(now)
    .bind(actor.user_id)
    .bind(new.at.and(new.located_by).map(LocatedBy::code))
    .fetch_one(&mut *tx)
    .await?;
    let incident = incident_from(&row)?;
    super::timeline::record(
        &mut tx,
        actor,
        incident.id,
        super::timeline::Step {
            kind: "created",
            from: None,
            to: Some(Status::Received),
            unit_id: None,
            note: None,
        },
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.create",
            entity: "incident",
            entity_id: Some(incident.id.to_string()),
            before: None,
            after: Some(json!(incident)),
        },
    )
    .await?;
    publish(&mut tx, "incident.created", &json!(incident)).await?;
    tx.commit().await?;
    Ok(incident)
}

pub async fn get(db: &Db, id: i64) -> Result<Incident, AppError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    incident_from(&row)
}

pub(super) async fn get_in(tx: &mut Tx, id: i64) -> Result<Incident, AppError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)?;
    incident_from(&row)
}

/// Incidents received in `[from_ms, to_ms)`, optionally of one type, newest first, at most `limit`.
pub async fn received_between(
    db: &Db,
    from_ms: i64,
    to_ms: i64,
    kind: Option<&str>,
    limit: i64,
) -> Result<Vec<Incident>, AppError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE received_at >= $1 AND received_at < $2 \
         AND ($3 = '' OR type = $3) ORDER BY received_at DESC LIMIT $4"
    )))
    .bind(from_ms)
    .bind(to_ms)
    .bind(kind.unwrap_or(""))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(incident_from).collect()
}

/// Incidents as a GeoJSON FeatureCollection (RFC 7946) of points; those without coordinates
/// are left out. No personal data.
pub fn to_geojson(
    incidents: &[Incident],
    lang: crate::web::Lang,
    types: &crate::dispatch::catalogue::Types,
) -> serde_json::Value {
    let features: Vec<serde_json::Value> = incidents
        .iter()
        .filter_map(|i| {
            let (lat, lon) = (i.lat?, i.lon?);
            Some(json!({
                "type": "Feature",
                "id": i.id,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "number": i.reference,
                    "type": i.kind,
                    "type_label": types.label_at(&i.kind, i.received_at, lang),
                    "priority": i.priority,
                    "status": i.status,
                    "status_label": i.status.label(lang),
                    "url": format!("/incidents/{}", i.id),
                    "outcome": i.outcome,
                    "neighbourhood": i.neighbourhood,
                    "received": crate::web::local_time(i.received_at),
                    "received_at": i.received_at,
                }
            }))
        })
        .collect();
    json!({"type": "FeatureCollection", "features": features})
}

/// Open incidents, most urgent and oldest first.
pub async fn open(db: &Db) -> Result<Vec<Incident>, AppError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {INCIDENT_COLUMNS} FROM incidents WHERE status NOT IN ('closed', 'cancelled') ORDER BY priority, received_at"
    )))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(incident_from).collect()
}

/// Moves an incident to another state; closing needs an outcome. Crews assigned to it are
/// released when it closes, is cancelled, or goes back to `received`, and follow it otherwise.
pub async fn change_status(
    db: &Db,
    actor: &Actor,
    id: i64,
    to: Status,
    outcome: Option<Outcome>,
    note: Option<&str>,
) -> Result<Incident, AppError> {
    if to == Status::Closed && outcome.is_none() {
        return Err(AppError::bad(
            "outcome",
            Said::new(
                "Pentru închiderea incidentului alegeți rezultatul: sancțiune, avertisment, predat, nefondat sau altul.",
                "closing an incident needs its outcome: sanction, warning, handed_over, unfounded or other",
            ),
        ));
    }
    let mut tx = db.begin().await?;
    let after = change_status_in(&mut tx, actor, id, to, outcome, note).await?;
    tx.commit().await?;
    Ok(after)
}

/// The same, inside the caller's transaction (for writes that close an incident as one step
/// of something larger, such as a hand-over).
pub async fn change_status_in(
    tx: &mut Tx,
    actor: &Actor,
    id: i64,
    to: Status,
    outcome: Option<Outcome>,
    note: Option<&str>,
) -> Result<Incident, AppError> {
    let before = get_in(tx, id).await?;
    before
        .status
        .check(to)
        .map_err(|e| AppError::conflict(e.said()))?;
    let now = now_ms();
    let column = match to {
        Status::Dispatched => Some("dispatched_at"),
        Status::OnScene => Some("on_scene_at"),
        Status::Closed | Status::Cancelled => Some("closed_at"),
        _ => None,
    };
    if let Some(col) = column {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE incidents SET {col} = COALESCE({col}, $1) WHERE id = $2"
        )))
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE incidents SET status = $1, outcome = COALESCE($2, outcome) WHERE id = $3")
        .bind(to.code())
        .bind(outcome.map(Outcome::code))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let unit_status = match to {
        Status::EnRoute => Some("en_route"),
        Status::OnScene => Some("on_scene"),
        Status::Closed | Status::Cancelled | Status::Received => Some("available"),
        _ => None,
    };
    if let Some(us) = unit_status {
        let release = us == "available";
        sqlx::query(
            "UPDATE units SET status = $1, status_changed_at = $2, incident_id = CASE WHEN $3 = 1 THEN NULL ELSE incident_id END WHERE incident_id = $4",
        )
        .bind(us)
        .bind(now)
        .bind(i64::from(release))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    if to == Status::Received {
        sqlx::query("UPDATE incidents SET unit_id = NULL WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    super::timeline::record(
        tx,
        actor,
        id,
        super::timeline::Step {
            kind: "status",
            from: Some(before.status),
            to: Some(to),
            unit_id: None,
            note,
        },
    )
    .await?;
    let after = get_in(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change {
            action: "incident.status",
            entity: "incident",
            entity_id: Some(id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    publish(tx, "incident.updated", &json!(after)).await?;
    Ok(after)
}
