//! A TrueType face for PDF: glyphs and advances for measuring and encoding text, and the
//! embedding as a CID-keyed Type 0 font (subset, widths, ToUnicode map so text can be copied
//! and searched).

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;

use super::PdfError;

/// A parsed face and what the document used of it.
pub struct Face<'a> {
    data: &'a [u8],
    face: ttf_parser::Face<'a>,
    /// Font units per em, as f32 for scaling.
    upem: f32,
    /// Old glyph id → new glyph id (= CID) in the subset.
    remapper: GlyphRemapper,
    /// New glyph id → the text it stands for.
    unicode: BTreeMap<u16, char>,
}

impl<'a> Face<'a> {
    pub fn parse(data: &'a [u8]) -> Result<Face<'a>, PdfError> {
        let face = ttf_parser::Face::parse(data, 0).map_err(|e| PdfError::Font(e.to_string()))?;
        let upem = f32::from(face.units_per_em());
        Ok(Face {
            data,
            face,
            upem,
            remapper: GlyphRemapper::new(),
            unicode: BTreeMap::new(),
        })
    }

    /// The glyph of `c`, with `?` standing in for a character the face does not have.
    fn glyph(&self, c: char) -> u16 {
        self.face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'))
            .map_or(0, |g| g.0)
    }

    fn to_em(&self, units: impl Into<f32>) -> f32 {
        units.into() / self.upem
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let g = ttf_parser::GlyphId(self.glyph(c));
                self.to_em(self.face.glyph_hor_advance(g).unwrap_or(0))
            })
            .sum::<f32>()
            * size
    }

    /// Height above the baseline, as a share of the size.
    pub fn ascent(&self) -> f32 {
        self.to_em(self.face.ascender())
    }

    /// `text` as the two-byte CIDs of the subset; records the glyphs used.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let cid = self.remapper.remap(self.glyph(c));
            self.unicode.entry(cid).or_insert(c);
            out.extend_from_slice(&cid.to_be_bytes());
        }
        out
    }

    /// The PostScript name, without spaces.
    fn postscript_name(&self) -> String {
        self.face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
            .find_map(|n| n.to_string())
            .unwrap_or_else(|| "Font".into())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    }

    /// Six capital letters naming this subset (PDF 32000 §9.6.4), from the glyphs it holds.
    fn subset_tag(&self) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for g in self.remapper.remapped_gids() {
            h = (h ^ u64::from(g)).wrapping_mul(0x100_0000_01b3);
        }
        (0..6)
            .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
            .collect()
    }

    /// Writes the Type 0 font `font` (with its CID font, descriptor, subset file and
    /// ToUnicode map, from `next` on) into `chunk`; answers the next free reference.
    pub fn embed(&self, chunk: &mut Chunk, font: Ref, next: Ref) -> Result<Ref, PdfError> {
        let [cid_ref, descriptor_ref, file_ref, cmap_ref] =
            [0, 1, 2, 3].map(|i| Ref::new(next.get() + i));
        let base = format!("{}+{}", self.subset_tag(), self.postscript_name());
        let name = Name(base.as_bytes());
        chunk
            .type0_font(font)
            .base_font(name)
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid_ref)
            .to_unicode(cmap_ref);
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"Identity"),
            supplement: 0,
        };
        let widths: Vec<f32> = self
            .remapper
            .remapped_gids()
            .map(|g| {
                1000.0
                    * self.to_em(
                        self.face
                            .glyph_hor_advance(ttf_parser::GlyphId(g))
                            .unwrap_or(0),
                    )
            })
            .collect();
        let mut cid = chunk.cid_font(cid_ref);
        cid.subtype(CidFontType::Type2)
            .base_font(name)
            .system_info(system)
            .font_descriptor(descriptor_ref)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid.widths().consecutive(0, widths);
        cid.finish();
        let bbox = self.face.global_bounding_box();
        let em = |v: i16| 1000.0 * self.to_em(v);
        let mut flags = FontFlags::NON_SYMBOLIC;
        if self.face.is_monospaced() {
            flags |= FontFlags::FIXED_PITCH;
        }
        chunk
            .font_descriptor(descriptor_ref)
            .name(name)
            .flags(flags)
            .bbox(Rect::new(
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ))
            .italic_angle(self.face.italic_angle())
            .ascent(em(self.face.ascender()))
            .descent(em(self.face.descender()))
            .cap_height(em(self
                .face
                .capital_height()
                .unwrap_or(self.face.ascender())))
            .stem_v(if self.face.is_bold() { 140.0 } else { 80.0 })
            .font_file2(file_ref);
        let subset = subsetter::subset(self.data, 0, &self.remapper)
            .map_err(|e| PdfError::Font(format!("subset: {e}")))?;
        let packed = super::deflate(&subset);
        chunk
            .stream(file_ref, &packed)
            .filter(Filter::FlateDecode)
            .pair(
                Name(b"Length1"),
                i32::try_from(subset.len()).unwrap_or(i32::MAX),
            );
        let mut cmap = UnicodeCmap::new(Name(b"Veghe-UTF16"), system);
        for (cid, c) in &self.unicode {
            cmap.pair(*cid, *c);
        }
        let cmap = cmap.finish();
        chunk.cmap(cmap_ref, &cmap);
        Ok(Ref::new(next.get() + 4))
    }
}
