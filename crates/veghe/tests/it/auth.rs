//! Signing in and out, sessions, throttling, CSRF and the security headers.

use reqwest::StatusCode;
use veghe::auth::Role;

use crate::both;
use crate::helpers::{Engine, TestApp};

both!(login_journey_wrong_then_right_then_logout, |app| {
    let password = app.create_user("ana", Role::Dispatcher).await;

    let wrong = app.login("ana", "not-the-password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let page = wrong.text().await.expect("body");
    assert!(
        page.contains("role=\"alert\"") && page.contains("incorect"),
        "{page}"
    );

    let right = app.login("ana", &password).await;
    assert_eq!(right.status(), StatusCode::SEE_OTHER);
    assert_eq!(right.headers()["location"], "/");
    let cookie = right
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("veghe_session="))
        .expect("session cookie")
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );

    let home = app.get("/").await;
    assert_eq!(home.status(), StatusCode::OK);
    assert!(home.text().await.expect("body").contains("Bun venit"));

    let out = app.post_form("/logout", &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    let after = app.get("/").await;
    assert_eq!(after.status(), StatusCode::SEE_OTHER);
    assert!(
        after.headers()["location"]
            .to_str()
            .expect("loc")
            .starts_with("/login")
    );
});

both!(
    the_session_lives_in_the_database_and_a_disabled_account_loses_it,
    |app| {
        let b = app.signed_in("dan", Role::Analyst).await;
        assert_eq!(b.get("/").await.status(), StatusCode::OK);
        veghe::auth::users::set_disabled(
            &app.db,
            &veghe::audit::Actor::system("test"),
            "dan",
            true,
        )
        .await
        .expect("disable");
        assert_eq!(b.get("/").await.status(), StatusCode::SEE_OTHER);
    }
);

both!(repeated_failures_are_throttled_with_retry_after, |app| {
    app.create_user("ion", Role::Dispatcher).await;
    for _ in 0..veghe::auth::throttle::PER_PAIR {
        assert_eq!(
            app.login("ion", "wrong-password").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let r = app.login("ion", "wrong-password").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!(retry > 0 && retry <= 900, "{retry}");
    // Even the right password waits from this address: the pair is throttled, not just the guess.
    let right = app.login("ion", "pw-ion-1234567").await;
    assert_eq!(right.status(), StatusCode::TOO_MANY_REQUESTS);
});

both!(forms_without_the_csrf_token_are_refused, |app| {
    let password = app.create_user("eva", Role::Administrator).await;
    let b = app.new_browser();
    b.csrf().await;
    // A login post without the token.
    let r = b
        .send(
            app.client
                .post(app.url("/login"))
                .form(&[("username", "eva"), ("password", password.as_str())]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // With a wrong token.
    let r = b
        .send(app.client.post(app.url("/login")).form(&[
            ("csrf", "0".repeat(64).as_str()),
            ("username", "eva"),
            ("password", password.as_str()),
        ]))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Signed in, a form without the token changes nothing.
    assert_eq!(
        b.login("eva", &password).await.status(),
        StatusCode::SEE_OTHER
    );
    let r = b
        .send(app.client.post(app.url("/users")).form(&[
            ("username", "mallory"),
            ("display_name", "M"),
            ("role", "administrator"),
            ("password", "0123456789ab"),
        ]))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(veghe::auth::users::find(&app.db, "mallory").await.is_err());
});

both!(every_response_carries_the_security_headers, |app| {
    let r = app.get("/login").await;
    let csp = r.headers()["content-security-policy"]
        .to_str()
        .expect("csp");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(r.headers()["x-frame-options"], "DENY");
    assert_eq!(r.headers()["referrer-policy"], "no-referrer");
});

both!(
    an_administrator_manages_accounts_in_the_browser_and_each_change_is_audited,
    |app| {
        let b = app.signed_in("root", Role::Administrator).await;
        let r = b
            .post_form(
                "/users",
                &[
                    ("username", "Maria"),
                    ("display_name", "Maria Pop"),
                    ("role", "registry_clerk"),
                    ("password", "o-parola-lunga"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let maria = veghe::auth::users::find(&app.db, "maria")
            .await
            .expect("created");
        assert_eq!(maria.role, Role::RegistryClerk);

        let r = b
            .post_form("/users/maria/role", &[("role", "department_officer")])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let r = b
            .post_form("/users/maria/role", &[("role", "emperor")])
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.expect("body").contains("emperor"));

        let r = b
            .post_form(
                "/users",
                &[
                    ("username", "x"),
                    ("display_name", "X"),
                    ("role", "analyst"),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);

        let entries = veghe::audit::recent(&app.db, Some("user"), 10)
            .await
            .expect("audit");
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains(&"user.create") && actions.contains(&"user.set_role"),
            "{actions:?}"
        );
        let change = entries
            .iter()
            .find(|e| e.action == "user.set_role")
            .expect("entry");
        assert_eq!(change.actor_name, "root");
        assert!(
            change
                .before_json
                .as_deref()
                .unwrap_or("")
                .contains("registry_clerk")
        );
        assert!(
            change
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("department_officer")
        );
    }
);

both!(
    the_users_page_refuses_a_taken_name_on_its_form_in_words,
    |app| {
        let admin = app.signed_in("sysadmin", Role::Administrator).await;
        app.create_user("ana", Role::Dispatcher).await;

        let r = admin
            .post_form(
                "/users",
                &[
                    ("username", "ana"),
                    ("display_name", "Ana Pop"),
                    ("role", "dispatcher"),
                    ("password", "o-parola-lunga-2026"),
                ],
            )
            .await;

        assert_eq!(r.status(), StatusCode::CONFLICT);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Utilizatorul „ana” există deja") && page.contains("id=\"nu-username\""),
            "the refusal beside the form, in Romanian: {page}"
        );
        assert!(!page.contains("is taken"), "{page}");
    }
);

both!(a_return_address_never_leads_to_another_site, |app| {
    let password = app.create_user("ion", Role::Dispatcher).await;
    // (as sent in a query, as typed in a form)
    let attacks = [
        ("/%09/evil.example/phish", "/\t/evil.example/phish"),
        ("/%0A/evil.example", "/\n/evil.example"),
        ("//evil.example/x", "//evil.example/x"),
        ("/%5Cevil.example", "/\\evil.example"),
        ("https://evil.example/", "https://evil.example/"),
        ("/%00", "/\0"),
    ];
    let home_or_refused = |r: &reqwest::Response| {
        r.status() == StatusCode::BAD_REQUEST
            || (r.status() == StatusCode::SEE_OTHER && r.headers()["location"] == "/")
    };
    // Signing in with a crafted return address lands at home (a NUL is refused at the edge).
    for (_, typed) in attacks {
        let b = app.new_browser();
        let r = b
            .post_form(
                "/login",
                &[
                    ("username", "ion"),
                    ("password", &password),
                    ("next", typed),
                ],
            )
            .await;
        assert!(home_or_refused(&r), "{typed:?}: {r:?}");
    }
    // Already signed in, and switching the language: home too, never a 500.
    let b = app.signed_in("ana", Role::Dispatcher).await;
    for (sent, _) in attacks {
        for path in [
            format!("/login?next={sent}"),
            format!("/lang?to=en&next={sent}"),
        ] {
            let r = b.get(&path).await;
            assert!(home_or_refused(&r), "{path}: {r:?}");
        }
    }
    // A path of this site with a Romanian word comes back, encoded.
    let r = b.get("/lang?to=ro&next=/presa%3Fq%3Dpoli%C8%9Bia").await;
    assert_eq!(r.headers()["location"], "/presa?q=poli%C8%9Bia");
});

/// Signs in as `user` from `address` (behind the trusted local proxy): the answer's status.
async fn login_from(app: &TestApp, user: &str, password: &str, address: &str) -> StatusCode {
    let b = app.new_browser();
    let token = b.csrf().await;
    b.send(
        app.client
            .post(app.url("/login"))
            .header("x-forwarded-for", address)
            .form(&[("username", user), ("password", password), ("csrf", &token)]),
    )
    .await
    .status()
}

async fn nobody_locks_out_the_owner(engine: Engine) {
    let Some(app) = TestApp::spawn_with(engine, |c| c.trust_proxy = true).await else {
        return;
    };
    let password = app.create_user("ion", Role::Dispatcher).await;
    // An attacker guesses from one address until refused...
    let mut refused = false;
    for _ in 0..8 {
        refused |= login_from(&app, "ion", "guess-guess-1", "203.0.113.9").await
            == StatusCode::TOO_MANY_REQUESTS;
    }
    assert!(refused, "the attacker's address was never throttled");
    // ...then from twenty more, rotating the address the header claims.
    for n in 0..20 {
        login_from(&app, "ion", "guess-guess-1", &format!("198.51.100.{n}")).await;
    }
    // The owner, from an address with no failure, signs in at once.
    assert_eq!(
        login_from(&app, "ion", &password, "192.0.2.44").await,
        StatusCode::SEE_OTHER
    );
    // A client cannot choose its address: what it writes in the header stays to the left of
    // what the proxy saw, so the attacker's own address is still refused.
    assert_eq!(
        login_from(&app, "ion", &password, "192.0.2.44, 203.0.113.9").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_locks_out_the_owner_sqlite() {
    nobody_locks_out_the_owner(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_locks_out_the_owner_postgres() {
    nobody_locks_out_the_owner(Engine::Postgres).await;
}

both!(parallel_guesses_do_not_pass_the_limit_together, |app| {
    app.create_user("ana", Role::Dispatcher).await;
    let tries: Vec<_> = (0..40)
        .map(|_| {
            let b = app.new_browser();
            async move { b.login("ana", "guess-guess-2").await.status() }
        })
        .collect();
    let answers = futures_util::future::join_all(tries).await;
    let judged = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        judged as i64 <= veghe::auth::throttle::PER_PAIR,
        "{judged} of 40 parallel guesses were judged: {answers:?}"
    );
    assert_eq!(
        judged
            + answers
                .iter()
                .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
                .count(),
        40
    );
});
