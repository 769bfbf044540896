//! Invitations to a press event: an e-mail through the outbox to each journalist accredited for
//! it (an accreditation granted for this event, or a permanent one valid on the event's day),
//! once each; who was invited is kept in press_event_invitations. The outbox carries no
//! attachments, so the message links the public calendar (`/presa/evenimente.ics`).

use serde::Serialize;
use serde_json::json;

use super::Event;
use crate::audit::access_log::{self, Reason};
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::notify::outbox::{self, NewMail};

/// One invitation as the event's page lists it.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Invitation {
    pub journalist_id: i64,
    pub journalist: String,
    pub outlet: Option<String>,
    pub invited_at: i64,
    pub invited_by: Option<String>,
    /// The message's state in the outbox.
    pub mail_state: Option<String>,
}

/// What one sending did.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct Sent {
    /// Messages queued now.
    pub queued: i64,
    /// Accredited journalists invited before (not again).
    pub already: i64,
}

/// The invitations of an event, in the order sent.
pub async fn of_event(db: &Db, event_id: i64) -> AppResult<Vec<Invitation>> {
    Ok(sqlx::query_as(
        "SELECT i.journalist_id, j.name AS journalist, o.name AS outlet, i.invited_at, u.display_name AS invited_by, m.state AS mail_state \
         FROM press_event_invitations i JOIN press_journalists j ON j.id = i.journalist_id \
         LEFT JOIN press_outlets o ON o.id = j.outlet_id LEFT JOIN users u ON u.id = i.invited_by \
         LEFT JOIN mail_outbox m ON m.id = i.mail_id WHERE i.event_id = $1 ORDER BY i.id",
    )
    .bind(event_id)
    .fetch_all(db.pool())
    .await?)
}

fn day_of(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(crate::time::bucharest()).date().to_string())
        .unwrap_or_default()
}

/// The message: the event in words, the spokesperson's contact, the calendar's address.
fn body(e: &Event, calendar: &str, contact: Option<&str>) -> String {
    let kind = if e.kind == "conference" {
        "conferința de presă"
    } else {
        "acțiunea"
    };
    let mut b = format!(
        "Bună ziua,\n\nPoliția Locală Timișoara vă invită la {kind} „{}”.\n\nCând: {} – {}\nUnde: {}\n",
        e.title,
        crate::web::local_time(e.starts_at),
        crate::web::local_time(e.ends_at),
        e.place
    );
    if let Some(d) = &e.description {
        b.push_str(&format!("\n{d}\n"));
    }
    b.push_str(&format!(
        "\nCalendarul evenimentelor de presă (iCalendar, pentru agenda dumneavoastră): {calendar}\n"
    ));
    if let Some(c) = contact {
        b.push_str(&format!("\nPurtător de cuvânt: {c}\n"));
    }
    b
}

/// Invites the journalists accredited for the event and not invited yet; `smtp` says whether a
/// relay is configured, `calendar` is the feed's address. Each address read for it is recorded
/// in the access log.
pub async fn send(
    db: &Db,
    smtp: bool,
    me: &CurrentUser,
    event_id: i64,
    calendar: &str,
) -> AppResult<Sent> {
    let actor = &me.actor();
    let reason = Reason::parse(&format!("Invitație la evenimentul de presă nr. {event_id}"))?;
    let e = super::store::get(db, event_id).await?;
    if e.status != "planned" || e.starts_at < now_ms() {
        return Err(AppError::conflict(Said::new(
            "Invitațiile se trimit doar pentru un eveniment planificat, care nu a început.",
            "invitations go only to a planned event that has not begun",
        )));
    }
    let contact = crate::press::strategy::current_spokesperson(db)
        .await?
        .map(|s| {
            [Some(s.name), s.phone, s.email]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        });
    let subject = format!(
        "Invitație: {} ({})",
        e.title,
        crate::web::local_time(e.starts_at)
    );
    let text = body(&e, calendar, contact.as_deref());
    let mut tx = db.begin().await?;
    let accredited: Vec<(i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT j.id, j.email, (SELECT COUNT(*) FROM press_event_invitations i WHERE i.event_id = $1 AND i.journalist_id = j.id) AS invited \
         FROM press_journalists j WHERE j.retired_at IS NULL AND EXISTS (SELECT 1 FROM press_accreditations a \
           WHERE a.journalist_id = j.id AND a.status = 'granted' \
           AND ((a.kind = 'event' AND a.event_id = $1) OR (a.kind = 'permanent' AND a.valid_until >= $2))) \
         ORDER BY j.id",
    )
    .bind(event_id)
    .bind(day_of(e.starts_at))
    .fetch_all(&mut *tx)
    .await?;
    let mut sent = Sent::default();
    let mut invited = Vec::new();
    for (journalist, email, before) in accredited {
        if before > 0 {
            sent.already += 1;
            continue;
        }
        let mail = outbox::queue_in(
            &mut tx,
            smtp,
            NewMail {
                user_id: None,
                recipient: email.as_deref(),
                subject: &subject,
                body: &text,
                special_event_id: None,
            },
        )
        .await?;
        sqlx::query(
            "INSERT INTO press_event_invitations (event_id, journalist_id, mail_id, invited_by, invited_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(event_id)
        .bind(journalist)
        .bind(mail)
        .bind(actor.user_id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        access_log::record_in(
            &mut tx,
            me,
            "press_journalist",
            &journalist.to_string(),
            &["email"],
            &reason,
        )
        .await?;
        invited.push(journalist);
        sent.queued += 1;
    }
    if sent.queued > 0 {
        audit::append(
            &mut tx,
            actor,
            Change::of(
                "press.event_invite",
                "press_event",
                event_id,
                None,
                &json!({"journalists": invited}),
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(sent)
}
