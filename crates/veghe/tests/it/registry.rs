//! The registry through the API: gapless yearly numbers under concurrency, reserved numbers,
//! registration parsed field by field, and the law's rules refusing what it forbids.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::TestApp;

async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("request");
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn petition() -> Value {
    json!({"channel": "counter", "kind": "complaint", "petitioner_name": "Ion Popescu",
           "cnp": "1800101221144", "address": "Str. Florilor 3, Timișoara", "email": "ion@example.ro",
           "subject": "Zgomot nocturn pe strada Florilor", "text": "Vecinii fac zgomot după ora 22."})
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row: (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    row.0
}

/// Moves an entry's registration back by `days` (its number and deadlines stay as registered).
async fn age(app: &TestApp, id: i64, days: i64) {
    sqlx::query("UPDATE registry_entries SET registered_at = registered_at - $2 WHERE id = $1")
        .bind(id)
        .bind(days * 86_400_000)
        .execute(app.db.pool())
        .await
        .expect("age");
}

both!(
    hundred_concurrent_registrations_get_consecutive_numbers,
    |app| {
        let token = app.token_for("clerk", Role::RegistryClerk).await;
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let client = app.client.clone();
            let url = app.url("/api/v1/petitions");
            let token = token.clone();
            tasks.push(tokio::spawn(async move {
                let r = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&petition())
                    .send()
                    .await
                    .expect("request");
                assert_eq!(r.status(), StatusCode::CREATED);
                r.json::<Value>().await.expect("json")
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            let v = t.await.expect("task");
            let seq = v["seq"].as_i64().expect("seq");
            let number = v["number"].as_str().expect("number");
            assert!(number.starts_with(&format!("{seq}/")), "{number}");
            assert!(v["due_date"].as_str().is_some());
            seqs.push(seq);
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=100).collect::<Vec<i64>>());
        // Another register has its own sequence.
        let (s, v) = post(
        &app,
        &token,
        "/api/v1/petitions",
        json!({"register": "internal", "channel": "post", "kind": "incoming", "subject": "Adresă IPJ Timiș"}),
    )
    .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(v["seq"], 1);
        assert_eq!(v["due_date"], Value::Null);
        assert_eq!(
            count(
                &app,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'registry.register'"
            )
            .await,
            101
        );
    }
);

both!(reserved_numbers_are_taken_later_once, |app| {
    let token = app.token_for("clerk", Role::RegistryClerk).await;
    post(&app, &token, "/api/v1/petitions", petition()).await;
    let (s, r) = post(
        &app,
        &token,
        "/api/v1/registry/reservations",
        json!({"register": "petition", "count": 3, "note": "audiențe de joi"}),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["numbers"], json!([2, 3, 4]));
    // The sequence continues after the reserved numbers.
    let (_, next) = post(&app, &token, "/api/v1/petitions", petition()).await;
    assert_eq!(next["seq"], 5);
    let mut into = petition();
    into["reserved_number"] = json!(3);
    let (s, v) = post(&app, &token, "/api/v1/petitions", into.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["seq"], 3);
    // Used once only; an unreserved number is refused; nothing half-saved.
    let before = count(&app, "SELECT COUNT(*) FROM registry_entries").await;
    let (s, e) = post(&app, &token, "/api/v1/petitions", into).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "reserved_number");
    let mut five = petition();
    five["reserved_number"] = json!(5);
    assert_eq!(
        post(&app, &token, "/api/v1/petitions", five).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM registry_entries").await,
        before
    );
    let (s, _) = post(
        &app,
        &token,
        "/api/v1/registry/reservations",
        json!({"register": "petition", "count": 0}),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});
