//! The registry's letters: typed documents whose unknown placeholders are refused by name, the
//! answer drafted by the department, approved by the head and sent by the registry with an
//! outgoing number (by post, or by e-mail to a real SMTP receiver), archived into the
//! nomenclator; and the rules refusing what comes out of order or what the law forbids.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::{Case, routed_case};
use crate::helpers::smtp::SmtpReceiver;
use crate::helpers::{Engine, TestApp};

/// Drafts the answer (as the officer) and submits it; returns the letter.
async fn submitted_answer(c: &Case) -> Value {
    let (s, l) = c
        .officer
        .post(
            &format!("/api/v1/petitions/{}/letters", c.id),
            json!({"kind": "answer"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{l}");
    let (s, l) = c
        .officer
        .post(
            &format!("/api/v1/registry/letters/{}/submit", l["id"]),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    l
}

both!(unknown_placeholders_are_refused_by_name, |app| {
    let admin = app.api("admin", Role::Administrator).await;
    let c = routed_case(&app).await;
    let clerk = c.clerk.clone();
    let template = json!({"register": "petition", "kind": "answer", "name": "Răspuns favorabil",
        "subject": "Răspuns la nr. {{numar}}",
        "body": "Către {{petent}},\n\nPetiția dumneavoastră din {{data_inregistrarii}} privind {{obiect}} a fost rezolvată."});
    let (s, e) = admin
        .post("/api/v1/registry/templates", template.clone())
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "body");
    let message = e["error"]["message"].as_str().expect("message");
    assert!(message.contains("{{obiect}}"), "{message}");
    assert!(
        message.contains("subiect"),
        "the known fields are listed: {message}"
    );
    let mut bad_subject = template.clone();
    bad_subject["subject"] = json!("Răspuns la {{nr}}");
    let (s, e) = admin.post("/api/v1/registry/templates", bad_subject).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "subject");
    let mut unclosed = template.clone();
    unclosed["body"] = json!("Către {{petent, cu stimă.");
    let (s, e) = admin.post("/api/v1/registry/templates", unclosed).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{e}");
    // Only an administrator edits the templates.
    let mut good = template.clone();
    good["body"] = json!("Către {{petent}},\n\nPetiția privind {{subiect}} a fost rezolvată.");
    let (s, _) = clerk.post("/api/v1/registry/templates", good.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, t) = admin.post("/api/v1/registry/templates", good.clone()).await;
    assert_eq!(s, StatusCode::CREATED, "{t}");
    let id = t["id"].as_i64().expect("id");
    // A change with an unknown placeholder leaves the template as it was.
    let mut changed = good.clone();
    changed["body"] = json!("Stimate {{nume_petent}}, petiția a fost rezolvată.");
    let (s, e) = admin
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/registry/templates/{id}"),
            changed,
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("{{nume_petent}}"))
    );
    let r = clerk
        .get("/api/v1/registry/templates?register=petition&kind=answer")
        .await;
    let list: Value = r.json().await.expect("json");
    let mine = list
        .as_array()
        .expect("list")
        .iter()
        .find(|t| t["id"] == id)
        .expect("saved");
    assert_eq!(mine["body"], good["body"]);
    // Seeded templates cover every register's letters; the placeholders are documented.
    assert!(list.as_array().expect("list").len() >= 2);
    let r = clerk.get("/api/v1/registry/placeholders").await;
    let fields: Value = r.json().await.expect("json");
    let names: Vec<&str> = fields
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    for n in [
        "numar",
        "data_inregistrarii",
        "petent",
        "subiect",
        "termen",
        "departament",
    ] {
        assert!(names.contains(&n), "{n}");
    }
    // A draft with its own text is checked the same way.
    let (s, e) = c
        .officer
        .post(
            &format!("/api/v1/petitions/{}/letters", c.id),
            json!({"kind": "answer", "body": "Stimate {{domn}}, vă răspundem."}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("{{domn}}"))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_letters").await, 0);
    // The page's form says the same.
    let b = app.signed_in("admin2", Role::Administrator).await;
    let r = b
        .post_form(
            "/registry/templates",
            &[
                ("register_kind", "info:refusal"),
                ("name", "Refuz scurt"),
                ("subject", "Refuz nr. {{numar}}"),
                (
                    "body",
                    "Informația cerută privind {{subiect}} este exceptată: {{articol}}.",
                ),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = r.text().await.expect("page");
    assert!(
        page.contains("{{articol}}"),
        "the page names the placeholder"
    );
    assert!(page.contains("Refuz scurt"), "what was typed is kept");
});

both!(an_answer_from_draft_to_archive, |app| {
    let c = routed_case(&app).await;
    let letters = format!("/api/v1/petitions/{}/letters", c.id);
    // An officer of another department does not write for this case.
    let other = app.api("ofiter2", Role::DepartmentOfficer).await;
    let (s, _) = other.post(&letters, json!({"kind": "answer"})).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, l) = c.officer.post(&letters, json!({"kind": "answer"})).await;
    assert_eq!(s, StatusCode::CREATED, "{l}");
    assert_eq!(l["status"], "draft");
    let body = l["body"].as_str().expect("body");
    // The case's data is filled in; the petitioner's stays out of the draft until it is sent.
    assert!(body.contains(&c.number), "{body}");
    assert!(body.contains("Zgomot nocturn pe strada Florilor"));
    assert!(body.contains("Ordine și liniște publică"));
    assert!(body.contains("{{petent}}") && !body.contains("Popescu"));
    assert!(l["subject"].as_str().expect("subject").contains(&c.number));
    // One answer at a time.
    let (s, _) = c.officer.post(&letters, json!({"kind": "answer"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    let lid = l["id"].as_i64().expect("id");
    let edited = body.replace(
        "[Constatările compartimentului Ordine și liniște publică și măsurile dispuse.]",
        "Patrula a constatat zgomotul și a aplicat un avertisment.",
    );
    let (s, l) = c
        .officer
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/registry/letters/{lid}"),
            json!({"body": edited}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    assert!(l["body"].as_str().expect("body").contains("avertisment"));
    let (s, l) = c
        .officer
        .post(&format!("/api/v1/registry/letters/{lid}/submit"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    // The head is told; a submitted letter is no longer edited.
    let r = c.head.get("/api/v1/notifications").await;
    let notes: Value = r.json().await.expect("json");
    assert!(
        notes
            .as_array()
            .expect("notes")
            .iter()
            .any(|n| n["kind"] == "registry_letter"),
        "{notes}"
    );
    let (s, _) = c
        .officer
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/registry/letters/{lid}"),
            json!({"body": "Alt text, schimbat după trimitere."}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let (s, l) = c
        .head
        .post(
            &format!("/api/v1/registry/letters/{lid}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    assert_eq!(l["status"], "approved");
    assert_eq!(l["decided_by"], "Test sef");
    // Sent by post: the postal reference is required.
    let sent_path = format!("/api/v1/registry/letters/{lid}/send");
    let (s, e) = c.clerk.post(&sent_path, json!({"via": "post"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "post_ref");
    let (s, _) = c
        .officer
        .post(&sent_path, json!({"via": "post", "post_ref": "RA1"}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the registry alone sends");
    let before_log = app.count("SELECT COUNT(*) FROM access_log").await;
    let (s, l) = c
        .clerk
        .post(
            &sent_path,
            json!({"via": "post", "post_ref": "RA 123 456 789 RO"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    assert_eq!(l["status"], "sent");
    let out = l["out_number"].as_str().expect("out number").to_string();
    assert!(
        out.starts_with("1/"),
        "the internal register's first number: {out}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM access_log").await,
        before_log + 1,
        "reading the address for the envelope is logged"
    );
    let r = c.clerk.get(&format!("/api/v1/petitions/{}", c.id)).await;
    let e: Value = r.json().await.expect("json");
    assert_eq!(e["status"], "answered");
    assert_eq!(e["answer_number"], out.as_str());
    assert_eq!(e["answer_via"], "post");
    let r = c
        .clerk
        .get(&format!("/api/v1/petitions/{}", l["out_entry_id"]))
        .await;
    let outgoing: Value = r.json().await.expect("json");
    assert_eq!(outgoing["register"], "internal");
    assert_eq!(outgoing["kind"], "outgoing");
    assert_eq!(outgoing["number"], out.as_str());
    // The timeline and the audit trail hold every step.
    let r = c
        .clerk
        .get(&format!("/api/v1/petitions/{}/timeline", c.id))
        .await;
    let steps: Value = r.json().await.expect("json");
    let actions: Vec<&str> = steps
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["action"].as_str())
        .collect();
    for a in [
        "letter_drafted",
        "letter_submitted",
        "letter_approved",
        "answered",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    for a in [
        "registry.letter_draft",
        "registry.letter_edit",
        "registry.letter_submit",
        "registry.letter_approve",
        "registry.letter_send",
        "registry.answered",
    ] {
        assert_eq!(
            app.count(&format!(
                "SELECT COUNT(*) FROM audit_log WHERE action = '{a}'"
            ))
            .await,
            1,
            "{a}"
        );
    }
    // The letter as a Word document, the petitioner's name and the number filled in.
    let r = c
        .clerk
        .get(&format!("/api/v1/registry/letters/{lid}/docx"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let bytes = r.bytes().await.expect("docx");
    assert_eq!(&bytes[..2], b"PK");
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("Ion Popescu") && raw.contains(&out) && raw.contains("avertisment"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM access_log").await,
        before_log + 2
    );
    // Sent once.
    let (s, _) = c
        .clerk
        .post(&sent_path, json!({"via": "post", "post_ref": "RA2"}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    // Archived into the nomenclator's file of its register, with the keeping term.
    let archive = format!("/api/v1/petitions/{}/archive", c.id);
    let (s, e) = c.clerk.post(&archive, json!({"archive_file": "I-1"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "archive_file");
    let (s, e) = c
        .clerk
        .post(
            &archive,
            json!({"archive_file": "P-1", "archive_ref": "cutia 3"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{e}");
    assert_eq!(e["status"], "archived");
    assert_eq!(e["archive_file"], "P-1");
    let reference = e["archive_ref"].as_str().expect("ref");
    assert!(
        reference.starts_with("P-1 „Petiții") && reference.ends_with(", cutia 3"),
        "{reference}"
    );
    let year: i64 = e["year"].as_i64().expect("year");
    assert_eq!(e["keep_until"], format!("{}-12-31", year + 10));
});

both!(
    approving_without_a_draft_and_sending_before_approval_are_refused,
    |app| {
        let c = routed_case(&app).await;
        let (s, l) = c
            .officer
            .post(
                &format!("/api/v1/petitions/{}/letters", c.id),
                json!({"kind": "answer"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        let lid = l["id"].as_i64().expect("id");
        let path = |what: &str| format!("/api/v1/registry/letters/{lid}/{what}");
        // Nothing submitted yet: there is nothing to approve, nor to send.
        let (s, e) = c.head.post(&path("approve"), json!({})).await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("submitted")),
            "{e}"
        );
        let (s, _) = c
            .head
            .post("/api/v1/registry/letters/999999/approve", json!({}))
            .await;
        assert_eq!(s, StatusCode::NOT_FOUND);
        let (s, _) = c
            .clerk
            .post(&path("send"), json!({"via": "post", "post_ref": "RA1"}))
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        let (s, _) = c.officer.post(&path("submit"), json!({})).await;
        assert_eq!(s, StatusCode::OK);
        // Submitted but not approved: not sent.
        let (s, e) = c
            .clerk
            .post(&path("send"), json!({"via": "post", "post_ref": "RA1"}))
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        assert!(
            e["error"]["message"]
                .as_str()
                .is_some_and(|m| m.contains("approved")),
            "{e}"
        );
        // Nor answered around the approval.
        let (s, _) = c
            .clerk
            .post(
                &format!("/api/v1/petitions/{}/answer", c.id),
                json!({"via": "post"}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT);
        // Only the head approves; a remark is required to give it back.
        let (s, _) = c.officer.post(&path("approve"), json!({})).await;
        assert_eq!(s, StatusCode::FORBIDDEN);
        let (s, e) = c.head.post(&path("return"), json!({"remark": " "})).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "remark");
        let (s, l) = c
            .head
            .post(
                &path("return"),
                json!({"remark": "Precizați temeiul legal al avertismentului."}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{l}");
        assert_eq!(l["status"], "returned");
        assert_eq!(l["remark"], "Precizați temeiul legal al avertismentului.");
        // The author is told, edits and submits again; the head cannot approve a letter of their own.
        let r = c.officer.get("/api/v1/notifications").await;
        let notes: Value = r.json().await.expect("json");
        assert!(
            notes
                .as_array()
                .expect("notes")
                .iter()
                .any(|n| n["body"] == "Precizați temeiul legal al avertismentului."),
            "{notes}"
        );
        let (s, _) = c
            .officer
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/registry/letters/{lid}"),
                json!({"body": "Avertisment aplicat conform Legii 61/1991, art. 2 pct. 1."}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, _) = c.officer.post(&path("submit"), json!({})).await;
        assert_eq!(s, StatusCode::OK);
        let (s, l) = c.head.post(&path("approve"), json!({})).await;
        assert_eq!(s, StatusCode::OK, "{l}");
        let (s, own) = c
            .head
            .post(
                &format!("/api/v1/petitions/{}/letters", c.id),
                json!({"kind": "extension_notice"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{own}");
        let own_id = own["id"].as_i64().expect("id");
        let (s, _) = c
            .head
            .post(
                &format!("/api/v1/registry/letters/{own_id}/submit"),
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let (s, e) = c
            .head
            .post(
                &format!("/api/v1/registry/letters/{own_id}/approve"),
                json!({}),
            )
            .await;
        assert_eq!(s, StatusCode::CONFLICT, "{e}");
    }
);

both!(no_answer_after_classing, |app| {
    let c = routed_case(&app).await;
    let l = submitted_answer(&c).await;
    let (s, _) = c
        .head
        .post(
            &format!("/api/v1/registry/letters/{}/approve", l["id"]),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    // The petition is classed (withdrawn) while its answer waits to be sent.
    let (s, e) = c
        .clerk
        .post(
            &format!("/api/v1/petitions/{}/class", c.id),
            json!({"ground": "other", "reason": "Petentul și-a retras petiția"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{e}");
    let (s, e) = c
        .clerk
        .post(
            &format!("/api/v1/registry/letters/{}/send", l["id"]),
            json!({"via": "post", "post_ref": "RA 1"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    let message = e["error"]["message"].as_str().expect("message");
    assert!(message.contains("OG 27/2002 art. 7"), "{message}");
    // Nothing half-saved: no outgoing number taken, the letter still approved.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM registry_entries WHERE register = 'internal'")
            .await,
        0
    );
    let r = c
        .clerk
        .get(&format!("/api/v1/registry/letters/{}", l["id"]))
        .await;
    let again: Value = r.json().await.expect("json");
    assert_eq!(again["status"], "approved");
    // A new answer is not drafted either; the classing notice is.
    let (s, e) = c
        .officer
        .post(
            &format!("/api/v1/petitions/{}/letters", c.id),
            json!({"kind": "answer"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");
    let (s, e) = c
        .clerk
        .post(
            &format!("/api/v1/petitions/{}/letters", c.id),
            json!({"kind": "class_notice"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{e}");
    assert!(
        e["body"]
            .as_str()
            .is_some_and(|b| b.contains("Petentul și-a retras petiția"))
    );
    // An anonymous petition, classed at registration, is never answered.
    let (s, anon) = c
        .clerk
        .post(
            "/api/v1/petitions",
            json!({"channel": "post", "kind": "complaint", "anonymous": true,
               "subject": "Gunoi aruncat pe stradă", "text": "Cineva aruncă gunoi."}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, e) = c
        .clerk
        .post(
            &format!("/api/v1/petitions/{}/letters", anon["id"]),
            json!({"kind": "answer"}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(
        e["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("OG 27/2002 art. 7"))
    );
});

async fn answer_by_email(engine: Engine) {
    let receiver = SmtpReceiver::start().await;
    let port = receiver.port;
    let Some(app) = TestApp::spawn_mailing(engine, port, "registratura@politialocala.test").await
    else {
        return;
    };
    let c = routed_case(&app).await;
    let l = submitted_answer(&c).await;
    let lid = l["id"].as_i64().expect("id");
    let (s, _) = c
        .head
        .post(
            &format!("/api/v1/registry/letters/{lid}/approve"),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    let (s, l) = c
        .clerk
        .post(
            &format!("/api/v1/registry/letters/{lid}/send"),
            json!({"via": "email"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{l}");
    let out = l["out_number"].as_str().expect("number").to_string();
    let got = receiver.wait_for(1).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["ion.popescu@example.ro".to_string()]);
    let text = got[0].body();
    assert!(text.contains("Ion Popescu"), "{text}");
    assert!(text.contains(&format!("Nr. {out}")), "{text}");
    assert!(text.contains("Test sef"), "the approver signs: {text}");
    // The mail is recorded with the letter, and its delivery.
    for _ in 0..100 {
        let r = c
            .clerk
            .get(&format!("/api/v1/registry/letters/{lid}"))
            .await;
        let v: Value = r.json().await.expect("json");
        if v["mail_state"] == "sent" {
            assert!(v["mail_id"].as_i64().is_some());
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the answer's e-mail was not marked sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_sent_by_email_reaches_the_petitioner_sqlite() {
    answer_by_email(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_sent_by_email_reaches_the_petitioner_postgres() {
    answer_by_email(Engine::Postgres).await;
}

both!(the_case_page_drafts_and_sends_through_forms, |app| {
    let c = routed_case(&app).await;
    let officer = app.new_browser();
    let password = app.create_user("ofiter3", Role::DepartmentOfficer).await;
    let (s, _) = c
        .head
        .post(
            "/api/v1/registry/departments/ordine_publica/members",
            json!({"username": "ofiter3"}),
        )
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        officer.login("ofiter3", &password).await.status(),
        StatusCode::SEE_OTHER
    );
    let page = officer
        .get(&format!("/registry/{}", c.id))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("id=\"l-template\""),
        "the draft form is offered"
    );
    let (template,): (i64,) = sqlx::query_as(
        "SELECT id FROM registry_templates WHERE register = 'petition' AND kind = 'answer' ORDER BY id LIMIT 1",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("template");
    let r = officer
        .post_form(
            &format!("/registry/{}/letters", c.id),
            &[("template_id", &template.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (lid,): (i64,) = sqlx::query_as("SELECT id FROM registry_letters")
        .fetch_one(app.db.pool())
        .await
        .expect("letter");
    // An unknown placeholder typed in the text comes back on the case page, named.
    let r = officer
        .post_form(
            &format!("/registry/letters/{lid}/edit"),
            &[
                ("subject", "Răspuns"),
                ("body", "Stimate {{petitionar}}, vă răspundem."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("page").contains("{{petitionar}}"));
    let r = officer
        .post_form(&format!("/registry/letters/{lid}/submit"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The print version fills the petitioner's name and is logged.
    let r = officer.get(&format!("/registry/letters/{lid}/print")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.expect("page").contains("Ion Popescu"));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM access_log WHERE username = 'ofiter3'")
            .await,
        1
    );
    let head = app.signed_in("sef2", Role::HeadOfService).await;
    let list = head
        .get("/registry/letters")
        .await
        .text()
        .await
        .expect("list");
    assert!(list.contains(&c.number), "the letter waits for approval");
    let r = head
        .post_form(&format!("/registry/letters/{lid}/approve"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let clerk = app.signed_in("clerk2", Role::RegistryClerk).await;
    let r = clerk
        .post_form(
            &format!("/registry/letters/{lid}/send"),
            &[("via", "post"), ("post_ref", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("page").contains("post_ref"));
    let r = clerk
        .post_form(
            &format!("/registry/letters/{lid}/send"),
            &[("via", "post"), ("post_ref", "RA 987 RO")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = clerk
        .post_form(
            &format!("/registry/{}/archive", c.id),
            &[("archive_file", "P-1"), ("archive_ref", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = clerk
        .get(&format!("/registry/{}", c.id))
        .await
        .text()
        .await
        .expect("page");
    assert!(
        page.contains("RA 987 RO") && page.contains("P-1 „Petiții"),
        "{page}"
    );
});
