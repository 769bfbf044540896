//! Uploaded files waiting for their mapping, and the problem reports of imports: kept in a
//! directory of this machine's temporary space under a random token (a day at most).

use std::path::PathBuf;

use crate::error::AppError;

fn dir() -> PathBuf {
    std::env::temp_dir().join("veghe-imports")
}

/// A new random token.
pub fn token() -> Result<String, AppError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|e| AppError::Internal(anyhow::anyhow!("random: {e}")))?;
    Ok(hex::encode(b))
}

fn checked(token: &str) -> Result<&str, AppError> {
    if token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(token)
    } else {
        Err(AppError::NotFound)
    }
}

fn internal(e: std::io::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("uploads: {e}"))
}

/// Keeps an uploaded file; returns its token.
pub fn keep(name: &str, bytes: &[u8]) -> Result<String, AppError> {
    let d = dir();
    std::fs::create_dir_all(&d).map_err(internal)?;
    sweep(&d);
    let t = token()?;
    std::fs::write(d.join(format!("{t}.data")), bytes).map_err(internal)?;
    std::fs::write(d.join(format!("{t}.name")), name).map_err(internal)?;
    Ok(t)
}

/// The kept file's path and original name.
pub fn find(token: &str) -> Result<(PathBuf, String), AppError> {
    let t = checked(token)?;
    let d = dir();
    let name =
        std::fs::read_to_string(d.join(format!("{t}.name"))).map_err(|_| AppError::NotFound)?;
    Ok((d.join(format!("{t}.data")), name))
}

/// Where the report of the import of `token` goes.
pub fn report_path(token: &str) -> Result<PathBuf, AppError> {
    let t = checked(token)?;
    let d = dir();
    std::fs::create_dir_all(&d).map_err(internal)?;
    Ok(d.join(format!("{t}.report.csv")))
}

/// Removes what is older than a day.
fn sweep(d: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(d) else {
        return;
    };
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 86_400);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
