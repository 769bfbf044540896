//! Search across all registers: folded (diacritics, ş/ș, case) and stemmed words, the index
//! written with the entry in one transaction, and the same answers on SQLite and PostgreSQL.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;

use crate::both;
use crate::helpers::{Api, Engine, TestApp};

fn fixtures() -> Vec<Value> {
    let person = |subject: &str, text: &str, kind: &str| {
        json!({"channel": "counter", "kind": kind, "petitioner_name": "Ion Popescu",
               "address": "Str. Florilor 3, Timișoara", "subject": subject, "text": text})
    };
    vec![
        person(
            "Zgomot nocturn pe strada Florilor",
            "Vecinii fac zgomot după ora 22 în fiecare noapte.",
            "complaint",
        ),
        person(
            "Mașini parcate pe trotuar",
            "Autoturismele parcate blochează trotuarul de pe Calea Aradului.",
            "complaint",
        ),
        person(
            "Loc de parcare de reședință",
            "Solicit atribuirea unui loc de parcare lângă bloc.",
            "request",
        ),
        person(
            "Câini fără stăpân în parc",
            "În parcul Rozelor sunt câini agresivi seara.",
            "notification",
        ),
        person(
            "ZGOMOT DE LA TERASĂ",
            "Terasa de pe strada Mercy are muzică tare.",
            "complaint",
        ),
        // Spelled with the cedilla (as old keyboards type it).
        person(
            "Gunoi aruncat pe strada \u{15e}tefan cel Mare",
            "Moloz \u{15f}i saci de gunoi lăsați pe trotuar.",
            "complaint",
        ),
        json!({"register": "info", "channel": "email", "kind": "request", "petitioner_name": "Ana Pop",
               "email": "ana@example.ro", "subject": "Amenzi pentru parcare în 2025",
               "text": "Câte amenzi pentru parcarea neregulamentară au fost aplicate în 2025?"}),
        json!({"register": "internal", "channel": "counter", "kind": "circular",
               "subject": "Circulară privind patrularea în Piața Unirii", "text": ""}),
    ]
}

const QUERIES: &[&str] = &[
    "zgomot",
    "Zgomotul",
    "ZGOMOTE nocturne",
    "stefan",
    "ștefan",
    "\u{15e}TEFAN cel mare",
    "parcare",
    "parcarea",
    "trotuar",
    "câini",
    "caini parc",
    "piata unirii",
    "amenzi 2025",
    "nimic asemanator",
];

async fn seed(app: &TestApp) -> Api {
    let clerk = app.api("clerk", Role::RegistryClerk).await;
    for f in fixtures() {
        let (s, _) = clerk.post("/api/v1/petitions", f.clone()).await;
        assert_eq!(s, StatusCode::CREATED, "{f}");
    }
    clerk
}

/// Each query's answer as (register, number, subject), in the order given.
async fn answers(api: &Api, register: &str) -> Vec<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for q in QUERIES {
        let r = api
            .request(Method::GET, "/api/v1/registry/search")
            .query(&[("q", *q), ("register", register)])
            .send()
            .await
            .expect("search");
        assert_eq!(r.status(), StatusCode::OK, "{q}");
        let v: Value = r.json().await.expect("json");
        out.push(
            v.as_array()
                .expect("array")
                .iter()
                .map(|e| {
                    let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
                    // The number without its day, which is today on both engines.
                    (s("register"), e["seq"].to_string(), s("subject"))
                })
                .collect(),
        );
    }
    out
}

fn subjects(a: &[(String, String, String)]) -> Vec<&str> {
    a.iter().map(|(_, _, s)| s.as_str()).collect()
}

both!(search_folds_stems_and_is_written_with_the_entry, |app| {
    let clerk = seed(&app).await;
    let all = answers(&clerk, "").await;
    let at = |q: &str| &all[QUERIES.iter().position(|x| *x == q).expect(q)];
    // Folded and stemmed: case, diacritics, ş/ș, inflections.
    assert_eq!(
        subjects(at("zgomot")),
        ["ZGOMOT DE LA TERASĂ", "Zgomot nocturn pe strada Florilor"]
    );
    assert_eq!(at("Zgomotul"), at("zgomot"));
    assert_eq!(
        subjects(at("stefan")),
        ["Gunoi aruncat pe strada \u{15e}tefan cel Mare"]
    );
    assert_eq!(at("ștefan"), at("stefan"));
    assert_eq!(at("\u{15e}TEFAN cel mare"), at("stefan"));
    assert_eq!(at("câini"), at("caini parc"));
    assert_eq!(subjects(at("câini")), ["Câini fără stăpân în parc"]);
    // Every word must be there; the text counts as well as the subject; all registers.
    assert!(subjects(at("parcare")).contains(&"Amenzi pentru parcare în 2025"));
    assert!(subjects(at("parcare")).contains(&"Loc de parcare de reședință"));
    assert_eq!(
        subjects(at("piata unirii")),
        ["Circulară privind patrularea în Piața Unirii"]
    );
    assert_eq!(
        subjects(at("amenzi 2025")),
        ["Amenzi pentru parcare în 2025"]
    );
    assert!(at("nimic asemanator").is_empty());
    // One register only.
    let info = answers(&clerk, "info").await;
    assert!(info.iter().flatten().all(|(r, _, _)| r == "info"));
    // Bad input names the field.
    let r = clerk
        .request(Method::GET, "/api/v1/registry/search?q=%C8%99i%20de")
        .send()
        .await
        .expect("search");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json::<Value>().await.expect("json")["error"]["field"],
        "q"
    );
    // The index is written in the registration's transaction: a refused registration (a number
    // never reserved) leaves no terms behind.
    let before = app.count("SELECT COUNT(*) FROM registry_search").await;
    let mut bad = fixtures()[0].clone();
    bad["subject"] = json!("Trompetă nemaiauzită");
    bad["reserved_number"] = json!(999);
    let (s, _) = clerk.post("/api/v1/petitions", bad).await;
    assert!(s.is_client_error(), "{s}");
    let after = app.count("SELECT COUNT(*) FROM registry_search").await;
    assert_eq!(before, after);
    // The list page's search box uses the same index.
    let b = app.signed_in("reader", Role::RegistryClerk).await;
    let page = b
        .get("/registry?q=STEFAN")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("\u{15e}tefan cel Mare") && !page.contains("Florilor"));
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_query_gives_the_same_results_on_both_engines() {
    let Some(pg) = TestApp::spawn_postgres().await else {
        assert!(
            std::env::var_os("CI").is_none(),
            "VEGHE_TEST_POSTGRES_URL must be set in CI"
        );
        eprintln!("not run: VEGHE_TEST_POSTGRES_URL is not set");
        return;
    };
    let lite = TestApp::spawn(Engine::Sqlite).await;
    let (t1, t2) = (seed(&lite).await, seed(&pg).await);
    let (a, b) = (answers(&t1, "").await, answers(&t2, "").await);
    assert!(a.iter().filter(|r| !r.is_empty()).count() >= 10);
    assert_eq!(a, b);
}

both!(a_list_exports_as_csv_with_petitioners_masked, |app| {
    let clerk = seed(&app).await;
    let mut formula = fixtures()[0].clone();
    formula["subject"] = json!("=HYPERLINK(\"http://x\") zgomot");
    let (s, _) = clerk.post("/api/v1/petitions", formula).await;
    assert_eq!(s, StatusCode::CREATED);
    let b = app.signed_in("reader", Role::RegistryClerk).await;
    let page = b
        .get("/registry?q=zgomot")
        .await
        .text()
        .await
        .expect("page");
    let link = page.find("/registry/export.csv?").expect("export link");
    assert!(page[link..link + 120].contains("q=zgomot"));
    let r = b.get("/registry/export.csv?q=zgomot").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/csv")
    );
    let csv = r.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(
        lines[0]
            .trim_start_matches('\u{feff}')
            .starts_with("numar,registru,tip")
    );
    assert!(csv.contains("I. P.") && !csv.contains("Popescu"));
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\") zgomot\""),
        "{csv}"
    );
    let r = b.get("/registry/export.csv?status=nimic").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
});

both!(older_entries_without_terms_are_indexed_on_backfill, |app| {
    let clerk = seed(&app).await;
    let before = answers(&clerk, "").await;
    // Entries written before the index existed have no terms: search misses them.
    sqlx::query("DELETE FROM registry_search")
        .execute(app.db.pool())
        .await
        .expect("forget the index");
    assert!(answers(&clerk, "").await.iter().all(Vec::is_empty));
    // The back-fill gives every entry its terms again, and a second run finds nothing to do.
    let n = veghe::registry::search::backfill(&app.db)
        .await
        .expect("backfill");
    assert_eq!(n, fixtures().len());
    assert_eq!(answers(&clerk, "").await, before);
    assert_eq!(
        veghe::registry::search::backfill(&app.db)
            .await
            .expect("backfill"),
        0
    );
});

both!(the_full_export_asks_a_reason_and_logs_it, |app| {
    seed(&app).await;
    let b = app.signed_in("reader", Role::RegistryClerk).await;
    // The list offers it, with the list's filters carried.
    let page = b
        .get("/registry?q=zgomot")
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("action=\"/registry/export-full.csv\""));
    // Without a reason: refused, nothing logged.
    let r = b
        .post_form(
            "/registry/export-full.csv",
            &[("query", "q=zgomot"), ("reason", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let logged = || async {
        sqlx::query_as::<_, (String, String, String)>(
            "SELECT entity, entity_id, reason FROM access_log WHERE entity = 'registry_export'",
        )
        .fetch_all(app.db.pool())
        .await
        .expect("log")
    };
    assert!(logged().await.is_empty());
    // Filters that cannot be read are named.
    let r = b
        .post_form(
            "/registry/export-full.csv",
            &[
                ("query", "year=abc"),
                ("reason", "verificare dosar 12/2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // With a reason: the petitioners in full, and the reading logged with the filters.
    let r = b
        .post_form(
            "/registry/export-full.csv",
            &[
                ("query", "q=zgomot"),
                ("reason", "verificare dosar 12/2026"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let csv = r.text().await.expect("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(
        lines[0].ends_with("petent_nume,cnp,cui,email,telefon,adresa"),
        "{csv}"
    );
    assert!(
        csv.contains("Ion Popescu") && csv.contains("Str. Florilor 3"),
        "{csv}"
    );
    assert_eq!(
        logged().await,
        [(
            "registry_export".to_string(),
            "?q=zgomot".to_string(),
            "verificare dosar 12/2026".to_string()
        )]
    );
});
