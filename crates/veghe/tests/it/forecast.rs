//! `veghe analyze forecast` as an analyst runs it (series and events, JSON and CSV, bad input), and
//! `--crs wgs84` on the spatial `analyze` commands.

/// Runs `veghe` (no database is touched by `analyze`): exit code, stdout, stderr.
fn veghe(args: &[&str]) -> (i32, String, String) {
    crate::helpers::command::veghe("sqlite::memory:", args, None)
}

/// 156 weekly counts from Monday 2022-01-03: a yearly wave, a step up of 8 from week 110, and a
/// deterministic wobble.
fn counts() -> Vec<u64> {
    (0..156u32)
        .map(|t| {
            let wave = 6.0 * (2.0 * std::f64::consts::PI * f64::from(t) / 52.0).sin();
            let step = if t >= 110 { 8.0 } else { 0.0 };
            (20.0 + wave + step + f64::from((t * 7) % 5)).round() as u64
        })
        .collect()
}

fn monday(week: usize) -> String {
    let d = jiff::civil::date(2022, 1, 3)
        .checked_add(jiff::Span::new().days(7 * week as i64))
        .expect("date");
    d.to_string()
}

#[test]
fn forecast_prints_every_model_with_intervals_and_mase() {
    let dir = tempfile::tempdir().expect("dir");
    let series = dir.path().join("series.csv");
    let mut text = String::from("date,count\n");
    let mut events = String::from("id,date\n");
    for (i, c) in counts().iter().enumerate() {
        text.push_str(&format!("{},{c}\n", monday(i)));
        for k in 0..*c {
            // Spread the events over the week (Monday to Sunday).
            let d = jiff::civil::date(2022, 1, 3)
                .checked_add(jiff::Span::new().days(7 * i as i64 + (k % 7) as i64))
                .expect("date");
            events.push_str(&format!("{i}-{k},{d}\n"));
        }
    }
    std::fs::write(&series, text).expect("write");
    let events_path = dir.path().join("events.csv");
    std::fs::write(&events_path, events).expect("write");
    let series = series.display().to_string();
    let args = [
        "analyze",
        "forecast",
        "--input",
        &series,
        "--season",
        "52",
        "--horizon",
        "13",
        "--backtest-origins",
        "8",
        "--format",
        "json",
    ];
    let (code, out, err) = veghe(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let models = v["models"].as_array().expect("models");
    let names: Vec<&str> = models.iter().filter_map(|m| m["model"].as_str()).collect();
    assert_eq!(names, ["seasonal_naive", "ets", "mstl_ets"]);
    let y = counts();
    for m in models {
        let f = m["forecast"].as_array().expect("forecast");
        assert_eq!(f.len(), 13);
        assert_eq!(m["mase_per_origin"].as_array().expect("origins").len(), 8);
        let mase = m["mase"].as_f64().expect("mase");
        assert!(mase.is_finite() && mase > 0.0);
        for s in f {
            let p = s["point"].as_f64().expect("point");
            let (l80, u80) = (
                s["lower_80"].as_f64().expect("l"),
                s["upper_80"].as_f64().expect("u"),
            );
            let (l95, u95) = (
                s["lower_95"].as_f64().expect("l"),
                s["upper_95"].as_f64().expect("u"),
            );
            assert!(l95 <= l80 && l80 <= p && p <= u80 && u80 <= u95, "{s}");
        }
    }
    // The seasonal naive repeats the last season: step 1 is the week 52 weeks before week 156.
    let naive = &models[0]["forecast"];
    for j in 0..13 {
        assert_eq!(naive[j]["point"].as_f64(), Some(y[156 - 52 + j] as f64));
    }
    assert_eq!(naive[0]["start"], "2024-12-30");
    assert_eq!(naive[0]["period"], "2025-W01");
    assert_eq!(v["last"], "2024-W52");
    // The step up at week 110 is the one change found (within two weeks), the yearly wave is not.
    let cps = v["change_points"].as_array().expect("change points");
    assert_eq!(cps.len(), 1, "{cps:?}");
    assert!(
        (cps[0]["index"].as_i64().expect("index") - 110).abs() <= 2,
        "{cps:?}"
    );
    let yoy = &v["changes"]["year_on_year"];
    assert_eq!(yoy["now"].as_u64(), Some(y[155]));
    assert_eq!(yoy["before"].as_u64(), Some(y[155 - 52]));

    // The same weeks given as events give the same answer.
    let events_path = events_path.display().to_string();
    let (code, out2, err) = veghe(&[
        "analyze",
        "forecast",
        "--input",
        &events_path,
        "--events",
        "--period",
        "week",
        "--horizon",
        "13",
        "--backtest-origins",
        "8",
    ]);
    assert_eq!(code, 0, "{err}");
    let v2: serde_json::Value = serde_json::from_str(&out2).expect("json");
    assert_eq!(v2["models"], v["models"]);

    // CSV: a header and 13 rows per model.
    let (code, csv, err) = veghe(&[
        "analyze",
        "forecast",
        "--input",
        &series,
        "--horizon",
        "13",
        "--backtest-origins",
        "4",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "model,spec,step,period,start,point,lower_80,upper_80,lower_95,upper_95,mase"
    );
    assert_eq!(lines.len(), 1 + 3 * 13);
    assert!(lines[1].starts_with("seasonal_naive,SNaive(52),1,2025-W01,2024-12-30,"));
}

#[test]
fn forecast_bad_input_names_the_row_or_parameter() {
    let dir = tempfile::tempdir().expect("dir");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    };
    let mut short = String::from("date,count\n");
    for i in 0..60 {
        short.push_str(&format!("{},5\n", monday(i)));
    }
    let short = write("short.csv", &short);
    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &short]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--season 52") && err.contains("two seasons (104)"),
        "{err}"
    );

    let future = write("future.csv", "date,count\n2022-01-03,4\n2999-01-01,5\n");
    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &future]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 3, column date") && err.contains("future"),
        "{err}"
    );

    let gap = write("gap.csv", "date,count\n2022-01-03,4\n2022-01-17,5\n");
    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &gap]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 3") && err.contains("not the week after"),
        "{err}"
    );

    let bad = write("bad.csv", "date,count\n2022-01-03,4\n2022-01-10,-1\n");
    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &bad]);
    assert_eq!(code, 1);
    assert!(err.contains("row 3, column count"), "{err}");

    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &bad, "--count-col", "n"]);
    assert_eq!(code, 1);
    assert!(err.contains("no column `n`"), "{err}");

    let empty = write("empty.csv", "");
    let (code, _, err) = veghe(&["analyze", "forecast", "--input", &empty]);
    assert_eq!(code, 1);
    assert!(err.contains("empty"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let (code, _, err) = veghe(&[
        "analyze", "forecast", "--input", &short, "--models", "arima",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("--models") && err.contains("arima"), "{err}");
}

#[test]
fn crs_wgs84_projects_longitude_latitude_to_utm() {
    let dir = tempfile::tempdir().expect("dir");
    // Four points about 100 m apart around Piața Victoriei, Timișoara, in degrees.
    let p = dir.path().join("pts.csv");
    std::fs::write(
        &p,
        "lon,lat\n21.2272,45.7537\n21.2285,45.7537\n21.2272,45.7546\n21.2285,45.7546\n",
    )
    .expect("write");
    let p = p.display().to_string();
    let (code, out, err) = veghe(&[
        "analyze",
        "kde",
        "--input",
        &p,
        "--x-col",
        "lon",
        "--y-col",
        "lat",
        "--crs",
        "wgs84",
        "--cell",
        "50",
        "--bandwidth",
        "100",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("UTM zone 34N (EPSG:32634)"), "{err}");
    // The grid starts at the minimum easting/northing floored to 50 m: pyproj puts the first
    // point at (517670.5, 5066707.6).
    let first = out.lines().nth(1).expect("first cell");
    let cells: Vec<&str> = first.split(',').collect();
    assert_eq!(cells[2], "517675");
    assert_eq!(cells[3], "5066725");
    // Without --crs the degrees would be taken for metres: one cell holds everything.
    let (code, out, _) = veghe(&[
        "analyze",
        "kde",
        "--input",
        &p,
        "--x-col",
        "lon",
        "--y-col",
        "lat",
        "--cell",
        "50",
        "--bandwidth",
        "100",
    ]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 2);

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "lon,lat\n21.2,45.7\n21.3,95.0\n").expect("write");
    let bad = bad.display().to_string();
    let (code, _, err) = veghe(&[
        "analyze", "kde", "--input", &bad, "--x-col", "lon", "--y-col", "lat", "--crs", "wgs84",
        "--cell", "50",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 3") && err.contains("latitude 95"),
        "{err}"
    );
}

#[test]
fn crs_wgs84_stereo70_projects_to_romanias_grid() {
    let dir = tempfile::tempdir().expect("dir");
    let p = dir.path().join("pts.csv");
    std::fs::write(
        &p,
        "lon,lat\n21.2272,45.7537\n21.2285,45.7537\n21.2272,45.7546\n21.2285,45.7546\n",
    )
    .expect("write");
    let p = p.display().to_string();
    let (code, out, err) = veghe(&[
        "analyze",
        "kde",
        "--input",
        &p,
        "--x-col",
        "lon",
        "--y-col",
        "lat",
        "--crs",
        "wgs84-stereo70",
        "--cell",
        "50",
        "--bandwidth",
        "100",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Stereo 70 (EPSG:3844)"), "{err}");
    // pyproj puts the points between easting 206702.4 and northing 479594.9 (the lowest of each):
    // the grid's first cell centre is at (206725, 479575).
    let first = out.lines().nth(1).expect("first cell");
    let cells: Vec<&str> = first.split(',').collect();
    assert_eq!((cells[2], cells[3]), ("206725", "479575"));
    // Swapped columns land far from Romania and are refused with the row.
    let (code, _, err) = veghe(&[
        "analyze",
        "kde",
        "--input",
        &p,
        "--x-col",
        "lat",
        "--y-col",
        "lon",
        "--crs",
        "wgs84-stereo70",
        "--cell",
        "50",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("row 2") && err.contains("far from Romania"),
        "{err}"
    );
}
