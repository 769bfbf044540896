//! The steps of a letter before it is sent: drafted from a template, edited, submitted,
//! approved or given back. Each checks the law (`Case::may_write`) and the approval order
//! (`veghe_ro::letters`), then writes the letter, the case's timeline step, the notifications of
//! those who act next and the audit entry in one transaction. Sending is in `send`.

use sqlx::Row;
use veghe_ro::letters::{self, LetterKind};

use super::store::{Letter, audit_step, get_in, holders, may_work_on, tell};
use super::{fields, labels, templates};
use crate::auth::{CurrentUser, Role};
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult};
use crate::registry::actions::refused;
use crate::registry::numbers::today;
use crate::registry::store::{Entry, event, get_in as entry_in};
use crate::web::Lang;

/// A letter to draft.
pub struct Draft {
    pub kind: LetterKind,
    pub template_id: Option<i64>,
    /// The author's own text instead of the template's.
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// Drafts a letter of the case from its template, the case's data filled in.
pub async fn draft(db: &Db, me: &CurrentUser, entry_id: i64, d: Draft) -> AppResult<Letter> {
    let mut tx = db.begin().await?;
    let entry = entry_in(&mut tx, entry_id).await?;
    may_work_on(&mut tx, me, &entry).await?;
    entry.case()?.may_write(d.kind, today()).map_err(refused)?;
    let open = sqlx::query(
        "SELECT id FROM registry_letters WHERE entry_id = $1 AND kind = $2 AND status <> 'sent'",
    )
    .bind(entry_id)
    .bind(d.kind.code())
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(r) = open {
        let other: i64 = r.try_get("id")?;
        return Err(AppError::conflict(crate::error::Said::new(
            "O scrisoare de acest tip se redactează deja pentru această lucrare; continuați-o pe aceea.",
            format!(
                "letter {other} of this kind is already being written for this case; continue it"
            ),
        )));
    }
    let template = match d.template_id {
        Some(t) => {
            let found = templates::get_in(&mut tx, t)
                .await?
                .filter(|x| x.active)
                .ok_or_else(|| {
                    AppError::bad(
                        "template_id",
                        crate::error::Said::new(
                            "Modelul: nu este în uz; alegeți un model din listă.",
                            format!("no template {t} in use"),
                        ),
                    )
                })?;
            if found.register != entry.register || found.kind != d.kind.code() {
                return Err(AppError::bad(
                    "template_id",
                    crate::error::Said::new(
                        "Modelul: este pentru alt tip de scrisoare sau alt registru; alegeți un model potrivit.",
                        format!(
                            "template {t} is a {} of the {} register, not a {} of the {} register",
                            found.kind,
                            found.register,
                            d.kind.code(),
                            entry.register
                        ),
                    ),
                ));
            }
            Some(found)
        }
        None => templates::first_in(&mut tx, &entry.register, d.kind.code()).await?,
    };
    let subject = d
        .subject
        .or_else(|| template.as_ref().map(|t| t.subject.clone()))
        .ok_or_else(|| {
            AppError::bad(
                "template_id",
                crate::error::Said::new(
                    "Modelul: această scrisoare nu are model; alegeți unul.",
                    "no template for this letter: choose one",
                ),
            )
        })?;
    let body = d
        .body
        .or_else(|| template.as_ref().map(|t| t.body.clone()))
        .ok_or_else(|| {
            AppError::bad(
                "template_id",
                crate::error::Said::new(
                    "Modelul: această scrisoare nu are model; alegeți unul.",
                    "no template for this letter: choose one",
                ),
            )
        })?;
    let (subject, body) = texts(&entry, &me.display_name, &subject, &body)?;
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registry_letters (entry_id, kind, template_id, subject, body, status, author_id, author_name, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'draft', $6, $7, $8, $8) RETURNING id",
    )
    .bind(entry_id)
    .bind(d.kind.code())
    .bind(template.as_ref().map(|t| t.id))
    .bind(&subject)
    .bind(&body)
    .bind(me.id)
    .bind(&me.display_name)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let kind = labels::kind(d.kind.code(), Lang::Ro);
    event(&mut tx, &me.actor(), entry_id, "letter_drafted", Some(kind)).await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "registry.letter_draft", None, &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// The subject and text checked (an unknown placeholder is refused by name), the case's data
/// filled in.
fn texts(entry: &Entry, author: &str, subject: &str, body: &str) -> AppResult<(String, String)> {
    let subject = subject.trim();
    if !(3..=200).contains(&subject.chars().count()) {
        return Err(AppError::bad(
            "subject",
            crate::error::Said::new(
                "Obiectul: între 3 și 200 de caractere.",
                "the subject has 3 to 200 characters",
            ),
        ));
    }
    fields::check(subject, "subject")?;
    let body = body.replace("\r\n", "\n");
    let body = body.trim();
    if !(10..=20_000).contains(&body.chars().count()) {
        return Err(AppError::bad(
            "body",
            crate::error::Said::new(
                "Textul: între 10 și 20000 de caractere.",
                "the text has 10 to 20000 characters",
            ),
        ));
    }
    Ok((
        fields::fill_draft(subject, entry, author).map_err(|e| match e {
            AppError::BadRequest { message, .. } => AppError::bad("subject", message),
            other => other,
        })?,
        fields::fill_draft(body, entry, author)?,
    ))
}

/// The author (or a colleague of the department) changes the text of a draft or of a letter
/// given back.
pub async fn edit(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    subject: Option<String>,
    body: String,
) -> AppResult<Letter> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let entry = entry_in(&mut tx, before.entry_id).await?;
    may_work_on(&mut tx, me, &entry).await?;
    letters::may_edit(before.status()?).map_err(refused)?;
    let subject = subject.unwrap_or_else(|| before.subject.clone());
    let (subject, body) = texts(&entry, &before.author, &subject, &body)?;
    sqlx::query(
        "UPDATE registry_letters SET subject = $2, body = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(&subject)
    .bind(&body)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "registry.letter_edit", Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// Submits the letter for the head's approval; the heads of service are told.
pub async fn submit(db: &Db, me: &CurrentUser, id: i64) -> AppResult<Letter> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let entry = entry_in(&mut tx, before.entry_id).await?;
    may_work_on(&mut tx, me, &entry).await?;
    let next = letters::submit(before.status()?).map_err(refused)?;
    entry
        .case()?
        .may_write(before.kind()?, today())
        .map_err(refused)?;
    let now = now_ms();
    sqlx::query(
        "UPDATE registry_letters SET status = $2, submitted_at = $3, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(next.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let kind = labels::kind(&before.kind, Lang::Ro);
    event(
        &mut tx,
        &me.actor(),
        entry.id,
        "letter_submitted",
        Some(kind),
    )
    .await?;
    let heads = holders(&mut tx, Role::HeadOfService).await?;
    let title = format!("De aprobat: {kind} la nr. {}", entry.number);
    tell(&mut tx, &heads, &title, &before.subject, entry.id).await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "registry.letter_submit", Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// The head approves the letter (not their own, and only what the law still allows for the
/// case); the author and the registry clerks, who send it, are told.
pub async fn approve(db: &Db, me: &CurrentUser, id: i64) -> AppResult<Letter> {
    decide(db, me, id, None).await
}

/// The head gives the letter back to its author with a remark.
pub async fn give_back(db: &Db, me: &CurrentUser, id: i64, remark: &str) -> AppResult<Letter> {
    decide(db, me, id, Some(remark)).await
}

async fn decide(db: &Db, me: &CurrentUser, id: i64, remark: Option<&str>) -> AppResult<Letter> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let entry = entry_in(&mut tx, before.entry_id).await?;
    let status = before.status()?;
    let next = match remark {
        None => letters::approve(status, before.author_id, Some(me.id)),
        Some(r) => letters::give_back(status, r),
    }
    .map_err(refused)?;
    if remark.is_none() {
        entry
            .case()?
            .may_write(before.kind()?, today())
            .map_err(refused)?;
    }
    let remark = remark.map(|r| r.trim().chars().take(2000).collect::<String>());
    let now = now_ms();
    sqlx::query("UPDATE registry_letters SET status = $2, decided_by = $3, decided_name = $4, decided_at = $5, remark = COALESCE($6, remark), updated_at = $5 WHERE id = $1")
        .bind(id)
        .bind(next.code())
        .bind(me.id)
        .bind(&me.display_name)
        .bind(now)
        .bind(&remark)
        .execute(&mut *tx)
        .await?;
    let kind = labels::kind(&before.kind, Lang::Ro);
    let (step, title) = match &remark {
        None => (
            "letter_approved",
            format!("Aprobat: {kind} la nr. {}", entry.number),
        ),
        Some(_) => (
            "letter_returned",
            format!("Restituit cu observații: {kind} la nr. {}", entry.number),
        ),
    };
    let note = match &remark {
        Some(r) => format!("{kind}: {r}"),
        None => kind.to_string(),
    };
    event(&mut tx, &me.actor(), entry.id, step, Some(&note)).await?;
    let mut told: Vec<i64> = before.author_id.into_iter().collect();
    if remark.is_none() {
        for clerk in holders(&mut tx, Role::RegistryClerk).await? {
            if !told.contains(&clerk) {
                told.push(clerk);
            }
        }
    }
    let body = remark.clone().unwrap_or_else(|| before.subject.clone());
    tell(&mut tx, &told, &title, &body, entry.id).await?;
    let after = get_in(&mut tx, id).await?;
    let action = if remark.is_none() {
        "registry.letter_approve"
    } else {
        "registry.letter_return"
    };
    audit_step(&mut tx, me, action, Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}
