//! SVG to PNG on the server (resvg), for the charts and maps that are also exported as SVG.
//!
//! Text is set in the fonts the caller passes (the application embeds DejaVu Sans, installed from
//! npm with the other browser files): no system font is looked up, so the picture is the same on
//! every machine. The generic `sans-serif` (the last name in every chart's `font-family`) and any
//! family the fonts do not have fall back to the first font given.

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, Transform, fontdb};
use std::sync::Arc;

/// Why an SVG could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("the SVG cannot be read: {0}")]
    Svg(String),
    #[error("the picture would be {0}×{1} pixels: between 1 and 8192 on each side")]
    Size(u32, u32),
    #[error("the PNG cannot be written: {0}")]
    Encode(String),
}

/// The fonts for rendering, loaded once (parse them at start-up and keep them).
#[derive(Clone)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
}

impl Fonts {
    /// Fonts from TrueType/OpenType files' bytes; the first one's family stands in for every
    /// generic family.
    pub fn new(files: &[&'static [u8]]) -> Fonts {
        let mut db = fontdb::Database::new();
        for f in files {
            db.load_font_source(fontdb::Source::Binary(Arc::new(*f)));
        }
        let first: Option<String> = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone());
        if let Some(family) = first {
            db.set_sans_serif_family(family.clone());
            db.set_serif_family(family.clone());
            db.set_monospace_family(family.clone());
            db.set_cursive_family(family.clone());
            db.set_fantasy_family(family);
        }
        Fonts { db: Arc::new(db) }
    }

    /// How many font faces were loaded.
    pub fn faces(&self) -> usize {
        self.db.len()
    }
}

/// Renders `svg` at `scale` times its size (its `viewBox` when the width is relative) to a PNG.
pub fn svg_to_png(svg: &str, fonts: &Fonts, scale: f32) -> Result<Vec<u8>, PngError> {
    let opt = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts
            .db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map_or_else(|| "sans-serif".to_string(), |(n, _)| n.clone()),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if !(1..=8192).contains(&w) || !(1..=8192).contains(&h) {
        return Err(PngError::Size(w, h));
    }
    let mut pixmap = Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
