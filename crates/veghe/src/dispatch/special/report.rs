//! The written report of a special event (raport de eveniment deosebit): the incident's data,
//! crews, timeline, hand-overs and the acknowledgements, gathered for a printable page.

use sqlx::Row;

use super::SpecialEvent;
use crate::db::Db;
use crate::dispatch::store::{self, Incident};
use crate::dispatch::timeline::{self, TimelineEntry};
use crate::error::AppError;

/// A hand-over to another body, as the report shows it.
pub struct HandoverLine {
    pub at: i64,
    pub agency: String,
    pub channel: String,
    pub reference: Option<String>,
    pub actor: String,
}

/// Everything the report tells.
pub struct ReportData {
    pub event: SpecialEvent,
    pub incident: Incident,
    pub crews: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub handovers: Vec<HandoverLine>,
}

/// Gathers the report of special event `id`.
pub async fn gather(db: &Db, id: i64) -> Result<ReportData, AppError> {
    let event = super::get(db, id).await?;
    let incident = store::get(db, event.incident_id).await?;
    let timeline = timeline::timeline_of(db, incident.id).await?;
    let crews = sqlx::query(
        "SELECT DISTINCT u.call_sign FROM incident_events e JOIN units u ON u.id = e.unit_id \
         WHERE e.incident_id = $1 ORDER BY u.call_sign",
    )
    .bind(incident.id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| r.try_get("call_sign"))
    .collect::<Result<Vec<String>, _>>()?;
    let handovers = sqlx::query(
        "SELECT h.at, a.name, h.channel, h.reference, h.actor_name FROM handovers h \
         JOIN agencies a ON a.id = h.agency_id WHERE h.incident_id = $1 ORDER BY h.id",
    )
    .bind(incident.id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| {
        Ok(HandoverLine {
            at: r.try_get("at")?,
            agency: r.try_get("name")?,
            channel: r.try_get("channel")?,
            reference: r.try_get("reference")?,
            actor: r.try_get("actor_name")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(ReportData {
        event,
        incident,
        crews,
        timeline,
        handovers,
    })
}
