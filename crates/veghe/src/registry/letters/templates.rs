//! Typed documents (documente tipizate): a template per register and letter kind, with a
//! subject and a text holding placeholders (`fields`). Seeded with Romanian templates by the
//! migration; an administrator adds and edits them (a template in use is never deleted, only
//! taken out of use). A placeholder the registry does not know is refused by name.

use serde::{Deserialize, Serialize};
use serde_json::json;
use veghe_ro::letters::LetterKind;
use veghe_ro::petition::Register;

use super::fields;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};

/// A template.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct LetterTemplate {
    pub id: i64,
    /// petition, info, internal.
    pub register: String,
    /// answer, refusal, forward_notice, extension_notice, class_notice.
    pub kind: String,
    pub name: String,
    pub subject: String,
    pub body: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub active: bool,
    pub updated_at: i64,
}

/// A template as an administrator writes it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TemplateIn {
    pub register: String,
    pub kind: String,
    pub name: String,
    /// The letter's subject (also the e-mail's); placeholders allowed.
    pub subject: String,
    /// The text; `{{name}}` placeholders from `GET /api/v1/registry/placeholders`.
    pub body: String,
    /// Default true.
    pub active: Option<bool>,
}

/// A template, parsed.
pub struct NewTemplate {
    register: Register,
    kind: LetterKind,
    name: String,
    subject: String,
    body: String,
    active: bool,
}

impl TemplateIn {
    pub fn parse(self) -> AppResult<NewTemplate> {
        let register = Register::parse(&self.register).ok_or_else(|| {
            AppError::bad(
                "register",
                crate::error::Said::new(
                    "Registrul: alegeți petiții, informații publice sau intern.",
                    "register is petition, info or internal",
                ),
            )
        })?;
        let kind = LetterKind::parse(&self.kind)
            .filter(|k| LetterKind::of_register(register).contains(k))
            .ok_or_else(|| {
                AppError::bad(
                    "kind",
                    crate::error::Said::new(
                        "Tipul scrisorii: alegeți un tip din listă, potrivit registrului.",
                        format!(
                            "the {} register's letters are: {}",
                            register.code(),
                            LetterKind::of_register(register)
                                .iter()
                                .map(|k| k.code())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ),
                )
            })?;
        let name = self.name.trim().to_string();
        if !(3..=120).contains(&name.chars().count()) {
            return Err(AppError::bad(
                "name",
                crate::error::Said::new(
                    "Numele: între 3 și 120 de caractere.",
                    "the name has 3 to 120 characters",
                ),
            ));
        }
        let subject = self.subject.trim().to_string();
        if !(3..=200).contains(&subject.chars().count()) {
            return Err(AppError::bad(
                "subject",
                crate::error::Said::new(
                    "Obiectul: între 3 și 200 de caractere.",
                    "the subject has 3 to 200 characters",
                ),
            ));
        }
        fields::check(&subject, "subject")?;
        let body = self.body.replace("\r\n", "\n").trim().to_string();
        if !(10..=20_000).contains(&body.chars().count()) {
            return Err(AppError::bad(
                "body",
                crate::error::Said::new(
                    "Textul: între 10 și 20000 de caractere.",
                    "the text has 10 to 20000 characters",
                ),
            ));
        }
        fields::check(&body, "body")?;
        Ok(NewTemplate {
            register,
            kind,
            name,
            subject,
            body,
            active: self.active.unwrap_or(true),
        })
    }
}

const COLUMNS: &str = "id, register, kind, name, subject, body, active, updated_at";

/// Templates, by register and kind; empty filters mean all.
pub async fn list(
    db: &Db,
    register: &str,
    kind: &str,
    active_only: bool,
) -> AppResult<Vec<LetterTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM registry_templates WHERE ($1 = '' OR register = $1) AND ($2 = '' OR kind = $2) \
         AND ($3 = 0 OR active = 1) ORDER BY register, kind, name, id"
    )))
    .bind(register)
    .bind(kind)
    .bind(i64::from(active_only))
    .fetch_all(db.pool())
    .await?)
}

pub async fn get(db: &Db, id: i64) -> AppResult<Option<LetterTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM registry_templates WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?)
}

pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Option<LetterTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM registry_templates WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?)
}

/// The first template in use for a register and kind.
pub async fn first_in(
    tx: &mut Tx,
    register: &str,
    kind: &str,
) -> AppResult<Option<LetterTemplate>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM registry_templates WHERE register = $1 AND kind = $2 AND active = 1 ORDER BY id LIMIT 1"
    )))
    .bind(register)
    .bind(kind)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Adds a template (`id` None) or changes one; answers it as saved.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: Option<i64>,
    t: NewTemplate,
) -> AppResult<LetterTemplate> {
    let mut tx = db.begin().await?;
    let before = match id {
        Some(i) => Some(get_in(&mut tx, i).await?.ok_or(AppError::NotFound)?),
        None => None,
    };
    let clash = sqlx::query(
        "SELECT id FROM registry_templates WHERE register = $1 AND kind = $2 AND name = $3 AND id <> $4",
    )
    .bind(t.register.code())
    .bind(t.kind.code())
    .bind(&t.name)
    .bind(id.unwrap_or(0))
    .fetch_optional(&mut *tx)
    .await?;
    if clash.is_some() {
        return Err(AppError::bad(
            "name",
            crate::error::Said::new(
                format!(
                    "Numele: alt model de același tip din acest registru se numește deja „{}”; alegeți alt nume.",
                    t.name
                ),
                format!(
                    "another {} template of the {} register is already called `{}`",
                    t.kind.code(),
                    t.register.code(),
                    t.name
                ),
            ),
        ));
    }
    let saved_id: i64 = match id {
        Some(i) => {
            sqlx::query("UPDATE registry_templates SET register = $2, kind = $3, name = $4, subject = $5, body = $6, active = $7, updated_at = $8, updated_by = $9 WHERE id = $1")
                .bind(i)
                .bind(t.register.code())
                .bind(t.kind.code())
                .bind(&t.name)
                .bind(&t.subject)
                .bind(&t.body)
                .bind(i64::from(t.active))
                .bind(now_ms())
                .bind(actor.user_id)
                .execute(&mut *tx)
                .await?;
            i
        }
        None => sqlx::query_scalar("INSERT INTO registry_templates (register, kind, name, subject, body, active, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .bind(t.register.code())
            .bind(t.kind.code())
            .bind(&t.name)
            .bind(&t.subject)
            .bind(&t.body)
            .bind(i64::from(t.active))
            .bind(now_ms())
            .bind(actor.user_id)
            .fetch_one(&mut *tx)
            .await?,
    };
    let after = get_in(&mut tx, saved_id).await?.ok_or(AppError::NotFound)?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "registry.template",
            entity: "registry_template",
            entity_id: Some(saved_id.to_string()),
            before: before.map(|b| json!(b)),
            after: Some(json!(after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
