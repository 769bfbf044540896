//! The citizens' side of the registry: the public online form (identification and the GDPR
//! notice required, limited per address) answering with the number and a tracking code, and the
//! status page, which answers a wrong code exactly as an unknown number.

use reqwest::StatusCode;

use crate::both;

fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).expect(start) + start.len();
    let len = html[from..].find(end).expect(end);
    &html[from..from + len]
}

const FORM: &[(&str, &str)] = &[
    ("register", "petition"),
    ("kind", "complaint"),
    ("petitioner_type", "person"),
    ("petitioner_name", "Maria Ionescu"),
    ("email", "maria@example.ro"),
    ("subject", "Mașini parcate pe trotuar"),
    (
        "text",
        "Pe strada Florilor mașinile blochează trotuarul în fiecare seară.",
    ),
    ("consent", "on"),
];

both!(a_citizen_registers_online_and_follows_the_status, |app| {
    let b = app.new_browser();
    let page = b.get("/citizen/petition").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("body").contains("2016/679"));

    // Bad input: no consent, no name; nothing saved.
    let no_consent: Vec<_> = FORM
        .iter()
        .copied()
        .filter(|(k, _)| *k != "consent")
        .collect();
    let r = b.post_form("/citizen/petition", &no_consent).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("body").contains("consent"));
    let no_name: Vec<_> = FORM
        .iter()
        .copied()
        .filter(|(k, _)| *k != "petitioner_name")
        .collect();
    let r = b.post_form("/citizen/petition", &no_name).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.expect("body").contains("petitioner_name"));
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 0);

    // Registered: the number and a code, the code kept only hashed.
    let r = b.post_form("/citizen/petition", FORM).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    let number = between(&html, "<dd id=\"number\">", "</dd>").to_string();
    let code = between(&html, "<code>", "</code>").to_string();
    assert!(number.starts_with("1/"), "{number}");
    assert_eq!(code.len(), 19);
    let (channel, hash): (String, String) =
        sqlx::query_as("SELECT channel, tracking_hash FROM registry_entries")
            .fetch_one(app.db.pool())
            .await
            .expect("entry");
    assert_eq!(channel, "online");
    assert!(!hash.contains(&code) && !hash.contains(&code.replace('-', "")));

    // The status page by number and code: state, due date, steps, no personal data.
    let q = |n: &str, c: &str| {
        format!(
            "/citizen/status?number={}&code={}",
            n.replace('/', "%2F"),
            c
        )
    };
    let r = b.get(&q(&number, &code.to_lowercase())).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.expect("body");
    assert!(html.contains("id=\"state\">înregistrată"), "{html}");
    assert!(html.contains("id=\"due\">"));
    assert!(!html.contains("Maria") && !html.contains("maria@example.ro"));

    // A wrong code and an unknown number get the same answer.
    let wrong = b.get(&q(&number, "0000-0000-0000-0000")).await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let wrong = wrong.text().await.expect("body").replace(&number, "N");
    let unknown_number = format!("999/{}", number.split('/').nth(1).expect("date"));
    let unknown = b.get(&q(&unknown_number, &code)).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let unknown = unknown
        .text()
        .await
        .expect("body")
        .replace(&unknown_number, "N");
    assert_eq!(wrong, unknown);

    // Limited per address: the sixth within the window is refused, and not saved.
    for _ in 0..4 {
        let r = b.post_form("/citizen/petition", FORM).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = b.post_form("/citizen/petition", FORM).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("SELECT COUNT(*) FROM registry_entries").await, 5);
});

both!(
    parallel_and_spoofed_submissions_stay_within_the_limit,
    |app| {
        // Twenty at once from one address, each claiming another address in X-Forwarded-For, which
        // is not believed without a trusted proxy.
        let sends: Vec<_> = (0..20)
            .map(|n| {
                let b = app.new_browser();
                let app = &app;
                async move {
                    let token = b.csrf().await;
                    let mut fields: Vec<(&str, &str)> = FORM.to_vec();
                    fields.push(("csrf", &token));
                    b.send(
                        app.client
                            .post(app.url("/citizen/petition"))
                            .header("x-forwarded-for", format!("198.51.100.{n}"))
                            .form(&fields),
                    )
                    .await
                    .status()
                }
            })
            .collect();
        let answers = futures_util::future::join_all(sends).await;
        let saved = app.count("SELECT COUNT(*) FROM registry_entries").await;
        assert!(
            saved <= veghe::registry::public::PER_ADDRESS,
            "{saved} registered: {answers:?}"
        );
        assert_eq!(
            answers.iter().filter(|s| **s == StatusCode::OK).count() as i64,
            saved
        );
    }
);
