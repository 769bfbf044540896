//! The steps of a case after registration: routing to a department, forwarding, extension,
//! joining, classing, refusal, the answer and the archive. Each checks the law's rule
//! (`veghe_ro::petition`), then writes its change, its timeline step and its audit entry in one
//! transaction.

use serde_json::json;
use veghe_ro::petition::{ClassGround, Refusal, internal_due};

use super::numbers::today;
use super::store::{self, Entry, event, get_in};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};

/// The law's refusal as an error: 400 naming the field, or 409 when the state forbids the step.
pub fn refused(r: Refusal) -> AppError {
    let message = Said::new(r.ro(), r.to_string());
    match r.field {
        Some(field) => AppError::bad(field, message),
        None => AppError::conflict(message),
    }
}

/// A parsed step.
pub enum Step {
    Route {
        department: String,
    },
    Forward {
        to: String,
        petitioner_informed: bool,
    },
    Extend {
        days: i64,
        notice_on: Option<jiff::civil::Date>,
    },
    Join {
        into: i64,
    },
    Class {
        ground: ClassGround,
        reason: String,
        original: Option<i64>,
    },
    Refuse {
        reason: String,
        via: &'static str,
        /// The refusal's outgoing number, when sent from its letter.
        number: Option<String>,
    },
    Answer {
        via: &'static str,
        sent_on: jiff::civil::Date,
        summary: Option<String>,
        /// The letter it is sent from (with its outgoing number); `None` records an answer sent
        /// outside Veghe, refused while an answer waits in the approval.
        letter: Option<(i64, String)>,
    },
    Archive {
        /// Free text, or the note (volume, box) after the nomenclator's file.
        reference: Option<String>,
        /// The archive nomenclator's file (indicativ).
        file: Option<String>,
    },
}

impl Step {
    fn name(&self) -> &'static str {
        match self {
            Step::Route { .. } => "routed",
            Step::Forward { .. } => "forwarded",
            Step::Extend { .. } => "extended",
            Step::Join { .. } => "joined",
            Step::Class { .. } => "classed",
            Step::Refuse { .. } => "refused",
            Step::Answer { .. } => "answered",
            Step::Archive { .. } => "archived",
        }
    }
}

async fn exec(tx: &mut Tx, sql: &'static str, id: i64, args: &[Option<String>]) -> AppResult<()> {
    let mut q = sqlx::query(sql).bind(id);
    for a in args {
        q = q.bind(a.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// Applies `step` to entry `id`; answers the entry as it now stands. A case routed is announced
/// to its department's address through the outbox (`smtp`: whether a relay is configured).
pub async fn apply(db: &Db, smtp: bool, actor: &Actor, id: i64, step: Step) -> AppResult<Entry> {
    let routed = matches!(step, Step::Route { .. });
    let mut tx = db.begin().await?;
    let after = apply_in(&mut tx, actor, id, step).await?;
    if routed {
        super::departments::announce_routed(&mut tx, smtp, &after).await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// [`apply`] in the caller's transaction (sending a letter answers the case in its own).
pub async fn apply_in(tx: &mut Tx, actor: &Actor, id: i64, step: Step) -> AppResult<Entry> {
    let before = get_in(tx, id).await?;
    let case = before.case()?;
    let day = today();
    let s = |d: jiff::civil::Date| Some(d.to_string());
    let name = step.name();
    let note: Option<String> = match step {
        Step::Route { department } => {
            case.route().map_err(refused)?;
            let (dept, before_days): (i64, i64) =
                sqlx::query_as("SELECT id, days_before FROM registry_departments WHERE code = $1")
                    .bind(&department)
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| {
                        AppError::bad(
                            "department",
                            Said::new(
                                "Compartimentul: alegeți unul din listă.",
                                format!("no department `{department}`"),
                            ),
                        )
                    })?;
            let internal = case
                .due_on
                .map(|d| internal_due(d, day, i32::try_from(before_days).unwrap_or(3)));
            sqlx::query("UPDATE registry_entries SET status = 'routed', department_id = $2, internal_due_on = $3 WHERE id = $1")
                .bind(id)
                .bind(dept)
                .bind(internal.map(|d| d.to_string()))
                .execute(&mut **tx)
                .await?;
            Some(department)
        }
        Step::Forward {
            to,
            petitioner_informed,
        } => {
            case.forward(day, petitioner_informed).map_err(refused)?;
            exec(tx, "UPDATE registry_entries SET status = 'forwarded', forwarded_to = $2, forwarded_on = $3 WHERE id = $1", id, &[Some(to.clone()), s(day)]).await?;
            Some(format!("{to}; petentul a fost înștiințat"))
        }
        Step::Extend { days, notice_on } => {
            let due = case.extend(days, notice_on, day).map_err(refused)?;
            exec(tx, "UPDATE registry_entries SET extended = 1, due_on = $2, notice_on = $3 WHERE id = $1", id, &[s(due), notice_on.and_then(s)]).await?;
            Some(format!("termen nou {}", veghe_ro::petition::ro_date(due)))
        }
        Step::Join { into } => {
            if into == id {
                return Err(AppError::bad(
                    "into",
                    Said::new(
                        "Petiția la care se conexează: o petiție nu se conexează la ea însăși; scrieți numărul celeilalte petiții.",
                        "a petition is not joined to itself",
                    ),
                ));
            }
            let target = get_in(tx, into).await.map_err(|e| match e {
                AppError::NotFound => AppError::bad(
                    "into",
                    Said::new(
                        "Petiția la care se conexează nu există în registru.",
                        format!("no petition {into}"),
                    ),
                ),
                other => other,
            })?;
            let keys: Vec<Option<String>> = sqlx::query_scalar(
                "SELECT petitioner_key FROM registry_entries WHERE id IN ($1, $2)",
            )
            .bind(id)
            .bind(into)
            .fetch_all(&mut **tx)
            .await?;
            let same = keys.len() == 2 && keys[0].is_some() && keys[0] == keys[1];
            case.join_into(&target.case()?, same).map_err(refused)?;
            sqlx::query(
                "UPDATE registry_entries SET status = 'joined', joined_to = $2 WHERE id = $1",
            )
            .bind(id)
            .bind(into)
            .execute(&mut **tx)
            .await?;
            event(tx, actor, into, "joined_here", Some(&before.number)).await?;
            Some(target.number)
        }
        Step::Class {
            ground,
            reason,
            original,
        } => {
            let orig = match original {
                Some(o) => Some(get_in(tx, o).await.map_err(|e| match e {
                    AppError::NotFound => AppError::bad(
                        "original",
                        Said::new(
                            "Petiția originală nu există în registru.",
                            format!("no entry {o}"),
                        ),
                    ),
                    other => other,
                })?),
                None => None,
            };
            let orig_case = orig.as_ref().map(Entry::case).transpose()?;
            case.class(ground, orig_case.as_ref()).map_err(refused)?;
            sqlx::query("UPDATE registry_entries SET status = 'classed', class_ground = $2, class_reason = $3, original_id = $4 WHERE id = $1")
                .bind(id)
                .bind(ground.code())
                .bind(&reason)
                .bind(original)
                .execute(&mut **tx)
                .await?;
            if let Some(o) = &orig {
                // The note under the original number (OG 27/2002 art. 10).
                let note = format!("petiție repetată, clasată: {} ({reason})", before.number);
                event(tx, actor, o.id, "repeat_classed", Some(&note)).await?;
            }
            Some(reason)
        }
        Step::Refuse {
            reason,
            via,
            number,
        } => {
            case.refuse(day, &reason).map_err(refused)?;
            exec(tx, "UPDATE registry_entries SET status = 'answered', refused = 1, answer_via = $2, answer_sent_on = $3, answer_summary = $4, answer_number = $5 WHERE id = $1", id, &[Some(via.to_string()), s(day), Some(reason.clone()), number]).await?;
            Some(reason)
        }
        Step::Answer {
            via,
            sent_on,
            summary,
            letter,
        } => {
            case.answer(sent_on, day).map_err(refused)?;
            if letter.is_none()
                && let Some(l) = super::letters::store::pending_answer(tx, id).await?
            {
                return Err(AppError::conflict(Said::new(
                    format!(
                        "un răspuns (scrisoarea {l}) așteaptă aprobarea; se expediază din scrisoarea lui, după aprobare"
                    ),
                    format!(
                        "an answer (letter {l}) is in the approval; it is sent from its letter once approved"
                    ),
                )));
            }
            let number = letter.map(|(_, n)| n);
            let args = [Some(via.to_string()), s(sent_on), summary.clone(), number];
            exec(tx, "UPDATE registry_entries SET status = 'answered', answer_via = $2, answer_sent_on = $3, answer_summary = $4, answer_number = $5 WHERE id = $1", id, &args).await?;
            // One answer for all the joined petitions (OG 27/2002 art. 10).
            let joined: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM registry_entries WHERE joined_to = $1")
                    .bind(id)
                    .fetch_all(&mut **tx)
                    .await?;
            for j in joined {
                exec(tx, "UPDATE registry_entries SET answer_via = $2, answer_sent_on = $3, answer_summary = $4, answer_number = $5 WHERE id = $1", j, &args).await?;
                event(tx, actor, j, "answered_with", Some(&before.number)).await?;
            }
            Some(format!("{via}, {}", veghe_ro::petition::ro_date(sent_on)))
        }
        Step::Archive { reference, file } => {
            case.archive().map_err(refused)?;
            let placed =
                super::archive::place_in(tx, &before.register, file, reference, day).await?;
            sqlx::query("UPDATE registry_entries SET status = 'archived', archive_ref = $2, archived_at = $3, archive_file = $4, keep_until = $5 WHERE id = $1")
                .bind(id)
                .bind(&placed.reference)
                .bind(now_ms())
                .bind(&placed.file)
                .bind(placed.keep_until.map(|d| d.to_string()))
                .execute(&mut **tx)
                .await?;
            Some(placed.reference)
        }
    };
    event(tx, actor, id, name, note.as_deref()).await?;
    let after = get_in(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change {
            action: &format!("registry.{name}"),
            entity: "registry_entry",
            entity_id: Some(id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    Ok(after)
}

/// Earlier open or answered petitions of the same petitioner whose subject shares a word with
/// this one: candidates to join (OG 27/2002 art. 10).
pub async fn duplicates(db: &Db, id: i64) -> AppResult<Vec<Entry>> {
    let (key, subject): (Option<String>, String) =
        sqlx::query_as("SELECT petitioner_key, subject_fold FROM registry_entries WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?
            .ok_or(AppError::NotFound)?;
    let Some(key) = key else {
        return Ok(Vec::new());
    };
    let words = veghe_ro::search_terms(&subject);
    let others: Vec<(i64, String)> = sqlx::query_as("SELECT id, subject_fold FROM registry_entries WHERE petitioner_key = $1 AND id <> $2 AND register = 'petition' ORDER BY id DESC LIMIT 50")
        .bind(&key)
        .bind(id)
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::new();
    for (other_id, other) in others {
        let theirs = veghe_ro::search_terms(&other);
        if words.iter().any(|w| theirs.contains(w)) {
            out.push(store::get(db, other_id).await?);
        }
    }
    Ok(out)
}
