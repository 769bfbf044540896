//! The live stream of changes (`GET /api/v1/events`, Server-Sent Events). Events are rows of the
//! `events` table written in the same transaction as the change, so a client that reconnects
//! with `Last-Event-ID` receives exactly what it missed, and every server process (sharing one
//! database) streams the same events. Writers wake the local streams at once; on PostgreSQL other
//! processes learn of them at once through `NOTIFY veghe_events` (one `LISTEN` connection per
//! process), and a short poll remains as the fallback (and the only way on SQLite).

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
use crate::db::{Backend, Db};

/// Wakes the streams of this process when an event is committed, and (on PostgreSQL) tells the
/// other processes.
#[derive(Default)]
pub struct Live {
    notify: Notify,
    outbound: Notify,
}

impl Live {
    /// Called by a writer after its transaction with events committed.
    pub fn published(&self) {
        self.notify.notify_waiters();
        self.outbound.notify_one();
    }
}

/// The PostgreSQL channel on which processes announce committed events.
const CHANNEL: &str = "veghe_events";

/// On PostgreSQL, starts the two tasks that link this process to the others on the same database:
/// one announces this process's events (`NOTIFY`, coalesced: a burst of writes sends few), one
/// listens for theirs and wakes the local streams. Returns their handles (none on SQLite).
pub fn link_processes(db: &Db, url: &str, live: &Arc<Live>) -> Vec<tokio::task::JoinHandle<()>> {
    if db.backend() != Backend::Postgres {
        return Vec::new();
    }
    let announcer = {
        let (db, live) = (db.clone(), live.clone());
        tokio::spawn(async move {
            loop {
                live.outbound.notified().await;
                let sql = format!("NOTIFY {CHANNEL}");
                if let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(db.pool())
                    .await
                {
                    tracing::debug!(error = %e, "cannot announce events to other processes");
                }
            }
        })
    };
    let listener = {
        let (url, live) = (url.to_string(), live.clone());
        tokio::spawn(async move {
            loop {
                if let Err(e) = listen(&url, &live).await {
                    tracing::warn!(error = %e, "listening for other processes' events failed; polling meanwhile");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        })
    };
    vec![announcer, listener]
}

/// Wakes the local streams on every notification until the connection fails for good.
async fn listen(url: &str, live: &Live) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    // Whatever was written while this process was not listening is fetched now.
    live.notify.notify_waiters();
    loop {
        listener.recv().await?;
        live.notify.notify_waiters();
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
