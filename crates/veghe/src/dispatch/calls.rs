//! Further calls about an incident already open: the open incidents near a new call (to join
//! rather than open a duplicate), joining a call to one, and the dispatcher's notes.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::store::{Incident, get_in};
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::{AppError, Said};
use crate::web::Lang;

/// How far and how recent an open incident may be for a new call to be offered to join it.
pub const JOIN_RADIUS_M: f64 = 100.0;
pub const JOIN_WINDOW_MS: i64 = 60 * 60 * 1000;

/// An open incident near a new call.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Nearby {
    pub id: i64,
    pub reference: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub priority: i64,
    pub status: String,
    pub address: Option<String>,
    pub distance_m: f64,
    pub received_at: i64,
    /// The same incident type as the new call.
    pub same_type: bool,
}

/// Open incidents received in the last hour within 100 m of the point, the same type first,
/// then the nearest.
pub async fn nearby(
    db: &Db,
    lat: f64,
    lon: f64,
    kind: Option<&str>,
    now: i64,
) -> Result<Vec<Nearby>, AppError> {
    // A box around the radius, then the exact distance.
    let (min_lon, min_lat, max_lon, max_lat) = crate::geo::around(lon, lat, JOIN_RADIUS_M);
    let rows = sqlx::query(
        "SELECT id, number, year, type, priority, status, address, lat, lon, received_at FROM incidents \
         WHERE status NOT IN ('closed', 'cancelled') AND received_at >= $1 \
         AND lat BETWEEN $2 AND $3 AND lon BETWEEN $4 AND $5",
    )
    .bind(now - JOIN_WINDOW_MS)
    .bind(min_lat)
    .bind(max_lat)
    .bind(min_lon)
    .bind(max_lon)
    .fetch_all(db.pool())
    .await?;
    let mut found = Vec::new();
    for r in &rows {
        let (ilat, ilon): (f64, f64) = (r.try_get("lat")?, r.try_get("lon")?);
        let distance_m = crate::geo::distance_m(lon, lat, ilon, ilat);
        if distance_m > JOIN_RADIUS_M {
            continue;
        }
        let number: i64 = r.try_get("number")?;
        let year: i64 = r.try_get("year")?;
        let k: String = r.try_get("type")?;
        found.push(Nearby {
            id: r.try_get("id")?,
            reference: format!("{number}/{year}"),
            same_type: kind == Some(k.as_str()),
            kind: k,
            priority: r.try_get("priority")?,
            status: r.try_get("status")?,
            address: r.try_get("address")?,
            distance_m: (distance_m * 10.0).round() / 10.0,
            received_at: r.try_get("received_at")?,
        });
    }
    found.sort_by(|a, b| {
        b.same_type
            .cmp(&a.same_type)
            .then(a.distance_m.total_cmp(&b.distance_m))
    });
    Ok(found)
}

/// A further call, parsed.
pub struct NewCall {
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub description: String,
}

/// Joins a further call to an open incident (its timeline shows the call, not the caller).
pub async fn join(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    call: NewCall,
) -> Result<Incident, AppError> {
    let mut tx = db.begin().await?;
    let incident = get_in(&mut tx, incident_id).await?;
    if !incident.status.is_open() {
        return Err(AppError::conflict(Said::new(
            format!(
                "Incidentul {} este {}: un apel nou nu i se mai poate adăuga; înregistrați un incident nou.",
                incident.reference,
                incident.status.label(Lang::Ro).to_lowercase()
            ),
            format!(
                "incident {} is {}: a new call cannot join it; register a new incident",
                incident.reference,
                incident.status.code()
            ),
        )));
    }
    let call_id: i64 = sqlx::query_scalar(
        "INSERT INTO incident_calls (incident_id, at, caller_name, caller_phone, description, actor_id, actor_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(incident_id)
    .bind(now_ms())
    .bind(&call.caller_name)
    .bind(&call.caller_phone)
    .bind(&call.description)
    .bind(actor.user_id)
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    let note = if call.description.is_empty() {
        "apel suplimentar".to_string()
    } else {
        call.description.clone()
    };
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "call",
            from: None,
            to: None,
            unit_id: None,
            note: Some(&note),
        },
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.call_joined",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: None,
            after: Some(json!({"call_id": call_id, "description": call.description})),
        },
    )
    .await?;
    publish(
        &mut tx,
        "incident.updated",
        &json!({"id": incident_id, "call_id": call_id}),
    )
    .await?;
    tx.commit().await?;
    Ok(incident)
}

/// Adds a note to an incident's timeline (open or closed: a late remark is still recorded).
pub async fn add_note(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    text: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    get_in(&mut tx, incident_id).await?;
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "note",
            from: None,
            to: None,
            unit_id: None,
            note: Some(text),
        },
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.note",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: None,
            after: Some(json!({"note": text})),
        },
    )
    .await?;
    publish(
        &mut tx,
        "incident.note",
        &json!({"id": incident_id, "note": text}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
