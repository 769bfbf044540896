//! The pages where the head of service and the administrator read the audit trail and the
//! access log.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use std::collections::HashMap;

use super::words::{self, Changed};
use super::{Verdict, access_log};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, Role, groups};
use crate::db::Db;
use crate::error::AppResult;
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/audit", Access::Roles(groups::OVERSIGHT), audit_page)
        .get("/access-log", Access::Roles(groups::OVERSIGHT), access_page)
}

struct Row {
    seq: i64,
    when: String,
    who: String,
    action: String,
    /// What was changed, in words, and its number or reference.
    entity: &'static str,
    reference: Option<String>,
    link: Option<String>,
    changes: Vec<Changed>,
    /// The entry as stored, for the administrator.
    raw: String,
}

#[derive(Template)]
#[template(path = "audit/audit.html")]
struct AuditPage {
    shell: Shell,
    intact: bool,
    entries_or_break: i64,
    rows: Vec<Row>,
    /// The administrator sees each entry's stored JSON behind a toggle.
    raw: bool,
    w: &'static words::AuditWords,
}

/// The registry numbers of the entries named by id (`12/03.02.2026`), for the audit rows whose
/// JSON does not carry them (an attachment's, say).
async fn registry_numbers(db: &Db, ids: &[i64]) -> AppResult<HashMap<i64, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    // Only whole numbers are written into the text.
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, number, number_date FROM registry_entries WHERE id IN ({})",
        list.join(", ")
    )))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n, d)| (id, words::registry_number(n, &d)))
        .collect())
}

async fn audit_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let (intact, entries_or_break) = match super::verify(&state.db).await? {
        Verdict::Intact { entries } => (true, entries),
        Verdict::Broken { seq, .. } => (false, seq),
    };
    let lang = shell.lang;
    let entries = super::recent(&state.db, None, 200).await?;
    let mut ids: Vec<i64> = entries
        .iter()
        .filter(|e| e.entity == "registry_entry")
        .flat_map(|e| {
            let own = e.entity_id.as_deref().and_then(|i| i.parse().ok());
            own.into_iter()
                .chain(words::named_entries(e.after_json.as_deref()))
                .chain(words::named_entries(e.before_json.as_deref()))
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let numbers = registry_numbers(&state.db, &ids).await?;
    let rows = entries
        .into_iter()
        .map(|e| {
            let (before, after) = (e.before_json.as_deref(), e.after_json.as_deref());
            let known = (e.entity == "registry_entry")
                .then(|| e.entity_id.as_deref()?.parse::<i64>().ok())
                .flatten()
                .and_then(|id| numbers.get(&id).cloned());
            Row {
                seq: e.seq,
                when: local_time(e.at),
                who: e.actor_name.clone(),
                action: words::action(&e.action, lang),
                entity: words::entity(&e.entity, lang),
                reference: known.or_else(|| words::reference(&e.entity, before, after)),
                link: words::link(&e.entity, e.entity_id.as_deref(), after),
                changes: words::changes(before, after, lang, &numbers),
                raw: format!(
                    "{}\n→\n{}",
                    e.before_json.as_deref().unwrap_or("—"),
                    e.after_json.as_deref().unwrap_or("—")
                ),
            }
        })
        .collect();
    let raw = shell
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::Administrator);
    render(&AuditPage {
        shell,
        intact,
        entries_or_break,
        rows,
        raw,
        w: words::of(lang),
    })
}

struct AccessRow {
    when: String,
    who: String,
    entity: &'static str,
    reference: Option<String>,
    link: Option<String>,
    fields: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "audit/access_log.html")]
struct AccessPage {
    shell: Shell,
    rows: Vec<AccessRow>,
}

async fn access_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let lang = shell.lang;
    let readings = access_log::recent(&state.db, 500).await?;
    let mut ids: Vec<i64> = readings
        .iter()
        .filter(|a| a.entity == "registry_entry")
        .filter_map(|a| a.entity_id.parse().ok())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let numbers = registry_numbers(&state.db, &ids).await?;
    let rows = readings
        .into_iter()
        .map(|a| AccessRow {
            when: local_time(a.at),
            who: a.username,
            entity: words::entity(&a.entity, lang),
            reference: (a.entity == "registry_entry")
                .then(|| a.entity_id.parse::<i64>().ok())
                .flatten()
                .and_then(|id| numbers.get(&id).cloned()),
            link: words::link(&a.entity, Some(&a.entity_id), None),
            fields: a
                .fields
                .split(',')
                .filter(|f| !f.is_empty())
                .map(|f| words::field(f, lang))
                .collect::<Vec<_>>()
                .join(", "),
            reason: a.reason,
        })
        .collect();
    render(&AccessPage { shell, rows })
}
