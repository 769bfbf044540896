//! The hand-over of an incident outside the local police's competence to the competent body
//! (Law 155/2010 art. 2(2)): to whom, when, how, and their reference. A hand-over closes the
//! incident with the outcome `handed_over`; a retired body takes none.

use serde_json::json;

use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::dispatch::model::{Outcome, Status};
use crate::dispatch::store::{self, Incident};
use crate::error::AppError;

/// How the other body was told.
pub const CHANNELS: &[&str] = &["phone", "radio", "email", "112", "in_person"];

/// A hand-over, parsed.
pub struct Handover<'a> {
    pub agency: &'a str,
    pub channel: &'a str,
    pub reference: Option<&'a str>,
    pub note: Option<&'a str>,
}

/// Records the hand-over and closes the incident as handed over, in one transaction.
pub async fn hand_over(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    h: Handover<'_>,
) -> Result<Incident, AppError> {
    if !CHANNELS.contains(&h.channel) {
        return Err(AppError::bad(
            "channel",
            format!(
                "unknown channel `{}`; channels are: {}",
                h.channel,
                CHANNELS.join(", ")
            ),
        ));
    }
    let (agency_id, agency_name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM agencies WHERE code = $1 AND retired_at IS NULL")
            .bind(h.agency)
            .fetch_optional(db.pool())
            .await?
            .ok_or_else(|| {
                AppError::bad(
                    "agency",
                    crate::error::Said::new(
                        format!(
                            "Instituția „{}” nu este în lista forțelor cooperante active.",
                            h.agency
                        ),
                        format!("no active cooperating body with code `{}`", h.agency),
                    ),
                )
            })?;
    let note = format!("predat către {agency_name}");
    let mut tx = db.begin().await?;
    // Close first: it refuses an incident already finished, before anything is written.
    let closed = store::change_status_in(
        &mut tx,
        actor,
        incident_id,
        Status::Closed,
        Some(Outcome::HandedOver),
        Some(&note),
    )
    .await?;
    {
        sqlx::query(
            "INSERT INTO handovers (incident_id, agency_id, at, channel, reference, note, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(incident_id)
        .bind(agency_id)
        .bind(now_ms())
        .bind(h.channel)
        .bind(h.reference)
        .bind(h.note)
        .bind(actor.user_id)
        .bind(&actor.name)
        .execute(&mut *tx)
        .await?;
        audit::append(
            &mut tx,
            actor,
            Change {
                action: "incident.handover",
                entity: "incident",
                entity_id: Some(incident_id.to_string()),
                before: None,
                after: Some(
                    json!({"agency": h.agency, "channel": h.channel, "reference": h.reference}),
                ),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(closed)
}
