//! Attachments of a registry entry: the scanned letter, photos, documents. The body is the file
//! itself; its kind is read from its first bytes, not trusted from the header, and the limits
//! (size, kinds) are stated in the refusal.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::store::{self, event};
use crate::AppState;
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::now_ms;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Id, Query};

/// The largest attachment accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The most a page's form may carry at once (several files together).
pub const FORM_MAX_BYTES: usize = 15 * 1024 * 1024;
const LIMITS_EN: &str =
    "attachments are at most 10 MB and PDF, JPEG, PNG, DOCX/ODT (zip) or plain UTF-8 text";
const LIMITS_RO: &str =
    "atașamentele au cel mult 10 MB și sunt PDF, JPEG, PNG, DOCX/ODT (zip) sau text simplu UTF-8";

/// What an attachment is, as the clerk says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The scanned petition (or document) itself.
    Scan,
    Annex,
    Other,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Scan, Part::Annex, Part::Other];

    pub fn code(self) -> &'static str {
        match self {
            Part::Scan => "scan",
            Part::Annex => "annex",
            Part::Other => "other",
        }
    }

    /// `scan`, `annex` or `other`; anything else is refused naming the field.
    pub fn parse(text: &str) -> AppResult<Part> {
        Part::ALL
            .into_iter()
            .find(|p| p.code() == text.trim())
            .ok_or_else(|| {
                AppError::bad(
                    "kind",
                    Said::new(
                        "Ce este fișierul: alegeți scanarea petiției, anexă sau alt document.",
                        "what the file is: scan, annex or other",
                    ),
                )
            })
    }
}

/// An attachment's kind, known from its first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
    OfficeZip,
    Text,
}

impl Kind {
    /// Reads the kind from the content; `None` for anything else.
    pub fn sniff(data: &[u8]) -> Option<Kind> {
        if data.starts_with(b"%PDF-") {
            Some(Kind::Pdf)
        } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Kind::Jpeg)
        } else if data.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
            Some(Kind::Png)
        } else if data.starts_with(b"PK\x03\x04") {
            Some(Kind::OfficeZip)
        } else if std::str::from_utf8(data).is_ok() && !data.contains(&0) {
            Some(Kind::Text)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::OfficeZip => "application/zip",
            Kind::Text => "text/plain; charset=utf-8",
        }
    }
}

/// A file accepted: name, kind and content.
pub struct Upload {
    pub name: String,
    pub kind: Kind,
    pub data: Bytes,
}

/// The refusal of file `name` for being larger than the limit.
pub fn too_big(name: &str) -> AppError {
    AppError::bad(
        "file",
        Said::new(
            format!("Fișier: „{name}” are mai mult de 10 MB; {LIMITS_RO}."),
            format!("file `{name}` is larger than 10 MB; {LIMITS_EN}"),
        ),
    )
}

/// Checks name, size and kind.
pub fn parse(name: Option<&str>, data: Bytes) -> AppResult<Upload> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            AppError::bad(
                "name",
                Said::new(
                    "Numele fișierului lipsește: dați-l în adresă, de exemplu ?name=scrisoare.pdf.",
                    "give the file name in the query: ?name=scrisoare.pdf",
                ),
            )
        })?;
    if name.chars().count() > 200
        || name.contains(['/', '\\'])
        || name.chars().any(char::is_control)
    {
        return Err(AppError::bad(
            "name",
            Said::new(
                "Numele fișierului are cel mult 200 de caractere, nicio cale (fără / sau \\) și niciun caracter de control.",
                "the file name has at most 200 characters, no path and no control characters",
            ),
        ));
    }
    if data.is_empty() {
        return Err(AppError::bad(
            "file",
            Said::new(
                format!("Fișier: „{name}” este gol; {LIMITS_RO}."),
                format!("the file is empty; {LIMITS_EN}"),
            ),
        ));
    }
    if data.len() > MAX_BYTES {
        let mb = data.len() as f64 / (1024.0 * 1024.0);
        return Err(AppError::bad(
            "file",
            Said::new(
                format!(
                    "Fișier: „{name}” are {} MB; {LIMITS_RO}.",
                    format!("{mb:.1}").replace('.', ",")
                ),
                format!("the file has {mb:.1} MB; {LIMITS_EN}"),
            ),
        ));
    }
    let kind = Kind::sniff(&data).ok_or_else(|| {
        AppError::bad(
            "file",
            Said::new(
                format!("Fișier: „{name}” nu este de un tip acceptat; {LIMITS_RO}."),
                format!("this kind of file is not accepted; {LIMITS_EN}"),
            ),
        )
    })?;
    Ok(Upload {
        name: name.to_string(),
        kind,
        data,
    })
}

/// An attachment as listed.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: i64,
    /// What it is: `scan` (of the petition itself), `annex` or `other`.
    pub kind: String,
    /// Who added it (their name), when known.
    pub uploaded_by: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct NameQuery {
    /// The file name, e.g. `scrisoare.pdf`.
    pub name: Option<String>,
    /// What it is: `scan` (of the petition itself), `annex` or `other` (the default).
    pub kind: Option<String>,
}

/// Attaches a file to an entry (the request body is the file). Limits: 10 MB; PDF, JPEG, PNG,
/// DOCX/ODT or plain text, recognised by content.
#[utoipa::path(post, path = "/api/v1/petitions/{id}/attachments", tag = "registry",
    params(("id" = i64, Path), NameQuery), request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = Attachment), (status = 400, body = crate::error::ErrorBody), (status = 404)),
    security(("bearer" = [])))]
pub async fn upload(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Query(q): Query<NameQuery>,
    body: axum::body::Body,
) -> AppResult<(StatusCode, Json<Attachment>)> {
    // Read here rather than by the `Bytes` extractor, whose default limit is 2 MB.
    let data = axum::body::to_bytes(body, MAX_BYTES + 1)
        .await
        .map_err(|_| too_big(q.name.as_deref().unwrap_or_default()))?;
    let part = Part::parse(q.kind.as_deref().unwrap_or("other"))?;
    let up = parse(q.name.as_deref(), data)?;
    let mut out = add(&state.db, &me.actor(), id, vec![(up, part)]).await?;
    let first = out
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no attachment stored")))?;
    Ok((StatusCode::CREATED, Json(first)))
}

/// Stores checked files on entry `id` in one transaction, each with its timeline step and
/// audit entry: all of them, or none.
pub async fn add(
    db: &crate::db::Db,
    actor: &crate::audit::Actor,
    id: i64,
    files: Vec<(Upload, Part)>,
) -> AppResult<Vec<Attachment>> {
    let now = now_ms();
    let mut tx = db.begin().await?;
    store::get_in(&mut tx, id).await?;
    let mut stored = Vec::new();
    for (up, part) in files {
        let sha = hex::encode(Sha256::digest(&up.data));
        let attachment_id: i64 = sqlx::query_scalar(
            "INSERT INTO registry_attachments (entry_id, name, content_type, size, sha256, data, uploaded_at, uploaded_by, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(id)
        .bind(&up.name)
        .bind(up.kind.content_type())
        .bind(up.data.len() as i64)
        .bind(&sha)
        .bind(up.data.to_vec())
        .bind(now)
        .bind(actor.user_id)
        .bind(part.code())
        .fetch_one(&mut *tx)
        .await?;
        let out = Attachment {
            id: attachment_id,
            name: up.name,
            content_type: up.kind.content_type().to_string(),
            size: up.data.len() as i64,
            sha256: sha,
            uploaded_at: now,
            kind: part.code().to_string(),
            uploaded_by: Some(actor.name.clone()),
        };
        event(&mut tx, actor, id, "attached", Some(&out.name)).await?;
        audit::append(
            &mut tx,
            actor,
            Change {
                action: "registry.attach",
                entity: "registry_entry",
                entity_id: Some(id.to_string()),
                before: None,
                after: Some(json!(out)),
            },
        )
        .await?;
        stored.push(out);
    }
    tx.commit().await?;
    Ok(stored)
}

/// The attachments of an entry.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/attachments", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = [Attachment]), (status = 404)), security(("bearer" = [])))]
pub async fn list(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Vec<Attachment>>> {
    store::get(&state.db, id).await?;
    Ok(Json(of_entry(&state.db, id).await?))
}

/// The attachments of entry `id`, oldest first.
pub async fn of_entry(db: &crate::db::Db, id: i64) -> AppResult<Vec<Attachment>> {
    let out: Vec<Attachment> = sqlx::query_as(
        "SELECT a.id, a.name, a.content_type, a.size, a.sha256, a.uploaded_at, a.kind, u.display_name AS uploaded_by \
         FROM registry_attachments a LEFT JOIN users u ON u.id = a.uploaded_by WHERE a.entry_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(out)
}

/// One attachment's content, as a download.
#[utoipa::path(get, path = "/api/v1/registry/attachments/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/octet-stream"), (status = 404)), security(("bearer" = [])))]
pub async fn download(State(state): State<AppState>, Id(id): Id) -> AppResult<Response> {
    file(&state, id, false).await
}

/// One attachment opened in the browser (PDF, pictures and text shown, other kinds saved).
pub async fn open(State(state): State<AppState>, Id(id): Id) -> AppResult<Response> {
    file(&state, id, true).await
}

async fn file(state: &AppState, id: i64, inline: bool) -> AppResult<Response> {
    let r = sqlx::query("SELECT name, content_type, data FROM registry_attachments WHERE id = $1")
        .bind(id)
        .fetch_optional(state.db.pool())
        .await?
        .ok_or(AppError::NotFound)?;
    let name: String = r.try_get("name")?;
    let content_type: String = r.try_get("content_type")?;
    let data: Vec<u8> = r.try_get("data")?;
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let shown = inline && content_type != Kind::OfficeZip.content_type();
    let disposition = if shown { "inline" } else { "attachment" };
    if let Ok(v) = HeaderValue::from_str(&format!("{disposition}; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok((headers, data).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_read_from_the_content_and_limits_named() {
        assert_eq!(Kind::sniff(b"%PDF-1.7 ..."), Some(Kind::Pdf));
        assert_eq!(Kind::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Kind::Jpeg));
        assert_eq!(Kind::sniff("Bună ziua".as_bytes()), Some(Kind::Text));
        assert_eq!(Kind::sniff(&[0x4D, 0x5A, 0x90, 0x00]), None);
        let big = Bytes::from(vec![b'a'; MAX_BYTES + 1]);
        match parse(Some("a.txt"), big) {
            Err(AppError::BadRequest { field, message }) => {
                assert_eq!(field, Some("file"));
                assert!(message.contains("10 MB"), "{message}");
            }
            _ => panic!("an oversized file must be refused"),
        }
        assert!(parse(None, Bytes::from_static(b"text")).is_err());
        assert!(parse(Some("../x.txt"), Bytes::from_static(b"text")).is_err());
        assert!(parse(Some("a\u{0}b.txt"), Bytes::from_static(b"text")).is_err());
        assert!(parse(Some("a\r\nSet-Cookie: x.txt"), Bytes::from_static(b"text")).is_err());
    }
}
