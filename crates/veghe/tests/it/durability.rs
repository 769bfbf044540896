//! What survives: a `veghe serve` process killed with SIGKILL in the middle of a burst of writes
//! loses nothing it acknowledged; a database that goes away gives 503s (and /readyz says so)
//! until it is back, then everything works again.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use veghe::auth::{Role, tokens, users};
use veghe::config::{Config, PasswordCost};
use veghe::db::Db;

use crate::helpers::fixtures::noise_call;
use crate::helpers::{Engine, TestDb};

/// Starts `veghe serve` on a free port; returns the process and its base URL.
fn start_server(url: &str) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_veghe"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("VEGHE_DATABASE_URL", url)
        .env("VEGHE_COOKIE_SECURE", "false")
        .env_remove("VEGHE_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start veghe serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read");
    let base = line
        .trim()
        .strip_prefix("Veghe: ")
        .expect("the address line")
        .trim_end_matches('/')
        .to_string();
    (child, base)
}

async fn dispatcher_token(db: &Db) -> String {
    users::create(
        db,
        &veghe::audit::Actor::system("test"),
        users::NewUser {
            username: users::Username::parse("disp").expect("name"),
            display_name: "Dispecer",
            role: Role::Dispatcher,
            email: None,
            password: "o-parola-foarte-lunga",
        },
        PasswordCost::Fast,
    )
    .await
    .expect("user");
    let user = users::find(db, "disp").await.expect("find");
    tokens::create(db, &veghe::audit::Actor::system("test"), user.id, "t")
        .await
        .expect("token")
        .1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_write() {
    let test_db = TestDb::new(Engine::Sqlite).await.expect("db");
    let db = Db::open(&test_db.url).await.expect("open");
    let token = dispatcher_token(&db).await;
    sqlx::query(
        "INSERT INTO units (call_sign, kind, department, status, created_at, tracker_id) VALUES ('PL-1', 'car', 'proximity', 'available', 0, 'trk-1')",
    )
    .execute(db.pool())
    .await
    .expect("unit");
    db.close().await;

    let (mut child, base) = start_server(&test_db.url);
    let client = reqwest::Client::new();
    let incidents = Arc::new(Mutex::new(Vec::<i64>::new()));
    let fixes = Arc::new(Mutex::new(Vec::<i64>::new()));
    let start = veghe::db::now_ms() - 3_600_000;
    let mut writers = Vec::new();
    for w in 0..4_i64 {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        let (incidents, fixes) = (incidents.clone(), fixes.clone());
        writers.push(tokio::spawn(async move {
            for i in 0.. {
                let r = client
                    .post(format!("{base}/api/v1/incidents"))
                    .bearer_auth(&token)
                    .json(&noise_call())
                    .send()
                    .await;
                let Ok(r) = r else { break };
                if r.status() != StatusCode::CREATED {
                    break;
                }
                let Ok(body) = r.json::<Value>().await else {
                    break;
                };
                incidents
                    .lock()
                    .expect("lock")
                    .push(body["id"].as_i64().expect("id"));
                // A position with a timestamp of its own, to be found again.
                let at = start + w * 1_000_000 + i;
                let r = client
                    .get(format!(
                        "{base}/osmand?id=trk-1&lat=45.75&lon=21.22&timestamp={at}"
                    ))
                    .send()
                    .await;
                match r {
                    Ok(r) if r.status() == StatusCode::OK => fixes.lock().expect("lock").push(at),
                    _ => break,
                }
            }
        }));
    }
    // Kill it while the writers are still going.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while incidents.lock().expect("lock").len() < 40 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    for w in writers {
        let _ = w.await;
    }
    let incidents = incidents.lock().expect("lock").clone();
    let fixes = fixes.lock().expect("lock").clone();
    assert!(
        incidents.len() >= 40,
        "only {} incidents acknowledged",
        incidents.len()
    );

    // A new process on the same file finds every acknowledged write.
    let (mut child, base) = start_server(&test_db.url);
    for id in &incidents {
        let r = client
            .get(format!("{base}/api/v1/incidents/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get");
        assert_eq!(r.status(), StatusCode::OK, "incident {id} was lost");
    }
    let db = Db::connect(&test_db.url).await.expect("reopen");
    for at in &fixes {
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM positions WHERE at = $1")
            .bind(at)
            .fetch_one(db.pool())
            .await
            .expect("count");
        assert_eq!(n.0, 1, "the position at {at} was lost");
    }
    db.close().await;
    child.kill().expect("stop");
    let _ = child.wait();
}

/// A TCP relay to PostgreSQL that can be cut (connections dropped, new ones refused) and mended.
async fn relay(target: String, up: watch::Receiver<bool>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind relay");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        let mut up = up;
        let mut listener = Some(listener);
        loop {
            let l = match listener.take() {
                Some(l) => l,
                None => TcpListener::bind(addr).await.expect("rebind relay"),
            };
            let mut links = tokio::task::JoinSet::new();
            loop {
                tokio::select! {
                    accepted = l.accept() => if let Ok((mut inbound, _)) = accepted {
                        let target = target.clone();
                        links.spawn(async move {
                            if let Ok(mut out) = TcpStream::connect(&target).await {
                                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                            }
                        });
                    },
                    changed = up.changed() => {
                        if changed.is_err() { return; }
                        if !*up.borrow() { break; }
                    }
                }
            }
            drop(l);
            links.shutdown().await;
            while !*up.borrow() {
                if up.changed().await.is_err() {
                    return;
                }
            }
        }
    });
    addr
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn losing_postgresql_gives_503_and_recovery_when_it_returns() {
    let Some(test_db) = TestDb::new(Engine::Postgres).await else {
        eprintln!("not run: VEGHE_TEST_POSTGRES_URL is not set");
        return;
    };
    // postgres://USER@HOST:PORT/DB → the relay stands in for HOST:PORT.
    let after_scheme = test_db.url.find("://").expect("scheme") + 3;
    let host_start = test_db.url[after_scheme..]
        .find('@')
        .map_or(after_scheme, |i| after_scheme + i + 1);
    let host_end = host_start + test_db.url[host_start..].find('/').expect("path");
    let target = test_db.url[host_start..host_end].to_string();
    let (switch, up) = watch::channel(true);
    let relay_addr = relay(target, up).await;
    let url = format!(
        "{}{relay_addr}{}",
        &test_db.url[..host_start],
        &test_db.url[host_end..]
    );

    let db = Db::open(&url).await.expect("open through the relay");
    let token = dispatcher_token(&db).await;
    let mut config = Config::for_database(&url);
    config.password_cost = PasswordCost::Fast;
    config.cookie_secure = false;
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let state = veghe::AppState::new(db.clone(), config);
    tokio::spawn(async move {
        let _ = veghe::serve(listener, state, std::future::pending()).await;
    });
    let client = reqwest::Client::new();
    let create = || {
        client
            .post(format!("{base}/api/v1/incidents"))
            .bearer_auth(&token)
            .json(&noise_call())
            .send()
    };
    let readyz = || client.get(format!("{base}/readyz")).send();
    assert_eq!(readyz().await.expect("readyz").status(), StatusCode::OK);
    let r = create().await.expect("create");
    assert_eq!(r.status(), StatusCode::CREATED);
    let first: Value = r.json().await.expect("json");

    // The database goes away.
    switch.send_replace(false);
    assert_eq!(
        readyz().await.expect("readyz").status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    for r in [
        create().await.expect("create"),
        client
            .get(format!("{base}/api/v1/incidents/{}", first["id"]))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get"),
        client
            .get(format!("{base}/osmand?id=trk-x&lat=45.75&lon=21.22"))
            .send()
            .await
            .expect("osmand"),
    ] {
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body: Value = r.json().await.expect("json error");
        assert_eq!(body["error"]["code"], "unavailable", "{body}");
    }

    // It comes back: the same process serves again.
    switch.send_replace(true);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    while readyz().await.expect("readyz").status() != StatusCode::OK {
        assert!(tokio::time::Instant::now() < deadline, "never ready again");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = create().await.expect("create");
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = client
        .get(format!("{base}/api/v1/incidents/{}", first["id"]))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), StatusCode::OK);
    db.close().await;
}

crate::both!(
    concurrent_fixes_share_commits_and_each_is_answered_for_itself,
    |app| {
        for i in 0..20 {
            sqlx::query(
                "INSERT INTO units (call_sign, kind, department, status, created_at, tracker_id) VALUES ($1, 'car', 'proximity', 'available', 0, $2)",
            )
            .bind(format!("PL-{i:02}"))
            .bind(format!("trk-{i}"))
            .execute(app.db.pool())
            .await
            .expect("unit");
        }
        let base = veghe::db::now_ms() - 600_000;
        // 400 fixes at once from 20 trackers (20 each, out of order) and 40 from unknown devices.
        let mut requests = Vec::new();
        for k in 0..440_i64 {
            let device = if k % 11 == 10 {
                format!("ghost-{k}")
            } else {
                format!("trk-{}", k % 20)
            };
            let at = base + (k * 7919) % 440 * 1000;
            let lat = 45.70 + (at - base) as f64 / 1e8;
            let url = app.url(&format!(
                "/osmand?id={device}&lat={lat}&lon=21.2&timestamp={at}"
            ));
            let client = app.client.clone();
            requests.push(tokio::spawn(async move {
                let r = client.get(url).send().await.expect("send");
                (device, at, r.status())
            }));
        }
        let mut newest = std::collections::HashMap::<String, i64>::new();
        let mut stored = 0;
        for r in requests {
            let (device, at, status) = r.await.expect("task");
            if device.starts_with("ghost") {
                assert_eq!(status, StatusCode::BAD_REQUEST, "{device}");
            } else {
                assert_eq!(status, StatusCode::OK, "{device}");
                stored += 1;
                let e = newest.entry(device).or_insert(at);
                *e = (*e).max(at);
            }
        }
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM positions")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(n.0, stored);
        // Every crew stands at its newest fix, whatever order the fixes came in.
        for (device, at) in newest {
            let u: (Option<i64>, Option<f64>) = sqlx::query_as(
                "SELECT last_position_at, last_lat FROM units WHERE tracker_id = $1",
            )
            .bind(&device)
            .fetch_one(app.db.pool())
            .await
            .expect("unit");
            assert_eq!(u.0, Some(at), "{device}");
            let lat = u.1.expect("lat");
            assert!(
                (lat - (45.70 + (at - base) as f64 / 1e8)).abs() < 1e-9,
                "{device}"
            );
        }
    }
);

/// SQLite's WAL is copied into the database by the background checkpoint, not by the commits:
/// no connection checkpoints by itself, yet a large commit reaches the database file soon after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wal_is_checkpointed_in_the_background() {
    let Some(test_db) = crate::helpers::TestDb::new(crate::helpers::Engine::Sqlite).await else {
        return;
    };
    let db = veghe::db::Db::open(&test_db.url).await.expect("open");
    let auto: (i64,) = sqlx::query_as("PRAGMA wal_autocheckpoint")
        .fetch_one(db.pool())
        .await
        .expect("pragma");
    assert_eq!(auto.0, 0, "commits must not checkpoint");
    let file = test_db.url.trim_start_matches("sqlite:").to_string();
    let size = || std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    // Wait for the checkpoint of the migrations, then write ~4 MiB in one commit.
    tokio::time::sleep(Duration::from_millis(600)).await;
    let before = size();
    let mut tx = db.begin().await.expect("begin");
    sqlx::query(
        "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 1000) \
         INSERT INTO duty_log (at, kind, summary, actor_id, actor_name) \
         SELECT k, 'remark', printf('%.4000c', 'x'), NULL, 't' FROM n",
    )
    .execute(&mut *tx)
    .await
    .expect("insert");
    tx.commit().await.expect("commit");
    let started = std::time::Instant::now();
    while size() < before + (2 << 20) {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the WAL was never copied into the database ({before} → {} bytes)",
            size()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
