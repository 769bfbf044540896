//! The incident-type catalogue as data: listed to every role, extended, changed and retired by
//! the administrator only, checked field by field; a renamed type keeps its old name on old
//! incidents, a retired one takes no new calls.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::noise_call;
use crate::helpers::{Api, TestApp};

/// A type outside the seeded catalogue.
fn drones() -> Value {
    json!({"code": "drones", "name_ro": "Drone deasupra mulțimii", "name_en": "Drones over a crowd",
           "default_priority": 1, "cap_category": "Security", "legal_basis": "HG 912/2010"})
}

/// A call of `kind` with no priority: the type's own is taken.
fn call_of(kind: &str) -> Value {
    json!({"type": kind, "lat": 45.7537, "lon": 21.2257, "address": "Piața Victoriei nr. 1"})
}

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|t| t["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn page_text(app: &TestApp, who: &str, path: &str) -> String {
    let b = app.signed_in(who, Role::Dispatcher).await;
    let r = b.get(path).await;
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.expect("page")
}

/// The type name an incident's EIDO gives.
async fn eido_name(disp: &Api, id: &Value) -> Value {
    let e = disp.get_ok(&format!("/api/v1/incidents/{id}/eido")).await;
    e["incidentComponent"]["incidentTypeInternalText"].clone()
}

/// Lets the clock move on, so that instants before and after a change differ.
async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
}

both!(every_role_reads_the_seeded_catalogue, |app| {
    for (name, role) in [
        ("disp", Role::Dispatcher),
        ("echipaj", Role::Crew),
        ("analist", Role::Analyst),
    ] {
        let api = app.api(name, role).await;
        let list = api.get_ok("/api/v1/incident-types").await;
        let c = codes(&list);
        assert_eq!(c.len(), 16, "{c:?}");
        assert_eq!(c.first().map(String::as_str), Some("noise"));
        assert_eq!(c.last().map(String::as_str), Some("other"));
    }
    let admin = app.api("admin", Role::Administrator).await;
    let all = admin.get_ok("/api/v1/incident-types?all=true").await;
    let crime = all
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["code"] == "burglary_like")
        .expect("burglary_like")
        .clone();
    assert_eq!(crime["our_competence"], false);
    assert_eq!(crime["agency"], "ipj");
    assert_eq!(crime["default_priority"], 1);
    assert_eq!(crime["cap_category"], "Security");
});

both!(a_new_type_takes_calls_with_its_default_priority, |app| {
    // Arrange
    let admin = app.api("admin", Role::Administrator).await;
    let disp = app.api("disp", Role::Dispatcher).await;

    // Act
    let (s, t) = admin.post("/api/v1/incident-types", drones()).await;
    let (s2, incident) = disp.post("/api/v1/incidents", call_of("drones")).await;

    // Assert
    assert_eq!(s, StatusCode::CREATED, "{t}");
    assert_eq!(t["eido_type"], "Law Enforcement");
    assert_eq!(t["our_competence"], true);
    assert_eq!(s2, StatusCode::CREATED, "{incident}");
    assert_eq!(incident["type"], "drones");
    assert_eq!(incident["priority"], 1);
    assert!(codes(&disp.get_ok("/api/v1/incident-types").await).contains(&"drones".to_string()));
    let board = page_text(&app, "disp2", "/board").await;
    assert!(
        board.contains(
            "<option value=\"drones\" data-priority=\"1\">Drone deasupra mulțimii</option>"
        )
    );
    let page = page_text(&app, "disp3", &format!("/incidents/{}", incident["id"])).await;
    assert!(page.contains("Drone deasupra mulțimii"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident_type.create'")
            .await,
        1
    );
});

both!(
    bad_types_are_refused_naming_the_field_and_nothing_is_saved,
    |app| {
        let admin = app.api("admin", Role::Administrator).await;
        let with = |field: &str, value: Value| {
            let mut body = drones();
            body[field] = value;
            body
        };
        let cases = [
            (with("code", json!("zgomot mare")), "code"),
            (with("code", json!("cerșetorie")), "code"),
            (with("code", json!("Drones")), "code"),
            (with("code", json!("d")), "code"),
            (with("default_priority", json!(4)), "default_priority"),
            (with("default_priority", json!(0)), "default_priority"),
            (with("our_competence", json!(false)), "agency"),
            (with("agency", json!("nasa")), "agency"),
            (with("cap_category", json!("Crime")), "cap_category"),
            (with("name_ro", json!("  ")), "name_ro"),
            (with("name_en", json!("x".repeat(121))), "name_en"),
        ];
        for (body, field) in cases {
            let (s, e) = admin.post("/api/v1/incident-types", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{field}: {e}");
            assert_eq!(e["error"]["field"], field, "{e}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM incident_types").await, 16);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'incident_type'")
                .await,
            0
        );
        // A change is checked the same way.
        let (s, e) = admin
            .send(
                Method::PATCH,
                "/api/v1/incident-types/noise",
                json!({"default_priority": 9}),
            )
            .await;
        assert_eq!(
            (s, e["error"]["field"].clone()),
            (StatusCode::BAD_REQUEST, json!("default_priority"))
        );
        // Handed to a known force, a type outside the competence is accepted.
        let (s, _) = admin
            .post("/api/v1/incident-types", with("agency", json!("ijj")))
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
);

both!(a_code_is_taken_once, |app| {
    let admin = app.api("admin", Role::Administrator).await;
    let (s, _) = admin.post("/api/v1/incident-types", drones()).await;
    assert_eq!(s, StatusCode::CREATED);
    for code in ["drones", "noise"] {
        let mut body = drones();
        body["code"] = json!(code);
        let (s, e) = admin.post("/api/v1/incident-types", body).await;
        assert_eq!(s, StatusCode::CONFLICT, "{code}: {e}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM incident_types").await, 17);
});

both!(a_renamed_type_keeps_its_old_name_on_old_incidents, |app| {
    // Arrange: a noise call before the rename.
    let admin = app.api("admin", Role::Administrator).await;
    let disp = app.api("disp", Role::Dispatcher).await;
    let (_, old) = disp.post("/api/v1/incidents", noise_call()).await;
    tick().await;

    // Act
    let (s, renamed) = admin
        .send(
            Method::PATCH,
            "/api/v1/incident-types/noise",
            json!({"name_ro": "Zgomot excesiv", "name_en": "Excessive noise"}),
        )
        .await;
    tick().await;
    let (_, new) = disp.post("/api/v1/incidents", noise_call()).await;

    // Assert: a second version, the first closed; each incident named as it was received.
    assert_eq!(s, StatusCode::OK, "{renamed}");
    assert_eq!(renamed["name_ro"], "Zgomot excesiv");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM incident_types WHERE code = 'noise'")
            .await,
        2
    );
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM incident_types WHERE code = 'noise' AND active_to IS NOT NULL"
        )
        .await,
        1
    );
    let old_page = page_text(&app, "d1", &format!("/incidents/{}", old["id"])).await;
    assert!(old_page.contains("Tulburarea liniștii publice"));
    assert!(!old_page.contains("Zgomot excesiv"));
    let new_page = page_text(&app, "d2", &format!("/incidents/{}", new["id"])).await;
    assert!(new_page.contains("Zgomot excesiv"));
    assert_eq!(
        eido_name(&disp, &old["id"]).await,
        "Tulburarea liniștii publice"
    );
    assert_eq!(eido_name(&disp, &new["id"]).await, "Zgomot excesiv");
    // The list shows the current name; with every version, both.
    let list = disp.get_ok("/api/v1/incident-types").await;
    assert_eq!(list[0]["name_en"], "Excessive noise");
    let all = disp.get_ok("/api/v1/incident-types?all=true").await;
    assert_eq!(codes(&all).iter().filter(|c| *c == "noise").count(), 2);

    // A type no incident has is changed in place.
    let (s, _) = admin
        .send(
            Method::PATCH,
            "/api/v1/incident-types/begging",
            json!({"name_en": "Begging in the street"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM incident_types WHERE code = 'begging'")
            .await,
        1
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident_type.update'")
            .await,
        2
    );
});

both!(
    a_retired_type_takes_no_new_calls_but_old_ones_keep_its_name,
    |app| {
        // Arrange
        let admin = app.api("admin", Role::Administrator).await;
        let disp = app.api("disp", Role::Dispatcher).await;
        let (_, old) = disp.post("/api/v1/incidents", call_of("begging")).await;
        assert_eq!(old["priority"], 3);
        tick().await;

        // Act
        let (s, retired) = admin
            .post("/api/v1/incident-types/begging/retire", json!({}))
            .await;
        let (refused, e) = disp.post("/api/v1/incidents", call_of("begging")).await;

        // Assert
        assert_eq!(s, StatusCode::OK, "{retired}");
        assert!(retired["active_to"].is_i64());
        assert_eq!(refused, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "type");
        // In Romanian to a Romanian page's script.
        let r = disp
            .request(Method::POST, "/api/v1/incidents")
            .header(reqwest::header::COOKIE, "veghe_lang=ro")
            .json(&call_of("begging"))
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let e: Value = r.json().await.expect("json");
        assert!(
            e["error"]["message"]
                .as_str()
                .unwrap_or_default()
                .contains("necunoscut sau retras"),
            "{e}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM incidents WHERE type = 'begging'")
                .await,
            1
        );
        let page = page_text(&app, "d1", &format!("/incidents/{}", old["id"])).await;
        assert!(page.contains("Cerșetorie"));
        assert!(
            !codes(&disp.get_ok("/api/v1/incident-types").await).contains(&"begging".to_string())
        );
        let board = page_text(&app, "d2", "/board").await;
        assert!(!board.contains("value=\"begging\""));
        // A retired type is neither changed nor retired again.
        let (s, _) = admin
            .send(
                Method::PATCH,
                "/api/v1/incident-types/begging",
                json!({"name_en": "Begging"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = admin
            .post("/api/v1/incident-types/begging/retire", json!({}))
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = admin
            .post("/api/v1/incident-types/nothing/retire", json!({}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
    }
);

both!(only_the_administrator_changes_the_catalogue, |app| {
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
        let api = app
            .api(&format!("u-{}", role.code().replace('_', "-")), role)
            .await;
        let (a, _) = api.post("/api/v1/incident-types", drones()).await;
        let (b, _) = api
            .send(
                Method::PATCH,
                "/api/v1/incident-types/noise",
                json!({"name_en": "Noise"}),
            )
            .await;
        let (c, _) = api
            .post("/api/v1/incident-types/noise/retire", json!({}))
            .await;
        assert_eq!([a, b, c], [StatusCode::FORBIDDEN; 3], "{role:?}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM incident_types").await, 16);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM incident_types WHERE active_to IS NOT NULL")
            .await,
        0
    );
});

both!(
    the_administrator_keeps_the_catalogue_from_its_pages,
    |app| {
        // Arrange
        let admin = app.signed_in("admin", Role::Administrator).await;

        // Act: the list, a type added, changed, then retired behind its confirmation.
        let list = admin.get("/admin/incident-types").await;
        assert_eq!(list.status(), StatusCode::OK);
        let list = list.text().await.expect("page");
        let added = admin
            .post_form(
                "/admin/incident-types",
                &[
                    ("code", "drones"),
                    ("name_ro", "Drone"),
                    ("name_en", "Drones"),
                    ("default_priority", "2"),
                    ("our_competence", "1"),
                    ("agency", ""),
                    ("legal_basis", ""),
                    ("cap_category", "Security"),
                    ("eido_type", "Law Enforcement"),
                ],
            )
            .await;
        let refused = admin
            .post_form(
                "/admin/incident-types",
                &[
                    ("code", "două cuvinte"),
                    ("name_ro", "Drone"),
                    ("name_en", "Drones"),
                    ("default_priority", "2"),
                    ("cap_category", "Security"),
                    ("eido_type", "Law Enforcement"),
                ],
            )
            .await;
        let edited = admin
            .post_form(
                "/admin/incident-types/drones",
                &[
                    ("name_ro", "Drone în zbor"),
                    ("name_en", "Drones flying"),
                    ("default_priority", "3"),
                    ("agency", "ipj"),
                    ("legal_basis", "HG 912/2010"),
                    ("cap_category", "Safety"),
                    ("eido_type", "Law Enforcement"),
                ],
            )
            .await;
        let unconfirmed = admin
            .post_form("/admin/incident-types/drones/retire", &[])
            .await;
        let retired = admin
            .post_form("/admin/incident-types/drones/retire", &[("confirm", "yes")])
            .await;
        let page = admin
            .get("/admin/incident-types/drones")
            .await
            .text()
            .await
            .expect("page");

        // Assert
        assert!(list.contains("href=\"/admin\"") && list.contains("Tulburarea liniștii publice"));
        assert_eq!(added.status(), StatusCode::SEE_OTHER);
        assert_eq!(refused.status(), StatusCode::OK);
        assert!(
            refused
                .text()
                .await
                .expect("page")
                .contains("Codul: litere mici latine")
        );
        assert_eq!(edited.status(), StatusCode::SEE_OTHER);
        assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST);
        assert_eq!(retired.status(), StatusCode::SEE_OTHER);
        assert!(page.contains("Drone în zbor") && page.contains("retras"));
        let row: (i64, i64, Option<String>, String) = sqlx::query_as(
        "SELECT default_priority, our_competence, agency, cap_category FROM incident_types WHERE code = 'drones'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("row");
        assert_eq!(row, (3, 0, Some("ipj".into()), "Safety".into()));
    }
);
