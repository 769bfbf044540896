//! The case page's files: the clerk adds the scanned petition and its annexes with a multipart
//! form (the CSRF token in the form's address, as for the incident's attachments), saying what
//! each file is; a refused file is named on the case page, in the reader's language.

use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::attachments::{self, FORM_MAX_BYTES, MAX_BYTES, Part, Upload};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{self, Id};
use crate::web::{Lang, Shell};

/// The body the form's route accepts (the extractor's own default is 2 MB).
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(FORM_MAX_BYTES + 64 * 1024)
}

fn cut_short() -> AppError {
    AppError::bad(
        "file",
        Said::new(
            "Fișier: încărcarea s-a întrerupt sau depășește 15 MB împreună; încercați din nou, cu mai puține fișiere odată.",
            "file: the upload was cut short or is over 15 MB together; try again with fewer files at once",
        ),
    )
}

/// The files of the form, each with what the clerk said it is: a row's `kind` follows its
/// `file` field (which may hold several files), so each kind goes with the files before it.
/// Empty rows are skipped.
async fn read(mut form: Multipart) -> AppResult<Vec<(Upload, Part)>> {
    let mut out = Vec::new();
    let mut pending: Vec<Upload> = Vec::new();
    let mut total = 0usize;
    while let Some(mut field) = form.next_field().await.map_err(|_| cut_short())? {
        match field.name() {
            Some("file") => {
                let name =
                    extract::clean("file", field.file_name().unwrap_or_default())?.to_string();
                let mut data = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| cut_short())? {
                    data.extend_from_slice(&chunk);
                    if data.len() > MAX_BYTES {
                        return Err(attachments::too_big(&name));
                    }
                }
                total += data.len();
                if total > FORM_MAX_BYTES {
                    return Err(cut_short());
                }
                if !(name.is_empty() && data.is_empty()) {
                    pending.push(attachments::parse(Some(&name), data.into())?);
                }
            }
            Some("kind") => {
                let part = Part::parse(&field.text().await.map_err(|_| cut_short())?)?;
                out.extend(pending.drain(..).map(|up| (up, part)));
            }
            _ => {}
        }
    }
    out.extend(pending.drain(..).map(|up| (up, Part::Other)));
    if out.is_empty() {
        return Err(AppError::bad(
            "file",
            Said::new(
                "Fișier: alegeți cel puțin un fișier de atașat.",
                "file: choose at least one file to attach",
            ),
        ));
    }
    Ok(out)
}

pub(super) async fn attach(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    form: Multipart,
) -> AppResult<Response> {
    let result = match read(form).await {
        Ok(files) => attachments::add(&state.db, &me.actor(), id, files).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/registry/{id}#files")).into_response()),
        Err(e @ AppError::BadRequest { .. }) => {
            let status = e.status();
            let text = e.said(shell.lang);
            let mut r =
                super::case::case_with(&state, shell, id, super::case::Trouble::files(text))
                    .await?;
            *r.status_mut() = status;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

/// An attachment as the case page lists it.
pub struct FileRow {
    pub id: i64,
    pub name: String,
    pub part: &'static str,
    pub size: String,
    pub who: String,
    pub when: String,
    /// Opened in the browser rather than saved.
    pub shown: bool,
}

/// The entry's attachments, in words.
pub async fn rows(db: &crate::db::Db, id: i64, lang: Lang) -> AppResult<Vec<FileRow>> {
    let w = super::case_texts::of(lang);
    Ok(attachments::of_entry(db, id)
        .await?
        .into_iter()
        .map(|a| FileRow {
            part: match a.kind.as_str() {
                "scan" => w.file_scan,
                "annex" => w.file_annex,
                _ => w.file_other,
            },
            size: size(a.size, lang),
            who: a.uploaded_by.unwrap_or_default(),
            when: crate::web::local_time(a.uploaded_at),
            shown: a.content_type != "application/zip",
            id: a.id,
            name: a.name,
        })
        .collect())
}

/// `12 KB`, `1,4 MB` (the decimal comma in Romanian).
pub fn size(bytes: i64, lang: Lang) -> String {
    let text = if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    };
    match lang {
        Lang::Ro => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_written_for_people() {
        assert_eq!(size(512, Lang::Ro), "512 B");
        assert_eq!(size(2048, Lang::En), "2 KB");
        assert_eq!(size(3 * 1024 * 1024 / 2, Lang::Ro), "1,5 MB");
        assert_eq!(size(3 * 1024 * 1024 / 2, Lang::En), "1.5 MB");
    }
}
