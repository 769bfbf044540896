//! Two servers on one PostgreSQL database: an event written through one reaches the streams of
//! the other at once (LISTEN/NOTIFY), not at the next 500 ms poll.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use veghe::auth::Role;

use crate::helpers::fixtures::noise_call;
use crate::helpers::{Api, TestApp};

/// Reads a Server-Sent Events response block by block.
pub struct Sse {
    response: reqwest::Response,
    buffer: String,
}

impl Sse {
    pub fn new(response: reqwest::Response) -> Sse {
        Sse {
            response,
            buffer: String::new(),
        }
    }

    /// The next event named `name` (its data as JSON), or None after `wait`.
    pub async fn next(&mut self, name: &str, wait: Duration) -> Option<Value> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |k: &str| block.lines().find_map(|l| l.strip_prefix(k)).map(str::trim);
                if field("event:") == Some(name) {
                    return field("data:").and_then(|d| serde_json::from_str(d).ok());
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk()).await;
            let Ok(Ok(Some(bytes))) = chunk else {
                return None;
            };
            self.buffer.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
}

async fn create_incident(api: &Api) -> Value {
    let (s, v) = api.post("/api/v1/incidents", noise_call()).await;
    assert_eq!(s, StatusCode::CREATED);
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_server_streams_an_incident_at_once_through_notify() {
    let Some(app) = TestApp::spawn_postgres().await else {
        eprintln!("not run: VEGHE_TEST_POSTGRES_URL is not set");
        return;
    };
    let disp = app.api("disp", Role::Dispatcher).await;
    let peer = app.spawn_peer().await;
    let r = disp.on(&peer).get("/api/v1/events").await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut stream = Sse::new(r);
    // The first one may race the peer's LISTEN being set up; it only has to arrive.
    let first = create_incident(&disp).await;
    let got = stream
        .next("incident.created", Duration::from_secs(5))
        .await
        .expect("first event on the peer");
    assert_eq!(got["id"], first["id"]);
    // With only the 500 ms poll, six events in a row each arriving within 200 ms of the
    // acknowledgement would happen about once in 250 runs.
    for _ in 0..6 {
        let created = create_incident(&disp).await;
        let acknowledged = Instant::now();
        let got = stream
            .next("incident.created", Duration::from_secs(5))
            .await
            .expect("event on the peer");
        let delay = acknowledged.elapsed();
        assert_eq!(got["id"], created["id"]);
        assert!(
            delay < Duration::from_millis(200),
            "the peer saw the incident after {delay:?}"
        );
        tokio::time::sleep(Duration::from_millis(37)).await;
    }
}

/// Two writers on PostgreSQL: the one that took the lower event id commits after the other. The
/// stream must still deliver both, in id order; without the events' ordering lock the reader moved
/// past the higher id and never looked back (`Last-Event-ID` could not recover it either).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_event_committed_after_a_later_one_still_reaches_the_stream() {
    let Some(app) = TestApp::spawn_postgres().await else {
        eprintln!("not run: VEGHE_TEST_POSTGRES_URL is not set");
        return;
    };
    let disp = app.api("disp", Role::Dispatcher).await;
    let r = disp.get("/api/v1/events").await;
    assert_eq!(r.status(), StatusCode::OK);
    let mut stream = Sse::new(r);
    // The stream follows the table once it has delivered an event.
    create_incident(&disp).await;
    stream
        .next("incident.created", Duration::from_secs(5))
        .await
        .expect("the stream follows");

    let mut first = app.db.begin().await.expect("first transaction");
    veghe::db::events::publish(&mut first, "test.first", &serde_json::json!({"n": 1}))
        .await
        .expect("first event");
    let db = app.db.clone();
    let second = tokio::spawn(async move {
        let mut tx = db.begin().await.expect("second transaction");
        veghe::db::events::publish(&mut tx, "test.second", &serde_json::json!({"n": 2}))
            .await
            .expect("second event");
        tx.commit().await.expect("second commit");
    });
    // Long enough for the reader's 500 ms poll to pass over a committed second event.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    first.commit().await.expect("first commit");
    second.await.expect("second writer");

    assert!(
        stream
            .next("test.first", Duration::from_secs(5))
            .await
            .is_some(),
        "the event committed last, with the lower id, never reached the stream"
    );
    assert!(
        stream
            .next("test.second", Duration::from_secs(5))
            .await
            .is_some(),
        "the second event did not follow the first"
    );
}
