//! PDF output (PDF 1.7) with pdf-writer: the document laid out on A4 pages (`layout`), the text
//! set in the caller's TrueType faces, embedded as subsets (`font`) with a ToUnicode map so the
//! Romanian letters (ă â î ș ț) are drawn, copied and searched as themselves. Streams are
//! compressed (zlib).

mod font;
pub mod layout;

use std::fmt;
use std::io::Write;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::doc::Document;
use font::Face;
use layout::{Item, Measure, PAGE_H, PAGE_W, Style};

/// The faces a document is set in: regular and bold TrueType files.
#[derive(Clone, Copy, Debug)]
pub struct Fonts<'a> {
    pub regular: &'a [u8],
    pub bold: &'a [u8],
}

/// Why a PDF could not be written.
#[derive(Debug)]
pub enum PdfError {
    /// A face could not be read or subset.
    Font(String),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::Font(e) => write!(f, "font: {e}"),
        }
    }
}

impl std::error::Error for PdfError {}

/// zlib-compressed bytes, for a `FlateDecode` stream.
fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

struct Faces<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl<'a> Faces<'a> {
    fn get(&mut self, style: Style) -> &mut Face<'a> {
        match style {
            Style::Regular => &mut self.regular,
            Style::Bold => &mut self.bold,
        }
    }
}

impl Measure for Faces<'_> {
    fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        match style {
            Style::Regular => self.regular.width(text, size),
            Style::Bold => self.bold.width(text, size),
        }
    }

    fn ascent(&self, style: Style) -> f32 {
        match style {
            Style::Regular => self.regular.ascent(),
            Style::Bold => self.bold.ascent(),
        }
    }
}

const REGULAR: Name = Name(b"F1");
const BOLD: Name = Name(b"F2");

fn content(items: &[Item], faces: &mut Faces) -> Vec<u8> {
    let mut c = Content::new();
    c.set_line_width(0.5);
    c.set_stroke_gray(0.55);
    for item in items {
        match item {
            Item::Fill { x, y, w, h, gray } => {
                c.set_fill_gray(*gray);
                c.rect(*x, *y, *w, *h);
                c.fill_nonzero();
            }
            Item::Frame { x, y, w, h } => {
                c.rect(*x, *y, *w, *h);
                c.stroke();
            }
            Item::Text {
                style,
                size,
                x,
                y,
                gray,
                text,
            } => {
                let name = if *style == Style::Bold { BOLD } else { REGULAR };
                let glyphs = faces.get(*style).encode(text);
                c.set_fill_gray(*gray);
                c.begin_text();
                c.set_font(name, *size);
                c.next_line(*x, *y);
                c.show(Str(&glyphs));
                c.end_text();
            }
        }
    }
    c.finish().to_vec()
}

/// `doc` as a PDF file set in `fonts`.
pub fn pdf(doc: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let mut faces = Faces {
        regular: Face::parse(fonts.regular)?,
        bold: Face::parse(fonts.bold)?,
    };
    let pages = layout::layout(doc, &faces);
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let info = Ref::new(3);
    let regular = Ref::new(4);
    let bold = Ref::new(5);
    let first_page = 6;
    let page_refs: Vec<(Ref, Ref)> = (0..pages.len() as i32)
        .map(|i| {
            (
                Ref::new(first_page + 2 * i),
                Ref::new(first_page + 2 * i + 1),
            )
        })
        .collect();
    let mut out = Pdf::new();
    let mut cat = out.catalog(catalog);
    cat.pages(tree).lang(TextStr(&doc.lang));
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    out.document_info(info)
        .title(TextStr(&doc.title))
        .producer(TextStr("Veghe"));
    out.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(i32::try_from(page_refs.len()).unwrap_or(i32::MAX));
    for (items, (page_ref, content_ref)) in pages.iter().zip(&page_refs) {
        let mut page = out.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(*content_ref);
        page.resources()
            .fonts()
            .pair(REGULAR, regular)
            .pair(BOLD, bold);
        page.finish();
        let data = deflate(&content(items, &mut faces));
        out.stream(*content_ref, &data).filter(Filter::FlateDecode);
    }
    let next = Ref::new(first_page + 2 * page_refs.len() as i32);
    let mut chunk = pdf_writer::Chunk::new();
    let next = faces.regular.embed(&mut chunk, regular, next)?;
    faces.bold.embed(&mut chunk, bold, next)?;
    out.extend(&chunk);
    Ok(out.finish())
}

#[cfg(test)]
mod tests;
