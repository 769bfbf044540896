//! Control characters refused at the edge, alike on both engines: NUL, escape and the other
//! characters of Unicode category Cc (save tab, line feed and carriage return) in any text read
//! from outside are a 400 naming the field, and nothing is saved; tab, line feed and carriage
//! return still pass.

use reqwest::StatusCode;
use serde_json::Value;
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::{HEADER, good_row, noise_call, petition, upload_sanctions};

/// The poisons: NUL, escape, DEL and a C1 control.
const BAD: [&str; 4] = ["\u{0}", "\u{1b}[31m", "\u{7f}", "\u{85}"];

/// `body` with its `field` set to `text`.
fn with(mut body: Value, field: &str, text: &str) -> Value {
    body[field] = Value::from(text);
    body
}

both!(
    an_incident_or_a_petition_with_a_control_character_is_a_400_naming_the_field,
    |app| {
        // Arrange
        let disp = app.api("disp", Role::Dispatcher).await;
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        for bad in BAD {
            // Act
            let (s, e) = disp
                .post(
                    "/api/v1/incidents",
                    with(noise_call(), "description", &format!("Muzică{bad}tare")),
                )
                .await;
            let (ps, pe) = clerk
                .post(
                    "/api/v1/petitions",
                    with(petition(), "text", &format!("Zgomot{bad}")),
                )
                .await;
            // Assert
            assert_eq!(s, StatusCode::BAD_REQUEST, "{bad:?} {e}");
            assert_eq!(e["error"]["field"], "description", "{e}");
            assert_eq!(ps, StatusCode::BAD_REQUEST, "{bad:?} {pe}");
            assert_eq!(pe["error"]["field"], "text", "{pe}");
        }
        // A key at fault, or a string deep in the body, is blamed on the body or its field.
        let (s, e) = disp
            .post("/api/v1/incidents", with(noise_call(), "x\u{0}", "a"))
            .await;
        assert_eq!(
            (s, e["error"]["field"].clone()),
            (StatusCode::BAD_REQUEST, "body".into())
        );
        assert_eq!(app.count("SELECT COUNT(*) FROM incidents").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 0);

        // Tab, line feed and carriage return are text.
        let (s, made) = disp
            .post(
                "/api/v1/incidents",
                with(noise_call(), "description", "Muzică\ttare\r\nla etajul 2"),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{made}");
        let (s, p) = clerk
            .post(
                "/api/v1/petitions",
                with(petition(), "text", "Rândul 1\r\n\tRândul 2"),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        let kept = disp
            .get_ok(&format!("/api/v1/incidents/{}", made["id"]))
            .await;
        assert_eq!(kept["description"], "Muzică\ttare\r\nla etajul 2");
    }
);

both!(
    page_forms_login_and_the_citizens_form_refuse_control_characters,
    |app| {
        // Arrange
        let b = app.new_browser();
        let form: Vec<(&str, String)> = vec![
            ("register", "petition".into()),
            ("kind", "complaint".into()),
            ("petitioner_type", "person".into()),
            ("petitioner_name", "Maria Ionescu".into()),
            ("email", "maria@example.ro".into()),
            ("subject", "Mașini pe trotuar".into()),
            ("consent", "on".into()),
        ];
        let citizen = |text: &str| {
            let mut all: Vec<(&str, String)> = form.clone();
            all.push(("text", text.to_string()));
            all
        };
        for bad in BAD {
            // Act
            let fields = citizen(&format!("Pe strada Florilor{bad}"));
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = b.post_form("/citizen/petition", &fields).await;
            let login = b
                .post_form(
                    "/login",
                    &[("username", &format!("admin{bad}")), ("password", "x")],
                )
                .await;
            // Assert
            assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad:?}");
            let page = r.text().await.expect("page");
            assert!(
                page.contains("Textul: textul conține un caracter de control"),
                "{page}"
            );
            assert_eq!(login.status(), StatusCode::BAD_REQUEST, "{bad:?}");
            let page = login.text().await.expect("page");
            assert!(page.contains("Numele de utilizator"), "{page}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 0);
        assert_eq!(app.count("SELECT COUNT(*) FROM login_failures").await, 0);

        // Tab, line feed and carriage return pass.
        let fields = citizen("Pe strada Florilor\r\n\tîn fiecare seară.");
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = b.post_form("/citizen/petition", &fields).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 1);
    }
);

both!(
    a_path_or_a_query_with_a_control_character_is_refused,
    |app| {
        // Arrange
        let admin = app.api("admin", Role::Administrator).await;
        // Act / Assert: a path segment read as text, a query, the open311 list.
        for (path, field) in [
            ("/api/v1/import-mappings/a%00b", "path"),
            ("/api/v1/agencies/isu%1b", "path"),
            (
                "/api/v1/calendar/deadline?rule=petition-answer%00&from=2026-01-05",
                "rule",
            ),
        ] {
            let (s, e) = admin.get_json(path).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{path} {e}");
            assert_eq!(e["error"]["field"], field, "{path} {e}");
        }
        let r = app
            .client
            .get(app.url("/open311/v2/requests.json?service_code=a%00"))
            .send()
            .await
            .expect("open311");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let e: Value = r.json().await.expect("json");
        assert!(e.to_string().contains("service_code"), "{e}");
    }
);

/// A tracker fix as a query string, at (`lat`, 21.22), now.
fn fix(device: &str, lat: f64) -> String {
    format!(
        "/osmand?id={device}&lat={lat}&lon=21.22&timestamp={}",
        veghe::db::now_ms() / 1000
    )
}

both!(
    a_poisoned_tracker_fix_is_refused_and_never_fails_the_fixes_committed_with_it,
    |app| {
        // Arrange: eight crews with trackers.
        for n in 0..8 {
            app.add_unit(&format!("P-{n}"), Some(&format!("trk-{n}")))
                .await;
        }
        let get = |path: String| {
            let client = app.client.clone();
            let url = app.url(&path);
            async move { client.get(url).send().await.expect("fix").status() }
        };
        // Act: each genuine fix sent together with poisoned ones, many times over.
        let mut good = Vec::new();
        let mut poisoned = Vec::new();
        for round in 0..5 {
            for n in 0..8 {
                good.push(tokio::spawn(get(fix(
                    &format!("trk-{n}"),
                    45.7 + f64::from(round) / 100.0,
                ))));
                poisoned.push(tokio::spawn(get(fix(&format!("trk-{n}%00"), 45.75))));
                poisoned.push(tokio::spawn(get(format!(
                    "{}&batt=50%1b",
                    fix(&format!("trk-{n}"), 45.75)
                ))));
            }
        }
        // Assert
        for g in good {
            assert_eq!(g.await.expect("task"), StatusCode::OK);
        }
        for p in poisoned {
            assert_eq!(p.await.expect("task"), StatusCode::BAD_REQUEST);
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 40);
        let r = app
            .client
            .post(app.url("/osmand"))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(r#"{"device_id":"trk-1\u0000","location":{"coords":{"latitude":45.7,"longitude":21.2}}}"#)
            .send()
            .await
            .expect("json fix");
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.expect("body").contains("device_id"));
        assert_eq!(app.count("SELECT COUNT(*) FROM positions").await, 40);
    }
);

both!(
    an_uploads_text_part_with_a_control_character_is_refused,
    |app| {
        // Arrange
        let b = app.signed_in("ana", Role::Analyst).await;
        let csv = format!("{HEADER}\n{}\n", good_row(1));

        // Act
        let r = upload_sanctions(&b, "op\u{0}", &csv).await;

        // Assert
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Sursa: textul conține un caracter de control"),
            "{page}"
        );
    }
);
