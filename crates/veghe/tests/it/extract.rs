//! Input read one way: a body, an id, a query or a form that does not parse is a 400 naming the
//! field (JSON for the API, a page for the browser), and the API without a session is a 401.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::Api;

/// Posts `body` as it is, with the JSON content type.
async fn post_raw(disp: &Api, path: &str, body: &str) -> (StatusCode, Value) {
    let r = disp
        .request(Method::POST, path)
        .header(CONTENT_TYPE, "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("request");
    let status = r.status();
    (status, r.json().await.expect("a JSON error"))
}

both!(a_malformed_json_body_is_a_400_naming_the_field, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    for (body, field) in [
        (json!({"incident_id": 1}).to_string(), "template"),
        (
            json!({"template": "flood", "incident_id": "one"}).to_string(),
            "incident_id",
        ),
        ("{\"template\": ".to_string(), "body"),
        ("[1, 2]".to_string(), "body"),
    ] {
        let (s, e) = post_raw(&disp, "/api/v1/plans", &body).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(e["error"]["code"], "bad_request", "{e}");
        assert_eq!(e["error"]["field"], field, "{e}");
        assert!(e["error"]["message"].is_string(), "{e}");
    }
    // Without the JSON content type the body is refused as a whole.
    let r = disp
        .request(Method::POST, "/api/v1/plans")
        .body(json!({"template": "flood"}).to_string())
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["error"]["field"], "body");
});

both!(an_id_that_is_not_a_number_is_a_400_naming_id, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    for path in ["/api/v1/incidents/abc", "/api/v1/incidents/0"] {
        let r = disp.get(path).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{path}");
        let e: Value = r.json().await.expect("json");
        assert_eq!(e["error"]["field"], "id", "{e}");
    }
    let r = disp.get("/api/v1/incidents/999999").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
});

both!(a_query_missing_a_field_is_a_400_naming_it, |app| {
    let disp = app.api("disp", Role::Dispatcher).await;
    let r = disp
        .get("/api/v1/calendar/deadline?rule=petition-answer")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["error"]["field"], "from", "{e}");
});

both!(
    a_malformed_page_form_is_an_error_page_naming_the_field,
    |app| {
        let browser = app.new_browser();
        let r = browser
            .post_form("/login", &[("username", "someone")])
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(
            r.headers()[CONTENT_TYPE]
                .to_str()
                .expect("content type")
                .starts_with("text/html")
        );
        let page = r.text().await.expect("page");
        assert!(page.contains("password"), "{page}");
    }
);

both!(the_api_without_a_session_is_a_401_in_json, |app| {
    let r = app
        .client
        .get(app.url("/api/v1/incidents"))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["error"]["code"], "unauthorized");
});
