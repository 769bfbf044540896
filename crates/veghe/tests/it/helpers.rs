//! The test harness: a real Veghe server on port 0 over a fresh database (SQLite file, or a new
//! PostgreSQL database when `VEGHE_TEST_POSTGRES_URL` is set), and named request helpers.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::StatusCode;
use reqwest::redirect::Policy;
use veghe::auth::{Role, tokens, users};
use veghe::config::{Config, PasswordCost};
use veghe::db::Db;

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

/// A running server and a browser-like client with its own cookie jar.
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

    pub async fn spawn_postgres() -> Option<TestApp> {
        let test_db = TestDb::new(Engine::Postgres).await?;
        Some(TestApp::spawn_on(test_db, |_| {}).await)
    }

    async fn spawn_on(test_db: TestDb, tweak: impl FnOnce(&mut Config)) -> TestApp {
        let db = Db::open(&test_db.url).await.expect("open test database");
        let mut config = Config::for_database(&test_db.url);
        config.password_cost = PasswordCost::Fast;
        config.cookie_secure = false;
        tweak(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let state = veghe::AppState::new(db.clone(), config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = veghe::serve(listener, state, async {
                let _ = rx.await;
            })
            .await;
        });
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
        let db = Db::open(&self._test_db.url)
            .await
            .expect("open peer database");
        let mut config = Config::for_database(&self._test_db.url);
        config.password_cost = PasswordCost::Fast;
        config.cookie_secure = false;
        tweak(&mut config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("addr"));
        let state = veghe::AppState::new(db, config);
        tokio::spawn(async move {
            let _ = veghe::serve(listener, state, std::future::pending()).await;
        });
        address
    }

    /// The URL of this test's database.
    pub fn test_db_url(&self) -> String {
        self._test_db.url.clone()
    }

    /// Another browser on the same server and database (its own cookies).
    pub fn new_browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Creates an account directly in the database; returns its password.
    pub async fn create_user(&self, username: &str, role: Role) -> String {
        let password = format!("pw-{username}-1234567");
        users::create(
            &self.db,
            &veghe::audit::Actor::system("test"),
            users::NewUser {
                username: users::Username::parse(username).expect("username"),
                display_name: &format!("Test {username}"),
                role,
                email: None,
                password: &password,
            },
            PasswordCost::Fast,
        )
        .await
        .expect("create user");
        password
    }

    /// An API token for a new account of `role`.
    pub async fn token_for(&self, username: &str, role: Role) -> String {
        self.create_user(username, role).await;
        let user = users::find(&self.db, username).await.expect("user");
        tokens::create(
            &self.db,
            &veghe::audit::Actor::system("test"),
            user.id,
            "test",
        )
        .await
        .expect("token")
        .1
    }

    pub async fn api_get(&self, path: &str, token: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .expect("request")
    }

    fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Mutex::new(std::mem::take(&mut *self.cookies.lock().expect("lock"))),
        }
    }

    /// The default browser's GET.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        let b = self.browser();
        let r = b.get(path).await;
        *self.cookies.lock().expect("lock") = b.cookies.into_inner().expect("lock");
        r
    }

    /// The default browser signs in.
    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        let b = self.browser();
        let r = b.login(username, password).await;
        *self.cookies.lock().expect("lock") = b.cookies.into_inner().expect("lock");
        r
    }

    /// The default browser posts a form with its CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let b = self.browser();
        let r = b.post_form(path, fields).await;
        *self.cookies.lock().expect("lock") = b.cookies.into_inner().expect("lock");
        r
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A browser: a cookie jar over the app's client.
pub struct Browser<'a> {
    app: &'a TestApp,
    cookies: Mutex<BTreeMap<String, String>>,
}

impl Browser<'_> {
    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .expect("lock")
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&self, r: &reqwest::Response) {
        let mut jar = self.cookies.lock().expect("lock");
        for v in r.headers().get_all(reqwest::header::SET_COOKIE) {
            let Ok(text) = v.to_str() else { continue };
            let first = text.split(';').next().unwrap_or("");
            if let Some((k, val)) = first.split_once('=') {
                if val.is_empty() || text.contains("Max-Age=0") {
                    jar.remove(k.trim());
                } else {
                    jar.insert(k.trim().to_string(), val.to_string());
                }
            }
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().expect("lock").get(name).cloned()
    }

    pub async fn send(&self, req: reqwest::RequestBuilder) -> reqwest::Response {
        let r = req
            .header(reqwest::header::COOKIE, self.cookie_header())
            .header(reqwest::header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request");
        self.keep_cookies(&r);
        r
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.send(self.app.client.get(self.app.url(path))).await
    }

    /// The CSRF token, fetching a page first if the browser has none yet.
    pub async fn csrf(&self) -> String {
        if self.cookie("veghe_csrf").is_none() {
            self.get("/login").await;
        }
        self.cookie("veghe_csrf").expect("csrf cookie")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.send(self.app.client.post(self.app.url(path)).form(&all))
            .await
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_form("/login", &[("username", username), ("password", password)])
            .await
    }

    /// Signs in as a new account of `role`, asserting success.
    pub async fn login_as(&self, username: &str, role: Role) {
        let password = self.app.create_user(username, role).await;
        let r = self.login(username, &password).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "login of {username}");
    }
}
