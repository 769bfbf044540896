//! Placing the addresses of sanction records without coordinates: coordinates known for the same
//! street and number (placed before, other records, stored incidents) offered and applied, a
//! point clicked on the map saved for every record of the address with its audit entry, and the
//! placed records leaving the "missing coordinates" list.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::Api;
use crate::helpers::fixtures::{HEADER, good_row, import_sanctions};

async fn import(api: &Api, rows: &[String]) {
    let csv = format!("{HEADER}\n{}\n", rows.join("\n"));
    let (_, r) = import_sanctions(api, "pv.csv", "valid", csv).await;
    assert_eq!(r["committed"], true, "{r}");
}

async fn unplaced(api: &Api) -> Vec<Value> {
    api.get_json("/api/v1/sanctions/places")
        .await
        .1
        .as_array()
        .expect("list")
        .clone()
}

fn find<'a>(list: &'a [Value], address: &str) -> Option<&'a Value> {
    list.iter().find(|u| u["address"] == address)
}

const MISSING: &str = "SELECT COUNT(*) FROM activity_sanctions WHERE lat IS NULL OR lon IS NULL";

/// Row `n` at `address`, without coordinates.
fn unplaced_row(n: u32, address: &str) -> String {
    good_row(n)
        .replace("45,7537;21,2257", ";")
        .replace(&format!("Str. Florilor {n};"), &format!("{address};"))
}

both!(
    known_coordinates_are_offered_and_a_clicked_point_is_saved,
    |app| {
        let officer = app.api("ana", Role::DepartmentOfficer).await;
        // An incident recorded at Bulevardul Republicii nr. 12.
        sqlx::query(
        "INSERT INTO incidents (year, number, type, priority, status, source, lat, lon, address, received_at) VALUES (2026, 1, 'noise', 2, 'closed', 'phone', 45.7561, 21.2290, 'Bulevardul Republicii nr. 12', 0)",
    )
    .execute(app.db.pool())
    .await
    .expect("incident");
        import(
            &officer,
            &[
                // Placed in the file: Str. Florilor 1 at 45.7537, 21.2257.
                good_row(1),
                unplaced_row(2, "Strada Florilor nr. 1"),
                unplaced_row(3, "Bd. Republicii 12"),
                unplaced_row(4, "Strada Inexistentă 3"),
                unplaced_row(5, "Strada Inexistentă 3"),
            ],
        )
        .await;
        assert_eq!(app.count(MISSING).await, 4);
        let list = unplaced(&officer).await;
        assert_eq!(list.len(), 3, "{list:?}");
        let nowhere = find(&list, "Strada Inexistentă 3").expect("listed");
        assert_eq!(nowhere["records"], 2);
        assert!(nowhere["street"].is_null(), "not in the street list");
        assert!(nowhere["known"].is_null());
        let florilor = find(&list, "Strada Florilor nr. 1").expect("listed");
        assert_eq!(florilor["known"]["source"], "sanctions");
        assert_eq!(florilor["known"]["lat"], 45.7537);
        let republicii = find(&list, "Bd. Republicii 12").expect("listed");
        assert_eq!(republicii["known"]["source"], "incidents");
        assert_eq!(republicii["known"]["lon"], 21.229);

        // The known coordinates applied (read again on the server, not taken from the caller).
        let (s, v) = officer
            .post(
                "/api/v1/sanctions/places",
                json!({"address": "Bd. Republicii 12", "known": true, "lat": 1.0, "lon": 1.0}),
            )
            .await;
        assert_eq!((s, v["records"].as_u64()), (StatusCode::OK, Some(1)), "{v}");
        let p: (f64, f64) = sqlx::query_as(
            "SELECT lat, lon FROM activity_sanctions WHERE address = 'Bd. Republicii 12'",
        )
        .fetch_one(app.db.pool())
        .await
        .expect("point");
        assert_eq!(p, (45.7561, 21.229));

        // No known place: refused, then placed by a click.
        let (s, _) = officer
            .post(
                "/api/v1/sanctions/places",
                json!({"address": "Strada Inexistentă 3", "known": true}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let (s, v) = officer
            .post(
                "/api/v1/sanctions/places",
                json!({"address": "Strada Inexistentă 3", "lat": 40.0, "lon": 21.2}),
            )
            .await;
        assert_eq!(
            (s, v["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("lat")),
            "outside Timișoara"
        );
        let (s, v) = officer
            .post(
                "/api/v1/sanctions/places",
                json!({"address": "Strada Inexistentă 3", "lat": 45.7702, "lon": 21.2101}),
            )
            .await;
        assert_eq!((s, v["records"].as_u64()), (StatusCode::OK, Some(2)), "{v}");
        assert_eq!(app.count(MISSING).await, 1);
        let audited: (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'sanctions.place' AND entity_id = 'strada inexistenta 3'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
        assert_eq!(audited.0, 1);
        // Nothing waits at that address any more.
        let (s, _) = officer
            .post(
                "/api/v1/sanctions/places",
                json!({"address": "Strada Inexistentă 3", "lat": 45.77, "lon": 21.21}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // A later record written another way is offered the point placed by the person.
        import(&officer, &[unplaced_row(6, "str. Inexistenta nr 3")]).await;
        let list = unplaced(&officer).await;
        let later = find(&list, "str. Inexistenta nr 3").expect("listed");
        assert_eq!(later["known"]["source"], "placed");
        assert_eq!(later["known"]["lat"], 45.7702);

        // The data-quality page's count follows.
        let q: Value = officer
            .get("/api/v1/sanctions/quality")
            .await
            .json()
            .await
            .expect("json");
        let missing_finding = q["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["check"] == "missing_coordinates")
            .map(|f| f["count"].clone());
        assert_eq!(missing_finding, Some(json!(2)));
    }
);

both!(the_placing_page_saves_a_point_from_its_form, |app| {
    let officer = app.api("ana", Role::DepartmentOfficer).await;
    import(&officer, &[unplaced_row(7, "Strada Nouă 7")]).await;
    let password = app.create_user("maria", Role::DepartmentOfficer).await;
    let r = app.login("maria", &password).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app.get("/activity/places").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("Strada Nouă 7"), "listed");
    assert!(
        html.contains("Regula coordonatelor cunoscute"),
        "the rule is stated"
    );
    assert!(html.contains("id=\"place-map\""));
    let r = app
        .post_form(
            "/activity/places",
            &[
                ("address", "Strada Nouă 7"),
                ("lat", "45,7600"),
                ("lon", "21,2300"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count(MISSING).await, 0);
    let html = app
        .get("/activity/places")
        .await
        .text()
        .await
        .expect("html");
    assert!(!html.contains("Strada Nouă 7 (1)"), "left the list");
});
