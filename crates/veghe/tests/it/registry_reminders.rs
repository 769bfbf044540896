//! Deadline reminders: 5 and 1 working days before the internal and the legal deadline and when
//! overdue, to the department's officers (and the head of service when overdue), in the
//! application and by e-mail; each sent once, even when the job runs twice or on two servers at
//! once; and the deadlines by department.

use jiff::civil::date;
use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::db::Db;
use veghe::registry::reminders::run_once;

use crate::both;
use crate::helpers::fixtures::routed_case;
use crate::helpers::smtp::SmtpReceiver;
use crate::helpers::{Engine, TestApp};

/// Sets the case's deadlines (YYYY-MM-DD).
async fn deadlines(app: &TestApp, id: i64, internal: &str, legal: &str) {
    sqlx::query("UPDATE registry_entries SET internal_due_on = $2, due_on = $3 WHERE id = $1")
        .bind(id)
        .bind(internal)
        .bind(legal)
        .execute(app.db.pool())
        .await
        .expect("deadlines");
}

/// How many deadline notices `username` has.
async fn notes_of(app: &TestApp, username: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = '{username}' AND n.kind = 'registry_deadline'"
    ))
    .await
}

both!(each_reminder_is_sent_once, |app| {
    let c = routed_case(&app).await;
    // Internal deadline Tuesday 14 April 2026 (after Easter Monday), legal Friday 24 April.
    deadlines(&app, c.id, "2026-04-14", "2026-04-24").await;
    // Nothing yet on 2 April; 5 working days before the internal one on 3 April.
    let r = run_once(&app.db, false, date(2026, 4, 2))
        .await
        .expect("run");
    assert_eq!(r.reminders, 0);
    let r = run_once(&app.db, false, date(2026, 4, 3))
        .await
        .expect("run");
    assert_eq!((r.reminders, r.notifications, r.mails), (1, 1, 1));
    // The job running again that day, or the next, sends nothing new.
    let r = run_once(&app.db, false, date(2026, 4, 3))
        .await
        .expect("run");
    assert_eq!(r.reminders, 0);
    let r = run_once(&app.db, false, date(2026, 4, 6))
        .await
        .expect("run");
    assert_eq!(r.reminders, 0);
    assert_eq!(notes_of(&app, "ofiter").await, 1);
    // Two servers on one database, at the same moment: 1 working day before (9 April).
    let peer = Db::open(&app.test_db_url()).await.expect("second pool");
    let (a, b) = tokio::join!(
        run_once(&app.db, false, date(2026, 4, 9)),
        run_once(&peer, false, date(2026, 4, 9)),
    );
    let (a, b) = (a.expect("first"), b.expect("second"));
    assert_eq!(a.reminders + b.reminders, 1, "{a:?} {b:?}");
    assert_eq!(notes_of(&app, "ofiter").await, 2);
    assert_eq!(
        notes_of(&app, "sef").await,
        0,
        "the head hears of overdue ones only"
    );
    // Overdue on 15 April: the officers and the head of service, once, even from two servers.
    let (a, b) = tokio::join!(
        run_once(&app.db, false, date(2026, 4, 15)),
        run_once(&peer, false, date(2026, 4, 15)),
    );
    let (a, b) = (a.expect("first"), b.expect("second"));
    assert_eq!(a.reminders + b.reminders, 1, "{a:?} {b:?}");
    assert_eq!(a.notifications + b.notifications, 2);
    assert_eq!(notes_of(&app, "ofiter").await, 3);
    assert_eq!(notes_of(&app, "sef").await, 1);
    // The legal deadline has its own: 5 working days before 24 April is 17 April.
    let r = run_once(&app.db, false, date(2026, 4, 17))
        .await
        .expect("run");
    assert_eq!(r.reminders, 1);
    // A new date (an extension) is a new deadline, reminded again.
    sqlx::query("UPDATE registry_entries SET due_on = '2026-05-15' WHERE id = $1")
        .bind(c.id)
        .execute(app.db.pool())
        .await
        .expect("extend");
    let r = run_once(&app.db, false, date(2026, 5, 8))
        .await
        .expect("run");
    assert_eq!(r.reminders, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registry_reminders").await,
        5
    );
    // Each reminder is audited; the e-mails wait in the outbox (no relay: in-app only).
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.reminder'")
            .await,
        5
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM mail_outbox WHERE state IN ('not_configured', 'no_address')"
        )
        .await,
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'registry_deadline'")
            .await
    );
    // An answered case is not reminded.
    sqlx::query("UPDATE registry_entries SET status = 'answered' WHERE id = $1")
        .bind(c.id)
        .execute(app.db.pool())
        .await
        .expect("answered");
    let r = run_once(&app.db, false, date(2026, 5, 20))
        .await
        .expect("run");
    assert_eq!((r.checked, r.reminders), (0, 0));
    peer.close().await;
});

both!(
    unrouted_cases_remind_the_registry_and_deadlines_are_listed,
    |app| {
        let c = routed_case(&app).await;
        let (s, other) = c.clerk
            .post(
                "/api/v1/petitions",
                json!({"channel": "post", "kind": "request", "petitioner_name": "Maria Ionescu",
               "address": "Bd. Revoluției 5", "subject": "Parcare pe trotuar", "text": "Mașini parcate pe trotuar."}),
            )
    .await;
        assert_eq!(s, StatusCode::CREATED);
        let legal = other["due_date"].as_str().expect("due").to_string();
        let due: jiff::civil::Date = legal.parse().expect("date");
        let day_after = due.tomorrow().expect("tomorrow");
        // Not routed: the registry clerks hear of it (and the head, once overdue).
        let r = run_once(&app.db, false, day_after).await.expect("run");
        assert!(r.reminders >= 1);
        assert!(notes_of(&app, "clerk").await >= 1);
        // The deadlines by department: the routed case is open in public order, the other unrouted.
        deadlines(&app, c.id, "2000-01-03", "2000-01-10").await;
        let r = c.officer.get("/api/v1/registry/deadlines").await;
        assert_eq!(r.status(), StatusCode::OK);
        let rows: Value = r.json().await.expect("json");
        let rows = rows.as_array().expect("rows");
        let public_order = rows
            .iter()
            .find(|d| d["department"] == "ordine_publica")
            .expect("department");
        assert_eq!(public_order["open"], 1);
        assert_eq!(public_order["overdue_legal"], 1);
        assert_eq!(public_order["overdue_internal"], 1);
        let unrouted = rows
            .iter()
            .find(|d| d["department"].is_null())
            .expect("unrouted");
        assert_eq!(unrouted["open"], 1);
        // The queue lists it by the internal deadline too.
        let b = app
            .signed_in("ofiter9", veghe::auth::Role::DepartmentOfficer)
            .await;
        let page = b
            .get("/queue?department=ordine_publica")
            .await
            .text()
            .await
            .expect("queue");
        let internal = page
            .split_once("id=\"overdue-int-h\"")
            .and_then(|(_, rest)| rest.split_once("</section>"))
            .map(|(section, _)| section.to_string())
            .expect("the internal deadline's list");
        assert!(internal.contains(&c.number), "{internal}");
        let r = b.get("/registry/deadlines").await;
        assert_eq!(r.status(), StatusCode::OK);
        // The head can run the job from the API (today's reminders).
        let r = c
            .head
            .post("/api/v1/registry/reminders/run", json!({}))
            .await;
        assert_eq!(r.0, StatusCode::OK, "{}", r.1);
        let r = c
            .officer
            .post("/api/v1/registry/reminders/run", json!({}))
            .await;
        assert_eq!(r.0, StatusCode::FORBIDDEN);
    }
);

async fn reminder_by_email(engine: Engine) {
    let receiver = SmtpReceiver::start().await;
    let port = receiver.port;
    let Some(app) = TestApp::spawn_mailing(engine, port, "registratura@politialocala.test").await
    else {
        return;
    };
    let c = routed_case(&app).await;
    sqlx::query("UPDATE users SET email = 'ofiter@politialocala.test' WHERE username = 'ofiter'")
        .execute(app.db.pool())
        .await
        .expect("email");
    deadlines(&app, c.id, "2026-04-14", "2026-04-24").await;
    let r = run_once(&app.db, true, date(2026, 4, 9))
        .await
        .expect("run");
    assert_eq!(r.reminders, 1);
    // The server's sender delivers it (it looks at the outbox every second).
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["ofiter@politialocala.test".to_string()]);
    let text = got[0].body();
    assert!(text.contains(&c.number), "{text}");
    assert!(text.contains("14.04.2026"), "{text}");
    // Run again: nothing more is sent.
    let r = run_once(&app.db, true, date(2026, 4, 9))
        .await
        .expect("run");
    assert_eq!(r.reminders, 0);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(receiver.received().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_reaches_a_real_smtp_receiver_sqlite() {
    reminder_by_email(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_reaches_a_real_smtp_receiver_postgres() {
    reminder_by_email(Engine::Postgres).await;
}
