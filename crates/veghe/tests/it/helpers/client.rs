//! The clients a test speaks through: `Api`, an account's bearer token over the JSON API, and
//! `Browser`, a cookie jar posting forms with their CSRF token.

use std::collections::BTreeMap;
use std::sync::Mutex;

use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::Value;
use veghe::auth::{Role, tokens, users};
use veghe::config::PasswordCost;

use super::TestApp;

impl TestApp {
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
        self.token_for_existing(username).await
    }

    /// A new API token for an existing account.
    pub async fn token_for_existing(&self, username: &str) -> String {
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

    /// The API client of a new account of `role`.
    pub async fn api(&self, username: &str, role: Role) -> Api {
        let token = self.token_for(username, role).await;
        self.api_with(token)
    }

    /// The API client of an existing token.
    pub fn api_with(&self, token: String) -> Api {
        Api {
            client: self.client.clone(),
            address: self.address.clone(),
            token,
        }
    }

    /// Another browser on the same server and database (its own cookies).
    pub fn new_browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Mutex::new(BTreeMap::new()),
        }
    }

    /// A new browser signed in as a new account of `role`.
    pub async fn signed_in(&self, username: &str, role: Role) -> Browser<'_> {
        let b = self.new_browser();
        b.login_as(username, role).await;
        b
    }

    /// The default browser: its cookies, lent to a `Browser` for one request.
    fn default_browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: Mutex::new(std::mem::take(&mut *self.cookies.lock().expect("lock"))),
        }
    }

    fn keep_default(&self, b: Browser<'_>) {
        *self.cookies.lock().expect("lock") = b.cookies.into_inner().expect("lock");
    }

    /// The default browser's GET.
    pub async fn get(&self, path: &str) -> Response {
        let b = self.default_browser();
        let r = b.get(path).await;
        self.keep_default(b);
        r
    }

    /// The default browser signs in.
    pub async fn login(&self, username: &str, password: &str) -> Response {
        let b = self.default_browser();
        let r = b.login(username, password).await;
        self.keep_default(b);
        r
    }

    /// The default browser posts a form with its CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let b = self.default_browser();
        let r = b.post_form(path, fields).await;
        self.keep_default(b);
        r
    }
}

/// An account's bearer token over the JSON API.
#[derive(Clone)]
pub struct Api {
    client: reqwest::Client,
    address: String,
    pub token: String,
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// The same account on another server (a peer at `address`) of the same database.
    pub fn on(&self, address: &str) -> Api {
        Api {
            address: address.to_string(),
            ..self.clone()
        }
    }

    /// A request carrying the token, for what the named ones below do not cover.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .bearer_auth(&self.token)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.request(Method::GET, path)
            .send()
            .await
            .expect("request")
    }

    /// GET: the status and the JSON body (null when there is none).
    pub async fn get_json(&self, path: &str) -> (StatusCode, Value) {
        status_and_json(self.get(path).await).await
    }

    /// GET that must answer 200 OK: the JSON body.
    pub async fn get_ok(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        r.json().await.expect("json")
    }

    /// A JSON body by `method`: the status and the JSON answer (null when there is none).
    pub async fn send(&self, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
        let r = self
            .request(method, path)
            .json(&body)
            .send()
            .await
            .expect("request");
        status_and_json(r).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, body).await
    }

    /// POST that must succeed: the JSON answer.
    pub async fn post_ok(&self, path: &str, body: Value) -> Value {
        let r = self
            .request(Method::POST, path)
            .json(&body)
            .send()
            .await
            .expect("request");
        assert!(r.status().is_success(), "{path}: {}", r.status());
        r.json().await.expect("json")
    }

    /// POST of raw bytes (an uploaded file): the status and the JSON answer.
    pub async fn upload(&self, path: &str, body: impl Into<reqwest::Body>) -> (StatusCode, Value) {
        let r = self
            .request(Method::POST, path)
            .body(body)
            .send()
            .await
            .expect("request");
        status_and_json(r).await
    }
}

async fn status_and_json(r: Response) -> (StatusCode, Value) {
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// A browser: a cookie jar over the app's client.
pub struct Browser<'a> {
    pub(super) app: &'a TestApp,
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

    fn keep_cookies(&self, r: &Response) {
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

    pub async fn send(&self, req: RequestBuilder) -> Response {
        let r = req
            .header(reqwest::header::COOKIE, self.cookie_header())
            .header(reqwest::header::ACCEPT, "text/html")
            .send()
            .await
            .expect("request");
        self.keep_cookies(&r);
        r
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send(self.app.client.get(self.app.url(path))).await
    }

    /// The CSRF token, fetching a page first if the browser has none yet.
    pub async fn csrf(&self) -> String {
        if self.cookie("veghe_csrf").is_none() {
            self.get("/login").await;
        }
        self.cookie("veghe_csrf").expect("csrf cookie")
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let token = self.csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.send(self.app.client.post(self.app.url(path)).form(&all))
            .await
    }

    pub async fn login(&self, username: &str, password: &str) -> Response {
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
