//! Press releases: drafted by the press office, returned and submitted again, approved by the
//! head of service with the number of their day of publication; the embargo held to the
//! second in the newsroom, its feeds (read by feed-rs) and its photos; the text cleaned of
//! anything active; photos re-encoded without EXIF; PDF and DOCX that open; the pages.

use std::io::{Cursor, Read};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::{Api, TestApp, multipart};

fn release(title: &str) -> Value {
    json!({
        "kind": "release",
        "title": title,
        "summary": "Pe scurt",
        "body": "Poliția Locală Timișoara a verificat șantierele.\n\nAu fost aplicate amenzi."
    })
}

/// Drafts, submits and has the head approve a release; the approved release.
async fn published(officer: &Api, head: &Api, body: Value) -> Value {
    let (s, r) = officer.post("/api/v1/press/releases", body).await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    let id = r["id"].as_i64().expect("id");
    let (s, r) = officer
        .post(&format!("/api/v1/press/releases/{id}/submit"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    let (s, r) = head
        .post(&format!("/api/v1/press/releases/{id}/approve"), json!({}))
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    r
}

/// `DD.MM.YYYY` of epoch ms in Timișoara.
fn day(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .expect("ms")
        .to_zoned(jiff::tz::TimeZone::get("Europe/Bucharest").expect("tz"))
        .strftime("%d.%m.%Y")
        .to_string()
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

async fn text(app: &TestApp, path: &str) -> (StatusCode, String) {
    let r = app.client.get(app.url(path)).send().await.expect("get");
    (r.status(), r.text().await.expect("text"))
}

both!(the_workflow_returns_resubmits_and_numbers_by_day, |app| {
    let officer = app.api("presa", Role::PressOfficer).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let dispatcher = app.api("disp", Role::Dispatcher).await;

    // Roles: a dispatcher cannot draft; the press officer cannot approve.
    let (s, _) = dispatcher
        .post("/api/v1/press/releases", release("Nu"))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let (s, r) = officer
        .post("/api/v1/press/releases", release("Controale pe șantiere"))
        .await;
    assert_eq!(s, StatusCode::CREATED, "{r}");
    assert_eq!(r["status"], "draft");
    assert!(r["number"].is_null());
    let id = r["id"].as_i64().expect("id");
    officer
        .post_ok(&format!("/api/v1/press/releases/{id}/submit"), json!({}))
        .await;
    let (s, _) = officer
        .post(&format!("/api/v1/press/releases/{id}/approve"), json!({}))
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    // Submitted: no more edits.
    let (s, e) = officer
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/press/releases/{id}"),
            release("Altul"),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{e}");

    // Returned with a reason (too short a reason is refused), edited, submitted again.
    let (s, e) = head
        .post(
            &format!("/api/v1/press/releases/{id}/return"),
            json!({"reason": "nu"}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["error"]["field"], "reason");
    let r = head
        .post_ok(
            &format!("/api/v1/press/releases/{id}/return"),
            json!({"reason": "Adăugați temeiul legal."}),
        )
        .await;
    assert_eq!(r["status"], "returned");
    assert_eq!(r["return_reason"], "Adăugați temeiul legal.");
    let (s, r) = officer
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/press/releases/{id}"),
            release("Controale pe șantiere, conform Legii 50/1991"),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{r}");
    officer
        .post_ok(&format!("/api/v1/press/releases/{id}/submit"), json!({}))
        .await;
    let first = head
        .post_ok(&format!("/api/v1/press/releases/{id}/approve"), json!({}))
        .await;
    let today = day(now_ms());
    assert_eq!(first["status"], "approved");
    assert_eq!(first["number"], format!("Comunicat {today}-1"));
    assert!(first["published_at"].as_i64().is_some());
    assert_eq!(first["public_url"], format!("/presa/comunicate/{id}"));
    // Approving twice is refused.
    let (s, _) = head
        .post(&format!("/api/v1/press/releases/{id}/approve"), json!({}))
        .await;
    assert_eq!(s, StatusCode::CONFLICT);

    // The second of the day, a statement's own sequence, and a new day through the embargo.
    let second = published(&officer, &head, release("Al doilea")).await;
    assert_eq!(second["number"], format!("Comunicat {today}-2"));
    let mut statement = release("O declarație");
    statement["kind"] = json!("statement");
    let s1 = published(&officer, &head, statement).await;
    assert_eq!(s1["number"], format!("Declarație {today}-1"));
    let tomorrow = now_ms() + 86_400_000;
    let mut later = release("Mâine");
    later["embargo_until"] = json!(tomorrow);
    let next_day = published(&officer, &head, later).await;
    assert_eq!(next_day["number"], format!("Comunicat {}-1", day(tomorrow)));
    assert_eq!(next_day["published_at"], json!(tomorrow));
    assert!(next_day["public_url"].is_null());

    // Every step is audited; the live event is published at approval.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'press_release'")
            .await,
        15
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE name = 'press.release'")
            .await,
        4
    );
});

both!(
    links_are_checked_and_corrections_name_a_published_release,
    |app| {
        let officer = app.api("presa", Role::PressOfficer).await;
        let head = app.api("sef", Role::HeadOfService).await;
        for field in [
            "incident_id",
            "special_event_id",
            "campaign_id",
            "proposal_id",
        ] {
            let mut body = release("Legat");
            body[field] = json!(999_999);
            let (s, e) = officer.post("/api/v1/press/releases", body).await;
            assert_eq!(s, StatusCode::BAD_REQUEST, "{field}: {e}");
            assert_eq!(e["error"]["field"], field);
        }
        let mut correction = release("Rectificare");
        correction["kind"] = json!("correction");
        let (s, e) = officer
            .post("/api/v1/press/releases", correction.clone())
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "corrects_id");
        let original = published(&officer, &head, release("Original")).await;
        let oid = original["id"].as_i64().expect("id");
        correction["corrects_id"] = json!(oid);
        let fixed = published(&officer, &head, correction).await;
        let fid = fixed["id"].as_i64().expect("id");
        assert!(
            fixed["number"]
                .as_str()
                .is_some_and(|n| n.starts_with("Rectificare "))
        );
        // The correction notice links both ways.
        let (s, page) = text(&app, &format!("/presa/comunicate/{oid}")).await;
        assert_eq!(s, StatusCode::OK);
        assert!(page.contains(&format!("href=\"/presa/comunicate/{fid}\"")));
        let (_, page) = text(&app, &format!("/presa/comunicate/{fid}")).await;
        assert!(page.contains(&format!("href=\"/presa/comunicate/{oid}\"")));
    }
);

both!(the_embargo_holds_to_the_second, |app| {
    let officer = app.api("presa", Role::PressOfficer).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let mut body = release("Sub embargo Poliția");
    let until = now_ms() + 2_000;
    body["embargo_until"] = json!(until);
    let (_, r) = officer.post("/api/v1/press/releases", body).await;
    let id = r["id"].as_i64().expect("id");
    let (s, p) = officer
        .upload(
            &format!("/api/v1/press/releases/{id}/photos?caption=Foto"),
            jpeg_with_gps(),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    let photo = p["id"].as_i64().expect("photo");
    officer
        .post_ok(&format!("/api/v1/press/releases/{id}/submit"), json!({}))
        .await;
    let r = head
        .post_ok(&format!("/api/v1/press/releases/{id}/approve"), json!({}))
        .await;
    assert_eq!(r["published_at"], json!(until));

    // Before its second: in none of the public places.
    assert!(
        now_ms() < until,
        "the test ran too slowly to see the embargo"
    );
    let (s, _) = text(&app, &format!("/presa/comunicate/{id}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, list) = text(&app, "/presa").await;
    assert!(!list.contains("Sub embargo"));
    let (_, rss) = text(&app, "/presa/comunicate.rss").await;
    assert!(!rss.contains("Sub embargo"));
    let (_, atom) = text(&app, "/presa/comunicate.atom").await;
    assert!(!atom.contains("Sub embargo"));
    let (s, _) = text(&app, &format!("/presa/foto/{photo}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    // The staff see the photo at once.
    let r = officer
        .request(
            reqwest::Method::GET,
            &format!("/press/releases/photos/{photo}"),
        )
        .send()
        .await
        .expect("photo");
    assert_eq!(r.status(), StatusCode::OK);

    // Past its second: everywhere.
    let wait = until - now_ms() + 50;
    tokio::time::sleep(Duration::from_millis(wait.max(0) as u64)).await;
    let (s, page) = text(&app, &format!("/presa/comunicate/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(&format!("/presa/foto/{photo}")));
    let (_, list) = text(&app, "/presa").await;
    assert!(list.contains("Sub embargo"));
    // Search folds diacritics: "politia" finds "Poliția"; a word it lacks finds nothing.
    let (_, found) = text(&app, "/presa?q=politia+embargo").await;
    assert!(found.contains("Sub embargo"), "{found}");
    let (_, missing) = text(&app, "/presa?q=politia+tramvai").await;
    assert!(!missing.contains("Sub embargo"));
    let (_, rss) = text(&app, "/presa/comunicate.rss").await;
    assert!(rss.contains("Sub embargo"));
    let (s, _) = text(&app, &format!("/presa/foto/{photo}")).await;
    assert_eq!(s, StatusCode::OK);
});

both!(the_feeds_are_read_by_a_standard_parser, |app| {
    let officer = app.api("presa", Role::PressOfficer).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let a = published(&officer, &head, release("Primul comunicat & <test>")).await;
    let b = published(&officer, &head, release("Al doilea comunicat")).await;
    let (s, page) = text(&app, "/presa").await;
    assert_eq!(s, StatusCode::OK);
    assert!(page.contains(
        r#"<link rel="alternate" type="application/rss+xml" title="Comunicate de presă (RSS)" href="/presa/comunicate.rss">"#
    ));
    assert!(page.contains(r#"type="application/atom+xml""#));

    let r = app
        .client
        .get(app.url("/presa/comunicate.rss"))
        .send()
        .await
        .expect("rss");
    assert!(
        r.headers()["content-type"]
            .to_str()
            .is_ok_and(|c| c.starts_with("application/rss+xml"))
    );
    let rss = r.text().await.expect("rss");
    let feed = feed_rs::parser::parse(rss.as_bytes()).expect("RSS parses");
    assert_eq!(feed.entries.len(), 2);
    assert!(
        feed.entries[0]
            .title
            .as_ref()
            .is_some_and(|t| t.content.contains("Al doilea"))
    );
    assert!(
        feed.entries.iter().all(|e| e.published.is_some()),
        "pubDate read"
    );
    let doc = roxmltree::Document::parse(&rss).expect("xml");
    let channel = doc
        .descendants()
        .find(|n| n.has_tag_name("channel"))
        .expect("channel");
    for essential in ["title", "link", "description"] {
        let n = channel
            .children()
            .find(|n| n.has_tag_name(essential))
            .unwrap_or_else(|| panic!("channel {essential}"));
        assert!(n.text().is_some_and(|t| !t.is_empty()), "{essential}");
    }
    let items: Vec<_> = channel
        .children()
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 2);
    for item in &items {
        let guid = item
            .children()
            .find(|n| n.has_tag_name("guid"))
            .expect("guid");
        assert_eq!(guid.attribute("isPermaLink"), Some("true"));
        assert!(
            guid.text()
                .is_some_and(|t| t.starts_with("http://") && t.contains("/presa/comunicate/"))
        );
        let date = item
            .children()
            .find(|n| n.has_tag_name("pubDate"))
            .and_then(|n| n.text())
            .expect("pubDate");
        // RFC 822: `Mon, 07 Dec 2026 14:05:00 +0000`.
        assert!(jiff::fmt::rfc2822::parse(date).is_ok(), "{date}");
    }
    assert!(rss.contains("Primul comunicat &amp; &lt;test&gt;"));

    let atom = text(&app, "/presa/comunicate.atom").await.1;
    let feed = feed_rs::parser::parse(atom.as_bytes()).expect("Atom parses");
    assert_eq!(feed.entries.len(), 2);
    assert!(feed.updated.is_some());
    let doc = roxmltree::Document::parse(&atom).expect("xml");
    let root = doc.root_element();
    assert!(root.children().any(|n| n.has_tag_name("id")));
    assert!(root.children().any(|n| n.has_tag_name("updated")));
    for entry in root.children().filter(|n| n.has_tag_name("entry")) {
        for need in ["id", "updated", "title"] {
            assert!(entry.children().any(|n| n.has_tag_name(need)), "{need}");
        }
        assert!(entry.children().any(|n| {
            n.has_tag_name("link")
                && n.attribute("rel") == Some("alternate")
                && n.attribute("href")
                    .is_some_and(|h| h.starts_with("http://"))
        }));
    }
    let ids = [a["id"].as_i64(), b["id"].as_i64()];
    for id in ids.into_iter().flatten() {
        assert!(atom.contains(&format!("/presa/comunicate/{id}")));
    }
});

both!(
    hostile_text_is_cleaned_before_it_is_stored_and_shown,
    |app| {
        let officer = app.api("presa", Role::PressOfficer).await;
        let head = app.api("sef", Role::HeadOfService).await;
        let mut body = release("Curat");
        body["body"] = json!(
            "<p onclick=\"steal()\">Text <script>alert('xss')</script><strong>bun</strong></p>\
         <img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">rău</a>\
         <a href=\"https://www.primariatm.ro\">bun</a><iframe src=\"https://x.example\"></iframe>"
        );
        let r = published(&officer, &head, body).await;
        let stored = r["body_html"].as_str().expect("body");
        for bad in [
            "script",
            "onclick",
            "onerror",
            "javascript",
            "iframe",
            "<img",
            "alert",
        ] {
            assert!(!stored.contains(bad), "{bad} stored: {stored}");
        }
        assert!(stored.contains("<strong>bun</strong>"));
        assert!(stored.contains("href=\"https://www.primariatm.ro\""));
        let id = r["id"].as_i64().expect("id");
        let (_, page) = text(&app, &format!("/presa/comunicate/{id}")).await;
        for bad in ["steal()", "onerror", "javascript:", "alert("] {
            assert!(!page.contains(bad), "{bad} shown");
        }
        let (_, rss) = text(&app, "/presa/comunicate.rss").await;
        assert!(!rss.contains("javascript") && !rss.contains("onerror"));
        // A text with nothing left once cleaned is refused.
        let mut empty = release("Gol");
        empty["body"] = json!("<script>alert(1)</script>");
        let (s, e) = officer.post("/api/v1/press/releases", empty).await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "body");
    }
);

/// A 40×30 JPEG carrying an EXIF block with a GPS position (Timișoara).
fn jpeg_with_gps() -> Vec<u8> {
    let img = image::RgbImage::from_pixel(40, 30, image::Rgb([10, 120, 200]));
    let mut plain = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(img)
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .expect("jpeg");
    let plain = plain.into_inner();
    // TIFF, big-endian: IFD0 with the GPS pointer, then the GPS IFD (N, 45° 45' 0").
    let mut tiff: Vec<u8> = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    tiff.extend_from_slice(&[0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2]);
    tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56, 0, 0, 0, 0]);
    for (num, den) in [(45u32, 1u32), (45, 1), (0, 1)] {
        tiff.extend_from_slice(&num.to_be_bytes());
        tiff.extend_from_slice(&den.to_be_bytes());
    }
    let mut app1 = b"Exif\x00\x00".to_vec();
    app1.extend_from_slice(&tiff);
    let len = u16::try_from(app1.len() + 2).expect("len");
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

both!(
    photos_are_reencoded_without_exif_and_text_is_refused,
    |app| {
        let officer = app.api("presa", Role::PressOfficer).await;
        let (_, r) = officer
            .post("/api/v1/press/releases", release("Cu fotografii"))
            .await;
        let id = r["id"].as_i64().expect("id");
        let original = jpeg_with_gps();
        assert!(original.windows(4).any(|w| w == b"Exif"));
        let (s, p) = officer
            .upload(&format!("/api/v1/press/releases/{id}/photos"), original)
            .await;
        assert_eq!(s, StatusCode::CREATED, "{p}");
        assert_eq!(
            (p["width"].as_i64(), p["height"].as_i64()),
            (Some(40), Some(30))
        );
        let r = officer
            .request(
                reqwest::Method::GET,
                &format!("/press/releases/photos/{}", p["id"]),
            )
            .send()
            .await
            .expect("photo");
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        let served = r.bytes().await.expect("bytes").to_vec();
        assert_eq!(&served[..2], &[0xFF, 0xD8]);
        assert!(!served.windows(4).any(|w| w == b"Exif"), "EXIF left");
        assert!(!served.windows(2).any(|w| w == [0xFF, 0xE1]), "APP1 left");

        // A text file named .jpg, through the API and through the page's form.
        let (s, e) = officer
            .upload(
                &format!("/api/v1/press/releases/{id}/photos"),
                b"not a photo at all".to_vec(),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "photo");
        let b = app.signed_in("presa2", Role::PressOfficer).await;
        let csrf = b.csrf().await;
        let r = b
            .send(
                app.client
                    .post(app.url(&format!("/press/releases/{id}/photos?csrf={csrf}")))
                    .header(
                        "content-type",
                        format!("multipart/form-data; boundary={}", multipart::BOUNDARY),
                    )
                    .body(multipart::body(&[
                        ("photo", Some("poza.jpg"), b"hello, I am text"),
                        ("caption", None, b"x"),
                    ])),
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Fotografia: doar imagini JPEG sau PNG"),
            "{page}"
        );
        // A photo over 10 MB is refused naming the field.
        let (s, e) = officer
            .upload(
                &format!("/api/v1/press/releases/{id}/photos"),
                vec![0xFF; 10 * 1024 * 1024 + 1],
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        assert_eq!(e["error"]["field"], "photo");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM press_release_photos").await,
            1
        );
    }
);

both!(documents_open_as_pdf_and_docx, |app| {
    let officer = app.api("presa", Role::PressOfficer).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let r = published(&officer, &head, release("Comunicat cu document")).await;
    let id = r["id"].as_i64().expect("id");
    let number = r["number"].as_str().expect("number").to_string();
    let get = |format: &'static str| {
        officer
            .request(
                reqwest::Method::GET,
                &format!("/api/v1/press/releases/{id}/document?format={format}"),
            )
            .send()
    };
    let pdf = get("pdf").await.expect("pdf").bytes().await.expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let doc = lopdf::Document::load_mem(&pdf).expect("lopdf reads it");
    assert!(!doc.get_pages().is_empty());
    let docx = get("docx")
        .await
        .expect("docx")
        .bytes()
        .await
        .expect("docx");
    let mut zip = zip::ZipArchive::new(Cursor::new(docx.to_vec())).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("xml");
    assert!(xml.contains("Comunicat cu document"));
    assert!(xml.contains(&number));
    assert!(xml.contains("Biroul de presă"));
});

both!(the_pages_draft_submit_approve_and_publish, |app| {
    let officer = app.signed_in("presa", Role::PressOfficer).await;
    let head = app.signed_in("sef", Role::HeadOfService).await;
    let r = officer.get("/press/releases").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.expect("page");
    assert!(page.contains("id=\"new-release\""));
    // A refused form keeps what was typed.
    let r = officer
        .post_form(
            "/press/releases",
            &[
                ("kind", "release"),
                ("title", "Titlu păstrat"),
                ("body", ""),
                ("embargo", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = r.text().await.expect("page");
    assert!(page.contains("Titlu păstrat"));
    let r = officer
        .post_form(
            "/press/releases",
            &[
                ("kind", "release"),
                ("title", "Vehicule abandonate ridicate"),
                ("summary", ""),
                (
                    "body",
                    "Poliția Locală a ridicat 12 vehicule.\n\nProprietarii le pot recupera.",
                ),
                ("embargo", ""),
                ("corrects_id", ""),
                ("campaign_id", ""),
                ("incident_id", ""),
                ("special_event_id", ""),
                ("proposal_id", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let id: i64 = location
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let page = officer.get(&location).await.text().await.expect("page");
    assert!(page.contains("<p>Poliția Locală a ridicat 12 vehicule.</p>"));
    assert!(page.contains(&format!("/press/releases/{id}/distribution")));
    assert!(page.contains("id=\"submit-form\""));
    let r = officer
        .post_form(&format!("/press/releases/{id}/submit"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // The officer sees no approval; the head does.
    let page = officer.get(&location).await.text().await.expect("page");
    assert!(!page.contains("id=\"approve-form\""));
    let page = head.get(&location).await.text().await.expect("page");
    assert!(page.contains("id=\"approve-form\""));
    let r = head
        .post_form(&format!("/press/releases/{id}/approve"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = head.get(&location).await.text().await.expect("page");
    assert!(page.contains(&format!("href=\"/presa/comunicate/{id}\"")));
    // The public page has no staff menu, even for someone signed in.
    let public = officer
        .get(&format!("/presa/comunicate/{id}"))
        .await
        .text()
        .await
        .expect("page");
    assert!(public.contains("Vehicule abandonate ridicate"));
    assert!(!public.contains("class=\"main-nav\""));
    assert!(!public.contains("/logout"));
    // The newsroom pages: ten a page, the next page linked.
    let api = app.api("presa3", Role::PressOfficer).await;
    let boss = app.api("sef3", Role::HeadOfService).await;
    for i in 0..10 {
        published(&api, &boss, release(&format!("Comunicat numărul {i}"))).await;
    }
    let (_, first) = text(&app, "/presa").await;
    assert!(first.contains("/presa?page=2"));
    let (_, second) = text(&app, "/presa?page=2").await;
    assert!(second.contains("Vehicule abandonate ridicate"));
});
