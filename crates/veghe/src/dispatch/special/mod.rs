//! Special events (evenimente deosebite, DOMAIN §6): a dispatcher marks an incident as one,
//! with a reason; at once, in the same transaction, the head of service and management get an
//! in-app notification, an e-mail is queued in the outbox for each, the incident's timeline and
//! the live stream (`special_event.declared`) say so. Each recipient acknowledges; the written
//! report is drawn from the incident's data (`report`).

pub mod api;
pub mod pages;
pub mod report;

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::store::{self, Incident};
use super::timeline::{self, Step};
use crate::audit::{self, Actor, Change};
use crate::auth::groups;
use crate::db::{Db, Tx, now_ms};
use crate::error::AppError;
use crate::notify::outbox::{self, Mail, NewMail};
use crate::notify::{self as notify, NewNotification};

/// A recipient's acknowledgement (or its absence, so far).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Acknowledgement {
    pub user_id: i64,
    #[sqlx(rename = "display_name")]
    pub name: String,
    pub role: String,
    #[sqlx(rename = "created_at")]
    pub notified_at: i64,
    pub acknowledged_at: Option<i64>,
}

/// A special event with who was told, who acknowledged and how the e-mails fared.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SpecialEvent {
    pub id: i64,
    pub incident_id: i64,
    /// The incident's `number/year`.
    pub reference: String,
    pub declared_at: i64,
    pub declared_by: String,
    pub reason: String,
    pub acknowledgements: Vec<Acknowledgement>,
    pub deliveries: Vec<Mail>,
}

impl SpecialEvent {
    /// How many recipients have acknowledged.
    pub fn acknowledged_count(&self) -> usize {
        self.acknowledgements
            .iter()
            .filter(|a| a.acknowledged_at.is_some())
            .count()
    }
}

/// Checks a reason: 5 to 500 characters.
pub fn parse_reason(text: &str) -> Result<String, AppError> {
    let reason = text.trim();
    let n = reason.chars().count();
    if !(5..=500).contains(&n) {
        return Err(AppError::bad(
            "reason",
            "reason must have between 5 and 500 characters",
        ));
    }
    Ok(reason.to_string())
}

/// The notice's subject and text; `kind` is the incident's type as named when it was received.
fn mail_text(incident: &Incident, kind: &str, reason: &str, by: &str, id: i64) -> (String, String) {
    let subject = format!(
        "[Veghe] Eveniment deosebit: incidentul {}",
        incident.reference
    );
    let body = format!(
        "Eveniment deosebit declarat de {by} la {declared}.\n\n\
         Incident: {reference} ({kind}, prioritate P{priority})\n\
         Adresa: {address}\n\
         Primit la: {received}\n\
         Motiv: {reason}\n\n\
         Confirmați luarea la cunoștință în Veghe: /special-events/{id}\n\
         Raportul scris: /special-events/{id}/report\n",
        declared = crate::web::local_time(now_ms()),
        reference = incident.reference,
        priority = incident.priority,
        address = incident.address.as_deref().unwrap_or("—"),
        received = crate::web::local_time(incident.received_at),
    );
    (subject, body)
}

/// Declares the incident a special event: everything in one transaction; e-mails are only
/// queued (`smtp` says whether a relay exists), so a slow relay never holds the declaration.
pub async fn declare(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    reason: &str,
    smtp: bool,
) -> Result<SpecialEvent, AppError> {
    let reason = parse_reason(reason)?;
    let incident = store::get(db, incident_id).await?;
    let kind = crate::dispatch::catalogue::load(db).await?.label_at(
        &incident.kind,
        incident.received_at,
        crate::web::Lang::Ro,
    );
    let mut tx = db.begin().await?;
    if sqlx::query("SELECT id FROM special_events WHERE incident_id = $1")
        .bind(incident_id)
        .fetch_optional(&mut *tx)
        .await?
        .is_some()
    {
        return Err(AppError::conflict(format!(
            "incident {} is already a special event",
            incident.reference
        )));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO special_events (incident_id, declared_at, declared_by_id, declared_by_name, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(incident_id)
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(&reason)
    .fetch_one(&mut *tx)
    .await?;
    let step = Step {
        kind: "special_event",
        from: None,
        to: None,
        unit_id: None,
        note: Some(&reason),
    };
    timeline::record(&mut tx, actor, incident_id, step).await?;
    let recipients = sqlx::query(
        "SELECT id, email FROM users WHERE role IN ($1, $2) AND disabled = 0 ORDER BY id",
    )
    .bind(groups::SPECIAL_EVENT_RECIPIENTS[0].code())
    .bind(groups::SPECIAL_EVENT_RECIPIENTS[1].code())
    .fetch_all(&mut *tx)
    .await?;
    let (subject, body) = mail_text(&incident, &kind, &reason, &actor.name, id);
    let link = format!("/special-events/{id}");
    for r in &recipients {
        let user_id: i64 = r.try_get("id")?;
        let email: Option<String> = r.try_get("email")?;
        let n = NewNotification {
            user_id,
            kind: "special_event",
            special_event_id: Some(id),
            title: &subject,
            body: &reason,
            link: Some(&link),
        };
        notify::create_in(&mut tx, n).await?;
        let mail = NewMail {
            user_id: Some(user_id),
            recipient: email.as_deref(),
            subject: &subject,
            body: &body,
            special_event_id: Some(id),
        };
        outbox::queue_in(&mut tx, smtp, mail).await?;
    }
    let summary = json!({"id": id, "incident_id": incident_id, "reference": incident.reference,
        "reason": reason, "recipients": recipients.len()});
    let change = Change {
        action: "special_event.declare",
        entity: "incident",
        entity_id: Some(incident_id.to_string()),
        before: None,
        after: Some(summary.clone()),
    };
    audit::append(&mut tx, actor, change).await?;
    crate::db::events::publish(&mut tx, "special_event.declared", &summary).await?;
    tx.commit().await?;
    get(db, id).await
}

/// Inside the acknowledging transaction: the incident's timeline and the live stream.
pub async fn acknowledged_in(tx: &mut Tx, actor: &Actor, id: i64) -> Result<(), AppError> {
    let incident_id: i64 =
        sqlx::query_scalar("SELECT incident_id FROM special_events WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    let step = Step {
        kind: "special_event.acknowledged",
        from: None,
        to: None,
        unit_id: None,
        note: None,
    };
    timeline::record(tx, actor, incident_id, step).await?;
    let payload = json!({"id": id, "incident_id": incident_id, "by": actor.name});
    crate::db::events::publish(tx, "special_event.acknowledged", &payload).await?;
    Ok(())
}

/// The caller acknowledges their notification of special event `id` (404 if they had none).
pub async fn acknowledge(db: &Db, actor: &Actor, id: i64) -> Result<SpecialEvent, AppError> {
    let user_id = actor.user_id.ok_or(AppError::Forbidden)?;
    let row = sqlx::query(
        "SELECT id FROM notifications WHERE special_event_id = $1 AND user_id = $2 ORDER BY id LIMIT 1",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    notify::acknowledge(db, actor, row.try_get("id")?).await?;
    get(db, id).await
}

async fn acknowledgements(db: &Db, id: i64) -> Result<Vec<Acknowledgement>, AppError> {
    Ok(sqlx::query_as(
        "SELECT n.user_id, u.display_name, u.role, n.created_at, n.acknowledged_at FROM notifications n \
         JOIN users u ON u.id = n.user_id WHERE n.special_event_id = $1 ORDER BY n.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?)
}

const COLUMNS: &str =
    "s.id, s.incident_id, i.number, i.year, s.declared_at, s.declared_by_name, s.reason";

async fn from_row(db: &Db, r: &sqlx::any::AnyRow) -> Result<SpecialEvent, AppError> {
    let id: i64 = r.try_get("id")?;
    let number: i64 = r.try_get("number")?;
    let year: i64 = r.try_get("year")?;
    Ok(SpecialEvent {
        id,
        incident_id: r.try_get("incident_id")?,
        reference: format!("{number}/{year}"),
        declared_at: r.try_get("declared_at")?,
        declared_by: r.try_get("declared_by_name")?,
        reason: r.try_get("reason")?,
        acknowledgements: acknowledgements(db, id).await?,
        deliveries: outbox::list(db, Some(id)).await?,
    })
}

pub async fn get(db: &Db, id: i64) -> Result<SpecialEvent, AppError> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM special_events s JOIN incidents i ON i.id = s.incident_id WHERE s.id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    from_row(db, &row).await
}

/// The newest special events, at most 100.
pub async fn list(db: &Db) -> Result<Vec<SpecialEvent>, AppError> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM special_events s JOIN incidents i ON i.id = s.incident_id ORDER BY s.id DESC LIMIT 100"
    )))
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        out.push(from_row(db, r).await?);
    }
    Ok(out)
}

/// The special event declared for an incident, if any.
pub async fn of_incident(db: &Db, incident_id: i64) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM special_events WHERE incident_id = $1")
            .bind(incident_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The incident of a `number/year` reference.
pub async fn incident_by_reference(db: &Db, text: &str) -> Result<i64, AppError> {
    let bad = || {
        AppError::bad(
            "incident",
            format!("`{text}` is not an incident number (e.g. 12/2026)"),
        )
    };
    let (n, y) = text.trim().split_once('/').ok_or_else(bad)?;
    let (n, y): (i64, i64) = (
        n.trim().parse().map_err(|_| bad())?,
        y.trim().parse().map_err(|_| bad())?,
    );
    sqlx::query_scalar("SELECT id FROM incidents WHERE number = $1 AND year = $2")
        .bind(n)
        .bind(y)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| AppError::bad("incident", format!("there is no incident {n}/{y}")))
}

/// The API and the pages of special events.
pub fn routes() -> crate::auth::access::Routes {
    api::routes().merge(pages::routes())
}
