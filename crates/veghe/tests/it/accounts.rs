//! Accounts administered from the browser and the API: one-time passwords changed at the first
//! sign-in, the password rule, resets, disabling, the last administrator, roles, a person's own
//! password, and the audit trail of each.

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::command::veghe;

/// The one-time password a page shows once.
async fn one_time_password(r: Response) -> String {
    let page = r.text().await.expect("page");
    let start = page
        .find("<p class=\"otp\"><code translate=\"no\">")
        .unwrap_or_else(|| panic!("no one-time password on the page: {page}"));
    let rest = &page[start + "<p class=\"otp\"><code translate=\"no\">".len()..];
    rest[..rest.find("</code>").expect("end")].to_string()
}

fn location(r: &Response) -> &str {
    r.headers()["location"].to_str().expect("location")
}

/// The actions of the audit trail's entries about accounts, oldest first, and their texts.
async fn audited(app: &crate::helpers::TestApp) -> (Vec<String>, String) {
    let mut entries = veghe::audit::recent(&app.db, Some("user"), 100)
        .await
        .expect("audit");
    entries.reverse();
    let texts = entries
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e.before_json.as_deref().unwrap_or_default(),
                e.after_json.as_deref().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    (entries.into_iter().map(|e| e.action).collect(), texts)
}

both!(
    an_added_account_changes_its_one_time_password_before_anything_else,
    |app| {
        // Arrange: the administrator adds an account from the page.
        let admin = app.signed_in("root", Role::Administrator).await;
        let r = admin
            .post_form(
                "/users",
                &[
                    ("username", "Vlad"),
                    ("display_name", "Vlad Ionescu"),
                    ("role", "dispatcher"),
                    ("email", "vlad@example.org"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let otp = one_time_password(r).await;
        assert_eq!(otp.len(), 19, "{otp}");
        let listed = admin.get("/users").await.text().await.expect("page");
        assert!(listed.contains("href=\"/users/vlad\""), "{listed}");
        assert!(!listed.contains(&otp), "shown once only");

        // Act: the person signs in with it.
        let vlad = app.new_browser();
        let r = vlad.login("vlad", &otp).await;

        // Assert: every page leads to the password change, the API refuses the session.
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&r), "/account/password");
        for path in ["/", "/board", "/users"] {
            let r = vlad.get(path).await;
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
            assert_eq!(location(&r), "/account/password", "{path}");
        }
        let r = vlad.send(app.client.get(app.url("/api/v1/me"))).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let body: Value = r.json().await.expect("json");
        assert_eq!(body["error"]["code"], "password_change_required", "{body}");
        let page = vlad.get("/account/password").await;
        assert_eq!(page.status(), StatusCode::OK);
        assert!(page.text().await.expect("page").contains("id=\"forced\""));

        // Act: the person chooses a password.
        let mine = "un stejar pe malul Begăi";
        let r = vlad
            .post_form(
                "/account/password",
                &[
                    ("current_password", otp.as_str()),
                    ("password", mine),
                    ("password_repeat", mine),
                ],
            )
            .await;

        // Assert: pages open, the mark is gone, the one-time password no longer signs in.
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(vlad.get("/").await.status(), StatusCode::OK);
        assert_eq!(vlad.get("/board").await.status(), StatusCode::OK);
        let user = veghe::auth::users::find(&app.db, "vlad")
            .await
            .expect("user");
        assert!(!user.must_change_password && user.last_login_at.is_some());
        let other = app.new_browser();
        assert_eq!(
            other.login("vlad", &otp).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            other.login("vlad", mine).await.status(),
            StatusCode::SEE_OTHER
        );
        let (actions, texts) = audited(&app).await;
        assert!(
            actions.contains(&"user.create".to_string())
                && actions.contains(&"user.change_password".to_string()),
            "{actions:?}"
        );
        assert!(
            !texts.contains("argon2") && !texts.contains(&otp),
            "{texts}"
        );
    }
);

both!(weak_passwords_are_refused_naming_password, |app| {
    // Arrange: a person with a token, and the words of each refusal.
    let password = app.create_user("ana", Role::Analyst).await;
    let ana = app.api_with(app.token_for_existing("ana").await);

    for (weak, says) in [
        ("scurtă", "at least 12 characters"),
        ("Password1234", "commonly used"),
        ("QWERTYUIOP12", "commonly used"),
    ] {
        // Act
        let (status, body) = ana
            .post(
                "/api/v1/account/password",
                json!({"current_password": password, "password": weak}),
            )
            .await;
        // Assert
        assert_eq!(status, StatusCode::BAD_REQUEST, "{weak}");
        assert_eq!(body["error"]["field"], "password", "{weak}: {body}");
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{weak}: {message}");
    }

    // The page says it in Romanian; the command line applies the same rule.
    let b = app.new_browser();
    b.login("ana", &password).await;
    let r = b
        .post_form(
            "/account/password",
            &[
                ("current_password", password.as_str()),
                ("password", "password1234"),
                ("password_repeat", "password1234"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("lista parolelor folosite des")
    );
    let (code, _, err) = veghe(
        &app.test_db_url(),
        &[
            "user",
            "add",
            "ion",
            "--role",
            "analyst",
            "--password-stdin",
        ],
        Some("iloveyou\n"),
    );
    assert_ne!(code, 0);
    assert!(err.contains("at least 12 characters"), "{err}");
    assert!(veghe::auth::users::find(&app.db, "ion").await.is_err());
});

both!(
    own_change_needs_the_current_password_and_ends_the_other_sessions,
    |app| {
        // Arrange: one person signed in on two browsers.
        let password = app.create_user("dan", Role::Dispatcher).await;
        let here = app.new_browser();
        let there = app.new_browser();
        here.login("dan", &password).await;
        there.login("dan", &password).await;
        let new = "alt cuvânt de trecere, lung";

        // Act: a wrong current password, then the right one.
        let wrong = here
            .post_form(
                "/account/password",
                &[
                    ("current_password", "nu-este-parola-mea"),
                    ("password", new),
                    ("password_repeat", new),
                ],
            )
            .await;
        let right = here
            .post_form(
                "/account/password",
                &[
                    ("current_password", password.as_str()),
                    ("password", new),
                    ("password_repeat", new),
                ],
            )
            .await;

        // Assert: the wrong one changes nothing; the right one keeps this session, ends the other.
        assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
        assert!(
            wrong
                .text()
                .await
                .expect("page")
                .contains("Parola actuală: nu este cea corectă")
        );
        assert_eq!(right.status(), StatusCode::SEE_OTHER);
        assert_eq!(here.get("/").await.status(), StatusCode::OK);
        assert_eq!(there.get("/").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.new_browser().login("dan", &password).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            app.new_browser().login("dan", new).await.status(),
            StatusCode::SEE_OTHER
        );
    }
);

both!(
    a_reset_ends_the_sessions_and_asks_for_a_new_password,
    |app| {
        // Arrange: a person signed in, an administrator's token.
        let admin = app.api("root", Role::Administrator).await;
        let password = app.create_user("eva", Role::RegistryClerk).await;
        let eva = app.new_browser();
        eva.login("eva", &password).await;
        let listed = admin.get_ok("/api/v1/users/eva/sessions").await;
        assert_eq!(listed.as_array().map(Vec::len), Some(1), "{listed}");
        assert!(listed[0]["address"].as_str().is_some(), "{listed}");

        // Act
        let (status, body) = admin.post("/api/v1/users/eva/password", json!({})).await;

        // Assert: a new one-time password, the session ended, the old password refused.
        assert_eq!(status, StatusCode::OK, "{body}");
        let otp = body["one_time_password"].as_str().expect("otp").to_string();
        assert_eq!(body["sessions_ended"], 1, "{body}");
        assert_eq!(body["user"]["must_change_password"], true, "{body}");
        assert_eq!(eva.get("/").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.new_browser().login("eva", &password).await.status(),
            StatusCode::UNAUTHORIZED
        );
        let r = app.new_browser().login("eva", &otp).await;
        assert_eq!(location(&r), "/account/password");
        let (actions, texts) = audited(&app).await;
        assert!(actions.contains(&"user.reset_password".to_string()));
        assert!(!texts.contains("argon2") && !texts.contains(&otp));

        // The page does the same, and shows the new password once.
        let page_admin = app.signed_in("chief", Role::Administrator).await;
        let r = page_admin.post_form("/users/eva/password", &[]).await;
        assert_eq!(r.status(), StatusCode::OK);
        let again = one_time_password(r).await;
        assert_ne!(again, otp);
        let (status, _) = admin
            .send(Method::DELETE, "/api/v1/users/eva/sessions", json!({}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(admin.get_ok("/api/v1/users/eva/sessions").await, json!([]));
    }
);

both!(
    disabling_ends_sessions_revokes_tokens_and_refuses_sign_in,
    |app| {
        // Arrange: a person with a session and an API token.
        let admin = app.api("root", Role::Administrator).await;
        let password = app.create_user("ion", Role::Dispatcher).await;
        let ion_api = app.api_with(app.token_for_existing("ion").await);
        let ion = app.new_browser();
        ion.login("ion", &password).await;
        assert_eq!(ion_api.get("/api/v1/me").await.status(), StatusCode::OK);

        // Act
        let (status, body) = admin
            .send(
                Method::PATCH,
                "/api/v1/users/ion",
                json!({"disabled": true}),
            )
            .await;

        // Assert: said and done.
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["sessions_ended"], 1, "{body}");
        assert_eq!(body["tokens_revoked"], 1, "{body}");
        assert_eq!(ion.get("/").await.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            app.new_browser().login("ion", &password).await.status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            ion_api.get("/api/v1/me").await.status(),
            StatusCode::UNAUTHORIZED
        );

        // Re-enabled: signing in works again, the revoked token stays revoked.
        let (status, _) = admin
            .send(
                Method::PATCH,
                "/api/v1/users/ion",
                json!({"disabled": false}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            app.new_browser().login("ion", &password).await.status(),
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            ion_api.get("/api/v1/me").await.status(),
            StatusCode::UNAUTHORIZED
        );
        let (actions, texts) = audited(&app).await;
        assert!(
            actions.contains(&"user.disable".to_string())
                && actions.contains(&"user.enable".to_string()),
            "{actions:?}"
        );
        assert!(texts.contains("\"tokens_revoked\":1"), "{texts}");
    }
);

both!(the_last_enabled_administrator_stays, |app| {
    // Arrange: one administrator, and a second one to disable.
    let root = app.api("root", Role::Administrator).await;
    app.create_user("ana", Role::Administrator).await;

    // Act / Assert: with two, one may go; the last one may be neither demoted nor disabled.
    let (status, _) = root
        .send(
            Method::PATCH,
            "/api/v1/users/ana",
            json!({"disabled": true}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = root
        .send(
            Method::PATCH,
            "/api/v1/users/root",
            json!({"role": "analyst"}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("last enabled administrator")),
        "{body}"
    );
    let (code, _, err) = veghe(&app.test_db_url(), &["user", "disable", "root"], None);
    assert_ne!(code, 0);
    assert!(err.contains("last enabled administrator"), "{err}");
    let (status, _) = root
        .send(
            Method::PATCH,
            "/api/v1/users/root",
            json!({"disabled": true}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let root_now = veghe::auth::users::find(&app.db, "root")
        .await
        .expect("root");
    assert!(root_now.role == Role::Administrator && !root_now.disabled);

    // On the page, in Romanian: a second administrator disables the first, then may not
    // demote themself.
    let sef = app.signed_in("sef", Role::Administrator).await;
    let r = sef
        .post_form("/users/root/disabled", &[("disabled", "1")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = sef
        .post_form("/users/sef/role", &[("role", "analyst")])
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Este ultimul administrator activ")
    );
});

both!(a_role_change_takes_effect_at_once, |app| {
    // Arrange
    let admin = app.api("root", Role::Administrator).await;
    let b = app.signed_in("mara", Role::Dispatcher).await;
    assert_eq!(b.get("/board").await.status(), StatusCode::OK);

    // Act
    let (status, body) = admin
        .send(
            Method::PATCH,
            "/api/v1/users/mara",
            json!({"role": "registry_clerk", "display_name": "Mara Pop", "email": "mara@example.org"}),
        )
        .await;

    // Assert
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["user"]["role"], "registry_clerk");
    assert_eq!(body["user"]["email"], "mara@example.org");
    assert_eq!(b.get("/board").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(b.get("/registry").await.status(), StatusCode::OK);
    let (actions, _) = audited(&app).await;
    assert!(
        actions.contains(&"user.set_role".to_string()),
        "{actions:?}"
    );
    let (status, body) = admin
        .send(
            Method::PATCH,
            "/api/v1/users/mara",
            json!({"email": "nu o adresă"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["field"], "email");
});

both!(
    the_api_adds_an_account_and_answers_its_password_once,
    |app| {
        // Arrange
        let admin = app.api("root", Role::Administrator).await;

        // Act
        let (status, body) = admin
            .post(
                "/api/v1/users",
                json!({"username": "petra", "display_name": "Petra Lungu", "role": "analyst"}),
            )
            .await;

        // Assert
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let otp = body["one_time_password"].as_str().expect("otp");
        assert!(otp.chars().count() >= 12);
        let listed = admin.get_ok("/api/v1/users").await;
        let petra = listed
            .as_array()
            .and_then(|a| a.iter().find(|u| u["username"] == "petra"))
            .expect("listed");
        assert_eq!(petra["must_change_password"], true);
        assert_eq!(petra["sessions"], 0);
        assert!(!listed.to_string().contains(otp), "answered once");
        let (status, body) = admin
            .post(
                "/api/v1/users",
                json!({"username": "petra", "display_name": "Alta", "role": "analyst"}),
            )
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
    }
);

both!(every_other_role_is_refused_the_accounts, |app| {
    for role in Role::ALL.into_iter().filter(|r| *r != Role::Administrator) {
        // Arrange
        let name = format!("u-{}", role.code().replace('_', "-"));
        let api = app.api(&name, role).await;
        let b = app.new_browser();
        b.login(&name, &format!("pw-{name}-1234567")).await;

        // Act / Assert
        let attempts = [
            (Method::GET, "/api/v1/users"),
            (Method::POST, "/api/v1/users"),
            (Method::PATCH, "/api/v1/users/root"),
            (Method::POST, "/api/v1/users/root/password"),
            (Method::GET, "/api/v1/users/root/sessions"),
            (Method::DELETE, "/api/v1/users/root/sessions"),
        ];
        for (method, path) in attempts {
            let (status, _) = api
                .send(
                    method.clone(),
                    path,
                    json!({"username": "x", "display_name": "X", "role": "administrator"}),
                )
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role} {method} {path}");
        }
        for path in ["/users", "/users/root"] {
            assert_eq!(
                b.get(path).await.status(),
                StatusCode::FORBIDDEN,
                "{role} {path}"
            );
        }
        let r = b
            .post_form(
                "/users",
                &[
                    ("username", "x"),
                    ("display_name", "X"),
                    ("role", "administrator"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{role}");
        // Their own password they may change.
        assert_eq!(b.get("/account/password").await.status(), StatusCode::OK);
    }
    assert!(veghe::auth::users::find(&app.db, "x").await.is_err());
});
