//! The registry through the API: gapless yearly numbers under concurrency, reserved numbers,
//! registration parsed field by field, and the law's rules refusing what it forbids.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::fixtures::petition;

/// Moves an entry's registration back by `days` (its number and deadlines stay as registered).
async fn age(app: &TestApp, id: i64, days: i64) {
    sqlx::query("UPDATE registry_entries SET registered_at = registered_at - $2 WHERE id = $1")
        .bind(id)
        .bind(days * 86_400_000)
        .execute(app.db.pool())
        .await
        .expect("age");
}

both!(
    hundred_concurrent_registrations_get_consecutive_numbers,
    |app| {
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let clerk = clerk.clone();
            tasks.push(tokio::spawn(async move {
                let (s, v) = clerk.post("/api/v1/petitions", petition()).await;
                assert_eq!(s, StatusCode::CREATED);
                v
            }));
        }
        let mut seqs = Vec::new();
        for t in tasks {
            let v = t.await.expect("task");
            let seq = v["seq"].as_i64().expect("seq");
            let number = v["number"].as_str().expect("number");
            assert!(number.starts_with(&format!("{seq}/")), "{number}");
            assert!(v["due_date"].as_str().is_some());
            seqs.push(seq);
        }
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=100).collect::<Vec<i64>>());
        // Another register has its own sequence.
        let (s, v) = clerk
            .post(
                "/api/v1/petitions",
                json!({"register": "internal", "channel": "post", "kind": "incoming", "subject": "Adresă IPJ Timiș"}),
            )
    .await;
        assert_eq!(s, StatusCode::CREATED);
        assert_eq!(v["seq"], 1);
        assert_eq!(v["due_date"], Value::Null);
        assert_eq!(
            app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.register'")
                .await,
            101
        );
    }
);

both!(reserved_numbers_are_taken_later_once, |app| {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    clerk.post("/api/v1/petitions", petition()).await;
    let (s, r) = clerk
        .post(
            "/api/v1/registry/reservations",
            json!({"register": "petition", "count": 3, "note": "audiențe de joi"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["numbers"], json!([2, 3, 4]));
    // The sequence continues after the reserved numbers.
    let (_, next) = clerk.post("/api/v1/petitions", petition()).await;
    assert_eq!(next["seq"], 5);
    let mut into = petition();
    into["reserved_number"] = json!(3);
    let (s, v) = clerk.post("/api/v1/petitions", into.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{v}");
    assert_eq!(v["seq"], 3);
    // Used once only; an unreserved number is refused; nothing half-saved.
    let before = app.count("SELECT COUNT(*) FROM registry_entries").await;
    let (s, e) = clerk.post("/api/v1/petitions", into).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "reserved_number");
    let mut five = petition();
    five["reserved_number"] = json!(5);
    assert_eq!(
        clerk.post("/api/v1/petitions", five).await.0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registry_entries").await,
        before
    );
    let (s, _) = clerk
        .post(
            "/api/v1/registry/reservations",
            json!({"register": "petition", "count": 0}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

both!(bad_registrations_name_the_field_and_save_nothing, |app| {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let cases = [
        ("cnp", json!({"cnp": "1800101221145"})),
        ("petitioner_name", json!({"petitioner_name": null})),
        ("channel", json!({"channel": "fax"})),
        ("kind", json!({"kind": "circular"})),
        ("cui", json!({"petitioner_type": "organisation"})),
        ("subject", json!({"subject": "x"})),
        ("email", json!({"email": "nu-e-adresa"})),
    ];
    for (field, patch) in cases {
        let mut body = petition();
        for (k, v) in patch.as_object().expect("object") {
            body[k] = v.clone();
        }
        let (s, e) = clerk.post("/api/v1/petitions", body).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{field}: {e}");
        assert_eq!(e["error"]["field"], field);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 0);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM counters WHERE name LIKE 'registry.%' AND next > 1")
            .await,
        0
    );
    // A department officer reads but does not register.
    let officer = app.api("officer", Role::DepartmentOfficer).await;
    assert_eq!(
        officer.post("/api/v1/petitions", petition()).await.0,
        StatusCode::FORBIDDEN
    );
    // Anonymous: registered and classed at once, with the rule as the reason.
    let (s, v) = clerk
        .post(
            "/api/v1/petitions",
            json!({"channel": "email", "kind": "notification", "anonymous": true,
               "subject": "Câini fără stăpân", "text": "În parcul Rozelor."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(v["status"], "classed");
    assert_eq!(v["class_ground"], "anonymous");
    assert!(
        v["class_reason"]
            .as_str()
            .is_some_and(|r| r.contains("OG 27/2002 art. 7"))
    );
});

both!(
    a_petition_from_the_counter_to_the_archive_within_the_rules,
    |app| {
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        let head = app.api("head", Role::HeadOfService).await;
        let (_, p) = clerk.post("/api/v1/petitions", petition()).await;
        let id = p["id"].as_i64().expect("id");
        let path = |a: &str| format!("/api/v1/petitions/{id}/{a}");
        assert_eq!(p["petitioner"], "I. P.", "masked in the body");
        assert!(p.get("cnp").is_none());

        // Routing gives the department its own deadline, before the legal one.
        let (s, r) = clerk
            .post(&path("route"), json!({"department": "ordine_publica"}))
            .await;
        assert_eq!(s, StatusCode::OK, "{r}");
        assert_eq!(r["status"], "routed");
        assert!(r["internal_due_date"].as_str() < r["due_date"].as_str());
        let (s, _) = clerk
            .post(&path("route"), json!({"department": "nu-exista"}))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);

        // Extension: the head only, and only after the notice.
        assert_eq!(
            clerk.post(&path("extend"), json!({"days": 10})).await.0,
            StatusCode::FORBIDDEN
        );
        let (s, e) = head.post(&path("extend"), json!({"days": 10})).await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("OG 27/2002 art. 9:")),
            "{e}"
        );
        let notice = jiff::Zoned::now()
            .with_time_zone(jiff::tz::TimeZone::get("Europe/Bucharest").expect("tz"))
            .date()
            .to_string();
        let (s, e) = head
            .post(&path("extend"), json!({"days": 16, "notice_on": notice}))
            .await;
        assert_eq!(
            (s, e["error"]["field"].clone()),
            (StatusCode::BAD_REQUEST, json!("days"))
        );
        let (s, x) = head
            .post(&path("extend"), json!({"days": 15, "notice_on": notice}))
            .await;
        assert_eq!(s, StatusCode::OK, "{x}");
        assert_eq!(x["extended"], true);
        assert!(x["due_date"].as_str() > p["due_date"].as_str());
        assert_eq!(x["original_due_date"], p["due_date"]);

        // Same petitioner, same problem: joined, and answered with the first.
        let (_, q) = clerk.post("/api/v1/petitions", petition()).await;
        let qid = q["id"].as_i64().expect("id");
        let dups = clerk
            .get(&format!("/api/v1/petitions/{qid}/duplicates"))
            .await;
        let dups: Value = dups.json().await.expect("json");
        assert_eq!(dups[0]["id"], id);
        let mut other = petition();
        other["cnp"] = json!("2900101221142");
        let (_, o) = clerk.post("/api/v1/petitions", other).await;
        let (s, e) = clerk
            .post(
                &format!("/api/v1/petitions/{}/join", o["id"]),
                json!({"into": id}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "another petitioner: {e}");
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("OG 27/2002 art. 10:"))
        );
        let (s, j) = clerk
            .post(
                &format!("/api/v1/petitions/{qid}/join"),
                json!({"into": id}),
            )
            .await;
        assert_eq!((s, j["status"].clone()), (StatusCode::OK, json!("joined")));

        // The answer, then nothing more but the archive.
        let (s, a) = clerk
            .post(
                &path("answer"),
                json!({"via": "post", "summary": "Patrulare suplimentară"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{a}");
        assert_eq!(a["status"], "answered");
        let joined: Value = clerk
            .get(&format!("/api/v1/petitions/{qid}"))
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(joined["answer_via"], "post", "one answer for all");
        let (s, e) = clerk.post(&path("answer"), json!({"via": "email"})).await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
        // The same content again after the answer: classed with a note under the original number.
        let (_, again) = clerk.post("/api/v1/petitions", petition()).await;
        let (s, c) = clerk
            .post(
                &format!("/api/v1/petitions/{}/class", again["id"]),
                json!({"ground": "repeat", "reason": "Același conținut, deja soluționat", "original": id}),
            )
    .await;
        assert_eq!((s, c["status"].clone()), (StatusCode::OK, json!("classed")));
        let (s, e) = clerk
            .post(
                &format!("/api/v1/petitions/{}/answer", again["id"]),
                json!({"via": "post"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("OG 27/2002 art. 7:")),
            "{e}"
        );
        let (s, ar) = clerk
            .post(
                &path("archive"),
                json!({"archive_ref": "Dosar 12/2026, cutia 3"}),
            )
            .await;
        assert_eq!(
            (s, ar["status"].clone()),
            (StatusCode::OK, json!("archived"))
        );

        let tl: Value = clerk
            .get(&path("timeline"))
            .await
            .json()
            .await
            .expect("json");
        let actions: Vec<&str> = tl
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|s| s["action"].as_str())
            .collect();
        assert_eq!(
            actions,
            [
                "registered",
                "routed",
                "extended",
                "joined_here",
                "answered",
                "repeat_classed",
                "archived"
            ]
        );
        assert_eq!(
        app.count(&format!("SELECT COUNT(*) FROM audit_log WHERE entity = 'registry_entry' AND entity_id = '{id}'")).await,
        5
    );

        // The petitioner in full: a reason is asked for, and the reading is logged.
        let (s, _) = clerk
            .post(&path("petitioner"), json!({"reason": "x"}))
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let (s, d) = clerk
            .post(
                &path("petitioner"),
                json!({"reason": "Redactarea răspunsului"}),
            )
            .await;
        assert_eq!(
            (s, d["cnp"].clone()),
            (StatusCode::OK, json!("1800101221144"))
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM access_log WHERE entity = 'registry_entry'")
                .await,
            1
        );
    }
);

both!(forwarding_late_and_information_requests, |app| {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let (_, p) = clerk.post("/api/v1/petitions", petition()).await;
    let id = p["id"].as_i64().expect("id");
    let (s, e) = clerk
        .post(
            &format!("/api/v1/petitions/{id}/forward"),
            json!({"to": "IPJ Timiș"}),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("petitioner_informed"))
    );
    age(&app, id, 10).await;
    let (s, e) = clerk
        .post(
            &format!("/api/v1/petitions/{id}/forward"),
            json!({"to": "IPJ Timiș", "petitioner_informed": true}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("OG 27/2002 art. 6¹:"))
    );
    let (_, p2) = clerk.post("/api/v1/petitions", petition()).await;
    let (s, f) = clerk
        .post(
            &format!("/api/v1/petitions/{}/forward", p2["id"]),
            json!({"to": "IPJ Timiș", "petitioner_informed": true}),
        )
        .await;
    assert_eq!(
        (s, f["status"].clone()),
        (StatusCode::OK, json!("forwarded"))
    );

    // Law 544: 10 days; a refusal reasoned within 5.
    let mut info = petition();
    info["register"] = json!("info");
    info["kind"] = json!("request");
    let (s, i) = clerk.post("/api/v1/petitions", info).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(i["seq"], 1, "its own sequence");
    assert!(i["due_date"].as_str() < p["due_date"].as_str());
    let (s, r) = clerk
        .post(
            &format!("/api/v1/petitions/{}/refuse", i["id"]),
            json!({"reason": "Informație exceptată (art. 12 lit. d)", "via": "email"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    assert_eq!(
        (r["status"].clone(), r["refused"].clone()),
        (json!("answered"), json!(true))
    );

    // Lists: overdue, by register.
    let list: Value = clerk
        .get("/api/v1/petitions?overdue=true")
        .await
        .json()
        .await
        .expect("json");
    assert!(list.as_array().is_some_and(|l| l.is_empty()));
    let list: Value = clerk
        .get("/api/v1/petitions?register=info")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    let bad = clerk.get("/api/v1/petitions?register=nope").await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
});

both!(
    the_pages_take_a_petition_from_the_counter_to_the_queue,
    |app| {
        let clerk = app.signed_in("clerk", Role::RegistryClerk).await;
        let form = clerk.get("/registry/new").await;
        assert_eq!(form.status(), StatusCode::OK);
        let html = form.text().await.expect("html");
        assert!(html.contains("name=\"petitioner_name\""));
        let fields = [
            ("register", "petition"),
            ("channel", "counter"),
            ("kind", "complaint"),
            ("petitioner_type", "person"),
            ("petitioner_name", "Maria Ionescu"),
            ("cnp", "2900101221142"),
            ("address", "Bd. Revoluției 5, Timișoara"),
            ("subject", "Parcare pe trotuar"),
            ("text", "Mașini parcate zilnic pe trotuar."),
        ];
        // A bad CNP comes back on the form, named, with what was typed.
        let mut bad = fields.to_vec();
        bad[5] = ("cnp", "2900101221143");
        let r = clerk.post_form("/registry", &bad).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let html = r.text().await.expect("html");
        assert!(
            html.contains("CNP: codul nu este valid") && html.contains("Maria Ionescu"),
            "{html}"
        );
        let r = clerk.post_form("/registry", &fields).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let to = r.headers()["location"]
            .to_str()
            .expect("location")
            .to_string();
        let page = clerk.get(&to).await.text().await.expect("html");
        assert!(
            page.contains("M. I.") && !page.contains("Maria Ionescu"),
            "masked by default"
        );
        assert!(page.contains("action=\"/registry/") && page.contains("/route\""));
        // The list masks too.
        let list = clerk.get("/registry").await.text().await.expect("html");
        assert!(list.contains("Parcare pe trotuar") && !list.contains("Ionescu"));
        let overdue = clerk.get("/registry?status=registered&overdue=true").await;
        assert_eq!(overdue.status(), StatusCode::OK);
        assert!(
            !overdue
                .text()
                .await
                .expect("html")
                .contains("Parcare pe trotuar"),
            "not overdue yet"
        );
        assert_eq!(
            clerk.get("/registry?status=lost").await.status(),
            StatusCode::BAD_REQUEST
        );
        // Revealing asks for a reason and is logged.
        let r = clerk
            .post_form(
                &format!("{to}/reveal"),
                &[("reason", "Verificare identitate la ghișeu")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.expect("html").contains("2900101221142"));
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM access_log WHERE reason = 'Verificare identitate la ghișeu'"
            )
            .await,
            1
        );
        // Routed; the rule's refusal is shown on the page.
        let r = clerk
            .post_form(&format!("{to}/route"), &[("department", "circulatie")])
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let r = clerk
            .post_form(&format!("{to}/forward"), &[("to", "IPJ Timiș")])
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        assert!(r.text().await.expect("html").contains("art. 6¹"));

        // The department officer of road traffic sees it in their queue.
        let officer_id = {
            let b = app.signed_in("officer", Role::DepartmentOfficer).await;
            let row: (i64,) = sqlx::query_as("SELECT id FROM users WHERE username = 'officer'")
                .fetch_one(app.db.pool())
                .await
                .expect("user");
            sqlx::query("INSERT INTO registry_department_members (department_id, user_id) SELECT id, $1 FROM registry_departments WHERE code = 'circulatie'")
            .bind(row.0)
            .execute(app.db.pool())
            .await
            .expect("member");
            b
        };
        let queue = officer_id.get("/queue").await.text().await.expect("html");
        assert!(queue.contains("Parcare pe trotuar"), "{queue}");
        let other = officer_id
            .get("/queue?department=juridic")
            .await
            .text()
            .await
            .expect("html");
        assert!(!other.contains("Parcare pe trotuar"));
        // Officers read, they do not register.
        assert_eq!(
            officer_id.get("/registry/new").await.status(),
            StatusCode::FORBIDDEN
        );
    }
);

both!(the_demo_registry_seeds_and_numbering_continues, |app| {
    let started = std::time::Instant::now();
    let n = veghe::demo::petitions::seed_petitions(&app.db, 7, veghe::db::now_ms())
        .await
        .expect("seed");
    eprintln!("demo registry: {n} entries in {:?}", started.elapsed());
    assert!(n > 5000);
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let (s, p) = clerk.post("/api/v1/petitions", petition()).await;
    assert_eq!(s, StatusCode::CREATED);
    let year = p["year"].as_i64().expect("year");
    let max = app.count(&format!("SELECT MAX(number) FROM registry_entries WHERE register = 'petition' AND year = {year} AND id <> {}", p["id"]))
    .await;
    assert_eq!(
        p["seq"].as_i64(),
        Some(max + 1),
        "the sequence continues after the demo"
    );
    let open: Value = clerk
        .get("/api/v1/petitions?status=routed&register=petition")
        .await
        .json()
        .await
        .expect("json");
    assert!(open.as_array().is_some_and(|l| !l.is_empty()));
});

both!(attachments_within_the_stated_limits, |app| {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let (_, p) = clerk.post("/api/v1/petitions", petition()).await;
    let path = format!("/api/v1/petitions/{}/attachments", p["id"]);
    let send = |name: &str, body: Vec<u8>| {
        clerk
            .request(Method::POST, &format!("{path}?name={name}"))
            .body(body)
            .send()
    };
    let mut pdf = b"%PDF-1.4\n".to_vec();
    pdf.extend(vec![b'x'; 3 * 1024 * 1024]);
    let r = send("scrisoare.pdf", pdf.clone()).await.expect("upload");
    assert_eq!(r.status(), StatusCode::CREATED);
    let a: Value = r.json().await.expect("json");
    assert_eq!(a["content_type"], "application/pdf");
    let r = send("program.exe", vec![0x4D, 0x5A, 0x90, 0x00, 0x03])
        .await
        .expect("upload");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["error"]["field"], "file");
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("10 MB") && m.contains("PDF"))
    );
    // A client of its own: the server stops reading the oversized body and closes that connection.
    let r = reqwest::Client::new()
        .post(app.url(&format!("{path}?name=mare.txt")))
        .bearer_auth(&clerk.token)
        .body(vec![b'a'; 11 * 1024 * 1024])
        .send()
        .await;
    if let Ok(r) = r {
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
    let list: Value = clerk.get(&path).await.json().await.expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1), "nothing half-saved");
    let got = clerk
        .get(&format!("/api/v1/registry/attachments/{}", a["id"]))
        .await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(got.bytes().await.expect("bytes").to_vec(), pdf);
});

both!(officers_are_added_to_departments_by_the_head, |app| {
    let head = app.api("head", Role::HeadOfService).await;
    app.token_for("officer", Role::DepartmentOfficer).await;
    let (s, v) = head
        .post(
            "/api/v1/registry/departments/circulatie/members",
            json!({"username": "officer"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v[0]["code"], "circulatie");
    let (s, e) = head
        .post(
            "/api/v1/registry/departments/circulatie/members",
            json!({"username": "nobody"}),
        )
        .await;
    assert_eq!(
        (s, e["error"]["field"].clone()),
        (StatusCode::BAD_REQUEST, json!("username"))
    );
});
