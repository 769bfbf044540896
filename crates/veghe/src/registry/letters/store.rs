//! Letters in the database: what a letter is, reading them (by case, by status), and what the
//! steps share: who may write for a case, telling people in the application, the audit entry.
//! The steps are in `workflow` and `send`.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use veghe_ro::letters::{LetterKind, LetterStatus};

use crate::audit::{self, Change};
use crate::auth::{CurrentUser, Role};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult};
use crate::notify::{self, NewNotification};
use crate::registry::store::Entry;

/// A letter of a case.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Letter {
    pub id: i64,
    pub entry_id: i64,
    /// The case's number, `1234/29.11.2026`.
    pub case_number: String,
    pub case_subject: String,
    /// answer, refusal, forward_notice, extension_notice, class_notice.
    pub kind: String,
    pub template_id: Option<i64>,
    pub subject: String,
    /// The text; the petitioner's data, the approver and the outgoing number stay as
    /// placeholders until the letter is printed or sent.
    pub body: String,
    /// draft, submitted, returned, approved, sent.
    pub status: String,
    pub author_id: Option<i64>,
    pub author: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    /// Who approved it or gave it back, and when.
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    /// The head's remark when given back.
    pub remark: Option<String>,
    /// email or post.
    pub via: Option<String>,
    pub sent_on: Option<String>,
    pub sent_at: Option<i64>,
    pub sent_by: Option<String>,
    /// The postal reference (registered letter number) when sent by post.
    pub post_ref: Option<String>,
    pub mail_id: Option<i64>,
    /// The e-mail's delivery state (pending, sent, failed, not_configured, no_address).
    pub mail_state: Option<String>,
    /// The outgoing document in the internal register, and its number.
    pub out_entry_id: Option<i64>,
    pub out_number: Option<String>,
}

const SELECT: &str = "SELECT l.id, l.entry_id, e.number, e.number_date, e.subject AS case_subject, l.kind, l.template_id, l.subject, l.body, l.status, \
    l.author_id, l.author_name, l.created_at, l.updated_at, l.submitted_at, l.decided_name, l.decided_at, l.remark, l.via, l.sent_on, l.sent_at, \
    l.sent_by_name, l.post_ref, l.mail_id, m.state AS mail_state, l.out_entry_id, l.out_number \
    FROM registry_letters l JOIN registry_entries e ON e.id = l.entry_id LEFT JOIN mail_outbox m ON m.id = l.mail_id";

fn from(r: &sqlx::any::AnyRow) -> AppResult<Letter> {
    let number: i64 = r.try_get("number")?;
    let date: String = r.try_get("number_date")?;
    Ok(Letter {
        id: r.try_get("id")?,
        entry_id: r.try_get("entry_id")?,
        case_number: crate::registry::numbers::reference(number, &date),
        case_subject: r.try_get("case_subject")?,
        kind: r.try_get("kind")?,
        template_id: r.try_get("template_id")?,
        subject: r.try_get("subject")?,
        body: r.try_get("body")?,
        status: r.try_get("status")?,
        author_id: r.try_get("author_id")?,
        author: r.try_get("author_name")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        submitted_at: r.try_get("submitted_at")?,
        decided_by: r.try_get("decided_name")?,
        decided_at: r.try_get("decided_at")?,
        remark: r.try_get("remark")?,
        via: r.try_get("via")?,
        sent_on: r.try_get("sent_on")?,
        sent_at: r.try_get("sent_at")?,
        sent_by: r.try_get("sent_by_name")?,
        post_ref: r.try_get("post_ref")?,
        mail_id: r.try_get("mail_id")?,
        mail_state: r.try_get("mail_state")?,
        out_entry_id: r.try_get("out_entry_id")?,
        out_number: r.try_get("out_number")?,
    })
}

impl Letter {
    pub fn status(&self) -> AppResult<LetterStatus> {
        LetterStatus::parse(&self.status)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("letter status {}", self.status)))
    }

    pub fn kind(&self) -> AppResult<LetterKind> {
        LetterKind::parse(&self.kind)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("letter kind {}", self.kind)))
    }
}

pub async fn get(db: &Db, id: i64) -> AppResult<Letter> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE l.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)?;
    from(&row)
}

pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Letter> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE l.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)?;
    from(&row)
}

/// A case's letters, oldest first.
pub async fn of_entry(db: &Db, entry_id: i64) -> AppResult<Vec<Letter>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE l.entry_id = $1 ORDER BY l.id"
    )))
    .bind(entry_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from).collect()
}

/// Letters in a status (`""`: any), newest first.
pub async fn by_status(db: &Db, status: &str, limit: i64) -> AppResult<Vec<Letter>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE ($1 = '' OR l.status = $1) ORDER BY l.id DESC LIMIT $2"
    )))
    .bind(status)
    .bind(limit.clamp(1, 1000))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from).collect()
}

/// An answer or refusal of the case still in the approval (not sent), if any.
pub async fn pending_answer(tx: &mut Tx, entry_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM registry_letters WHERE entry_id = $1 AND kind IN ('answer', 'refusal') AND status <> 'sent' ORDER BY id LIMIT 1",
    )
    .bind(entry_id)
    .fetch_optional(&mut **tx)
    .await
}

/// A department officer writes only for the cases of their departments.
pub async fn may_work_on(tx: &mut Tx, me: &CurrentUser, entry: &Entry) -> AppResult<()> {
    if me.role != Role::DepartmentOfficer {
        return Ok(());
    }
    let Some(code) = &entry.department else {
        return Err(AppError::Forbidden);
    };
    let member = sqlx::query(
        "SELECT 1 AS one FROM registry_department_members m JOIN registry_departments d ON d.id = m.department_id WHERE m.user_id = $1 AND d.code = $2",
    )
    .bind(me.id)
    .bind(code)
    .fetch_optional(&mut **tx)
    .await?;
    member.map(|_| ()).ok_or(AppError::Forbidden)
}

/// Tells a person, in the application, that a letter waits for them.
pub(super) async fn tell(
    tx: &mut Tx,
    user_ids: &[i64],
    title: &str,
    body: &str,
    entry_id: i64,
) -> AppResult<()> {
    let link = format!("/registry/{entry_id}#letters");
    for &user_id in user_ids {
        let n = NewNotification {
            user_id,
            kind: "registry_letter",
            special_event_id: None,
            title,
            body,
            link: Some(&link),
        };
        notify::create_in(tx, n).await?;
    }
    Ok(())
}

/// The active accounts holding `role`.
pub(super) async fn holders(tx: &mut Tx, role: Role) -> AppResult<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM users WHERE role = $1 AND disabled = 0 ORDER BY id")
            .bind(role.code())
            .fetch_all(&mut **tx)
            .await?,
    )
}

pub(super) async fn audit_step(
    tx: &mut Tx,
    me: &CurrentUser,
    action: &str,
    before: Option<&Letter>,
    after: &Letter,
) -> AppResult<()> {
    audit::append(
        tx,
        &me.actor(),
        Change {
            action,
            entity: "registry_letter",
            entity_id: Some(after.id.to_string()),
            before: before.map(|b| json!(b)),
            after: Some(json!(after)),
        },
    )
    .await?;
    Ok(())
}
