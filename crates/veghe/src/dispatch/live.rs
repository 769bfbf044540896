//! The live stream of changes (`GET /api/v1/events`, Server-Sent Events). Events are rows of the
//! `events` table written in the same transaction as the change, so a client that reconnects
//! with `Last-Event-ID` receives exactly what it missed, and every server process (sharing one
//! database) streams the same events.
//!
//! One reader task per process reads each new event once and hands it, already serialised, to
//! every stream through a broadcast channel. It is woken by the local writers at once; on
//! PostgreSQL other processes' events wake it through `NOTIFY veghe_events` (one `LISTEN`
//! connection per process), and a short poll remains as the fallback (and the only way on
//! SQLite). A stream that resumes, or that falls behind the channel, reads from the table
//! until it has caught up, then follows the channel again, dropping what it already sent.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{Mutex, Notify, broadcast};

use crate::AppState;
use crate::db::{Backend, Db};
use crate::error::AppResult;

/// One committed event, with its Server-Sent Events form built once for every stream.
#[derive(Debug)]
pub struct Frame {
    pub id: i64,
    pub name: String,
    pub payload: String,
    sse: Event,
}

impl Frame {
    fn new(id: i64, name: String, payload: String) -> Frame {
        let sse = Event::default()
            .id(id.to_string())
            .event(&name)
            .data(&payload);
        Frame {
            id,
            name,
            payload,
            sse,
        }
    }
}

/// Events the channel holds for a stream that is slow to take them; past that, the stream
/// reads from the table instead.
const CAPACITY: usize = 1024;

/// Rows one query reads.
const PAGE: i64 = 500;

/// How often the reader looks for events written by other processes.
const POLL: Duration = Duration::from_millis(500);

/// The process's side of the live stream: the reader task, its channel to the streams, and the
/// wake-ups of the reader and (on PostgreSQL) of the announcer to other processes.
pub struct Live {
    wake: Notify,
    outbound: Notify,
    feed: broadcast::Sender<Arc<Frame>>,
    /// The newest event the reader has sent into the channel.
    head: AtomicI64,
    /// Whether the reader task runs (it stops when no stream is left).
    running: Mutex<bool>,
}

impl Default for Live {
    fn default() -> Live {
        Live::with_capacity(CAPACITY)
    }
}

impl Live {
    /// A channel holding `capacity` events for a slow stream (tests use a small one).
    pub fn with_capacity(capacity: usize) -> Live {
        Live {
            wake: Notify::new(),
            outbound: Notify::new(),
            feed: broadcast::channel(capacity.max(1)).0,
            head: AtomicI64::new(0),
            running: Mutex::new(false),
        }
    }

    /// Called by a writer after its transaction with events committed.
    pub fn published(&self) {
        self.wake.notify_one();
        self.outbound.notify_one();
    }

    /// Every event after `after` (`None`: from now on), in order, each once, for as long as the
    /// stream is polled; starts the reader task when it is not running.
    pub async fn follow(
        self: &Arc<Self>,
        db: &Db,
        after: Option<i64>,
    ) -> AppResult<impl Stream<Item = Arc<Frame>> + Send + use<>> {
        let rx = {
            let mut running = self.running.lock().await;
            if !*running {
                let head = latest(db).await?;
                self.head.store(head, Ordering::SeqCst);
                tokio::spawn(read(db.clone(), self.clone()));
                *running = true;
            }
            // Subscribed before the history is read: nothing committed later can slip between.
            self.feed.subscribe()
        };
        // From now on: the reader stores its head before it sends, so an event past this head
        // is sent after this point, to this subscription.
        let (last, catching_up) = match after {
            Some(id) => (id, true),
            None => (self.head.load(Ordering::SeqCst), false),
        };
        let cursor = Cursor {
            db: db.clone(),
            rx,
            last,
            catching_up,
            pending: VecDeque::new(),
        };
        Ok(futures_util::stream::unfold(cursor, |mut c| async move {
            let frame = c.next().await?;
            Some((frame, c))
        }))
    }
}

/// The reader task: reads what was committed after the head and sends it into the channel;
/// returns when no stream listens any more.
async fn read(db: Db, live: Arc<Live>) {
    loop {
        let mut full = false;
        match fetch(&db, live.head.load(Ordering::SeqCst)).await {
            Ok(frames) => {
                full = frames.len() as i64 == PAGE;
                for frame in frames {
                    live.head.store(frame.id, Ordering::SeqCst);
                    let _ = live.feed.send(frame);
                }
            }
            Err(e) => tracing::debug!(error = %e, "cannot read new events; trying again"),
        }
        if live.feed.receiver_count() == 0 {
            let mut running = live.running.lock().await;
            if live.feed.receiver_count() == 0 {
                *running = false;
                return;
            }
        }
        if !full {
            let _ = tokio::time::timeout(POLL, live.wake.notified()).await;
        }
    }
}

/// One stream's position: what it sent last, and whether it reads the table (resuming, or
/// fallen behind the channel) or follows the channel.
struct Cursor {
    db: Db,
    rx: broadcast::Receiver<Arc<Frame>>,
    last: i64,
    catching_up: bool,
    pending: VecDeque<Arc<Frame>>,
}

impl Cursor {
    async fn next(&mut self) -> Option<Arc<Frame>> {
        loop {
            if let Some(frame) = self.pending.pop_front() {
                return Some(frame);
            }
            if self.catching_up {
                match fetch(&self.db, self.last).await {
                    Ok(frames) => {
                        self.catching_up = frames.len() as i64 == PAGE;
                        if let Some(f) = frames.last() {
                            self.last = f.id;
                        }
                        self.pending.extend(frames);
                    }
                    Err(e) => {
                        tracing::debug!(error = %e, "cannot read missed events; trying again");
                        tokio::time::sleep(POLL).await;
                    }
                }
                continue;
            }
            match self.rx.recv().await {
                Ok(frame) if frame.id > self.last => {
                    self.last = frame.id;
                    return Some(frame);
                }
                // Already sent from the table.
                Ok(_) => {}
                // Fallen behind: the events it lost are in the table.
                Err(RecvError::Lagged(_)) => self.catching_up = true,
                Err(RecvError::Closed) => return None,
            }
        }
    }
}

async fn fetch(db: &Db, after: i64) -> Result<Vec<Arc<Frame>>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, payload FROM events WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(after)
            .bind(PAGE)
            .fetch_all(db.pool())
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, payload)| Arc::new(Frame::new(id, name, payload)))
        .collect())
}

async fn latest(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) AS id FROM events")
        .fetch_one(db.pool())
        .await
}

/// The live stream of changes as Server-Sent Events (`incident.created`, `incident.updated`,
/// `unit.status`, …); send `Last-Event-ID` to resume after that event, otherwise it starts now.
#[utoipa::path(get, path = "/api/v1/events", tag = "dispatch",
    responses((status = 200, description = "text/event-stream of events named like incident.created, each with its id and a JSON payload", content_type = "text/event-stream")),
    security(("bearer" = [])))]
pub async fn stream(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let frames = state.live.follow(&state.db, resume).await?;
    let events = futures_util::StreamExt::map(frames, |f| Ok(f.sse.clone()));
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}

/// The PostgreSQL channel on which processes announce committed events.
const CHANNEL: &str = "veghe_events";

/// On PostgreSQL, starts the two tasks that link this process to the others on the same database:
/// one announces this process's events (`NOTIFY`, coalesced: a burst of writes sends few), one
/// listens for theirs and wakes the local reader. Returns their handles (none on SQLite).
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

/// Wakes the local reader on every notification until the connection fails for good.
async fn listen(url: &str, live: &Live) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    // Whatever was written while this process was not listening is fetched now.
    live.wake.notify_one();
    loop {
        listener.recv().await?;
        live.wake.notify_one();
    }
}
