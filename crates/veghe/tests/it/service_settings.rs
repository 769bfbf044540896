//! The service's settings (stale position age, crew contact interval, shift hours), the
//! cooperating forces' directory and the registry departments, as the administrator keeps them:
//! read, changed, audited, refused by field with nothing saved, and their effect on the desk.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;
use veghe::dispatch::duty_shift::DutyShift;
use veghe::settings::{ClockTime, Shifts};
use veghe::web::Lang;

use crate::both;
use crate::helpers::fixtures::{noise_call, routed_case};
use crate::helpers::smtp::SmtpReceiver;
use crate::helpers::{Api, Engine, TestApp};

fn field(body: &Value) -> &str {
    body["error"]["field"].as_str().unwrap_or_default()
}

async fn audited(app: &TestApp, action: &str) -> i64 {
    app.count(&format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
    ))
    .await
}

async fn patch_settings(admin: &Api, body: Value) -> (StatusCode, Value) {
    admin.send(Method::PATCH, "/api/v1/settings", body).await
}

both!(
    settings_start_from_the_configuration_then_change_with_an_audit_entry,
    |app| {
        // Arrange
        let admin = app.api("adm", Role::Administrator).await;
        let first = admin.get_ok("/api/v1/settings").await;
        assert_eq!(first["stale_after_minutes"], 5);
        assert_eq!(first["checkin_minutes"], 120);
        assert_eq!(first["day_shift_starts"], "07:00");
        assert_eq!(first["night_shift_starts"], "19:00");
        assert!(first["details"][0]["updated_by"].is_null());

        // Act
        let (s, body) = patch_settings(
            &admin,
            json!({"stale_after_minutes": 12, "day_shift_starts": "6:30", "checkin_minutes": 120}),
        )
        .await;

        // Assert: only what changed is written, with one audit entry naming before and after.
        assert_eq!(s, StatusCode::OK, "{body}");
        let now = admin.get_ok("/api/v1/settings").await;
        assert_eq!(now["stale_after_minutes"], 12);
        assert_eq!(now["day_shift_starts"], "06:30");
        let stale = &now["details"][0];
        assert_eq!(
            (
                &stale["key"],
                &stale["value"],
                &stale["initial"],
                &stale["updated_by"]
            ),
            (
                &json!("stale_after_minutes"),
                &json!("12"),
                &json!("5"),
                &json!("adm")
            )
        );
        assert!(stale["updated_at"].as_i64().is_some());
        assert!(
            now["details"][1]["updated_by"].is_null(),
            "unchanged check-in"
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM settings").await, 2);
        assert_eq!(audited(&app, "settings.change").await, 1);
        let (before, after): (String, String) = sqlx::query_as(
            "SELECT before_json, after_json FROM audit_log WHERE action = 'settings.change'",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("audit");
        assert!(before.contains(r#""stale_after_minutes":"5""#), "{before}");
        assert!(after.contains(r#""day_shift_starts":"06:30""#), "{after}");
        // The same values again change nothing and audit nothing.
        let (s, _) = patch_settings(&admin, json!({"stale_after_minutes": 12})).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(audited(&app, "settings.change").await, 1);

        // The page shows the value, the initial one and who changed it.
        let browser = app.signed_in("adm2", Role::Administrator).await;
        let page = browser
            .get("/admin/settings")
            .await
            .text()
            .await
            .expect("page");
        assert!(
            page.contains(r#"value="12""#) && page.contains("Valoarea inițială"),
            "{page}"
        );
        assert!(
            page.contains(r#"<span translate="no">adm</span>"#),
            "{page}"
        );
        assert!(page.contains(r#"href="/admin""#));
    }
);

async fn initial_from_the_file(engine: Engine) {
    let Some(app) = TestApp::spawn_with(engine, |c| {
        c.stale_after_ms = 7 * 60_000;
        c.checkin_interval_ms = 45 * 60_000;
    })
    .await
    else {
        return;
    };
    let admin = app.api("adm", Role::Administrator).await;
    let s = admin.get_ok("/api/v1/settings").await;
    assert_eq!(
        (&s["stale_after_minutes"], &s["checkin_minutes"]),
        (&json!(7), &json!(45))
    );
    assert_eq!(s["details"][1]["initial"], "45");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_files_values_are_the_initial_values_sqlite() {
    initial_from_the_file(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_files_values_are_the_initial_values_postgres() {
    initial_from_the_file(Engine::Postgres).await;
}

both!(
    the_stale_threshold_decides_a_crews_stale_on_the_map,
    |app| {
        // Arrange: a crew whose last fix is ten minutes old.
        let admin = app.api("adm", Role::Administrator).await;
        let unit = app.add_unit("PL-720", None).await;
        sqlx::query("UPDATE units SET last_lat = 45.75, last_lon = 21.22, last_position_at = $1 WHERE id = $2")
        .bind(veghe::db::now_ms() - 10 * 60_000)
        .bind(unit)
        .execute(app.db.pool())
        .await
        .expect("position");
        let disp = app.signed_in("disp", Role::Dispatcher).await;
        let mut stale = Vec::new();
        for minutes in [None, Some(15)] {
            // Act: the first look with the configuration's 5 minutes, the second with 15.
            if let Some(m) = minutes {
                let (s, _) = patch_settings(&admin, json!({"stale_after_minutes": m})).await;
                assert_eq!(s, StatusCode::OK);
            }
            let crews: Value = disp
                .get("/geo/crews.geojson")
                .await
                .json()
                .await
                .expect("crews");
            stale.push(crews["features"][0]["properties"]["stale"].clone());
        }

        // Assert
        assert_eq!(stale, [json!(true), json!(false)]);
    }
);

both!(
    the_shift_hours_decide_the_shift_under_way_on_the_duty_page,
    |app| {
        let admin = app.api("adm", Role::Administrator).await;
        let disp = app.signed_in("disp", Role::Dispatcher).await;
        let at = |t: &str| ClockTime::parse(t).expect("time");
        let mut labels = Vec::new();
        // A day shift from midnight to 23:59, then a night shift from 00:02: the same moment falls
        // in the day shift, then in the night shift.
        for (day, night) in [("00:00", "23:59"), ("00:01", "00:02")] {
            let (s, body) = patch_settings(
                &admin,
                json!({"day_shift_starts": day, "night_shift_starts": night}),
            )
            .await;
            assert_eq!(s, StatusCode::OK, "{body}");
            let shifts = Shifts::new(at(day), at(night)).expect("shifts");
            let page = disp.get("/duty").await.text().await.expect("page");
            let label = DutyShift::at(veghe::db::now_ms(), &shifts).label(Lang::Ro);
            assert!(
                page.contains(&format!(r#"<span id="duty-shift">{label}</span>"#)),
                "{label}"
            );
            assert!(
                page.contains(&format!("zi ({day}–{night})")),
                "the picker names the hours"
            );
            labels.push(label);
        }
        assert_ne!(labels[0], labels[1]);
    }
);

both!(
    bad_settings_are_refused_by_field_and_nothing_is_saved,
    |app| {
        let admin = app.api("adm", Role::Administrator).await;
        for (body, want) in [
            (json!({"stale_after_minutes": 0}), "stale_after_minutes"),
            (json!({"stale_after_minutes": 1441}), "stale_after_minutes"),
            (json!({"checkin_minutes": 14}), "checkin_minutes"),
            (json!({"checkin_minutes": 721}), "checkin_minutes"),
            (json!({"day_shift_starts": "7"}), "day_shift_starts"),
            (json!({"night_shift_starts": "24:00"}), "night_shift_starts"),
            (json!({"night_shift_starts": "07:00"}), "night_shift_starts"),
            (json!({"day_shift_starts": "20:00"}), "day_shift_starts"),
            // A good value beside a bad one is not saved either.
            (
                json!({"stale_after_minutes": 10, "checkin_minutes": 5}),
                "checkin_minutes",
            ),
            (json!({"stale_after_minutes": "ten"}), "stale_after_minutes"),
        ] {
            let (s, answer) = patch_settings(&admin, body.clone()).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
            assert_eq!(field(&answer), want, "{body}: {answer}");
        }
        let (s, _) = patch_settings(&admin, json!({"session_hours": 3})).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "an unknown key is refused");
        // The page's form: refused in Romanian, the typed value kept, the status 400.
        let browser = app.signed_in("adm2", Role::Administrator).await;
        let r = browser
            .post_form(
                "/admin/settings",
                &[("stale_after_minutes", "abc"), ("checkin_minutes", "60")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Vechimea maximă a poziției: scrieți un număr întreg"),
            "{page}"
        );
        assert!(page.contains(r#"value="abc""#));

        assert_eq!(app.count("SELECT COUNT(*) FROM settings").await, 0);
        assert_eq!(audited(&app, "settings.change").await, 0);
        assert_eq!(
            admin.get_ok("/api/v1/settings").await["stale_after_minutes"],
            5
        );
    }
);

both!(cooperating_forces_are_added_edited_and_retired, |app| {
    // Arrange
    let admin = app.api("adm", Role::Administrator).await;
    let disp = app.api("disp", Role::Dispatcher).await;
    let rutiera = json!({"code": "politia-rutiera", "name": "Serviciul Rutier Timiș", "kind": "police",
        "phone": "0256 123 456", "email": "rutiera@exemplu.ro", "competences": "accidente cu victime"});

    // Act + Assert: refusals first, nothing written.
    let (s, body) = admin
        .post(
            "/api/v1/agencies",
            json!({"code": "fara-telefon", "name": "X", "kind": "utility"}),
        )
        .await;
    assert_eq!(
        (s, field(&body)),
        (StatusCode::BAD_REQUEST, "phone"),
        "{body}"
    );
    let (s, body) = admin
        .post(
            "/api/v1/agencies",
            json!({"code": "x", "name": "X", "kind": "utility", "phone": "0256/1"}),
        )
        .await;
    assert_eq!(
        (s, field(&body)),
        (StatusCode::BAD_REQUEST, "phone"),
        "{body}"
    );
    let (s, body) = admin
        .post(
            "/api/v1/agencies",
            json!({"code": "ISU 2", "name": "X", "kind": "utility", "phone": "112"}),
        )
        .await;
    assert_eq!(
        (s, field(&body)),
        (StatusCode::BAD_REQUEST, "code"),
        "{body}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM agencies").await, 8);

    let (s, added) = admin.post("/api/v1/agencies", rutiera.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{added}");
    assert_eq!(added["competences"], "accidente cu victime");
    let (s, body) = admin.post("/api/v1/agencies", rutiera.clone()).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");

    // A seeded body without a phone: an edit must give it one.
    let (s, body) = admin
        .send(
            Method::PATCH,
            "/api/v1/agencies/primaria",
            json!({"notes": "direcții"}),
        )
        .await;
    assert_eq!(
        (s, field(&body)),
        (StatusCode::BAD_REQUEST, "phone"),
        "{body}"
    );
    let (s, body) = admin
        .send(
            Method::PATCH,
            "/api/v1/agencies/primaria",
            json!({"phone": "0256 408 300", "email": ""}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert_eq!(
        (&body["phone"], &body["notes"]),
        (
            &json!("0256 408 300"),
            &json!("Direcțiile primăriei, utilități, drumuri")
        )
    );

    // The desk hands an incident to the new body.
    let inc = disp.post_ok("/api/v1/incidents", noise_call()).await;
    let (s, closed) = disp
        .post(
            &format!("/api/v1/incidents/{}/handover", inc["id"]),
            json!({"agency": "politia-rutiera", "channel": "phone"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{closed}");

    // Retired: listed with its date, refused for a new hand-over, gone from the incident page.
    let (s, retired) = admin
        .post("/api/v1/agencies/politia-rutiera/retire", json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{retired}");
    assert!(retired["retired_at"].as_i64().is_some());
    let (s, _) = admin
        .post("/api/v1/agencies/politia-rutiera/retire", json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let listed = disp.get_ok("/api/v1/agencies").await;
    assert!(
        listed
            .as_array()
            .expect("list")
            .iter()
            .any(|a| a["code"] == "politia-rutiera" && a["retired_at"].is_i64())
    );
    let other = disp.post_ok("/api/v1/incidents", noise_call()).await;
    let (s, body) = disp
        .post(
            &format!("/api/v1/incidents/{}/handover", other["id"]),
            json!({"agency": "politia-rutiera", "channel": "phone"}),
        )
        .await;
    assert_eq!(
        (s, field(&body)),
        (StatusCode::BAD_REQUEST, "agency"),
        "{body}"
    );
    let desk = app.signed_in("disp2", Role::Dispatcher).await;
    let page = desk
        .get(&format!("/incidents/{}", other["id"]))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(r#"value="isu""#) && !page.contains(r#"value="politia-rutiera""#));
    assert_eq!(app.count("SELECT COUNT(*) FROM handovers h JOIN agencies a ON a.id = h.agency_id WHERE a.code = 'politia-rutiera'").await, 1);

    assert_eq!(audited(&app, "agency.add").await, 1);
    assert_eq!(audited(&app, "agency.edit").await, 1);
    assert_eq!(audited(&app, "agency.retire").await, 1);

    // Reinstated: offered for hand-overs again, audited; a second time is a conflict.
    let (s, back) = admin
        .post("/api/v1/agencies/politia-rutiera/reinstate", json!({}))
        .await;
    assert_eq!(
        (s, back["retired_at"].is_null()),
        (StatusCode::OK, true),
        "{back}"
    );
    let (s, _) = admin
        .post("/api/v1/agencies/politia-rutiera/reinstate", json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let page = desk
        .get(&format!("/incidents/{}", other["id"]))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(r#"value="politia-rutiera""#));
    assert_eq!(audited(&app, "agency.reinstate").await, 1);

    // The page flags the bodies still without a phone.
    let browser = app.signed_in("adm2", Role::Administrator).await;
    let page = browser
        .get("/admin/agencies")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("fără telefon") && page.contains("Serviciul Rutier Timiș"),
        "{page}"
    );
    let r = browser
        .post_form(
            "/admin/agencies",
            &[
                ("code", "salvamont"),
                ("name", "Salvamont"),
                ("kind", "fire_rescue"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Telefonul: câmpul este obligatoriu")
    );
});

both!(
    departments_are_added_and_edited_with_head_and_address,
    |app| {
        let admin = app.api("adm", Role::Administrator).await;
        app.create_user("sef", Role::HeadOfService).await;
        app.create_user("disp", Role::Dispatcher).await;
        let new = json!({"code": "evenimente", "name_ro": "Evenimente publice", "name_en": "Public events",
        "days_before": 4, "head": "sef", "email": "evenimente@exemplu.ro"});

        for (change, want) in [
            (json!({"head": "disp"}), "head"),
            (json!({"days_before": 21}), "days_before"),
            (json!({"email": "evenimente"}), "email"),
            (json!({"name_en": " "}), "name_en"),
        ] {
            let mut body = new.clone();
            for (k, v) in change.as_object().expect("object") {
                body[k] = v.clone();
            }
            let (s, answer) = admin.post("/api/v1/registry/departments", body).await;
            assert_eq!(
                (s, field(&answer)),
                (StatusCode::BAD_REQUEST, want),
                "{answer}"
            );
        }
        assert_eq!(
            app.count("SELECT COUNT(*) FROM registry_departments").await,
            8
        );

        let (s, d) = admin
            .post("/api/v1/registry/departments", new.clone())
            .await;
        assert_eq!(s, StatusCode::CREATED, "{d}");
        assert_eq!(
            (&d["head_username"], &d["days_before"]),
            (&json!("sef"), &json!(4))
        );
        let (s, _) = admin
            .post("/api/v1/registry/departments", new.clone())
            .await;
        assert_eq!(s, StatusCode::CONFLICT);

        let path = format!("/api/v1/registry/departments/{}", d["id"]);
        let (s, edited) = admin
            .send(
                Method::PATCH,
                &path,
                json!({"head": "", "email": "ev@exemplu.ro", "days_before": 2}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{edited}");
        assert!(edited["head_id"].is_null());
        assert_eq!(
            (&edited["email"], &edited["name_ro"]),
            (&json!("ev@exemplu.ro"), &json!("Evenimente publice"))
        );
        let (s, _) = admin
            .send(
                Method::PATCH,
                "/api/v1/registry/departments/9999",
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);

        assert_eq!(audited(&app, "registry.department_add").await, 1);
        assert_eq!(audited(&app, "registry.department_edit").await, 1);

        let browser = app.signed_in("adm2", Role::Administrator).await;
        let page = browser
            .get("/admin/departments")
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Evenimente publice") && page.contains("ev@exemplu.ro"));
        let page = browser
            .get(&format!("/admin/departments/{}", d["id"]))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            page.contains(r#"value="sef""#),
            "the head can be chosen again"
        );
    }
);

async fn routing_announces_the_case(engine: Engine) {
    // Arrange: the public-order department gets an address.
    let receiver = SmtpReceiver::start().await;
    let Some(app) =
        TestApp::spawn_mailing(engine, receiver.port, "registratura@politialocala.test").await
    else {
        return;
    };
    let admin = app.api("adm", Role::Administrator).await;
    let departments = admin.get_ok("/api/v1/registry/departments").await;
    let ordine = departments
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["code"] == "ordine_publica")
        .expect("seeded")["id"]
        .clone();
    let (s, _) = admin
        .send(
            Method::PATCH,
            &format!("/api/v1/registry/departments/{ordine}"),
            json!({"email": "ordine@politialocala.test"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);

    // Act
    let case = routed_case(&app).await;

    // Assert: queued in the outbox with the routing, and delivered.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'ordine@politialocala.test'")
            .await,
        1
    );
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["ordine@politialocala.test".to_string()]);
    let text = got[0].body();
    assert!(
        text.contains(&case.number) && text.contains("Ordine"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routing_a_petition_mails_the_department_sqlite() {
    routing_announces_the_case(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routing_a_petition_mails_the_department_postgres() {
    routing_announces_the_case(Engine::Postgres).await;
}

both!(a_member_is_taken_out_of_a_department, |app| {
    // Arrange: an officer in the public-order department.
    let admin = app.api("adm", Role::Administrator).await;
    app.create_user("ofiter", Role::DepartmentOfficer).await;
    let members = "/api/v1/registry/departments/ordine_publica/members";
    let (s, _) = admin.post(members, json!({"username": "ofiter"})).await;
    assert_eq!(s, StatusCode::OK);
    let in_department = || {
        app.count(
            "SELECT COUNT(*) FROM registry_department_members m JOIN users u ON u.id = m.user_id \
             WHERE u.username = 'ofiter'",
        )
    };
    assert_eq!(in_department().await, 1);

    // Act: taken out by the API; a second time is refused naming the person.
    let (s, _) = admin
        .send(Method::DELETE, &format!("{members}/ofiter"), Value::Null)
        .await;
    let (again, refusal) = admin
        .send(Method::DELETE, &format!("{members}/ofiter"), Value::Null)
        .await;

    // Assert
    assert_eq!(s, StatusCode::NO_CONTENT);
    assert_eq!(in_department().await, 0);
    assert_eq!(
        (again, field(&refusal)),
        (StatusCode::BAD_REQUEST, "username")
    );
    assert_eq!(audited(&app, "registry.department_member_removed").await, 1);

    // The same from the department's page, by its button.
    let (s, _) = admin.post(members, json!({"username": "ofiter"})).await;
    assert_eq!(s, StatusCode::OK);
    let browser = app.signed_in("adm2", Role::Administrator).await;
    let id = app
        .count("SELECT id FROM registry_departments WHERE code = 'ordine_publica'")
        .await;
    let page = browser
        .get(&format!("/admin/departments/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("/members/remove"), "each member has a button");
    let r = browser
        .post_form(
            &format!("/admin/departments/{id}/members/remove"),
            &[("username", "ofiter")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(in_department().await, 0);
});

both!(every_role_but_the_administrator_is_refused, |app| {
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
        let who = app
            .api(&format!("r-{}", role.code().replace('_', "-")), role)
            .await;
        for (method, path) in [
            (Method::GET, "/api/v1/settings"),
            (Method::PATCH, "/api/v1/settings"),
            (Method::POST, "/api/v1/agencies"),
            (Method::PATCH, "/api/v1/agencies/isu"),
            (Method::POST, "/api/v1/agencies/isu/retire"),
            (Method::POST, "/api/v1/agencies/isu/reinstate"),
            (Method::POST, "/api/v1/registry/departments"),
            (Method::PATCH, "/api/v1/registry/departments/1"),
            (Method::GET, "/admin/settings"),
            (Method::GET, "/admin/agencies"),
            (Method::GET, "/admin/agencies/isu"),
            (Method::GET, "/admin/departments"),
            (Method::GET, "/admin/departments/1"),
        ] {
            let (s, _) = who
                .send(method.clone(), path, json!({"stale_after_minutes": 9}))
                .await;
            assert_eq!(s, StatusCode::FORBIDDEN, "{role:?} {method} {path}");
        }
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM settings").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM agencies WHERE retired_at IS NOT NULL")
            .await,
        0
    );
});
