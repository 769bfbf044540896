//! Uploaded files waiting for their mapping, and the problem reports of imports (both may hold
//! CNPs): kept under a random token in a directory of this process's own, made with an
//! unguessable name and readable by its owner alone (0700, files 0600), so no other account of
//! the machine reads them or places a link where they are written. An upload goes when its import
//! has written (`forget`), or when abandoned for two hours; a report after a day.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use crate::error::AppError;

/// An upload nobody imported is removed after this long.
const UPLOAD_KEPT: Duration = Duration::from_secs(2 * 3600);
/// A problem report is removed after this long.
const REPORT_KEPT: Duration = Duration::from_secs(24 * 3600);

fn dir() -> Result<&'static Path, AppError> {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    if let Some(d) = DIR.get() {
        return Ok(d.path());
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix("veghe-imports-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let made = builder.tempdir().map_err(internal)?;
    Ok(DIR.get_or_init(|| made).path())
}

/// Writes a new file readable by its owner alone.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(internal)?;
    file.write_all(bytes).map_err(internal)
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
    let d = dir()?;
    sweep(d);
    let t = token()?;
    write_private(&d.join(format!("{t}.data")), bytes)?;
    write_private(&d.join(format!("{t}.name")), name.as_bytes())?;
    Ok(t)
}

/// Removes the upload of `token` (its import has written); its report stays to be read.
pub fn forget(token: &str) -> Result<(), AppError> {
    let t = checked(token)?;
    let d = dir()?;
    for ext in ["data", "name"] {
        let _ = std::fs::remove_file(d.join(format!("{t}.{ext}")));
    }
    Ok(())
}

/// The kept file's path and original name.
pub fn find(token: &str) -> Result<(PathBuf, String), AppError> {
    let t = checked(token)?;
    let d = dir()?;
    let name =
        std::fs::read_to_string(d.join(format!("{t}.name"))).map_err(|_| AppError::NotFound)?;
    Ok((d.join(format!("{t}.data")), name))
}

/// Where the report of the import of `token` goes.
pub fn report_path(token: &str) -> Result<PathBuf, AppError> {
    let t = checked(token)?;
    Ok(dir()?.join(format!("{t}.report.csv")))
}

/// Removes abandoned uploads and old reports.
fn sweep(d: &Path) {
    let Ok(entries) = std::fs::read_dir(d) else {
        return;
    };
    for e in entries.flatten() {
        let kept = if e.file_name().to_string_lossy().ends_with(".report.csv") {
            REPORT_KEPT
        } else {
            UPLOAD_KEPT
        };
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > kept);
        if old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn uploads_are_private_and_go_when_imported() {
        use std::os::unix::fs::PermissionsExt;
        let t = keep("pv.csv", b"Serie;Numar").expect("kept");
        let (path, name) = find(&t).expect("found");
        assert_eq!(name, "pv.csv");
        let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        let d = path.parent().expect("dir");
        assert_eq!(mode(d), 0o700);
        assert!(!d.starts_with(std::env::temp_dir().join("veghe-imports")));
        forget(&t).expect("forgotten");
        assert!(!path.exists());
        assert!(find(&t).is_err());
    }
}
