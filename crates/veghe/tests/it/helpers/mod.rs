//! The test harness: a real Veghe server on port 0 over a fresh database (SQLite file, or a new
//! PostgreSQL database when `VEGHE_TEST_POSTGRES_URL` is set); the clients a test speaks through
//! (`client`) and the data it starts from (`fixtures`).

mod client;
pub mod command;
pub mod fixtures;
pub mod known;
pub mod multipart;
pub mod press;
pub mod smtp;

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::redirect::Policy;
use veghe::config::{Config, PasswordCost};
use veghe::db::Db;

pub use client::{Api, Browser};

/// Which engine a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Runs a test body on SQLite, and on PostgreSQL when it is configured.
#[macro_export]
macro_rules! both {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $app = $crate::helpers::TestApp::spawn($crate::helpers::Engine::Sqlite).await;
                $body
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some($app) = $crate::helpers::TestApp::spawn_postgres().await else {
                    eprintln!("not run on PostgreSQL: VEGHE_TEST_POSTGRES_URL is not set");
                    return;
                };
                $body
            }
        }
    };
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh database for one test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn new(engine: Engine) -> Option<TestDb> {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("tempdir");
                let url = format!("sqlite:{}", dir.path().join("veghe.db").display());
                Some(TestDb {
                    url,
                    _dir: Some(dir),
                    pg: None,
                })
            }
            Engine::Postgres => {
                let base = std::env::var("VEGHE_TEST_POSTGRES_URL").ok()?;
                let name = format!(
                    "veghe_t_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::SeqCst),
                    veghe::db::now_ms() % 100_000
                );
                let admin = Db::connect(&base).await.expect("connect to PostgreSQL");
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let url = match base.rfind('/') {
                    Some(i) if i > "postgres://".len() => format!("{}/{name}", &base[..i]),
                    _ => format!("{base}/{name}"),
                };
                Some(TestDb {
                    url,
                    _dir: None,
                    pg: Some((base, name)),
                })
            }
        }
    }
}

impl TestDb {
    /// A database on SQLite, and one on PostgreSQL when it is configured.
    pub async fn each_engine() -> Vec<TestDb> {
        let mut v = vec![TestDb::new(Engine::Sqlite).await.expect("sqlite")];
        if let Some(pg) = TestDb::new(Engine::Postgres).await {
            v.push(pg);
        }
        v
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, name)) = self.pg.take() {
            // Dropped on a thread of its own: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                rt.block_on(async move {
                    if let Ok(admin) = Db::connect(&base).await {
                        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(admin.pool())
                        .await;
                        admin.close().await;
                    }
                });
            })
            .join();
        }
    }
}

/// A running server, a default browser with its own cookie jar, and the database.
pub struct TestApp {
    pub address: String,
    pub db: Db,
    pub client: reqwest::Client,
    cookies: Mutex<BTreeMap<String, String>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    /// Kept so that the database outlives the server.
    _test_db: TestDb,
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> TestApp {
        let test_db = TestDb::new(engine).await.expect("test database");
        TestApp::spawn_on(test_db, |_| {}).await
    }

    /// A server whose configuration `tweak` changes (e.g. an SMTP relay); None on PostgreSQL
    /// when it is not configured.
    pub async fn spawn_with(engine: Engine, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
        let test_db = TestDb::new(engine).await?;
        Some(TestApp::spawn_on(test_db, tweak).await)
    }

    /// A server sending its mail from `from` through an SMTP relay at 127.0.0.1:`port` (a
    /// `smtp::SmtpReceiver`); None on PostgreSQL when it is not configured.
    pub async fn spawn_mailing(engine: Engine, port: u16, from: &str) -> Option<TestApp> {
        TestApp::spawn_with(engine, |c| c.smtp = Some(smtp::relay(port, from))).await
    }

    pub async fn spawn_postgres() -> Option<TestApp> {
        let test_db = TestDb::new(Engine::Postgres).await?;
        Some(TestApp::spawn_on(test_db, |_| {}).await)
    }

    async fn spawn_on(test_db: TestDb, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let db = Db::open(&test_db.url).await.expect("open test database");
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let address = serve(db.clone(), &test_db.url, tweak, async {
            let _ = rx.await;
        })
        .await;
        TestApp {
            address,
            db,
            client: reqwest::Client::builder()
                .redirect(Policy::none())
                .build()
                .expect("client"),
            cookies: Mutex::new(BTreeMap::new()),
            shutdown: Some(tx),
            _test_db: test_db,
        }
    }

    /// A second server process's worth: another server on the same database, as a second machine
    /// behind a load balancer would run. Returns its address; it stops with the test.
    pub async fn spawn_peer(&self) -> String {
        self.spawn_peer_with(|_| {}).await
    }

    /// A peer server whose configuration `tweak` changes.
    pub async fn spawn_peer_with(&self, tweak: impl FnOnce(&mut Config)) -> String {
        let url = &self._test_db.url;
        let db = Db::open(url).await.expect("open peer database");
        serve(db, url, tweak, std::future::pending()).await
    }

    /// The URL of this test's database.
    pub fn test_db_url(&self) -> String {
        self._test_db.url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

/// Serves `db` on a port of its own with a test's configuration (fast password hashing, cookies
/// over plain HTTP) that `tweak` changes, until `shutdown`; answers the server's address.
async fn serve(
    db: Db,
    url: &str,
    tweak: impl FnOnce(&mut Config),
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> String {
    let mut config = Config::for_database(url);
    config.password_cost = PasswordCost::Fast;
    config.cookie_secure = false;
    tweak(&mut config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    let state = veghe::AppState::new(db, config);
    tokio::spawn(async move {
        let _ = veghe::serve(listener, state, shutdown).await;
    });
    address
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}
