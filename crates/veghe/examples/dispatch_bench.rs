//! Benchmarks of the dispatch paths, each beside its floor (run by scripts/bench-dispatch.sh):
//!
//! - `tracker veghe|bare ADDR DB_URL`: serves the trackers' port (Veghe's, or a bare axum
//!   handler that parses the same request and stores nothing) for wrk to load;
//! - `raw DB_URL ROWS`: inserts the same position rows straight into the database;
//! - `sse veghe|bare DB_URL CLIENTS RATE SECONDS`: incident created → event received by every
//!   connected SSE client, or a bare `tokio::sync::broadcast` of the same events;
//! - `board DB_URL`: the board page and its tables with 500 open incidents and 100 crews, beside
//!   the same queries without rendering.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::broadcast;
use veghe::auth::{Role, tokens, users};
use veghe::config::{Config, PasswordCost};
use veghe::db::Db;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Trackers seeded on the benchmark database.
const TRACKERS: usize = 1000;

#[tokio::main]
async fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    let num = |i: usize, d: usize| arg(i).parse().unwrap_or(d);
    match arg(0) {
        "tracker" => tracker(arg(1), arg(2), arg(3)).await,
        "raw" => raw(arg(1), num(2, 200_000)).await,
        "sse" => sse(arg(1), arg(2), num(3, 200), num(4, 20), num(5, 10)).await,
        "board" => board(arg(1)).await,
        _ => Err("usage: dispatch_bench tracker|raw|sse|board …".into()),
    }
}

async fn open(url: &str) -> Res<Db> {
    Ok(Db::open(url).await?)
}

async fn seed_units(db: &Db, n: usize) -> Res<()> {
    let mut tx = db.begin().await?;
    for i in 0..n {
        sqlx::query(
            "INSERT INTO units (call_sign, kind, department, status, created_at, tracker_id, last_lat, last_lon, last_position_at) \
             VALUES ($1, 'car', 'proximity', 'available', 0, $2, 45.75, 21.22, $3)",
        )
        .bind(format!("PL-{i:04}"))
        .bind(format!("trk-{i}"))
        .bind(veghe::db::now_ms() - 60_000)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn token(db: &Db) -> Res<String> {
    let actor = veghe::audit::Actor::system("bench");
    let new = users::NewUser {
        username: users::Username::parse("bench")?,
        display_name: "Bench",
        role: Role::Dispatcher,
        email: None,
        password: "o-parola-foarte-lunga",
    };
    users::create(db, &actor, new, PasswordCost::Fast).await?;
    let user = users::find(db, "bench").await?;
    Ok(tokens::create(db, &actor, user.id, "bench").await?.1)
}

fn state(db: &Db, url: &str) -> veghe::AppState {
    let mut config = Config::for_database(url);
    config.cookie_secure = false;
    veghe::AppState::new(db.clone(), config)
}

async fn bare_fix(RawQuery(q): RawQuery) -> Result<&'static str, veghe::error::AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q.as_deref().unwrap_or(""))
        .map_err(|_| veghe::error::AppError::bad("query", "does not parse"))?;
    let fix = veghe::dispatch::positions::parse_fields(&pairs, veghe::db::now_ms())?;
    std::hint::black_box(fix);
    Ok("")
}

async fn tracker(kind: &str, addr: &str, url: &str) -> Res<()> {
    let listener = TcpListener::bind(addr).await?;
    let app = if kind == "bare" {
        Router::new().route("/", axum::routing::get(bare_fix).post(bare_fix))
    } else {
        let db = open(url).await?;
        seed_units(&db, TRACKERS).await?;
        veghe::tracker_app(state(&db, url))
    };
    println!("listening on {addr}");
    axum::serve(listener, app).await?;
    Ok(())
}

async fn raw(url: &str, rows: usize) -> Res<()> {
    let db = open(url).await?;
    seed_units(&db, TRACKERS).await?;
    let now = veghe::db::now_ms();
    let row = |i: usize| {
        json!([
            (i % TRACKERS) as i64 + 1,
            now - 1_000_000 + i as i64,
            45.75,
            21.22,
            5.14,
            90.0,
            90.0,
            5.0,
            80.0,
            now
        ])
    };
    for per_statement in [1, 16, 1024] {
        let started = Instant::now();
        let all: Vec<usize> = (0..rows).collect();
        for tx_rows in all.chunks(1024) {
            let mut tx = db.begin().await?;
            for stmt_rows in tx_rows.chunks(per_statement) {
                let q = if per_statement == 1024 {
                    // One JSON text spread inside the database, as dispatch/ingest.rs writes.
                    let cols: Vec<String> = (0..10).map(|c| format!("value ->> {c}")).collect();
                    let (from, cols) = match db.backend() {
                        veghe::db::Backend::Sqlite => ("jsonb_each($1)", cols),
                        veghe::db::Backend::Postgres => (
                            "json_array_elements(CAST($1 AS json))",
                            cols.iter()
                                .enumerate()
                                .map(|(i, c)| {
                                    format!(
                                        "CAST({c} AS {})",
                                        if i < 2 || i == 9 {
                                            "BIGINT"
                                        } else {
                                            "DOUBLE PRECISION"
                                        }
                                    )
                                })
                                .collect(),
                        ),
                    };
                    let sql = format!(
                        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) SELECT {} FROM {from}",
                        cols.join(", ")
                    );
                    let text = serde_json::Value::from_iter(stmt_rows.iter().map(|&i| row(i)));
                    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(text.to_string())
                } else {
                    let values: Vec<String> = (0..stmt_rows.len())
                        .map(|r| {
                            let p: Vec<String> =
                                (1..=10).map(|c| format!("${}", r * 10 + c)).collect();
                            format!("({})", p.join(", "))
                        })
                        .collect();
                    let sql = format!(
                        "INSERT INTO positions (unit_id, at, lat, lon, speed_mps, bearing, altitude, accuracy, battery, received_at) VALUES {}",
                        values.join(", ")
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for &i in stmt_rows {
                        q = q
                            .bind((i % TRACKERS) as i64 + 1)
                            .bind(now - 1_000_000 + i as i64)
                            .bind(45.75)
                            .bind(21.22)
                            .bind(5.14)
                            .bind(90.0)
                            .bind(90.0)
                            .bind(5.0)
                            .bind(80.0)
                            .bind(now);
                    }
                    q
                };
                q.execute(&mut *tx).await?;
            }
            tx.commit().await?;
        }
        let secs = started.elapsed().as_secs_f64();
        let how = if per_statement == 1024 {
            "1024 a statement as one JSON text".to_string()
        } else {
            format!("{per_statement} a statement")
        };
        println!(
            "raw inserts: {rows} rows in {secs:.2} s = {:.0} rows/s ({how}, 1024 a transaction)",
            rows as f64 / secs
        );
    }
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(label: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    println!(
        "{label}: n={} p50={:.2} ms p95={:.2} ms p99={:.2} ms max={:.2} ms",
        v.len(),
        percentile(&v, 0.5),
        percentile(&v, 0.95),
        percentile(&v, 0.99),
        percentile(&v, 1.0)
    );
}

/// The bare peer: events posted to /publish are broadcast to every /events stream.
fn bare_sse() -> Router {
    let (tx, _) = broadcast::channel::<(u64, String)>(4096);
    let publish = |State(tx): State<broadcast::Sender<(u64, String)>>, body: String| async move {
        let id = body.len() as u64;
        let _ = tx.send((id, body));
        ""
    };
    let events = |State(tx): State<broadcast::Sender<(u64, String)>>| async move {
        let rx = tx.subscribe();
        let stream = futures_util::stream::unfold(rx, |mut rx| async move {
            loop {
                match rx.recv().await {
                    Ok((id, data)) => {
                        let e = Event::default()
                            .id(id.to_string())
                            .event("incident.created")
                            .data(data);
                        return Some((Ok::<_, std::convert::Infallible>(e), rx));
                    }
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return None,
                }
            }
        });
        Sse::new(stream).keep_alive(KeepAlive::default())
    };
    Router::new()
        .route("/publish", axum::routing::post(publish))
        .route("/api/v1/events", axum::routing::get(events))
        .with_state(tx)
}

async fn sse(kind: &str, url: &str, clients: usize, rate: usize, secs: usize) -> Res<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let (app, token, publish_path) = if kind == "bare" {
        (bare_sse(), String::new(), "/publish")
    } else {
        let db = open(url).await?;
        let token = token(&db).await?;
        (veghe::app(state(&db, url)), token, "/api/v1/incidents")
    };
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    let sent: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let latencies: Arc<Mutex<Vec<f64>>> = Arc::default();
    let mut readers = Vec::new();
    for _ in 0..clients {
        let mut r = client
            .get(format!("{base}/api/v1/events"))
            .bearer_auth(&token)
            .send()
            .await?;
        let (sent, latencies) = (sent.clone(), latencies.clone());
        readers.push(tokio::spawn(async move {
            let (mut buffer, mut k) = (String::new(), 0usize);
            while let Ok(Some(bytes)) = r.chunk().await {
                let now = Instant::now();
                buffer.push_str(&String::from_utf8_lossy(&bytes));
                while let Some(end) = buffer.find("\n\n") {
                    let block: String = buffer.drain(..end + 2).collect();
                    if block.lines().any(|l| l == "event: incident.created") {
                        let t0 = sent.lock().ok().and_then(|s| s.get(k).copied());
                        if let (Some(t0), Ok(mut l)) = (t0, latencies.lock()) {
                            l.push((now - t0).as_secs_f64() * 1000.0);
                        }
                        k += 1;
                    }
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate as f64));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let body = json!({"type": "noise", "priority": 2, "lat": 45.7537, "lon": 21.2257,
        "address": "Piața Victoriei nr. 1", "description": "Muzică tare"});
    let mut acknowledged = Vec::new();
    for _ in 0..rate * secs {
        tick.tick().await;
        sent.lock().map_err(|_| "lock")?.push(Instant::now());
        let t0 = Instant::now();
        let r = client
            .post(format!("{base}{publish_path}"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await?;
        if !r.status().is_success() {
            return Err(format!("publish answered {}", r.status()).into());
        }
        acknowledged.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    for r in readers {
        r.abort();
    }
    let n = rate * secs;
    let got = latencies.lock().map_err(|_| "lock")?.clone();
    println!(
        "{kind} ({url}): {clients} clients, {n} events at {rate}/s, {} of {} deliveries",
        got.len(),
        n * clients
    );
    summary("  publish → client receipt", got);
    summary("  publish request (write acknowledged)", acknowledged);
    Ok(())
}

async fn board(url: &str) -> Res<()> {
    let db = open(url).await?;
    seed_units(&db, 100).await?;
    let token = token(&db).await?;
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let app = veghe::app(state(&db, url));
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    for i in 0..500 {
        let body = json!({"type": "noise", "priority": 1 + i % 3, "lat": 45.7537, "lon": 21.2257,
            "address": format!("Strada Exemplu nr. {i}"), "description": "Zgomot"});
        let r = client
            .post(format!("{base}/api/v1/incidents"))
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await?;
        if r.status().as_u16() != 201 {
            return Err(format!("seeding answered {}", r.status()).into());
        }
    }
    let open_now = veghe::dispatch::store::open(&db).await?.len();
    println!("board ({url}): {open_now} open incidents, 100 crews, 200 requests each");
    for path in ["/board", "/board/tables"] {
        let (mut times, mut weight) = (Vec::new(), 0);
        for _ in 0..220 {
            let t0 = Instant::now();
            let r = client
                .get(format!("{base}{path}"))
                .bearer_auth(&token)
                .send()
                .await?;
            let bytes = r.bytes().await?;
            times.push(t0.elapsed().as_secs_f64() * 1000.0);
            weight = bytes.len();
        }
        times.drain(..20);
        summary(&format!("  GET {path} ({} kB)", weight / 1024), times);
    }
    let mut times = Vec::new();
    for _ in 0..220 {
        let t0 = Instant::now();
        let i = veghe::dispatch::store::open(&db).await?;
        let u = veghe::dispatch::units::list(&db).await?;
        std::hint::black_box((i, u));
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.drain(..20);
    summary("  the same two queries, no rendering, no HTTP", times);
    Ok(())
}
