//! The crews list and a crew's route replay page: the period (current shift by default), the
//! distance and fixes, the incidents worked, the links to it, who may open it, and period
//! problems named by their field.

use reqwest::StatusCode;
use serde_json::json;
use veghe::auth::Role;
use veghe::dispatch::period;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::fixtures::noise_at;

/// Four fixes 60 s apart going north, ten minutes ago; returns the first one's time (s).
async fn drive(app: &TestApp, tracker: &str) -> i64 {
    let t0 = veghe::db::now_ms() / 1000 - 600;
    for (i, lat) in [45.750, 45.751, 45.752, 45.753].iter().enumerate() {
        let r = app
            .client
            .get(app.url(&format!(
                "/osmand?id={tracker}&lat={lat}&lon=21.22&timestamp={}&speed=10",
                t0 + 60 * i as i64
            )))
            .send()
            .await
            .expect("fix");
        assert_eq!(r.status(), StatusCode::OK);
    }
    t0
}

fn query(from_ms: i64, to_ms: i64) -> String {
    format!(
        "from={}&to={}",
        period::input_value(from_ms),
        period::input_value(to_ms)
    )
}

both!(
    the_route_page_shows_the_period_its_route_and_incidents,
    |app| {
        let disp = app.api("api", Role::Dispatcher).await;
        let unit = app.add_unit("PL-611", Some("trk-611")).await;
        let t0 = drive(&app, "trk-611").await;
        let inc = disp
            .post_ok("/api/v1/incidents", noise_at(45.753, 21.22))
            .await;
        let id = inc["id"].as_i64().expect("id");
        disp.post_ok(
            &format!("/api/v1/incidents/{id}/assign"),
            json!({"unit_id": unit}),
        )
        .await;

        let browser = app.signed_in("disp", Role::Dispatcher).await;
        let now = veghe::db::now_ms();
        let path = format!(
            "/units/{unit}/route?{}",
            query(t0 * 1000 - 120_000, now + 600_000)
        );
        let r = browser.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.expect("page");
        assert!(page.contains("Traseul echipajului PL-611"), "the title");
        assert!(
            page.contains("<strong>alocat</strong>") && page.contains("<td>Echipaj alocat</td>"),
            "the crew's and the incident's states in Romanian"
        );
        assert!(
            page.contains(r#"<dd id="route-fixes">4</dd>"#),
            "four fixes"
        );
        assert!(
            page.contains(r#"<dd id="route-distance">0,3 km</dd>"#),
            "three legs of about 111 m"
        );
        assert!(
            page.contains(&format!(r#"min="{t0}" max="{}""#, t0 + 180)),
            "the slider runs from the first fix to the last"
        );
        assert!(
            page.contains(&format!(r#"data-track="/api/v1/units/{unit}/track?from="#)),
            "the map loads the track of the period"
        );
        assert!(
            page.contains(&format!(r#"<a href="/incidents/{id}">"#))
                && page.contains(inc["reference"].as_str().expect("reference")),
            "the incident worked in the period links to its page"
        );
        assert!(page.contains("Alba Iulia"), "with its address");
        assert!(!page.contains("<script>"), "no inline script");

        // By default: the shift under way, in the inputs as the browser shows them.
        let (from, to) = veghe::settings::Shifts::default().under_way(veghe::db::now_ms());
        let page = browser
            .get(&format!("/units/{unit}/route"))
            .await
            .text()
            .await
            .expect("page");
        assert!(
            page.contains(&format!(r#"value="{}""#, period::input_value(from)))
                && page.contains(&format!(r#"value="{}""#, period::input_value(to))),
            "the current shift is the default period"
        );

        // A period without fixes says so, and the incident is not listed before it was received.
        let page = browser
            .get(&format!(
                "/units/{unit}/route?from=2026-01-01&to=2026-01-02"
            ))
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Nicio poziție primită"));
        assert!(!page.contains(&format!(r#"<a href="/incidents/{id}">"#)));

        // In English.
        browser.get("/lang?to=en&next=/").await;
        let page = browser.get(&path).await.text().await.expect("page");
        assert!(page.contains("Route of crew PL-611") && page.contains("0.3 km"));
        assert!(
            page.contains("<strong>dispatched</strong>")
                && page.contains("<td>Crew dispatched</td>")
        );

        // The crews list, the board and the incident page lead to it.
        let list = browser.get("/units").await.text().await.expect("list");
        assert!(list.contains("<td>car</td>") && list.contains("Proximity and public safety"));
        assert!(list.contains(&format!(r#"href="/units/{unit}/route""#)));
        let tables = browser.get("/board/tables").await.text().await.expect("t");
        assert!(tables.contains(&format!(r#"href="/units/{unit}/route""#)));
        let incident = browser
            .get(&format!("/incidents/{id}"))
            .await
            .text()
            .await
            .expect("incident");
        assert!(
            incident.contains(&format!(r#"href="/units/{unit}/route?from="#)),
            "the assigned crew's route from the incident page"
        );
    }
);

both!(the_route_pages_are_for_those_who_dispatch, |app| {
    let unit = app.add_unit("PL-612", Some("trk-612")).await;
    for (role, allowed) in [
        (Role::Dispatcher, true),
        (Role::HeadOfService, true),
        (Role::Administrator, true),
        (Role::Analyst, false),
        (Role::Management, false),
        (Role::Crew, false),
        (Role::RegistryClerk, false),
    ] {
        let browser = app.new_browser();
        browser
            .login_as(&format!("u-{}", role.code().replace('_', "-")), role)
            .await;
        let want = if allowed {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        for path in ["/units".to_string(), format!("/units/{unit}/route")] {
            assert_eq!(browser.get(&path).await.status(), want, "{role} {path}");
        }
        if role == Role::Dispatcher {
            let list = browser.get("/units").await.text().await.expect("list");
            assert!(
                list.contains("<td>autospecială</td>")
                    && list.contains("Proximitate și siguranță publică")
                    && list.contains("<td>disponibil</td>"),
                "the crews list in Romanian"
            );
        }
        // Only dispatchers get the route behind a call sign on the board.
        if role == Role::Analyst {
            let tables = browser.get("/board/tables").await.text().await.expect("t");
            assert!(tables.contains("PL-612") && !tables.contains("/units/"));
        }
    }
    let stranger = app.new_browser();
    let r = stranger.get(&format!("/units/{unit}/route")).await;
    assert!(r.status().is_redirection() || r.status() == StatusCode::UNAUTHORIZED);
});

both!(period_problems_are_named_on_the_page, |app| {
    let unit = app.add_unit("PL-613", Some("trk-613")).await;
    let browser = app.signed_in("disp", Role::Dispatcher).await;
    let cases = [
        (
            "from=ieri",
            "De la: „ieri” nu este o dată și oră",
            "route-from",
        ),
        (
            "from=2026-11-29T10:00&to=2026-11-29T09:00",
            "Până la: perioada se termină înainte să înceapă",
            "route-to",
        ),
        (
            "from=2026-11-01&to=2026-11-29",
            "Până la: perioada poate avea cel mult 7 zile",
            "route-to",
        ),
        (
            "to=31.02.2026",
            "Până la: „31.02.2026” nu este o dată și oră",
            "route-to",
        ),
    ];
    for (q, message, input) in cases {
        let r = browser.get(&format!("/units/{unit}/route?{q}")).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{q}");
        let page = r.text().await.expect("page");
        assert!(page.contains(message), "{q}: {message}");
        let marked = format!(r#"<input id="{input}""#);
        let at = page.find(&marked).expect("input");
        let tag = &page[at..at + page[at..].find('>').expect("tag end")];
        assert!(tag.contains(r#"aria-invalid="true""#), "{q}: {tag}");
        assert!(
            !page.contains(r#"id="route-map""#),
            "{q}: no map for a bad period"
        );
    }
    // What was typed stays in the form to be corrected.
    let page = browser
        .get(&format!("/units/{unit}/route?from=ieri"))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(r#"value="ieri""#));
    // Unknown crews are not found; an id that is not a number is refused.
    assert_eq!(
        browser.get("/units/99999/route").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser.get("/units/abc/route").await.status(),
        StatusCode::BAD_REQUEST
    );
});
