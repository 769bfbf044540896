//! The live stream's channel: a stream that falls behind it reads what it lost from the table,
//! in order, each event once; a stream that resumes switches from the table to the channel
//! without a gap or a repeat.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use serde_json::json;
use veghe::db::Db;

use crate::both;
use veghe::dispatch::live::{Frame, Live};

/// Commits events `from..to` in one transaction and wakes the reader, as every writer does;
/// returns their ids.
async fn publish_many(db: &Db, live: &Live, from: usize, to: usize) -> Vec<i64> {
    let mut tx = db.begin().await.expect("begin");
    let mut ids = Vec::new();
    for n in from..to {
        let id = veghe::db::events::publish(&mut tx, "test.tick", &json!({"n": n}))
            .await
            .expect("publish");
        ids.push(id);
    }
    tx.commit().await.expect("commit");
    live.published();
    ids
}

async fn publish(db: &Db, live: &Live, n: usize) -> i64 {
    publish_many(db, live, n, n + 1).await[0]
}

/// The ids of the next `n` frames (fewer if they do not come within 10 s).
async fn ids(stream: &mut (impl Stream<Item = Arc<Frame>> + Unpin), n: usize) -> Vec<i64> {
    let mut got = Vec::new();
    while got.len() < n {
        match tokio::time::timeout(Duration::from_secs(10), stream.next()).await {
            Ok(Some(frame)) => got.push(frame.id),
            _ => break,
        }
    }
    got
}

both!(
    a_stream_that_falls_behind_the_channel_reads_the_table,
    |app| {
        // A channel of 4 events: a stream not read while 60 are published falls behind it.
        let live = Arc::new(Live::with_capacity(4));
        let mut slow = Box::pin(live.follow(&app.db, None).await.expect("slow stream"));
        let mut fast = Box::pin(live.follow(&app.db, None).await.expect("fast stream"));
        let mut published = Vec::new();
        for n in 0..60 {
            published.push(publish(&app.db, &live, n).await);
        }
        assert_eq!(ids(&mut fast, 60).await, published);
        // Every one of the 60 went through the channel before the slow stream took its first.
        assert_eq!(
            ids(&mut slow, 60).await,
            published,
            "lost or repeated events"
        );
        let next = publish(&app.db, &live, 60).await;
        assert_eq!(ids(&mut slow, 1).await, [next]);
        assert_eq!(ids(&mut fast, 1).await, [next]);
    }
);

both!(
    a_resumed_stream_joins_the_channel_without_gap_or_repeat,
    |app| {
        let live = Arc::new(Live::default());
        let before = publish_many(&app.db, &live, 0, 700).await;
        // Resumes after the 100th: 600 to read from the table (two pages) while more are written.
        let mut resumed = Box::pin(
            live.follow(&app.db, Some(before[99]))
                .await
                .expect("resume"),
        );
        let writer = {
            let (db, live) = (app.db.clone(), live.clone());
            tokio::spawn(async move {
                let mut ids = Vec::new();
                for n in 700..800 {
                    ids.push(publish(&db, &live, n).await);
                }
                ids
            })
        };
        let got = ids(&mut resumed, 700).await;
        let mut want = before[100..].to_vec();
        want.extend(writer.await.expect("writer"));
        assert_eq!(got, want);
    }
);

both!(concurrent_writers_lose_no_event, |app| {
    let live = Arc::new(Live::default());
    let mut stream = Box::pin(live.follow(&app.db, None).await.expect("stream"));
    // Eight writers, each holding its transaction open a moment after its event took an id, so
    // that on PostgreSQL a lower id would commit after a higher one if nothing ordered them.
    let writers: Vec<_> = (0..8u64)
        .map(|w| {
            let (db, live) = (app.db.clone(), live.clone());
            tokio::spawn(async move {
                let mut ids = Vec::new();
                for n in 0..40u64 {
                    let mut tx = db.begin().await.expect("begin");
                    let id =
                        veghe::db::events::publish(&mut tx, "test.race", &json!({"w": w, "n": n}))
                            .await
                            .expect("publish");
                    tokio::time::sleep(Duration::from_millis((n * 7 + w * 3) % 4)).await;
                    tx.commit().await.expect("commit");
                    live.published();
                    ids.push(id);
                }
                ids
            })
        })
        .collect();
    let mut committed = Vec::new();
    for w in writers {
        committed.extend(w.await.expect("writer"));
    }
    committed.sort_unstable();
    let got = ids(&mut stream, committed.len()).await;
    assert_eq!(got, committed, "lost, repeated or reordered events");
});
