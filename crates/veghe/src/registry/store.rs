//! Registry entries in the database: registration with its number and deadline, reading (the
//! petitioner masked), lists with filters, and the case timeline.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use veghe_ro::petition::{self, Case, ClassGround, Register, Status};

use super::model::{NewPetition, Petitioner, mask_name};
use super::numbers::{self, day_of, reference};
pub use super::timeline::{Step, event, timeline};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};

/// A registered document as the API shows it; the petitioner's identity is masked.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub id: i64,
    pub register: String,
    /// `1234/29.11.2026`.
    pub number: String,
    pub seq: i64,
    pub year: i64,
    pub registered_at: i64,
    pub channel: String,
    pub kind: String,
    /// person, organisation, anonymous, none.
    pub petitioner_type: String,
    /// Initials for persons; organisations in full.
    pub petitioner: String,
    pub subject: String,
    pub text: String,
    pub status: String,
    /// The legal deadline (YYYY-MM-DD), after any extension.
    pub due_date: Option<String>,
    pub original_due_date: Option<String>,
    pub extended: bool,
    pub notice_on: Option<String>,
    pub department: Option<String>,
    /// The department's name (Romanian).
    pub department_name: Option<String>,
    #[serde(skip)]
    pub department_name_en: Option<String>,
    pub internal_due_date: Option<String>,
    pub forwarded_to: Option<String>,
    pub forwarded_on: Option<String>,
    pub joined_to: Option<i64>,
    pub original_id: Option<i64>,
    pub class_ground: Option<String>,
    pub class_reason: Option<String>,
    pub refused: bool,
    pub answer_via: Option<String>,
    pub answer_sent_on: Option<String>,
    pub archive_ref: Option<String>,
    /// The outgoing number of the answer (`17/12.03.2026`, internal register).
    pub answer_number: Option<String>,
    /// The archive nomenclator's file (indicativ) and the last day it is kept (YYYY-MM-DD).
    pub archive_file: Option<String>,
    pub keep_until: Option<String>,
    /// Open and past its legal deadline.
    pub overdue: bool,
}

pub(super) const COLUMNS: &str = "e.id, e.register, e.year, e.number, e.number_date, e.registered_at, e.channel, e.kind, e.petitioner_kind, e.petitioner_name, e.subject, e.body, e.status, e.due_on, e.original_due_on, e.extended, e.notice_on, d.code AS department, d.name_ro AS department_ro, d.name_en AS department_en, e.internal_due_on, e.forwarded_to, e.forwarded_on, e.joined_to, e.original_id, e.class_ground, e.class_reason, e.refused, e.answer_via, e.answer_sent_on, e.archive_ref, e.answer_number, e.archive_file, e.keep_until";
pub(super) const FROM: &str =
    "registry_entries e LEFT JOIN registry_departments d ON d.id = e.department_id";

pub(super) fn entry_from(r: &sqlx::any::AnyRow) -> Result<Entry, AppError> {
    let kind: String = r.try_get("petitioner_kind")?;
    let name: Option<String> = r.try_get("petitioner_name")?;
    let number: i64 = r.try_get("number")?;
    let date: String = r.try_get("number_date")?;
    let status: String = r.try_get("status")?;
    let due: Option<String> = r.try_get("due_on")?;
    let today = numbers::today().to_string();
    let open = Status::parse(&status).is_some_and(Status::is_open);
    Ok(Entry {
        id: r.try_get("id")?,
        register: r.try_get("register")?,
        number: reference(number, &date),
        seq: number,
        year: r.try_get("year")?,
        registered_at: r.try_get("registered_at")?,
        channel: r.try_get("channel")?,
        kind: r.try_get("kind")?,
        petitioner: mask_name(&kind, name.as_deref()),
        petitioner_type: kind,
        subject: r.try_get("subject")?,
        text: r.try_get("body")?,
        overdue: open && due.as_deref().is_some_and(|d| d < today.as_str()),
        status,
        due_date: due,
        original_due_date: r.try_get("original_due_on")?,
        extended: r.try_get::<i64, _>("extended")? != 0,
        notice_on: r.try_get("notice_on")?,
        department: r.try_get("department")?,
        department_name: r.try_get("department_ro")?,
        department_name_en: r.try_get("department_en")?,
        internal_due_date: r.try_get("internal_due_on")?,
        forwarded_to: r.try_get("forwarded_to")?,
        forwarded_on: r.try_get("forwarded_on")?,
        joined_to: r.try_get("joined_to")?,
        original_id: r.try_get("original_id")?,
        class_ground: r.try_get("class_ground")?,
        class_reason: r.try_get("class_reason")?,
        refused: r.try_get::<i64, _>("refused")? != 0,
        answer_via: r.try_get("answer_via")?,
        answer_sent_on: r.try_get("answer_sent_on")?,
        archive_ref: r.try_get("archive_ref")?,
        answer_number: r.try_get("answer_number")?,
        archive_file: r.try_get("archive_file")?,
        keep_until: r.try_get("keep_until")?,
    })
}

impl Entry {
    /// What the rules need of this entry.
    pub fn case(&self) -> AppResult<Case> {
        let date = |s: &str| {
            s.parse::<jiff::civil::Date>()
                .map_err(|e| AppError::Internal(anyhow::anyhow!("stored date {s}: {e}")))
        };
        Ok(Case {
            register: Register::parse(&self.register)
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("register {}", self.register)))?,
            kind: self.kind.clone(),
            status: Status::parse(&self.status)
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("status {}", self.status)))?,
            registered_on: day_of(self.registered_at),
            due_on: self.due_date.as_deref().map(date).transpose()?,
            extended: self.extended,
        })
    }
}

/// What some channels add to a registration: the citizen's tracking code (hashed), and an
/// Open311 report's service and place.
#[derive(Clone, Debug, Default)]
pub struct Extra {
    pub tracking_hash: Option<String>,
    pub service_code: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location: Option<String>,
}

/// Registers a document: its number, its deadline, its timeline, its audit entry; an anonymous
/// petition is classed in the same transaction (OG 27/2002 art. 7).
pub async fn create(db: &Db, actor: &Actor, new: NewPetition) -> AppResult<Entry> {
    create_with(db, actor, new, Extra::default()).await
}

/// [`create`] with what the online form or Open311 adds; the search terms are written in the
/// same transaction.
pub async fn create_with(
    db: &Db,
    actor: &Actor,
    new: NewPetition,
    extra: Extra,
) -> AppResult<Entry> {
    let mut tx = db.begin().await?;
    let entry = create_in(&mut tx, actor, new, extra).await?;
    tx.commit().await?;
    Ok(entry)
}

/// Registers a document in the caller's transaction (an answer's outgoing number is taken in
/// the transaction that sends it).
pub async fn create_in(
    tx: &mut Tx,
    actor: &Actor,
    new: NewPetition,
    extra: Extra,
) -> AppResult<Entry> {
    let now = now_ms();
    let today = day_of(now);
    let year = i64::from(today.year());
    let due = petition::initial_due(new.register, new.kind, today).map(|d| d.to_string());
    let (cnp, cui) = match &new.petitioner {
        Petitioner::Person { cnp, .. } => (cnp.map(|c| c.as_str().to_string()), None),
        Petitioner::Organisation { cui, .. } => (None, Some(cui.as_str().to_string())),
        _ => (None, None),
    };
    let (number, number_date) = match new.reserved_number {
        Some(n) => (n, numbers::claim(tx, new.register, year, n).await?),
        None => (
            numbers::next(tx, new.register, year).await?,
            today.to_string(),
        ),
    };
    let anonymous = new.petitioner == Petitioner::Anonymous;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registry_entries (register, year, number, number_date, registered_at, channel, kind, petitioner_kind, petitioner_name, petitioner_key, cnp, cui, email, phone, address, subject, subject_fold, body, status, due_on, original_due_on, class_ground, class_reason, created_by, tracking_hash, service_code, lat, lon, location) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22, $23, $24, $25, $26, $27, $28) RETURNING id",
    )
    .bind(new.register.code())
    .bind(year)
    .bind(number)
    .bind(&number_date)
    .bind(now)
    .bind(new.channel)
    .bind(new.kind)
    .bind(new.petitioner.code())
    .bind(new.petitioner.name())
    .bind(new.petitioner_key())
    .bind(cnp)
    .bind(cui)
    .bind(&new.email)
    .bind(&new.phone)
    .bind(&new.address)
    .bind(&new.subject)
    .bind(veghe_ro::fold(&new.subject))
    .bind(&new.text)
    .bind(if anonymous { "classed" } else { "registered" })
    .bind(&due)
    .bind(anonymous.then_some(ClassGround::Anonymous.code()))
    .bind(anonymous.then_some(
        "OG 27/2002 art. 7: petiție anonimă sau fără datele de identificare ale petentului",
    ))
    .bind(actor.user_id)
    .bind(&extra.tracking_hash)
    .bind(&extra.service_code)
    .bind(extra.lat)
    .bind(extra.lon)
    .bind(&extra.location)
    .fetch_one(&mut **tx)
    .await?;
    super::search::index_new(tx, id, &[&new.subject, &new.text]).await?;
    if new.reserved_number.is_some() {
        numbers::bind_entry(tx, new.register, year, number, id).await?;
    }
    event(tx, actor, id, "registered", Some(new.channel)).await?;
    if anonymous {
        event(tx, actor, id, "classed", Some("OG 27/2002 art. 7")).await?;
    }
    let entry = get_in(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change {
            action: "registry.register",
            entity: "registry_entry",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!(entry)),
        },
    )
    .await?;
    Ok(entry)
}

pub async fn get(db: &Db, id: i64) -> AppResult<Entry> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE e.id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    entry_from(&row)
}

pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Entry> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE e.id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)?;
    entry_from(&row)
}

/// The filters of a list; empty strings mean "any".
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub register: String,
    pub status: String,
    pub department: String,
    pub year: i64,
    /// Only open entries past their legal deadline.
    pub overdue: bool,
    /// Only open entries due on or before this date (YYYY-MM-DD).
    pub due_by: String,
    /// Words of the subject (folded).
    pub q: String,
    pub limit: i64,
}

/// Entries matching `f`, newest first.
pub async fn list(db: &Db, f: &Filter) -> AppResult<Vec<Entry>> {
    let due_by = if f.overdue {
        // Strictly before today: the last day of the term is still in time.
        numbers::today()
            .yesterday()
            .map(|d| d.to_string())
            .unwrap_or_default()
    } else {
        f.due_by.clone()
    };
    let open_only = !due_by.is_empty();
    let terms: Vec<String> = super::search::terms(&[&f.q])
        .into_iter()
        .take(super::search::MAX_TERMS)
        .collect();
    // Words are looked up in the search index (folded, stemmed); a query of stop words only
    // falls back to the subject's folded text.
    let text_clause = if terms.is_empty() {
        "AND ($6 = '%%' OR e.subject_fold LIKE $6)".to_string()
    } else {
        format!(
            "AND $6 = '%%' AND e.id IN (SELECT entry_id FROM registry_search WHERE term IN ({}) GROUP BY entry_id HAVING COUNT(*) = {})",
            (8..8 + terms.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", "),
            terms.len()
        )
    };
    let like = if terms.is_empty() {
        format!("%{}%", veghe_ro::fold(&f.q))
    } else {
        "%%".to_string()
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE ($1 = '' OR e.register = $1) AND ($2 = '' OR e.status = $2) \
         AND ($3 = '' OR d.code = $3) AND ($4 = 0 OR e.year = $4) \
         AND ($5 = '' OR (e.status IN ('registered', 'routed') AND e.due_on <= $5)) \
         {text_clause} \
         ORDER BY {} LIMIT $7",
        if open_only { "e.due_on, e.id" } else { "e.registered_at DESC, e.id DESC" }
    )))
    .bind(&f.register)
    .bind(&f.status)
    .bind(&f.department)
    .bind(f.year)
    .bind(&due_by)
    .bind(&like)
    .bind(if f.limit > 0 { f.limit.min(super::export::MAX_ROWS) } else { 200 });
    for t in &terms {
        query = query.bind(t);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter().map(entry_from).collect()
}

/// The petitioner's identity in full: personal data, read only with a logged reason.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct PetitionerData {
    #[sqlx(rename = "petitioner_kind")]
    pub petitioner_type: String,
    #[sqlx(rename = "petitioner_name")]
    pub name: Option<String>,
    pub cnp: Option<String>,
    pub cui: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

pub async fn petitioner(db: &Db, id: i64) -> AppResult<PetitionerData> {
    sqlx::query_as(
        "SELECT petitioner_kind, petitioner_name, cnp, cui, email, phone, address FROM registry_entries WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}
