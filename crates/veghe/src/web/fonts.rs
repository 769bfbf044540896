//! The fonts embedded for drawing text on the server (PNG exports, PDF documents): DejaVu Sans and its bold, from
//! the npm package `dejavu-fonts-ttf` pinned in web/package-lock.json (see build.rs), parsed once.

use std::sync::OnceLock;

use veghe_docs::png::Fonts;

include!(concat!(env!("OUT_DIR"), "/fonts.rs"));

/// The parsed fonts, shared by every rendering.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts::new(&[DEJAVU_SANS, DEJAVU_SANS_BOLD]))
}

/// Renders an SVG to PNG at twice its size, off the async threads.
pub async fn png(svg: String) -> crate::error::AppResult<Vec<u8>> {
    tokio::task::spawn_blocking(move || veghe_docs::png::svg_to_png(&svg, fonts(), 2.0))
        .await
        .map_err(|e| crate::error::AppError::Internal(e.into()))?
        .map_err(|e| crate::error::AppError::Internal(e.into()))
}
