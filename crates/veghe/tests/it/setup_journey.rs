//! A new installation set up as its people would, through the real interfaces and no SQL: the
//! administrator (API) adds a cooperating force, an incident type handed to it, a crew with a GPS
//! tracker and a dispatcher's account; the tracker's first position moves the crew; the new
//! dispatcher signs in with the one-time password, is made to change it, takes a call of the new
//! type on the board and hands it to the new force from the incident page.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::both;
use veghe::auth::Role;

/// The crew with this call sign in `GET /api/v1/units`.
fn crew<'a>(units: &'a Value, call_sign: &str) -> &'a Value {
    units
        .as_array()
        .and_then(|u| u.iter().find(|u| u["call_sign"] == call_sign))
        .unwrap_or_else(|| panic!("{call_sign} not in {units}"))
}

both!(
    a_new_installation_is_set_up_and_takes_its_first_call,
    |app| {
        // Arrange: the first administrator and nothing else.
        let admin = app.api("ana", Role::Administrator).await;

        // Act: the administrator sets the service up.
        let (s, agency) = admin
            .post(
                "/api/v1/agencies",
                json!({"code": "ptf", "name": "Poliția Transporturi Feroviare Timișoara",
                   "kind": "police", "phone": "0256 493 100",
                   "competences": "Fapte în gări și pe calea ferată"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{agency}");
        let (s, kind) = admin
            .post(
                "/api/v1/incident-types",
                json!({"code": "railway_trespass", "name_ro": "Persoane pe calea ferată",
                   "name_en": "People on the railway", "default_priority": 3,
                   "our_competence": false, "agency": "ptf", "cap_category": "Safety"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{kind}");
        let (s, unit) = admin
            .post(
                "/api/v1/units",
                json!({"call_sign": "PL-901", "kind": "car", "department": "proximity",
                   "vehicle": "TM-90-PLT", "radio": "TETRA-4901", "tracker_id": "trk-901",
                   "status": "available"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{unit}");
        let (s, account) = admin
            .post(
                "/api/v1/users",
                json!({"username": "dan", "display_name": "Dan Dispecer", "role": "dispatcher"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{account}");
        let one_time = account["one_time_password"]
            .as_str()
            .expect("one-time password");

        // The crew's tracker is heard at once and moves the crew.
        let at = veghe::db::now_ms() / 1000 - 5;
        let r = app
            .client
            .get(app.url(&format!(
                "/osmand?id=trk-901&lat=45.7491&lon=21.2087&timestamp={at}"
            )))
            .send()
            .await
            .expect("fix");
        assert_eq!(r.status(), StatusCode::OK);
        let units = admin.get_ok("/api/v1/units").await;
        let moved = crew(&units, "PL-901");
        assert_eq!(
            (moved["last_lat"].as_f64(), moved["tracker_id"].as_str()),
            (Some(45.7491), Some("trk-901")),
            "{moved}"
        );

        // The dispatcher signs in with the one-time password and must change it first.
        let dan = app.new_browser();
        let r = dan.login("dan", one_time).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = dan.get("/board").await;
        assert_eq!(
            r.status(),
            StatusCode::SEE_OTHER,
            "the board waits for a new password"
        );
        assert!(
            r.headers()["location"]
                .to_str()
                .expect("location")
                .starts_with("/account/password")
        );
        let new_password = "vanatoare-de-stele-2026";
        let r = dan
            .post_form(
                "/account/password",
                &[
                    ("current_password", one_time),
                    ("password", new_password),
                    ("password_repeat", new_password),
                ],
            )
            .await;
        assert!(
            r.status().is_redirection(),
            "password changed: {}",
            r.status()
        );
        let board = dan.get("/board").await.text().await.expect("board");
        assert!(
            board.contains("Persoane pe calea ferată"),
            "the board offers the new type"
        );

        // A call of the new type, taken on the board with no priority chosen: the type's own.
        let r = dan
            .post_form(
                "/board/incidents",
                &[
                    ("type", "railway_trespass"),
                    ("priority", ""),
                    ("address", "Gara de Nord"),
                    ("lat", "45.7507"),
                    ("lon", "21.2078"),
                    ("description", "Copii pe linia 3"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let incidents = admin.get_ok("/api/v1/incidents").await;
        let inc = incidents
            .as_array()
            .and_then(|a| a.iter().find(|i| i["type"] == "railway_trespass"))
            .cloned()
            .unwrap_or_else(|| panic!("the call is not among {incidents}"));
        assert_eq!(inc["priority"], 3, "{inc}");
        let id = inc["id"].as_i64().expect("id");

        // Handed to the new force from the incident page.
        let page = dan
            .get(&format!("/incidents/{id}"))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            page.contains("Poliția Transporturi Feroviare Timișoara"),
            "the force is offered"
        );
        let r = dan
            .post_form(
                &format!("/incidents/{id}/handover"),
                &[
                    ("agency", "ptf"),
                    ("channel", "phone"),
                    ("reference", "PTF 17"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // Assert: closed as handed over to the new force, each step in the audit trail.
        let (s, closed) = admin.get_json(&format!("/api/v1/incidents/{id}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            (closed["status"].as_str(), closed["outcome"].as_str()),
            (Some("closed"), Some("handed_over")),
            "{closed}"
        );
        for action in [
            "agency.add",
            "incident_type.create",
            "unit.create",
            "user.create",
            "user.change_password",
            "incident.handover",
        ] {
            let n = app
                .count(&format!(
                    "SELECT COUNT(*) FROM audit_log WHERE action = '{action}'"
                ))
                .await;
            assert!(n >= 1, "{action} is not in the audit trail");
        }
    }
);
