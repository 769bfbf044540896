//! The analysis pages and API on a small known set of stored incidents: numbers equal to
//! `veghe-analytics` run directly, exports that parse, proposals with decisions and their
//! effect, and who may do what.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use veghe::auth::Role;
use veghe_analytics::crs::{UtmZone, to_utm};
use veghe_analytics::grid::{HotspotParams, hotspots_with};
use veghe_analytics::knox::{Event, KnoxParams, Metric, knox};
use veghe_analytics::series::compare::{binomial_two_sided, compare_counts};
use veghe_analytics::weights::WeightsSpec;

use crate::both;
use crate::helpers::TestApp;

const LAT: f64 = 45.7538;
const LON: f64 = 21.2257;

fn day(text: &str) -> jiff::civil::Date {
    text.parse().expect("date")
}

fn noon_ms(d: jiff::civil::Date) -> i64 {
    d.at(12, 0, 0, 0)
        .in_tz("Europe/Bucharest")
        .expect("zoned")
        .timestamp()
        .as_millisecond()
}

fn plus(d: jiff::civil::Date, days: i64) -> jiff::civil::Date {
    d.checked_add(jiff::Span::new().days(days)).expect("date")
}

/// (type, lat, lon, neighbourhood, date)
type Row = (&'static str, f64, f64, &'static str, jiff::civil::Date);

/// 40 clustered burglaries in near-repeat pairs, 30 spread over a 600 m lattice, and a
/// parking series for the situation (6 this week, 1 a year before, 8 in the four weeks before).
fn known_set() -> Vec<Row> {
    let m_lat = 1.0 / 111_320.0;
    let m_lon = 1.0 / 77_740.0;
    let mut v = Vec::new();
    for k in 0..20i64 {
        let (lat, lon) = (LAT + (k % 5) as f64 * 20.0 * m_lat, LON);
        let d = plus(day("2025-01-06"), 7 * k);
        v.push(("burglary", lat, lon, "Centru", d));
        v.push(("burglary", lat, lon + 30.0 * m_lon, "Centru", plus(d, 2)));
    }
    for k in 0..30i64 {
        let (i, j) = ((k % 6) as f64, (k / 6) as f64);
        v.push((
            "burglary",
            LAT + (1500.0 + 600.0 * j) * m_lat,
            LON + (1500.0 + 600.0 * i) * m_lon,
            "Fabric",
            plus(day("2025-01-08"), 5 * k),
        ));
    }
    for k in 0..6 {
        v.push(("parking", LAT, LON, "Iosefin", plus(day("2025-06-23"), k)));
    }
    v.push(("parking", LAT, LON, "Iosefin", day("2024-06-25")));
    for k in 0..8 {
        v.push((
            "parking",
            LAT,
            LON,
            "Iosefin",
            plus(day("2025-05-26"), 3 * k),
        ));
    }
    v
}

async fn insert(app: &TestApp, rows: &[Row], first_number: i64) {
    for (n, (kind, lat, lon, area, d)) in rows.iter().enumerate() {
        sqlx::query(
            "INSERT INTO incidents (year, number, type, priority, status, source, lat, lon, neighbourhood, received_at) \
             VALUES ($1, $2, $3, 2, 'closed', 'phone', $4, $5, $6, $7)",
        )
        .bind(1990i64)
        .bind(first_number + n as i64)
        .bind(*kind)
        .bind(*lat)
        .bind(*lon)
        .bind(*area)
        .bind(noon_ms(*d))
        .execute(app.db.pool())
        .await
        .expect("insert incident");
    }
}

/// The width and height of an SVG's `viewBox`.
fn view_box(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).expect("svg");
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .expect("viewBox")
        .split_whitespace()
        .map(|v| v.parse().expect("number"))
        .collect();
    (vb[2], vb[3])
}

fn burglary_points() -> Vec<(f64, f64, i64)> {
    let epoch = day("1970-01-01");
    known_set()
        .iter()
        .filter(|r| r.0 == "burglary")
        .map(|(_, lat, lon, _, d)| {
            let (x, y) = to_utm(*lon, *lat, UtmZone::Z34N).expect("utm");
            (x, y, i64::from(epoch.until(*d).expect("days").get_days()))
        })
        .collect()
}

const WINDOW: &str = "type=burglary&from=2025-01-06&to=2025-06-29";

both!(analyses_equal_the_library_on_a_known_set, |app| {
    insert(&app, &known_set(), 1).await;
    let analyst = app.api("ana", Role::Analyst).await;
    let pts = burglary_points();
    let xy: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.1)).collect();

    // Hot spots: the same Gi* z-scores as the library on the same projected points.
    let h = analyst
        .get_ok(&format!("/api/v1/analysis/hotspots?{WINDOW}&cell=200"))
        .await;
    assert!(
        h["stated"]["described"]
            .as_str()
            .expect("described")
            .contains("2025-01-06")
    );
    let r = &h["result"];
    assert_eq!(r["incidents"], 70);
    let lib = hotspots_with(
        &xy,
        &HotspotParams {
            cell: 200.0,
            weights: WeightsSpec::Queen,
            permutations: 99,
            seed: 1,
            alpha: 0.05,
            fdr: false,
            threads: 0,
        },
        &|_, _| {},
    )
    .expect("library");
    let cells = r["cells"].as_array().expect("cells");
    let total: u64 = cells
        .iter()
        .map(|c| c["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(total, 70);
    for c in cells {
        let (col, row) = (
            c["col"].as_u64().expect("col") as usize,
            c["row"].as_u64().expect("row") as usize,
        );
        let l = &lib.rows[lib.grid.index(col, row)];
        assert_eq!(c["count"].as_u64(), Some(u64::from(l.count)));
        assert!((c["gi_z"].as_f64().expect("z") - l.gi_z).abs() < 1e-9);
        assert_eq!(c["class"].as_str(), Some(l.gi_class.label()));
        assert!((c["moran_i"].as_f64().expect("I") - l.moran_i).abs() < 1e-9);
        assert_eq!(c["moran_p"].as_f64(), Some(l.moran_p));
        assert_eq!(
            c["moran_class"].as_str(),
            Some(veghe_analytics::fdr::moran_label(l.moran_class))
        );
    }
    // Every cell of the grid is counted once in the Moran legend, and the burglary cluster (40
    // incidents within 80 m, empty cells around) is a significant High-High or High-Low cell.
    let moran: Vec<(String, u64)> = r["moran_classes"]
        .as_array()
        .expect("moran classes")
        .iter()
        .map(|c| {
            (
                c[0].as_str().expect("label").to_string(),
                c[1].as_u64().expect("n"),
            )
        })
        .collect();
    let labels: Vec<&str> = moran.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["HH", "LL", "HL", "LH", "ns"]);
    assert_eq!(
        moran.iter().map(|(_, n)| *n).sum::<u64>(),
        lib.rows.len() as u64
    );
    let busiest = cells
        .iter()
        .max_by_key(|c| c["count"].as_u64().unwrap_or(0))
        .expect("a cell");
    assert!(
        ["HH", "HL"].contains(&busiest["moran_class"].as_str().unwrap_or_default())
            && busiest["moran_p"].as_f64().unwrap_or(1.0) < 0.05,
        "{busiest}"
    );
    let hottest = cells
        .iter()
        .max_by(|a, b| {
            a["gi_z"]
                .as_f64()
                .unwrap_or(0.0)
                .total_cmp(&b["gi_z"].as_f64().unwrap_or(0.0))
        })
        .expect("a cell");
    assert_eq!(hottest["class"], "hot_99");
    assert!((hottest["lat"].as_f64().expect("lat") - LAT).abs() < 0.003);

    // Near repeat: the observed table and the p-values of the library with the same seed.
    let n = analyst
        .get_ok(&format!(
            "/api/v1/analysis/near-repeat?{WINDOW}&distance_band=100&time_band=7&iterations=20"
        ))
        .await;
    let events: Vec<Event> = pts
        .iter()
        .map(|p| Event {
            x: p.0,
            y: p.1,
            day: p.2,
        })
        .collect();
    let k = knox(
        &events,
        &KnoxParams {
            distance_band: 100.0,
            distance_bands: 3,
            time_band: 7,
            time_bands: 3,
            metric: Metric::Manhattan,
            iterations: 20,
            seed: 1,
            threads: 0,
        },
        &|_| {},
    )
    .expect("knox");
    assert_eq!(n["result"]["observed"], json!(k.observed));
    assert_eq!(n["result"]["p_value"], json!(k.p_value));
    assert_eq!(
        n["result"]["headline_en"].as_str(),
        k.reading(1, 0, false).as_deref()
    );
    assert!(
        n["result"]["headline_ro"]
            .as_str()
            .expect("ro")
            .starts_with("La mai puțin de 100 m")
    );

    // Trends: 25 complete ISO weeks, counted by hand.
    let t = analyst
        .get_ok(&format!("/api/v1/analysis/trends?{WINDOW}&period=week"))
        .await;
    let counts: Vec<u64> = t["result"]["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| c.as_u64().expect("n"))
        .collect();
    assert_eq!(counts.len(), 25);
    let mut by_hand = vec![0u64; 25];
    let monday = pts.iter().map(|p| p.2).min().expect("first"); // 2025-01-06 is a Monday and the first event
    for p in &pts {
        by_hand[((p.2 - monday) / 7) as usize] += 1;
    }
    assert_eq!(counts, by_hand);
    let models = t["result"]["models"].as_array().expect("models");
    let naive = models
        .iter()
        .find(|m| m["model"] == "seasonal_naive")
        .expect("naive");
    assert!(
        naive["error"]
            .as_str()
            .expect("too short")
            .contains("at least")
    );
    let ets = models.iter().find(|m| m["model"] == "ets").expect("ets");
    assert_eq!(ets["point"].as_array().map(Vec::len), Some(13));

    // Situation: this week 6, same week last year 1, four weeks before 8 (mean 2).
    let s = analyst
        .get_ok("/api/v1/analysis/situation?to=2025-06-29&type=parking")
        .await;
    let line = &s["result"]["by_type"][0];
    assert_eq!(line["name"], "parking");
    assert_eq!(
        (line["now"].as_u64(), line["last_year"].as_u64()),
        (Some(6), Some(1))
    );
    assert_eq!(line["four_weeks_mean"].as_f64(), Some(2.0));
    let yoy = compare_counts(6, 1, 1.0, 1.0).expect("test");
    assert!((line["yoy_p"].as_f64().expect("p") - yoy.p_value).abs() < 1e-12);
    let fw = compare_counts(6, 8, 1.0, 4.0).expect("test");
    assert!((line["four_weeks_p"].as_f64().expect("p") - fw.p_value).abs() < 1e-12);
    assert_eq!(s["result"]["by_area"][0]["name"], "Iosefin");

    // A filter that cannot be read is refused naming the field.
    let r = analyst.get("/api/v1/analysis/hotspots?weekday=9").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let body: Value = r.json().await.expect("json");
    assert_eq!(body["error"]["field"], "weekday");
});

both!(exports_parse_and_pages_state_their_window, |app| {
    insert(&app, &known_set(), 1).await;
    let b = app.signed_in("ana-web", Role::Analyst).await;

    let r = b
        .get(&format!("/analysis/hotspots.geojson?{WINDOW}&cell=200"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let g: Value = serde_json::from_str(&r.text().await.expect("body")).expect("geojson");
    assert_eq!(g["type"], "FeatureCollection");
    let f = &g["features"][0];
    assert_eq!(f["geometry"]["type"], "Polygon");
    assert_eq!(
        f["geometry"]["coordinates"][0].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(g["veghe_analysis"]["cell_m"], 200.0);

    let csv_text = b
        .get(&format!("/analysis/hotspots.csv?{WINDOW}&cell=200"))
        .await
        .text()
        .await
        .expect("csv");
    let body: Vec<&str> = csv_text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        body[0],
        "col,row,x,y,lat,lon,count,density_per_km2,gi_z,gi_p,class,moran_i,moran_p,moran_class"
    );
    assert!(body[1..].iter().all(|l| {
        let class = l.rsplit(',').next().unwrap_or_default();
        ["HH", "LL", "HL", "LH", "ns"].contains(&class)
    }));
    let f0 = &g["features"][0]["properties"];
    assert!(f0["moran_class"].is_string() && f0["moran_p"].is_number());
    let counted: u64 = body[1..]
        .iter()
        .map(|l| {
            l.split(',')
                .nth(6)
                .expect("count")
                .parse::<u64>()
                .expect("number")
        })
        .sum();
    assert_eq!(counted, 70);
    assert!(
        csv_text.starts_with("# Incidents received from 2025-01-06")
            || csv_text.starts_with("# Incidente primite între 2025-01-06")
    );

    let trends_csv = b
        .get(&format!("/analysis/trends.csv?{WINDOW}"))
        .await
        .text()
        .await
        .expect("csv");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(trends_csv.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("parse");
    let observed: u64 = rows
        .iter()
        .filter_map(|r| r.get(1).and_then(|c| c.parse::<u64>().ok()))
        .sum();
    assert_eq!(observed, 70);

    let svg = b.get(&format!("/analysis/trends.svg?{WINDOW}")).await;
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");
    let svg = svg.text().await.expect("svg");
    assert!(
        roxmltree::Document::parse(&svg).is_ok(),
        "the SVG is well-formed XML"
    );
    assert!(svg.contains("role=\"img\""));
    let (vw, vh) = view_box(&svg);

    // The same chart as PNG, drawn on the server at twice the SVG's size.
    let png = b.get(&format!("/analysis/trends.png?{WINDOW}")).await;
    assert_eq!(png.status(), StatusCode::OK);
    assert_eq!(png.headers()["content-type"], "image/png");
    assert!(
        png.headers()["content-disposition"]
            .to_str()
            .expect("ascii")
            .contains("trends.png")
    );
    let bytes = png.bytes().await.expect("png");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
    let mut reader = decoder.read_info().expect("a PNG that decodes");
    let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut pixels).expect("its pixels");
    assert_eq!(
        (info.width, info.height),
        ((2.0 * vw).ceil() as u32, (2.0 * vh).ceil() as u32)
    );
    // Not blank: the white background and darker ink (lines, text) are both there.
    let stride = info.line_size;
    let dark = pixels[..stride * info.height as usize]
        .chunks(info.color_type.samples())
        .filter(|p| p[..3].iter().all(|v| *v < 100))
        .count();
    assert!(dark > 500, "{dark} dark pixels");

    let nr = b
        .get(&format!("/analysis/near-repeat.csv?{WINDOW}"))
        .await
        .text()
        .await
        .expect("csv");
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(nr.as_bytes());
    assert_eq!(reader.records().count(), 5 * 4);

    let sit = b
        .get("/analysis/situation.csv?to=2025-06-29")
        .await
        .text()
        .await
        .expect("csv");
    assert!(sit.lines().any(|l| l.starts_with("type,\"parking\",6,1,")));

    for page in [
        "/analysis",
        "/analysis/hotspots",
        "/analysis/trends",
        "/analysis/near-repeat",
        "/analysis/situation",
        "/analysis/proposals",
    ] {
        let r = b.get(&format!("{page}?{WINDOW}")).await;
        assert_eq!(r.status(), StatusCode::OK, "{page}");
        let html = r.text().await.expect("html");
        if page != "/analysis" && page != "/analysis/proposals" {
            assert!(html.contains("2025-06-29"), "{page} states its window");
        }
    }
    let html = b
        .get(&format!("/analysis/trends?{WINDOW}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(
        html.contains("<svg") && html.contains("<title"),
        "the chart is inline with its title"
    );
    let r = b.get("/analysis/hotspots?cell=5").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
});

both!(proposals_are_decided_by_management_and_followed, |app| {
    let analyst = app.api("ana-p", Role::Analyst).await;
    let boss = app.api("boss", Role::Management).await;
    let crew = app.api("crew-p", Role::Crew).await;
    let today = jiff::Zoned::now()
        .in_tz("Europe/Bucharest")
        .expect("tz")
        .date();
    let start = plus(today, -30);
    // Area: 10 before, 3 after; comparison: 10 and 10.
    let mut rows: Vec<Row> = Vec::new();
    for k in 0..10 {
        rows.push(("effect", LAT, LON, "Centru", plus(start, -1 - (k % 28))));
        rows.push(("effect", LAT, LON, "Fabric", plus(start, -1 - (k % 28))));
        rows.push(("effect", LAT, LON, "Fabric", plus(start, k % 28)));
    }
    for k in 0..3 {
        rows.push(("effect", LAT, LON, "Centru", plus(start, k)));
    }
    insert(&app, &rows, 1).await;
    let good = json!({"title": "Patrule în Centru", "measure": "Patrulă pedestră 18–22", "analysis_kind": "hotspots",
        "parameters": "type=effect&cell=250", "type": "effect", "area": "Centru", "comparison_area": "Fabric"});

    // Bad input: 400 naming the field, nothing saved.
    let mut bad = good.clone();
    bad["title"] = json!("  ");
    let r = analyst
        .request(Method::POST, "/api/v1/analysis/proposals")
        .json(&bad)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json::<Value>().await.expect("json")["error"]["field"],
        "title"
    );
    let mut bad = good.clone();
    bad["comparison_area"] = json!("Centru");
    assert_eq!(
        analyst
            .request(Method::POST, "/api/v1/analysis/proposals")
            .json(&bad)
            .send()
            .await
            .expect("send")
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM analysis_proposals").await,
        0
    );

    // Who may propose and decide.
    assert_eq!(
        crew.request(Method::POST, "/api/v1/analysis/proposals")
            .json(&good.clone())
            .send()
            .await
            .expect("send")
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        crew.get("/api/v1/analysis/hotspots").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = analyst
        .request(Method::POST, "/api/v1/analysis/proposals")
        .json(&good.clone())
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::CREATED);
    let p: Value = r.json().await.expect("json");
    let id = p["id"].as_i64().expect("id");
    assert_eq!(p["status"], "proposed");
    assert_eq!(p["parameters"], "type=effect&cell=250");
    let decision =
        json!({"decision": "approve", "note": "De acord", "effect_from": start.to_string()});
    let path = format!("/api/v1/analysis/proposals/{id}/decision");
    assert_eq!(
        analyst
            .request(Method::POST, &path)
            .json(&decision.clone())
            .send()
            .await
            .expect("send")
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = boss
        .request(Method::POST, &path)
        .json(&json!({"decision": "maybe", "note": "x"}))
        .send()
        .await
        .expect("send");
    assert_eq!(
        r.json::<Value>().await.expect("json")["error"]["field"],
        "decision"
    );
    let r = boss
        .request(Method::POST, &path)
        .json(&decision.clone())
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.expect("json")["status"], "approved");
    assert_eq!(
        boss.request(Method::POST, &path)
            .json(&decision)
            .send()
            .await
            .expect("send")
            .status(),
        StatusCode::CONFLICT
    );

    // The effect: before/after in both areas and the exact test.
    let one = analyst
        .get_ok(&format!("/api/v1/analysis/proposals/{id}"))
        .await;
    let e = &one["effect"];
    assert_eq!(e["days"], 30);
    assert_eq!(
        (e["area_before"].as_u64(), e["area_after"].as_u64()),
        (Some(10), Some(3))
    );
    assert_eq!(
        (
            e["comparison_before"].as_u64(),
            e["comparison_after"].as_u64()
        ),
        (Some(10), Some(10))
    );
    assert!((e["relative_change"].as_f64().expect("ratio") - 0.3).abs() < 1e-12);
    assert!((e["p_value"].as_f64().expect("p") - binomial_two_sided(3, 13, 0.5)).abs() < 1e-12);

    // The audit trail holds both steps.
    let entries = veghe::audit::recent(&app.db, Some("analysis_proposal"), 10)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 2);

    // The pages: the analyst sees the proposal, management could have decided it there.
    let b = app.signed_in("ana-page", Role::Analyst).await;
    let html = b
        .get(&format!("/analysis/proposals/{id}"))
        .await
        .text()
        .await
        .expect("html");
    assert!(html.contains("Patrule în Centru") && html.contains("-70%"));
    let r = b
        .post_form(
            "/analysis/proposals",
            &[
                ("title", "Iluminat"),
                ("measure", "Felinare"),
                ("analysis_kind", "near_repeat"),
                ("parameters", "type=effect"),
                ("type", "effect"),
                ("area", "Centru"),
                ("comparison_area", "Fabric"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM analysis_proposals").await,
        2
    );
    let r = b
        .post_form(
            &format!("/analysis/proposals/{id}/decision"),
            &[("decision", "reject"), ("note", "nu")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
});

both!(pages_say_when_a_result_was_computed, |app| {
    insert(&app, &known_set(), 1).await;
    let b = app.signed_in("ana-when", Role::Analyst).await;

    let page = b
        .get(&format!("/analysis/near-repeat?{WINDOW}"))
        .await
        .text()
        .await
        .expect("page");

    // A quick analysis is shown at once, with when it was computed.
    assert!(page.contains("data-testid=\"computed\""), "{page}");
    assert!(page.contains("Calculat la"));
    assert!(!page.contains("data-job="), "no job for a quick analysis");
    // A job the server does not know is said to be unknown.
    let r = b.get("/analysis/progress?job=0000000000000000").await;
    assert_eq!(r.status(), StatusCode::OK);
    let j: Value = serde_json::from_str(&r.text().await.expect("body")).expect("json");
    assert_eq!(j["state"], "unknown");
});
