//! The case page in a clerk's browser: the scanned petition and its annexes added with the page's
//! multipart form (CSRF token, limits, audit), and petitions joined by their registry number.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::fixtures::petition;
use crate::helpers::multipart;
use crate::helpers::{Api, Browser};

/// Posts the files form of entry `id`; `csrf` goes in the form's address, as the page sends it.
async fn post_files(
    app: &TestApp,
    b: &Browser<'_>,
    id: i64,
    csrf: Option<&str>,
    body: Vec<u8>,
) -> reqwest::Response {
    let path = match csrf {
        Some(t) => format!("/registry/{id}/attachments?csrf={t}"),
        None => format!("/registry/{id}/attachments"),
    };
    b.send(
        app.client
            .post(app.url(&path))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={}", multipart::BOUNDARY),
            )
            .body(body),
    )
    .await
}

async fn registered(clerk: &Api, body: Value) -> Value {
    let (s, e) = clerk.post("/api/v1/petitions", body).await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    e
}

/// The start of a PNG picture: its signature and header chunk.
fn png() -> Vec<u8> {
    let mut p = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    p.extend_from_slice(&[
        0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0,
    ]);
    p
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".to_vec()
}

both!(
    the_clerk_adds_the_scan_and_an_annex_on_the_case_page,
    |app| {
        let api = app.api("registrator", Role::RegistryClerk).await;
        let e = registered(&api, petition()).await;
        let id = e["id"].as_i64().expect("id");
        let b = app.signed_in("ghiseu", Role::RegistryClerk).await;
        let csrf = b.csrf().await;
        let png = png();
        let body = multipart::body(&[
            ("file", Some("petitie-scanata.pdf"), &pdf()),
            ("kind", None, b"scan"),
            // Two files picked at once in one row, with what they are.
            ("file", Some("schita.png"), &png),
            ("file", Some("anexa-2.pdf"), &pdf()),
            ("kind", None, b"annex"),
            // A row the clerk left empty.
            ("file", Some(""), b""),
            ("kind", None, b"annex"),
        ]);

        let r = post_files(&app, &b, id, Some(&csrf), body).await;

        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(
            r.headers()["location"].to_str().expect("location"),
            format!("/registry/{id}#files")
        );
        let page = b
            .get(&format!("/registry/{id}"))
            .await
            .text()
            .await
            .expect("page");
        let files = &page[page.find("id=\"files\"").expect("files section")..];
        for expected in [
            "petitie-scanata.pdf",
            "scanarea petiției",
            "schita.png",
            "anexă",
            "Test ghiseu",
        ] {
            assert!(files.contains(expected), "{expected} missing: {files}");
        }
        assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'registry.attach' AND entity_id = '{id}'"
        ))
        .await,
        3
    );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM registry_attachments WHERE entry_id = {id} AND kind = 'annex'"
            ))
            .await,
            2
        );
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM registry_attachments WHERE entry_id = {id} AND kind = 'scan'"
            ))
            .await,
            1
        );
        // The scan opens in the browser.
        let start = files.find("/registry/attachments/").expect("link");
        let link: String = files[start..].chars().take_while(|c| *c != '"').collect();
        let opened = b.get(&link).await;
        assert_eq!(opened.status(), StatusCode::OK);
        assert_eq!(opened.headers()["content-type"], "application/pdf");
        assert!(
            opened.headers()["content-disposition"]
                .to_str()
                .expect("disposition")
                .starts_with("inline")
        );
        assert_eq!(opened.bytes().await.expect("bytes").to_vec(), pdf());
    }
);

both!(
    a_refused_file_is_named_on_the_case_page_in_the_readers_language,
    |app| {
        let api = app.api("registrator", Role::RegistryClerk).await;
        let e = registered(&api, petition()).await;
        let id = e["id"].as_i64().expect("id");
        let b = app.signed_in("ghiseu", Role::RegistryClerk).await;
        let csrf = b.csrf().await;
        let exe: &[u8] = &[0x4D, 0x5A, 0x90, 0x00, 0x03];
        let body = || {
            multipart::body(&[
                ("file", Some("petitie.pdf"), &pdf()),
                ("kind", None, b"scan"),
                ("file", Some("program.exe"), exe),
                ("kind", None, b"annex"),
            ])
        };

        let r = post_files(&app, &b, id, Some(&csrf), body()).await;

        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Fișier: „program.exe” nu este de un tip acceptat")
                && page.contains("cel mult 10 MB"),
            "{page}"
        );
        assert!(page.contains("id=\"files-error\""), "shown beside the form");
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM registry_attachments WHERE entry_id = {id}"
            ))
            .await,
            0,
            "nothing half-saved"
        );
        // In English for a reader in English.
        b.get(&format!("/lang?to=en&next=/registry/{id}")).await;
        let r = post_files(&app, &b, id, Some(&csrf), body()).await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let page = r.text().await.expect("page");
        assert!(page.contains("this kind of file is not accepted"), "{page}");
    }
);

both!(the_files_form_needs_its_csrf_token, |app| {
    let api = app.api("registrator", Role::RegistryClerk).await;
    let e = registered(&api, petition()).await;
    let id = e["id"].as_i64().expect("id");
    let b = app.signed_in("ghiseu", Role::RegistryClerk).await;

    let r = post_files(
        &app,
        &b,
        id,
        None,
        multipart::body(&[("file", Some("a.pdf"), &pdf()), ("kind", None, b"scan")]),
    )
    .await;

    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registry_attachments").await,
        0
    );
});

both!(a_petition_is_joined_by_its_registry_number, |app| {
    let api = app.api("registrator", Role::RegistryClerk).await;
    let first = registered(&api, petition()).await;
    let mut again = petition();
    again["subject"] = json!("Zgomot nocturn pe strada Florilor, din nou");
    let second = registered(&api, again).await;
    let id = second["id"].as_i64().expect("id");
    let b = app.signed_in("ghiseu", Role::RegistryClerk).await;
    // The page offers the number, as the registry writes it.
    let number = first["number"].as_str().expect("number");
    let page = b
        .get(&format!("/registry/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains(&format!("<option value=\"{number}\">")),
        "{page}"
    );

    // An unknown number is refused naming the field.
    let r = b
        .post_form(
            &format!("/registry/{id}/join"),
            &[("into_number", "9999/2026")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let text = r.text().await.expect("page");
    assert!(
        text.contains("Petiția la care se conexează: „9999/2026” nu este numărul unei petiții"),
        "{text}"
    );
    assert!(
        text.contains("class=\"notice error action-error\""),
        "the refusal beside the join form: {text}"
    );

    // The number as the clerk knows it: `seq/year`.
    let (seq, date) = number.split_once('/').expect("seq/date");
    let year = date.rsplit('.').next().expect("year");
    let typed = format!("{seq}/{year}");
    let r = b
        .post_form(&format!("/registry/{id}/join"), &[("into_number", &typed)])
        .await;

    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let joined_to: Option<i64> =
        sqlx::query_scalar("SELECT joined_to FROM registry_entries WHERE id = $1")
            .bind(id)
            .fetch_one(app.db.pool())
            .await
            .expect("entry");
    assert_eq!(joined_to, first["id"].as_i64());
    // The audit trail names the petition joined to by its number.
    let head = app.signed_in("sefa", Role::HeadOfService).await;
    let audit = head.get("/audit").await.text().await.expect("page");
    assert!(
        audit.contains(&format!(
            "conexată la: <span translate=\"no\">—</span> → <span translate=\"no\">{number}</span>"
        )),
        "{audit}"
    );
});

both!(the_api_joins_by_registry_number_too, |app| {
    let api = app.api("registrator", Role::RegistryClerk).await;
    let first = registered(&api, petition()).await;
    let second = registered(&api, petition()).await;
    let clerk = app.api("clerk2", Role::RegistryClerk).await;

    let (s, e) = clerk
        .post(
            &format!("/api/v1/petitions/{}/join", second["id"]),
            json!({"into_number": first["number"]}),
        )
        .await;

    assert_eq!(s, StatusCode::OK, "{e}");
    assert_eq!(e["joined_to"], first["id"]);
    let (s, e) = clerk
        .post(
            &format!("/api/v1/petitions/{}/join", first["id"]),
            json!({"into_number": "abc"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "into_number");
});

both!(the_audit_trail_says_what_changed_in_words, |app| {
    let case = crate::helpers::fixtures::routed_case(&app).await;
    let head = app.signed_in("sefa", Role::HeadOfService).await;

    let page = head.get("/audit").await.text().await.expect("page");

    assert!(
        page.contains(&format!(
            "<a href=\"/registry/{}\" translate=\"no\">{}</a>",
            case.id, case.number
        )),
        "the entry by its number, linked: {page}"
    );
    assert!(page.contains("repartizare"), "the step in words");
    assert!(
        page.contains("starea: <span translate=\"no\">înregistrată</span> → <span translate=\"no\">repartizată</span>"),
        "{page}"
    );
    for code in ["registry_entry", "registry.routed", "&quot;:", "&#34;:"] {
        let at = page.find(code).unwrap_or(0);
        assert!(
            !page.contains(code),
            "{code} shown to the head of service: {}",
            &page[at.saturating_sub(300)..(at + 300).min(page.len())]
        );
    }
    // The administrator may open the stored JSON.
    let admin = app.signed_in("administrator", Role::Administrator).await;
    let page = admin.get("/audit").await.text().await.expect("page");
    assert!(page.contains("<details class=\"raw\">"), "{page}");
});

both!(the_laws_refusal_reads_in_the_readers_language, |app| {
    let api = app.api("registrator", Role::RegistryClerk).await;
    let e = registered(&api, petition()).await;
    let id = e["id"].as_i64().expect("id");
    let b = app.signed_in("ghiseu", Role::RegistryClerk).await;
    let path = format!("/registry/{id}/answer");
    let fields = [("via", "post"), ("sent_on", "2099-01-01")];

    let r = b.post_form(&path, &fields).await;

    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = r.text().await.expect("page");
    assert!(
        page.contains("OG 27/2002 art. 8: Data expedierii: trebuie să fie între înregistrare"),
        "{page}"
    );
    b.get(&format!("/lang?to=en&next=/registry/{id}")).await;
    let page = b
        .post_form(&path, &fields)
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("OG 27/2002 art. 8: the answer date must fall between"),
        "{page}"
    );
});
