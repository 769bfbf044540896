//! A release's photos: JPEG or PNG only (known by their content, not their name), at most
//! 10 MB, decoded and encoded again at most 1600 px a side, which leaves behind EXIF and the
//! GPS location. Added while the release is still being written; shown to the staff at once and
//! to the public only once the release is published.

use std::io::Cursor;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use image::{ImageFormat, ImageReader, Limits};
use serde::Serialize;

use super::model;
use super::store::{Release, get_in};
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, now_ms};
use crate::error::{AppError, AppResult, Said};

/// The largest photo accepted.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// The longest side kept.
pub const MAX_SIDE: u32 = 1600;

/// A photo of a release (without its bytes).
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Photo {
    pub id: i64,
    pub release_id: i64,
    pub position: i64,
    pub caption: Option<String>,
    pub content_type: String,
    pub width: i64,
    pub height: i64,
}

pub fn too_big() -> AppError {
    AppError::bad(
        "photo",
        Said::new(
            "Fotografia: cel mult 10 MB; micșorați-o și încercați din nou.",
            "photo: at most 10 MB; make it smaller and try again",
        ),
    )
}

fn not_an_image() -> AppError {
    AppError::bad(
        "photo",
        Said::new(
            "Fotografia: doar imagini JPEG sau PNG; fișierul ales nu este una.",
            "photo: only JPEG or PNG images; the file chosen is not one",
        ),
    )
}

/// The photo decoded and encoded again (`content type, width, height, bytes`).
pub fn reencode(bytes: &[u8]) -> AppResult<(&'static str, u32, u32, Vec<u8>)> {
    if bytes.len() > MAX_BYTES {
        return Err(too_big());
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png)) => f,
        _ => return Err(not_an_image()),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(400 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| not_an_image())?;
    let img = if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let mut out = Cursor::new(Vec::new());
    let content_type = match format {
        ImageFormat::Jpeg => {
            let rgb = image::DynamicImage::ImageRgb8(img.to_rgb8());
            let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            rgb.write_with_encoder(enc)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("jpeg: {e}")))?;
            "image/jpeg"
        }
        _ => {
            img.write_to(&mut out, ImageFormat::Png)
                .map_err(|e| AppError::Internal(anyhow::anyhow!("png: {e}")))?;
            "image/png"
        }
    };
    Ok((content_type, img.width(), img.height(), out.into_inner()))
}

/// Adds a photo to a release that is still being written.
pub async fn add(
    db: &Db,
    me: &CurrentUser,
    release_id: i64,
    bytes: Vec<u8>,
    caption: Option<String>,
) -> AppResult<Photo> {
    {
        let mut tx = db.begin().await?;
        let r = get_in(&mut tx, release_id).await?;
        model::may_edit(r.status())?;
        tx.rollback().await?;
    }
    let (content_type, width, height, data) = tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("photo: {e}")))??;
    let mut tx = db.begin().await?;
    let r: Release = get_in(&mut tx, release_id).await?;
    model::may_edit(r.status())?;
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM press_release_photos WHERE release_id = $1",
    )
    .bind(release_id)
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_release_photos (release_id, position, caption, content_type, width, height, data, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(release_id)
    .bind(position)
    .bind(&caption)
    .bind(content_type)
    .bind(i64::from(width))
    .bind(i64::from(height))
    .bind(data)
    .bind(me.id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let photo = Photo {
        id,
        release_id,
        position,
        caption,
        content_type: content_type.to_string(),
        width: i64::from(width),
        height: i64::from(height),
    };
    audit::append(
        &mut tx,
        &me.actor(),
        Change::of(
            "press.release_photo",
            "press_release",
            release_id,
            None,
            &photo,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(photo)
}

/// The photos of a release, in order.
pub async fn of_release(db: &Db, release_id: i64) -> AppResult<Vec<Photo>> {
    Ok(sqlx::query_as::<_, Photo>(
        "SELECT id, release_id, position, caption, content_type, width, height FROM press_release_photos \
         WHERE release_id = $1 ORDER BY position",
    )
    .bind(release_id)
    .fetch_all(db.pool())
    .await?)
}

/// A photo's bytes; `public_at` given, only when its release is published by then.
pub async fn bytes(db: &Db, id: i64, public_at: Option<i64>) -> AppResult<Response> {
    let row: Option<(String, Vec<u8>)> = sqlx::query_as(
        "SELECT p.content_type, p.data FROM press_release_photos p JOIN press_releases r ON r.id = p.release_id \
         WHERE p.id = $1 AND ($2 = 0 OR (r.status = 'approved' AND r.published_at <= $3))",
    )
    .bind(id)
    .bind(i64::from(public_at.is_some()))
    .bind(public_at.unwrap_or(0))
    .fetch_optional(db.pool())
    .await?;
    let (content_type, data) = row.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                if public_at.is_some() {
                    "public, max-age=300".to_string()
                } else {
                    "private, no-store".to_string()
                },
            ),
        ],
        data,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 30, 30]));
        let mut out = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(img)
            .write_to(&mut out, ImageFormat::Jpeg)
            .expect("jpeg");
        out.into_inner()
    }

    #[test]
    fn a_large_photo_is_made_smaller() {
        let (ct, w, h, data) = reencode(&jpeg(3200, 800)).expect("photo");
        assert_eq!((ct, w, h), ("image/jpeg", 1600, 400));
        assert_eq!(&data[..2], &[0xFF, 0xD8]);
    }

    #[test]
    fn text_named_as_a_photo_is_refused() {
        let e = reencode(b"just some text, not a photo").expect_err("refused");
        assert!(e.said(crate::web::Lang::Ro).contains("JPEG"));
        let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
        assert!(reencode(gif).is_err());
    }
}
