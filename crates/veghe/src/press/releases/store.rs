//! Press releases in the database: drafting and editing (the text cleaned, the links checked to
//! exist), submitting, approving (the number and the moment of publication) or returning with a
//! reason; each step in one transaction with its audit entry, and the live event `press.release`
//! at approval. Reading: the staff's list and one release; the public's only once published.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{self, Kind, Status};
use super::sanitize;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, Tx, counters, events, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

/// A press release.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Release {
    pub id: i64,
    /// release, statement, correction.
    pub kind: String,
    /// draft, submitted, approved, returned.
    pub status: String,
    pub title: String,
    pub summary: Option<String>,
    /// The text, cleaned to the allowed HTML.
    pub body_html: String,
    /// `Comunicat 07.12.2026-1`, given at approval.
    pub number: Option<String>,
    pub embargo_until: Option<i64>,
    /// When it is public: the later of approval and embargo.
    pub published_at: Option<i64>,
    /// The release a correction corrects.
    pub corrects_id: Option<i64>,
    pub incident_id: Option<i64>,
    pub special_event_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub proposal_id: Option<i64>,
    pub author_id: i64,
    pub author: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub decided_by: Option<i64>,
    pub decided_at: Option<i64>,
    /// Why the head returned it.
    pub return_reason: Option<String>,
}

impl Release {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Release)
    }

    pub fn status(&self) -> Status {
        Status::parse(&self.status).unwrap_or(Status::Draft)
    }

    /// Public at `now`.
    pub fn is_public(&self, now: i64) -> bool {
        self.status() == Status::Approved && self.published_at.is_some_and(|p| p <= now)
    }
}

const SELECT: &str = "SELECT r.id, r.kind, r.status, r.title, r.summary, r.body_html, r.number, r.embargo_until, \
    r.published_at, r.corrects_id, r.incident_id, r.special_event_id, r.campaign_id, r.proposal_id, r.author_id, \
    COALESCE(u.display_name, '') AS author, r.created_at, r.updated_at, r.submitted_at, r.decided_by, r.decided_at, \
    r.return_reason FROM press_releases r LEFT JOIN users u ON u.id = r.author_id";

/// What the officer writes (the API's body and the page's form, parsed).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ReleaseIn {
    /// release, statement, correction.
    pub kind: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    /// HTML (cleaned to p, br, strong, em, ul, ol, li, a, h2, h3, blockquote) or plain
    /// paragraphs separated by blank lines.
    pub body: Option<String>,
    /// Not public before this moment (epoch ms).
    pub embargo_until: Option<i64>,
    /// The published release a correction corrects.
    pub corrects_id: Option<i64>,
    pub incident_id: Option<i64>,
    pub special_event_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub proposal_id: Option<i64>,
}

/// A release's fields, checked.
pub struct Checked {
    kind: Kind,
    title: String,
    summary: Option<String>,
    body_html: String,
    embargo_until: Option<i64>,
    corrects_id: Option<i64>,
    incident_id: Option<i64>,
    special_event_id: Option<i64>,
    campaign_id: Option<i64>,
    proposal_id: Option<i64>,
}

fn bad(field: &'static str, ro: &str, en: &str) -> AppError {
    AppError::bad(field, Said::new(ro, en))
}

impl ReleaseIn {
    fn check(self) -> AppResult<Checked> {
        let kind = Kind::parse(self.kind.as_deref().unwrap_or("release"))?;
        let title = required(self.title, "title", 200)?;
        let summary = text(self.summary, "summary", 600)?;
        let raw = required(self.body, "body", 100_000)?;
        let body_html = sanitize::clean(&raw);
        if sanitize::paragraphs_of(&body_html).is_empty() {
            return Err(bad(
                "body",
                "Textul: nu a rămas nimic de publicat după curățarea textului; scrieți paragrafe.",
                "body: nothing to publish is left once the text is cleaned; write paragraphs",
            ));
        }
        if kind == Kind::Correction && self.corrects_id.is_none() {
            return Err(bad(
                "corrects_id",
                "Rectificarea: alegeți comunicatul publicat pe care îl rectifică.",
                "corrects_id: a correction names the published release it corrects",
            ));
        }
        Ok(Checked {
            kind,
            title,
            summary,
            body_html,
            embargo_until: self.embargo_until.filter(|e| *e > 0),
            corrects_id: if kind == Kind::Correction {
                self.corrects_id
            } else {
                None
            },
            incident_id: self.incident_id,
            special_event_id: self.special_event_id,
            campaign_id: self.campaign_id,
            proposal_id: self.proposal_id,
        })
    }
}

/// The links checked to exist (a 400 naming the field otherwise); a correction's release must
/// be published.
async fn check_links(tx: &mut Tx, c: &Checked, own_id: Option<i64>) -> AppResult<()> {
    let links: [(&'static str, &str, Option<i64>, &str, &str); 4] = [
        (
            "incident_id",
            "incidents",
            c.incident_id,
            "Incidentul",
            "incident",
        ),
        (
            "special_event_id",
            "special_events",
            c.special_event_id,
            "Evenimentul deosebit",
            "special event",
        ),
        (
            "campaign_id",
            "press_campaigns",
            c.campaign_id,
            "Campania",
            "campaign",
        ),
        (
            "proposal_id",
            "analysis_proposals",
            c.proposal_id,
            "Propunerea de analiză",
            "analysis proposal",
        ),
    ];
    for (field, table, id, ro, en) in links {
        let Some(id) = id else { continue };
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {table} WHERE id = $1"
        )))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
        if n == 0 {
            return Err(AppError::bad(
                field,
                Said::new(
                    format!("{ro} nr. {id} nu există; alegeți unul din listă."),
                    format!("{field}: no {en} {id}"),
                ),
            ));
        }
    }
    if let Some(id) = c.corrects_id {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM press_releases WHERE id = $1 AND status = 'approved' AND id <> $2",
        )
        .bind(id)
        .bind(own_id.unwrap_or(0))
        .fetch_one(&mut **tx)
        .await?;
        if n == 0 {
            return Err(bad(
                "corrects_id",
                "Rectificarea: comunicatul rectificat nu există sau nu este aprobat.",
                "corrects_id: no approved release with this id",
            ));
        }
    }
    Ok(())
}

/// The folded words searched by the newsroom.
fn search_text(c: &Checked) -> String {
    let body = sanitize::paragraphs_of(&c.body_html).join(" ");
    veghe_ro::text::fold(&format!(
        "{} {} {}",
        c.title,
        c.summary.as_deref().unwrap_or_default(),
        body
    ))
}

pub async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Release> {
    sqlx::query_as::<_, Release>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn get(db: &Db, id: i64) -> AppResult<Release> {
    sqlx::query_as::<_, Release>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

async fn audit_step(
    tx: &mut Tx,
    me: &CurrentUser,
    action: &str,
    before: Option<&Release>,
    after: &Release,
) -> AppResult<()> {
    audit::append(
        tx,
        &me.actor(),
        Change::of(action, "press_release", after.id, before, after),
    )
    .await?;
    Ok(())
}

/// Writes the checked fields of release `id`.
async fn write(tx: &mut Tx, id: i64, c: &Checked, now: i64) -> AppResult<()> {
    sqlx::query(
        "UPDATE press_releases SET kind = $2, title = $3, summary = $4, body_html = $5, embargo_until = $6, \
         corrects_id = $7, incident_id = $8, special_event_id = $9, campaign_id = $10, proposal_id = $11, \
         updated_at = $12, search_text = $13 WHERE id = $1",
    )
    .bind(id)
    .bind(c.kind.code())
    .bind(&c.title)
    .bind(&c.summary)
    .bind(&c.body_html)
    .bind(c.embargo_until)
    .bind(c.corrects_id)
    .bind(c.incident_id)
    .bind(c.special_event_id)
    .bind(c.campaign_id)
    .bind(c.proposal_id)
    .bind(now)
    .bind(search_text(c))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Drafts a release.
pub async fn create(db: &Db, me: &CurrentUser, input: ReleaseIn) -> AppResult<Release> {
    create_at(db, me, input, now_ms()).await
}

pub async fn create_at(
    db: &Db,
    me: &CurrentUser,
    input: ReleaseIn,
    now: i64,
) -> AppResult<Release> {
    let c = input.check()?;
    let mut tx = db.begin().await?;
    check_links(&mut tx, &c, None).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_releases (kind, status, title, body_html, author_id, created_at, updated_at) \
         VALUES ($1, 'draft', $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(c.kind.code())
    .bind(&c.title)
    .bind(&c.body_html)
    .bind(me.id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    write(&mut tx, id, &c, now).await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "press.release_draft", None, &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// Changes a draft or a returned release.
pub async fn edit(db: &Db, me: &CurrentUser, id: i64, input: ReleaseIn) -> AppResult<Release> {
    let c = input.check()?;
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    model::may_edit(before.status())?;
    check_links(&mut tx, &c, Some(id)).await?;
    write(&mut tx, id, &c, now_ms()).await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "press.release_edit", Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// Sends a draft (or a returned release) to the head of service.
pub async fn submit(db: &Db, me: &CurrentUser, id: i64) -> AppResult<Release> {
    submit_at(db, me, id, now_ms()).await
}

pub async fn submit_at(db: &Db, me: &CurrentUser, id: i64, now: i64) -> AppResult<Release> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let next = model::submit(before.status())?;
    sqlx::query(
        "UPDATE press_releases SET status = $2, submitted_at = $3, updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(next.code())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    audit_step(&mut tx, me, "press.release_submit", Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// The head approves: the number of the day of publication, and the moment it is public.
pub async fn approve(db: &Db, me: &CurrentUser, id: i64) -> AppResult<Release> {
    decide_at(db, me, id, None, now_ms()).await
}

/// The head returns the release to its author with a reason.
pub async fn give_back(db: &Db, me: &CurrentUser, id: i64, reason: &str) -> AppResult<Release> {
    decide_at(db, me, id, Some(reason), now_ms()).await
}

pub async fn decide_at(
    db: &Db,
    me: &CurrentUser,
    id: i64,
    reason: Option<&str>,
    now: i64,
) -> AppResult<Release> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let next = model::decide(before.status(), reason)?;
    if next == Status::Approved {
        let published = model::published_at(now, before.embargo_until);
        let kind = before.kind();
        let day = model::local_day(published);
        let (name, year) = model::counter(kind, day);
        let n = counters::next(&mut tx, &name, year).await?;
        let number = model::number(kind, day, n);
        sqlx::query(
            "UPDATE press_releases SET status = 'approved', number = $2, published_at = $3, decided_by = $4, \
             decided_at = $5, updated_at = $5 WHERE id = $1",
        )
        .bind(id)
        .bind(&number)
        .bind(published)
        .bind(me.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        events::publish(
            &mut tx,
            "press.release",
            &json!({"id": id, "number": number, "published_at": published}),
        )
        .await?;
    } else {
        let reason: String = reason
            .unwrap_or_default()
            .trim()
            .chars()
            .take(2000)
            .collect();
        sqlx::query(
            "UPDATE press_releases SET status = 'returned', return_reason = $2, decided_by = $3, decided_at = $4, \
             updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(&reason)
        .bind(me.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let after = get_in(&mut tx, id).await?;
    let action = if next == Status::Approved {
        "press.release_approve"
    } else {
        "press.release_return"
    };
    audit_step(&mut tx, me, action, Some(&before), &after).await?;
    tx.commit().await?;
    Ok(after)
}

/// The staff's list, newest first; `status` filters when given.
pub async fn list(db: &Db, status: Option<Status>, limit: i64) -> AppResult<Vec<Release>> {
    Ok(sqlx::query_as::<_, Release>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE ($1 = '' OR r.status = $1) ORDER BY r.updated_at DESC, r.id DESC LIMIT $2"
    )))
    .bind(status.map(Status::code).unwrap_or_default())
    .bind(limit)
    .fetch_all(db.pool())
    .await?)
}

/// Published releases at `now`, newest first: a page of them and how many match in all. The
/// words of `query` (folded, so "politia" finds "Poliția") must all be in the release.
pub async fn published(
    db: &Db,
    now: i64,
    query: &str,
    offset: i64,
    limit: i64,
) -> AppResult<(Vec<Release>, i64)> {
    let words: Vec<String> = veghe_ro::text::fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("%{w}%"))
        .collect();
    let mut filter = String::from("r.status = 'approved' AND r.published_at <= $1");
    for i in 0..words.len() {
        filter.push_str(&format!(" AND r.search_text LIKE ${}", i + 2));
    }
    let count_sql = format!("SELECT COUNT(*) FROM press_releases r WHERE {filter}");
    let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)).bind(now);
    for w in &words {
        count = count.bind(w);
    }
    let total = count.fetch_one(db.pool()).await?;
    let n = words.len();
    let page_sql = format!(
        "{SELECT} WHERE {filter} ORDER BY r.published_at DESC, r.id DESC LIMIT ${} OFFSET ${}",
        n + 2,
        n + 3
    );
    let mut page = sqlx::query_as::<_, Release>(sqlx::AssertSqlSafe(page_sql)).bind(now);
    for w in &words {
        page = page.bind(w);
    }
    let rows = page.bind(limit).bind(offset).fetch_all(db.pool()).await?;
    Ok((rows, total))
}

/// A release as the public may see it at `now`, else not found.
pub async fn public(db: &Db, id: i64, now: i64) -> AppResult<Release> {
    let r = get(db, id).await?;
    if r.is_public(now) {
        Ok(r)
    } else {
        Err(AppError::NotFound)
    }
}

/// The published corrections of a release at `now`.
pub async fn corrections_of(db: &Db, id: i64, now: i64) -> AppResult<Vec<Release>> {
    Ok(sqlx::query_as::<_, Release>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.corrects_id = $1 AND r.status = 'approved' AND r.published_at <= $2 ORDER BY r.published_at"
    )))
    .bind(id)
    .bind(now)
    .fetch_all(db.pool())
    .await?)
}

/// Approved releases a correction may name (newest first).
pub async fn correctable(db: &Db) -> AppResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, COALESCE(number, ''), title FROM press_releases WHERE status = 'approved' \
         ORDER BY published_at DESC LIMIT 100",
    )
    .fetch_all(db.pool())
    .await?)
}
