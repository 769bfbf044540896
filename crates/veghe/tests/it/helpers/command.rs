//! The `veghe` binary run as an administrator runs it: arguments, a database URL, standard input.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `veghe args` on the database at `url` with `stdin` (none: closed); answers the exit code,
/// stdout and stderr.
pub fn veghe(url: &str, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
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
