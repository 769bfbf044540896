//! The JSON API: tokens before everything, the OpenAPI document, errors that name the field.

use reqwest::StatusCode;
use serde_json::Value;
use veghe::auth::Role;

use crate::both;

both!(the_api_answers_401_before_anything_else, |app| {
    for path in ["/api/v1/me", "/api/v1/no-such-thing", "/api/v1/users"] {
        let r = app.client.get(app.url(path)).send().await.expect("request");
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"]["code"], "unauthorized");
        let r = app.api_with("vgh_0000".into()).get(path).await;
        assert_eq!(
            r.status(),
            StatusCode::UNAUTHORIZED,
            "{path} with a bad token"
        );
    }
});

both!(a_token_identifies_its_account_until_revoked, |app| {
    let script = app.api("script", Role::Analyst).await;
    let r = script.get("/api/v1/me").await;
    assert_eq!(r.status(), StatusCode::OK);
    let me: Value = r.json().await.expect("json");
    assert_eq!(me["username"], "script");
    assert_eq!(me["role"], "analyst");

    let r = script.get("/api/v1/users").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = script.get("/api/v1/no-such-thing").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let body: Value = r.json().await.expect("json error");
    assert_eq!(body["error"]["code"], "not_found");

    let list = veghe::auth::tokens::list(&app.db).await.expect("list");
    veghe::auth::tokens::revoke(&app.db, &veghe::audit::Actor::system("test"), list[0].id)
        .await
        .expect("revoke");
    assert_eq!(
        script.get("/api/v1/me").await.status(),
        StatusCode::UNAUTHORIZED
    );
});

both!(
    the_calendar_api_computes_deadlines_and_names_bad_input,
    |app| {
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        let r = clerk
            .get("/api/v1/calendar/deadline?rule=petition-answer&from=2026-11-29")
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let d: Value = r.json().await.expect("json");
        assert_eq!(d["due"], "2026-12-29");
        assert_eq!(d["days"], 30);

        let r = clerk
            .get("/api/v1/calendar/deadline?rule=nonsense&from=2026-11-29")
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let e: Value = r.json().await.expect("json");
        assert_eq!(e["error"]["field"], "rule");
        let r = clerk
            .get("/api/v1/calendar/deadline?rule=info-answer&from=2026-02-31")
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let e: Value = r.json().await.expect("json");
        assert_eq!(e["error"]["field"], "from");

        let r = clerk.get("/api/v1/calendar/holidays/2026").await;
        let days: Vec<Value> = r.json().await.expect("json");
        let dates: Vec<&str> = days.iter().filter_map(|d| d["date"].as_str()).collect();
        assert!(
            dates.contains(&"2026-04-12"),
            "Orthodox Easter 2026: {dates:?}"
        );
        assert!(dates.contains(&"2026-12-01"));
    }
);

both!(the_openapi_document_describes_the_api, |app| {
    let dev = app.api("dev", Role::Analyst).await;
    let doc = dev.get_ok("/api/openapi.json").await;
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    for path in [
        "/api/v1/me",
        "/api/v1/calendar/deadline",
        "/api/v1/calendar/holidays/{year}",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    // Every /api/v1 route of the router is documented.
    for spec in veghe::route_table() {
        if spec.path.starts_with("/api/v1/") {
            assert!(
                doc["paths"].get(spec.path).is_some(),
                "{} not in the OpenAPI document",
                spec.path
            );
        }
    }
});
