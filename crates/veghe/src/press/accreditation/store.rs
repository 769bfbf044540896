//! Accreditations written and read: a request registered with its due day, a decision (grant,
//! refusal, withdrawal) each in one transaction with its audit entry; the lists by event, by
//! year, the pending ones.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use veghe_ro::deadline::{Rule, due_date};

use super::{Accreditation, SELECT};
use crate::audit::{Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::required;
use crate::press::input::{local_instant, opt_id};
use crate::press::view;
use crate::registry::numbers::{day_of, today};

/// A request, as the API and the page send it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AccreditationIn {
    /// One of press_journalists.
    #[serde(default, deserialize_with = "opt_id")]
    #[schema(value_type = Option<i64>)]
    pub journalist_id: Option<i64>,
    /// permanent (to 31 December) or event (`event_id`).
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "opt_id")]
    #[schema(value_type = Option<i64>)]
    pub event_id: Option<i64>,
    /// When the request was registered, in Timișoara's time (`2026-12-07T14:30`); now if left out.
    pub requested_at: Option<String>,
    /// The refused or withdrawn accreditation this journalist replaces (same outlet).
    #[serde(default, deserialize_with = "opt_id")]
    #[schema(value_type = Option<i64>)]
    pub replaces_id: Option<i64>,
}

/// A decision: `grant`, `refuse` or `withdraw`; a refusal or a withdrawal states the facts.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct DecisionIn {
    /// grant, refuse, withdraw
    pub decision: Option<String>,
    /// What the journalist did that hinders the institution's normal activity (at least 20
    /// characters). Published opinions are not a ground (Law 544/2001 art. 18).
    pub act: Option<String>,
    /// The day of the act (YYYY-MM-DD or DD.MM.YYYY).
    pub act_on: Option<String>,
}

/// The facts of a refusal or withdrawal, as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Facts {
    pub act: String,
    pub act_on: Date,
}

impl Facts {
    /// `12.11.2026: …`, as the record and the letter keep them.
    pub fn written(&self) -> String {
        format!("{}: {}", crate::calendar::ro_date(self.act_on), self.act)
    }
}

fn refused_without_facts(field: &'static str) -> AppError {
    AppError::bad(
        field,
        Said::new(
            "Refuzul sau retragerea acreditării se motivează în scris prin fapte care împiedică desfășurarea normală a activității instituției: descrieți fapta (cel puțin 20 de caractere) și data ei. Opiniile publicate de jurnalist nu pot fi motiv (Legea 544/2001, art. 18).",
            "A refusal or withdrawal states in writing the facts that hinder the institution's normal activity: describe the act (at least 20 characters) and its day. Opinions the journalist published are not a ground (Law 544/2001 art. 18).",
        ),
    )
}

impl DecisionIn {
    /// The decision and, for a refusal or withdrawal, its facts.
    pub fn parse(self, today: Date) -> AppResult<(&'static str, Option<Facts>)> {
        let decision = match self.decision.as_deref().map(str::trim) {
            Some("grant") => return Ok(("granted", None)),
            Some("refuse") => "refused",
            Some("withdraw") => "withdrawn",
            _ => {
                return Err(AppError::bad(
                    "decision",
                    Said::new(
                        "Alegeți decizia: acordare, refuz sau retragere.",
                        "decision is one of: grant, refuse, withdraw",
                    ),
                ));
            }
        };
        let act = required(self.act, "act", 2000).map_err(|_| refused_without_facts("act"))?;
        if act.chars().filter(|c| c.is_alphanumeric()).count() < 20 {
            return Err(refused_without_facts("act"));
        }
        let given =
            required(self.act_on, "act_on", 20).map_err(|_| refused_without_facts("act_on"))?;
        let act_on = crate::calendar::parse_date(&given)
            .ok()
            .filter(|d| *d <= today)
            .ok_or_else(|| {
                AppError::bad(
                    "act_on",
                    Said::new(
                        "Data faptei: o zi din trecut sau de azi (de exemplu 12.11.2026).",
                        "act_on: a day up to today (e.g. 2026-11-12)",
                    ),
                )
            })?;
        Ok((decision, Some(Facts { act, act_on })))
    }
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Accreditation> {
    let mut a: Accreditation =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE a.id = $1")))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(AppError::NotFound)?;
    a.overdue = is_overdue(&a, today());
    Ok(a)
}

/// Pending past its due day.
pub fn is_overdue(a: &Accreditation, today: Date) -> bool {
    a.status == "pending" && a.due_on.parse::<Date>().is_ok_and(|due| today > due)
}

fn marked(mut rows: Vec<Accreditation>) -> Vec<Accreditation> {
    let day = today();
    for a in &mut rows {
        a.overdue = is_overdue(a, day);
    }
    rows
}

/// One accreditation.
pub async fn get(db: &Db, id: i64) -> AppResult<Accreditation> {
    let mut tx = db.begin().await?;
    let a = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(a)
}

/// Which accreditations a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The journalists accredited (granted) for one event.
    Event(i64),
    /// The permanent ones granted for a year (valid to its 31 December).
    Permanent(i16),
    /// Every one requested in a year, newest first.
    Year(i16),
}

/// The accreditations of a list.
pub async fn list(db: &Db, which: Which) -> AppResult<Vec<Accreditation>> {
    let rows = match which {
        Which::Event(event) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE a.event_id = $1 AND a.status = 'granted' ORDER BY j.name"
            )))
            .bind(event)
            .fetch_all(db.pool())
            .await?
        }
        Which::Permanent(year) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE a.kind = 'permanent' AND a.status = 'granted' AND a.valid_until = $1 ORDER BY o.name, j.name"
            )))
            .bind(format!("{year:04}-12-31"))
            .fetch_all(db.pool())
            .await?
        }
        Which::Year(year) => {
            let from = year_start_ms(year);
            let to = year_start_ms(year + 1);
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE a.requested_at >= $1 AND a.requested_at < $2 ORDER BY a.requested_at DESC LIMIT 500"
            )))
            .bind(from)
            .bind(to)
            .fetch_all(db.pool())
            .await?
        }
    };
    Ok(marked(rows))
}

fn year_start_ms(year: i16) -> i64 {
    Date::new(year, 1, 1)
        .ok()
        .and_then(|d| d.to_zoned(crate::time::bucharest()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

/// The requests waiting for a decision, the earliest due first.
pub async fn pending(db: &Db) -> AppResult<Vec<Accreditation>> {
    let rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE a.status = 'pending' ORDER BY a.due_on, a.requested_at"
    )))
    .fetch_all(db.pool())
    .await?;
    Ok(marked(rows))
}

/// How many pending requests are past their due day.
pub async fn overdue(db: &Db) -> AppResult<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM press_accreditations WHERE status = 'pending' AND due_on < $1",
    )
    .bind(today().to_string())
    .fetch_one(db.pool())
    .await?)
}

/// A journalist a request may name: (id, name, outlet id, outlet name).
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Journalist {
    pub id: i64,
    pub name: String,
    pub outlet_id: Option<i64>,
    pub outlet: Option<String>,
}

/// The journalists not retired, by outlet and name.
pub async fn journalists(db: &Db) -> AppResult<Vec<Journalist>> {
    Ok(sqlx::query_as(
        "SELECT j.id, j.name, j.outlet_id, o.name AS outlet FROM press_journalists j \
         LEFT JOIN press_outlets o ON o.id = j.outlet_id WHERE j.retired_at IS NULL ORDER BY o.name, j.name",
    )
    .fetch_all(db.pool())
    .await?)
}

/// A press event a request may be for: (id, title, starts_at).
pub async fn events(db: &Db) -> AppResult<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT id, title, starts_at FROM press_events WHERE status <> 'cancelled' ORDER BY starts_at DESC LIMIT 100",
    )
    .fetch_all(db.pool())
    .await?)
}

fn not_found_field(field: &'static str, ro: &str, en: &str) -> AppError {
    AppError::bad(field, Said::new(ro, en))
}

/// Registers a request: its due day by the rule `press-accreditation` from the day it was
/// registered; a replacement names a refused or withdrawn accreditation of the same outlet.
pub async fn register(db: &Db, actor: &Actor, input: AccreditationIn) -> AppResult<Accreditation> {
    let now = now_ms();
    let journalist = input.journalist_id.ok_or_else(|| {
        not_found_field(
            "journalist_id",
            "Alegeți jurnalistul.",
            "journalist_id is required",
        )
    })?;
    let kind = match input.kind.as_deref().map(str::trim) {
        Some("permanent") => "permanent",
        Some("event") => "event",
        _ => {
            return Err(not_found_field(
                "kind",
                "Alegeți felul acreditării: permanentă sau pentru un eveniment.",
                "kind is one of: permanent, event",
            ));
        }
    };
    let requested_at = local_instant(input.requested_at, "requested_at", now)?.unwrap_or(now);
    let due_on = due_date(Rule::PressAccreditation, day_of(requested_at));
    let mut tx = db.begin().await?;
    let outlet: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT outlet_id FROM press_journalists WHERE id = $1 AND retired_at IS NULL",
    )
    .bind(journalist)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(outlet) = outlet else {
        return Err(not_found_field(
            "journalist_id",
            "Jurnalistul ales nu există sau nu mai este activ.",
            "journalist_id: no such active journalist",
        ));
    };
    let event = match (kind, input.event_id) {
        ("event", Some(e)) => {
            let found: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM press_events WHERE id = $1 AND status <> 'cancelled'",
            )
            .bind(e)
            .fetch_optional(&mut *tx)
            .await?;
            Some(found.ok_or_else(|| {
                not_found_field(
                    "event_id",
                    "Evenimentul ales nu există sau a fost anulat.",
                    "event_id: no such event",
                )
            })?)
        }
        ("event", None) => {
            return Err(not_found_field(
                "event_id",
                "O acreditare pentru un eveniment numește evenimentul.",
                "event_id is required for an event accreditation",
            ));
        }
        _ => None,
    };
    if let Some(replaced) = input.replaces_id {
        let row: Option<(String, Option<i64>)> =
            sqlx::query_as("SELECT status, outlet_id FROM press_accreditations WHERE id = $1")
                .bind(replaced)
                .fetch_optional(&mut *tx)
                .await?;
        match row {
            Some((status, o))
                if (status == "refused" || status == "withdrawn") && o.is_some() && o == outlet => {
            }
            _ => {
                return Err(not_found_field(
                    "replaces_id",
                    "Redacția poate numi alt jurnalist doar în locul unei acreditări refuzate sau retrase a aceleiași redacții.",
                    "replaces_id: a refused or withdrawn accreditation of the same outlet",
                ));
            }
        }
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_accreditations (journalist_id, outlet_id, kind, event_id, status, requested_at, due_on, replaces_id, created_by) \
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8) RETURNING id",
    )
    .bind(journalist)
    .bind(outlet)
    .bind(kind)
    .bind(event)
    .bind(requested_at)
    .bind(due_on.to_string())
    .bind(input.replaces_id)
    .bind(actor.user_id)
    .fetch_one(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    view::commit(
        tx,
        actor,
        Change::of(
            "press_accreditation.register",
            "press_accreditation",
            id,
            None,
            &after,
        ),
        "press.accreditation",
        serde_json::json!({"id": id, "status": "pending"}),
    )
    .await?;
    Ok(after)
}

/// Decides: a pending request is granted (to 31 December of this year, or to the event's day)
/// or refused; a granted one may be withdrawn. A refusal or withdrawal keeps its facts.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: DecisionIn,
) -> AppResult<Accreditation> {
    decide_at(db, actor, id, input, now_ms()).await
}

/// [`decide`] as of the instant `at` (the demo's history decides in the past).
pub async fn decide_at(
    db: &Db,
    actor: &Actor,
    id: i64,
    input: DecisionIn,
    at: i64,
) -> AppResult<Accreditation> {
    let day = day_of(at);
    let (status, facts) = input.parse(day)?;
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let allowed = match status {
        "granted" | "refused" => before.status == "pending",
        _ => before.status == "granted",
    };
    if !allowed {
        return Err(AppError::conflict(Said::new(
            "O cerere în așteptare se acordă sau se refuză; doar o acreditare acordată se retrage.",
            format!(
                "an accreditation that is {} cannot be {status}",
                before.status
            ),
        )));
    }
    let valid_until = match (status, before.event_id) {
        ("granted", Some(event)) => {
            let ends: i64 = sqlx::query_scalar("SELECT ends_at FROM press_events WHERE id = $1")
                .bind(event)
                .fetch_one(&mut *tx)
                .await?;
            Some(day_of(ends).to_string())
        }
        ("granted", None) => Some(format!("{:04}-12-31", day.year())),
        _ => before.valid_until.clone(),
    };
    sqlx::query(
        "UPDATE press_accreditations SET status = $2, valid_until = $3, decided_by = $4, decided_at = $5, reason = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(valid_until)
    .bind(actor.user_id)
    .bind(at)
    .bind(facts.as_ref().map(Facts::written))
    .execute(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    let action = match status {
        "granted" => "press_accreditation.grant",
        "refused" => "press_accreditation.refuse",
        _ => "press_accreditation.withdraw",
    };
    view::commit(
        tx,
        actor,
        Change::of(action, "press_accreditation", id, Some(&before), &after),
        "press.accreditation",
        serde_json::json!({"id": id, "status": status}),
    )
    .await?;
    Ok(after)
}
