//! Retention: the purge anonymises what is past its term and the reports count the same after
//! it; a dry run changes nothing; a court case holds an entry; an erasure request anonymises one
//! petitioner's expired entries and names the rule keeping the others.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sqlx::Row;
use veghe::auth::Role;

use crate::both;
use crate::helpers::known::{Known, put};
use crate::helpers::{Api, TestApp};

fn this_year() -> i16 {
    jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::UTC)
        .year()
}

/// A date of this year (a leaked string: the fixture's fields are `&'static str`).
fn this(month_day: &str) -> &'static str {
    Box::leak(format!("{}-{month_day}", this_year()).into_boxed_str())
}

async fn column(app: &TestApp, id: i64, col: &str) -> Option<String> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {col} FROM registry_entries WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(app.db.pool())
    .await
    .expect("row")
    .try_get(col)
    .expect("column")
}

async fn reports(api: &Api) -> (Value, Value) {
    let p = api
        .get("/api/v1/registry/reports/petitions?year=2015&half=1")
        .await
        .json()
        .await
        .expect("petitions");
    let l = api
        .get("/api/v1/registry/reports/law544?year=2015")
        .await
        .json()
        .await
        .expect("law544");
    (p, l)
}

both!(
    the_purge_anonymises_what_expired_and_the_reports_do_not_move,
    |app| {
        let a = |n, registered, due| Known::new(n, registered, due);
        let old = [
            put(
                &app.db,
                &Known {
                    answered: Some("2015-02-10"),
                    ..a(1, "2015-02-02", "2015-03-04")
                },
            )
            .await,
            put(
                &app.db,
                &Known {
                    answered: Some("2015-04-10"),
                    kind: "notification",
                    channel: "email",
                    ..a(2, "2015-03-02", "2015-04-01")
                },
            )
            .await,
            put(
                &app.db,
                &Known {
                    status: "forwarded",
                    forwarded_on: Some("2015-03-04"),
                    ..a(3, "2015-03-02", "2015-04-01")
                },
            )
            .await,
            put(
                &app.db,
                &Known {
                    register: "info",
                    kind: "request",
                    answered: Some("2015-03-06"),
                    refused: true,
                    ..a(1, "2015-03-02", "2015-03-12")
                },
            )
            .await,
        ];
        let held = put(
            &app.db,
            &Known {
                register: "info",
                kind: "request",
                answered: Some("2015-03-09"),
                ..a(2, "2015-03-02", "2015-03-12")
            },
        )
        .await;
        let open = put(
            &app.db,
            &Known {
                status: "routed",
                ..a(4, "2015-05-04", "2015-06-03")
            },
        )
        .await;
        let recent = put(
            &app.db,
            &Known {
                answered: Some(this("01-20")),
                ..a(1, this("01-12"), this("02-11"))
            },
        )
        .await;
        let clerk = app.api("clerk", Role::RegistryClerk).await;
        let (s, _) = clerk
            .post(
                "/api/v1/registry/court-cases",
                json!({"entry_id": held, "court": "Tribunalul Timiș", "case_number": "9/30/2015", "filed_on": "2015-04-01"}),
            ).await;
        assert_eq!(s, StatusCode::CREATED);
        let (s, _) = clerk
            .send(
                Method::PUT,
                &format!("/api/v1/registry/info/{}/facts", old[3]),
                json!({"domain": "duties", "refusal_ground": "exempt"}),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        let before = reports(&clerk).await;

        let admin = app.api("admin", Role::Administrator).await;
        // The term is configurable: at 12 years nothing of 2015's petitions has expired yet.
        let put_term = |years: i64, basis: &str| {
            admin
                .request(Method::PUT, "/api/v1/registry/retention/petition")
                .json(&json!({"years": years, "basis": basis}))
                .send()
        };
        assert_eq!(
            put_term(0, "Nomenclator").await.expect("term").status(),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            put_term(12, "Nomenclator arhivistic 2024, poziția 7")
                .await
                .expect("term")
                .status(),
            StatusCode::OK
        );
        let (_, dry) = admin
            .post("/api/v1/registry/purge", json!({"dry_run": true}))
            .await;
        assert_eq!(dry["by_register"], json!({"info": 1}), "{dry}");
        assert_eq!(
            put_term(5, "Legea 16/1996, nomenclatorul arhivistic")
                .await
                .expect("term")
                .status(),
            StatusCode::OK
        );

        let (s, dry) = admin
            .post("/api/v1/registry/purge", json!({"dry_run": true}))
            .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(
            (dry["dry_run"].as_bool(), dry["anonymised"].as_i64()),
            (Some(true), Some(4)),
            "{dry}"
        );
        assert_eq!(dry["by_register"], json!({"info": 1, "petition": 3}));
        assert_eq!(
            dry["held"].as_array().map(Vec::len),
            Some(1),
            "the entry in court is held"
        );
        assert_eq!(
            column(&app, old[0], "petitioner_name").await.as_deref(),
            Some("Ion Popescu"),
            "a dry run changes nothing"
        );
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_veghe"))
            .args(["registry", "purge", "--dry-run"])
            .env("VEGHE_DATABASE_URL", app.test_db_url())
            .env_remove("VEGHE_CONFIG")
            .output()
            .expect("veghe");
        let printed = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && printed.contains("4 entries would be anonymised"),
            "{printed}"
        );

        let (s, done) = admin.post("/api/v1/registry/purge", json!({})).await;
        assert_eq!(
            (s, done["anonymised"].as_i64()),
            (StatusCode::OK, Some(4)),
            "{done}"
        );
        for id in old {
            for col in [
                "petitioner_name",
                "petitioner_key",
                "cnp",
                "email",
                "phone",
                "address",
                "answer_summary",
                "class_reason",
                "location",
                "tracking_hash",
            ] {
                assert_eq!(column(&app, id, col).await, None, "{col} of {id}");
            }
            assert_eq!(column(&app, id, "body").await.as_deref(), Some(""));
            assert_eq!(
                column(&app, id, "subject").await.as_deref(),
                Some("Autoturisme parcate pe trotuar"),
                "the subject stays"
            );
            assert_eq!(
                app.count(&format!(
                    "SELECT COUNT(*) FROM registry_attachments WHERE entry_id = {id}"
                ))
                .await,
                0
            );
            assert_eq!(app.count(&format!("SELECT COUNT(*) FROM registry_events WHERE entry_id = {id} AND note IS NOT NULL")).await, 0);
            assert_eq!(app.count(&format!("SELECT COUNT(*) FROM registry_events WHERE entry_id = {id} AND action = 'anonymised'")).await, 1);
            let lat: Option<f64> = sqlx::query("SELECT lat FROM registry_entries WHERE id = $1")
                .bind(id)
                .fetch_one(app.db.pool())
                .await
                .expect("lat")
                .try_get("lat")
                .expect("lat");
            assert_eq!(lat, Some(45.753), "the place kept to 100 m");
        }
        for id in [held, open, recent] {
            assert_eq!(
                column(&app, id, "petitioner_name").await.as_deref(),
                Some("Ion Popescu"),
                "entry {id} kept"
            );
        }
        // Search finds the purged entries by their subject, no longer by the petitioner's name.
        let found = |q: &'static str| {
            let clerk = &clerk;
            async move {
                let v: Value = clerk
                    .get(&format!("/api/v1/registry/search?q={q}&limit=100"))
                    .await
                    .json()
                    .await
                    .expect("search");
                v.as_array()
                    .expect("list")
                    .iter()
                    .filter_map(|e| e["id"].as_i64())
                    .collect::<Vec<_>>()
            }
        };
        let by_subject = found("trotuar").await;
        assert!(
            old.iter().all(|id| by_subject.contains(id)),
            "{by_subject:?}"
        );
        let by_name = found("popescu").await;
        assert!(
            old.iter().all(|id| !by_name.contains(id)) && by_name.contains(&recent),
            "{by_name:?}"
        );

        assert_eq!(
            reports(&clerk).await,
            before,
            "the reports count the same after the purge"
        );
        let audited: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'registry.purge'")
                .fetch_one(app.db.pool())
                .await
                .expect("audit")
                .try_get("n")
                .expect("n");
        assert_eq!(audited, 1);
        let (_, again) = admin.post("/api/v1/registry/purge", json!({})).await;
        assert_eq!(again["anonymised"], 0, "nothing twice");

        let b = app.signed_in("admin2", Role::Administrator).await;
        let html = b
            .get("/registry/retention")
            .await
            .text()
            .await
            .expect("page");
        assert!(
            html.contains("Legea 16/1996, nomenclatorul arhivistic"),
            "the basis is shown"
        );
        assert_eq!(
            b.post_form("/registry/retention/purge", &[]).await.status(),
            StatusCode::BAD_REQUEST,
            "the purge asks for confirmation"
        );
        assert_eq!(
            b.get(&format!("/registry/{}", old[0])).await.status(),
            StatusCode::OK,
            "an anonymised case still opens"
        );
        let c = app.signed_in("clerk2", Role::RegistryClerk).await;
        assert_eq!(
            c.get("/registry/retention").await.status(),
            StatusCode::FORBIDDEN
        );
    }
);

both!(an_erasure_request_anonymises_what_the_law_lets_go, |app| {
    let a = |n, registered, due| Known {
        cnp: Some("2850615350017"),
        name: Some("Maria Ionescu"),
        ..Known::new(n, registered, due)
    };
    let expired = put(
        &app.db,
        &Known {
            answered: Some("2016-02-10"),
            ..a(1, "2016-02-02", "2016-03-03")
        },
    )
    .await;
    let kept = put(
        &app.db,
        &Known {
            answered: Some(this("01-20")),
            ..a(1, this("01-12"), this("02-11"))
        },
    )
    .await;
    let open = put(
        &app.db,
        &Known {
            status: "routed",
            ..a(2, this("01-13"), this("02-12"))
        },
    )
    .await;
    let someone_else = put(
        &app.db,
        &Known {
            answered: Some("2016-02-10"),
            ..Known::new(2, "2016-02-02", "2016-03-03")
        },
    )
    .await;
    let anonymous = put(
        &app.db,
        &Known {
            petitioner_kind: "anonymous",
            name: None,
            cnp: None,
            status: "classed",
            class_ground: Some("anonymous"),
            ..Known::new(3, "2016-02-02", "2016-03-03")
        },
    )
    .await;
    let admin = app.api("admin", Role::Administrator).await;
    let field = |v: &Value| v["error"]["field"].as_str().unwrap_or_default().to_string();
    for (body, expected) in [
        (json!({"entry_id": kept, "reference": "77/2026"}), "reason"),
        (
            json!({"reference": "77/2026", "reason": "cererea petentei"}),
            "entry_id",
        ),
        (
            json!({"entry_id": anonymous, "reference": "77/2026", "reason": "cererea petentei"}),
            "entry_id",
        ),
        (
            json!({"entry_id": kept, "reference": "", "reason": "cererea petentei"}),
            "reference",
        ),
    ] {
        let (s, v) = admin.post("/api/v1/registry/erasure", body).await;
        assert_eq!(
            (s, field(&v)),
            (StatusCode::BAD_REQUEST, expected.to_string()),
            "{v}"
        );
    }
    let (s, v) = admin
        .post(
            "/api/v1/registry/erasure",
            json!({"entry_id": kept, "reference": "77/2026", "reason": "cererea petentei din 3 martie"}),
        ).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["anonymised"], json!(["1/02.02.2016"]));
    let kept_rows = v["kept"].as_array().expect("kept");
    assert_eq!(kept_rows.len(), 2);
    let until = format!("{}-01-01", this_year() + 6);
    assert!(
        kept_rows.iter().any(|k| k["until"] == until.as_str()
            && k["rule"]
                .as_str()
                .is_some_and(|r| r.contains("art. 17") && r.contains("5 ani"))),
        "{v}"
    );
    assert!(
        kept_rows.iter().any(|k| k["until"].is_null()
            && k["rule"]
                .as_str()
                .is_some_and(|r| r.contains("în curs de soluționare"))),
        "{v}"
    );
    assert_eq!(column(&app, expired, "petitioner_name").await, None);
    for id in [kept, open] {
        assert_eq!(
            column(&app, id, "petitioner_name").await.as_deref(),
            Some("Maria Ionescu"),
            "kept by law"
        );
    }
    assert_eq!(
        column(&app, someone_else, "petitioner_name")
            .await
            .as_deref(),
        Some("Ion Popescu"),
        "only this petitioner"
    );
    let recorded = sqlx::query("SELECT kind, reference, anonymised, kept FROM registry_purges")
        .fetch_one(app.db.pool())
        .await
        .expect("record");
    assert_eq!(
        recorded.try_get::<String, _>("kind").expect("kind"),
        "erasure"
    );
    assert_eq!(
        recorded
            .try_get::<Option<String>, _>("reference")
            .expect("ref")
            .as_deref(),
        Some("77/2026")
    );
    assert_eq!(
        (
            recorded.try_get::<i64, _>("anonymised").expect("a"),
            recorded.try_get::<i64, _>("kept").expect("k")
        ),
        (1, 2)
    );

    let b = app.signed_in("admin2", Role::Administrator).await;
    let number = format!("1/{}", this_year());
    let r = b
        .post_form(
            "/registry/retention/erasure",
            &[
                ("number", number.as_str()),
                ("reference", "78/2026"),
                ("reason", "a doua cerere a petentei"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("page");
    assert!(
        html.contains("în curs de soluționare") && html.contains(&until),
        "the page names the rule and the date"
    );

    // A number that is not one, or that names no entry, is refused by name; nothing is recorded.
    let runs = |app: &crate::helpers::TestApp| {
        let pool = app.db.pool().clone();
        async move {
            sqlx::query_as::<_, (i64,)>("SELECT COUNT(*) FROM registry_purges")
                .fetch_one(&pool)
                .await
                .expect("count")
                .0
        }
    };
    let before = runs(&app).await;
    for bad in ["douăzeci", "999/1990"] {
        let r = b
            .post_form(
                "/registry/retention/erasure",
                &[
                    ("number", bad),
                    ("reference", "79/2026"),
                    ("reason", "a treia cerere a petentei"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{bad}");
        let html = r.text().await.expect("page");
        assert!(
            html.contains(&format!(
                "Numărul de înregistrare: „{bad}” nu este în registru"
            )),
            "{bad}: the page names the field"
        );
    }
    assert_eq!(runs(&app).await, before);
});
