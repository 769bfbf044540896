//! The live stream of changes (`GET /api/v1/events`, Server-Sent Events). Events are rows of the
//! `events` table written in the same transaction as the change, so a client that reconnects
//! with `Last-Event-ID` receives exactly what it missed, and every server process (sharing one
//! database) streams the same events. Writers wake the local streams at once; other processes'
//! writes are found by a short poll.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use sqlx::Row;
use tokio::sync::Notify;

use crate::AppState;
use crate::db::Db;

/// Wakes the streams of this process when an event is committed.
#[derive(Default)]
pub struct Live {
    notify: Notify,
}

impl Live {
    pub fn published(&self) {
        self.notify.notify_waiters();
    }
}

/// How often a stream looks for events written by other processes.
const POLL: Duration = Duration::from_millis(500);

struct Cursor {
    db: Db,
    live: Arc<Live>,
    last: i64,
    pending: VecDeque<(i64, String, String)>,
}

async fn fetch(db: &Db, after: i64) -> Vec<(i64, String, String)> {
    let rows =
        sqlx::query("SELECT id, name, payload FROM events WHERE id > $1 ORDER BY id LIMIT 500")
            .bind(after)
            .fetch_all(db.pool())
            .await
            .unwrap_or_default();
    rows.iter()
        .filter_map(|r| {
            Some((
                r.try_get("id").ok()?,
                r.try_get("name").ok()?,
                r.try_get("payload").ok()?,
            ))
        })
        .collect()
}

async fn latest(db: &Db) -> i64 {
    sqlx::query("SELECT COALESCE(MAX(id), 0) AS id FROM events")
        .fetch_one(db.pool())
        .await
        .and_then(|r| r.try_get("id"))
        .unwrap_or(0)
}

/// The live stream of changes as Server-Sent Events (`incident.created`, `incident.updated`,
/// `unit.status`, …); send `Last-Event-ID` to resume after that event, otherwise it starts now.
#[utoipa::path(get, path = "/api/v1/events", tag = "dispatch",
    responses((status = 200, description = "text/event-stream of events named like incident.created, each with its id and a JSON payload", content_type = "text/event-stream")),
    security(("bearer" = [])))]
pub async fn stream(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let last = match resume {
        Some(id) => id,
        None => latest(&state.db).await,
    };
    let cursor = Cursor {
        db: state.db.clone(),
        live: state.live.clone(),
        last,
        pending: VecDeque::new(),
    };
    let events = futures_util::stream::unfold(cursor, |mut c| async move {
        loop {
            if let Some((id, name, payload)) = c.pending.pop_front() {
                c.last = id;
                let event = Event::default()
                    .id(id.to_string())
                    .event(name)
                    .data(payload);
                return Some((Ok(event), c));
            }
            let woken = c.live.notify.notified();
            let batch = fetch(&c.db, c.last).await;
            if batch.is_empty() {
                let _ = tokio::time::timeout(POLL, woken).await;
            } else {
                c.pending.extend(batch);
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::default())
}
