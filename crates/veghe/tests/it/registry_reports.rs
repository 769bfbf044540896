//! The registry's reports on a known set of entries: the half-yearly petitions analysis and the
//! Law 544 annual report, every item computed right, as JSON, pages and PDF/DOCX/XLSX.

use std::io::{Cursor, Read};

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::TestApp;
use crate::helpers::known::{Known, put};

fn info(number: i64, registered: &'static str, due: &'static str) -> Known {
    Known {
        register: "info",
        kind: "request",
        department: Some("juridic"),
        subject: "Contracte de achiziție publică",
        ..Known::new(number, registered, due)
    }
}

fn org(k: Known) -> Known {
    Known {
        petitioner_kind: "organisation",
        name: Some("Asociația Timișoara Civică"),
        cnp: None,
        ..k
    }
}

/// The Law 544 fixture: ids of the entries 1–13 described in the test.
async fn law544_fixture(app: &TestApp) -> Vec<i64> {
    let d10 = "2025-03-13";
    let d30 = "2025-04-02";
    let r = "2025-03-03";
    let entries = vec![
        Known {
            answered: Some("2025-03-08"),
            ..info(1, r, d10)
        },
        Known {
            channel: "email",
            extended: true,
            answered: Some("2025-03-23"),
            via: Some("post"),
            ..info(2, r, d30)
        },
        org(Known {
            channel: "online",
            refused: true,
            answered: Some("2025-03-06"),
            ..info(3, r, d10)
        }),
        org(Known {
            channel: "post",
            refused: true,
            answered: Some("2025-03-07"),
            via: Some("post"),
            ..info(4, r, d10)
        }),
        Known {
            channel: "audience",
            refused: true,
            answered: Some("2025-03-05"),
            via: Some("post"),
            ..info(5, r, d10)
        },
        Known {
            channel: "email",
            status: "routed",
            ..info(6, r, d10)
        },
        Known {
            answered: Some("2025-04-12"),
            ..info(7, r, d10)
        },
        Known {
            petitioner_kind: "anonymous",
            name: None,
            cnp: None,
            status: "classed",
            class_ground: Some("anonymous"),
            ..info(8, r, d10)
        },
        Known {
            kind: "complaint",
            answered: Some("2025-03-20"),
            ..info(9, r, "2025-03-18")
        },
        Known {
            kind: "complaint",
            refused: true,
            answered: Some("2025-03-06"),
            ..info(10, r, "2025-03-18")
        },
        Known {
            kind: "complaint",
            status: "routed",
            ..info(11, r, "2025-03-18")
        },
        Known {
            kind: "complaint",
            answered: Some("2025-03-10"),
            ..info(12, r, "2025-03-18")
        },
        Known {
            answered: Some("2025-01-05"),
            ..info(40, "2024-12-30", "2025-01-09")
        },
    ];
    let mut ids = Vec::new();
    for e in &entries {
        ids.push(put(&app.db, e).await);
    }
    ids
}

fn counts(v: &Value) -> Vec<(String, i64)> {
    v.as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c["key"].as_str().expect("key").to_string(),
                c["count"].as_i64().expect("count"),
            )
        })
        .collect()
}

fn pairs(items: &[(&str, i64)]) -> Vec<(String, i64)> {
    items.iter().map(|(k, n)| ((*k).to_string(), *n)).collect()
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("read");
    text
}

fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).expect("the PDF parses");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).expect("text")
}

both!(law544_report_has_every_item_computed_right, |app| {
    let ids = law544_fixture(&app).await;
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let head = app.api("sef", Role::HeadOfService).await;
    let facts = [
        (0, json!({"domain": "public_money"})),
        (1, json!({"domain": "duties"})),
        (
            2,
            json!({"domain": "regulations", "refusal_ground": "exempt"}),
        ),
        (
            3,
            json!({"domain": "public_money", "refusal_ground": "other", "refusal_note": "cerere abuzivă, repetată"}),
        ),
        (
            4,
            json!({"domain": "other", "refusal_ground": "nonexistent"}),
        ),
        (6, json!({"domain": "leaders"})),
        (8, json!({"complaint_outcome": "favourable"})),
        (9, json!({"complaint_outcome": "rejected"})),
    ];
    for (i, body) in facts {
        let (s, v) = clerk
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/registry/info/{}/facts", ids[i]),
                body,
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
    }
    for (i, filed, outcome, decided) in [
        (2, "2025-05-10", "pending", None),
        (3, "2025-06-01", "favourable", Some("2025-11-20")),
        (12, "2026-01-15", "pending", None),
    ] {
        let (s, v) = clerk
            .post(
                "/api/v1/registry/court-cases",
                json!({"entry_id": ids[i], "court": "Tribunalul Timiș", "case_number": format!("{i}/30/2025"), "filed_on": filed, "outcome": outcome, "decided_on": decided}),
            ).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
    }
    let (s, v) = head
        .send(
            reqwest::Method::PUT,
            "/api/v1/registry/reports/law544/2025",
            json!({"costs_lei": "125.000,50", "copy_income_lei": 12, "copy_fee_lei": "0,50", "copy_fee_basis": "HCL nr. 123/2020",
               "measures": "Publicarea din oficiu a contractelor.", "responsible": "Ion Ionescu, purtător de cuvânt"}),
        ).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["costs_bani"], 12_500_050);

    let management = app.api("conducere", Role::Management).await;
    let r = management
        .get("/api/v1/registry/reports/law544?year=2025")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.expect("json");
    assert_eq!(
        v["requests"], 8,
        "requests 1–8; complaints apart, 2024 left out"
    );
    assert_eq!(
        counts(&v["by_domain"]),
        pairs(&[
            ("public_money", 2),
            ("duties", 1),
            ("regulations", 1),
            ("leaders", 1),
            ("law544", 0),
            ("other", 1),
            ("unclassified", 2)
        ])
    );
    assert_eq!(
        counts(&v["by_petitioner"]),
        pairs(&[("person", 5), ("organisation", 2), ("anonymous", 1)])
    );
    assert_eq!(
        counts(&v["by_medium"]),
        pairs(&[("paper", 4), ("electronic", 3), ("verbal", 1)])
    );
    assert_eq!(v["favourable"], 3);
    assert_eq!(
        counts(&v["favourable_by_time"]),
        pairs(&[("within_10", 1), ("within_30", 1), ("over_30", 1)])
    );
    assert_eq!(
        counts(&v["favourable_by_medium"]),
        pairs(&[("electronic", 2), ("paper", 1)])
    );
    assert_eq!(
        counts(&v["favourable_by_domain"]),
        pairs(&[
            ("public_money", 1),
            ("duties", 1),
            ("regulations", 0),
            ("leaders", 1),
            ("law544", 0),
            ("other", 0)
        ])
    );
    assert_eq!(v["refused"], 3);
    assert_eq!(
        counts(&v["refused_by_ground"]),
        pairs(&[("exempt", 1), ("nonexistent", 1), ("other", 1)])
    );
    assert_eq!(
        counts(&v["other_reasons"]),
        pairs(&[("cerere abuzivă, repetată", 1)])
    );
    assert_eq!(
        counts(&v["refused_by_domain"]),
        pairs(&[
            ("public_money", 1),
            ("duties", 0),
            ("regulations", 1),
            ("leaders", 0),
            ("law544", 0),
            ("other", 1)
        ])
    );
    assert_eq!(
        (
            v["forwarded"].as_i64(),
            v["classed"].as_i64(),
            v["extended"].as_i64()
        ),
        (Some(0), Some(1), Some(1))
    );
    assert_eq!(
        (
            v["answered_late"].as_i64(),
            v["pending"].as_i64(),
            v["pending_overdue"].as_i64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(
        counts(&v["by_response_time"]),
        pairs(&[
            ("within_10", 4),
            ("within_30", 1),
            ("over_30", 1),
            ("pending", 1)
        ])
    );
    assert_eq!(
        v["complaints"],
        json!({"total": 4, "favourable": 1, "rejected": 1, "pending": 1, "not_recorded": 1})
    );
    assert_eq!(
        v["court_cases"],
        json!({"total": 2, "favourable": 1, "rejected": 0, "pending": 1, "not_recorded": 0})
    );
    assert_eq!(v["figures"]["copy_income_bani"], 1200);
    assert_eq!(v["figures"]["copy_fee_bani"], 50);
    assert_eq!(
        v["figures"]["responsible"],
        "Ion Ionescu, purtător de cuvânt"
    );

    // The same report as documents: every item under its heading.
    let b = app.signed_in("sef2", Role::HeadOfService).await;
    let page = b.get("/registry/reports/law544?year=2025").await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(
        html.contains("2 solicitări fără domeniu înregistrat"),
        "the page says what is missing"
    );
    let r = b
        .get("/registry/reports/law544/download?year=2025&format=docx")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .expect("name")
            .contains("raport-legea-544-2025.docx")
    );
    let docx = zip_part(&r.bytes().await.expect("docx"), "word/document.xml");
    for heading in [
        "1. Solicitări pe domenii de interes",
        "2. Solicitări după solicitant",
        "3. Solicitări după modalitatea de adresare",
        "4. Solicitări soluționate favorabil",
        "5. Solicitări respinse",
        "6. Redirecționate, clasate, prelungite, întârziate, în curs",
        "7. Răspunsuri după termenul în care au fost date",
        "8. Reclamații administrative",
        "9. Plângeri în instanță",
        "10. Costuri",
        "11. Măsuri pentru îmbunătățirea accesului la informații",
        "12. Persoana responsabilă cu difuzarea informațiilor de interes public",
        "informații exceptate de la liberul acces",
        "cerere abuzivă, repetată",
        "125.000,50 lei",
        "HCL nr. 123/2020",
        "Ion Ionescu, purtător de cuvânt",
    ] {
        assert!(docx.contains(heading), "{heading} in the DOCX");
    }
    let r = b
        .get("/registry/reports/law544/download?year=2025&format=pdf")
        .await;
    assert_eq!(
        r.headers()[reqwest::header::CONTENT_TYPE],
        "application/pdf"
    );
    let text = pdf_text(&r.bytes().await.expect("pdf"));
    for words in [
        "Reclamații administrative",
        "Plângeri în instanță",
        "informații exceptate de la liberul acces",
        "Ion Ionescu, purtător de cuvânt",
    ] {
        assert!(text.contains(words), "{words} in the PDF text");
    }
    let r = b
        .get("/registry/reports/law544/download?year=2025&format=xlsx")
        .await;
    let strings = zip_part(&r.bytes().await.expect("xlsx"), "xl/sharedStrings.xml");
    assert!(strings.contains("Utilizarea banilor publici"), "{strings}");
    let r = b
        .get("/registry/reports/law544/download?year=2025&format=odt")
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
});

both!(law544_facts_refuse_what_does_not_fit, |app| {
    let ids = law544_fixture(&app).await;
    let petition = put(
        &app.db,
        &Known {
            answered: Some("2025-03-10"),
            ..Known::new(1, "2025-03-03", "2025-04-02")
        },
    )
    .await;
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let field = |v: &Value| v["error"]["field"].as_str().unwrap_or_default().to_string();
    for (id, body, expected) in [
        (ids[0], json!({"domain": "weather"}), "domain"),
        (ids[2], json!({"refusal_ground": "other"}), "refusal_note"),
        (
            ids[8],
            json!({"refusal_ground": "exempt"}),
            "refusal_ground",
        ),
        (
            ids[0],
            json!({"complaint_outcome": "favourable"}),
            "complaint_outcome",
        ),
        (petition, json!({"domain": "duties"}), "id"),
    ] {
        let (s, v) = clerk
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/registry/info/{id}/facts"),
                body,
            )
            .await;
        assert_eq!(
            (s, field(&v)),
            (StatusCode::BAD_REQUEST, expected.to_string()),
            "{v}"
        );
    }
    let (s, v) = clerk
        .post(
            "/api/v1/registry/court-cases",
            json!({"entry_id": ids[0], "court": "Tribunalul Timiș", "case_number": "1/30/2025", "filed_on": "2025-02-30"}),
        ).await;
    assert_eq!(
        (s, field(&v)),
        (StatusCode::BAD_REQUEST, "filed_on".to_string())
    );
    let (s, v) = clerk
        .post(
            "/api/v1/registry/court-cases",
            json!({"entry_id": ids[0], "court": "Tribunalul Timiș", "case_number": "1/30/2025", "filed_on": "2025-05-02", "outcome": "rejected"}),
        ).await;
    assert_eq!(
        (s, field(&v)),
        (StatusCode::BAD_REQUEST, "decided_on".to_string()),
        "a decision has its date"
    );
    let management = app.api("conducere", Role::Management).await;
    let (s, _) = management
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/registry/info/{}/facts", ids[0]),
            json!({"domain": "duties"}),
        )
        .await;
    assert_eq!(
        s,
        StatusCode::FORBIDDEN,
        "management reads, the registry records"
    );
    let (s, v) = management
        .send(
            reqwest::Method::GET,
            "/api/v1/registry/reports/law544?year=1999",
            Value::Null,
        )
        .await;
    assert_eq!(
        (s, field(&v)),
        (StatusCode::BAD_REQUEST, "year".to_string())
    );
    // The facts page records through its form, and the page shows them back.
    let b = app.signed_in("clerk2", Role::RegistryClerk).await;
    let r = b
        .post_form(
            &format!("/registry/reports/law544/facts/{}", ids[1]),
            &[("year", "2025"), ("domain", "law544")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = b
        .get("/registry/reports/law544/facts?year=2025")
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("<option value=\"law544\" selected>"),
        "the recorded domain is selected"
    );
    let court = |number: &'static str| {
        [
            ("year", "2025"),
            ("number", number),
            ("court", "Tribunalul Timiș"),
            ("case_number", "5/30/2025"),
            ("filed_on", "2025-05-02"),
        ]
    };
    let r = b
        .post_form("/registry/reports/law544/court", &court("99/2025"))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .expect("page")
            .contains("Numărul de înregistrare: „99/2025” nu este în registru"),
        "the form names the field"
    );
    let r = b
        .post_form("/registry/reports/law544/court", &court("1/2025"))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a request found by its number"
    );
});

both!(half_yearly_petitions_analysis_counts_each_outcome, |app| {
    let a = |n, registered, due| Known {
        department: Some("circulatie"),
        ..Known::new(n, registered, due)
    };
    let fixture = vec![
        Known {
            answered: Some("2025-02-13"),
            ..a(1, "2025-02-03", "2025-03-05")
        },
        Known {
            kind: "notification",
            channel: "email",
            answered: Some("2025-03-15"),
            ..a(2, "2025-02-03", "2025-03-05")
        },
        Known {
            kind: "request",
            channel: "post",
            status: "forwarded",
            forwarded_on: Some("2025-03-12"),
            department: None,
            ..a(3, "2025-03-10", "2025-04-09")
        },
        Known {
            channel: "online",
            status: "joined",
            joined_to: Some(1),
            answered: Some("2025-02-13"),
            ..a(4, "2025-02-04", "2025-03-06")
        },
        Known {
            kind: "notification",
            channel: "online",
            petitioner_kind: "anonymous",
            name: None,
            cnp: None,
            status: "classed",
            class_ground: Some("anonymous"),
            department: None,
            ..a(5, "2025-02-05", "2025-03-07")
        },
        Known {
            status: "archived",
            class_ground: Some("repeat"),
            archived: Some("2025-05-02"),
            ..a(6, "2025-04-28", "2025-05-28")
        },
        Known {
            kind: "request",
            status: "routed",
            extended: true,
            department: Some("ordine_publica"),
            ..a(7, "2025-06-20", "2025-07-21")
        },
        Known {
            kind: "proposal",
            channel: "audience",
            petitioner_kind: "organisation",
            name: Some("Asociația de proprietari nr. 12"),
            cnp: None,
            status: "archived",
            answered: Some("2025-04-20"),
            archived: Some("2025-05-10"),
            department: Some("ordine_publica"),
            ..a(8, "2025-04-01", "2025-05-01")
        },
        Known {
            answered: Some("2024-09-10"),
            ..a(90, "2024-09-02", "2024-10-02")
        },
        Known {
            status: "routed",
            ..a(91, "2024-12-20", "2025-01-20")
        },
        Known {
            answered: Some("2025-08-01"),
            ..a(92, "2025-07-01", "2025-07-31")
        },
    ];
    for k in &fixture {
        put(&app.db, k).await;
    }
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    let r = clerk
        .get("/api/v1/registry/reports/petitions?year=2025&half=1")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.expect("json");
    assert_eq!(
        v["period"],
        json!({"from": "2025-01-01", "to": "2025-06-30"})
    );
    assert_eq!(
        v["previous_period"],
        json!({"from": "2024-07-01", "to": "2024-12-31"})
    );
    let t = &v["totals"];
    let n = |k: &str| t[k].as_i64().unwrap_or(-1);
    assert_eq!(
        (
            n("registered"),
            n("answered"),
            n("answered_in_time"),
            n("answered_late")
        ),
        (8, 3, 2, 1)
    );
    assert_eq!(
        (
            n("forwarded"),
            n("joined"),
            n("classed"),
            n("classed_anonymous"),
            n("classed_repeat")
        ),
        (1, 1, 2, 1, 1)
    );
    assert_eq!((n("extended"), n("open"), n("open_overdue")), (1, 1, 1));
    assert_eq!(t["average_days"], 23.0, "(10 + 40 + 19) / 3");
    assert_eq!(
        (
            v["previous"]["registered"].as_i64(),
            v["previous"]["answered"].as_i64(),
            v["previous"]["open"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(
        counts(&v["by_kind"]),
        pairs(&[
            ("request", 2),
            ("complaint", 3),
            ("notification", 2),
            ("proposal", 1)
        ])
    );
    assert_eq!(
        counts(&v["by_channel"]),
        pairs(&[
            ("counter", 3),
            ("post", 1),
            ("email", 1),
            ("online", 2),
            ("audience", 1)
        ])
    );
    assert_eq!(
        counts(&v["by_petitioner"]),
        pairs(&[("person", 6), ("organisation", 1), ("anonymous", 1)])
    );
    let depts: Vec<(String, i64, i64, i64, i64, i64)> = v["by_department"]
        .as_array()
        .expect("departments")
        .iter()
        .map(|d| {
            let g = |k: &str| d[k].as_i64().unwrap_or(-1);
            (
                d["department"].as_str().unwrap_or_default().to_string(),
                g("registered"),
                g("answered"),
                g("answered_in_time"),
                g("answered_late"),
                g("open"),
            )
        })
        .collect();
    assert!(
        depts.contains(&("Circulație rutieră".into(), 4, 2, 1, 1, 0)),
        "{depts:?}"
    );
    assert!(
        depts.contains(&("Ordine și liniște publică".into(), 2, 1, 1, 0, 1)),
        "{depts:?}"
    );
    assert!(depts.contains(&("—".into(), 2, 0, 0, 0, 0)), "{depts:?}");

    let b = app.signed_in("conducere", Role::Management).await;
    let html = b
        .get("/registry/reports/petitions?year=2025&half=1")
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("Analiza semestrială a activității de soluționare a petițiilor"));
    assert!(
        html.contains("01.07.2024–31.12.2024"),
        "the previous half-year beside it"
    );
    let r = b
        .get("/registry/reports/petitions/download?year=2025&half=1&format=pdf")
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let text = pdf_text(&r.bytes().await.expect("pdf"));
    assert!(
        text.contains("Soluționate cu depășirea termenului")
            && text.contains("Pe compartimente")
            && text.contains("rutieră"),
        "{text}"
    );
    assert_eq!(
        b.get("/registry/reports/petitions?year=2025&half=3")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(b.get("/registry/reports").await.status(), StatusCode::OK);
    assert_eq!(
        b.get("/registry/reports/law544/facts").await.status(),
        StatusCode::FORBIDDEN,
        "management does not record facts"
    );
});
