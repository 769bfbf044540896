//! Sending a published release to a distribution list: one e-mail per recipient through the
//! outbox, each recorded in `press_sends` (one row per release and address, so a second send, or
//! a second list naming the same address, reaches nobody twice), audited in one transaction.
//! Retired members and those without an address are skipped and named.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::lists::{self, Member};
use super::mask;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::notify::outbox::{self, NewMail};

/// The few columns of a release the sending reads.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Release {
    pub id: i64,
    pub number: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub status: String,
    pub published_at: Option<i64>,
}

impl Release {
    /// Approved, and public (its embargo over).
    pub fn sendable(&self, now: i64) -> bool {
        self.status == "approved" && self.published_at.is_some_and(|p| p <= now)
    }

    /// Its public page.
    pub fn link(&self) -> String {
        format!("/presa/comunicate/{}", self.id)
    }
}

pub async fn release(db: &Db, id: i64) -> AppResult<Release> {
    sqlx::query_as(
        "SELECT id, number, title, summary, status, published_at FROM press_releases WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}

/// One e-mail of a release, as recorded.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Sent {
    pub id: i64,
    pub list_id: i64,
    pub list: String,
    pub journalist_id: Option<i64>,
    pub outlet_id: Option<i64>,
    /// The journalist's or the outlet's name.
    pub name: String,
    /// A journalist's address masked; an outlet's in full.
    pub recipient: String,
    pub outbox_id: i64,
    /// The outbox's delivery state: pending, sent, failed, not_configured.
    pub state: String,
    pub sent_at: i64,
    pub sent_by: Option<String>,
}

/// The sends of a release, newest first.
pub async fn sends(db: &Db, release_id: i64) -> AppResult<Vec<Sent>> {
    let rows: Vec<Sent> = sqlx::query_as(
        "SELECT s.id, s.list_id, l.name AS list, s.journalist_id, s.outlet_id, \
         COALESCE(j.name, o.name, '') AS name, s.recipient, s.outbox_id, m.state, s.sent_at, u.username AS sent_by \
         FROM press_sends s JOIN press_lists l ON l.id = s.list_id \
         JOIN mail_outbox m ON m.id = s.outbox_id \
         LEFT JOIN press_journalists j ON j.id = s.journalist_id \
         LEFT JOIN press_outlets o ON o.id = s.outlet_id \
         LEFT JOIN users u ON u.id = s.sent_by \
         WHERE s.release_id = $1 ORDER BY s.sent_at DESC, s.id",
    )
    .bind(release_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|s| Sent {
            recipient: if s.journalist_id.is_some() {
                mask::email(&s.recipient)
            } else {
                s.recipient.clone()
            },
            ..s
        })
        .collect())
}

/// Which list to send to.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SendIn {
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[schema(value_type = i64)]
    pub list_id: Option<String>,
}

/// A member not sent to, and why: `retired`, `no_address`, `already_sent`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Skipped {
    pub name: String,
    pub why: &'static str,
}

/// What a send did.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SendReport {
    pub release_id: i64,
    pub list_id: i64,
    /// E-mails queued now.
    pub queued: i64,
    /// Members not sent to, and why.
    pub skipped: Vec<Skipped>,
    /// Whether this release had already gone to this list.
    pub sent_before: bool,
}

fn mail(r: &Release) -> (String, String) {
    let number = r.number.as_deref().unwrap_or("");
    let subject = format!("{number}: {}", r.title);
    let mut body = format!("{number}\n\n{}\n\n", r.title);
    if let Some(s) = &r.summary {
        body.push_str(s);
        body.push_str("\n\n");
    }
    body.push_str(&format!(
        "Comunicatul integral: {}\n\n--\nPoliția Locală Timișoara, Serviciul Comunicare, Prevenire și Dispecerat\n",
        r.link()
    ));
    (subject, body)
}

/// Sends release `release_id` to list `input.list_id`.
pub async fn send(
    db: &Db,
    smtp: bool,
    actor: &Actor,
    release_id: i64,
    input: SendIn,
) -> AppResult<SendReport> {
    let list_id = input
        .list_id
        .and_then(|l| l.trim().parse::<i64>().ok())
        .ok_or_else(|| {
            AppError::bad(
                "list_id",
                Said::new(
                    "Lista: alegeți o listă de distribuție.",
                    "list_id: choose a list",
                ),
            )
        })?;
    let r = release(db, release_id).await?;
    if !r.sendable(now_ms()) {
        return Err(AppError::conflict(Said::new(
            "Comunicatul poate fi trimis presei numai după aprobare și publicare (după embargo).",
            "a release is sent only once approved and published (its embargo over)",
        )));
    }
    lists::get(db, list_id).await.map_err(|_| {
        AppError::bad(
            "list_id",
            Said::new(
                "Lista: alegeți o listă de distribuție.",
                "list_id: no such list",
            ),
        )
    })?;
    let mut tx = db.begin().await?;
    let report = send_in(&mut tx, smtp, actor, &r, list_id).await?;
    tx.commit().await?;
    Ok(report)
}

async fn send_in(
    tx: &mut Tx,
    smtp: bool,
    actor: &Actor,
    r: &Release,
    list_id: i64,
) -> AppResult<SendReport> {
    let members = lists::members_in(tx, list_id).await?;
    let before: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM press_sends WHERE release_id = $1 AND list_id = $2",
    )
    .bind(r.id)
    .bind(list_id)
    .fetch_one(&mut **tx)
    .await?;
    let (subject, body) = mail(r);
    let now = now_ms();
    let mut skipped = Vec::new();
    let mut queued = 0;
    let mut to: Vec<String> = Vec::new();
    for m in &members {
        let Some(address) = usable(m, &mut skipped) else {
            continue;
        };
        let lower = address.to_lowercase();
        let done: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM press_sends WHERE release_id = $1 AND recipient = $2",
        )
        .bind(r.id)
        .bind(&lower)
        .fetch_one(&mut **tx)
        .await?;
        if done > 0 || to.contains(&lower) {
            skipped.push(Skipped {
                name: m.name.clone(),
                why: "already_sent",
            });
            continue;
        }
        let outbox_id = outbox::queue_in(
            tx,
            smtp,
            NewMail {
                user_id: None,
                recipient: Some(&lower),
                subject: &subject,
                body: &body,
                special_event_id: None,
            },
        )
        .await?;
        sqlx::query(
            "INSERT INTO press_sends (release_id, list_id, journalist_id, outlet_id, recipient, outbox_id, sent_at, sent_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(r.id)
        .bind(list_id)
        .bind(m.journalist_id)
        .bind(m.outlet_id)
        .bind(&lower)
        .bind(outbox_id)
        .bind(now)
        .bind(actor.user_id)
        .execute(&mut **tx)
        .await?;
        to.push(lower);
        queued += 1;
    }
    let report = SendReport {
        release_id: r.id,
        list_id,
        queued,
        skipped,
        sent_before: before > 0,
    };
    audit::append(
        tx,
        actor,
        Change {
            action: "press_release.send",
            entity: "press_release",
            entity_id: Some(r.id.to_string()),
            before: None,
            after: Some(json!({
                "list_id": list_id, "queued": queued,
                "skipped": report.skipped.len(), "sent_before": report.sent_before,
            })),
        },
    )
    .await?;
    Ok(report)
}

/// The member's address, or why it has none to send to.
fn usable<'m>(m: &'m Member, skipped: &mut Vec<Skipped>) -> Option<&'m str> {
    let why = if m.retired_at.is_some() {
        "retired"
    } else {
        match m.email.as_deref() {
            Some(a) if a.contains('@') => return Some(a),
            _ => "no_address",
        }
    };
    skipped.push(Skipped {
        name: m.name.clone(),
        why,
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_approved_published_release_is_sendable_and_its_mail_names_it() {
        let r = Release {
            id: 7,
            number: Some("Comunicat 01.12.2026-3".into()),
            title: "Controale în Piața Unirii".into(),
            summary: Some("Pe scurt.".into()),
            status: "approved".into(),
            published_at: Some(100),
        };
        assert!(r.sendable(100));
        assert!(!r.sendable(99), "embargo");
        assert!(
            !Release {
                status: "submitted".into(),
                ..r.clone()
            }
            .sendable(200)
        );
        let (subject, body) = mail(&r);
        assert_eq!(subject, "Comunicat 01.12.2026-3: Controale în Piața Unirii");
        assert!(body.contains("Pe scurt.") && body.contains("/presa/comunicate/7"));
    }
}
