//! Outlets, journalists and distribution lists through the API and the pages: added, edited,
//! retired, each write audited and a bad field refused by name with nothing saved; journalists'
//! contacts masked in lists and pages, in full only after a reason that the access log keeps;
//! management reads masked data only; a published release sent to a list queues one e-mail per
//! address and a second send reaches nobody twice.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::Api;

/// Adds an outlet through the API; its id.
async fn outlet(api: &Api, name: &str, email: Option<&str>) -> i64 {
    let (s, o) = api
        .post(
            "/api/v1/press/outlets",
            json!({"name": name, "kind": "online", "reach": 25000, "email": email}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    o["id"].as_i64().expect("id")
}

/// Adds a journalist through the API; its id.
async fn journalist(api: &Api, body: Value) -> i64 {
    let (s, j) = api.post("/api/v1/press/journalists", body).await;
    assert_eq!(s, StatusCode::CREATED, "{j}");
    j["id"].as_i64().expect("id")
}

/// A journalist's id, name, e-mail, phone and notes, as stored.
type Contacts = (i64, String, Option<String>, Option<String>, Option<String>);

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .expect("array")
        .iter()
        .filter_map(|j| j["name"].as_str())
        .collect()
}

both!(outlets_and_journalists_are_kept_through_the_api, |app| {
    // Arrange
    let press = app.api("presa", Role::PressOfficer).await;

    // Act: an outlet, a second with its name, one with a bad address.
    let tion = outlet(&press, "Tion", Some("redactie@tion.ro")).await;
    let (dup, _) = press
        .post(
            "/api/v1/press/outlets",
            json!({"name": "Tion", "kind": "print"}),
        )
        .await;
    let (bad, e) = press
        .post(
            "/api/v1/press/outlets",
            json!({"name": "Debanat", "kind": "online", "email": "redactie.debanat.ro"}),
        )
        .await;

    // Assert
    assert_eq!(dup, StatusCode::CONFLICT);
    assert_eq!(
        (bad, e["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("email")),
        "{e}"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM press_outlets").await,
        1,
        "nothing half-saved"
    );

    // Act: journalists, one refused for its phone, one without a name.
    let ana = journalist(
        &press,
        json!({"outlet_id": tion, "name": "Ana Pop", "position": "reporter",
               "beats": "Trafic, ordine publică", "email": "ana.pop@tion.ro",
               "phone": "0723 456 123", "notes": "Sună după ora 10."}),
    )
    .await;
    let dan = journalist(&press, json!({"name": "Dan Ilie", "beats": "justiție"})).await;
    let (s1, e1) = press
        .post(
            "/api/v1/press/journalists",
            json!({"name": "X", "phone": "07a3"}),
        )
        .await;
    let (s2, e2) = press
        .post("/api/v1/press/journalists", json!({"email": "x@tion.ro"}))
        .await;

    // Assert: refusals name the field, in both languages.
    assert_eq!(
        (s1, e1["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("phone")),
        "{e1}"
    );
    assert!(
        e1["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("07a3"),
        "{e1}"
    );
    assert_eq!(
        (s2, e2["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("name")),
        "{e2}"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM press_journalists").await, 2);

    // Assert: the list masks, and filters by outlet and beat.
    let all = press.get_ok("/api/v1/press/journalists").await;
    assert_eq!(names(&all), ["Ana Pop", "Dan Ilie"]);
    let a = &all[0];
    assert_eq!(a["email"], "a***@tion.ro");
    assert_eq!(a["phone"], "07** *** 123");
    assert_eq!(
        (a["notes"].is_null(), a["has_notes"].as_bool()),
        (true, Some(true))
    );
    assert_eq!(a["beats"], json!(["trafic", "ordine publică"]));
    let by_outlet = press
        .get_ok(&format!("/api/v1/press/journalists?outlet={tion}"))
        .await;
    assert_eq!(names(&by_outlet), ["Ana Pop"]);
    let by_beat = press
        .get_ok("/api/v1/press/journalists?beat=Justi%C8%9Bie")
        .await;
    assert_eq!(names(&by_beat), ["Dan Ilie"]);
    let text = press
        .get_ok(&format!("/api/v1/press/journalists/{ana}"))
        .await
        .to_string();
    assert!(
        !text.contains("ana.pop@") && !text.contains("456"),
        "{text}"
    );

    // Act: edit, retire.
    let (s, changed) = press
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/press/journalists/{dan}"),
            json!({"position": "editor", "outlet_id": tion}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{changed}");
    assert_eq!(
        (changed["position"].as_str(), changed["outlet"].as_str()),
        (Some("editor"), Some("Tion"))
    );
    let (s, r) = press
        .post(
            &format!("/api/v1/press/journalists/{dan}/retire"),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (again, _) = press
        .post(
            &format!("/api/v1/press/journalists/{dan}/retire"),
            json!({}),
        )
        .await;
    assert_eq!(again, StatusCode::CONFLICT);
    assert_eq!(
        names(&press.get_ok("/api/v1/press/journalists").await),
        ["Ana Pop"]
    );
    assert_eq!(
        names(&press.get_ok("/api/v1/press/journalists?all=1").await),
        ["Ana Pop", "Dan Ilie"]
    );
    let (s, o) = press
        .send(
            reqwest::Method::PATCH,
            &format!("/api/v1/press/outlets/{tion}"),
            json!({"reach": "30000"}),
        )
        .await;
    assert_eq!(
        (s, o["reach"].as_i64()),
        (StatusCode::OK, Some(30_000)),
        "{o}"
    );

    // Assert: every write audited, and the audit holds no contact in full.
    assert_eq!(
        app.count(
            "SELECT COUNT(*) FROM audit_log WHERE entity IN ('press_outlet', 'press_journalist')"
        )
        .await,
        6
    );
    let audited: Vec<(String,)> = sqlx::query_as(
        "SELECT COALESCE(after_json, '') FROM audit_log WHERE entity = 'press_journalist'",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("audit");
    assert!(
        audited.iter().all(|(a,)| !a.contains("ana.pop@tion.ro")),
        "{audited:?}"
    );
});

both!(
    contacts_in_full_need_a_reason_kept_in_the_access_log,
    |app| {
        // Arrange
        let press = app.api("presa", Role::PressOfficer).await;
        let management = app.api("conducere", Role::Management).await;
        let dispatcher = app.api("dispecer", Role::Dispatcher).await;
        let id = journalist(
        &press,
        json!({"name": "Ana Pop", "email": "ana.pop@tion.ro", "phone": "0723456123", "notes": "Preferă e-mailul."}),
    )
    .await;
        let path = format!("/api/v1/press/journalists/{id}/contacts");

        // Act
        let (short, e) = press.post(&path, json!({"reason": "abc"})).await;
        let (by_management, _) = management
            .post(&path, json!({"reason": "invitație la conferință"}))
            .await;
        let (s, full) = press
            .post(&path, json!({"reason": "invitație la conferința lunară"}))
            .await;

        // Assert
        assert_eq!(
            (short, e["error"]["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("reason"))
        );
        assert_eq!(by_management, StatusCode::FORBIDDEN);
        assert_eq!(s, StatusCode::OK, "{full}");
        assert_eq!(
            (
                full["email"].as_str(),
                full["phone"].as_str(),
                full["notes"].as_str(),
                full["masked"].as_bool()
            ),
            (
                Some("ana.pop@tion.ro"),
                Some("0723456123"),
                Some("Preferă e-mailul."),
                Some(false)
            )
        );
        let logged: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT username, entity, entity_id, reason FROM access_log ORDER BY id",
        )
        .fetch_all(app.db.pool())
        .await
        .expect("access log");
        assert_eq!(
            logged,
            [(
                "presa".into(),
                "press_journalist".into(),
                id.to_string(),
                "invitație la conferința lunară".into()
            )],
            "only the reading with a good reason is logged"
        );

        // Management reads, masked; it does not write; the dispatcher does not read.
        let seen = management
            .get_ok(&format!("/api/v1/press/journalists/{id}"))
            .await;
        assert_eq!(seen["email"], "a***@tion.ro");
        let (w, _) = management
            .post(
                "/api/v1/press/outlets",
                json!({"name": "Tion", "kind": "online"}),
            )
            .await;
        assert_eq!(w, StatusCode::FORBIDDEN);
        let (r, _) = dispatcher.get_json("/api/v1/press/journalists").await;
        assert_eq!(r, StatusCode::FORBIDDEN);
        let (l, _) = dispatcher.get_json("/api/v1/press/lists").await;
        assert_eq!(l, StatusCode::FORBIDDEN);
    }
);

both!(the_pages_add_mask_reveal_and_refuse_by_field, |app| {
    // Arrange
    let b = app.signed_in("presa", Role::PressOfficer).await;

    // Act: an outlet and a journalist through the forms.
    let r = b
        .post_form(
            "/press/outlets",
            &[
                ("name", "Pressalert"),
                ("kind", "online"),
                ("reach", "40 000"),
                ("website", "https://www.pressalert.ro"),
                ("email", "redactie@pressalert.ro"),
                ("phone", ""),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let outlet_id: i64 = app
        .count("SELECT id FROM press_outlets WHERE name = 'Pressalert'")
        .await;
    let r = b
        .post_form(
            "/press/journalists",
            &[
                ("name", "Marius Ciobanu"),
                ("outlet_id", &outlet_id.to_string()),
                ("position", "reporter"),
                ("beats", "ordine publică"),
                ("email", "marius.ciobanu@pressalert.ro"),
                ("phone", "0744 111 222"),
                ("notes", "Nu sunați după 18."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let id = app.count("SELECT id FROM press_journalists").await;
    assert_eq!(location, format!("/press/journalists/{id}?done=added"));

    // Act: a refused form comes back with the field's error, as typed, nothing saved.
    let r = b
        .post_form(
            "/press/journalists",
            &[("name", "Ioana"), ("email", "ioana@"), ("outlet_id", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.expect("html");
    assert!(
        html.contains("nu este o adresă de e-mail") && html.contains("value=\"ioana@\""),
        "refusal shown"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM press_journalists").await, 1);

    // Assert: the lists and the page show the contacts masked.
    let list = b.get("/press/contacts").await.text().await.expect("html");
    assert!(
        list.contains("m***@pressalert.ro") && list.contains("07** *** 222"),
        "masked"
    );
    assert!(
        !list.contains("marius.ciobanu@") && !list.contains("Nu sunați"),
        "not in full"
    );
    let filtered = b
        .get(&format!(
            "/press/contacts?outlet={outlet_id}&beat=ordine+publică"
        ))
        .await;
    assert_eq!(filtered.status(), StatusCode::OK);
    assert!(
        filtered
            .text()
            .await
            .expect("html")
            .contains("Marius Ciobanu")
    );
    let page = b
        .get(&format!("/press/journalists/{id}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(page.contains("m***@pressalert.ro") && !page.contains("Nu sunați"));
    let outlet_page = b.get(&format!("/press/outlets/{outlet_id}")).await;
    assert_eq!(outlet_page.status(), StatusCode::OK);

    // Act: reveal, with a reason too short, then a good one.
    let short = b
        .post_form(
            &format!("/press/journalists/{id}/reveal"),
            &[("reason", "x")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);
    assert!(
        !short
            .text()
            .await
            .expect("html")
            .contains("marius.ciobanu@")
    );
    let full = b
        .post_form(
            &format!("/press/journalists/{id}/reveal"),
            &[("reason", "invitație la conferință")],
        )
        .await;
    assert_eq!(full.status(), StatusCode::OK);
    let full = full.text().await.expect("html");
    assert!(full.contains("marius.ciobanu@pressalert.ro") && full.contains("Nu sunați după 18."));
    assert_eq!(
        app.count("SELECT COUNT(*) FROM access_log WHERE entity = 'press_journalist'")
            .await,
        1
    );

    // Act: an edit on the masked form keeps the contacts it leaves empty.
    let r = b
        .post_form(
            &format!("/press/journalists/{id}"),
            &[
                ("name", "Marius Ciobanu"),
                ("outlet_id", &outlet_id.to_string()),
                ("position", "editor"),
                ("beats", "trafic"),
                ("email", ""),
                ("phone", ""),
                ("notes", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let kept: (String, String) = sqlx::query_as("SELECT email, position FROM press_journalists")
        .fetch_one(app.db.pool())
        .await
        .expect("row");
    assert_eq!(
        kept,
        ("marius.ciobanu@pressalert.ro".into(), "editor".into())
    );

    // Retiring from the page needs the confirmation; a retired one comes back.
    let unconfirmed = b
        .post_form(&format!("/press/journalists/{id}/retire"), &[])
        .await;
    assert_eq!(unconfirmed.status(), StatusCode::BAD_REQUEST);
    let r = b
        .post_form(
            &format!("/press/journalists/{id}/retire"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(
        r.headers()["location"],
        format!("/press/journalists/{id}?done=retired").as_str()
    );
    let retired = app
        .count("SELECT COUNT(*) FROM press_journalists WHERE retired_at IS NOT NULL")
        .await;
    let r = b
        .post_form(
            &format!("/press/outlets/{outlet_id}/retire"),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = b
        .post_form(&format!("/press/journalists/{id}/reinstate"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(retired, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM press_journalists WHERE retired_at IS NOT NULL")
            .await,
        0
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM press_outlets WHERE retired_at IS NOT NULL")
            .await,
        1
    );

    // Management sees the page masked, with no reveal form; the dispatcher not at all.
    let m = app.signed_in("conducere", Role::Management).await;
    let seen = m
        .get(&format!("/press/journalists/{id}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(seen.contains("m***@pressalert.ro") && !seen.contains("/reveal"));
    let d = app.signed_in("dispecer", Role::Dispatcher).await;
    assert_eq!(
        d.get("/press/contacts").await.status(),
        StatusCode::FORBIDDEN
    );
});

both!(a_release_goes_to_a_list_once_per_address, |app| {
    // Arrange: an outlet, three journalists (one retired, one without an address), a list.
    let press = app.api("presa", Role::PressOfficer).await;
    let tion = outlet(&press, "Tion", Some("redactie@tion.ro")).await;
    let ana = journalist(
        &press,
        json!({"outlet_id": tion, "name": "Ana Pop", "email": "Ana.Pop@tion.ro"}),
    )
    .await;
    let dan = journalist(
        &press,
        json!({"name": "Dan Ilie", "email": "dan@debanat.ro"}),
    )
    .await;
    let ion = journalist(&press, json!({"name": "Ion Fără Adresă"})).await;
    press
        .post_ok(
            &format!("/api/v1/press/journalists/{dan}/retire"),
            json!({}),
        )
        .await;
    let (s, list) = press
        .post(
            "/api/v1/press/lists",
            json!({"name": "Presa locală", "description": "Redacțiile din oraș"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{list}");
    let list = list["id"].as_i64().expect("id");
    for member in [
        json!({"journalist_id": ana}),
        json!({"journalist_id": dan}),
        json!({"journalist_id": ion}),
        json!({"outlet_id": tion}),
    ] {
        press
            .post_ok(&format!("/api/v1/press/lists/{list}/members"), member)
            .await;
    }
    let (twice, _) = press
        .post(
            &format!("/api/v1/press/lists/{list}/members"),
            json!({"journalist_id": ana}),
        )
        .await;
    assert_eq!(twice, StatusCode::CONFLICT);
    let shown = press.get_ok(&format!("/api/v1/press/lists/{list}")).await;
    assert_eq!(shown["members"], 4);
    assert!(
        !shown.to_string().contains("Ana.Pop@"),
        "members masked: {shown}"
    );
    let release = app.published_release("Controale în Piața Unirii").await;
    let outbox_before = app.count("SELECT COUNT(*) FROM mail_outbox").await;

    // Act
    let (s, report) = press
        .post(
            &format!("/api/v1/press/releases/{release}/send"),
            json!({"list_id": list}),
        )
        .await;

    // Assert: one e-mail per address, the retired and the address-less named.
    assert_eq!(s, StatusCode::OK, "{report}");
    assert_eq!(
        (report["queued"].as_i64(), report["sent_before"].as_bool()),
        (Some(2), Some(false))
    );
    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap_or_default().into(),
                k["why"].as_str().unwrap_or_default().into(),
            )
        })
        .collect();
    assert!(
        skipped.contains(&("Dan Ilie".into(), "retired".into())),
        "{skipped:?}"
    );
    assert!(
        skipped.contains(&("Ion Fără Adresă".into(), "no_address".into())),
        "{skipped:?}"
    );
    let mails: Vec<(String, String, String)> =
        sqlx::query_as("SELECT recipient, subject, body FROM mail_outbox ORDER BY recipient")
            .fetch_all(app.db.pool())
            .await
            .expect("outbox");
    assert_eq!(mails.len() as i64, outbox_before + 2);
    let to: Vec<&str> = mails.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(to, ["ana.pop@tion.ro", "redactie@tion.ro"]);
    let number: String = sqlx::query_scalar("SELECT number FROM press_releases WHERE id = $1")
        .bind(release)
        .fetch_one(app.db.pool())
        .await
        .expect("number");
    for (_, subject, body) in &mails {
        assert_eq!(subject, &format!("{number}: Controale în Piața Unirii"));
        assert!(
            body.contains("Rezumat: Controale în Piața Unirii"),
            "{body}"
        );
        assert!(
            body.contains(&format!("/presa/comunicate/{release}")),
            "{body}"
        );
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM press_sends").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE action = 'press_release.send'")
            .await,
        1
    );

    // Act: the same list again, and a second list naming the same outlet and a new journalist.
    let (_, again) = press
        .post(
            &format!("/api/v1/press/releases/{release}/send"),
            json!({"list_id": list}),
        )
        .await;
    let (_, other) = press
        .post("/api/v1/press/lists", json!({"name": "Agenții și TV"}))
        .await;
    let other = other["id"].as_i64().expect("id");
    let eva = journalist(
        &press,
        json!({"name": "Eva Rus", "email": "eva@agerpres.ro"}),
    )
    .await;
    press
        .post_ok(
            &format!("/api/v1/press/lists/{other}/members"),
            json!({"outlet_id": tion}),
        )
        .await;
    press
        .post_ok(
            &format!("/api/v1/press/lists/{other}/members"),
            json!({"journalist_id": eva}),
        )
        .await;
    let (_, second) = press
        .post(
            &format!("/api/v1/press/releases/{release}/send"),
            json!({"list_id": other}),
        )
        .await;

    // Assert: nobody gets it twice; the repeat is flagged.
    assert_eq!(
        (again["queued"].as_i64(), again["sent_before"].as_bool()),
        (Some(0), Some(true)),
        "{again}"
    );
    assert_eq!(second["queued"].as_i64(), Some(1), "{second}");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM mail_outbox").await,
        outbox_before + 3
    );
    let sends = press
        .get_ok(&format!("/api/v1/press/releases/{release}/sends"))
        .await;
    assert_eq!(sends.as_array().map(Vec::len), Some(3));
    assert!(
        !sends.to_string().contains("ana.pop@"),
        "journalists' addresses masked: {sends}"
    );

    // A release not yet approved is not sent; management may not send.
    let draft = app.published_release("Ciornă").await;
    sqlx::query("UPDATE press_releases SET status = 'submitted' WHERE id = $1")
        .bind(draft)
        .execute(app.db.pool())
        .await
        .expect("draft");
    let (s, _) = press
        .post(
            &format!("/api/v1/press/releases/{draft}/send"),
            json!({"list_id": list}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT);
    let management = app.api("conducere", Role::Management).await;
    let (s, _) = management
        .post(
            &format!("/api/v1/press/releases/{release}/send"),
            json!({"list_id": list}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);

    // The pages: lists, a list, the distribution with its sends; a send through the form.
    let b = app.signed_in("presa2", Role::PressOfficer).await;
    assert_eq!(b.get("/press/lists").await.status(), StatusCode::OK);
    assert_eq!(
        b.get(&format!("/press/lists/{list}")).await.status(),
        StatusCode::OK
    );
    let page = b
        .get(&format!("/press/releases/{release}/distribution"))
        .await
        .text()
        .await
        .expect("html");
    assert!(
        page.contains("a***@tion.ro") && page.contains("redactie@tion.ro"),
        "sends listed"
    );
    let r = b
        .post_form(
            &format!("/press/releases/{release}/distribution"),
            &[("list_id", &list.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.expect("html").contains("l-a primit deja"));
    let r = b
        .post_form(
            &format!("/press/lists/{list}/members/remove"),
            &[("journalist_id", &ion.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM press_list_members").await,
        5
    );
});

both!(
    a_retired_journalists_contacts_are_erased_past_the_term,
    |app| {
        // Arrange: one retired three years ago, one retired now, one active.
        let press = app.api("presa", Role::PressOfficer).await;
        let admin = app.api("admin", Role::Administrator).await;
        let body = |name: &str| json!({"name": name, "email": format!("{}@tion.ro", name.to_lowercase()), "phone": "0723456123", "notes": "note"});
        let old = journalist(&press, body("Vechi")).await;
        let recent = journalist(&press, body("Recent")).await;
        let active = journalist(&press, body("Activ")).await;
        for id in [old, recent] {
            press
                .post_ok(&format!("/api/v1/press/journalists/{id}/retire"), json!({}))
                .await;
        }
        let three_years = 3 * 366 * 86_400_000_i64;
        sqlx::query("UPDATE press_journalists SET retired_at = retired_at - $1 WHERE id = $2")
            .bind(three_years)
            .bind(old)
            .execute(app.db.pool())
            .await
            .expect("backdate");
        let terms = admin.get_ok("/api/v1/registry/retention").await;
        assert!(terms.to_string().contains("press_journalist"), "{terms}");

        // Act
        let (_, dry) = admin
            .post("/api/v1/registry/purge", json!({"dry_run": true}))
            .await;
        let (s, done) = admin.post("/api/v1/registry/purge", json!({})).await;
        let (_, again) = admin.post("/api/v1/registry/purge", json!({})).await;

        // Assert: only the one past the term, its name kept; counted once.
        assert_eq!(dry["by_register"], json!({"press_journalist": 1}), "{dry}");
        assert_eq!(s, StatusCode::OK, "{done}");
        assert_eq!(
            done["by_register"],
            json!({"press_journalist": 1}),
            "{done}"
        );
        assert_eq!(again["anonymised"], 0);
        let rows: Vec<Contacts> = sqlx::query_as(
            "SELECT id, name, email, phone, notes FROM press_journalists ORDER BY id",
        )
        .fetch_all(app.db.pool())
        .await
        .expect("rows");
        assert_eq!(rows[0], (old, "Vechi".into(), None, None, None));
        assert!(rows[1].2.is_some() && rows[2].2.is_some(), "{rows:?}");
        assert_eq!((rows[1].0, rows[2].0), (recent, active));
    }
);
