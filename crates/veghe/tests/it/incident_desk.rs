//! The dispatcher's incident page and the crew's phone: what a point rests on, every crew on
//! shift with redirection of a busy one, placing a saved incident again, the page in the
//! reader's language, and the crew's steps as the incident's state allows them.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::Api;
use crate::helpers::fixtures::noise_at;

/// A call at a typed address, without coordinates.
fn typed(address: &str, priority: i64) -> Value {
    json!({"type": "noise", "priority": priority, "address": address, "description": "Muzică tare"})
}

async fn create(disp: &Api, body: Value) -> Value {
    let (s, inc) = disp.post("/api/v1/incidents", body).await;
    assert_eq!(s, StatusCode::CREATED, "{inc}");
    inc
}

/// Puts `member` in the crew of `unit` for the shift under way.
async fn roster(disp: &Api, unit: i64, member: &str) {
    let (day, shift) = veghe::settings::Shifts::default().shift_at(veghe::db::now_ms());
    let (s, body) = disp
        .post(
            "/api/v1/rosters",
            json!({"unit_id": unit, "day": day.to_string(), "shift": shift.code(), "members": [member]}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
}

async fn page(b: &crate::helpers::Browser<'_>, path: &str) -> (StatusCode, String) {
    let r = b.get(path).await;
    let status = r.status();
    (status, r.text().await.expect("page"))
}

both!(an_address_placed_in_the_records_places_a_call, |app| {
    // Arrange: an address the street map does not know, placed by a person for the activity
    // records (written "Str. Nicăieri nr. 9" there).
    sqlx::query(
        "INSERT INTO activity_places (key, address, lat, lon, placed_at, actor_name) VALUES ($1, $2, $3, $4, 0, 'analist')",
    )
    .bind(veghe::activity::places::key("Str. Nicăieri nr. 9"))
    .bind("Str. Nicăieri nr. 9")
    .bind(45.7411)
    .bind(21.2105)
    .execute(app.db.pool())
    .await
    .expect("place");
    let disp = app.api("disp", Role::Dispatcher).await;
    // Act: the call typed another way.
    let call = create(&disp, typed("strada nicaieri 9", 1)).await;
    let elsewhere = create(&disp, typed("Strada Nicăieri 11", 1)).await;
    // Assert: the known point, and what it rests on; another number stays unplaced.
    assert_eq!(call["located_by"], "place", "{call}");
    assert_eq!(call["lat"].as_f64(), Some(45.7411), "{call}");
    assert_eq!(call["lon"].as_f64(), Some(21.2105), "{call}");
    assert!(elsewhere["located_by"].is_null(), "{elsewhere}");
    let b = app.signed_in("disp-page", Role::Dispatcher).await;
    let (_, html) = page(&b, &format!("/incidents/{}", call["id"])).await;
    assert!(html.contains("adresă plasată deja în evidențe"), "{html}");
});

both!(an_incident_keeps_what_its_point_rests_on, |app| {
    // Arrange: a dispatcher.
    let disp = app.api("disp", Role::Dispatcher).await;
    // Act: a mapped house, a street without a number, coordinates, an unknown street.
    let house = create(&disp, typed("al. actorilor nr. 1", 2)).await;
    // addresses.csv maps Strada Atomului 11 and 15, not 13.
    let between = create(&disp, typed("Strada Atomului 13", 2)).await;
    let street = create(&disp, typed("Strada Mihai Eminescu", 2)).await;
    let given = create(&disp, noise_at(45.7537, 21.2257)).await;
    let unknown = create(&disp, typed("Strada Nicăieri 7", 2)).await;
    // Assert: the API says what each point rests on; the page says it in words.
    assert_eq!(house["located_by"], "number", "{house}");
    assert_eq!(between["located_by"], "interpolated", "{between}");
    assert_eq!(street["located_by"], "street", "{street}");
    assert_eq!(given["located_by"], "coordinates", "{given}");
    assert!(unknown["located_by"].is_null(), "{unknown}");
    let b = app.signed_in("disp-page", Role::Dispatcher).await;
    let (_, html) = page(&b, &format!("/incidents/{}", house["id"])).await;
    assert!(
        html.contains("<dd id=\"incident-located-by\">la număr</dd>"),
        "{html}"
    );
    let (_, html) = page(&b, &format!("/incidents/{}", between["id"])).await;
    assert!(html.contains("între numere cunoscute"), "{html}");
    let (_, html) = page(&b, &format!("/incidents/{}", street["id"])).await;
    assert!(html.contains("mijlocul străzii"), "{html}");
    let (_, html) = page(&b, &format!("/incidents/{}", unknown["id"])).await;
    assert!(
        html.contains("<dd id=\"incident-located-by\">nelocalizat</dd>"),
        "{html}"
    );
});

both!(every_crew_on_shift_is_listed_with_its_distance, |app| {
    // Arrange: a placed incident, a crew near it with a position, a busy crew, one off duty.
    let disp = app.api("disp", Role::Dispatcher).await;
    let near = app.add_unit("PL-911", Some("trk-911")).await;
    let busy = app.add_unit("PL-912", None).await;
    let off = app.add_unit("PL-913", None).await;
    sqlx::query("UPDATE units SET status = 'off_duty' WHERE id = $1")
        .bind(off)
        .execute(app.db.pool())
        .await
        .expect("off duty");
    let now = veghe::db::now_ms() / 1000;
    let r = app
        .client
        .get(app.url(&format!(
            "/osmand?id=trk-911&lat=45.7545&lon=21.2265&timestamp={now}"
        )))
        .send()
        .await
        .expect("fix");
    assert_eq!(r.status(), StatusCode::OK);
    let other = create(&disp, noise_at(45.7600, 21.2300)).await;
    disp.post_ok(
        &format!("/api/v1/incidents/{}/assign", other["id"]),
        json!({"unit_id": busy}),
    )
    .await;
    let inc = create(&disp, noise_at(45.7537, 21.2257)).await;
    // Act
    let b = app.signed_in("disp-page", Role::Dispatcher).await;
    let (_, html) = page(&b, &format!("/incidents/{}", inc["id"])).await;
    // Assert: the near crew first, recommended, with its distance and a one-click assignment;
    // the busy one listed with its incident (same priority: not offered); none off duty.
    let near_at = html.find("data-unit=\"PL-911\"").expect("near crew listed");
    let busy_at = html.find("data-unit=\"PL-912\"").expect("busy crew listed");
    assert!(near_at < busy_at, "recommended first");
    assert!(
        html.contains("recomandat 1") && html.contains("0,1 km"),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "value=\"{near}\"><button type=\"submit\" class=\"primary\">Alocă PL-911"
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "la incidentul <a href=\"/incidents/{}\">",
            other["id"]
        )),
        "{html}"
    );
    assert!(
        !html.contains("Redirecționează PL-912"),
        "same priority is not redirected"
    );
    assert!(
        !html.contains("data-unit=\"PL-913\""),
        "off duty is not on shift"
    );
    // One click assigns it.
    let r = b
        .post_form(
            &format!("/incidents/{}/assign", inc["id"]),
            &[("unit_id", &near.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, after) = disp
        .get_json(&format!("/api/v1/incidents/{}", inc["id"]))
        .await;
    assert_eq!(after["status"], "dispatched");
});

both!(
    a_crew_busy_with_a_less_urgent_incident_is_redirected,
    |app| {
        // Arrange: a crew on a P3 incident, and a new P1 incident.
        let disp = app.api("disp", Role::Dispatcher).await;
        let unit = app.add_unit("PL-921", None).await;
        let low = create(&disp, json!({"type": "noise", "priority": 3, "lat": 45.76, "lon": 21.23, "address": "Strada Alba Iulia 2"})).await;
        let urgent = create(&disp, json!({"type": "brawl", "priority": 1, "lat": 45.75, "lon": 21.22, "address": "Piața Unirii 3"})).await;
        let (low_id, urgent_id) = (
            low["id"].as_i64().expect("id"),
            urgent["id"].as_i64().expect("id"),
        );
        disp.post_ok(
            &format!("/api/v1/incidents/{low_id}/assign"),
            json!({"unit_id": unit}),
        )
        .await;
        let events_before = app
            .count("SELECT COUNT(*) FROM events WHERE name = 'incident.updated'")
            .await;

        // Act + Assert: without the flag the busy crew is refused, saying where it is.
        let (s, e) = disp
            .post(
                &format!("/api/v1/incidents/{urgent_id}/assign"),
                json!({"unit_id": unit}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            e["error"]["message"]
                .as_str()
                .expect("m")
                .contains(low["reference"].as_str().expect("r")),
            "{e}"
        );
        // The page offers the redirection, asks to confirm it, and the confirmation redirects.
        let b = app.signed_in("disp-page", Role::Dispatcher).await;
        let (_, html) = page(&b, &format!("/incidents/{urgent_id}")).await;
        assert!(html.contains(&format!("href=\"/incidents/{urgent_id}?redirect={unit}#confirm-redirect\">Redirecționează PL-921")), "{html}");
        let (_, html) = page(&b, &format!("/incidents/{urgent_id}?redirect={unit}")).await;
        assert!(
            html.contains("id=\"confirm-redirect\"") && html.contains("Da, redirecționează PL-921"),
            "{html}"
        );
        let r = b
            .post_form(
                &format!("/incidents/{urgent_id}/assign"),
                &[("unit_id", &unit.to_string()), ("redirect", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);

        // The crew is on the urgent incident; the other waits again; both timelines say so.
        let (_, now_low) = disp.get_json(&format!("/api/v1/incidents/{low_id}")).await;
        let (_, now_urgent) = disp
            .get_json(&format!("/api/v1/incidents/{urgent_id}"))
            .await;
        assert_eq!(
            (now_low["status"].as_str(), now_low["unit_id"].as_i64()),
            (Some("received"), None)
        );
        assert_eq!(
            (
                now_urgent["status"].as_str(),
                now_urgent["unit_id"].as_i64()
            ),
            (Some("dispatched"), Some(unit))
        );
        let (_, tl_low) = disp
            .get_json(&format!("/api/v1/incidents/{low_id}/timeline"))
            .await;
        let (_, tl_urgent) = disp
            .get_json(&format!("/api/v1/incidents/{urgent_id}/timeline"))
            .await;
        assert!(
            tl_low
                .as_array()
                .expect("tl")
                .iter()
                .any(|e| e["kind"] == "redirected_out" && e["unit_id"] == unit),
            "{tl_low}"
        );
        assert!(
            tl_urgent
                .as_array()
                .expect("tl")
                .iter()
                .any(|e| e["kind"] == "redirected_in" && e["unit_id"] == unit),
            "{tl_urgent}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.redirect'")
                .await,
            1
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM events WHERE name = 'incident.updated'")
                .await,
            events_before + 2,
            "both incidents are published"
        );
        let (_, html) = page(&b, &format!("/incidents/{low_id}")).await;
        assert!(
            html.contains("Echipaj redirecționat la alt incident (PL-921)"),
            "{html}"
        );

        // A crew on a more urgent incident is not taken from it, in the reader's language.
        let (s, e) = disp
            .post(
                &format!("/api/v1/incidents/{low_id}/assign"),
                json!({"unit_id": unit, "redirect": true}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
        let r = b
            .post_form(
                &format!("/incidents/{low_id}/assign"),
                &[("unit_id", &unit.to_string()), ("redirect", "1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.expect("page");
        assert!(html.contains("nu poate fi redirecționat"), "{html}");
    }
);

both!(
    a_saved_incident_is_placed_by_its_address_or_on_the_map,
    |app| {
        // Arrange: a call whose street is not on the map.
        let disp = app.api("disp", Role::Dispatcher).await;
        let inc = create(&disp, typed("Strada Nicăieri 7", 2)).await;
        let id = inc["id"].as_i64().expect("id");
        let b = app.signed_in("disp-page", Role::Dispatcher).await;
        let (_, html) = page(&b, &format!("/incidents/{id}")).await;
        assert!(
            html.contains("id=\"locate-address\"") && html.contains("id=\"incident-map\""),
            "{html}"
        );
        let (s, _) = disp
            .get_json(&format!("/api/v1/incidents/{id}/recommendations"))
            .await;
        assert_eq!(s, StatusCode::CONFLICT);

        // Act: an address that is not found, then one that is.
        let r = b
            .post_form(
                &format!("/incidents/{id}/location"),
                &[("address", "Strada Nicăieri 8")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(
            r.text()
                .await
                .expect("page")
                .contains("nu a fost găsită pe harta străzilor")
        );
        let r = b
            .post_form(
                &format!("/incidents/{id}/location"),
                &[("address", "Aleea Actorilor 1")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, placed) = disp.get_json(&format!("/api/v1/incidents/{id}")).await;
        assert_eq!(
            (placed["located_by"].as_str(), placed["address"].as_str()),
            (Some("number"), Some("Aleea Actorilor 1"))
        );
        assert!(
            (placed["lat"].as_f64().expect("lat") - 45.730458).abs() < 1e-6,
            "{placed}"
        );

        // The map: the nearest known address of a point, then the point saved as chosen.
        let near = disp
            .get_ok("/api/v1/addresses/nearest?lat=45.730458&lon=21.203641")
            .await;
        assert!(
            near["label"]
                .as_str()
                .expect("label")
                .starts_with("Aleea Actorilor"),
            "{near}"
        );
        let r = b
            .post_form(
                &format!("/incidents/{id}/location"),
                &[("lat", "45,7537"), ("lon", "21,2257")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let (_, moved) = disp.get_json(&format!("/api/v1/incidents/{id}")).await;
        assert_eq!(moved["located_by"], "map");
        assert_eq!(moved["neighbourhood"], "centru");
        assert_eq!(
            moved["address"], "Aleea Actorilor 1",
            "the typed address is kept"
        );
        let (_, html) = page(&b, &format!("/incidents/{id}")).await;
        assert!(
            html.contains("punct ales pe hartă") && html.contains("Localizat</td>"),
            "{html}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'incident.locate'")
                .await,
            2
        );
        // Now crews can be ranked for it.
        let (s, _) = disp
            .get_json(&format!("/api/v1/incidents/{id}/recommendations"))
            .await;
        assert_eq!(s, StatusCode::OK);

        // The API places by address too; a finished incident is not moved.
        let moved = disp
            .post_ok(
                &format!("/api/v1/incidents/{id}/location"),
                json!({"address": "Strada Mihai Eminescu"}),
            )
            .await;
        assert_eq!(moved["located_by"], "street");
        disp.post_ok(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "cancelled"}),
        )
        .await;
        let (s, _) = disp
            .post(
                &format!("/api/v1/incidents/{id}/location"),
                json!({"lat": 45.75, "lon": 21.22}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
    }
);

both!(the_incident_page_speaks_the_readers_language, |app| {
    // Arrange: an incident, a dispatcher reading in English.
    let disp = app.api("disp", Role::Dispatcher).await;
    let inc = create(&disp, noise_at(45.7537, 21.2257)).await;
    let b = app.signed_in("disp-page", Role::Dispatcher).await;
    b.get("/lang?to=en&next=/").await;
    // Act
    let (_, html) = page(&b, &format!("/incidents/{}", inc["id"])).await;
    // Assert: English words, none of the Romanian ones; required fields marked.
    for en in [
        "Crews on shift",
        "Timeline",
        "Received",
        "coordinates given with the call",
        "Fields marked * are required.",
        "— choose the status —",
    ] {
        assert!(html.contains(en), "{en}: {html}");
    }
    for ro in [
        "Cronologie",
        "Echipaje",
        "Primit",
        "Schimbă starea",
        "Adaugă nota",
        "sancțiune",
    ] {
        assert!(!html.contains(ro), "{ro} in English");
    }
    assert!(html.contains("<span class=\"req\" aria-hidden=\"true\">*</span>"));
    // A refusal in English too: closing without the outcome.
    let r = b
        .post_form(
            &format!("/incidents/{}/status", inc["id"]),
            &[("status", "closed"), ("outcome", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("closing an incident needs its outcome")
    );
    // And in Romanian.
    b.get("/lang?to=ro&next=/").await;
    let r = b
        .post_form(
            &format!("/incidents/{}/status", inc["id"]),
            &[("status", "closed"), ("outcome", "")],
        )
        .await;
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Pentru închiderea incidentului alegeți rezultatul")
    );
});

both!(the_crew_sees_only_the_steps_its_incident_allows, |app| {
    // Arrange: a crew rostered with an officer, sent to an incident.
    let disp = app.api("disp", Role::Dispatcher).await;
    let unit = app.add_unit("PL-931", None).await;
    roster(&disp, unit, "agent31").await;
    let inc = create(&disp, noise_at(45.7537, 21.2257)).await;
    let id = inc["id"].as_i64().expect("id");
    disp.post_ok(
        &format!("/api/v1/incidents/{id}/assign"),
        json!({"unit_id": unit}),
    )
    .await;
    let crew = app.signed_in("agent31", Role::Crew).await;
    let (_, html) = page(&crew, "/crew").await;
    assert!(
        html.contains("id=\"step-en_route\"") && html.contains("id=\"step-on_scene\""),
        "{html}"
    );
    assert!(
        html.contains("data-focus-zoom=\"17\""),
        "the map at street level"
    );
    // Act: on scene.
    let r = crew
        .post_form(
            "/crew/status",
            &[("incident", &id.to_string()), ("status", "on_scene")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // Assert: no way back to en route; finishing is offered.
    let (_, html) = page(&crew, "/crew").await;
    assert!(
        !html.contains("id=\"step-en_route\"") && !html.contains("id=\"step-on_scene\""),
        "{html}"
    );
    assert!(
        html.contains("id=\"finish\"") && html.contains("La fața locului"),
        "{html}"
    );
    // In English, the whole page.
    crew.get("/lang?to=en&next=/").await;
    let (_, html) = page(&crew, "/crew").await;
    assert!(
        html.contains("Mission finished") && html.contains("On scene") && !html.contains("Misiune"),
        "{html}"
    );
});

both!(
    a_crew_step_on_a_mission_that_moved_on_shows_it_again,
    |app| {
        // Arrange: the crew's page shows the incident en route; meanwhile the desk puts it on scene.
        let disp = app.api("disp", Role::Dispatcher).await;
        let unit = app.add_unit("PL-941", None).await;
        roster(&disp, unit, "agent41").await;
        let inc = create(&disp, noise_at(45.7537, 21.2257)).await;
        let id = inc["id"].as_i64().expect("id");
        disp.post_ok(
            &format!("/api/v1/incidents/{id}/assign"),
            json!({"unit_id": unit}),
        )
        .await;
        let crew = app.signed_in("agent41", Role::Crew).await;
        disp.post_ok(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "on_scene"}),
        )
        .await;
        // Act: the crew presses the stale "en route".
        let r = crew
            .post_form(
                "/crew/status",
                &[("incident", &id.to_string()), ("status", "en_route")],
            )
            .await;
        // Assert: 409, the mission as it is now, a one-line reason.
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.expect("page");
        assert!(
            html.contains("Misiunea s-a schimbat între timp") && html.contains("id=\"finish\""),
            "{html}"
        );
        // The desk takes the crew off; the stale "finished" is refused the same way, in English.
        disp.post_ok(
            &format!("/api/v1/incidents/{id}/status"),
            json!({"status": "received"}),
        )
        .await;
        crew.get("/lang?to=en&next=/").await;
        let r = crew
            .post_form(
                "/crew/status",
                &[
                    ("incident", &id.to_string()),
                    ("status", "closed"),
                    ("outcome", "warning"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let html = r.text().await.expect("page");
        assert!(
            html.contains("The mission changed in the meantime")
                && html.contains("id=\"no-mission\""),
            "{html}"
        );
        // Waiting, the view looks for a new mission by itself.
        assert!(
            html.contains("hx-get=\"/crew\" hx-select=\"#mission-slot\""),
            "{html}"
        );
        let (_, now) = disp.get_json(&format!("/api/v1/incidents/{id}")).await;
        assert_eq!(now["status"], "received", "nothing was changed");
    }
);

both!(a_crew_lands_on_its_phone_view_after_signing_in, |app| {
    let crew = app.new_browser();
    let password = app.create_user("agent51", Role::Crew).await;
    let r = crew.login("agent51", &password).await;
    assert_eq!(r.headers()["location"], "/crew");
    let disp = app.new_browser();
    let password = app.create_user("disp51", Role::Dispatcher).await;
    let r = disp.login("disp51", &password).await;
    assert_eq!(r.headers()["location"], "/");
});
