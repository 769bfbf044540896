//! Open311 GeoReport v2 at /open311/v2/: discovery, services and definitions, requests posted
//! with an api_key and read back in JSON and XML with the Romanian states in status_notes, the
//! spec's error format, keys issued and revoked by an administrator; then the real client
//! (`georeport` from PyPI, scripts/conformance/open311.py) against the JSON schemas of
//! ../shared/data/reference/open311 — NOT RUN where the venv or schemas are missing, failing in CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::audit::Actor;
use veghe::auth::Role;
use veghe::registry::open311::keys;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::command::veghe;

async fn post(app: &TestApp, file: &str, form: &[(&str, &str)]) -> (StatusCode, String) {
    let r = app
        .client
        .post(app.url(&format!("/open311/v2/{file}")))
        .form(form)
        .send()
        .await
        .expect("post");
    (r.status(), r.text().await.expect("body"))
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = app.get(path).await;
    (r.status(), r.text().await.expect("body"))
}

fn json_of(s: &str) -> Value {
    serde_json::from_str(s).expect(s)
}

fn spec_error(body: &str, code: u16) {
    let v = json_of(body);
    assert_eq!(v[0]["code"], code, "{body}");
    assert!(v[0]["description"].as_str().is_some_and(|d| !d.is_empty()));
}

both!(open311_reports_posted_with_a_key_and_read_back, |app| {
    let (_, key) = keys::create(&app.db, &Actor::system("test"), "aplicația cartierului")
        .await
        .expect("key");

    // Discovery and the catalogue, in both formats.
    let (s, d) = get(&app, "/open311/v2/discovery.json").await;
    assert_eq!(s, StatusCode::OK);
    let d = json_of(&d);
    assert!(
        d["endpoints"][0]["url"]
            .as_str()
            .is_some_and(|u| u.ends_with("/open311/v2"))
    );
    let (s, x) = get(&app, "/open311/v2/discovery.xml").await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        x.contains("<discovery><changeset>") && x.contains("<format>application/json</format>")
    );
    let (_, services) = get(&app, "/open311/v2/services.json").await;
    let services = json_of(&services);
    assert!(services.as_array().is_some_and(|a| a.len() >= 5));
    let (_, x) = get(&app, "/open311/v2/services.xml").await;
    assert!(x.contains("<services><service><service_code>zgomot</service_code>"));
    let (s, def) = get(&app, "/open311/v2/services/vehicul_abandonat.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        json_of(&def)["attributes"][0]["code"],
        "numar_inmatriculare"
    );
    let (s, body) = get(&app, "/open311/v2/services/nimic.json").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    spec_error(&body, 404);
    let (s, body) = get(&app, "/open311/v2/services/nimic.xml").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert!(body.contains("<errors><error><code>404</code><description>"));

    // Refused: no key, a wrong key, a malformed request; nothing saved.
    let good: Vec<(&str, &str)> = vec![
        ("api_key", key.as_str()),
        ("service_code", "parcare"),
        ("lat", "45.7537"),
        ("long", "21.2257"),
        ("address_string", "Str. Florilor 3"),
        ("first_name", "Ana"),
        ("last_name", "Pop"),
        ("email", "ana@example.ro"),
        ("description", "Mașini pe trotuar în fiecare seară"),
    ];
    let without = |k: &str| {
        good.iter()
            .copied()
            .filter(|(f, _)| *f != k)
            .collect::<Vec<_>>()
    };
    let with = |k: &'static str, v: &'static str| {
        let mut f = without(k);
        f.push((k, v));
        f
    };
    let (s, body) = post(&app, "requests.json", &without("api_key")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    spec_error(&body, 403);
    let (s, body) = post(&app, "requests.xml", &with("api_key", "o311_nu")).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert!(body.contains("<code>403</code>"));
    for (form, status, word) in [
        (with("lat", "1000"), StatusCode::BAD_REQUEST, "lat"),
        (without("long"), StatusCode::BAD_REQUEST, "long"),
        (
            with("service_code", "nimic"),
            StatusCode::NOT_FOUND,
            "service_code",
        ),
        (
            without("service_code"),
            StatusCode::BAD_REQUEST,
            "service_code",
        ),
        (
            with("attribute[culoare]", "roșu"),
            StatusCode::BAD_REQUEST,
            "attribute[culoare]",
        ),
        (without("email"), StatusCode::BAD_REQUEST, "email"),
        (
            with("description", "Mașini\u{0}"),
            StatusCode::BAD_REQUEST,
            "description",
        ),
        (
            with("first_name", "Ana\u{1b}[0m"),
            StatusCode::BAD_REQUEST,
            "first_name",
        ),
    ] {
        let mut f = form;
        if word == "long" || word == "lat" {
            f.retain(|(k, _)| *k != "address_string");
        }
        let (s, body) = post(&app, "requests.json", &f).await;
        assert_eq!(s, status, "{word}: {body}");
        spec_error(&body, status.as_u16());
        assert!(body.contains(word), "{word}: {body}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 0);

    // Posted: a named report, and an anonymous one (classed, as OG 27/2002 art. 7 requires).
    let (s, body) = post(&app, "requests.json", &good).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    let created = json_of(&body);
    let id = created[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_string();
    assert!(
        created[0]["service_notice"]
            .as_str()
            .is_some_and(|n| n.starts_with("Nr. 1/"))
    );
    let anon: Vec<(&str, &str)> = vec![
        ("api_key", key.as_str()),
        ("service_code", "deseuri"),
        ("address_string", "Calea Aradului 10"),
        ("description", "Moloz aruncat lângă parc"),
    ];
    let (s, body) = post(&app, "requests.xml", &anon).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert!(body.contains("<service_requests><request><service_request_id>"));
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 2);

    // Read back: the list, filters, one request in both formats.
    let (_, list) = get(&app, "/open311/v2/requests.json").await;
    let list = json_of(&list);
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    let (_, open) = get(&app, "/open311/v2/requests.json?status=open").await;
    let open = json_of(&open);
    assert_eq!(open.as_array().map(Vec::len), Some(1));
    assert_eq!(open[0]["service_request_id"], id.as_str());
    assert_eq!(open[0]["lat"], 45.7537);
    assert_eq!(open[0]["agency_responsible"], "Poliția Locală Timișoara");
    let (_, closed) = get(
        &app,
        "/open311/v2/requests.json?status=closed&service_code=deseuri",
    )
    .await;
    let closed = json_of(&closed);
    assert!(
        closed[0]["status_notes"]
            .as_str()
            .is_some_and(|n| n.starts_with("Clasată: OG 27/2002 art. 7"))
    );
    let (_, none) = get(&app, "/open311/v2/requests.json?service_code=zgomot").await;
    assert_eq!(json_of(&none), json!([]));
    let (_, later) = get(
        &app,
        "/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(json_of(&later), json!([]));
    let (s, body) = get(&app, "/open311/v2/requests.json?start_date=ieri").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    spec_error(&body, 400);
    let (_, by_id) = get(
        &app,
        &format!("/open311/v2/requests.json?service_request_id={id},999"),
    )
    .await;
    assert_eq!(json_of(&by_id).as_array().map(Vec::len), Some(1));

    // A Romanian state beyond open/closed: forwarded to another authority.
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let (s, _) = clerk
        .post(
            &format!("/api/v1/petitions/{id}/forward"),
            json!({"to": "Primăria Timișoara", "petitioner_informed": true}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, one) = get(&app, &format!("/open311/v2/requests/{id}.json")).await;
    assert_eq!(s, StatusCode::OK);
    let one = json_of(&one);
    assert_eq!(one[0]["status"], "closed");
    assert!(
        one[0]["status_notes"]
            .as_str()
            .is_some_and(|n| n.starts_with("Redirecționată către Primăria Timișoara"))
    );
    let (_, x) = get(&app, &format!("/open311/v2/requests/{id}.xml")).await;
    assert!(x.contains("<status>closed</status><status_notes>Redirecționată"));
    let (s, body) = get(&app, "/open311/v2/requests/424242.json").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    spec_error(&body, 404);

    // A revoked key posts nothing.
    let listed = keys::list(&app.db).await.expect("keys");
    keys::revoke(&app.db, &Actor::system("test"), listed[0].id)
        .await
        .expect("revoke");
    let (s, _) = post(&app, "requests.json", &good).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 2);
});

both!(
    an_administrator_issues_and_revokes_keys_on_the_page,
    |app| {
        let admin = app.signed_in("admin1", Role::Administrator).await;
        let r = admin
            .post_form("/admin/open311", &[("name", "FixMyStreet")])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let html = r.text().await.expect("body");
        let start = html.find("<code id=\"issued-key\">").expect("key shown") + 22;
        let key = html[start..start + html[start..].find('<').expect("end")].to_string();
        assert!(key.starts_with("o311_"));
        let stored: (String,) = sqlx::query_as("SELECT key_hash FROM open311_keys")
            .fetch_one(app.db.pool())
            .await
            .expect("stored");
        assert_ne!(stored.0, key);
        assert!(keys::check(&app.db, &key).await.expect("check").is_some());
        let listed = keys::list(&app.db).await.expect("keys");
        let r = admin
            .post_form(&format!("/admin/open311/{}/revoke", listed[0].id), &[])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert!(keys::check(&app.db, &key).await.expect("check").is_none());
        let page = admin
            .get("/admin/open311")
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("FixMyStreet") && !page.contains(&key));
    }
);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

both!(the_georeport_client_reads_what_the_schemas_allow, |app| {
    let python = std::env::var_os("VEGHE_CONFORMANCE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join(".venv-conformance/bin/python"));
    let schemas = std::env::var_os("VEGHE_OPEN311_SCHEMAS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/data/reference/open311"));
    if !python.exists() || !schemas.join("request.json").exists() {
        let msg = format!(
            "Open311 conformance check NOT RUN: {} or {} is missing",
            python.display(),
            schemas.join("request.json").display()
        );
        assert!(std::env::var_os("CI").is_none(), "{msg} (CI must run it)");
        eprintln!("{msg}");
        return;
    }
    let (_, key) = keys::create(&app.db, &Actor::system("test"), "georeport")
        .await
        .expect("key");
    let base = app.url("/open311/v2");
    let out = tokio::task::spawn_blocking(move || {
        Command::new(python)
            .arg(repo_root().join("scripts/conformance/open311.py"))
            .arg(base)
            .arg(key)
            .arg("--schemas")
            .arg(schemas)
            .env("NO_PROXY", "127.0.0.1,localhost")
            .output()
            .expect("run open311.py")
    })
    .await
    .expect("join");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("ok: requests.json conforms"), "{text}");
});

#[tokio::test]
async fn keys_from_the_command_line() {
    use crate::helpers::TestDb;
    for db in TestDb::each_engine().await {
        let url = db.url.as_str();
        let (code, out, err) = veghe(url, &["open311-key", "create", "FixMyStreet"], None);
        assert_eq!(code, 0, "{out}{err}");
        let key = out.trim().to_string();
        assert!(key.starts_with("o311_"), "{out}");
        let (code, out, _) = veghe(url, &["open311-key", "list"], None);
        assert_eq!(code, 0);
        assert_eq!(out.trim(), "1\tFixMyStreet\tlive");
        assert!(!out.contains(&key));
        let (code, out, _) = veghe(url, &["open311-key", "revoke", "1"], None);
        assert_eq!(code, 0, "{out}");
        let (_, out, _) = veghe(url, &["open311-key", "list"], None);
        assert_eq!(out.trim(), "1\tFixMyStreet\trevoked");
        let (code, _, _) = veghe(url, &["open311-key", "revoke", "1"], None);
        assert_ne!(code, 0, "revoking twice is refused");
    }
}

both!(
    open_reports_of_the_same_category_nearby_are_suggested,
    |app| {
        // Arrange: four named reports. Two of "parcare" 20 m apart, a third 80 m away, and a
        // "zgomot" report on the first one's point.
        let (_, key) = keys::create(&app.db, &Actor::system("test"), "aplicația cartierului")
            .await
            .expect("key");
        let report = |service: &'static str, lat: &'static str| {
            vec![
                ("api_key", key.clone()),
                ("service_code", service.to_string()),
                ("lat", lat.to_string()),
                ("long", "21.2257".to_string()),
                ("first_name", "Ana".to_string()),
                ("last_name", "Pop".to_string()),
                ("email", "ana@example.ro".to_string()),
                ("description", "Mașini parcate pe trotuar".to_string()),
            ]
        };
        // 0.00018° of latitude is 20 m; 0.00072° is 80 m.
        let points = [
            ("parcare", "45.7537"),
            ("parcare", "45.75388"),
            ("parcare", "45.75442"),
            ("zgomot", "45.7537"),
        ];
        let mut ids = Vec::new();
        for (service, lat) in points {
            let form = report(service, lat);
            let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (s, body) = post(&app, "requests.json", &fields).await;
            assert_eq!(s, StatusCode::CREATED, "{body}");
            let row: (i64,) = sqlx::query_as("SELECT MAX(id) FROM registry_entries")
                .fetch_one(app.db.pool())
                .await
                .expect("id");
            ids.push(row.0);
        }
        let clerk = app.api("clerk", Role::RegistryClerk).await;

        // Act and Assert: only the open "parcare" report within 50 m is suggested, with its distance.
        let r = clerk
            .get(&format!("/api/v1/petitions/{}/nearby", ids[0]))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let near: Value = r.json().await.expect("json");
        let near = near.as_array().expect("array");
        assert_eq!(near.len(), 1, "{near:?}");
        assert_eq!(near[0]["entry"]["id"], ids[1]);
        let d = near[0]["distance_m"].as_f64().expect("distance");
        assert!((19.0..=21.0).contains(&d), "{d}");
        let r = clerk
            .get(&format!("/api/v1/petitions/{}/nearby", ids[3]))
            .await;
        let none: Value = r.json().await.expect("json");
        assert_eq!(none.as_array().map(Vec::len), Some(0), "another category");

        // The case page shows it too, with the number of the other report.
        let number: (i64, i64) =
            sqlx::query_as("SELECT number, year FROM registry_entries WHERE id = $1")
                .bind(ids[1])
                .fetch_one(app.db.pool())
                .await
                .expect("number");
        let browser = app.signed_in("ana.clerk", Role::RegistryClerk).await;
        let page = browser
            .get(&format!("/registry/{}", ids[0]))
            .await
            .text()
            .await
            .expect("page");
        let section = page
            .split("id=\"near-h\"")
            .nth(1)
            .expect("the nearby section");
        assert!(section.contains(&format!("{}/", number.0)), "{section}");
        assert!(section.contains("20 m"), "{section}");

        // A report that is no longer open is not suggested.
        sqlx::query("UPDATE registry_entries SET status = 'answered' WHERE id = $1")
            .bind(ids[1])
            .execute(app.db.pool())
            .await
            .expect("answer");
        let r = clerk
            .get(&format!("/api/v1/petitions/{}/nearby", ids[0]))
            .await;
        let none: Value = r.json().await.expect("json");
        assert_eq!(none.as_array().map(Vec::len), Some(0), "answered");
    }
);
