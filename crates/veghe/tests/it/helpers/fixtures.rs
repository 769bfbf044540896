//! The data tests start from: counts read straight from the database, a crew, a call, a petition,
//! a case routed to a department, rows of a sanctions import, a published press release.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use super::{Api, Browser, TestApp};

impl TestApp {
    /// The single number a `SELECT COUNT(*) …` (or any one-integer query) answers.
    pub async fn count(&self, sql: &str) -> i64 {
        let row: (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(self.db.pool())
            .await
            .expect("count");
        row.0
    }

    /// An available proximity car, with the id of the tracker it reports as; answers its id.
    pub async fn add_unit(&self, call_sign: &str, tracker: Option<&str>) -> i64 {
        let row: (i64,) = sqlx::query_as(
            "INSERT INTO units (call_sign, kind, department, status, tracker_id, created_at) VALUES ($1, 'car', 'proximity', 'available', $2, 0) RETURNING id",
        )
        .bind(call_sign)
        .bind(tracker)
        .fetch_one(self.db.pool())
        .await
        .expect("unit");
        row.0
    }

    /// A press release approved and published a minute ago, inserted straight into
    /// `press_releases` (its author a new press officer); answers its id.
    pub async fn published_release(&self, title: &str) -> i64 {
        let n = self.count("SELECT COUNT(*) FROM press_releases").await + 1;
        let author = format!("autor-comunicat-{n}");
        self.create_user(&author, Role::PressOfficer).await;
        let now = veghe::db::now_ms();
        let row: (i64,) = sqlx::query_as(
            "INSERT INTO press_releases (kind, status, title, summary, body_html, number, published_at, author_id, created_at, updated_at, decided_at) \
             VALUES ('release', 'approved', $1, $2, '<p>Textul comunicatului.</p>', $3, $4, (SELECT id FROM users WHERE username = $5), $4, $4, $4) RETURNING id",
        )
        .bind(title)
        .bind(format!("Rezumat: {title}"))
        .bind(format!("Comunicat 07.12.2026-{n}"))
        .bind(now - 60_000)
        .bind(&author)
        .fetch_one(self.db.pool())
        .await
        .expect("release");
        row.0
    }
}

/// A noise call at Piața Victoriei.
pub fn noise_call() -> Value {
    json!({"type": "noise", "priority": 2, "lat": 45.7537, "lon": 21.2257,
           "address": "Piața Victoriei nr. 1", "description": "Muzică tare"})
}

/// A noise call in Strada Alba Iulia, placed at (`lat`, `lon`).
pub fn noise_at(lat: f64, lon: f64) -> Value {
    json!({"type": "noise", "priority": 2, "lat": lat, "lon": lon,
           "address": "Strada Alba Iulia nr. 2", "description": "Muzică tare"})
}

/// A complaint registered at the counter.
pub fn petition() -> Value {
    json!({"channel": "counter", "kind": "complaint", "petitioner_name": "Ion Popescu",
           "cnp": "1800101221144", "address": "Str. Florilor 3, Timișoara", "email": "ion@example.ro",
           "subject": "Zgomot nocturn pe strada Florilor", "text": "Vecinii fac zgomot după ora 22."})
}

/// The people of a case and a petition routed to the public-order department.
pub struct Case {
    pub clerk: Api,
    pub officer: Api,
    pub head: Api,
    pub id: i64,
    pub number: String,
}

/// A clerk, an officer of the public-order department and its head; a petition the clerk
/// registers and routes to that department.
pub async fn routed_case(app: &TestApp) -> Case {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let officer = app.api("ofiter", Role::DepartmentOfficer).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let (s, _) = head
        .post(
            "/api/v1/registry/departments/ordine_publica/members",
            json!({"username": "ofiter"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, e) = clerk
        .post(
            "/api/v1/petitions",
            json!({"channel": "counter", "kind": "complaint", "petitioner_name": "Ion Popescu",
                   "address": "Str. Florilor 3, Timișoara", "email": "ion.popescu@example.ro",
                   "subject": "Zgomot nocturn pe strada Florilor", "text": "Vecinii fac zgomot după ora 22."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    let id = e["id"].as_i64().expect("id");
    let (s, r) = clerk
        .post(
            &format!("/api/v1/petitions/{id}/route"),
            json!({"department": "ordine_publica"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    Case {
        clerk,
        officer,
        head,
        id,
        number: e["number"].as_str().expect("number").to_string(),
    }
}

/// A valid CNP for serial `n` (born 01.01.1980 in Timiș).
pub fn cnp(n: u32) -> String {
    let body = format!("18001013{:04}", n % 10_000);
    let key = [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9];
    let sum: u32 = body
        .bytes()
        .zip(key)
        .map(|(b, k)| u32::from(b - b'0') * k)
        .sum();
    let c = sum % 11;
    format!("{body}{}", if c == 10 { 1 } else { c })
}

/// The header row of a sanctions import.
pub const HEADER: &str = "Serie;Număr;Data;Ora;Adresa;Latitudine;Longitudine;Compartiment;Agenți;Contravenient;CNP/CUI;Temei legal;Agravant;Sancțiune;Amendă (lei);Achitat (lei);Data plății";

/// A valid sanctions row, number `n`.
pub fn good_row(n: u32) -> String {
    format!(
        "TM;{n:07};29.11.2026;22:{:02};Str. Florilor {n};45,7537;21,2257;Ordine publică;Ag. Pop;Ion Popescu;{};Legea 61/1991 art. 2 pct. 25;nu;amendă;1.000,00;;",
        n % 60,
        cnp(n)
    )
}

/// Imports sanction records from the file `name` (its extension says the format) in `mode`
/// (check, all or valid): the status and the import's report.
pub async fn import_sanctions(
    api: &Api,
    name: &str,
    mode: &str,
    bytes: impl Into<reqwest::Body>,
) -> (StatusCode, Value) {
    api.upload(
        &format!("/api/v1/sanctions/import?name={name}&mode={mode}"),
        bytes,
    )
    .await
}

/// The sanctions import page's first step, as the browser sends it: a multipart form with the
/// `source` and the file `pv.csv` holding `csv`.
pub async fn upload_sanctions(b: &Browser<'_>, source: &str, csv: &str) -> reqwest::Response {
    let boundary = "veghe-test-boundary";
    let csrf = b.csrf().await;
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\n{source}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pv.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    b.send(
        b.app
            .client
            .post(b.app.url(&format!("/activity/import?csrf={csrf}")))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body),
    )
    .await
}
