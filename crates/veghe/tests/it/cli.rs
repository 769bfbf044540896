//! The `veghe` command as an administrator scripts it.

use crate::helpers::TestDb;
use crate::helpers::command::veghe;

#[tokio::test]
async fn users_tokens_and_audit_from_the_command_line() {
    for db in TestDb::each_engine().await {
        let url = db.url.as_str();
        let (code, out, err) = veghe(
            url,
            &[
                "user",
                "add",
                "maria",
                "--role",
                "registry_clerk",
                "--password-stdin",
            ],
            Some("o-parola-foarte-lunga\n"),
        );
        assert_eq!(code, 0, "{out}{err}");
        let (code, out, _) = veghe(url, &["user", "list"], None);
        assert_eq!(code, 0);
        assert!(out.contains("maria\tregistry_clerk\tactive"), "{out}");
        let (code, _, err) = veghe(url, &["user", "set-role", "maria", "emperor"], None);
        assert_ne!(code, 0);
        assert!(err.contains("emperor"), "{err}");
        let (code, out, _) = veghe(url, &["token", "create", "maria", "--name", "import"], None);
        assert_eq!(code, 0);
        assert!(out.trim().starts_with("vgh_"), "{out}");
        let (code, out, _) = veghe(url, &["audit", "verify"], None);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("intact: 2 entries"), "{out}");

        // Alter a row behind Veghe's back: verify fails and names the entry.
        let pool = veghe::db::Db::connect(url).await.expect("connect");
        sqlx::query("UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 1")
            .execute(pool.pool())
            .await
            .expect("tamper");
        pool.close().await;
        let (code, _, err) = veghe(url, &["audit", "verify"], None);
        assert_eq!(code, 1);
        assert!(err.contains("entry 1"), "{err}");
    }
}

#[test]
fn the_calendar_commands_print_dates() {
    let (code, out, _) = veghe(
        "sqlite::memory:",
        &["calendar", "deadline", "petition-answer", "2026-11-29"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(out.trim(), "2026-12-29");
    let (code, out, _) = veghe("sqlite::memory:", &["calendar", "holidays", "2026"], None);
    assert_eq!(code, 0);
    assert!(
        out.contains("2026-04-10") && out.contains("2026-04-12") && out.contains("2026-04-13"),
        "{out}"
    );
    let (code, _, err) = veghe(
        "sqlite::memory:",
        &["calendar", "deadline", "nope", "2026-11-29"],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: ") && err.contains("nope"), "{err}");
}

#[test]
fn a_wrong_setting_or_an_unreachable_database_is_one_clear_line() {
    let (code, _, err) = veghe("mysql://x", &["migrate"], None);
    assert_eq!(code, 1);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("sqlite:") && err.contains("postgres://"),
        "{err}"
    );

    let (code, _, err) = veghe("postgres://postgres@127.0.0.1:1/none", &["migrate"], None);
    assert_eq!(code, 1);
    assert!(err.contains("cannot open the database"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let (code, _, err) = veghe("sqlite::memory:", &["serve", "--listen", "nowhere"], None);
    assert_eq!(code, 1);
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn each_command_shows_the_settings_it_uses() {
    let help = |args: &[&str]| {
        let (code, out, err) = veghe("sqlite::memory:", args, None);
        assert_eq!(code, 0, "{err}");
        out
    };
    let analyze = help(&["analyze", "hotspots", "--help"]);
    assert!(
        !analyze.to_lowercase().contains("smtp") && !analyze.contains("--database-url"),
        "{analyze}"
    );
    let migrate = help(&["migrate", "--help"]);
    assert!(
        migrate.contains("--database-url") && !migrate.contains("--smtp-host"),
        "{migrate}"
    );
    assert!(!migrate.contains("--listen"), "{migrate}");
    let serve = help(&["serve", "--help"]);
    assert!(
        serve.contains("--database-url") && serve.contains("--smtp-host"),
        "{serve}"
    );

    // The database's settings may follow the command, and a flag wins over the environment.
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite:{}", dir.path().join("v.db").display());
    let (code, _, err) = veghe("mysql://x", &["user", "list", "--database-url", &url], None);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn analyze_knox_prints_the_near_repeat_table() {
    let input = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../veghe-analytics/tests/fixtures/knox/chicago_be_month1.csv"
    );
    let args = [
        "analyze",
        "knox",
        "--input",
        input,
        "--no-header",
        "--x-col",
        "1",
        "--y-col",
        "2",
        "--date-col",
        "3",
        "--distance-band",
        "100",
        "--distance-bands",
        "3",
        "--time-band",
        "7",
        "--time-bands",
        "3",
        "--metric",
        "manhattan",
        "--iterations",
        "20",
        "--seed",
        "1",
        "--format",
        "json",
    ];
    let (code, out, err) = veghe("sqlite::memory:", &args, None);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["distance_bands"].as_array().expect("rows").len(), 5);
    assert_eq!(v["time_bands"].as_array().expect("cols").len(), 4);
    let observed: u64 = v["observed"]
        .as_array()
        .expect("observed")
        .iter()
        .flat_map(|r| r.as_array().expect("row").iter().filter_map(|c| c.as_u64()))
        .sum();
    assert_eq!(observed, 970 * 969 / 2, "every pair counted once");
    assert!(
        v["p_value"][1][0].as_f64().expect("p") <= 0.05,
        "burglary near repeats at 100 m, 7 days"
    );

    let dir = tempfile::tempdir().expect("dir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "X,Y,date\n1,2,2026-01-01\n3,4,31.02.2026\n").expect("write");
    let bad_path = bad.display().to_string();
    let (code, _, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze",
            "knox",
            "--input",
            &bad_path,
            "--x-col",
            "X",
            "--y-col",
            "Y",
            "--date-col",
            "date",
            "--distance-band",
            "100",
            "--time-band",
            "7",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("row 3, column date"), "{err}");
}

#[test]
fn analyze_hotspots_and_kde_cover_the_bounding_grid() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("points.csv");
    // A tight cluster of 40 points in a field of 60 spread ones, on a 2 km square.
    let mut text = String::from("X,Y\n");
    for i in 0..100u32 {
        let (x, y) = if i < 40 {
            (
                1000.0 + f64::from(i % 7) * 10.0,
                1000.0 + f64::from(i % 5) * 10.0,
            )
        } else {
            (f64::from((i * 733) % 2000), f64::from((i * 389) % 2000))
        };
        text.push_str(&format!("{x},{y}\n"));
    }
    std::fs::write(&file, text).expect("write");
    let path = file.display().to_string();
    let (code, out, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze",
            "hotspots",
            "--input",
            &path,
            "--x-col",
            "X",
            "--y-col",
            "Y",
            "--cell",
            "250",
            "--permutations",
            "99",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "col,row,count,gi_z,gi_p,moran_i,moran_z,moran_p,class"
    );
    assert_eq!(
        lines.len() - 1,
        8 * 8,
        "every cell of the 2 km grid at 250 m"
    );
    let hot = lines
        .iter()
        .find(|l| l.starts_with("4,4,"))
        .expect("the cluster's cell");
    assert!(hot.contains(",hot_"), "{hot}");

    let (code, out, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze",
            "kde",
            "--input",
            &path,
            "--x-col",
            "X",
            "--y-col",
            "Y",
            "--cell",
            "250",
            "--bandwidth",
            "300",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count() - 1, 64);

    let (code, _, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze", "hotspots", "--input", &path, "--x-col", "X", "--y-col", "Q", "--cell",
            "250",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("no column `Q`"), "{err}");
}

#[test]
fn analyze_evaluate_scores_a_map_against_later_events() {
    let dir = tempfile::tempdir().expect("dir");
    // Earlier and later events both concentrated in one 100 m cell, plus a spread.
    let write = |name: &str, shift: f64| {
        let mut text = String::from("X,Y\n");
        for i in 0..50u32 {
            text.push_str(&format!(
                "{},{}\n",
                510.0 + shift + f64::from(i % 5),
                520.0 + f64::from(i % 3)
            ));
        }
        for i in 0..50u32 {
            text.push_str(&format!(
                "{},{}\n",
                f64::from((i * 97) % 1000),
                f64::from((i * 61) % 1000)
            ));
        }
        let p = dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        p.display().to_string()
    };
    let (train, test) = (write("train.csv", 0.0), write("test.csv", 20.0));
    let (code, out, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze", "evaluate", "--train", &train, "--test", &test, "--x-col", "X", "--y-col",
            "Y", "--cell", "100", "--method", "counts", "--shares", "1,5",
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let first = &v["evaluations"][0];
    assert_eq!(first["total_cells"], 100, "a 1 km square at 100 m");
    assert_eq!(first["cells"], 1, "1% of 100 cells");
    // The hot cell of the earlier events is [500, 600) × [500, 600): count the later events in it.
    let text = std::fs::read_to_string(&test).expect("read");
    let in_hot = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(','))
        .filter_map(|(x, y)| Some((x.parse::<f64>().ok()?, y.parse::<f64>().ok()?)))
        .filter(|(x, y)| (500.0..600.0).contains(x) && (500.0..600.0).contains(y))
        .count() as u64;
    assert!(in_hot >= 50);
    assert_eq!(
        first["captured"], in_hot,
        "the later cluster falls in the earlier hot cell"
    );
    let pai = first["pai"].as_f64().expect("pai");
    let expected = (in_hot as f64 / 100.0) / (1.0 / 100.0);
    assert!(
        (pai - expected).abs() < 1e-9,
        "PAI = (n/N)/(a/A) = {expected}, got {pai}"
    );
    assert_eq!(first["pei_star"], 1.0);

    let (code, _, err) = veghe(
        "sqlite::memory:",
        &[
            "analyze", "evaluate", "--train", &train, "--test", &test, "--x-col", "X", "--y-col",
            "Y", "--cell", "100", "--shares", "150",
        ],
        None,
    );
    assert_eq!(code, 1);
    assert!(err.contains("--shares"), "{err}");
}
