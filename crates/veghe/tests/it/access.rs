//! Every route of the router, tried as a stranger and as every role: each gets exactly what
//! the route declares. A route added without a declaration cannot exist (the router is built
//! only through `Routes`), and a public one must be listed here on purpose.

use reqwest::{Method, StatusCode};
use veghe::auth::{Access, Role};

use crate::both;

/// The routes anyone may use, signed in or not. Adding to this list is a security decision.
const PUBLIC: &[&str] = &[
    "GET /login",
    "POST /login",
    "GET /lang",
    "GET /healthz",
    "GET /readyz",
    "GET /assets/{*path}",
    "GET /osmand",
    "POST /osmand",
    "GET /cap/alerts.xml",
    "GET /cap/alerts/{file}",
    "GET /citizen/petition",
    "POST /citizen/petition",
    "GET /citizen/status",
    "GET /open311/v2/{file}",
    "POST /open311/v2/{file}",
    "GET /open311/v2/services/{file}",
    "GET /open311/v2/requests/{file}",
    "GET /presa/evenimente.ics",
    "GET /presa",
    "GET /presa/comunicate/{id}",
    "GET /presa/comunicate.rss",
    "GET /presa/comunicate.atom",
    "GET /presa/foto/{id}",
];

fn concrete(path: &str) -> String {
    path.replace("{year}", "2026")
        .replace("{username}", "nobody")
        .replace("{*path}", "app/app.css")
        .replace("{id}", "1")
}

#[test]
fn only_the_listed_routes_are_public() {
    for spec in veghe::route_table() {
        let key = format!("{} {}", spec.method, spec.path);
        let public = matches!(spec.access, Access::Public);
        assert_eq!(
            public,
            PUBLIC.contains(&key.as_str()),
            "{key} public={public}"
        );
    }
}

both!(every_route_answers_each_role_as_declared, |app| {
    // Arrange: a signed-in browser per role.
    let mut browsers = Vec::new();
    for role in Role::ALL {
        let b = app
            .signed_in(&format!("u-{}", role.code().replace('_', "-")), role)
            .await;
        browsers.push((role, b));
    }
    let stranger = app.new_browser();
    stranger.csrf().await;

    for spec in veghe::route_table() {
        let path = concrete(spec.path);
        let method = Method::from_bytes(spec.method.as_str().as_bytes()).expect("method");
        // Act + Assert: the stranger.
        let r = stranger
            .send(
                app.client
                    .request(method.clone(), app.url(&path))
                    .form(&[("csrf", stranger.csrf().await)]),
            )
            .await;
        if !matches!(spec.access, Access::Public) {
            assert!(
                r.status() == StatusCode::UNAUTHORIZED
                    || (r.status() == StatusCode::SEE_OTHER && method == Method::GET),
                "stranger got {} for {} {path}",
                r.status(),
                spec.method
            );
        }
        // Each role (signing out is tried in the login journey: here it would end the sessions).
        if spec.path == "/logout" {
            continue;
        }
        for (role, b) in &browsers {
            let token = b.csrf().await;
            let r = b
                .send(
                    app.client
                        .request(method.clone(), app.url(&path))
                        .form(&[("csrf", token)]),
                )
                .await;
            let allowed = spec.access.allows(Some(*role));
            if allowed {
                assert!(
                    r.status() != StatusCode::FORBIDDEN && r.status() != StatusCode::UNAUTHORIZED,
                    "{role} refused ({}) for {} {path}",
                    r.status(),
                    spec.method
                );
            } else {
                assert_eq!(
                    r.status(),
                    StatusCode::FORBIDDEN,
                    "{role} for {} {path}",
                    spec.method
                );
            }
        }
    }
});
