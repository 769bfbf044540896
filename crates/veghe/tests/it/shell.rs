//! The web shell: pages by role, language switch, error pages, health, metrics, assets, the map
//! layers and the calendar page.

use reqwest::StatusCode;
use veghe::auth::Role;

use crate::both;

both!(health_and_readiness_answer, |app| {
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
});

both!(metrics_are_prometheus_text_for_administrators, |app| {
    let b = app.signed_in("ops", Role::Administrator).await;
    b.get("/").await;
    let r = b.get("/metrics").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("text/plain")
    );
    let text = r.text().await.expect("body");
    assert!(text.contains("# TYPE veghe_http_requests_total counter"));
    assert!(text.contains("route=\"/\""), "{text}");
});

both!(unknown_pages_are_404_pages_without_internals, |app| {
    let r = app.get("/no/such/page").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body = r.text().await.expect("body");
    assert!(body.contains("Pagina nu există"));
    assert!(!body.contains("sqlx") && !body.contains(".rs"));
});

both!(a_forbidden_page_says_so_in_the_users_language, |app| {
    let b = app.signed_in("disp", Role::Dispatcher).await;
    let r = b.get("/users").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("<h1>Acces interzis</h1>")
    );
    let r = b.get("/lang?to=en&next=/users").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/users");
    let r = b.get("/users").await;
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("<h1>Access denied</h1>")
    );
    // The switch never leaves the site.
    let r = b.get("/lang?to=ro&next=//evil.example").await;
    assert_eq!(r.headers()["location"], "/");
});

both!(navigation_shows_only_what_the_role_may_open, |app| {
    let admin = app.signed_in("adm", Role::Administrator).await;
    let page = admin.get("/").await.text().await.expect("body");
    assert!(page.contains("href=\"/admin\"") && page.contains("href=\"/audit\""));
    let crew = app.signed_in("crew1", Role::Crew).await;
    // A crew's home is its phone view.
    let r = crew.get("/").await;
    assert_eq!(r.headers()["location"], "/crew");
    let page = crew.get("/crew").await.text().await.expect("body");
    assert!(
        !page.contains("href=\"/admin\"")
            && !page.contains("href=\"/audit\"")
            && !page.contains("href=\"/map\"")
    );
    assert!(page.contains("lang=\"ro\""));
});

both!(assets_and_map_layers_are_served, |app| {
    let css = app.get("/assets/app/app.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    assert!(
        css.headers()["content-type"]
            .to_str()
            .expect("ct")
            .starts_with("text/css")
    );
    let leaflet = app.get("/assets/vendor/leaflet/leaflet.js").await;
    assert_eq!(leaflet.status(), StatusCode::OK);
    assert_eq!(
        app.get("/assets/vendor/htmx.min.js").await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/assets/../Cargo.toml").await.status(),
        StatusCode::NOT_FOUND
    );

    let b = app.signed_in("an", Role::Analyst).await;
    let r = b.get("/geo/neighbourhoods.geojson").await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.expect("geojson");
    assert_eq!(v["features"].as_array().expect("features").len(), 31);
    let r = b.get("/geo/incidents.geojson?days=7").await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = b.get("/geo/incidents.geojson?days=400").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = b.get("/map").await.text().await.expect("body");
    assert!(page.contains("class=\"vg-map") && page.contains("OpenStreetMap"));
});

both!(the_calendar_page_computes_a_deadline, |app| {
    let b = app.signed_in("reg", Role::RegistryClerk).await;
    let page = b
        .get("/calendar?rule=petition-answer&from=2026-11-29")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(">29.12.2026</output>"), "{page}");
    // 2026-12-01 + 30 days = 2026-12-31 (Thursday, working day).
    let page = b
        .get("/calendar?rule=petition-answer&from=2026-12-01")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(">31.12.2026</output>"));
    // 2026-12-02 + 30 = 2027-01-01 (holiday), 02.01 Saturday, 03.01 Sunday → 04.01.2027.
    let page = b
        .get("/calendar?rule=petition-answer&from=2026-12-02")
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(">04.01.2027</output>"));
    let r = b
        .get("/calendar?rule=petition-answer&from=31.02.2026")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
});

both!(a_new_account_has_no_role_until_one_is_chosen, |app| {
    // Arrange: the administrator's accounts page.
    let admin = app.signed_in("chief", Role::Administrator).await;
    // Act
    let r = admin.get("/users").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.expect("body");
    // Assert: the new account's role list starts on a prompt, and nothing else is chosen.
    let start = page.find("id=\"nu-role\"").expect("the new account's role");
    let select = &page[start..start + page[start..].find("</select>").expect("end")];
    assert!(select.contains("required"), "{select}");
    assert!(
        select.contains("<option value=\"\" selected disabled>— alegeți rolul —</option>"),
        "{select}"
    );
    assert_eq!(select.matches(" selected").count(), 1, "{select}");
});
