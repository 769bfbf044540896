//! The purge: entries past their register's term have the petitioner's data anonymised (name,
//! CNP, CUI, contact, text, answer summary, classing note, place to 100 m, tracking code,
//! attachments, timeline notes, search terms but the subject's) while number, dates, kind,
//! channel, petitioner type, department, subject and outcome stay, so every report counts the
//! same. One transaction, one audit entry, one row in `registry_purges`. An entry with a court
//! case pending is held. An erasure request does the same for one petitioner's entries.

use std::collections::{BTreeMap, HashSet};

use jiff::civil::Date;
use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use super::{Closing, Term, closed_on, retained_until, terms};
use crate::audit::access_log::Reason;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};
use crate::press::contacts::retention as press;
use crate::registry::numbers::{day_of, reference, today};

/// An entry kept, and why.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Kept {
    pub number: String,
    pub register: String,
    /// The rule that keeps it.
    pub rule: String,
    /// Until when its term runs (YYYY-MM-DD); none while the case is open or in court.
    pub until: Option<String>,
}

/// What a purge did, or would do.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct PurgeReport {
    pub dry_run: bool,
    pub as_of: String,
    pub anonymised: i64,
    /// Anonymised per register.
    pub by_register: BTreeMap<String, i64>,
    /// Past their term but held (a court case pending).
    pub held: Vec<Kept>,
}

/// One entry as the purge reads it.
struct Stored {
    id: i64,
    register: String,
    number: String,
    subject: String,
    closed: Option<Date>,
}

fn date(s: Option<String>) -> Option<Date> {
    s.and_then(|d| d.parse().ok())
}

const SELECT: &str = "SELECT id, register, number, number_date, subject, status, registered_at, answer_sent_on, forwarded_on, archived_at FROM registry_entries";

fn row_of(r: &sqlx::any::AnyRow) -> AppResult<Stored> {
    let status: String = r.try_get("status")?;
    let closing = Closing {
        status: &status,
        registered: day_of(r.try_get("registered_at")?),
        answered: date(r.try_get("answer_sent_on")?),
        forwarded: date(r.try_get("forwarded_on")?),
        archived: r.try_get::<Option<i64>, _>("archived_at")?.map(day_of),
    };
    Ok(Stored {
        id: r.try_get("id")?,
        register: r.try_get("register")?,
        number: reference(
            r.try_get("number")?,
            &r.try_get::<String, _>("number_date")?,
        ),
        subject: r.try_get("subject")?,
        closed: closed_on(&closing),
    })
}

async fn pending_court(conn: &mut sqlx::AnyConnection) -> AppResult<HashSet<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT entry_id FROM registry_court_cases WHERE outcome = 'pending'",
    )
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().collect())
}

/// Anonymises `rows` in the caller's transaction.
async fn anonymise(tx: &mut Tx, actor: &Actor, rows: &[Stored]) -> AppResult<()> {
    let now = now_ms();
    for chunk in rows.chunks(500) {
        let ids = chunk
            .iter()
            .map(|r| r.id.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let statements = [
            format!(
                "UPDATE registry_entries SET petitioner_name = NULL, petitioner_key = NULL, cnp = NULL, cui = NULL, \
                 email = NULL, phone = NULL, address = NULL, body = '', answer_summary = NULL, class_reason = NULL, \
                 location = NULL, lat = ROUND(lat * 1000) / 1000, lon = ROUND(lon * 1000) / 1000, tracking_hash = NULL, \
                 anonymised_at = {now} WHERE id IN ({ids})"
            ),
            format!("DELETE FROM registry_attachments WHERE entry_id IN ({ids})"),
            format!("UPDATE registry_events SET note = NULL WHERE entry_id IN ({ids})"),
            format!("DELETE FROM registry_search WHERE entry_id IN ({ids})"),
        ];
        for sql in statements {
            // Only ids read from the database are formatted into these statements.
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut **tx)
                .await?;
        }
    }
    for r in rows {
        crate::registry::search::index_new(tx, r.id, &[&r.subject]).await?;
        crate::registry::store::event(tx, actor, r.id, "anonymised", None).await?;
    }
    Ok(())
}

/// The entries past their register's term, and those of them held by a pending court case.
async fn expired(
    conn: &mut sqlx::AnyConnection,
    terms: &[Term],
    day: Date,
) -> AppResult<(Vec<Stored>, Vec<Kept>)> {
    let held_ids = pending_court(conn).await?;
    let mut due = Vec::new();
    let mut held = Vec::new();
    for Term {
        register, years, ..
    } in terms
    {
        // A case closes no earlier than the year it was registered in.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE register = $1 AND anonymised_at IS NULL AND year < $2 ORDER BY id"
        )))
        .bind(register)
        .bind(i64::from(day.year()) - years)
        .fetch_all(&mut *conn)
        .await?;
        for r in rows {
            let row = row_of(&r)?;
            let Some(until) = row.closed.map(|c| retained_until(c, *years)) else {
                continue;
            };
            if until > day {
                continue;
            }
            if held_ids.contains(&row.id) {
                held.push(Kept {
                    number: row.number,
                    register: row.register,
                    rule: "GDPR art. 17 alin. (3) lit. (e): plângere în instanță în curs".into(),
                    until: None,
                });
                continue;
            }
            due.push(row);
        }
    }
    Ok((due, held))
}

/// Anonymises every entry past its register's term, and erases the contacts of journalists
/// retired past theirs (`press_journalist`, counted in `by_register`); `dry_run` only counts
/// them, reading without a write transaction.
pub async fn purge(db: &Db, actor: &Actor, dry_run: bool) -> AppResult<PurgeReport> {
    let day = today();
    let terms = terms(db).await?;
    let press_term = terms
        .iter()
        .find(|t| t.register == press::REGISTER)
        .map(|t| t.years);
    let report = |due: &[Stored], held: Vec<Kept>, press: usize| {
        let mut by_register = BTreeMap::new();
        for r in due {
            *by_register.entry(r.register.clone()).or_default() += 1;
        }
        if press > 0 {
            by_register.insert(press::REGISTER.to_string(), press as i64);
        }
        PurgeReport {
            dry_run,
            as_of: day.to_string(),
            anonymised: (due.len() + press) as i64,
            by_register,
            held,
        }
    };
    if dry_run {
        let mut conn = db.pool().acquire().await?;
        let (due, held) = expired(&mut conn, &terms, day).await?;
        let press = match press_term {
            Some(years) => press::expired(&mut conn, years, day).await?,
            None => Vec::new(),
        };
        return Ok(report(&due, held, press.len()));
    }
    let mut tx = db.begin().await?;
    let (due, held) = expired(&mut tx, &terms, day).await?;
    let press = match press_term {
        Some(years) => press::expired(&mut tx, years, day).await?,
        None => Vec::new(),
    };
    let report = report(&due, held, press.len());
    if due.is_empty() && press.is_empty() {
        tx.rollback().await?;
        return Ok(report);
    }
    anonymise(&mut tx, actor, &due).await?;
    press::erase(&mut tx, &press).await?;
    let ids: Vec<i64> = due.iter().map(|r| r.id).collect();
    let mut detail = json!({"by_register": report.by_register, "held": report.held, "ids": ids});
    if !press.is_empty() {
        detail["press_journalists"] = json!(press);
    }
    record(
        &mut tx,
        actor,
        "purge",
        None,
        report.anonymised,
        report.held.len() as i64,
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(report)
}

/// Writes a run (`purge` or `erasure`) into `registry_purges` and the audit trail, in the run's
/// transaction.
async fn record(
    tx: &mut Tx,
    actor: &Actor,
    kind: &str,
    reference: Option<&str>,
    anonymised: i64,
    kept: i64,
    detail: &serde_json::Value,
) -> AppResult<()> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registry_purges (kind, at, actor_id, actor_name, reference, anonymised, kept, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(kind)
    .bind(now_ms())
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(reference)
    .bind(anonymised)
    .bind(kept)
    .bind(detail.to_string())
    .fetch_one(&mut **tx)
    .await?;
    audit::append(
        tx,
        actor,
        Change {
            action: &format!("registry.{kind}"),
            entity: "registry_purge",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(detail.clone()),
        },
    )
    .await?;
    Ok(())
}

/// What an erasure request did.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ErasureReport {
    /// The request's own registration number.
    pub reference: String,
    /// The numbers of the entries anonymised.
    pub anonymised: Vec<String>,
    /// The entries kept, each with its rule.
    pub kept: Vec<Kept>,
}

/// Applies a petitioner's erasure request (GDPR art. 17), named by one of their entries.
pub async fn erase(
    db: &Db,
    actor: &Actor,
    entry_id: i64,
    reference: &str,
    reason: &Reason,
) -> AppResult<ErasureReport> {
    let reference = reference.trim();
    if reference.chars().count() < 3 || reference.chars().count() > 60 {
        return Err(AppError::bad(
            "reference",
            crate::error::Said::new(
                "Referința: scrieți numărul de înregistrare al cererii de ștergere.",
                "give the erasure request's registration number",
            ),
        ));
    }
    let day = today();
    let terms: BTreeMap<String, i64> = terms(db)
        .await?
        .into_iter()
        .map(|t| (t.register, t.years))
        .collect();
    let mut tx = db.begin().await?;
    let (key, kind): (Option<String>, String) = sqlx::query_as(
        "SELECT petitioner_key, petitioner_kind FROM registry_entries WHERE id = $1",
    )
    .bind(entry_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        AppError::bad(
            "entry_id",
            crate::error::Said::new(
                "Lucrarea nu există în registru.",
                format!("no registry entry {entry_id}"),
            ),
        )
    })?;
    if kind != "person" && kind != "organisation" {
        return Err(AppError::bad(
            "entry_id",
            crate::error::Said::new(
                "Lucrarea nu are petent (anonimă, internă sau deja anonimizată).",
                "the entry names no petitioner (anonymous, internal or already anonymised)",
            ),
        ));
    }
    let rows = match &key {
        Some(k) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE petitioner_key = $1 AND anonymised_at IS NULL ORDER BY id"
            )))
            .bind(k)
            .fetch_all(&mut *tx)
            .await?
        }
        None => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE id = $1 AND anonymised_at IS NULL"
            )))
            .bind(entry_id)
            .fetch_all(&mut *tx)
            .await?
        }
    };
    let held = pending_court(&mut tx).await?;
    let mut due = Vec::new();
    let mut out = ErasureReport {
        reference: reference.to_string(),
        anonymised: Vec::new(),
        kept: Vec::new(),
    };
    for r in rows {
        let row = row_of(&r)?;
        let years = terms.get(&row.register).copied().unwrap_or(5);
        let keep = |rule: &str, until: Option<Date>| Kept {
            number: row.number.clone(),
            register: row.register.clone(),
            rule: rule.into(),
            until: until.map(|d| d.to_string()),
        };
        match row.closed.map(|c| retained_until(c, years)) {
            None => out.kept.push(keep("GDPR art. 17 alin. (3) lit. (b): cererea este în curs de soluționare (OG 27/2002 art. 8; Legea 544/2001 art. 7)", None)),
            Some(_) if held.contains(&row.id) => out.kept.push(keep("GDPR art. 17 alin. (3) lit. (e): plângere în instanță în curs", None)),
            Some(until) if until > day => out.kept.push(keep(
                &format!("GDPR art. 17 alin. (3) lit. (b): termenul de păstrare al registrului ({years} ani, Legea 16/1996) nu a expirat"),
                Some(until),
            )),
            Some(_) => {
                out.anonymised.push(row.number.clone());
                due.push(row);
            }
        }
    }
    anonymise(&mut tx, actor, &due).await?;
    let detail = json!({"reason": reason.as_str(), "anonymised": out.anonymised, "kept": out.kept});
    record(
        &mut tx,
        actor,
        "erasure",
        Some(reference),
        due.len() as i64,
        out.kept.len() as i64,
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}
