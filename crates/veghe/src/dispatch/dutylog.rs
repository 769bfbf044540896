//! The duty log (registrul de evidență a activității dispeceratului): every call and every
//! communication of the desk in time order. Calls, further calls, check-ins, hand-overs and
//! shift handovers are read from where they are recorded; other communications (radio, phone,
//! e-mail, remarks) are written here.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::AppError;

/// Kinds a dispatcher may write in the log directly.
pub const KINDS: &[(&str, &str)] = &[
    ("radio", "comunicare radio"),
    ("phone", "convorbire telefonică"),
    ("email", "e-mail"),
    ("note", "mențiune"),
];

/// One line of the duty log.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LogEntry {
    pub at: i64,
    /// call, further_call, checkin, handover, shift, radio, phone, email, note
    pub kind: String,
    pub summary: String,
    pub incident_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub actor: String,
}

/// A communication, parsed.
pub struct NewEntry {
    pub kind: &'static str,
    pub summary: String,
    pub incident_id: Option<i64>,
    pub unit_id: Option<i64>,
}

/// Parses the kind of a direct entry.
pub fn parse_kind(text: &str) -> Result<&'static str, AppError> {
    KINDS
        .iter()
        .map(|k| k.0)
        .find(|k| *k == text.trim())
        .ok_or_else(|| {
            let all: Vec<&str> = KINDS.iter().map(|k| k.0).collect();
            AppError::bad(
                "kind",
                crate::error::Said::new(
                    format!(
                        "Felul „{text}” nu există; felurile sunt: {}.",
                        all.join(", ")
                    ),
                    format!(
                        "There is no kind “{text}”; the kinds are: {}.",
                        all.join(", ")
                    ),
                ),
            )
        })
}

/// Writes a communication in the log.
pub async fn record(db: &Db, actor: &Actor, e: NewEntry) -> Result<i64, AppError> {
    let mut tx = db.begin().await?;
    if let Some(u) = e.unit_id {
        sqlx::query("SELECT id FROM units WHERE id = $1")
            .bind(u)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                AppError::bad(
                    "unit_id",
                    crate::error::Said::new(
                        format!("Nu există echipajul cu id-ul {u}."),
                        format!("There is no crew with id {u}."),
                    ),
                )
            })?;
    }
    if let Some(i) = e.incident_id {
        sqlx::query("SELECT id FROM incidents WHERE id = $1")
            .bind(i)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| {
                AppError::bad(
                    "incident_id",
                    crate::error::Said::new(
                        format!("Nu există incidentul cu id-ul {i}."),
                        format!("There is no incident with id {i}."),
                    ),
                )
            })?;
    }
    let at = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO duty_log (at, kind, incident_id, unit_id, summary, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(at)
    .bind(e.kind)
    .bind(e.incident_id)
    .bind(e.unit_id)
    .bind(&e.summary)
    .bind(actor.user_id)
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    let after = json!({"kind": e.kind, "summary": e.summary, "incident_id": e.incident_id, "unit_id": e.unit_id});
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "dutylog.entry",
            entity: "duty_log",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(after.clone()),
        },
    )
    .await?;
    publish(&mut tx, "dutylog.entry", &after).await?;
    tx.commit().await?;
    Ok(id)
}

fn push(
    out: &mut Vec<LogEntry>,
    rows: &[sqlx::any::AnyRow],
    kind: &str,
    summary: impl Fn(&sqlx::any::AnyRow) -> Result<String, sqlx::Error>,
) -> Result<(), sqlx::Error> {
    for r in rows {
        out.push(LogEntry {
            at: r.try_get("at")?,
            kind: kind.to_string(),
            summary: summary(r)?,
            incident_id: r.try_get("incident_id")?,
            unit_id: r.try_get("unit_id")?,
            actor: r.try_get("actor")?,
        });
    }
    Ok(())
}

/// Everything the desk did in `[from, to)`, newest first; the lines read from elsewhere are
/// worded in `lang`.
pub async fn entries(
    db: &Db,
    from: i64,
    to: i64,
    lang: crate::web::Lang,
) -> Result<Vec<LogEntry>, AppError> {
    let t = super::duty_texts::of(lang);
    let types = super::catalogue::load(db).await?;
    let fetch = |sql: &'static str| async move {
        sqlx::query(sql)
            .bind(from)
            .bind(to)
            .fetch_all(db.pool())
            .await
    };
    let mut out = Vec::new();
    let calls = fetch(
        "SELECT i.received_at AS at, i.id AS incident_id, i.unit_id AS unit_id, i.number, i.year, i.type, i.address, i.source, COALESCE(u.username, 'sistem') AS actor \
         FROM incidents i LEFT JOIN users u ON u.id = i.created_by WHERE i.received_at >= $1 AND i.received_at < $2",
    )
    .await?;
    push(&mut out, &calls, "call", |r| {
        let (n, y): (i64, i64) = (r.try_get("number")?, r.try_get("year")?);
        let kind: String = r.try_get("type")?;
        let a: Option<String> = r.try_get("address")?;
        let s: String = r.try_get("source")?;
        let source = crate::dispatch::catalogue::SOURCES
            .iter()
            .find(|l| l.code == s)
            .map(|l| match lang {
                crate::web::Lang::Ro => l.name_ro,
                crate::web::Lang::En => l.name_en,
            })
            .unwrap_or_default();
        Ok(format!(
            "Incident {n}/{y} ({}) — {} ({source})",
            types.label_at(&kind, r.try_get("at")?, lang),
            a.unwrap_or_default()
        ))
    })?;
    let further = fetch(
        "SELECT c.at, c.incident_id, NULL AS unit_id, i.number, i.year, c.description, c.actor_name AS actor \
         FROM incident_calls c JOIN incidents i ON i.id = c.incident_id WHERE c.at >= $1 AND c.at < $2",
    )
    .await?;
    push(&mut out, &further, "further_call", |r| {
        let (n, y): (i64, i64) = (r.try_get("number")?, r.try_get("year")?);
        let d: String = r.try_get("description")?;
        Ok(format!("{} {n}/{y}: {d}", t.further_call))
    })?;
    let contacts = fetch(
        "SELECT c.at, NULL AS incident_id, c.unit_id, u.call_sign, c.note, c.actor_name AS actor \
         FROM unit_contacts c JOIN units u ON u.id = c.unit_id WHERE c.at >= $1 AND c.at < $2",
    )
    .await?;
    push(&mut out, &contacts, "checkin", |r| {
        let cs: String = r.try_get("call_sign")?;
        let note: Option<String> = r.try_get("note")?;
        Ok(match note {
            Some(n) => format!("{} {cs}: {n}", t.contact_with),
            None => format!("{} {cs}", t.contact_with),
        })
    })?;
    let handovers = fetch(
        "SELECT h.at, h.incident_id, NULL AS unit_id, i.number, i.year, a.name, h.channel, h.reference, h.actor_name AS actor \
         FROM handovers h JOIN incidents i ON i.id = h.incident_id JOIN agencies a ON a.id = h.agency_id WHERE h.at >= $1 AND h.at < $2",
    )
    .await?;
    push(&mut out, &handovers, "handover", |r| {
        let (n, y): (i64, i64) = (r.try_get("number")?, r.try_get("year")?);
        let name: String = r.try_get("name")?;
        let channel: String = r.try_get("channel")?;
        let reference: Option<String> = r.try_get("reference")?;
        Ok(format!(
            "Incident {n}/{y} {} {name} ({}{})",
            t.handed_to,
            super::duty_texts::channel(&channel, lang),
            reference
                .map(|x| format!(", {} {x}", t.no))
                .unwrap_or_default()
        ))
    })?;
    let shifts = fetch(
        "SELECT h.created_at AS at, NULL AS incident_id, NULL AS unit_id, o.username AS actor, i.username AS incoming, h.accepted_at \
         FROM shift_handovers h JOIN users o ON o.id = h.outgoing_id LEFT JOIN users i ON i.id = h.incoming_id WHERE h.created_at >= $1 AND h.created_at < $2",
    )
    .await?;
    push(&mut out, &shifts, "shift", |r| {
        let incoming: Option<String> = r.try_get("incoming")?;
        Ok(match incoming {
            Some(i) => format!("{} {i}", t.shift_taken),
            None => t.shift_waiting.to_string(),
        })
    })?;
    let direct: Vec<LogEntry> = sqlx::query_as(
        "SELECT at, incident_id, unit_id, kind, summary, actor_name AS actor FROM duty_log WHERE at >= $1 AND at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    out.extend(direct);
    out.sort_by_key(|e| std::cmp::Reverse(e.at));
    Ok(out)
}

/// The label of a log kind, in `lang`.
pub fn kind_label(kind: &str, lang: crate::web::Lang) -> &'static str {
    super::duty_texts::kind(kind, lang)
}
