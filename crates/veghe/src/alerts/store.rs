//! Public alerts in the database: issuing, cancelling (a Cancel message referencing the
//! original), and what the public feed lists. Each write is one transaction with its audit entry
//! and its live event.

use serde::Serialize;
use serde_json::json;

use super::model::NewAlert;
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, Tx, counters, now_ms};
use crate::error::AppError;

/// A Cancel stays in the public feed this long after it was sent.
pub const CANCEL_LISTED_MS: i64 = 24 * 3600 * 1000;

/// A stored CAP message: an Alert, or the Cancel of one.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Alert {
    pub id: i64,
    /// The CAP identifier, unique for our sender, e.g. `PLT-TM-2026-00007`.
    pub identifier: String,
    /// `Alert` or `Cancel`.
    pub msg_type: String,
    /// For a Cancel: the identifier of the Alert it withdraws.
    #[sqlx(rename = "ref_identifier")]
    pub references: Option<String>,
    #[serde(skip)]
    #[sqlx(rename = "ref_sent_at")]
    pub references_sent_at: Option<i64>,
    pub sent_at: i64,
    pub event: String,
    pub headline: String,
    pub description: String,
    pub instruction: Option<String>,
    pub event_en: Option<String>,
    pub headline_en: Option<String>,
    pub description_en: Option<String>,
    pub instruction_en: Option<String>,
    pub category: String,
    pub severity: String,
    pub urgency: String,
    pub certainty: String,
    pub response_type: String,
    pub area_desc: String,
    pub circle_lat: Option<f64>,
    pub circle_lon: Option<f64>,
    #[sqlx(rename = "circle_radius_km")]
    pub radius_km: Option<f64>,
    /// CAP form: `lat,lon lat,lon …`, closed.
    pub polygon: Option<String>,
    pub onset_at: Option<i64>,
    pub expires_at: i64,
    pub incident_id: Option<i64>,
    /// For an Alert: when it was cancelled.
    pub cancelled_at: Option<i64>,
    #[sqlx(rename = "issued_by_name")]
    pub issued_by: String,
    /// `/cap/alerts/{identifier}.xml`
    pub cap_url: String,
}

const COLUMNS: &str = "a.id, a.identifier, a.msg_type, o.identifier AS ref_identifier, o.sent_at AS ref_sent_at, a.sent_at, a.event, a.headline, a.description, a.instruction, a.event_en, a.headline_en, a.description_en, a.instruction_en, a.category, a.severity, a.urgency, a.certainty, a.response_type, a.area_desc, a.circle_lat, a.circle_lon, a.circle_radius_km, a.polygon, a.onset_at, a.expires_at, a.incident_id, a.cancelled_at, a.issued_by_name, '/cap/alerts/' || a.identifier || '.xml' AS cap_url";
const FROM: &str = "public_alerts a LEFT JOIN public_alerts o ON o.id = a.references_id";

async fn get_in(tx: &mut Tx, id: i64) -> Result<Alert, AppError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE a.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

async fn next_identifier(tx: &mut Tx, now: i64) -> Result<String, sqlx::Error> {
    let tz = crate::time::bucharest();
    let year = jiff::Timestamp::from_millisecond(now)
        .map(|t| i64::from(t.to_zoned(tz).year()))
        .unwrap_or(1970);
    let n = counters::next(tx, "public_alert", year).await?;
    Ok(format!("PLT-TM-{year}-{n:05}"))
}

/// Issues an Alert.
pub async fn issue(db: &Db, actor: &Actor, new: NewAlert) -> Result<Alert, AppError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    if let Some(incident) = new.incident_id {
        let found = sqlx::query("SELECT id FROM incidents WHERE id = $1")
            .bind(incident)
            .fetch_optional(&mut *tx)
            .await?;
        if found.is_none() {
            return Err(AppError::bad(
                "incident_id",
                crate::error::Said::new(
                    format!("Nu există incidentul cu id-ul {incident}."),
                    format!("There is no incident with id {incident}."),
                ),
            ));
        }
    }
    let identifier = next_identifier(&mut tx, now).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO public_alerts (identifier, msg_type, sent_at, event, headline, description, instruction, event_en, headline_en, description_en, instruction_en, \
         category, severity, urgency, certainty, response_type, area_desc, circle_lat, circle_lon, circle_radius_km, polygon, onset_at, expires_at, incident_id, issued_by, issued_by_name) \
         VALUES ($1, 'Alert', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) RETURNING id",
    )
    .bind(&identifier)
    .bind(now)
    .bind(&new.event)
    .bind(&new.headline)
    .bind(&new.description)
    .bind(&new.instruction)
    .bind(&new.event_en)
    .bind(&new.headline_en)
    .bind(&new.description_en)
    .bind(&new.instruction_en)
    .bind(new.category.code())
    .bind(new.severity.code())
    .bind(new.urgency.code())
    .bind(new.certainty.code())
    .bind(new.response_type.code())
    .bind(&new.area_desc)
    .bind(new.circle.map(|c| c.lat))
    .bind(new.circle.map(|c| c.lon))
    .bind(new.circle.map(|c| c.radius_km))
    .bind(&new.polygon)
    .bind(new.onset_at)
    .bind(new.expires_at)
    .bind(new.incident_id)
    .bind(actor.user_id)
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    let alert = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "alert.issue",
            entity: "public_alert",
            entity_id: Some(alert.identifier.clone()),
            before: None,
            after: Some(json!(alert)),
        },
    )
    .await?;
    publish(&mut tx, "alert.issued", &json!(alert)).await?;
    tx.commit().await?;
    Ok(alert)
}

/// Cancels an Alert: marks it and issues the Cancel message that references it.
pub async fn cancel(db: &Db, actor: &Actor, id: i64) -> Result<Alert, AppError> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    let original = get_in(&mut tx, id).await?;
    if original.msg_type != "Alert" {
        return Err(AppError::conflict(crate::error::Said::new(
            format!(
                "{} este un mesaj de anulare; se poate anula doar o avertizare.",
                original.identifier
            ),
            format!(
                "{} is a Cancel message; only an Alert can be cancelled.",
                original.identifier
            ),
        )));
    }
    // Conditional: of two dispatchers cancelling at once, one wins.
    let marked = sqlx::query(
        "UPDATE public_alerts SET cancelled_at = $1 WHERE id = $2 AND cancelled_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        return Err(AppError::conflict(crate::error::Said::new(
            format!("Avertizarea {} este deja anulată.", original.identifier),
            format!("Alert {} is already cancelled.", original.identifier),
        )));
    }
    let identifier = next_identifier(&mut tx, now).await?;
    let cancel_id: i64 = sqlx::query_scalar(
        "INSERT INTO public_alerts (identifier, msg_type, references_id, sent_at, event, headline, description, instruction, event_en, headline_en, description_en, instruction_en, \
         category, severity, urgency, certainty, response_type, area_desc, circle_lat, circle_lon, circle_radius_km, polygon, onset_at, expires_at, incident_id, issued_by, issued_by_name) \
         SELECT $1, 'Cancel', id, $2, event, headline, description, instruction, event_en, headline_en, description_en, instruction_en, \
         category, severity, urgency, certainty, response_type, area_desc, circle_lat, circle_lon, circle_radius_km, polygon, onset_at, expires_at, incident_id, $3, $4 \
         FROM public_alerts WHERE id = $5 RETURNING id",
    )
    .bind(&identifier)
    .bind(now)
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let cancel = get_in(&mut tx, cancel_id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "alert.cancel",
            entity: "public_alert",
            entity_id: Some(original.identifier.clone()),
            before: Some(json!(original)),
            after: Some(json!(cancel)),
        },
    )
    .await?;
    publish(&mut tx, "alert.cancelled", &json!(cancel)).await?;
    tx.commit().await?;
    Ok(cancel)
}

async fn select(db: &Db, filter: &str, binds: &[i64]) -> Result<Vec<Alert>, AppError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE {filter} ORDER BY a.sent_at DESC, a.id DESC LIMIT 500"
    );
    let mut q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.fetch_all(db.pool()).await?)
}

/// Every message of the last `days` days, newest first (at most 500).
pub async fn recent(db: &Db, days: i64) -> Result<Vec<Alert>, AppError> {
    select(db, "a.sent_at >= $1", &[now_ms() - days * 86_400_000]).await
}

/// What the public feed lists: Alerts neither expired nor cancelled, and recent Cancels.
pub async fn current(db: &Db) -> Result<Vec<Alert>, AppError> {
    let now = now_ms();
    select(
        db,
        "(a.msg_type = 'Alert' AND a.cancelled_at IS NULL AND a.expires_at > $1) OR (a.msg_type = 'Cancel' AND a.sent_at >= $2)",
        &[now, now - CANCEL_LISTED_MS],
    )
    .await
}

/// One message by its CAP identifier.
pub async fn by_identifier(db: &Db, identifier: &str) -> Result<Alert, AppError> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE a.identifier = $1"
    )))
    .bind(identifier)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}
