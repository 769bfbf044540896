//! The duty desk's pages as a person reads them: the duty page shows a shift (the one under way,
//! at 06:25 still the night shift begun the evening before) with its crews and log and the
//! shifts around it; the board, crews, route, duty and alerts pages speak the reader's language;
//! the maps' layers say what each marker is and link to its page.

use reqwest::StatusCode;
use serde_json::{Value, json};
use veghe::auth::Role;
use veghe::dispatch::duty_shift::DutyShift;
use veghe::web::Lang;

use crate::both;
use crate::helpers::TestApp;

fn ms(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>()
        .expect("instant")
        .as_millisecond()
}

/// A line the desk wrote at `at` (epoch ms).
async fn log_line(app: &TestApp, at: i64, summary: &str) {
    sqlx::query(
        "INSERT INTO duty_log (at, kind, summary, actor_name) VALUES ($1, 'radio', $2, 'disp')",
    )
    .bind(at)
    .bind(summary)
    .execute(app.db.pool())
    .await
    .expect("log line");
}

/// Letters only Romanian writes; the language switch ("Română") is left out.
fn romanian_letters(page: &str) -> Vec<String> {
    // The institution's name keeps its city's spelling.
    let page = page.replace(">Română<", "><").replace("Timișoara", "");
    page.lines()
        .filter(|l| l.chars().any(|c| "ăâîșțĂÂÎȘȚ".contains(c)))
        .map(|l| l.trim().chars().take(120).collect())
        .collect()
}

both!(
    the_duty_page_shows_the_shift_under_way_at_six_twenty_five,
    |app| {
        let disp = app.api("disp", Role::Dispatcher).await;
        let night = app.add_unit("PL-NIGHT", None).await;
        let day = app.add_unit("PL-DAY", None).await;
        for (unit, day_of, shift) in [(night, "2026-12-06", "night"), (day, "2026-12-07", "day")] {
            disp.post_ok(
            "/api/v1/rosters",
            json!({"unit_id": unit, "day": day_of, "shift": shift, "members": ["agent1", "agent2"]}),
        )
        .await;
        }
        // Timișoara is UTC+2 in December.
        log_line(&app, ms("2026-12-06T16:50:00Z"), "before the night").await;
        log_line(&app, ms("2026-12-06T20:00:00Z"), "at ten in the evening").await;
        log_line(&app, ms("2026-12-07T04:20:00Z"), "at twenty past six").await;
        log_line(&app, ms("2026-12-07T06:00:00Z"), "at eight in the morning").await;

        let browser = app.signed_in("d1", Role::Dispatcher).await;
        let r = browser.get("/duty?at=2026-12-07T06:25").await;
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.expect("page");
        assert!(
            page.contains(r#"<span id="duty-shift">Tura de noapte 6/7 dec.</span>"#),
            "06:25 is in the night shift of 6/7 December"
        );
        assert!(page.contains("at ten in the evening") && page.contains("at twenty past six"));
        assert!(
            !page.contains("before the night") && !page.contains("at eight in the morning"),
            "only the shift's own log"
        );
        assert!(
            page.contains("PL-NIGHT") && page.contains("agent1, agent2"),
            "the night's crew"
        );
        assert!(
            !page.contains("<td>PL-DAY</td>"),
            "not the next day shift's crew"
        );
        assert!(
            page.contains(r#"href="/duty?day=2026-12-06&#38;shift=day""#)
                && page.contains("Tura de zi 6 dec.")
                && page.contains(r#"href="/duty?day=2026-12-07&#38;shift=day""#)
                && page.contains("Tura de zi 7 dec."),
            "the shifts before and after, by name"
        );

        // The next shift, chosen by its day and kind, has its own crew and log.
        let page = browser
            .get("/duty?day=2026-12-07&shift=day")
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Tura de zi 7 dec.") && page.contains("<td>PL-DAY</td>"));
        assert!(page.contains("at eight in the morning") && !page.contains("at twenty past six"));

        // Without a choice, the shift under way now, marked as such.
        let now = DutyShift::at(veghe::db::now_ms(), &veghe::settings::Shifts::default());
        let page = browser.get("/duty").await.text().await.expect("page");
        assert!(page.contains(&format!(
            r#"<span id="duty-shift">{}</span>"#,
            now.label(Lang::Ro)
        )));
        assert!(page.contains("(tura în curs)") && page.contains(r#"id="duty-map""#));

        // In English; a shift that cannot be read is refused in words.
        browser.get("/lang?to=en&next=/").await;
        let page = browser
            .get("/duty?at=2026-12-07T06:25")
            .await
            .text()
            .await
            .expect("page");
        assert!(page.contains("Night shift 6/7 Dec") && page.contains("Previous shift"));
        assert_eq!(
            browser
                .get("/duty?day=2026-12-07&shift=evening")
                .await
                .status(),
            StatusCode::BAD_REQUEST
        );
    }
);

both!(the_desk_pages_speak_the_readers_language, |app| {
    let disp = app.api("api", Role::Dispatcher).await;
    let unit = app.add_unit("PL-700", Some("trk-700")).await;
    let inc = disp
        .post_ok(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 1, "lat": 45.75, "lon": 21.22,
                   "address": "Strada Paris nr. 2", "description": "loud music"}),
        )
        .await;
    let id = inc["id"].as_i64().expect("id");
    disp.post_ok(
        &format!("/api/v1/incidents/{id}/assign"),
        json!({"unit_id": unit}),
    )
    .await;
    let browser = app.signed_in("disp", Role::Dispatcher).await;
    let pages = [
        "/board".to_string(),
        "/board/tables".to_string(),
        "/units".to_string(),
        format!("/units/{unit}/route"),
        "/duty".to_string(),
        "/alerts".to_string(),
    ];

    // Romanian: the states in words, no English words for the page's own texts.
    let tables = browser.get("/board/tables").await.text().await.expect("t");
    assert!(tables.contains("<td>Echipaj alocat</td>") && tables.contains("<td>alocat</td>"));
    let board = browser.get("/board").await.text().await.expect("board");
    assert!(
        board.contains(r#"<span class="req" aria-hidden="true">*</span>"#)
            && board.contains("Câmpurile marcate cu * sunt obligatorii."),
        "required fields are marked"
    );
    for path in &pages {
        let page = browser.get(path).await.text().await.expect("page");
        for english in [
            ">Status<",
            ">Crews",
            ">Call sign<",
            ">Address<",
            ">Type<",
            "Shift",
        ] {
            assert!(
                !page.contains(english),
                "{path} shows {english:?} in Romanian"
            );
        }
    }

    browser.get("/lang?to=en&next=/").await;
    let tables = browser.get("/board/tables").await.text().await.expect("t");
    assert!(
        tables.contains("<td>Crew dispatched</td>") && tables.contains("<td>dispatched</td>"),
        "the states in English"
    );
    for path in &pages {
        let r = browser.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        let page = r.text().await.expect("page");
        let left = romanian_letters(&page);
        assert!(
            left.is_empty(),
            "{path} keeps Romanian in English: {left:#?}"
        );
        for romanian in [
            ">Stare<",
            ">Echipaje",
            ">Indicativ<",
            ">Adresă<",
            ">Tip<",
            "Tura ",
        ] {
            assert!(
                !page.contains(romanian),
                "{path} shows {romanian:?} in English"
            );
        }
    }
});

both!(the_maps_layers_say_what_each_marker_is, |app| {
    let disp = app.api("api", Role::Dispatcher).await;
    let unit = app.add_unit("PL-710", Some("trk-710")).await;
    let r = app
        .client
        .get(app.url(&format!(
            "/osmand?id=trk-710&lat=45.751&lon=21.221&timestamp={}",
            veghe::db::now_ms() / 1000
        )))
        .send()
        .await
        .expect("fix");
    assert_eq!(r.status(), StatusCode::OK);
    app.add_unit("PL-711", None).await;
    let inc = disp
        .post_ok(
            "/api/v1/incidents",
            json!({"type": "noise", "priority": 1, "lat": 45.75, "lon": 21.22,
                   "address": "Strada Paris nr. 2", "description": "loud music"}),
        )
        .await;
    let id = inc["id"].as_i64().expect("id");
    disp.post_ok(
        &format!("/api/v1/incidents/{id}/assign"),
        json!({"unit_id": unit}),
    )
    .await;

    let browser = app.signed_in("disp", Role::Dispatcher).await;
    let crews: Value = browser
        .get("/geo/crews.geojson")
        .await
        .json()
        .await
        .expect("crews");
    let features = crews["features"].as_array().expect("features");
    assert_eq!(features.len(), 1, "only crews with a position are drawn");
    let p = &features[0]["properties"];
    assert_eq!(p["call_sign"], "PL-710");
    assert_eq!(p["status_label"], "alocat");
    assert_eq!(p["url"], format!("/units/{unit}/route"));
    assert_eq!(p["incident"]["url"], format!("/incidents/{id}"));
    assert_eq!(p["incident"]["reference"], inc["reference"]);
    assert_eq!(p["stale"], false);

    let open: Value = browser
        .get("/geo/incidents.geojson?open=true")
        .await
        .json()
        .await
        .expect("incidents");
    let p = &open["features"][0]["properties"];
    assert_eq!(p["url"], format!("/incidents/{id}"));
    assert_eq!(p["status_label"], "Echipaj alocat");

    // An analyst sees the crews, without the dispatchers' route link.
    let analyst = app.signed_in("an", Role::Analyst).await;
    let crews: Value = analyst
        .get("/geo/crews.geojson")
        .await
        .json()
        .await
        .expect("crews");
    assert!(crews["features"][0]["properties"]["url"].is_null());

    // Every operational map of these pages draws the crews.
    for path in [
        "/board",
        "/duty",
        "/alerts",
        &format!("/units/{unit}/route"),
    ] {
        let page = browser.get(path).await.text().await.expect("page");
        assert!(
            page.contains(r#"data-layers="boundary,neighbourhoods,crews""#)
                || page.contains(r#"data-layers="boundary,crews""#),
            "{path} draws the crews"
        );
    }
});

both!(an_alert_without_an_area_is_refused_in_words, |app| {
    let browser = app.signed_in("disp", Role::Dispatcher).await;
    let r = browser
        .post_form(
            "/alerts",
            &[
                ("event", "Inundație"),
                ("headline", "Strada închisă"),
                ("description", "Apă pe carosabil"),
                ("category", "Met"),
                ("severity", "Moderate"),
                ("urgency", "Expected"),
                ("certainty", "Likely"),
                ("response_type", "Avoid"),
                ("area_desc", "Strada Paris"),
                ("expires", "2099-01-01T08:00"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let page = r.text().await.expect("page");
    assert!(
        page.contains("Desenați zona pe hartă"),
        "the refusal says what to do, in Romanian"
    );
    let r = browser
        .post_form(
            "/alerts",
            &[
                ("event", "Inundație"),
                ("headline", "Strada închisă"),
                ("description", "Apă pe carosabil"),
                ("category", "Met"),
                ("severity", "Moderate"),
                ("urgency", "Expected"),
                ("certainty", "Likely"),
                ("response_type", "Avoid"),
                ("area_desc", "Strada Paris"),
                ("polygon", "45.75,21.22 45.76,21.22 45.76,21.23"),
                ("expires", "2099-01-01T08:00"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "a drawn polygon is an area"
    );
});
