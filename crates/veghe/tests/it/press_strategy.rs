//! The press office's strategy, campaigns, spokesperson and events: a version drafted, submitted,
//! approved and then never edited, a new version copying it; roles refused; the monthly
//! conference check notifying once; invitations queued for the accredited journalists only; the
//! public iCalendar feed read by the `icalendar` crate, its times Timișoara's across a summer
//! time change; every page answering.

use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};
use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;
use veghe::press::events::check;

use crate::both;
use crate::helpers::{Api, TestApp};

/// Today in Timișoara.
fn today() -> jiff::civil::Date {
    jiff::Zoned::now()
        .with_time_zone(veghe::time::bucharest())
        .date()
}

/// A new version of this year with one objective, audience and message; its id.
async fn drafted(officer: &Api) -> i64 {
    let s = officer.post_ok("/api/v1/press/strategy", json!({})).await;
    let id = s["version"]["id"].as_i64().expect("id");
    let (st, _) = officer
        .post(
            &format!("/api/v1/press/strategy/{id}/objectives"),
            json!({"title": "Încredere în Poliția Locală", "indicator": "Articole favorabile",
                   "baseline": 40, "target": 60, "unit": "%", "due_on": "2026-12-31"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, _) = officer
        .post(
            &format!("/api/v1/press/strategy/{id}/audiences"),
            json!({"name": "Cetățeni", "description": "Locuitorii Timișoarei"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    let (st, m) = officer
        .post(
            &format!("/api/v1/press/strategy/{id}/messages"),
            json!({"title": "Aproape de oameni", "phrases": "Poliția Locală e aproape\n\n poliția locală E aproape \nLa un telefon distanță"}),
        )
        .await;
    assert_eq!(st, StatusCode::CREATED);
    assert_eq!(
        m["phrases"], "Poliția Locală e aproape\nLa un telefon distanță",
        "empty and repeated phrases are left out"
    );
    id
}

both!(
    an_approved_version_is_never_edited_and_a_new_one_copies_it,
    |app| {
        // Arrange
        let officer = app.api("presa", Role::PressOfficer).await;
        let head = app.api("sef", Role::HeadOfService).await;
        let id = drafted(&officer).await;

        // Act: submitted; the officer cannot approve; the head returns it, then approves it.
        let s = officer
            .post_ok(&format!("/api/v1/press/strategy/{id}/submit"), json!({}))
            .await;
        assert_eq!(s["version"]["status"], "submitted");
        let (st, _) = officer
            .post(&format!("/api/v1/press/strategy/{id}/approve"), json!({}))
            .await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        let (st, _) = officer
            .post(
                &format!("/api/v1/press/strategy/{id}/audiences"),
                json!({"name": "Elevi și părinți"}),
            )
            .await;
        assert_eq!(st, StatusCode::CONFLICT, "a submitted version waits");
        let (st, _) = head
            .post(&format!("/api/v1/press/strategy/{id}/return"), json!({}))
            .await;
        assert_eq!(st, StatusCode::BAD_REQUEST, "a return needs its reason");
        let s = head
            .post_ok(
                &format!("/api/v1/press/strategy/{id}/return"),
                json!({"reason": "Ținte prea vagi"}),
            )
            .await;
        assert_eq!(
            (
                s["version"]["status"].as_str(),
                s["version"]["return_reason"].as_str()
            ),
            (Some("returned"), Some("Ținte prea vagi"))
        );
        officer
            .post_ok(&format!("/api/v1/press/strategy/{id}/submit"), json!({}))
            .await;
        let s = head
            .post_ok(&format!("/api/v1/press/strategy/{id}/approve"), json!({}))
            .await;
        assert_eq!(s["version"]["status"], "approved");
        assert!(s["version"]["decided_by"].is_string() && s["version"]["decided_at"].is_i64());

        // Assert: the approved version refuses every edit.
        for (path, body) in [
            (
                "objectives",
                json!({"title": "t", "indicator": "i", "baseline": 1, "target": 2, "unit": "u", "due_on": "2026-12-31"}),
            ),
            ("audiences", json!({"name": "Elevi"})),
            ("messages", json!({"title": "m", "phrases": "p"})),
            (
                "remove",
                json!({"kind": "objective", "part_id": s["objectives"][0]["id"]}),
            ),
            ("submit", json!({})),
        ] {
            let (st, _) = officer
                .post(&format!("/api/v1/press/strategy/{id}/{path}"), body)
                .await;
            assert_eq!(st, StatusCode::CONFLICT, "{path}");
        }
        let (st, _) = officer
            .send(
                reqwest::Method::PATCH,
                &format!("/api/v1/press/strategy/{id}"),
                json!({"summary": "nou"}),
            )
            .await;
        assert_eq!(st, StatusCode::CONFLICT);

        // A new version copies it, keeping the parts' origins; editing it leaves the approved one.
        let copy = officer.post_ok("/api/v1/press/strategy", json!({})).await;
        let copy_id = copy["version"]["id"].as_i64().expect("id");
        assert_eq!(copy["version"]["based_on_id"], id);
        assert_eq!(copy["version"]["version"], 2);
        assert_eq!(
            copy["objectives"][0]["origin_id"],
            s["objectives"][0]["origin_id"]
        );
        assert_eq!(copy["messages"][0]["phrases"], s["messages"][0]["phrases"]);
        let (st, _) = officer.post("/api/v1/press/strategy", json!({})).await;
        assert_eq!(
            st,
            StatusCode::CONFLICT,
            "one version at a time is worked on"
        );
        officer
            .post_ok(
                &format!("/api/v1/press/strategy/{copy_id}/remove"),
                json!({"kind": "objective", "part_id": copy["objectives"][0]["id"]}),
            )
            .await;
        let overview = officer.get_ok("/api/v1/press/strategy").await;
        assert_eq!(overview["in_force"]["version"]["id"], id);
        assert_eq!(
            overview["in_force"]["objectives"].as_array().map(Vec::len),
            Some(1)
        );
        assert_eq!(overview["open"]["id"], copy_id);
        assert_eq!(overview["versions"].as_array().map(Vec::len), Some(2));
        // Every write is in the audit trail.
        assert!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'press_strategy'")
                .await
                >= 10
        );
    }
);

both!(roles_are_refused_as_declared, |app| {
    let officer = app.api("presa", Role::PressOfficer).await;
    let management = app.api("conducere", Role::Management).await;
    let dispatcher = app.api("dispecer", Role::Dispatcher).await;
    let id = drafted(&officer).await;

    // Management reads, and writes nothing.
    management.get_ok("/api/v1/press/strategy").await;
    management.get_ok("/api/v1/press/events").await;
    for (path, body) in [
        ("/api/v1/press/strategy".to_string(), json!({})),
        (format!("/api/v1/press/strategy/{id}/submit"), json!({})),
        ("/api/v1/press/campaigns".to_string(), json!({"name": "x"})),
        ("/api/v1/press/events".to_string(), json!({})),
        (
            "/api/v1/press/spokesperson".to_string(),
            json!({"name": "x"}),
        ),
    ] {
        let (st, _) = management.post(&path, body).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{path}");
    }
    // A dispatcher does not even read.
    for path in [
        "/api/v1/press/strategy",
        "/api/v1/press/campaigns",
        "/api/v1/press/events",
    ] {
        let (st, _) = dispatcher.get_json(path).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{path}");
    }
    // Nobody but the head of service approves.
    officer
        .post_ok(&format!("/api/v1/press/strategy/{id}/submit"), json!({}))
        .await;
    let admin = app.api("admin2", Role::Administrator).await;
    let (st, _) = admin
        .post(&format!("/api/v1/press/strategy/{id}/approve"), json!({}))
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN);
});

both!(
    the_monthly_conference_check_notifies_the_press_officers_once,
    |app| {
        // Arrange: two press officers, no conference planned; the check runs as on 10 May 2031 (the
        // server's own job looks at the months of today).
        let officer = app.api("presa", Role::PressOfficer).await;
        app.api("presa2", Role::PressOfficer).await;
        let events = officer.get_ok("/api/v1/press/events").await;
        assert_eq!(
            events["months_without_conference"].as_array().map(Vec::len),
            Some(2)
        );
        let day = jiff::civil::date(2031, 5, 10);
        let told = "SELECT COUNT(*) FROM notifications WHERE kind = 'press_conference_gap' AND title LIKE '%2031%'";

        // Act: the check runs twice.
        let first = check::run_once(&app.db, day).await.expect("check");
        let second = check::run_once(&app.db, day).await.expect("check");

        // Assert: each officer is told once of each month lacking one (May and June).
        assert_eq!(first.gaps, vec!["2031-05", "2031-06"]);
        assert_eq!((first.notifications, second.notifications), (4, 0));
        assert_eq!(app.count(told).await, 4);
        assert_eq!(app.count("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'presa2' AND n.title LIKE '%iunie 2031%'").await, 1);

        // A conference planned in June leaves only May lacking, and nobody is told again.
        let (st, _) = officer
        .post("/api/v1/press/events", json!({"kind": "conference", "title": "Conferința lunară",
            "place": "Sediul Poliției Locale", "starts_at": "2031-06-10T11:00", "ends_at": "2031-06-10T12:00"}))
        .await;
        assert_eq!(st, StatusCode::CREATED);
        let third = check::run_once(&app.db, day).await.expect("check");
        assert_eq!(
            (third.gaps, third.notifications),
            (vec!["2031-05".to_string()], 0)
        );
        assert_eq!(app.count(told).await, 4);
    }
);

/// A journalist of one outlet; their id.
async fn journalist(app: &TestApp, outlet: i64, name: &str, email: &str) -> i64 {
    sqlx::query_scalar("INSERT INTO press_journalists (outlet_id, name, email, created_at) VALUES ($1, $2, $3, 0) RETURNING id")
        .bind(outlet)
        .bind(name)
        .bind(email)
        .fetch_one(app.db.pool())
        .await
        .expect("journalist")
}

/// An accreditation: kind event (of `event`) or permanent (until `valid_until`), with its status.
async fn accredit(
    app: &TestApp,
    journalist: i64,
    kind: &str,
    event: Option<i64>,
    valid_until: Option<&str>,
    status: &str,
) {
    sqlx::query(
        "INSERT INTO press_accreditations (journalist_id, kind, event_id, status, requested_at, due_on, valid_until) \
         VALUES ($1, $2, $3, $4, 0, '2026-01-01', $5)",
    )
    .bind(journalist)
    .bind(kind)
    .bind(event)
    .bind(status)
    .bind(valid_until)
    .execute(app.db.pool())
    .await
    .expect("accreditation");
}

/// A planned event `days` from today, 11:00–12:00; its id.
async fn planned(officer: &Api, title: &str, days: i64) -> i64 {
    let day = today()
        .checked_add(jiff::Span::new().days(days))
        .expect("day");
    officer
        .post_ok(
            "/api/v1/press/events",
            json!({"kind": "conference", "title": title, "place": "Sala mare",
            "starts_at": format!("{day}T11:00"), "ends_at": format!("{day}T12:00")}),
        )
        .await["id"]
        .as_i64()
        .expect("id")
}

both!(
    invitations_go_once_to_the_journalists_accredited_for_the_event,
    |app| {
        // Arrange
        let officer = app.api("presa", Role::PressOfficer).await;
        let event = planned(&officer, "Siguranța școlarilor", 10).await;
        let other = planned(&officer, "Alt eveniment", 20).await;
        let outlet: i64 = sqlx::query_scalar("INSERT INTO press_outlets (name, kind, created_at) VALUES ('Opinia Timișoarei', 'online', 0) RETURNING id")
        .fetch_one(app.db.pool())
        .await
        .expect("outlet");
        let for_event = journalist(&app, outlet, "Ana Pop", "ana@example.ro").await;
        let permanent = journalist(&app, outlet, "Dan Ionescu", "dan@example.ro").await;
        let refused = journalist(&app, outlet, "Radu Refuzat", "radu@example.ro").await;
        let expired = journalist(&app, outlet, "Elena Expirată", "elena@example.ro").await;
        let elsewhere = journalist(&app, outlet, "Mihai Altul", "mihai@example.ro").await;
        let far = today()
            .checked_add(jiff::Span::new().days(300))
            .expect("day")
            .to_string();
        let yesterday = today().yesterday().expect("day").to_string();
        accredit(&app, for_event, "event", Some(event), None, "granted").await;
        accredit(&app, permanent, "permanent", None, Some(&far), "granted").await;
        accredit(&app, refused, "event", Some(event), None, "refused").await;
        accredit(
            &app,
            expired,
            "permanent",
            None,
            Some(&yesterday),
            "granted",
        )
        .await;
        accredit(&app, elsewhere, "event", Some(other), None, "granted").await;

        // Act
        let sent = officer
            .post_ok(
                &format!("/api/v1/press/events/{event}/invitations"),
                json!({}),
            )
            .await;
        let again = officer
            .post_ok(
                &format!("/api/v1/press/events/{event}/invitations"),
                json!({}),
            )
            .await;

        // Assert: one mail for each accredited journalist, none again, none for the others.
        assert_eq!(
            (sent["queued"].as_i64(), sent["already"].as_i64()),
            (Some(2), Some(0))
        );
        assert_eq!(
            (again["queued"].as_i64(), again["already"].as_i64()),
            (Some(0), Some(2))
        );
        let to: Vec<(String, String)> =
            sqlx::query_as("SELECT recipient, body FROM mail_outbox ORDER BY recipient")
                .fetch_all(app.db.pool())
                .await
                .expect("outbox");
        assert_eq!(
            to.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>(),
            vec!["ana@example.ro", "dan@example.ro"]
        );
        assert!(
            to[0].1.contains("Siguranța școlarilor") && to[0].1.contains("/presa/evenimente.ics")
        );
        let page = officer
            .get_ok(&format!("/api/v1/press/events/{event}"))
            .await;
        let names: Vec<&str> = page["invitations"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|i| i["journalist"].as_str())
            .collect();
        assert_eq!(names, vec!["Ana Pop", "Dan Ionescu"]);
        // Each address read for it is in the access log.
        assert_eq!(
        app.count("SELECT COUNT(*) FROM access_log WHERE entity = 'press_journalist' AND fields = 'email'").await,
        2
    );
        // A cancelled event invites nobody.
        officer
            .post_ok(
                &format!("/api/v1/press/events/{other}/status"),
                json!({"status": "cancelled"}),
            )
            .await;
        let (st, _) = officer
            .post(
                &format!("/api/v1/press/events/{other}/invitations"),
                json!({}),
            )
            .await;
        assert_eq!(st, StatusCode::CONFLICT);
        assert_eq!(app.count("SELECT COUNT(*) FROM mail_outbox").await, 2);
    }
);

/// The local date-time of a DTSTART/DTEND with its zone.
fn local(d: Option<DatePerhapsTime>) -> (String, String) {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            (date_time.to_string(), tzid)
        }
        other => panic!("not a zoned date-time: {other:?}"),
    }
}

both!(
    the_public_calendar_parses_with_times_in_timisoara_across_summer_time,
    |app| {
        // Arrange: 11:00 in Timișoara before and after next year's change to summer time, one
        // cancelled; a spokesperson.
        let officer = app.api("presa", Role::PressOfficer).await;
        let year = today().year() + 1;
        let mut ids = Vec::new();
        for (day, title) in [
            (format!("{year}-03-20"), "Iarna, conferință; bilanț, gheață"),
            (format!("{year}-04-05"), "Primăvara"),
        ] {
            let e = officer
            .post_ok("/api/v1/press/events", json!({"kind": "conference", "title": title, "place": "Sediul, sala 2",
                "starts_at": format!("{day}T11:00"), "ends_at": format!("{day}T12:30"),
                "description": "Prima linie\nA doua linie, cu diacritice: ăâîșț — și destul de lungă încât să fie împăturită pe mai multe rânduri fizice."}))
            .await;
            ids.push((
                e["id"].as_i64().expect("id"),
                e["starts_at"].as_i64().expect("ms"),
                day,
            ));
        }
        officer
            .post_ok(
                &format!("/api/v1/press/events/{}/status", ids[1].0),
                json!({"status": "cancelled"}),
            )
            .await;
        officer
            .post_ok(
                "/api/v1/press/spokesperson",
                json!({"username": "presa", "phone": "0256 000 000"}),
            )
            .await;

        // Act: the feed, as a stranger.
        let r = app
            .client
            .get(app.url("/presa/evenimente.ics"))
            .send()
            .await
            .expect("feed");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.headers()["content-type"]
                .to_str()
                .expect("type")
                .starts_with("text/calendar")
        );
        let text = r.text().await.expect("text");

        // Assert: lines end in CRLF and keep to 75 octets; the icalendar crate reads it.
        assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'));
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
        let cal: icalendar::Calendar = text.parse().expect("parses");
        assert_eq!(cal.property_value("METHOD"), Some("PUBLISH"));
        assert!(
            cal.property_value("X-WR-CALDESC")
                .is_some_and(|d| d.contains("0256 000 000"))
        );
        let events: Vec<&icalendar::Event> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 2);
        for (i, (id, starts_ms, day)) in ids.iter().enumerate() {
            let e = events
                .iter()
                .find(|e| e.get_uid() == Some(&format!("press-event-{id}@veghe")))
                .expect("event");
            assert_eq!(
                local(e.get_start()),
                (format!("{day} 11:00:00"), "Europe/Bucharest".to_string())
            );
            assert_eq!(
                local(e.get_end()),
                (format!("{day} 12:30:00"), "Europe/Bucharest".to_string())
            );
            // The same instant as stored: 09:00 UTC in winter, 08:00 UTC in summer.
            let utc = jiff::Timestamp::from_millisecond(*starts_ms)
                .expect("ts")
                .strftime("%H:%M")
                .to_string();
            assert_eq!(utc, if i == 0 { "09:00" } else { "08:00" });
            assert!(e.get_timestamp().is_some());
            assert_eq!(e.get_location(), Some("Sediul, sala 2"));
            assert!(
                e.get_description()
                    .is_some_and(|d| d.contains("ăâîșț") && d.contains('\n'))
            );
            assert_eq!(
                e.get_status(),
                Some(if i == 0 {
                    icalendar::EventStatus::Confirmed
                } else {
                    icalendar::EventStatus::Cancelled
                })
            );
        }
        assert_eq!(
            events
                .iter()
                .find(|e| e.get_uid() == Some(&format!("press-event-{}@veghe", ids[0].0)))
                .and_then(|e| e.get_summary()),
            Some("Iarna, conferință; bilanț, gheață")
        );
    }
);

both!(
    every_page_answers_and_a_campaign_is_added_and_linked,
    |app| {
        // Arrange: an approved strategy and an event.
        let officer = app.api("presa", Role::PressOfficer).await;
        let head = app.api("sef", Role::HeadOfService).await;
        let id = drafted(&officer).await;
        officer
            .post_ok(&format!("/api/v1/press/strategy/{id}/submit"), json!({}))
            .await;
        let s = head
            .post_ok(&format!("/api/v1/press/strategy/{id}/approve"), json!({}))
            .await;
        let event = planned(&officer, "Conferința lunară", 3).await;
        let b = app.signed_in("presa2", Role::PressOfficer).await;

        // Act: a campaign through the page's form, linked to the strategy's message.
        let r = b
            .post_form(
                "/press/campaigns",
                &[
                    ("name", "Școala în siguranță"),
                    ("starts_on", "2026-09-01"),
                    ("ends_on", "2026-10-15"),
                    ("channels", "presă, Facebook ,școli"),
                ],
            )
            .await;
        assert!(r.status().is_redirection(), "{}", r.status());
        let campaign = officer.get_ok("/api/v1/press/campaigns").await[0].clone();
        let cid = campaign["id"].as_i64().expect("id");
        assert_eq!(campaign["channels"], "presă, Facebook, școli");
        let origin = s["messages"][0]["origin_id"]
            .as_i64()
            .expect("origin")
            .to_string();
        let r = b
            .post_form(
                &format!("/press/campaigns/{cid}/links"),
                &[("kind", "message"), ("origin_id", &origin), ("linked", "1")],
            )
            .await;
        assert!(r.status().is_redirection());
        let c: Value = officer
            .get_ok(&format!("/api/v1/press/campaigns/{cid}"))
            .await;
        assert_eq!(c["messages"], json!([s["messages"][0]["origin_id"]]));
        // A release linked to the campaign is listed on the campaign's page.
        let release = app
            .published_release("Drumul spre școală, în siguranță")
            .await;
        sqlx::query("UPDATE press_releases SET campaign_id = $1 WHERE id = $2")
            .bind(cid)
            .bind(release)
            .execute(app.db.pool())
            .await
            .expect("link");
        let page = b
            .get(&format!("/press/campaigns/{cid}"))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            page.contains(&format!("/press/releases/{release}"))
                && page.contains("Drumul spre școală, în siguranță"),
            "{page}"
        );
        // A refused form comes back with the refusal in Romanian.
        let r = b
            .post_form(
                "/press/campaigns",
                &[
                    ("name", "Fără date"),
                    ("starts_on", "2026-10-01"),
                    ("ends_on", "2026-09-01"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(
            r.text()
                .await
                .expect("page")
                .contains("Campania se încheie după ce începe")
        );

        // Assert: every page answers.
        for path in [
            "/press",
            "/press/strategy".to_string().as_str(),
            &format!("/press/strategy/{id}"),
            "/press/campaigns",
            &format!("/press/campaigns/{cid}"),
            "/press/events",
            &format!("/press/events/{event}"),
        ] {
            let r = b.get(path).await;
            assert_eq!(r.status(), StatusCode::OK, "{path}");
        }
        let desk = b.get("/press").await.text().await.expect("desk");
        // This month or the next has no conference (the event falls in only one of them).
        assert!(desk.contains("Nicio conferință de presă planificată"));
    }
);

both!(
    the_demo_seeds_an_approved_strategy_campaigns_and_a_monthly_conference,
    |app| {
        // Arrange: the demo's press officer and head of service.
        let officer = app.api("presa", Role::PressOfficer).await;
        app.api("sef", Role::HeadOfService).await;

        // Act
        let events = veghe::demo::press_strategy::seed(&app.db)
            .await
            .expect("seed");

        // Assert
        let s = officer.get_ok("/api/v1/press/strategy").await;
        assert_eq!(
            s["in_force"]["objectives"].as_array().map(Vec::len),
            Some(4)
        );
        assert_eq!(s["in_force"]["audiences"].as_array().map(Vec::len), Some(4));
        assert_eq!(s["open"]["status"], "draft");
        let campaigns = officer.get_ok("/api/v1/press/campaigns").await;
        assert_eq!(campaigns.as_array().map(Vec::len), Some(5));
        assert!(
            campaigns
                .as_array()
                .expect("list")
                .iter()
                .all(|c| !c["objectives"].as_array().expect("links").is_empty())
        );
        let who = officer.get_ok("/api/v1/press/spokesperson").await;
        assert_eq!(who["current"]["username"], "presa");
        assert_eq!(events, 19);
        let listed = officer.get_ok("/api/v1/press/events").await;
        assert_eq!(listed["months_without_conference"], json!([]));
    }
);
