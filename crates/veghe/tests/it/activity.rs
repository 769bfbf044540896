//! Activity records through the API: the catalogue versioned in time (administrator only), lists
//! and exports with offenders masked unless a reason is given and logged, referrals, counts, and
//! the data-quality findings.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::Api;
use crate::helpers::fixtures::{HEADER, cnp, good_row, import_sanctions, upload_sanctions};

/// Imports the valid rows of a CSV file: the import's report.
async fn import_csv(api: &Api, text: String) -> Value {
    import_sanctions(api, "pv.csv", "valid", text).await.1
}

both!(the_catalogue_is_versioned_and_judges_by_date, |app| {
    let admin = app.api("admin", Role::Administrator).await;
    let officer = app.api("ana", Role::DepartmentOfficer).await;
    let list: Value = officer
        .get("/api/v1/offences")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(12),
        "seeded from DOMAIN §7"
    );
    let v = json!({"reference": "Legea 61/1991 art. 2 pct. 25", "description_ro": "tulburarea liniștii",
        "description_en": "noise", "min": "500", "max": "2.500,00", "valid_from": "01.01.2027"});
    let (s, _) = officer.post("/api/v1/offences", v.clone()).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    let mut bad = v.clone();
    bad["max"] = json!("100");
    let (s, b) = admin.post("/api/v1/offences", bad).await;
    assert_eq!(
        (s, b["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("max"))
    );
    let (s, o) = admin.post("/api/v1/offences", v).await;
    assert_eq!(s, StatusCode::CREATED, "{o}");
    assert_eq!(o["min_bani"], 50_000);
    // 1.000 lei: inside the old range (200–1000) in 2026, below the new one (500–2500)? No: inside
    // both. 300 lei: valid in 2026, below the minimum in 2027.
    let row_2026 = good_row(1).replace("1.000,00", "300");
    let row_2027 = good_row(2)
        .replace("29.11.2026", "15.01.2027")
        .replace("1.000,00", "300");
    let v = import_csv(&officer, format!("{HEADER}\n{row_2026}\n{row_2027}\n")).await;
    assert_eq!(v["inserted"], 1, "{v}");
    assert_eq!(v["shown"][0]["field"], "amount");
    assert_eq!(v["shown"][0]["row"], 3);
});

both!(
    lists_and_exports_mask_offenders_unless_a_reason_is_logged,
    |app| {
        let analyst = app.api("ana", Role::Analyst).await;
        let crew = app.api("echipaj", Role::Crew).await;
        let text = format!("{HEADER}\n{}\n{}\n", good_row(1), good_row(2));
        import_csv(&analyst, text).await;
        let list: Value = analyst
            .get("/api/v1/sanctions?from=01.11.2026")
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(list.as_array().map(Vec::len), Some(2));
        assert_eq!(list[0]["offender_name"], "I. P.");
        let id = list[0]["offender_id"].as_str().expect("id").to_string();
        assert!(!id.contains(&cnp(1)[4..]), "masked: {id}");
        let s = crew.get("/api/v1/sanctions").await.status();
        assert_eq!(s, StatusCode::FORBIDDEN);
        let bad = analyst.get("/api/v1/sanctions?from=31.02.2026").await;
        assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
        // Masked exports.
        let csv = analyst
            .get("/api/v1/sanctions/export?format=csv")
            .await
            .text()
            .await
            .expect("csv");
        assert!(csv.starts_with("Serie;Număr;Data"), "{csv}");
        assert!(csv.contains("I. P.") && !csv.contains(&cnp(1)), "{csv}");
        let geo: Value = analyst
            .get("/api/v1/sanctions/export?format=geojson")
            .await
            .json()
            .await
            .expect("geojson");
        assert_eq!(geo["features"].as_array().map(Vec::len), Some(2));
        assert_eq!(geo["features"][0]["geometry"]["coordinates"][0], 21.2257);
        let xlsx = analyst
            .get("/api/v1/sanctions/export?format=xlsx")
            .await
            .bytes()
            .await
            .expect("xlsx");
        assert_eq!(&xlsx[..2], b"PK");
        // Revealed: a reason is required, and logged.
        let (s, _) = analyst
            .post(
                "/api/v1/sanctions/export",
                json!({"reason": "x", "format": "csv"}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let r = analyst.request(Method::POST, "/api/v1/sanctions/export")
        .json(&json!({"reason": "Cererea parchetului nr. 12/2026", "format": "csv", "filter": {"q": "TM0000001"}}))
        .send().await.expect("request");
        let text = r.text().await.expect("text");
        assert!(
            text.contains("Ion Popescu") && text.contains(&cnp(1)),
            "{text}"
        );
        assert!(!text.contains(&cnp(2)), "the filter applies: {text}");
        let log: (String, String) =
            sqlx::query_as("SELECT reason, fields FROM access_log ORDER BY id DESC LIMIT 1")
                .fetch_one(app.db.pool())
                .await
                .expect("log");
        assert_eq!(log.0, "Cererea parchetului nr. 12/2026");
    }
);

both!(referrals_and_counts_are_recorded_and_checked, |app| {
    let officer = app.api("ana", Role::DepartmentOfficer).await;
    let (s, b) = officer
        .post(
            "/api/v1/referrals",
            json!({"kind": "handover", "date": "29.11.2026", "description": "furt din magazin"}),
        )
        .await;
    assert_eq!(
        (s, b["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("handed_to"))
    );
    let (s, _) = officer
        .post(
            "/api/v1/referrals",
            json!({"kind": "handover", "date": "29.11.2026", "description": "furt din magazin",
        "handed_to": "Poliția Municipiului Timișoara", "handed_on": "29.11.2026", "reference": "123/2026"}),
        ).await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, _) = officer
        .post(
            "/api/v1/referrals",
            json!({"kind": "crime", "date": "28.11.2026", "description": "conducere fără permis"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let list: Value = officer
        .get("/api/v1/referrals")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    for (day, n) in [("28.11.2026", 4), ("29.11.2026", 6), ("29.11.2026", 7)] {
        let (s, _) = officer
            .post(
                "/api/v1/activity-counts",
                json!({"day": day, "department": "Ordine publică", "team": "Echipa 1", "kind": "escorts", "count": n}),
            ).await;
        assert_eq!(s, StatusCode::NO_CONTENT);
    }
    let (s, b) = officer
        .post(
            "/api/v1/activity-counts",
            json!({"day": "29.11.2026", "department": "OP", "kind": "escorts", "count": -1}),
        )
        .await;
    assert_eq!(
        (s, b["error"]["field"].as_str()),
        (StatusCode::BAD_REQUEST, Some("count"))
    );
    let sums: Value = officer
        .get("/api/v1/activity-counts?from=01.11.2026&to=30.11.2026")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        sums[0]["count"], 11,
        "the second figure of a day replaces the first: {sums}"
    );
});

both!(data_quality_finds_what_needs_a_person, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    let admin = app.api("admin", Role::Administrator).await;
    // Row 1 has coordinates; row 2 none and a street of Timișoara; row 3 none and no such street.
    let r2 = good_row(2)
        .replace("45,7537;21,2257", ";")
        .replace("Str. Florilor 2", "Bulevardul Republicii 12");
    let r3 = good_row(3)
        .replace("45,7537;21,2257", ";")
        .replace("Str. Florilor 3", "Strada Inexistentă 3");
    import_csv(&analyst, format!("{HEADER}\n{}\n{r2}\n{r3}\n", good_row(1))).await;
    // The same deed under another number, in a second import: a duplicate across imports.
    let dup = good_row(1).replace("TM;0000001", "TMX;0000001");
    import_csv(&analyst, format!("{HEADER}\n{dup}\n")).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions").await,
        4
    );
    // A new version of the catalogue makes 1.000 lei too little from 2026 on.
    let (s, _) = admin
        .post(
            "/api/v1/offences",
            json!({"reference": "Legea 61/1991 art. 2 pct. 25",
        "description_ro": "zgomot", "description_en": "noise", "min": "1.500", "max": "3.000", "valid_from": "01.01.2026"}),
        ).await;
    assert_eq!(s, StatusCode::CREATED);
    let q: Value = analyst
        .get("/api/v1/sanctions/quality")
        .await
        .json()
        .await
        .expect("json");
    let n = |check: &str| {
        q["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["check"] == check)
            .map(|f| f["count"].as_i64().unwrap_or(-1))
    };
    assert_eq!(n("missing_coordinates"), Some(2));
    assert_eq!(n("duplicates"), Some(2));
    assert_eq!(n("amount_outside_range"), Some(4));
    assert_eq!(n("unknown_legal_basis"), Some(0));
    let addresses = q["addresses"].as_array().expect("addresses");
    assert_eq!(addresses[0]["address"], "Strada Inexistentă 3");
    assert!(addresses[0]["street"].is_null());
    assert_eq!(addresses[1]["street"], "Bulevardul Republicii");
});

both!(
    the_pages_take_a_file_through_mapping_check_and_import,
    |app| {
        let b = app.signed_in("ana", Role::Analyst).await;
        // Step 1: upload (multipart, as the browser sends it), with a header the guess cannot place.
        let csv = format!(
            "{}\n{}\n{}\n",
            HEADER.replace("Temei legal", "Încadrare juridică"),
            good_row(1),
            good_row(2).replace("29.11.2026", "31.02.2026")
        );
        let r = upload_sanctions(&b, "op", &csv).await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.expect("page");
        assert!(
            page.contains("Încadrare juridică") && page.contains("name=\"map_legal_basis\""),
            "{page}"
        );
        let start =
            page.find("/activity/import/").expect("form action") + "/activity/import/".len();
        let token = &page[start..start + 32];
        // Step 2: the mapping chosen by the user, checked first.
        let mut fields: Vec<(String, String)> = HEADER
            .split(';')
            .filter_map(|h| {
                veghe::activity::mapping::guess(&[h.to_string()])
                    .into_iter()
                    .next()
                    .map(|(k, v)| (format!("map_{k}"), v))
            })
            .collect();
        fields.push(("map_legal_basis".into(), "Încadrare juridică".into()));
        fields.push(("source".into(), "op".into()));
        let mut check = fields.clone();
        check.push(("mode".into(), "check".into()));
        let refs: Vec<(&str, &str)> = check
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let r = b
            .post_form(&format!("/activity/import/{token}"), &refs)
            .await;
        let page = r.text().await.expect("page");
        assert!(
            page.contains("C3") && page.contains("Nu s-a salvat nimic."),
            "{page}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM activity_sanctions").await,
            0
        );
        let report = b
            .get(&format!("/activity/import/{token}/report"))
            .await
            .text()
            .await
            .expect("report");
        assert!(report.contains("31.02.2026"), "{report}");
        // Step 3: the valid rows.
        let mut valid = fields.clone();
        valid.push(("mode".into(), "valid".into()));
        let refs: Vec<(&str, &str)> = valid
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = b
            .post_form(&format!("/activity/import/{token}"), &refs)
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Importul a fost salvat."), "{page}");
        assert_eq!(
            app.count("SELECT COUNT(*) FROM activity_sanctions").await,
            1
        );
        // The upload (CNPs) is gone once imported; its report stays to be read.
        let again = b
            .post_form(&format!("/activity/import/{token}"), &refs)
            .await;
        assert_eq!(again.status(), reqwest::StatusCode::NOT_FOUND);
        let report = b.get(&format!("/activity/import/{token}/report")).await;
        assert_eq!(report.status(), reqwest::StatusCode::OK);
        // The mapping was saved for the source.
        let saved: (String,) =
            sqlx::query_as("SELECT mapping FROM activity_mappings WHERE source = 'op'")
                .fetch_one(app.db.pool())
                .await
                .expect("mapping");
        assert!(saved.0.contains("Încadrare juridică"));
        // The list masks; the reasoned export reveals and is logged; quality and catalogue pages open.
        let list = b.get("/activity").await.text().await.expect("list");
        assert!(
            list.contains("I. P.") && !list.contains("Ion Popescu"),
            "{list}"
        );
        let r = b
            .post_form(
                "/activity/export",
                &[("reason", "x"), ("format", "csv"), ("query", "")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
        let r = b
            .post_form(
                "/activity/export",
                &[
                    ("reason", "Solicitare instanță 45/2026"),
                    ("format", "csv"),
                    ("query", "q=TM0000001"),
                ],
            )
            .await;
        assert!(r.text().await.expect("csv").contains("Ion Popescu"));
        assert!(
            b.get("/activity/quality")
                .await
                .text()
                .await
                .expect("q")
                .contains("Calitatea datelor")
        );
        assert!(
            b.get("/activity/offences")
                .await
                .text()
                .await
                .expect("o")
                .contains("art. 3 alin. 2")
        );
    }
);
