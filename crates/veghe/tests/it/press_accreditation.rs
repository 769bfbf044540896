//! The press office's accreditations, media requests, queue and circulars: an accreditation's due
//! day is the rule `press-accreditation` (the same as `veghe calendar deadline`) across holidays;
//! a refusal or withdrawal without facts is refused and leaves the request as it was; who may
//! read and write; verbal requests overdue after 24 hours; the desk's queue; circulars read and
//! unread.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::command::veghe;
use crate::helpers::known::{Known, put};
use crate::helpers::press::{journalist, press_event};

/// `YYYY-MM-DDTHH:MM` in Timișoara, `hours` ago.
fn hours_ago(hours: i64) -> String {
    let ts =
        jiff::Timestamp::from_millisecond(veghe::db::now_ms() - hours * 3_600_000).expect("ts");
    ts.in_tz("Europe/Bucharest")
        .expect("zone")
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

fn accreditation(journalist: i64, requested_at: &str) -> Value {
    json!({"journalist_id": journalist, "kind": "permanent", "requested_at": requested_at})
}

both!(
    an_accreditation_is_due_by_the_calendar_rule_across_holidays,
    |app| {
        // Arrange
        let presa = app.api("presa", Role::PressOfficer).await;
        let ana = journalist(&app, "Ana Pop", "Tion").await;
        // Act: registered before Christmas 2025, before Orthodox Easter 2026 and before 30 November–1 December.
        let mut dues = Vec::new();
        for (requested, day) in [
            ("2025-12-23T10:00", "2025-12-23"),
            ("2026-04-08T09:30", "2026-04-08"),
            ("2026-11-28T12:00", "2026-11-28"),
        ] {
            let a = presa
                .post_ok(
                    "/api/v1/press/accreditations",
                    accreditation(ana, requested),
                )
                .await;
            let (code, out, err) = veghe(
                &app.test_db_url(),
                &["calendar", "deadline", "press-accreditation", day],
                None,
            );
            assert_eq!(code, 0, "{err}");
            dues.push((
                a["due_on"].as_str().expect("due").to_string(),
                out.trim().to_string(),
            ));
            assert_eq!(a["status"], "pending");
        }
        // Assert: the record's due day is the command's, and each moved past the non-working days.
        for (stored, printed) in &dues {
            assert_eq!(stored, printed);
        }
        let stored: Vec<&str> = dues.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(stored, ["2025-12-29", "2026-04-14", "2026-12-02"]);
        // The spring request is long past its due day: flagged, and listed among the pending.
        let pending = presa
            .get_ok("/api/v1/press/accreditations?show=pending")
            .await;
        let spring = pending
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["due_on"] == "2026-04-14")
            .expect("listed");
        assert_eq!(spring["overdue"], true);
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'press_accreditation.register'"
            )
            .await,
            3
        );
    }
);

both!(
    a_refusal_needs_the_facts_in_writing_and_the_outlet_may_name_another,
    |app| {
        // Arrange
        let presa = app.api("presa", Role::PressOfficer).await;
        let ana = journalist(&app, "Ana Pop", "Tion").await;
        let dan = journalist(&app, "Dan Ilie", "Tion").await;
        let other = journalist(&app, "Eva Roman", "Pressalert").await;
        let a = presa
            .post_ok(
                "/api/v1/press/accreditations",
                accreditation(ana, &hours_ago(3)),
            )
            .await;
        let id = a["id"].as_i64().expect("id");
        let path = format!("/api/v1/press/accreditations/{id}/decision");
        // Act and assert: no facts, too few, no day, a day ahead: each refused naming its field.
        for (body, field) in [
            (json!({"decision": "refuse"}), "act"),
            (
                json!({"decision": "refuse", "act": "opinii critice", "act_on": "2026-11-02"}),
                "act",
            ),
            (
                json!({"decision": "refuse", "act": "A blocat accesul echipajelor la intervenția din Piața Unirii."}),
                "act_on",
            ),
            (
                json!({"decision": "refuse", "act": "A blocat accesul echipajelor la intervenția din Piața Unirii.", "act_on": "2199-01-01"}),
                "act_on",
            ),
        ] {
            let (status, err) = presa.post(&path, body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
            assert_eq!(err["error"]["field"], field, "{err}");
        }
        assert_eq!(
            presa
                .get_ok(&format!("/api/v1/press/accreditations/{id}"))
                .await["status"],
            "pending"
        );
        // With the facts, the refusal is recorded with them.
        let refused = presa
        .post_ok(&path, json!({"decision": "refuse",
            "act": "A blocat accesul echipajelor la intervenția din Piața Unirii.", "act_on": "2026-11-02"}))
        .await;
        assert_eq!(refused["status"], "refused");
        assert!(
            refused["reason"]
                .as_str()
                .expect("reason")
                .starts_with("02.11.2026: A blocat"),
            "{refused}"
        );
        // A refused request is not withdrawn.
        let (status, _) = presa.post(&path, json!({"decision": "withdraw",
        "act": "A blocat accesul echipajelor la intervenția din Piața Unirii.", "act_on": "2026-11-02"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        // The written decision downloads, as PDF and DOCX.
        let browser = app.signed_in("presa2", Role::PressOfficer).await;
        for (format, kind) in [("pdf", "application/pdf"), ("docx", "wordprocessingml")] {
            let r = browser
                .get(&format!(
                    "/press/accreditations/{id}/letter?format={format}"
                ))
                .await;
            assert_eq!(r.status(), StatusCode::OK);
            let ct = r.headers()["content-type"]
                .to_str()
                .expect("ct")
                .to_string();
            assert!(ct.contains(kind), "{ct}");
        }
        // The outlet names another of its journalists; one of another outlet is refused.
        let mut again = accreditation(dan, &hours_ago(1));
        again["replaces_id"] = json!(id);
        let replacement = presa.post_ok("/api/v1/press/accreditations", again).await;
        assert_eq!(replacement["replaces_id"], id);
        let mut wrong = accreditation(other, &hours_ago(1));
        wrong["replaces_id"] = json!(id);
        let (status, err) = presa.post("/api/v1/press/accreditations", wrong).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(err["error"]["field"], "replaces_id");
        // The page's refusal form says opinions are no ground.
        let page = browser
            .get(&format!("/press/accreditations/{}", replacement["id"]))
            .await;
        let html = page.text().await.expect("html");
        assert!(
            html.contains("Opiniile publicate de jurnalist nu pot fi motiv"),
            "{html}"
        );
        assert!(!html.to_lowercase().contains("name=\"ground\""));
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'press_accreditation.refuse'")
                .await,
            1
        );
    }
);

both!(a_granted_accreditation_is_listed_by_event_and_year, |app| {
    // Arrange
    let presa = app.api("presa", Role::PressOfficer).await;
    let ana = journalist(&app, "Ana Pop", "Tion").await;
    let dan = journalist(&app, "Dan Ilie", "Debanat").await;
    let event = press_event(&app, "Conferința lunară", veghe::db::now_ms() - 86_400_000).await;
    let permanent = presa
        .post_ok(
            "/api/v1/press/accreditations",
            accreditation(ana, &hours_ago(5)),
        )
        .await;
    let for_event = presa
        .post_ok("/api/v1/press/accreditations",
            json!({"journalist_id": dan, "kind": "event", "event_id": event, "requested_at": hours_ago(40)}))
        .await;
    // Act
    for a in [&permanent, &for_event] {
        let granted = presa
            .post_ok(
                &format!("/api/v1/press/accreditations/{}/decision", a["id"]),
                json!({"decision": "grant"}),
            )
            .await;
        assert_eq!(granted["status"], "granted");
    }
    // Assert
    let year = jiff::Zoned::now()
        .in_tz("Europe/Bucharest")
        .expect("zone")
        .year();
    let listed = presa
        .get_ok(&format!("/api/v1/press/accreditations?event={event}"))
        .await;
    assert_eq!(listed.as_array().expect("list").len(), 1);
    assert_eq!(listed[0]["journalist"], "Dan Ilie");
    let yearly = presa.get_ok("/api/v1/press/accreditations").await;
    assert_eq!(yearly.as_array().expect("list").len(), 1);
    assert_eq!(yearly[0]["valid_until"], format!("{year}-12-31"));
    let page = app
        .signed_in("sef", Role::HeadOfService)
        .await
        .get(&format!("/press/accreditations?event={event}"))
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("html").contains("Dan Ilie"));
    // A granted one is withdrawn with facts.
    let withdrawn = presa
        .post_ok(&format!("/api/v1/press/accreditations/{}/decision", permanent["id"]),
            json!({"decision": "withdraw", "act": "A filmat datele personale ale apelanților de pe ecranele dispeceratului.", "act_on": &hours_ago(1)[..10]}))
        .await;
    assert_eq!(withdrawn["status"], "withdrawn");
});

both!(who_may_read_and_write_the_press_records, |app| {
    let ana = journalist(&app, "Ana Pop", "Tion").await;
    let body = accreditation(ana, &hours_ago(2));
    let management = app.api("conducere", Role::Management).await;
    let dispatcher = app.api("dispecer", Role::Dispatcher).await;
    let head = app.api("sef", Role::HeadOfService).await;
    // Management reads and does not write; a dispatcher does neither; the head of service writes.
    assert_eq!(
        management.get_json("/api/v1/press/accreditations").await.0,
        StatusCode::OK
    );
    assert_eq!(
        management
            .post("/api/v1/press/accreditations", body.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        management.post("/api/v1/press/requests", json!({})).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        dispatcher.get_json("/api/v1/press/accreditations").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        dispatcher.get_json("/api/v1/press/requests").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        head.post("/api/v1/press/accreditations", body).await.0,
        StatusCode::CREATED
    );
    // Every signed-in person reads their circulars; only the press office and oversight write them.
    assert_eq!(
        dispatcher.get_json("/api/v1/circulars").await.0,
        StatusCode::OK
    );
    let circular = json!({"title": "Anunț", "text": "Text", "audience": "all"});
    assert_eq!(
        dispatcher
            .post("/api/v1/circulars", circular.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        management
            .post("/api/v1/circulars", circular.clone())
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        head.post("/api/v1/circulars", circular).await.0,
        StatusCode::CREATED
    );
});

both!(a_verbal_request_is_overdue_after_24_hours, |app| {
    // Arrange
    let presa = app.api("presa", Role::PressOfficer).await;
    let ana = journalist(&app, "Ana Pop", "Tion").await;
    let late = presa
        .post_ok(
            "/api/v1/press/requests",
            json!({"journalist_id": ana, "channel": "phone",
            "question": "Câte mașini au fost ridicate?", "received_at": hours_ago(25)}),
        )
        .await;
    let fresh = presa
        .post_ok("/api/v1/press/requests", json!({"name": "Mihai Dobre", "outlet_name": "Ziar local",
            "channel": "in_person", "question": "Ce s-a întâmplat în Piața Unirii?", "received_at": hours_ago(23)}))
        .await;
    // Assert: past 24 hours it is overdue; within them it is not.
    assert_eq!(late["overdue"], true);
    assert_eq!(fresh["overdue"], false);
    assert_eq!(fresh["journalist"], "Mihai Dobre");
    let open = presa.get_ok("/api/v1/press/requests").await;
    assert_eq!(open.as_array().expect("list").len(), 2);
    assert_eq!(open[0]["id"], late["id"], "the earliest due first");
    // A channel not known, a question missing: refused by field.
    let (status, err) = presa
        .post(
            "/api/v1/press/requests",
            json!({"journalist_id": ana, "channel": "fax", "question": "?"}),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("channel"))
    );
    let (status, err) = presa
        .post(
            "/api/v1/press/requests",
            json!({"journalist_id": ana, "channel": "phone"}),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("question"))
    );
    // Act: answered now, 25 hours on: late; answered again: conflict.
    let answered = presa
        .post_ok(
            &format!("/api/v1/press/requests/{}/answer", late["id"]),
            json!({"answer": "Au fost ridicate 12 autovehicule."}),
        )
        .await;
    assert_eq!(
        (answered["overdue"].clone(), answered["late"].clone()),
        (json!(false), json!(true))
    );
    let (status, _) = presa
        .post(
            &format!("/api/v1/press/requests/{}/answer", late["id"]),
            json!({"answer": "Din nou"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        presa
            .get_ok("/api/v1/press/requests")
            .await
            .as_array()
            .expect("list")
            .len(),
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'press_request'")
            .await,
        3
    );
});

both!(the_desk_queue_shows_what_waits_overdue_first, |app| {
    // Arrange: an accreditation past its due day, one due later, a verbal request, and a written
    // information request from a journalist's address.
    let presa = app.api("presa", Role::PressOfficer).await;
    let ana = journalist(&app, "Ana Pop", "Tion").await;
    let dan = journalist(&app, "Dan Ilie", "Debanat").await;
    let old = presa
        .post_ok(
            "/api/v1/press/accreditations",
            accreditation(ana, "2026-04-08T09:30"),
        )
        .await;
    let new = presa
        .post_ok(
            "/api/v1/press/accreditations",
            accreditation(dan, &hours_ago(1)),
        )
        .await;
    let verbal = presa
        .post_ok(
            "/api/v1/press/requests",
            json!({"journalist_id": dan, "channel": "email",
            "question": "Program la sărbători?", "received_at": hours_ago(1)}),
        )
        .await;
    let mut written = Known::new(77, "2026-04-01", "2026-04-15");
    written.register = "info";
    written.kind = "request";
    written.status = "registered";
    written.email = Some("ana.pop@presa.example");
    written.subject = "Numărul de sancțiuni din martie";
    put(&app.db, &written).await;
    let mut citizen = Known::new(78, "2026-04-01", "2026-04-15");
    citizen.register = "info";
    citizen.kind = "request";
    citizen.status = "registered";
    citizen.subject = "Cerere a unui cetățean";
    put(&app.db, &citizen).await;
    // Act
    let browser = app.signed_in("presa2", Role::PressOfficer).await;
    let html = browser.get("/press").await.text().await.expect("html");
    // Assert: each is there, linked, the overdue ones before the rest; the citizen's is not.
    let todo = &html[html.find("id=\"todo\"").expect("queue")..];
    let at = |needle: &str| {
        todo.find(needle)
            .unwrap_or_else(|| panic!("{needle} in {todo}"))
    };
    let old_at = at(&format!("/press/accreditations/{}", old["id"]));
    let new_at = at(&format!("/press/accreditations/{}", new["id"]));
    let verbal_at = at(&format!("/press/requests/{}", verbal["id"]));
    let written_at = at("77/01.04.2026");
    assert!(
        old_at < new_at && written_at < new_at && written_at < verbal_at,
        "overdue first"
    );
    assert!(!todo.contains("Cerere a unui cetățean"));
    // The home page counts them for the press officer.
    let home = browser.get("/").await.text().await.expect("home");
    assert!(
        home.contains("cereri de acreditare cu termenul depășit"),
        "{home}"
    );
    assert!(home.contains("solicitări verbale fără răspuns"));
});

both!(a_circular_is_read_by_some_and_not_by_others, |app| {
    // Arrange
    let presa = app.api("presa", Role::PressOfficer).await;
    let d1 = app.api("dispecer", Role::Dispatcher).await;
    let d2 = app.api("dispecer2", Role::Dispatcher).await;
    let clerk = app.api("registratura", Role::RegistryClerk).await;
    // Act
    let c = presa
        .post_ok(
            "/api/v1/circulars",
            json!({"title": "Predarea turei", "text": "De luni, în aplicație.",
            "audience": "role", "role": "dispatcher"}),
        )
        .await;
    let id = c["id"].as_i64().expect("id");
    assert_eq!(c["addressed"], 2);
    // Each addressee has it, unread, with a notification; someone else does not see it.
    let mine = d1.get_ok("/api/v1/circulars").await;
    assert_eq!(
        (mine[0]["id"].as_i64(), mine[0]["read_at"].clone()),
        (Some(id), Value::Null)
    );
    assert_eq!(app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE kind = 'circular' AND link = '/circulars/{id}' AND acknowledged_at IS NULL")).await, 2);
    assert_eq!(
        clerk.get_json(&format!("/api/v1/circulars/{id}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        clerk
            .post(&format!("/api/v1/circulars/{id}/read"), json!({}))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let read = d1
        .post_ok(&format!("/api/v1/circulars/{id}/read"), json!({}))
        .await;
    let again = d1
        .post_ok(&format!("/api/v1/circulars/{id}/read"), json!({}))
        .await;
    assert_eq!(read["read_at"], again["read_at"], "read once");
    // Assert: the author sees who has read it and who has not.
    let seen = presa.get_ok(&format!("/api/v1/circulars/{id}")).await;
    assert_eq!(seen["read_by"], 1);
    let recipients = seen["recipients"].as_array().expect("recipients");
    let unread: Vec<&Value> = recipients
        .iter()
        .filter(|r| r["read_at"].is_null())
        .collect();
    assert_eq!(unread.len(), 1);
    assert_eq!(
        d2.get_ok("/api/v1/circulars").await[0]["read_at"],
        Value::Null
    );
    let page = app
        .signed_in("presa2", Role::PressOfficer)
        .await
        .get(&format!("/circulars/{id}"))
        .await;
    let html = page.text().await.expect("html");
    assert!(html.contains("nu a citit încă"), "{html}");
    // The reader's notification is acknowledged with the reading.
    assert_eq!(app.count(&format!(
        "SELECT COUNT(*) FROM notifications WHERE kind = 'circular' AND link = '/circulars/{id}' AND acknowledged_at IS NULL")).await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'circular'")
            .await,
        2
    );
    // An audience of nobody is refused.
    let (status, err) = presa
        .post(
            "/api/v1/circulars",
            json!({"title": "X", "text": "Y", "audience": "role", "role": "crew"}),
        )
        .await;
    assert_eq!(
        (status, err["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("audience"))
    );
});
