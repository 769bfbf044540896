//! The duty desk beyond the basics: address type-ahead, joining a call to an open incident
//! nearby, notes, attachments, releasing a crew, a crew's route, and the incident page.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::fixtures::noise_at;

both!(address_type_ahead_folds_diacritics, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (s, plain) = disp.get_json("/api/v1/addresses?q=timisoara").await;
    assert_eq!(s, StatusCode::OK);
    let labels = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("array")
            .iter()
            .map(|x| x["label"].as_str().expect("label").to_string())
            .collect()
    };
    assert!(
        labels(&plain).iter().any(|l| l.contains("Timișoara")),
        "{plain}"
    );
    for q in ["Timi%C5%9Foara", "Timi%C8%99oara", "TIMISOARA"] {
        let (_, other) = disp.get_json(&format!("/api/v1/addresses?q={q}")).await;
        assert_eq!(labels(&other), labels(&plain), "query {q}");
    }
    let (_, numbered) = disp
        .get_json("/api/v1/addresses?q=bul%20republicii%2012")
        .await;
    assert_eq!(numbered[0]["label"], "Bulevardul Republicii nr. 12");
});

both!(a_call_near_an_open_incident_is_offered_to_join_it, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (_, first) = disp
        .post("/api/v1/incidents", noise_at(45.7570, 21.2290))
        .await;
    // About 45 m north: offered. About 330 m away: not.
    let (s, near) = disp
        .get_json("/api/v1/incidents/nearby?lat=45.7574&lon=21.2290&type=noise")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(near.as_array().map(Vec::len), Some(1), "{near}");
    assert_eq!(near[0]["id"], first["id"]);
    assert_eq!(near[0]["same_type"], true);
    let d = near[0]["distance_m"].as_f64().expect("distance");
    assert!((40.0..50.0).contains(&d), "{d}");
    let (_, far) = disp
        .get_json("/api/v1/incidents/nearby?lat=45.7600&lon=21.2290&type=noise")
        .await;
    assert_eq!(far, json!([]));
    let (s, _) = disp
        .get_json("/api/v1/incidents/nearby?lat=95&lon=21.2")
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);

    // The dispatcher joins the second call instead of opening a duplicate.
    let path = format!("/api/v1/incidents/{}/calls", first["id"]);
    let (s, _) = disp
        .post(
            &path,
            json!({"caller_name": "Ana Pop", "caller_phone": "0722 111 222", "description": "Tot zgomot"}),
        )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(app.count("SELECT COUNT(*) FROM incidents").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM incident_calls").await, 1);
    let (_, timeline) = disp
        .get_json(&format!("/api/v1/incidents/{}/timeline", first["id"]))
        .await;
    let call = timeline
        .as_array()
        .expect("timeline")
        .iter()
        .find(|e| e["kind"] == "call")
        .expect("the call is on the timeline");
    assert_eq!(call["note"], "Tot zgomot");
    assert!(
        !timeline.to_string().contains("Ana Pop"),
        "the caller is not on the timeline"
    );

    // Once closed, it cannot take further calls.
    let status = format!("/api/v1/incidents/{}/status", first["id"]);
    disp.post(&status, json!({"status": "closed", "outcome": "warning"}))
        .await;
    let (s, body) = disp.post(&path, json!({"description": "Iar"})).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    assert_eq!(app.count("SELECT COUNT(*) FROM incident_calls").await, 1);
});

both!(notes_and_attachments_are_kept_with_the_incident, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let (_, inc) = disp.post("/api/v1/incidents", noise_at(45.75, 21.22)).await;
    let id = inc["id"].as_i64().expect("id");

    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/notes"),
            json!({"note": "Martorul revine la telefon"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, body) = disp
        .post(
            &format!("/api/v1/incidents/{id}/notes"),
            json!({"note": "   "}),
        )
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("note"))
    );

    let png: Vec<u8> = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-rest-of-image".to_vec();
    let r = disp
        .request(
            Method::POST,
            &format!("/api/v1/incidents/{id}/attachments?name=C:%5Cpoze%5Cfoto.png"),
        )
        .body(png.clone())
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::CREATED);
    let a: Value = r.json().await.expect("json");
    assert_eq!(
        (a["name"].as_str(), a["content_type"].as_str()),
        (Some("foto.png"), Some("image/png"))
    );

    // A program is refused, naming the kinds accepted; nothing is stored.
    let r = disp
        .request(
            Method::POST,
            &format!("/api/v1/incidents/{id}/attachments?name=poza.jpg"),
        )
        .body(b"MZ\x90\0\x03\0\0\0\x04\0".to_vec())
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.expect("json");
    assert!(
        e["error"]["message"].as_str().expect("msg").contains("PDF"),
        "{e}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM incident_attachments").await,
        1
    );

    let r = disp.get(&format!("/api/v1/attachments/{}", a["id"])).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.bytes().await.expect("bytes").to_vec(), png);

    let (_, list) = disp
        .get_json(&format!("/api/v1/incidents/{id}/attachments"))
        .await;
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let (_, timeline) = disp
        .get_json(&format!("/api/v1/incidents/{id}/timeline"))
        .await;
    let kinds: Vec<&str> = timeline
        .as_array()
        .expect("t")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"note") && kinds.contains(&"attachment"),
        "{kinds:?}"
    );
});

both!(
    a_released_crew_is_available_and_the_incident_waits_again,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let unit = app.add_unit("PL-501", None).await;
        let (_, inc) = disp.post("/api/v1/incidents", noise_at(45.75, 21.22)).await;
        let id = inc["id"].as_i64().expect("id");
        let (s, _) = disp
            .post(
                &format!("/api/v1/incidents/{id}/assign"),
                json!({"unit_id": unit}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, after) = disp
            .post(
                &format!("/api/v1/incidents/{id}/unassign"),
                json!({"unit_id": unit, "note": "deviat la P1"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{after}");
        assert_eq!(after["status"], "received");
        assert_eq!(after["unit_id"], Value::Null);
        let status: (String,) = sqlx::query_as("SELECT status FROM units WHERE id = $1")
            .bind(unit)
            .fetch_one(app.db.pool())
            .await
            .expect("unit");
        assert_eq!(status.0, "available");
        let (s, body) = disp
            .post(
                &format!("/api/v1/incidents/{id}/unassign"),
                json!({"unit_id": unit}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .expect("m")
                .contains("not assigned")
        );
    }
);

both!(a_crews_route_is_replayed_from_its_positions, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-601", Some("trk-601")).await;
    let t0 = veghe::db::now_ms() / 1000 - 600;
    for (i, lat) in [45.750, 45.751, 45.752, 45.753].iter().enumerate() {
        let r = app
            .client
            .get(app.url(&format!(
                "/osmand?id=trk-601&lat={lat}&lon=21.22&timestamp={}",
                t0 + 60 * i as i64
            )))
            .send()
            .await
            .expect("fix");
        assert_eq!(r.status(), StatusCode::OK);
    }
    let (s, t) = disp.get_json(&format!("/api/v1/units/{unit}/track")).await;
    assert_eq!(s, StatusCode::OK, "{t}");
    let lats: Vec<f64> = t["points"]
        .as_array()
        .expect("points")
        .iter()
        .filter_map(|p| p["lat"].as_f64())
        .collect();
    assert_eq!(lats, [45.750, 45.751, 45.752, 45.753]);
    let d = t["distance_m"].as_f64().expect("distance");
    assert!(
        (330.0..340.0).contains(&d),
        "three legs of about 111 m: {d}"
    );

    // A narrower period holds fewer fixes; GeoJSON gives the line and the points.
    let from = jiff::Timestamp::from_second(t0 + 90).expect("ts");
    let (_, part) = disp
        .get_json(&format!("/api/v1/units/{unit}/track?from={from}"))
        .await;
    assert_eq!(part["points"].as_array().map(Vec::len), Some(2));
    let (_, geo) = disp
        .get_json(&format!("/api/v1/units/{unit}/track?format=geojson"))
        .await;
    assert_eq!(geo["features"][0]["geometry"]["type"], "LineString");
    assert_eq!(geo["features"].as_array().map(Vec::len), Some(5));

    let (s, body) = disp
        .get_json(&format!("/api/v1/units/{unit}/track?from=ieri"))
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("from"))
    );
    let (s, _) = disp.get_json("/api/v1/units/9999/track").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
});

both!(the_incident_page_drives_the_incident, |app| {
    let disp = app.api("api", Role::Dispatcher).await;
    let unit = app.add_unit("PL-701", None).await;
    sqlx::query("UPDATE units SET last_lat = 45.752, last_lon = 21.221, last_position_at = $1 WHERE id = $2")
        .bind(veghe::db::now_ms())
        .bind(unit)
        .execute(app.db.pool())
        .await
        .expect("position");
    let (_, inc) = disp.post("/api/v1/incidents", noise_at(45.75, 21.22)).await;
    let id = inc["id"].as_i64().expect("id");
    let browser = app.signed_in("disp", Role::Dispatcher).await;

    let page = browser
        .get(&format!("/incidents/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains(inc["reference"].as_str().expect("ref")),
        "the page names the incident"
    );
    assert!(
        page.contains("Alocă PL-701"),
        "the nearby crew is recommended"
    );
    assert!(
        page.contains("<dt>Sursa</dt><dd>apel telefonic</dd>"),
        "the source in words, not its code"
    );

    let r = browser
        .post_form(
            &format!("/incidents/{id}/assign"),
            &[("unit_id", &unit.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Closing without an outcome: the page again, with the rule that refused it.
    let r = browser
        .post_form(
            &format!("/incidents/{id}/status"),
            &[("status", "closed"), ("outcome", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body = r.text().await.expect("body");
    assert!(body.contains("outcome"), "the reason is shown");
    let r = browser
        .post_form(
            &format!("/incidents/{id}/notes"),
            &[("note", "Echipajul a sosit")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = browser
        .get(&format!("/incidents/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("Echipajul a sosit") && page.contains("Eliberează PL-701"),
        "note and crew shown"
    );
    assert!(
        page.contains("Echipaj alocat (PL-701)"),
        "the timeline names the crew by its call sign"
    );

    // Others may read it but see neither the caller nor the actions.
    let analyst = app.signed_in("an", Role::Analyst).await;
    let r = analyst.get(&format!("/incidents/{id}")).await;
    if r.status() == StatusCode::OK {
        let page = r.text().await.expect("page");
        assert!(!page.contains("Schimbă starea"));
    }
    let r = analyst
        .post_form(&format!("/incidents/{id}/notes"), &[("note", "x")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
});

both!(the_duty_log_holds_every_call_and_communication, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-801", None).await;
    let (_, inc) = disp.post("/api/v1/incidents", noise_at(45.75, 21.22)).await;
    let id = inc["id"].as_i64().expect("id");
    disp.post(
        &format!("/api/v1/incidents/{id}/calls"),
        json!({"description": "vecinul"}),
    )
    .await;
    disp.post(
        &format!("/api/v1/units/{unit}/checkin"),
        json!({"note": "totul în regulă"}),
    )
    .await;
    let (s, _) = disp
        .post(
            "/api/v1/dutylog",
            json!({"kind": "radio", "summary": "IPJ anunță filtru pe Calea Șagului", "unit_id": unit}),
        )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, body) = disp
        .post("/api/v1/dutylog", json!({"kind": "fax", "summary": "x"}))
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("kind"))
    );
    let (s, body) = disp
        .post(
            "/api/v1/dutylog",
            json!({"kind": "radio", "summary": "x", "unit_id": 999}),
        )
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("unit_id"))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM duty_log").await, 1);

    let (s, log) = disp.get_json("/api/v1/dutylog").await;
    assert_eq!(s, StatusCode::OK);
    let kinds: Vec<&str> = log
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["kind"].as_str())
        .collect();
    for k in ["call", "further_call", "checkin", "radio"] {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    let times: Vec<i64> = log
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["at"].as_i64())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // The page shows the day; the shift is handed over by one dispatcher, taken by another.
    let outgoing = app.signed_in("d1", Role::Dispatcher).await;
    let page = outgoing.get("/duty").await.text().await.expect("page");
    assert!(page.contains("IPJ anunță filtru pe Calea Șagului"));
    let r = outgoing
        .post_form("/duty/shift", &[("notes", "Urmăriți PL-801")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let hid: (i64,) = sqlx::query_as("SELECT id FROM shift_handovers")
        .fetch_one(app.db.pool())
        .await
        .expect("handover");
    let r = outgoing
        .post_form("/duty/shift/accept", &[("id", &hid.0.to_string())])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "not by the one who hands over"
    );
    let incoming = app.signed_in("d2", Role::Dispatcher).await;
    let page = incoming.get("/duty").await.text().await.expect("page");
    assert!(page.contains("Urmăriți PL-801") && page.contains("Preiau tura"));
    let r = incoming
        .post_form("/duty/shift/accept", &[("id", &hid.0.to_string())])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = incoming.get("/duty").await.text().await.expect("page");
    assert!(
        page.contains("primită de d2"),
        "the log records who took the shift"
    );
});

both!(the_crew_view_follows_the_crews_incident, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-901", None).await;
    let other = app.add_unit("PL-902", Some("trk-902")).await;
    let (day, shift) = veghe::settings::Shifts::default().shift_at(veghe::db::now_ms());
    let roster = json!({"unit_id": unit, "day": day.to_string(), "shift": shift.code(),
        "members": ["agent1", "agent2"], "vehicle": "TM-01-PLT", "radio": "R-17", "tracker_id": "trk-901"});
    let (s, saved) = disp.post("/api/v1/rosters", roster.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{saved}");
    assert_eq!(saved["members"], json!(["agent1", "agent2"]));
    let tracker: (Option<String>,) = sqlx::query_as("SELECT tracker_id FROM units WHERE id = $1")
        .bind(unit)
        .fetch_one(app.db.pool())
        .await
        .expect("unit");
    assert_eq!(
        tracker.0.as_deref(),
        Some("trk-901"),
        "the shift under way sets the equipment"
    );
    // A tracker already with another crew is refused, naming it; nothing changes.
    let mut taken = roster.clone();
    taken["tracker_id"] = json!("trk-902");
    let (s, body) = disp.post("/api/v1/rosters", taken).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        body["error"]["message"]
            .as_str()
            .expect("m")
            .contains("PL-902"),
        "{body}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM rosters").await, 1);
    let (s, body) = disp
        .post(
            "/api/v1/rosters",
            json!({"unit_id": other, "day": "2026-02-30", "shift": "day", "members": ["x"]}),
        )
        .await;
    assert_eq!(
        (s, body["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("day"))
    );

    let (_, inc) = disp
        .post("/api/v1/incidents", noise_at(45.7537, 21.2257))
        .await;
    let id = inc["id"].as_i64().expect("id");
    disp.post(
        &format!("/api/v1/incidents/{id}/assign"),
        json!({"unit_id": unit}),
    )
    .await;

    let crew = app.signed_in("agent1", Role::Crew).await;
    let page = crew.get("/crew").await.text().await.expect("page");
    assert!(
        page.contains("Strada Alba Iulia nr. 2") && page.contains("Echipajul PL-901"),
        "the crew sees its incident"
    );
    let r = crew
        .post_form("/crew/status", &[("status", "en_route")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, now) = disp.get_json(&format!("/api/v1/incidents/{id}")).await;
    assert_eq!(now["status"], "en_route");
    let (_, units) = disp.get_json("/api/v1/units").await;
    let me = units
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["id"] == unit)
        .expect("unit")
        .clone();
    assert_eq!(me["status"], "en_route", "board, API and crew view agree");
    let r = crew
        .post_form("/crew/status", &[("status", "closed"), ("outcome", "")])
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = crew
        .post_form("/crew/status", &[("status", "cancelled")])
        .await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "cancelling is the desk's"
    );

    // The phone reports its position for the crew.
    let csrf = crew.csrf().await;
    let r = crew
        .send(app.client.post(app.url("/crew/position")).header("x-csrf-token", csrf.clone())
            .json(&json!({"lat": 45.7541, "lon": 21.2262, "accuracy": 12.0, "timestamp": veghe::db::now_ms() as f64})))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, units) = disp.get_json("/api/v1/units").await;
    let me = units
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["id"] == unit)
        .expect("unit")
        .clone();
    assert_eq!(me["last_lat"], 45.7541);
    let r = crew
        .send(
            app.client
                .post(app.url("/crew/position"))
                .header("x-csrf-token", csrf)
                .json(&json!({"lat": 145.0, "lon": 21.2})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 1);

    // An officer in no crew this shift is told so.
    let stranger = app.signed_in("agent9", Role::Crew).await;
    let page = stranger.get("/crew").await.text().await.expect("page");
    assert!(page.contains("Nu sunteți în planificarea"));
});

both!(
    the_demo_simulation_dispatches_and_moves_crews_through_the_endpoint,
    |app| {
        let unit = app.add_unit("PL-101", Some("trk-101")).await;
        sqlx::query("UPDATE units SET last_lat = 45.7400, last_lon = 21.2200, last_position_at = $1 WHERE id = $2")
        .bind(veghe::db::now_ms())
        .bind(unit)
        .execute(app.db.pool())
        .await
        .expect("position");
        let disp = app.api("disp", Role::Dispatcher).await;
        let (_, inc) = disp
            .post("/api/v1/incidents", noise_at(45.7537, 21.2257))
            .await;
        // The call has waited two minutes and nobody took it.
        sqlx::query("UPDATE incidents SET received_at = received_at - 120000")
            .execute(app.db.pool())
            .await
            .expect("age");
        let state = veghe::AppState::new(
            app.db.clone(),
            veghe::config::Config::for_database(&app.test_db_url()),
        );
        let address: std::net::SocketAddr = app
            .address
            .trim_start_matches("http://")
            .parse()
            .expect("addr");
        let mut sim = veghe::demo::live::Simulation::new(1, veghe::db::now_ms(), false);
        sim.step(&state, address).await.expect("step");

        let (_, now) = disp
            .get_json(&format!("/api/v1/incidents/{}", inc["id"]))
            .await;
        assert_eq!(
            now["status"], "en_route",
            "the nearest crew was sent and is on its way"
        );
        assert_eq!(now["unit_id"], unit);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM positions").await,
            1,
            "a position came through /osmand"
        );
        let (lat,): (f64,) = sqlx::query_as("SELECT last_lat FROM units WHERE id = $1")
            .bind(unit)
            .fetch_one(app.db.pool())
            .await
            .expect("unit");
        assert!(
            lat > 45.7400 && lat < 45.7537,
            "the crew moved toward the incident: {lat}"
        );
    }
);

/// The demo's busy crews are busy with an open incident that names them (one engine: the seed is
/// the same code on both, and three years of history take a while in a debug build).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_crews_on_calls_are_assigned_to_them() {
    let app = TestApp::spawn(crate::helpers::Engine::Sqlite).await;
    veghe::demo::seed_history(&app.db, 7, veghe::db::now_ms(), false)
        .await
        .expect("seed");
    type Row = (String, String, Option<i64>, Option<String>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT u.call_sign, u.status, u.incident_id, i.status, i.unit_id FROM units u LEFT JOIN incidents i ON i.id = u.incident_id \
         WHERE u.status IN ('dispatched', 'en_route', 'on_scene')",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("units");
    assert!(!rows.is_empty(), "the demo has crews out");
    for (call_sign, status, incident, incident_status, incident_unit) in rows {
        assert!(
            incident.is_some(),
            "{call_sign} is {status} with no incident"
        );
        assert_eq!(
            incident_status.as_deref(),
            Some(status.as_str()),
            "{call_sign}"
        );
        assert!(
            incident_unit.is_some(),
            "{call_sign}'s incident names a crew"
        );
    }
}
