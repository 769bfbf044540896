//! Special events: declared on an incident, the head of service and management told in the
//! application and by e-mail through the outbox (a real SMTP receiver here), each
//! acknowledgement recorded, and the written report drawn from the incident.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::smtp::{SmtpReceiver, relay};
use crate::helpers::{Api, Engine, TestApp};

/// The people told of special events, with e-mail addresses; returns their tokens.
async fn recipients(app: &TestApp) -> (Api, Api) {
    let head = app.api("sef", Role::HeadOfService).await;
    let director = app.api("director", Role::Management).await;
    for (user, email) in [
        ("sef", "sef.serviciu@politialocala.test"),
        ("director", "director.executiv@politialocala.test"),
    ] {
        sqlx::query("UPDATE users SET email = $1 WHERE username = $2")
            .bind(email)
            .bind(user)
            .execute(app.db.pool())
            .await
            .expect("email");
    }
    (head, director)
}

/// A dispatcher's incident; returns (the dispatcher, incident id, reference).
async fn incident(app: &TestApp) -> (Api, i64, String) {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (s, inc) = disp
        .post(
            "/api/v1/incidents",
            json!({"type": "brawl", "priority": 1, "lat": 45.7537, "lon": 21.2257,
               "address": "Piața Victoriei nr. 1", "description": "Bătaie, o persoană rănită"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let reference = inc["reference"].as_str().expect("reference").to_string();
    (disp, inc["id"].as_i64().expect("id"), reference)
}

async fn outbox_states(api: &Api) -> Vec<(String, i64)> {
    let v = api.get_ok("/api/v1/mail/outbox").await;
    v.as_array()
        .expect("array")
        .iter()
        .map(|m| {
            (
                m["state"].as_str().unwrap_or("").to_string(),
                m["attempts"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

async fn wait_outbox(api: &Api, ok: impl Fn(&[(String, i64)]) -> bool) -> Vec<(String, i64)> {
    for _ in 0..200 {
        let states = outbox_states(api).await;
        if ok(&states) {
            return states;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    outbox_states(api).await
}

async fn declared_reaches_both_recipients(engine: Engine) {
    let receiver = SmtpReceiver::start().await;
    let port = receiver.port;
    let Some(app) = TestApp::spawn_mailing(engine, port, "veghe@politialocala.test").await else {
        return;
    };
    let (head, director) = recipients(&app).await;
    let (disp, id, reference) = incident(&app).await;

    let (s, se) = disp
        .post(
            &format!("/api/v1/incidents/{id}/special-event"),
            json!({"reason": "Persoană rănită în urma unei agresiuni"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{se}");
    assert_eq!(se["reference"], reference.as_str());
    assert_eq!(se["acknowledgements"].as_array().map(Vec::len), Some(2));

    let got = receiver.wait_for(2).await;
    assert_eq!(got.len(), 2, "both recipients got the e-mail");
    let mut to: Vec<String> = got.iter().flat_map(|m| m.to.clone()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "director.executiv@politialocala.test",
            "sef.serviciu@politialocala.test"
        ]
    );
    for m in &got {
        assert_eq!(m.from, "veghe@politialocala.test");
        let subject = m.header("Subject").expect("subject");
        assert!(subject.contains(&reference), "{subject}");
    }
    let states = wait_outbox(&head, |s| s.iter().all(|(st, _)| st == "sent")).await;
    assert_eq!(states, vec![("sent".to_string(), 1); 2]);

    // The live stream and the audit trail have it.
    let (events,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM events WHERE name = 'special_event.declared'")
            .fetch_one(app.db.pool())
            .await
            .expect("events");
    assert_eq!(events, 1);
    let (audited,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = 'special_event.declare'")
            .fetch_one(app.db.pool())
            .await
            .expect("audit");
    assert_eq!(audited, 1);

    // Each recipient acknowledges once; the dispatcher is no recipient.
    let se_id = se["id"].as_i64().expect("id");
    let ack = format!("/api/v1/special-events/{se_id}/acknowledge");
    let (s, after) = head.post(&ack, json!({})).await;
    assert_eq!(s, StatusCode::OK, "{after}");
    let acked: Vec<&Value> = after["acknowledgements"]
        .as_array()
        .expect("acks")
        .iter()
        .filter(|a| !a["acknowledged_at"].is_null())
        .collect();
    assert_eq!(acked.len(), 1);
    assert_eq!(acked[0]["role"], "head_of_service");
    let (s, _) = head.post(&ack, json!({})).await;
    assert_eq!(s, StatusCode::CONFLICT, "acknowledged once only");
    let (s, _) = disp.post(&ack, json!({})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, _) = director.post(&ack, json!({})).await;
    assert_eq!(s, StatusCode::OK);

    let timeline = disp
        .get_ok(&format!("/api/v1/incidents/{id}/timeline"))
        .await;
    let kinds: Vec<&str> = timeline
        .as_array()
        .expect("timeline")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"special_event"), "{kinds:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "special_event.acknowledged")
            .count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declared_special_event_is_mailed_to_both_recipients_sqlite() {
    declared_reaches_both_recipients(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declared_special_event_is_mailed_to_both_recipients_postgres() {
    declared_reaches_both_recipients(Engine::Postgres).await;
}

async fn relay_down_then_up(engine: Engine) {
    // A port nobody listens on, for now.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let Some(app) = TestApp::spawn_mailing(engine, port, "veghe@politialocala.test").await else {
        return;
    };
    let (head, _) = recipients(&app).await;
    let (disp, id, _) = incident(&app).await;
    let started = std::time::Instant::now();
    let (s, se) = disp
        .post(
            &format!("/api/v1/incidents/{id}/special-event"),
            json!({"reason": "Agresiune asupra unui polițist local"}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::CREATED,
        "the declaration does not wait for the relay: {se}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));

    // Attempts fail while the relay is down; the messages stay pending with the error.
    let states = wait_outbox(&head, |s| {
        s.len() == 2 && s.iter().all(|(st, n)| st == "pending" && *n >= 1)
    })
    .await;
    assert!(
        states.iter().all(|(st, n)| st == "pending" && *n >= 1),
        "{states:?}"
    );
    let v = head
        .get_ok(&format!("/api/v1/special-events/{}", se["id"]))
        .await;
    assert!(
        v["deliveries"]
            .as_array()
            .expect("deliveries")
            .iter()
            .all(|m| !m["last_error"].is_null()),
        "{v}"
    );

    // The relay comes up: the retry delivers.
    let receiver = SmtpReceiver::start_on(port).await;
    let got = receiver.wait_for(2).await;
    assert_eq!(got.len(), 2, "delivered on retry");
    let states = wait_outbox(&head, |s| s.iter().all(|(st, _)| st == "sent")).await;
    assert!(
        states.iter().all(|(st, n)| st == "sent" && *n >= 2),
        "{states:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_retried_until_the_relay_is_up_sqlite() {
    relay_down_then_up(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_is_retried_until_the_relay_is_up_postgres() {
    relay_down_then_up(Engine::Postgres).await;
}

async fn two_servers_send_once(engine: Engine) {
    // A slow relay: while one server is still sending, the other polls and finds the messages due.
    let receiver = SmtpReceiver::start_slow(Duration::from_millis(1500)).await;
    let port = receiver.port;
    let Some(app) = TestApp::spawn_mailing(engine, port, "veghe@politialocala.test").await else {
        return;
    };
    // A second server on the same database, with its own sender.
    app.spawn_peer_with(|c| c.smtp = Some(relay(port, "veghe@politialocala.test")))
        .await;
    recipients(&app).await;
    let (disp, id, _) = incident(&app).await;
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/special-event"),
            json!({"reason": "Persoană decedată pe domeniul public"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(receiver.wait_for(2).await.len(), 2);
    // Both senders poll every second: give the other one time to send again, if it could.
    tokio::time::sleep(Duration::from_millis(4000)).await;
    assert_eq!(receiver.received().len(), 2, "each message is sent once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_send_each_message_once_sqlite() {
    two_servers_send_once(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_send_each_message_once_postgres() {
    two_servers_send_once(Engine::Postgres).await;
}

both!(without_smtp_notifications_stay_in_the_application, |app| {
    let (head, _) = recipients(&app).await;
    let (disp, id, reference) = incident(&app).await;
    sqlx::query("INSERT INTO units (call_sign, kind, department, status, created_at) VALUES ('PL-207', 'car', 'proximity', 'available', 0)")
        .execute(app.db.pool())
        .await
        .expect("unit");
    let (unit,): (i64,) = sqlx::query_as("SELECT id FROM units WHERE call_sign = 'PL-207'")
        .fetch_one(app.db.pool())
        .await
        .expect("unit id");
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/assign"),
            json!({"unit_id": unit}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // A second head of service, in a browser, signed in before the declaration.
    let b = app.signed_in("sef2", Role::HeadOfService).await;
    let (s, se) = disp
        .post(
            &format!("/api/v1/incidents/{id}/special-event"),
            json!({"reason": "Eveniment cu impact public major"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let mut states = outbox_states(&head).await;
    states.sort();
    // Two with addresses wait for a relay that is not configured; sef2 has no address.
    let expected: Vec<(String, i64)> = ["no_address", "not_configured", "not_configured"]
        .iter()
        .map(|s| (s.to_string(), 0))
        .collect();
    assert_eq!(states, expected);

    let mine = head.get_ok("/api/v1/notifications").await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1));
    assert!(
        mine[0]["title"]
            .as_str()
            .expect("title")
            .contains(&reference)
    );

    // In the browser: the header counts it, the notifications page acknowledges it.
    let page = b.get("/").await.text().await.expect("page");
    assert!(
        page.contains("class=\"badge\">1"),
        "the header shows one notification"
    );
    let nid: (i64,) = sqlx::query_as("SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'sef2'")
        .fetch_one(app.db.pool())
        .await
        .expect("notification");
    let r = b
        .post_form(&format!("/notifications/{}/acknowledge", nid.0), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = b.get("/notifications").await.text().await.expect("page");
    assert!(
        !page.contains("class=\"badge\""),
        "no badge once acknowledged"
    );
    assert!(page.contains("Confirmat la"));

    // The written report has the incident's data, its crew, the reason and the acknowledgement.
    let report = b
        .get(&format!("/special-events/{}/report", se["id"]))
        .await
        .text()
        .await
        .expect("report");
    for needle in [
        reference.as_str(),
        "Piața Victoriei nr. 1",
        "PL-207",
        "Eveniment cu impact public major",
        "Test sef2",
        "Raport de eveniment deosebit",
    ] {
        assert!(report.contains(needle), "report lacks {needle}");
    }
    // The same report as a Word document (a ZIP package; its parts are stored uncompressed).
    let r = b
        .get(&format!("/special-events/{}/report.docx", se["id"]))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let bytes = r.bytes().await.expect("docx");
    assert!(bytes.starts_with(b"PK\x03\x04"));
    let raw = String::from_utf8_lossy(&bytes);
    for needle in [
        "word/document.xml",
        reference.as_str(),
        "PL-207",
        "Eveniment cu impact public major",
    ] {
        assert!(raw.contains(needle), "docx lacks {needle}");
    }
    let show = b
        .get(&format!("/special-events/{}", se["id"]))
        .await
        .text()
        .await
        .expect("show");
    assert!(
        show.contains("neconfigurat"),
        "the delivery state says SMTP is not configured"
    );
    assert!(
        show.contains("data-live-events=\"special_event.acknowledged\""),
        "acknowledgements appear live"
    );
});

both!(bad_declarations_are_refused_and_nothing_is_saved, |app| {
    recipients(&app).await;
    let (disp, id, _) = incident(&app).await;
    let path = format!("/api/v1/incidents/{id}/special-event");
    let (s, e) = disp.post(&path, json!({"reason": " ab "})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "reason");
    let (s, e) = disp.post(&path, json!({})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "reason");
    let (s, _) = disp
        .post(
            "/api/v1/incidents/999999/special-event",
            json!({"reason": "motiv valabil"}),
        )
        .await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    for table in ["special_events", "notifications", "mail_outbox"] {
        let (n,): (i64,) =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(n, 0, "{table}");
    }
    let (s, _) = disp.post(&path, json!({"reason": "motiv valabil"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = disp.post(&path, json!({"reason": "a doua oară"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let analyst = app.api("an", Role::Analyst).await;
    let (s, _) = analyst
        .post(&path, json!({"reason": "motiv valabil"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // The form names the field too.
    let b = app.signed_in("disp2", Role::Dispatcher).await;
    let r = b
        .post_form(
            "/special-events",
            &[("incident", "nu-e-numar"), ("reason", "motiv valabil")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
});
