//! Imports of sanction records: every bad input named by row and column, the user's choice
//! (valid rows, or nothing unless all are valid), re-imports changing nothing, Windows-1250,
//! XLSX merged cells and formulas, and a killed import leaving the database as it was.

use std::process::{Command, Stdio};

use reqwest::StatusCode;
use serde_json::Value;
use veghe::auth::Role;

use crate::both;
use crate::helpers::fixtures::{HEADER, cnp, good_row, import_sanctions};
use crate::helpers::{Engine, TestDb};

/// Five good rows and the bad inputs of the issue, each in its own row.
fn mixed_csv() -> String {
    let mut lines = vec![HEADER.to_string()];
    for n in 1..=5 {
        lines.push(good_row(n));
    }
    let c = cnp(9);
    lines.push(format!("TM;0000006;31.02.2026;10:00;Str. Florilor 6;;;OP;A;Ion Pop;{c};Legea 61/1991 art. 2 pct. 25;nu;amendă;500;;")); // row 7: date
    lines.push(format!("TM;0000007;29.11.2026;10:00;Str. Florilor 7;;;OP;A;Ion Pop;{c};Legea 61/1991 art. 2 pct. 25;nu;amendă;-200;;")); // row 8: negative
    lines.push(format!("TM;0000008;29.11.2026;10:00;Str. Florilor 8;;;OP;A;Ion Pop;{c};Legea 61/1991 art. 2 pct. 99;nu;amendă;500;;")); // row 9: unknown basis
    lines.push("TM;0000009;29.11.2026;10:00;Str. Florilor 9;;;OP;A;Ion Pop;1800101221145;Legea 61/1991 art. 2 pct. 25;nu;amendă;500;;".to_string()); // row 10: CNP
    lines.join("\n") + "\n"
}

fn problems(v: &Value) -> Vec<(u64, String, String)> {
    v["shown"]
        .as_array()
        .expect("shown")
        .iter()
        .map(|p| {
            (
                p["row"].as_u64().unwrap_or(0),
                p["cell"].as_str().unwrap_or("").to_string(),
                p["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

both!(bad_rows_are_named_and_the_user_chooses, |app| {
    let officer = app.api("ana", Role::DepartmentOfficer).await;
    let csv = mixed_csv().into_bytes();
    // Check only: nothing written, every problem named by row and cell.
    let (s, v) = import_sanctions(&officer, "pv.csv", "check", csv.clone()).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(
        (
            v["rows"].as_u64(),
            v["valid"].as_u64(),
            v["invalid"].as_u64()
        ),
        (Some(9), Some(5), Some(4))
    );
    assert_eq!(
        problems(&v),
        vec![
            (7, "C7".into(), "date".into()),
            (8, "O8".into(), "amount".into()),
            (9, "L9".into(), "legal_basis".into()),
            (10, "K10".into(), "offender_id".into()),
        ]
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions").await,
        0
    );
    // The downloadable report has the same rows.
    let report = officer
        .get(&format!(
            "/api/v1/import-reports/{}",
            v["report"].as_str().expect("report")
        ))
        .await
        .text()
        .await
        .expect("text");
    assert!(
        report.contains("pv.csv,7,C7,Data,date,31.02.2026"),
        "{report}"
    );
    assert!(report.contains("K10"), "{report}");
    // All or nothing: nothing.
    let (_, v) = import_sanctions(&officer, "pv.csv", "all", csv.clone()).await;
    assert_eq!(v["committed"], false);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions").await,
        0
    );
    // The valid rows.
    let (_, v) = import_sanctions(&officer, "pv.csv", "valid", csv.clone()).await;
    assert_eq!(
        (v["inserted"].as_u64(), v["committed"].as_bool()),
        (Some(5), Some(true))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions").await,
        5
    );
    // Again: nothing changes, not even the import log.
    let (_, v) = import_sanctions(&officer, "pv.csv", "valid", csv).await;
    assert_eq!(
        (v["inserted"].as_u64(), v["skipped"].as_u64()),
        (Some(0), Some(5))
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions").await,
        5
    );
    let imports: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM activity_imports")
        .fetch_one(app.db.pool())
        .await
        .expect("imports");
    assert_eq!(imports.0, 1);
});

both!(empty_files_header_only_and_windows_1250, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    let (_, v) = import_sanctions(&analyst, "gol.csv", "valid", Vec::new()).await;
    assert_eq!(v["shown"][0]["message"], "the file is empty");
    let (_, v) = import_sanctions(
        &analyst,
        "antet.csv",
        "valid",
        format!("{HEADER}\n").into_bytes(),
    )
    .await;
    assert_eq!(
        v["shown"][0]["message"],
        "the file has a header but no rows"
    );
    assert_eq!(v["rows"], 0);
    // Windows-1250: ș is 0xBA; the header `Sancțiune` has ț = 0xFE.
    let text = format!(
        "{HEADER}\n{}\n",
        good_row(1).replace("Str. Florilor", "Str. Mureș")
    );
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'ș' => 0xBA,
            'ț' => 0xFE,
            'ă' => 0xE3,
            c => c as u8,
        })
        .collect();
    let (_, v) = import_sanctions(&analyst, "w1250.csv", "valid", bytes).await;
    assert_eq!(v["encoding"], "windows-1250", "{v}");
    assert_eq!(v["inserted"], 1, "{v}");
    let addr: (String,) = sqlx::query_as("SELECT address FROM activity_sanctions")
        .fetch_one(app.db.pool())
        .await
        .expect("addr");
    assert_eq!(addr.0, "Str. Mureș 1");
    // A file that is neither.
    let (s, _) = import_sanctions(&analyst, "pv.pdf", "valid", b"x".to_vec()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
});

both!(xlsx_merged_cells_and_formulas_are_named, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.split(';').enumerate() {
        sheet.write_string(0, c as u16, h).expect("header");
    }
    for r in 1..=3u32 {
        for (c, v) in good_row(r).split(';').enumerate() {
            sheet.write_string(r, c as u16, v).expect("cell");
        }
    }
    // Row 3 (Excel row 3): the amount is a formula; rows 3–4 share a merged date (Excel C3:C4).
    sheet
        .write_formula(
            2,
            14,
            rust_xlsxwriter::Formula::new("=500*2").set_result("1000"),
        )
        .expect("formula");
    sheet
        .merge_range(2, 2, 3, 2, "29.11.2026", &rust_xlsxwriter::Format::new())
        .expect("merge");
    // A real date cell in row 2.
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    sheet
        .write_datetime_with_format(
            1,
            2,
            rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 29).expect("date"),
            &date_format,
        )
        .expect("date");
    let bytes = book.save_to_buffer().expect("xlsx");
    let (_, v) = import_sanctions(&analyst, "pv.xlsx", "valid", bytes).await;
    assert_eq!(v["encoding"], "xlsx", "{v}");
    assert_eq!(v["inserted"], 1, "{v}");
    let p = problems(&v);
    assert!(p.contains(&(3, "O3".into(), "amount".into())), "{p:?}");
    assert!(p.contains(&(4, "C4".into(), "date".into())), "{p:?}");
});

both!(utf16_text_and_xlsx_without_rows_or_broken, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    // Excel's "Unicode text": UTF-16LE with its mark, tab-separated.
    let text = format!(
        "{HEADER}\n{}\n",
        good_row(1).replace("Str. Florilor", "Str. Mureș")
    )
    .replace(';', "\t");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let (_, v) = import_sanctions(&analyst, "unicode.txt", "valid", bytes).await;
    assert_eq!(
        (v["encoding"].as_str(), v["inserted"].as_u64()),
        (Some("utf-16le"), Some(1)),
        "{v}"
    );
    let addr: (String,) = sqlx::query_as("SELECT address FROM activity_sanctions")
        .fetch_one(app.db.pool())
        .await
        .expect("addr");
    assert_eq!(addr.0, "Str. Mureș 1");
    // A spreadsheet with its header only.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADER.split(';').enumerate() {
        sheet.write_string(0, c as u16, h).expect("header");
    }
    let (_, v) = import_sanctions(
        &analyst,
        "antet.xlsx",
        "valid",
        book.save_to_buffer().expect("xlsx"),
    )
    .await;
    assert_eq!(
        v["shown"][0]["message"], "the file has a header but no rows",
        "{v}"
    );
    assert_eq!(v["committed"], false);
    // Not a spreadsheet at all, though named as one.
    let (_, v) = import_sanctions(
        &analyst,
        "stricat.xlsx",
        "valid",
        b"PK\x03\x04 not a zip".to_vec(),
    )
    .await;
    let message = v["shown"][0]["message"].as_str().unwrap_or("");
    assert!(message.starts_with("the spreadsheet cannot be read"), "{v}");
    assert_eq!(v["committed"], false);
});

fn veghe(url: &str, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_veghe"))
        .args(args)
        .env("VEGHE_DATABASE_URL", url)
        .env_remove("VEGHE_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run veghe")
}

async fn killed_import_leaves_nothing(engine: Engine) {
    let Some(db) = TestDb::new(engine).await else {
        eprintln!("not run on PostgreSQL: VEGHE_TEST_POSTGRES_URL is not set");
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("mare.csv");
    let mut text = String::from(HEADER);
    text.push('\n');
    for n in 1..=150_000 {
        text.push_str(&good_row(n));
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write");
    let file = path.to_string_lossy().into_owned();
    // A first, small import commits, so the database has something to keep.
    let small = dir.path().join("mic.csv");
    std::fs::write(&small, format!("{HEADER}\n{}\n", good_row(200_001))).expect("write");
    let out = veghe(&db.url, &["import", "sanctions", &small.to_string_lossy()])
        .wait_with_output()
        .expect("small import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut child = veghe(&db.url, &["import", "sanctions", &file]);
    let conn = veghe::db::Db::open(&db.url).await.expect("open");
    // Wait until the import is writing rows inside its transaction.
    let started = std::time::Instant::now();
    loop {
        let writing = match engine {
            Engine::Sqlite => {
                let wal = format!("{}-wal", db.url.trim_start_matches("sqlite:"));
                std::fs::metadata(&wal).is_ok_and(|m| m.len() > 4 << 20)
            }
            Engine::Postgres => {
                let row: (i64,) = sqlx::query_as(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'INSERT INTO activity_sanctions%'",
                )
                .fetch_one(conn.pool())
                .await
                .expect("activity");
                row.0 > 0
            }
        };
        if writing {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the import never started writing"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        child.try_wait().expect("wait").is_none(),
        "the import ended before it was killed"
    );
    child.kill().expect("kill -9");
    let _ = child.wait();
    let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM activity_sanctions")
        .fetch_one(conn.pool())
        .await
        .expect("count");
    assert_eq!(n.0, 1, "only the first import's row");
    // And the database takes the whole import afterwards.
    let out = veghe(&db.url, &["import", "sanctions", &file])
        .wait_with_output()
        .expect("import");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM activity_sanctions")
        .fetch_one(conn.pool())
        .await
        .expect("count");
    assert_eq!(n.0, 150_001);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_import_leaves_the_database_as_it_was_sqlite() {
    killed_import_leaves_nothing(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_import_leaves_the_database_as_it_was_postgres() {
    killed_import_leaves_nothing(Engine::Postgres).await;
}

fn samples() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples")
}

/// Writes `data/samples/sanctiuni-exemplu.xlsx` from the CSV sample, with a formula and a merged
/// cell added. Run once with `--ignored` when the sample changes.
#[test]
#[ignore = "writes the shipped sample"]
fn write_the_xlsx_sample() {
    let bytes = std::fs::read(samples().join("sanctiuni-exemplu.csv")).expect("csv");
    let (text, _, _) = encoding_rs::WINDOWS_1250.decode(&bytes);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, line) in text.lines().enumerate() {
        for (c, v) in line.split(';').enumerate() {
            sheet.write_string(r as u32, c as u16, v).expect("cell");
        }
    }
    // Row 4: the fine computed by a formula; rows 10–11: one merged department cell.
    sheet
        .write_formula(
            3,
            14,
            rust_xlsxwriter::Formula::new("=750*2").set_result("1500"),
        )
        .expect("formula");
    sheet
        .merge_range(
            9,
            7,
            10,
            7,
            "Ordine publică",
            &rust_xlsxwriter::Format::new(),
        )
        .expect("merge");
    book.save(samples().join("sanctiuni-exemplu.xlsx"))
        .expect("save");
}

both!(the_shipped_samples_report_their_deliberate_errors, |app| {
    let analyst = app.api("ana", Role::Analyst).await;
    let csv = std::fs::read(samples().join("sanctiuni-exemplu.csv")).expect("csv");
    let (_, v) = import_sanctions(&analyst, "sanctiuni-exemplu.csv", "check", csv).await;
    assert_eq!(v["encoding"], "windows-1250");
    assert_eq!(
        (v["rows"].as_u64(), v["valid"].as_u64()),
        (Some(12), Some(5)),
        "{v}"
    );
    let cells: Vec<String> = problems(&v).into_iter().map(|p| p.1).collect();
    assert_eq!(cells, ["C5", "O6", "L7", "K8", "O9", "C12", "N13"]);
    let xlsx = std::fs::read(samples().join("sanctiuni-exemplu.xlsx")).expect("xlsx");
    let (_, v) = import_sanctions(&analyst, "sanctiuni-exemplu.xlsx", "valid", xlsx).await;
    let cells: Vec<String> = problems(&v).into_iter().map(|p| p.1).collect();
    assert_eq!(
        cells,
        ["O4", "C5", "O6", "L7", "K8", "O9", "H11", "C12", "N13"],
        "{v}"
    );
    assert_eq!(v["inserted"], 3);
});

both!(an_imported_row_keeps_every_field, |app| {
    use sqlx::Row;
    // Two rows of different departments, sanctions and payments: each value lands in its column.
    let officer = app.api("ana", Role::DepartmentOfficer).await;
    let csv = format!(
        "{HEADER}\nTM;0000001;20.11.2026;22:05;Str. Florilor 1;45,7537;21,2257;Ordine publică;Ag. Pop;Ion Popescu;{};Legea 61/1991 art. 2 pct. 25;nu;amendă;1.000,00;100,00;25.11.2026\nPLT;0000002;21.11.2026;08:30;Bd. Revoluției 5;;;Circulație;Ag. Ionescu, Ag. Marin;Maria Ionescu;{};Legea 61/1991 art. 2 pct. 1;nu;avertisment;;;\n",
        cnp(1),
        cnp(2)
    );
    let (s, v) = import_sanctions(&officer, "doua.csv", "all", csv.into_bytes()).await;
    assert_eq!(
        (s, v["inserted"].as_u64()),
        (StatusCode::OK, Some(2)),
        "{v}"
    );
    let rows: Vec<String> = sqlx::query(
        "SELECT series, number, occurred_on, address, department, officers, offender_kind, lat, lon, \
         act, article, point, sanction, amount_bani, paid_bani, paid_on, payment, \
         CAST(CASE WHEN offence_id IS NOT NULL AND import_id IS NOT NULL AND offender_id IS NOT NULL \
         THEN 1 ELSE 0 END AS BIGINT) AS linked \
         FROM activity_sanctions ORDER BY number",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("rows")
    .iter()
    .map(|r| {
        let text = |c: &str| r.try_get::<Option<String>, _>(c).expect(c).unwrap_or_default();
        let texts: Vec<String> = [
            "series", "number", "occurred_on", "address", "department", "officers",
            "offender_kind", "act", "article", "point", "sanction", "paid_on", "payment",
        ]
        .iter()
        .map(|c| text(c))
        .collect();
        let point: Option<(f64, f64)> = r
            .try_get::<Option<f64>, _>("lat")
            .expect("lat")
            .zip(r.try_get::<Option<f64>, _>("lon").expect("lon"));
        let linked = r.try_get::<i64, _>("linked").expect("linked") == 1;
        format!(
            "{} {point:?} {} {} {linked}",
            texts.join("|"),
            r.try_get::<i64, _>("amount_bani").expect("amount"),
            r.try_get::<i64, _>("paid_bani").expect("paid"),
        )
    })
    .collect();
    assert_eq!(
        rows,
        [
            "TM|0000001|2026-11-20|Str. Florilor 1|Ordine publică|Ag. Pop|person|Legea 61/1991|2|25|fine|2026-11-25|half_minimum Some((45.7537, 21.2257)) 100000 10000 true",
            "PLT|0000002|2026-11-21|Bd. Revoluției 5|Circulație|Ag. Ionescu, Ag. Marin|person|Legea 61/1991|2|1|warning||none None 0 0 true",
        ]
    );
});

both!(
    a_number_already_recorded_with_other_contents_is_flagged,
    |app| {
        // Arrange: two records stored.
        let analyst = app.api("ana", Role::Analyst).await;
        let first = format!("{HEADER}\n{}\n{}\n", good_row(1), good_row(2));
        let (_, v) = import_sanctions(&analyst, "prima.csv", "valid", first.into_bytes()).await;
        assert_eq!(v["inserted"], 2, "{v}");
        // A second file: row 2 repeats record 1, row 3 gives number 2 another date and place, row 4
        // is new.
        let changed = good_row(2)
            .replace("29.11.2026", "27.11.2026")
            .replace("Str. Florilor 2;", "Bd. Revoluției 5;");
        let second = format!("{HEADER}\n{}\n{changed}\n{}\n", good_row(1), good_row(3));

        // Act: check, then import the valid rows.
        let (s, check) =
            import_sanctions(&analyst, "a-doua.csv", "check", second.clone().into_bytes()).await;
        let (_, imported) =
            import_sanctions(&analyst, "a-doua.csv", "valid", second.into_bytes()).await;

        // Assert: the conflict is named by row, with what differs, in both languages; the repeated
        // record is not a conflict; the new row is imported, the conflicting one is not.
        assert_eq!(s, StatusCode::OK, "{check}");
        for v in [&check, &imported] {
            assert_eq!(v["conflicts"], 1, "{v}");
            assert_eq!(
                problems(v),
                vec![(3, String::new(), "number".to_string())],
                "{v}"
            );
            let line = &v["shown"][0];
            let en = line["message"].as_str().expect("message");
            let ro = line["message_ro"].as_str().expect("message_ro");
            assert!(
                en.contains("TM 0000002") && en.contains("date") && en.contains("place"),
                "{en}"
            );
            assert!(
                ro.contains("alt conținut") && ro.contains("27.11.2026"),
                "{ro}"
            );
            assert!(!en.contains('`') && !ro.contains('`'));
        }
        assert_eq!(imported["inserted"], 1, "{imported}");
        assert_eq!(
        app.count("SELECT COUNT(*) FROM activity_sanctions WHERE number = '0000002' AND occurred_on = '2026-11-29'")
            .await,
        1,
        "the stored record is unchanged"
    );
    }
);

both!(the_shipped_sample_does_not_reuse_the_demo_numbers, |app| {
    // The demo numbers each department's records from 1 every year (`2026000001`…); the sample's
    // numbers lie far above, so on the demo it imports its valid rows instead of colliding.
    let analyst = app.api("ana", Role::Analyst).await;
    let csv = std::fs::read(samples().join("sanctiuni-exemplu.csv")).expect("csv");
    let (text, _, _) = encoding_rs::WINDOWS_1250.decode(&csv);
    for line in text.lines().skip(1) {
        let number = line.split(';').nth(1).expect("number");
        assert!(number.starts_with("20269"), "{number}");
    }
    let (_, v) = import_sanctions(&analyst, "sanctiuni-exemplu.csv", "valid", csv).await;
    assert_eq!(v["inserted"], 5, "{v}");
    assert_eq!(v["conflicts"], 0, "{v}");
});

both!(
    formulas_in_imported_cells_never_reach_a_spreadsheet,
    |app| {
        let officer = app.api("ana", Role::DepartmentOfficer).await;
        let csv = [
        HEADER.to_string(),
        format!(
            "TM;0000001;29.11.2026;22:01;+cmd|' /C calc'!A0;45,7537;21,2257;Ordine publică;@SUM(A1);Ion Popescu;{};Legea 61/1991 art. 2 pct. 25;nu;amendă;1.000,00;;",
            cnp(1)
        ),
        format!(
            "TM;0000002;=1+1;22:01;Str. Florilor 2;;;OP;A;Ion Pop;{};Legea 61/1991 art. 2 pct. 25;nu;amendă;500;;",
            cnp(2)
        ),
    ]
    .join("\n");
        let (s, v) = import_sanctions(&officer, "pv.csv", "valid", csv.into_bytes()).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        // The problem report quotes the bad cell defused.
        let report = officer
            .get(&format!(
                "/api/v1/import-reports/{}",
                v["report"].as_str().expect("report")
            ))
            .await
            .text()
            .await
            .expect("report");
        assert!(report.contains(",'=1+1,"), "{report}");
        // The export writes the imported text defused, and the numbers as they are.
        let export = officer
            .get("/api/v1/sanctions/export?format=csv")
            .await
            .text()
            .await
            .expect("csv");
        assert!(
            export.contains(";'+cmd|' /C calc'!A0;") && export.contains(";'@SUM(A1);"),
            "{export}"
        );
        assert!(export.contains(";45.7537;21.2257;"), "{export}");
    }
);
