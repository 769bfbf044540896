//! Dispatch through the API: incidents numbered per year, the lifecycle enforced, crews
//! assigned once, everything on the timeline and in the audit trail.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;

async fn axum_serve(listener: tokio::net::TcpListener, app: axum::Router) -> std::io::Result<()> {
    axum::serve(listener, app).await
}

fn call() -> Value {
    json!({"type": "noise", "priority": 2, "lat": 45.7537, "lon": 21.2257,
           "address": "Piața Victoriei nr. 1", "description": "Muzică tare", "caller_name": "Ion Pop", "caller_phone": "0722 000 000"})
}

both!(
    incidents_are_created_with_consecutive_numbers_of_the_year,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let (s1, a) = disp.post("/api/v1/incidents", call()).await;
        let (s2, b) = disp.post("/api/v1/incidents", call()).await;
        assert_eq!((s1, s2), (StatusCode::CREATED, StatusCode::CREATED));
        assert_eq!(b["number"].as_i64(), a["number"].as_i64().map(|n| n + 1));
        assert_eq!(a["status"], "received");
        assert_eq!(a["neighbourhood"], "centru");
        assert!(
            a.get("caller_name").is_none(),
            "personal data is not in the incident body"
        );

        let r = disp.get(&format!("/api/v1/incidents/{}", a["id"])).await;
        assert_eq!(r.status(), StatusCode::OK);
        let again: Value = r.json().await.expect("json");
        assert_eq!(again["reference"], a["reference"]);
    }
);

both!(
    bad_calls_are_refused_naming_the_field_and_nothing_is_saved,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let cases = [
            (
                json!({"type": "ufo", "priority": 2, "address": "x"}),
                "type",
            ),
            (
                json!({"type": "noise", "priority": 7, "address": "x"}),
                "priority",
            ),
            (
                json!({"type": "noise", "priority": 1, "lat": 95.0, "lon": 21.0}),
                "lat",
            ),
            (json!({"type": "noise", "priority": 1}), "address"),
            (
                json!({"type": "noise", "priority": 1, "address": "x", "source": "pigeon"}),
                "source",
            ),
            (json!({"priority": 1}), "type"),
        ];
        for (body, field) in cases {
            let (status, e) = disp.post("/api/v1/incidents", body).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{field}");
            assert_eq!(e["error"]["field"], field, "{e}");
        }
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM incidents")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(n.0, 0);
        let analyst = app.api("an", Role::Analyst).await;
        let (status, _) = analyst.post("/api/v1/incidents", call()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
);

both!(the_lifecycle_is_enforced_and_crews_follow_it, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-101", None).await;
    let (_, inc) = disp.post("/api/v1/incidents", call()).await;
    let id = inc["id"].as_i64().expect("id");

    let (s, e) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "on_scene"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        e["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("from `received`"),
        "{e}"
    );

    let (s, after) = disp
        .post(
            &format!("/api/v1/incidents/{id}/assign"),
            json!({"unit_id": unit}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(after["status"], "dispatched");
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "en_route"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let units: Vec<Value> = disp.get("/api/v1/units").await.json().await.expect("units");
    assert_eq!(units[0]["status"], "en_route");
    assert_eq!(units[0]["incident_id"], id);

    let (s, e) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "outcome");
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "on_scene"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, closed) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "closed", "outcome": "warning"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(closed["outcome"], "warning");
    let units: Vec<Value> = disp.get("/api/v1/units").await.json().await.expect("units");
    assert_eq!(units[0]["status"], "available");
    assert!(units[0]["incident_id"].is_null());

    let timeline: Vec<Value> = disp
        .get(&format!("/api/v1/incidents/{id}/timeline"))
        .await
        .json()
        .await
        .expect("timeline");
    let kinds: Vec<&str> = timeline
        .iter()
        .filter_map(|t| t["to_status"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["received", "dispatched", "en_route", "on_scene", "closed"]
    );
    assert!(timeline.iter().all(|t| t["actor"] == "disp"));
    assert_eq!(
        veghe::audit::verify(&app.db).await.expect("verify"),
        veghe::audit::Verdict::Intact { entries: 7 }
    ); // account, disp, incident and its four changes
});

both!(two_dispatchers_assigning_one_crew_at_once_one_wins, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-202", None).await;
    let (_, a) = disp.post("/api/v1/incidents", call()).await;
    let (_, b) = disp.post("/api/v1/incidents", call()).await;
    let (path_a, path_b) = (
        format!("/api/v1/incidents/{}/assign", a["id"]),
        format!("/api/v1/incidents/{}/assign", b["id"]),
    );
    let (ra, rb) = tokio::join!(
        disp.post(&path_a, json!({"unit_id": unit})),
        disp.post(&path_b, json!({"unit_id": unit})),
    );
    let mut statuses = [ra.0, rb.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::CONFLICT]);
    let loser = if ra.0 == StatusCode::CONFLICT {
        ra.1
    } else {
        rb.1
    };
    let message = loser["error"]["message"].as_str().expect("message");
    assert!(
        message.contains("PL-202") && message.contains("dispatched with incident"),
        "{message}"
    );
});

/// Reads the SSE stream until `want` events named `name` arrived (or 10 s passed).
async fn read_events(mut r: reqwest::Response, name: &str, want: usize) -> Vec<(i64, Value)> {
    let mut buffer = String::new();
    let mut found = Vec::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while found.len() < want {
        let chunk = tokio::time::timeout_at(deadline, r.chunk()).await;
        let Ok(Ok(Some(bytes))) = chunk else { break };
        buffer.push_str(&String::from_utf8_lossy(&bytes));
        while let Some(end) = buffer.find("\n\n") {
            let block: String = buffer.drain(..end + 2).collect();
            let field = |k: &str| {
                block
                    .lines()
                    .find_map(|l| l.strip_prefix(k))
                    .map(str::trim)
                    .map(str::to_string)
            };
            if field("event:").as_deref() == Some(name) {
                let id = field("id:").and_then(|i| i.parse().ok()).unwrap_or(0);
                let data = field("data:")
                    .and_then(|d| serde_json::from_str(&d).ok())
                    .unwrap_or(Value::Null);
                found.push((id, data));
            }
        }
    }
    found
}

both!(
    the_event_stream_pushes_changes_and_replays_after_last_event_id,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let stream = disp
            .request(Method::GET, "/api/v1/events")
            .send()
            .await
            .expect("sse");
        assert_eq!(stream.status(), StatusCode::OK);
        assert!(
            stream.headers()["content-type"]
                .to_str()
                .expect("ct")
                .starts_with("text/event-stream")
        );
        let (_, first) = disp.post("/api/v1/incidents", call()).await;
        let got = read_events(stream, "incident.created", 1).await;
        assert_eq!(got.len(), 1, "no event received");
        assert_eq!(got[0].1["id"], first["id"]);

        // A client that was away: two incidents while disconnected, then it resumes.
        let (_, second) = disp.post("/api/v1/incidents", call()).await;
        let (_, third) = disp.post("/api/v1/incidents", call()).await;
        let resumed = disp
            .request(Method::GET, "/api/v1/events")
            .header("Last-Event-ID", got[0].0.to_string())
            .send()
            .await
            .expect("sse");
        let missed = read_events(resumed, "incident.created", 2).await;
        let ids: Vec<&Value> = missed.iter().map(|(_, v)| &v["id"]).collect();
        assert_eq!(ids, [&second["id"], &third["id"]]);
    }
);

both!(trackers_report_positions_by_the_osmand_protocol, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    app.add_unit("PL-303", Some("trk-303")).await;
    let now = veghe::db::now_ms() / 1000;

    // The classic query string (speed in knots).
    let r = app
        .client
        .get(app.url(&format!(
            "/osmand?id=trk-303&lat=45.7489&lon=21.2087&timestamp={now}&speed=10&bearing=45&batt=77"
        )))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), StatusCode::OK);
    // A form POST without cookies, as trackers send it.
    let r = app
        .client
        .post(app.url("/osmand"))
        .form(&[
            ("id", "trk-303"),
            ("lat", "45.75"),
            ("lon", "21.21"),
            ("timestamp", &(now + 5).to_string()),
        ])
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), StatusCode::OK);
    // The JSON body of newer clients (speed in m/s).
    let body = json!({"device_id": "trk-303", "location": {"timestamp": jiff::Timestamp::from_second(now + 10).expect("ts").to_string(),
        "coords": {"latitude": 45.751, "longitude": 21.212, "speed": 3.0, "heading": 90.0}}});
    let r = app
        .client
        .post(app.url("/osmand"))
        .json(&body)
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 3);

    let units: Vec<Value> = disp.get("/api/v1/units").await.json().await.expect("units");
    assert_eq!(units[0]["last_lat"], 45.751);
    assert_eq!(units[0]["last_position_at"], (now + 10) * 1000);

    // Refused, with nothing stored.
    for (query, field) in [
        ("id=nobody&lat=45.7&lon=21.2", "id"),
        ("id=trk-303&lat=145.7&lon=21.2", "lat"),
        ("id=trk-303&lat=45.7&lon=21.2&timestamp=soon", "timestamp"),
    ] {
        let r = app
            .client
            .get(app.url(&format!("/osmand?{query}")))
            .send()
            .await
            .expect("req");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{query}");
        let e: Value = r.json().await.expect("json");
        assert_eq!(e["error"]["field"], field);
    }
    let r = app
        .client
        .get(app.url("/osmand?id=nobody&lat=45.7&lon=21.2"))
        .send()
        .await
        .expect("req");
    let e: Value = r.json().await.expect("json");
    assert!(
        e["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("nobody")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 3);
});

both!(a_dispatcher_takes_a_call_on_the_board, |app| {
    let b = app.signed_in("disp", Role::Dispatcher).await;
    let page = b.get("/board").await.text().await.expect("page");
    assert!(page.contains("id=\"intake\"") && page.contains("Nu există incidente deschise"));

    let r = b
        .post_form(
            "/board/incidents",
            &[
                ("type", "brawl"),
                ("priority", "1"),
                ("address", "Piața Unirii nr. 3"),
                ("lat", "45,7580"),
                ("lon", "21,2290"),
                ("caller_name", "Ana"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The board says which number the call got, with a link to it, and that it is on the map.
    let back = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    assert!(back.starts_with("/board?created="), "{back}");
    let id = back.trim_start_matches("/board?created=");
    let page = b.get(&back).await.text().await.expect("page");
    let (s, incident) = app
        .api("disp2", Role::Dispatcher)
        .await
        .get_json(&format!("/api/v1/incidents/{id}"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let reference = incident["reference"].as_str().expect("reference");
    assert!(
        page.contains(&format!("<a href=\"/incidents/{id}\">{reference}</a>"))
            && page.contains("localizat pe hartă"),
        "{page}"
    );
    let tables = b.get("/board/tables").await.text().await.expect("tables");
    assert!(
        tables.contains("Scandal")
            && tables.contains("Piața Unirii nr. 3")
            && tables.contains("P1"),
        "{tables}"
    );

    let r = b
        .post_form(
            "/board/incidents",
            &[("type", "brawl"), ("priority", "9"), ("address", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let analyst = app.signed_in("an", Role::Analyst).await;
    let page = analyst.get("/board").await.text().await.expect("page");
    assert!(
        !page.contains("id=\"intake\""),
        "the read-only board has no intake form"
    );
    let r = analyst
        .post_form(
            "/board/incidents",
            &[("type", "brawl"), ("priority", "1"), ("address", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
});

both!(the_nearest_available_crew_is_recommended_first, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let near = app.add_unit("PL-401", Some("trk-401")).await;
    let far = app.add_unit("PL-402", Some("trk-402")).await;
    let now = veghe::db::now_ms() / 1000;
    for (trk, lat, lon) in [("trk-401", 45.7545, 21.2265), ("trk-402", 45.7700, 21.2500)] {
        let r = app
            .client
            .get(app.url(&format!(
                "/osmand?id={trk}&lat={lat}&lon={lon}&timestamp={now}"
            )))
            .send()
            .await
            .expect("req");
        assert_eq!(r.status(), StatusCode::OK);
    }
    let (_, inc) = disp.post("/api/v1/incidents", call()).await;
    let ranked: Vec<Value> = disp
        .get(&format!("/api/v1/incidents/{}/recommendations", inc["id"]))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(ranked.len(), 2);
    assert_eq!(ranked[0]["unit_id"], near);
    assert_eq!(ranked[1]["unit_id"], far);
    assert!(ranked[0]["distance_m"].as_f64().expect("d") < 200.0);
    assert!(ranked[0]["eta_s"].as_f64().expect("eta") < ranked[1]["eta_s"].as_f64().expect("eta"));

    // A crew sent elsewhere is no longer offered.
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{}/assign", inc["id"]),
            json!({"unit_id": near}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let ranked: Vec<Value> = disp
        .get(&format!("/api/v1/incidents/{}/recommendations", inc["id"]))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(ranked.len(), 1);
    assert_eq!(ranked[0]["unit_id"], far);
});

both!(
    crews_not_contacted_for_two_hours_are_overdue_until_a_check_in,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let unit = app.add_unit("PL-501", None).await;
        let long_ago = veghe::db::now_ms() - 3 * 3_600_000;
        sqlx::query("UPDATE units SET last_contact_at = $1 WHERE id = $2")
            .bind(long_ago)
            .bind(unit)
            .execute(app.db.pool())
            .await
            .expect("set");
        let overdue: Vec<Value> = disp
            .get("/api/v1/units/overdue")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(overdue.len(), 1);
        assert_eq!(overdue[0]["call_sign"], "PL-501");

        let (s, _) = disp
            .post(
                &format!("/api/v1/units/{unit}/checkin"),
                json!({"note": "Totul în regulă"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let overdue: Vec<Value> = disp
            .get("/api/v1/units/overdue")
            .await
            .json()
            .await
            .expect("json");
        assert!(overdue.is_empty());
        let (s, _) = disp.post("/api/v1/units/9999/checkin", json!({})).await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
);

both!(
    an_incident_outside_our_competence_is_handed_over_and_closed,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let agencies: Vec<Value> = disp
            .get("/api/v1/agencies")
            .await
            .json()
            .await
            .expect("json");
        assert!(
            agencies.iter().any(
                |a| a["code"] == "ipj" && a["name"].as_str().expect("name").contains("Poliție")
            )
        );
        let (_, inc) = disp
            .post(
                "/api/v1/incidents",
                json!({"type": "burglary_like", "priority": 1, "address": "Strada Bran nr. 3"}),
            )
            .await;
        let id = inc["id"].as_i64().expect("id");

        let (s, e) = disp
            .post(
                &format!("/api/v1/incidents/{id}/handover"),
                json!({"agency": "nasa", "channel": "phone"}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "agency");
        let (s, e) = disp
            .post(
                &format!("/api/v1/incidents/{id}/handover"),
                json!({"agency": "ipj", "channel": "pigeon"}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "channel");
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM handovers")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(n.0, 0, "nothing saved for refused hand-overs");

        let (s, closed) = disp
            .post(
                &format!("/api/v1/incidents/{id}/handover"),
                json!({"agency": "ipj", "channel": "112", "reference": "IPJ-4471"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(closed["status"], "closed");
        assert_eq!(closed["outcome"], "handed_over");
        let (s, _) = disp
            .post(
                &format!("/api/v1/incidents/{id}/handover"),
                json!({"agency": "ijj", "channel": "phone"}),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::CONFLICT,
            "a closed incident is not handed over twice"
        );
        let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM handovers")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
        assert_eq!(n.0, 1);
    }
);

both!(
    an_incident_created_on_one_server_reaches_a_board_on_another,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let peer = app.spawn_peer().await;
        let stream = disp.on(&peer).get("/api/v1/events").await;
        assert_eq!(stream.status(), StatusCode::OK);
        let (_, created) = disp.post("/api/v1/incidents", call()).await;
        let got = read_events(stream, "incident.created", 1).await;
        assert_eq!(got.len(), 1, "the peer's stream did not see the incident");
        assert_eq!(got[0].1["id"], created["id"]);
    }
);

both!(incidents_export_as_geojson_without_personal_data, |app| {
    let analyst = app.api("an", Role::Analyst).await;
    let disp = app.api("disp", Role::Dispatcher).await;
    disp.post("/api/v1/incidents", call()).await;
    disp.post(
        "/api/v1/incidents",
        json!({"type": "brawl", "priority": 1, "lat": 45.75, "lon": 21.22, "address": "x"}),
    )
    .await;
    disp.post(
        "/api/v1/incidents",
        json!({"type": "brawl", "priority": 1, "address": "no coordinates"}),
    )
    .await;
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/Bucharest").expect("tz"))
        .date();
    let r = analyst
        .get(&format!(
            "/api/v1/incidents.geojson?from={today}&to={today}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/geo+json");
    let fc: Value = r.json().await.expect("json");
    assert_eq!(fc["type"], "FeatureCollection");
    let features = fc["features"].as_array().expect("features");
    assert_eq!(features.len(), 2, "the one without coordinates is left out");
    assert_eq!(features[0]["geometry"]["type"], "Point");
    assert!(!fc.to_string().contains("Ion Pop") && !fc.to_string().contains("0722"));
    let r = analyst
        .get(&format!(
            "/api/v1/incidents.geojson?from={today}&to={today}&type=brawl"
        ))
        .await;
    let fc: Value = r.json().await.expect("json");
    assert_eq!(fc["features"].as_array().expect("features").len(), 1);
    let r = analyst
        .get("/api/v1/incidents.geojson?from=2026-13-01&to=2026-12-01")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["error"]["field"], "from");
});

both!(
    a_shift_is_handed_over_and_accepted_by_another_dispatcher,
    |app| {
        let outgoing = app.api("tura-zi", Role::Dispatcher).await;
        let incoming = app.api("tura-noapte", Role::Dispatcher).await;
        let unit = app.add_unit("PL-601", None).await;
        let (_, inc) = outgoing.post("/api/v1/incidents", call()).await;
        outgoing
            .post(
                &format!("/api/v1/incidents/{}/assign", inc["id"]),
                json!({"unit_id": unit}),
            )
            .await;

        let (s, h) = outgoing
            .post(
                "/api/v1/shifts/handover",
                json!({"notes": "De urmărit: scandalul din Piața Victoriei"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(
            h["summary"]["open_incidents"]
                .as_array()
                .expect("open")
                .len(),
            1
        );
        assert_eq!(h["summary"]["crews_out"][0]["call_sign"], "PL-601");
        assert!(h["accepted_at"].is_null());

        let path = format!("/api/v1/shifts/handover/{}/accept", h["id"]);
        let (s, e) = outgoing.post(&path, json!({})).await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
        let (s, accepted) = incoming.post(&path, json!({})).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(accepted["incoming"], "tura-noapte");
        assert!(accepted["accepted_at"].is_i64());
        let (s, _) = incoming.post(&path, json!({})).await;
        assert_eq!(s, StatusCode::CONFLICT, "accepted once");
    }
);

both!(trackers_may_post_at_the_root_of_their_own_port, |app| {
    app.add_unit("PL-701", Some("trk-701")).await;
    let db = veghe::db::Db::connect(&app.test_db_url())
        .await
        .expect("db");
    let state = veghe::AppState::new(db, veghe::config::Config::for_database(&app.test_db_url()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        let _ = axum_serve(listener, veghe::tracker_app(state)).await;
    });
    let r = app
        .client
        .get(format!("{address}/?id=trk-701&lat=45.76&lon=21.23"))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 1);
    let r = app
        .client
        .get(format!("{address}/?id=unknown&lat=45.76&lon=21.23"))
        .send()
        .await
        .expect("req");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = app
        .client
        .get(format!("{address}/api/v1/units"))
        .send()
        .await
        .expect("req");
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "only positions are served on the trackers' port"
    );
});

both!(a_call_taken_by_its_typed_address_is_located, |app| {
    // Arrange: a dispatcher, and a house the shipped address points know
    // (Aleea Actorilor 1: 45.730458 N, 21.203641 E).
    let disp = app.api("disp", Role::Dispatcher).await;
    // Act: the address typed as a dispatcher types it, no coordinates.
    let (s, located) = disp
        .post(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 1, "address": "al. actorilor nr. 1"}),
        )
        .await;
    let (s2, unknown) = disp
        .post(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 1, "address": "Strada Nicăieri 7"}),
        )
        .await;
    // Assert: the house's point, with its neighbourhood; an unknown street stays unplaced.
    assert_eq!((s, s2), (StatusCode::CREATED, StatusCode::CREATED));
    let lat = located["lat"].as_f64().expect("lat");
    let lon = located["lon"].as_f64().expect("lon");
    assert!(
        (lat - 45.730458).abs() < 1e-6 && (lon - 21.203641).abs() < 1e-6,
        "{located}"
    );
    assert!(located["neighbourhood"].is_string(), "{located}");
    assert!(
        unknown["lat"].is_null() && unknown["lon"].is_null(),
        "{unknown}"
    );
    // A located call can be given the nearest crews.
    let (s, _) = disp
        .get_json(&format!(
            "/api/v1/incidents/{}/recommendations",
            located["id"]
        ))
        .await;
    assert_eq!(s, StatusCode::OK);
});
