//! A new installation: `veghe serve` with the shipped example configuration starts on an empty
//! database, says how to create the first administrator (on its output and on the login page),
//! and stops saying so once there is one.

use std::io::{BufRead, BufReader, Lines};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use crate::helpers::TestDb;
use crate::helpers::command::veghe;

/// The example configuration shipped for installers.
fn example_config() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../deploy/veghe.toml")
        .display()
        .to_string()
}

/// `veghe serve` with the example configuration, on the test's database and a free port; answers
/// the process, its base URL and the rest of its output.
fn serve_with_example(url: &str) -> (Child, String, Lines<BufReader<ChildStdout>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_veghe"))
        .args(["serve", "--config", &example_config()])
        .args(["--database-url", url, "--listen", "127.0.0.1:0"])
        .args(["--cookie-secure", "false"])
        .env_remove("VEGHE_CONFIG")
        .env_remove("VEGHE_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start veghe serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().expect("a line").expect("read");
    let base = first
        .strip_prefix("Veghe: ")
        .unwrap_or_else(|| panic!("the address line, not {first:?}"))
        .trim_end_matches('/')
        .to_string();
    (child, base, lines)
}

async fn login_page(base: &str) -> String {
    reqwest::get(format!("{base}/login"))
        .await
        .expect("login page")
        .text()
        .await
        .expect("html")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_installation_says_how_to_create_its_first_administrator() {
    for db in TestDb::each_engine().await {
        // Arrange: an empty database, served with the shipped example configuration.
        let (mut child, base, mut output) = serve_with_example(&db.url);

        // Act / Assert: the server says how to create the first administrator…
        let said = output.next().expect("a second line").expect("read");
        assert!(
            said.contains("no administrator yet")
                && said.contains("veghe user add")
                && said.contains("--role administrator"),
            "{said}"
        );
        // …and so does the login page, in Romanian.
        let page = login_page(&base).await;
        assert!(page.contains("id=\"first-start\""), "{page}");
        assert!(
            page.contains("nu există încă niciun administrator"),
            "{page}"
        );

        // Once the administrator exists, the page no longer says it.
        let (code, out, err) = veghe(
            &db.url,
            &[
                "user",
                "add",
                "ana",
                "--role",
                "administrator",
                "--password-stdin",
            ],
            Some("o-parola-destul-de-lunga\n"),
        );
        assert_eq!(code, 0, "{out}{err}");
        let page = login_page(&base).await;
        assert!(!page.contains("id=\"first-start\""), "{page}");

        child.kill().expect("stop");
        child.wait().expect("wait");
    }
}

#[test]
fn the_shipped_service_files_start_veghe_with_the_example_configuration() {
    let deploy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../deploy");
    let unit = std::fs::read_to_string(deploy.join("veghe.service")).expect("unit");
    assert!(unit.contains("ExecStart=/usr/local/bin/veghe serve --config /etc/veghe/veghe.toml"));
    let backup = std::fs::read_to_string(deploy.join("veghe-backup.service")).expect("backup");
    assert!(backup.contains("veghe backup --config /etc/veghe/veghe.toml"));
    let timer = std::fs::read_to_string(deploy.join("veghe-backup.timer")).expect("timer");
    assert!(timer.contains("OnCalendar="));
}
