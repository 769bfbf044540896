//! Crews and their GPS trackers administered through the API and `/admin/crews`: created,
//! listed, changed, retired and reinstated; a taken call sign or tracker refused naming the
//! other crew; a bad field refused by name with nothing saved; a new tracker accepted by
//! `/osmand` at once and a retired crew's never.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::noise_call;
use crate::helpers::{Api, TestApp};

/// A crew as the API takes it.
fn crew(call_sign: &str, tracker: Option<&str>) -> Value {
    json!({"call_sign": call_sign, "kind": "car", "department": "proximity",
           "vehicle": "TM-09-PLT", "radio": "TETRA-4109", "tracker_id": tracker})
}

/// Adds a crew through the API; its id.
async fn added(admin: &Api, body: Value) -> i64 {
    admin.post_ok("/api/v1/units", body).await["id"]
        .as_i64()
        .expect("id")
}

/// The crews' rows and the audit entries about crews.
async fn saved(app: &TestApp) -> (i64, i64) {
    (
        app.count("SELECT COUNT(*) FROM units").await,
        app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'unit'")
            .await,
    )
}

/// Sends a tracker fix for `device` at (`lat`, 21.22), now.
async fn fix(app: &TestApp, device: &str, lat: f64) -> StatusCode {
    app.client
        .get(app.url(&format!(
            "/osmand?id={device}&lat={lat}&lon=21.22&timestamp={}",
            veghe::db::now_ms() / 1000
        )))
        .send()
        .await
        .expect("fix")
        .status()
}

fn call_signs(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("list")
        .iter()
        .filter_map(|u| u["call_sign"].as_str())
        .collect()
}

both!(
    a_crew_is_created_listed_changed_retired_and_reinstated,
    |app| {
        // Arrange
        let admin = app.api("adm", Role::Administrator).await;
        let disp = app.api("disp", Role::Dispatcher).await;

        // Act: create.
        let (s, made) = admin
            .post("/api/v1/units", crew(" PL-109 ", Some("trk-109")))
            .await;

        // Assert
        assert_eq!(s, StatusCode::CREATED, "{made}");
        let id = made["id"].as_i64().expect("id");
        assert_eq!(made["call_sign"], "PL-109", "trimmed");
        assert_eq!(made["status"], "off_duty", "a new crew starts off duty");
        assert_eq!(made["tracker_id"], "trk-109");
        let listed = disp.get_ok("/api/v1/units").await;
        let row = &listed[0];
        assert_eq!(
            (
                &row["vehicle"],
                &row["radio"],
                &row["tracker_id"],
                &row["retired_at"]
            ),
            (
                &json!("TM-09-PLT"),
                &json!("TETRA-4109"),
                &json!("trk-109"),
                &Value::Null
            )
        );

        // Act: change a subset; null takes the tracker off.
        let (s, changed) = admin
            .send(
                Method::PATCH,
                &format!("/api/v1/units/{id}"),
                json!({"radio": "TETRA-9", "tracker_id": null, "status": "available"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{changed}");
        assert_eq!(changed["radio"], "TETRA-9");
        assert_eq!(changed["tracker_id"], Value::Null);
        assert_eq!(changed["vehicle"], "TM-09-PLT", "untouched");
        assert_eq!(changed["status"], "available");

        // Act: retire.
        let (s, retired) = admin
            .post(&format!("/api/v1/units/{id}/retire"), json!({}))
            .await;
        assert_eq!(s, StatusCode::OK, "{retired}");
        assert!(retired["retired_at"].as_i64().is_some());
        assert_eq!(retired["status"], "off_duty");
        assert!(call_signs(&disp.get_ok("/api/v1/units").await).is_empty());
        let all = disp.get_ok("/api/v1/units?retired=true").await;
        assert_eq!(call_signs(&all), ["PL-109"]);
        assert!(all[0]["retired_at"].as_i64().is_some());
        // A retired crew is not changed, nor retired twice.
        let (s, _) = admin
            .send(
                Method::PATCH,
                &format!("/api/v1/units/{id}"),
                json!({"radio": "X"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = admin
            .post(&format!("/api/v1/units/{id}/retire"), json!({}))
            .await;
        assert_eq!(s, StatusCode::CONFLICT);

        // Act: reinstate.
        let (s, back) = admin
            .post(&format!("/api/v1/units/{id}/reinstate"), json!({}))
            .await;
        assert_eq!(s, StatusCode::OK, "{back}");
        assert_eq!(back["retired_at"], Value::Null);
        assert_eq!(back["status"], "off_duty");
        assert_eq!(call_signs(&disp.get_ok("/api/v1/units").await), ["PL-109"]);
        let actions: Vec<(String,)> = sqlx::query_as(
            "SELECT action FROM audit_log WHERE entity = 'unit' AND entity_id = $1 ORDER BY seq",
        )
        .bind(id.to_string())
        .fetch_all(app.db.pool())
        .await
        .expect("audit");
        let actions: Vec<&str> = actions.iter().map(|a| a.0.as_str()).collect();
        assert_eq!(
            actions,
            [
                "unit.create",
                "unit.update",
                "unit.retire",
                "unit.reinstate"
            ]
        );
    }
);

both!(
    a_retirement_frees_the_tracker_and_the_audit_says_which,
    |app| {
        // Arrange
        let admin = app.api("adm", Role::Administrator).await;
        let id = added(&admin, crew("PL-110", Some("trk-110"))).await;

        // Act
        let retired = admin
            .post_ok(&format!("/api/v1/units/{id}/retire"), json!({}))
            .await;
        let other = admin
            .post("/api/v1/units", crew("PL-111", Some("trk-110")))
            .await;

        // Assert
        assert_eq!(retired["tracker_id"], Value::Null);
        assert_eq!(
            other.0,
            StatusCode::CREATED,
            "the tracker is free: {}",
            other.1
        );
        let (before, after): (String, String) = sqlx::query_as(
            "SELECT before_json, after_json FROM audit_log WHERE action = 'unit.retire'",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
        let (before, after): (Value, Value) = (
            serde_json::from_str(&before).expect("before"),
            serde_json::from_str(&after).expect("after"),
        );
        assert_eq!(before["tracker_id"], "trk-110");
        assert_eq!(after["tracker_id"], Value::Null);
        assert!(after["retired_at"].as_i64().is_some());
    }
);

both!(
    a_taken_call_sign_or_tracker_is_refused_naming_the_other_crew,
    |app| {
        // Arrange
        let admin = app.api("adm", Role::Administrator).await;
        admin
            .post_ok("/api/v1/units", crew("PL-101", Some("trk-9")))
            .await;
        let second = added(&admin, crew("PL-102", None)).await;
        let before = saved(&app).await;

        // Act
        let (tracker_status, tracker) = admin
            .post("/api/v1/units", crew("PL-103", Some("trk-9")))
            .await;
        let (sign_status, sign) = admin.post("/api/v1/units", crew("pl-101", None)).await;
        let (patch_status, patch) = admin
            .send(
                Method::PATCH,
                &format!("/api/v1/units/{second}"),
                json!({"tracker_id": "trk-9", "radio": "TETRA-1"}),
            )
            .await;

        // Assert
        for (status, body) in [
            (tracker_status, &tracker),
            (sign_status, &sign),
            (patch_status, &patch),
        ] {
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            let message = body["error"]["message"].as_str().expect("message");
            assert!(
                message.contains("PL-101"),
                "names the other crew: {message}"
            );
        }
        assert!(
            tracker["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("trk-9"))
        );
        assert_eq!(saved(&app).await, before, "nothing saved");
        let unchanged = admin.get_ok("/api/v1/units").await;
        assert_eq!(
            unchanged[1]["radio"], "TETRA-4109",
            "the patch left no trace"
        );

        // The page says it in Romanian, naming the other crew.
        let browser = app.signed_in("adm-page", Role::Administrator).await;
        let page = browser
            .post_form(
                "/admin/crews",
                &[
                    ("call_sign", "PL-104"),
                    ("kind", "car"),
                    ("department", "proximity"),
                    ("tracker_id", "trk-9"),
                    ("status", "off_duty"),
                ],
            )
            .await;
        assert_eq!(page.status(), StatusCode::CONFLICT);
        let html = page.text().await.expect("html");
        assert!(
            html.contains("Trackerul „trk-9” aparține echipajului PL-101"),
            "{html}"
        );
    }
);

both!(a_bad_field_is_refused_by_name_and_nothing_is_saved, |app| {
    // Arrange
    let admin = app.api("adm", Role::Administrator).await;
    let cases = [
        (
            "call_sign",
            json!({"call_sign": "  ", "kind": "car", "department": "proximity"}),
        ),
        (
            "call_sign",
            json!({"call_sign": "PL_1", "kind": "car", "department": "proximity"}),
        ),
        (
            "call_sign",
            json!({"call_sign": "P".repeat(21), "kind": "car", "department": "proximity"}),
        ),
        (
            "kind",
            json!({"call_sign": "PL-1", "kind": "tank", "department": "proximity"}),
        ),
        (
            "department",
            json!({"call_sign": "PL-1", "kind": "car", "department": "finance"}),
        ),
        (
            "vehicle",
            json!({"call_sign": "PL-1", "kind": "car", "department": "proximity", "vehicle": "TM_1"}),
        ),
        (
            "tracker_id",
            json!({"call_sign": "PL-1", "kind": "car", "department": "proximity", "tracker_id": "trk 1"}),
        ),
        (
            "tracker_id",
            json!({"call_sign": "PL-1", "kind": "car", "department": "proximity", "tracker_id": "t".repeat(65)}),
        ),
        (
            "status",
            json!({"call_sign": "PL-1", "kind": "car", "department": "proximity", "status": "on_scene"}),
        ),
    ];

    for (field, body) in cases {
        // Act
        let (s, answer) = admin.post("/api/v1/units", body.clone()).await;

        // Assert
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}: {answer}");
        assert_eq!(answer["error"]["field"], field, "{body}: {answer}");
    }
    assert_eq!(saved(&app).await, (0, 0), "nothing saved");

    // A change is refused by name too, leaving the crew as it was.
    let id = added(&admin, crew("PL-1", Some("trk-1"))).await;
    let (s, answer) = admin
        .send(
            Method::PATCH,
            &format!("/api/v1/units/{id}"),
            json!({"radio": "TETRA-2", "tracker_id": "trk/"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"]["field"], "tracker_id");
    let unit = &admin.get_ok("/api/v1/units").await[0];
    assert_eq!(
        (&unit["radio"], &unit["tracker_id"]),
        (&json!("TETRA-4109"), &json!("trk-1"))
    );
    assert_eq!(saved(&app).await, (1, 1));
});

both!(only_the_administrator_administers_crews, |app| {
    // Arrange
    let admin = app.api("adm", Role::Administrator).await;
    let id = added(&admin, crew("PL-120", Some("trk-120"))).await;
    let before = saved(&app).await;

    for role in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
        let other = app
            .api(&format!("u-{}", role.code().replace('_', "-")), role)
            .await;
        // Act
        let answers = [
            other.post("/api/v1/units", crew("PL-121", None)).await.0,
            other
                .send(
                    Method::PATCH,
                    &format!("/api/v1/units/{id}"),
                    json!({"radio": "R"}),
                )
                .await
                .0,
            other
                .post(&format!("/api/v1/units/{id}/retire"), json!({}))
                .await
                .0,
            other
                .post(&format!("/api/v1/units/{id}/reinstate"), json!({}))
                .await
                .0,
        ];
        // Assert
        assert_eq!(answers, [StatusCode::FORBIDDEN; 4], "{role:?}");
        let page = app
            .signed_in(&format!("p-{}", role.code().replace('_', "-")), role)
            .await
            .get("/admin/crews")
            .await;
        assert_eq!(page.status(), StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(saved(&app).await, before, "nothing changed");
});

both!(
    a_new_crews_tracker_is_accepted_by_osmand_at_once_and_a_retired_ones_never,
    |app| {
        // Arrange
        let admin = app.api("adm", Role::Administrator).await;
        let id = added(&admin, crew("PL-130", Some("trk-130"))).await;

        // Act
        let accepted = fix(&app, "trk-130", 45.7561).await;

        // Assert: the crew's last position moved.
        assert_eq!(accepted, StatusCode::OK);
        let unit = admin.get_ok("/api/v1/units").await[0].clone();
        assert_eq!(unit["id"], id);
        assert_eq!(unit["last_lat"], 45.7561);
        assert!(unit["last_position_at"].as_i64().is_some());

        // A retired crew's device is refused: its tracker freed, and (were it still written on the
        // crew) not matched either.
        admin
            .post_ok(&format!("/api/v1/units/{id}/retire"), json!({}))
            .await;
        assert_eq!(fix(&app, "trk-130", 45.7570).await, StatusCode::BAD_REQUEST);
        sqlx::query("UPDATE units SET tracker_id = 'trk-130' WHERE id = $1")
            .bind(id)
            .execute(app.db.pool())
            .await
            .expect("tracker written back");
        assert_eq!(fix(&app, "trk-130", 45.7580).await, StatusCode::BAD_REQUEST);
        let positions = app.count("SELECT COUNT(*) FROM positions").await;
        assert_eq!(positions, 1, "only the fix before the retirement is kept");
    }
);

both!(
    a_crew_on_an_incident_keeps_working_and_a_retired_one_leaves_the_desk,
    |app| {
        // Arrange: two crews in service with positions, one sent to an incident.
        let admin = app.api("adm", Role::Administrator).await;
        let disp = app.api("disp", Role::Dispatcher).await;
        let mut ids = Vec::new();
        for (sign, tracker) in [("PL-140", "trk-140"), ("PL-141", "trk-141")] {
            let mut body = crew(sign, Some(tracker));
            body["status"] = json!("available");
            ids.push(added(&admin, body).await);
            assert_eq!(fix(&app, tracker, 45.7540).await, StatusCode::OK);
        }
        let (busy, idle) = (ids[0], ids[1]);
        let incident = disp.post_ok("/api/v1/incidents", noise_call()).await;
        let incident_id = incident["id"].as_i64().expect("id");
        disp.post_ok(
            &format!("/api/v1/incidents/{incident_id}/assign"),
            json!({"unit_id": busy}),
        )
        .await;

        // Act
        let (retire_busy, refusal) = admin
            .post(&format!("/api/v1/units/{busy}/retire"), json!({}))
            .await;
        let (status_busy, _) = admin
            .send(
                Method::PATCH,
                &format!("/api/v1/units/{busy}"),
                json!({"status": "off_duty"}),
            )
            .await;
        admin
            .post_ok(&format!("/api/v1/units/{idle}/retire"), json!({}))
            .await;

        // Assert: the busy crew stays; its incident is named.
        assert_eq!(retire_busy, StatusCode::CONFLICT);
        assert!(
            refusal["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains(incident["reference"].as_str().unwrap_or("?"))),
            "{refusal}"
        );
        assert_eq!(status_busy, StatusCode::CONFLICT);
        // The retired crew is gone from the recommendations, the map and the overdue list …
        let other = disp.post_ok("/api/v1/incidents", noise_call()).await;
        let ranked = disp
            .get_ok(&format!(
                "/api/v1/incidents/{}/recommendations",
                other["id"]
            ))
            .await;
        assert!(
            ranked
                .as_array()
                .expect("ranked")
                .iter()
                .all(|c| c["unit_id"] != idle)
        );
        let browser = app.signed_in("disp-page", Role::Dispatcher).await;
        let map: Value = browser
            .get("/geo/crews.geojson")
            .await
            .json()
            .await
            .expect("crews");
        let drawn: Vec<&str> = map["features"]
            .as_array()
            .expect("features")
            .iter()
            .filter_map(|f| f["properties"]["call_sign"].as_str())
            .collect();
        assert_eq!(drawn, ["PL-140"]);
        let overdue = disp.get_ok("/api/v1/units/overdue").await;
        assert!(
            overdue
                .as_array()
                .expect("overdue")
                .iter()
                .all(|o| o["unit_id"] != idle)
        );
        let board = browser.get("/board").await.text().await.expect("board");
        assert!(!board.contains("PL-141"), "not on the board");
        // … and stays in its history: the crews' list and its route.
        let units = browser.get("/units").await.text().await.expect("units");
        assert!(units.contains("PL-141") && units.contains("retras"));
        let route = browser.get(&format!("/units/{idle}/route")).await;
        assert_eq!(route.status(), StatusCode::OK);
    }
);

/// The location of a redirect.
fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

both!(the_crews_page_adds_edits_retires_and_reinstates, |app| {
    // Arrange
    let browser = app.signed_in("adm", Role::Administrator).await;
    let fields = |sign: &'static str, tracker: &'static str| {
        [
            ("call_sign", sign),
            ("kind", "foot"),
            ("department", "markets"),
            ("vehicle", ""),
            ("radio", "TETRA-4609"),
            ("tracker_id", tracker),
            ("status", "available"),
        ]
    };

    // Act: a bad tracker comes back named, in Romanian, with what was typed.
    let refused = browser
        .post_form("/admin/crews", &fields("PL-609", "trk 609"))
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let html = refused.text().await.expect("html");
    assert!(html.contains("Identificatorul trackerului"), "{html}");
    assert!(html.contains("value=\"PL-609\"") && html.contains("value=\"trk 609\""));
    assert_eq!(app.count("SELECT COUNT(*) FROM units").await, 0);

    // Act: added.
    let added = browser
        .post_form("/admin/crews", &fields("PL-609", "trk-609"))
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let page = location(&added);
    assert!(page.starts_with("/admin/crews/"), "{page}");
    let html = browser.get(&page).await.text().await.expect("html");
    assert!(html.contains("Echipaj adăugat: PL-609"), "{html}");
    let list = browser
        .get("/admin/crews")
        .await
        .text()
        .await
        .expect("list");
    assert!(
        list.contains("PL-609")
            && list.contains("trk-609")
            && list.contains("Control piețe și comerț")
    );
    let id: i64 = page
        .trim_start_matches("/admin/crews/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");

    // Act: edited (the tracker emptied: taken off).
    let saved = browser
        .post_form(&format!("/admin/crews/{id}"), &fields("PL-609B", ""))
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (sign, tracker): (String, Option<String>) =
        sqlx::query_as("SELECT call_sign, tracker_id FROM units WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("unit");
    assert_eq!((sign.as_str(), tracker), ("PL-609B", None));

    // Act: retired, behind a confirmation.
    let confirm = browser
        .get(&format!("/admin/crews/{id}?retire=1"))
        .await
        .text()
        .await
        .expect("confirm");
    assert!(confirm.contains(&format!("action=\"/admin/crews/{id}/retire\"")));
    let before = browser
        .get(&format!("/admin/crews/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        !before.contains(&format!("action=\"/admin/crews/{id}/retire\"")),
        "not without asking"
    );
    let retired = browser
        .post_form(&format!("/admin/crews/{id}/retire"), &[])
        .await;
    assert_eq!(retired.status(), StatusCode::SEE_OTHER);
    let html = browser
        .get(&location(&retired))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("Retras la") && html.contains("Reactivează echipajul"));

    // Act: reinstated.
    let back = browser
        .post_form(&format!("/admin/crews/{id}/reinstate"), &[])
        .await;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    let retired_at: Option<i64> = sqlx::query_scalar("SELECT retired_at FROM units WHERE id = $1")
        .bind(id)
        .fetch_one(app.db.pool())
        .await
        .expect("unit");
    assert_eq!(retired_at, None);
});
