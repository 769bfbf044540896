//! Interfaces with other systems, checked against the published standards: an incident as a NENA
//! EIDO validated with NENA's JSON schema, and public alerts as OASIS CAP 1.2 validated with the
//! OASIS XSD (both through scripts/conformance/, in the venv made by scripts/setup-conformance.sh).
//! Where the venv or NENA's schema folder is missing the conformance step says so and is skipped;
//! under CI (`CI` set) that is a failure, because there both must be present.

use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::Row;
use veghe::auth::Role;

use crate::both;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The venv's Python (`VEGHE_CONFORMANCE_PYTHON`, else `.venv-conformance/bin/python`).
fn python() -> Option<PathBuf> {
    let p = std::env::var_os("VEGHE_CONFORMANCE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv-conformance/bin/python"));
    p.exists().then_some(p)
}

/// NENA's EIDO schema folder (`VEGHE_EIDO_SCHEMA`, else `../shared/data/reference/eido`).
fn eido_schema() -> Option<PathBuf> {
    let p = std::env::var_os("VEGHE_EIDO_SCHEMA")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/data/reference/eido"));
    p.join("Schema/openapi.yaml").exists().then_some(p)
}

/// Says why the conformance check cannot run; fails under CI, where it must.
fn not_run(why: &str) {
    let msg = format!("conformance check NOT RUN: {why}");
    if std::env::var_os("CI").is_some() {
        panic!("{msg} (CI must run it)");
    }
    eprintln!("{msg}");
}

/// Runs a conformance script on `content`; `(passed, output)`.
fn check(python: &Path, script: &str, content: &str, extra: &[&std::ffi::OsStr]) -> (bool, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("document");
    std::fs::write(&file, content).expect("write");
    let out = Command::new(python)
        .arg(repo_root().join("scripts/conformance").join(script))
        .arg(&file)
        .args(extra)
        .output()
        .expect("run the conformance script");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{script} could not check: {text}"
    );
    (out.status.success(), text)
}

both!(an_incident_with_a_crew_is_a_valid_nena_eido, |app| {
    // Arrange: an incident, a crew with a position, assigned and on the way.
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit: (i64,) = sqlx::query_as(
        "INSERT INTO units (call_sign, kind, department, status, created_at, last_lat, last_lon, last_position_at) VALUES ('TM-07', 'car', 'proximity', 'available', 0, 45.75, 21.23, 1764400000000) RETURNING id",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("unit");
    let (s, incident) = disp
        .post(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 2, "lat": 45.7537, "lon": 21.2257,
               "address": "Piața Victoriei nr. 1 <& „bloc”>", "description": "Muzică tare după ora 22"}),
        )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let id = incident["id"].as_i64().expect("id");
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/assign"),
            json!({"unit_id": unit.0}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = disp
        .post(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "en_route"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // Act
    let r = disp.get(&format!("/api/v1/incidents/{id}/eido")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let eido: Value = r.json().await.expect("json");

    // Assert: what Veghe knows is there…
    let inc = &eido["incidentComponent"];
    assert_eq!(inc["internalIncidentId"], incident["reference"]);
    assert_eq!(inc["incidentTypeInternalCode"], "noise");
    assert_eq!(inc["incidentStatusInternalText"][0], "en_route");
    assert_eq!(inc["incidentCommonPriorityNumber"], 2);
    let crew = &eido["emergencyResourceComponent"][0];
    assert_eq!(crew["emergencyResourceName"], "TM-07");
    assert_eq!(crew["primaryUnitStatusRegistryText"], "Enroute");
    assert_eq!(crew["activeOnIncidentId"], eido["$id"]);
    assert_eq!(
        eido["dispatchComponent"][0]["emergencyResourceReference"][0]["$ref"],
        crew["$id"]
    );
    let place = eido["locationComponent"][0]["locationByValue"]
        .as_str()
        .expect("pidf");
    assert!(
        place.contains("<gml:pos>45.7537 21.2257</gml:pos>"),
        "{place}"
    );
    assert!(
        place.contains("&lt;&amp; „bloc”&gt;"),
        "the address is escaped: {place}"
    );
    assert_eq!(eido["agencyComponent"][0]["$id"], "politialocalatm.ro");
    assert!(eido["notesComponent"].as_array().expect("notes").len() >= 4);

    // …and it validates against NENA's schema, which rejects a broken object.
    let (Some(py), Some(schema)) = (python(), eido_schema()) else {
        not_run(
            "no .venv-conformance (scripts/setup-conformance.sh) or no ../shared/data/reference/eido",
        );
        return;
    };
    let args = [std::ffi::OsStr::new("--schema"), schema.as_os_str()];
    let (ok, out) = check(&py, "eido.py", &eido.to_string(), &args);
    assert!(ok, "the EIDO is not valid: {out}\n{eido:#}");
    let mut broken = eido.clone();
    broken
        .as_object_mut()
        .expect("object")
        .remove("agencyComponent");
    broken["emergencyResourceComponent"][0]
        .as_object_mut()
        .expect("crew")
        .remove("primaryUnitStatusRegistryText");
    broken["lastUpdateTimeStamp"] = json!("yesterday evening");
    let (ok, out) = check(&py, "eido.py", &broken.to_string(), &args);
    assert!(!ok, "a broken EIDO passed: {out}");
    for expected in [
        "agencyComponent",
        "primaryUnitStatusRegistryText",
        "date-time",
    ] {
        assert!(out.contains(expected), "{expected} not reported: {out}");
    }
});

fn alert(headline: &str) -> Value {
    json!({
        "event": "Închidere de drum", "headline": headline,
        "description": "Circulația este închisă pentru lucrări & intervenții <urgente>.",
        "instruction": "Folosiți rutele ocolitoare.",
        "headline_en": "Road closed", "description_en": "The road is closed for urgent works.",
        "category": "Transport", "severity": "Moderate", "urgency": "Expected",
        "certainty": "Observed", "response_type": "Avoid",
        "area_desc": "Calea Șagului, între Str. Gheorghe Adam și Str. Mureș",
        "circle_lat": 45.7372, "circle_lon": 21.2105, "radius_km": 0.8,
        "onset": "2026-01-01T08:00:00+02:00", "expires": "2099-12-31T23:00"
    })
}

fn links(feed: &str) -> Vec<String> {
    feed.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("/cap/alerts/"))
        .map(str::to_string)
        .collect()
}

both!(
    public_alerts_are_valid_cap_and_listed_in_the_atom_feed,
    |app| {
        // Arrange: two alerts (one with a polygon and a linked incident), the first then cancelled.
        let disp = app.api("disp", Role::Dispatcher).await;
        let (_, incident) = disp
            .post(
                "/api/v1/incidents",
                json!({"type": "noise", "priority": 2, "address": "Bd. Revoluției"}),
            )
            .await;
        let (s, first) = disp
            .post("/api/v1/alerts", alert("Calea Șagului închisă"))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{first}");
        let mut second = alert("Bd. Revoluției: adunare publică");
        let body = second.as_object_mut().expect("object");
        for k in [
            "circle_lat",
            "circle_lon",
            "radius_km",
            "headline_en",
            "description_en",
            "onset",
        ] {
            body.remove(k);
        }
        body.insert(
            "polygon".into(),
            json!([[45.75, 21.22], [45.76, 21.22], [45.76, 21.24]]),
        );
        body.insert("incident_id".into(), incident["id"].clone());
        body.insert("category".into(), json!("Security"));
        let (s, second) = disp.post("/api/v1/alerts", second).await;
        assert_eq!(s, StatusCode::CREATED, "{second}");
        let (s, cancel) = disp
            .post(&format!("/api/v1/alerts/{}/cancel", first["id"]), json!({}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{cancel}");
        assert_eq!(cancel["msg_type"], "Cancel");
        assert_eq!(cancel["references"], first["identifier"]);
        let (s, again) = disp
            .post(&format!("/api/v1/alerts/{}/cancel", first["id"]), json!({}))
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{again}");

        // Act: the public feed, without signing in.
        let r = app
            .client
            .get(app.url("/cap/alerts.xml"))
            .send()
            .await
            .expect("feed");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "application/atom+xml");
        let feed = r.text().await.expect("text");

        // Assert: the alert in force and the Cancel are listed, the cancelled alert is not.
        let listed = links(&feed);
        let url = |a: &Value| {
            format!(
                "/cap/alerts/{}.xml",
                a["identifier"].as_str().expect("identifier")
            )
        };
        assert_eq!(listed, vec![url(&cancel), url(&second)], "{feed}");
        let mut documents = Vec::new();
        for link in &listed {
            let r = app.client.get(app.url(link)).send().await.expect("cap");
            assert_eq!(r.status(), StatusCode::OK, "{link}");
            assert_eq!(r.headers()["content-type"], "application/cap+xml");
            documents.push(r.text().await.expect("text"));
        }
        let cancel_xml = &documents[0];
        assert!(
            cancel_xml.contains("<msgType>Cancel</msgType>"),
            "{cancel_xml}"
        );
        let references = format!(
            "<references>politialocalatm.ro,{},",
            first["identifier"].as_str().expect("id")
        );
        assert!(cancel_xml.contains(&references), "{cancel_xml}");
        assert!(
            cancel_xml.contains("<language>en-US</language>"),
            "{cancel_xml}"
        );
        assert!(
            cancel_xml.contains("<circle>45.7372,21.2105 0.8</circle>"),
            "{cancel_xml}"
        );
        assert!(
            cancel_xml.contains("&amp; intervenții &lt;urgente&gt;"),
            "{cancel_xml}"
        );
        let second_xml = &documents[1];
        assert!(
            second_xml
                .contains("<polygon>45.75,21.22 45.76,21.22 45.76,21.24 45.75,21.22</polygon>"),
            "{second_xml}"
        );
        assert!(
            second_xml.contains(&format!(
                "<incidents>{}</incidents>",
                incident["reference"].as_str().expect("ref")
            )),
            "{second_xml}"
        );
        assert!(
            !second_xml.contains("en-US"),
            "no English info when none was given"
        );
        let sent = second_xml
            .split("<sent>")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("sent");
        assert!(
            sent.ends_with("+02:00") || sent.ends_with("+03:00"),
            "sent with Timișoara's offset: {sent}"
        );
        let r = app
            .client
            .get(app.url(&url(&first)))
            .send()
            .await
            .expect("cap");
        assert_eq!(
            r.status(),
            StatusCode::OK,
            "a cancelled alert stays readable by its link"
        );
        assert_eq!(
            app.client
                .get(app.url("/cap/alerts/nope.xml"))
                .send()
                .await
                .expect("404")
                .status(),
            StatusCode::NOT_FOUND
        );

        // Every write is audited and announced on the live stream.
        let audited =
            sqlx::query("SELECT action FROM audit_log WHERE entity = 'public_alert' ORDER BY seq")
                .fetch_all(app.db.pool())
                .await
                .expect("audit");
        let actions: Vec<String> = audited
            .iter()
            .map(|r| r.try_get("action").expect("action"))
            .collect();
        assert_eq!(actions, ["alert.issue", "alert.issue", "alert.cancel"]);
        let events = sqlx::query("SELECT name FROM events WHERE name LIKE 'alert.%' ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .expect("events");
        let names: Vec<String> = events
            .iter()
            .map(|r| r.try_get("name").expect("name"))
            .collect();
        assert_eq!(names, ["alert.issued", "alert.issued", "alert.cancelled"]);

        // The OASIS schema accepts every message, and rejects a broken one.
        let Some(py) = python() else {
            not_run("no .venv-conformance (run scripts/setup-conformance.sh)");
            return;
        };
        let r = app
            .client
            .get(app.url(&url(&first)))
            .send()
            .await
            .expect("cap");
        documents.push(r.text().await.expect("text"));
        for doc in &documents {
            let (ok, out) = check(&py, "cap.py", doc, &[]);
            assert!(ok, "not valid CAP 1.2: {out}\n{doc}");
        }
        let broken = documents[1]
            .replace("<status>Actual</status>", "<status>Real</status>")
            .replace("<severity>Moderate</severity>", "");
        let (ok, out) = check(&py, "cap.py", &broken, &[]);
        assert!(!ok, "a broken CAP passed: {out}");
        assert!(out.contains("status") && out.contains("severity"), "{out}");
    }
);

both!(
    bad_alerts_are_refused_naming_the_field_and_nothing_is_saved,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let cases: [(&str, Value, &str); 9] = [
            ("severity", json!("severe"), "severity"),
            ("urgency", json!("Soon"), "urgency"),
            ("certainty", json!(""), "certainty"),
            ("category", json!("Traffic"), "category"),
            ("response_type", json!("Run"), "response_type"),
            ("expires", json!("2001-01-01T00:00:00+02:00"), "expires"),
            ("radius_km", json!(0), "radius_km"),
            ("headline", json!("   "), "headline"),
            ("incident_id", json!(999_999), "incident_id"),
        ];
        for (key, value, field) in cases {
            let mut body = alert("x");
            body[key] = value;
            let (s, e) = disp.post("/api/v1/alerts", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{key}: {e}");
            assert_eq!(e["error"]["field"], field, "{key}: {e}");
        }
        let mut no_area = alert("x");
        for k in ["circle_lat", "circle_lon", "radius_km"] {
            no_area.as_object_mut().expect("object").remove(k);
        }
        let (s, e) = disp.post("/api/v1/alerts", no_area).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("area"))
        );
        let (s, e) = disp.post("/api/v1/alerts", json!({"event": "x"})).await;
        assert_eq!(
            (s, e["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("headline"))
        );

        let r = disp.get("/api/v1/alerts").await;
        assert_eq!(r.json::<Value>().await.expect("json"), json!([]));
        let n: (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE entity = 'public_alert'")
                .fetch_one(app.db.pool())
                .await
                .expect("count");
        assert_eq!(n.0, 0);
        let feed = app
            .client
            .get(app.url("/cap/alerts.xml"))
            .send()
            .await
            .expect("feed")
            .text()
            .await
            .expect("text");
        assert!(links(&feed).is_empty(), "{feed}");
    }
);

both!(dispatchers_issue_and_cancel_alerts_from_the_page, |app| {
    let password = app.create_user("disp", Role::Dispatcher).await;
    app.login("disp", &password).await;
    let page = app.get("/alerts").await.text().await.expect("page");
    assert!(page.contains("Avertizări publice"), "{page}");
    assert!(
        page.contains("href=\"/alerts\""),
        "linked from the navigation"
    );
    let r = app
        .post_form(
            "/alerts",
            &[
                ("event", "Inundație"),
                ("headline", "Pasajul Michelangelo inundat"),
                ("description", "Apa a acumulat 40 cm."),
                ("category", "Met"),
                ("severity", "Severe"),
                ("urgency", "Immediate"),
                ("certainty", "Observed"),
                ("response_type", "Avoid"),
                ("area_desc", "Pasajul Michelangelo"),
                ("polygon", "45.747,21.236 45.748,21.236 45.748,21.238"),
                ("expires", "2099-01-01T10:00"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let id: (i64,) = sqlx::query_as("SELECT id FROM public_alerts WHERE msg_type = 'Alert'")
        .fetch_one(app.db.pool())
        .await
        .expect("alert");
    let page = app.get("/alerts").await.text().await.expect("page");
    assert!(
        page.contains("Pasajul Michelangelo inundat") && page.contains("în vigoare"),
        "{page}"
    );
    let r = app
        .post_form(&format!("/alerts/{}/cancel", id.0), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get("/alerts").await.text().await.expect("page");
    assert!(
        page.contains("anulată") && page.contains("mesaj de anulare"),
        "{page}"
    );
    // A signed-in role without dispatch rights neither sees the link nor opens the page.
    let obs = app.signed_in("obs", Role::Analyst).await;
    assert!(
        !obs.get("/")
            .await
            .text()
            .await
            .expect("home")
            .contains("href=\"/alerts\"")
    );
    assert_eq!(obs.get("/alerts").await.status(), StatusCode::FORBIDDEN);
});
