//! A case routed to a department is announced by e-mail to the department's address, queued in
//! the outbox in the routing's own transaction (a rollback takes it back; the outbox row records
//! it and its delivery). A department without an address gets no e-mail.

use crate::db::Tx;
use crate::error::AppResult;
use crate::notify::outbox::{self, NewMail};
use crate::registry::store::Entry;

/// Queues the announcement of `entry`, just routed; answers the message's id, if one was queued.
pub async fn announce_routed(tx: &mut Tx, smtp: bool, entry: &Entry) -> AppResult<Option<i64>> {
    let address: Option<(Option<String>, String)> = sqlx::query_as(
        "SELECT d.email, d.name_ro FROM registry_departments d JOIN registry_entries e ON e.department_id = d.id WHERE e.id = $1",
    )
    .bind(entry.id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some((Some(email), department)) = address else {
        return Ok(None);
    };
    let subject = format!("Lucrare repartizată: nr. {}", entry.number);
    let mut body = format!(
        "Lucrarea nr. {} a fost repartizată compartimentului {department}.\n\nObiectul: {}\n",
        entry.number, entry.subject
    );
    if let Some(due) = &entry.internal_due_date {
        body.push_str(&format!("Termenul intern: {due}\n"));
    }
    if let Some(due) = &entry.due_date {
        body.push_str(&format!("Termenul legal: {due}\n"));
    }
    body.push_str(&format!("\nLucrarea: /registry/{}\n", entry.id));
    let id = outbox::queue_in(
        tx,
        smtp,
        NewMail {
            user_id: None,
            recipient: Some(&email),
            subject: &subject,
            body: &body,
            special_event_id: None,
        },
    )
    .await?;
    Ok(Some(id))
}
