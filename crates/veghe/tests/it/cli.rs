//! The `veghe` command as an administrator scripts it.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::helpers::{Engine, TestDb};

fn veghe(url: &str, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_veghe"))
        .args(args)
        .env("VEGHE_DATABASE_URL", url)
        .env_remove("VEGHE_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run veghe");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write");
    } else {
        drop(child.stdin.take());
    }
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn engines() -> Vec<TestDb> {
    let mut v = vec![TestDb::new(Engine::Sqlite).await.expect("sqlite")];
    if let Some(pg) = TestDb::new(Engine::Postgres).await {
        v.push(pg);
    }
    v
}

#[tokio::test]
async fn users_tokens_and_audit_from_the_command_line() {
    for db in engines().await {
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

    let (code, _, err) = veghe("sqlite::memory:", &["--listen", "nowhere", "migrate"], None);
    assert_eq!(code, 1);
    assert!(err.contains("nowhere"), "{err}");
}
