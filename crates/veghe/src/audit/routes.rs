//! The pages where the head of service and the administrator read the audit trail and the
//! access log.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::{Verdict, access_log};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
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
    entity: String,
    change: String,
}

#[derive(Template)]
#[template(path = "audit/audit.html")]
struct AuditPage {
    shell: Shell,
    intact: bool,
    entries_or_break: i64,
    rows: Vec<Row>,
}

fn short(json: &Option<String>) -> String {
    let text = json.as_deref().unwrap_or("—");
    if text.chars().count() > 160 {
        let cut: String = text.chars().take(160).collect();
        format!("{cut}…")
    } else {
        text.to_string()
    }
}

async fn audit_page(State(state): State<AppState>, shell: Shell) -> AppResult<Response> {
    let (intact, entries_or_break) = match super::verify(&state.db).await? {
        Verdict::Intact { entries } => (true, entries),
        Verdict::Broken { seq, .. } => (false, seq),
    };
    let rows = super::recent(&state.db, None, 200)
        .await?
        .into_iter()
        .map(|e| Row {
            seq: e.seq,
            when: local_time(e.at),
            who: e.actor_name.clone(),
            action: e.action.clone(),
            entity: match &e.entity_id {
                Some(id) => format!("{} #{id}", e.entity),
                None => e.entity.clone(),
            },
            change: format!("{} → {}", short(&e.before_json), short(&e.after_json)),
        })
        .collect();
    render(&AuditPage {
        shell,
        intact,
        entries_or_break,
        rows,
    })
}

struct AccessRow {
    when: String,
    who: String,
    entity: String,
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
    let rows = access_log::recent(&state.db, 500)
        .await?
        .into_iter()
        .map(|a| AccessRow {
            when: local_time(a.at),
            who: a.username,
            entity: format!("{} #{}", a.entity, a.entity_id),
            fields: a.fields,
            reason: a.reason,
        })
        .collect();
    render(&AccessPage { shell, rows })
}
