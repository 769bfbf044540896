//! Attachments of an incident (photos, documents, recordings): kept in the database with the
//! incident, their type read from their first bytes (a name or a declared type is not trusted).

use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use super::store::get_in;
use crate::audit::{self, Actor, Change};
use crate::db::events::publish;
use crate::db::{Db, now_ms};
use crate::error::{AppError, Said};

/// The largest attachment accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// The kinds accepted, as (media type, what people call it).
pub const KINDS: &[(&str, &str)] = &[
    ("image/jpeg", "JPEG"),
    ("image/png", "PNG"),
    ("image/webp", "WebP"),
    ("application/pdf", "PDF"),
    ("audio/mpeg", "MP3"),
    ("audio/wav", "WAV"),
    ("text/plain", "text"),
];

/// The media type of `bytes` by their signature, if it is one of [`KINDS`].
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let starts = |p: &[u8]| bytes.starts_with(p);
    if starts(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some("image/webp")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WAVE") {
        Some("audio/wav")
    } else if starts(b"%PDF-") {
        Some("application/pdf")
    } else if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        Some("audio/mpeg")
    } else if !bytes.is_empty() && std::str::from_utf8(bytes).is_ok_and(|t| !t.contains('\0')) {
        Some("text/plain")
    } else {
        None
    }
}

/// An attachment as lists show it (without its content).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Attachment {
    pub id: i64,
    pub incident_id: i64,
    pub at: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    #[sqlx(rename = "actor_name")]
    pub actor: String,
}

/// An attachment with its content.
#[derive(sqlx::FromRow)]
struct WithContent {
    #[sqlx(flatten)]
    attachment: Attachment,
    content: Vec<u8>,
}

fn clean_name(name: &str) -> Result<String, AppError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(AppError::bad(
            "name",
            Said::new(
                "Fișierul atașat trebuie să aibă un nume.",
                "the attachment needs a file name",
            ),
        ));
    }
    if cleaned.chars().count() > 200 {
        return Err(AppError::bad(
            "name",
            Said::new(
                "Numele fișierului poate avea cel mult 200 de caractere.",
                "the file name must have at most 200 characters",
            ),
        ));
    }
    Ok(cleaned)
}

/// Checks and stores an attachment; refused files leave nothing behind.
pub async fn add(
    db: &Db,
    actor: &Actor,
    incident_id: i64,
    name: &str,
    bytes: &[u8],
) -> Result<Attachment, AppError> {
    let name = clean_name(name)?;
    if bytes.is_empty() {
        return Err(AppError::bad(
            "file",
            Said::new(
                format!("Fișierul „{name}” este gol."),
                format!("`{name}` is empty"),
            ),
        ));
    }
    if bytes.len() > MAX_BYTES {
        let mb = MAX_BYTES / (1024 * 1024);
        return Err(AppError::bad(
            "file",
            Said::new(
                format!(
                    "Fișierul „{name}” are {} octeți; un atașament poate avea cel mult {mb} MB.",
                    bytes.len()
                ),
                format!(
                    "`{name}` has {} bytes; an attachment may have at most {mb} MB",
                    bytes.len()
                ),
            ),
        ));
    }
    let content_type = sniff(bytes).ok_or_else(|| {
        let kinds: Vec<&str> = KINDS.iter().map(|k| k.1).collect();
        AppError::bad(
            "file",
            Said::new(
                format!(
                    "Fișierul „{name}” nu este de un tip acceptat; se acceptă: {}.",
                    kinds.join(", ")
                ),
                format!(
                    "`{name}` is not of an accepted kind; accepted: {}",
                    kinds.join(", ")
                ),
            ),
        )
    })?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    let mut tx = db.begin().await?;
    get_in(&mut tx, incident_id).await?;
    let at = now_ms();
    let attachment_id: i64 = sqlx::query_scalar(
        "INSERT INTO incident_attachments (incident_id, at, name, content_type, size, sha256, content, actor_id, actor_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(incident_id)
    .bind(at)
    .bind(&name)
    .bind(content_type)
    .bind(bytes.len() as i64)
    .bind(&sha256)
    .bind(bytes)
    .bind(actor.user_id)
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    let attachment = Attachment {
        id: attachment_id,
        incident_id,
        at,
        name,
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        sha256,
        actor: actor.name.clone(),
    };
    super::timeline::record(
        &mut tx,
        actor,
        incident_id,
        super::timeline::Step {
            kind: "attachment",
            from: None,
            to: None,
            unit_id: None,
            note: Some(&attachment.name),
        },
    )
    .await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.attachment",
            entity: "incident",
            entity_id: Some(incident_id.to_string()),
            before: None,
            after: Some(json!(attachment)),
        },
    )
    .await?;
    publish(&mut tx, "incident.updated", &json!({"id": incident_id})).await?;
    tx.commit().await?;
    Ok(attachment)
}

const COLUMNS: &str = "id, incident_id, at, name, content_type, size, sha256, actor_name";

/// The attachments of an incident, oldest first.
pub async fn list(db: &Db, incident_id: i64) -> Result<Vec<Attachment>, AppError> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM incident_attachments WHERE incident_id = $1 ORDER BY id"
    )))
    .bind(incident_id)
    .fetch_all(db.pool())
    .await?)
}

/// One attachment with its content.
pub async fn content(db: &Db, id: i64) -> Result<(Attachment, Vec<u8>), AppError> {
    let found: WithContent = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, content FROM incident_attachments WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)?;
    Ok((found.attachment, found.content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_from_the_first_bytes() {
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), Some("image/jpeg"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), Some("audio/wav"));
        assert_eq!(
            sniff("Notă: martor în curte".as_bytes()),
            Some("text/plain")
        );
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), None, "a Windows executable");
        assert_eq!(sniff(&[]), None);
    }

    #[test]
    fn names_lose_their_folders() {
        assert_eq!(
            clean_name("C:\\poze\\foto 1.jpg").expect("name"),
            "foto 1.jpg"
        );
        assert_eq!(clean_name("../../etc/passwd").expect("name"), "passwd");
        assert!(clean_name("  ").is_err());
        assert!(clean_name("dir/..").is_err());
    }
}
