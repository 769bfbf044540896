//! Basemap tiles: the streets of a Web Mercator tile `z/x/y` drawn as a 256×256 SVG, with roads
//! styled by class and zoom ([`style`]) and, from zoom 16, street names along the streets
//! ([`labels`]). Lines are clipped to the tile widened by a margin, so strokes join across tiles.

mod labels;
mod mercator;
mod style;

use std::fmt::Write;

use crate::grid::overlaps;
use crate::model::{Line, StreetMap};
use mercator::{SIZE, TileFrame, clip};
use style::{BACKGROUND, ORDER, style};

/// Pixels drawn beyond each edge: more than half the widest stroke.
const MARGIN: f64 = 40.0;

impl StreetMap {
    /// The streets of tile `z/x/y` as an SVG of 256×256 pixels (only the background for a tile
    /// that does not exist or holds no street).
    pub fn tile_svg(&self, z: u8, x: u32, y: u32) -> String {
        let mut svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
             width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\
             <rect width=\"256\" height=\"256\" fill=\"{BACKGROUND}\"/>"
        );
        if let Some(frame) = TileFrame::new(z, x, y) {
            let b = frame.bbox(MARGIN);
            let lines: Vec<&Line> = (self.grid.query(&b).into_iter())
                .map(|i| &self.lines[i as usize])
                .filter(|l| overlaps(&l.bbox, &b) && style(l.highway, z).is_some())
                .collect();
            draw(&mut svg, &frame, &lines, z);
            if z >= 16 {
                labels::write(&mut svg, self, &frame, &lines, z);
            }
        }
        svg.push_str("</svg>");
        svg
    }
}

/// Every class as one path: the dashed paths, then all casings, then all fills.
fn draw(svg: &mut String, frame: &TileFrame, lines: &[&Line], z: u8) {
    let mut paths: Vec<String> = vec![String::new(); ORDER.len()];
    for l in lines {
        if let Some(i) = ORDER.iter().position(|&h| h == l.highway) {
            path(&mut paths[i], frame, &l.points);
        }
    }
    let layers = ORDER.iter().zip(&paths).filter(|(_, d)| !d.is_empty());
    let styled: Vec<_> = layers
        .filter_map(|(&h, d)| style(h, z).map(|s| (s, d)))
        .collect();
    for (s, d) in styled.iter().filter(|(s, _)| s.casing.is_none()) {
        let dash = s
            .dash
            .map(|a| format!(" stroke-dasharray=\"{a}\""))
            .unwrap_or_default();
        stroke(svg, d, s.fill, s.width, &dash);
    }
    for (s, d) in &styled {
        if let Some((colour, width)) = s.casing {
            stroke(svg, d, colour, width, "");
        }
    }
    for (s, d) in styled.iter().filter(|(s, _)| s.casing.is_some()) {
        stroke(svg, d, s.fill, s.width, "");
    }
}

fn stroke(svg: &mut String, d: &str, colour: &str, width: f64, extra: &str) {
    let _ = write!(
        svg,
        "<path d=\"{d}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width:.1}\" \
         stroke-linecap=\"round\" stroke-linejoin=\"round\"{extra}/>"
    );
}

/// Appends the line, clipped to the tile and its margin, to a path's data.
fn path(d: &mut String, frame: &TileFrame, points: &[(f64, f64)]) {
    let px: Vec<(f64, f64)> = points.iter().map(|&p| frame.px(p)).collect();
    let mut last: Option<(f64, f64)> = None;
    for w in px.windows(2) {
        let Some((a, b)) = clip(w[0], w[1], -MARGIN, SIZE + MARGIN) else {
            last = None;
            continue;
        };
        if last != Some(a) {
            let _ = write!(d, "M{:.1} {:.1}", a.0, a.1);
        }
        let _ = write!(d, "L{:.1} {:.1}", b.0, b.1);
        last = (b == w[1]).then_some(b);
    }
}

#[cfg(test)]
mod tests;
