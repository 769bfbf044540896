//! A grid of cells over lon/lat holding the lines whose bounding box touches each cell, so that a
//! tile or a nearest-street search looks at the lines near it only.

use std::collections::HashMap;

/// `[min_lon, min_lat, max_lon, max_lat]`.
pub type BBox = [f64; 4];

/// The bounding box of points.
pub fn bbox(points: &[(f64, f64)]) -> BBox {
    points.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, &(x, y)| [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)],
    )
}

/// Whether two boxes overlap.
pub fn overlaps(a: &BBox, b: &BBox) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

#[derive(Debug, Default)]
pub struct Grid {
    cells: HashMap<(i32, i32), Vec<u32>>,
}

/// Cell size in degrees (about 0.8 km east–west and 1.1 km north–south at 45° N).
const CELL: f64 = 0.01;

fn cell(v: f64) -> i32 {
    // Saturating conversion: coordinates are validated to ±180°.
    (v / CELL).floor() as i32
}

impl Grid {
    pub fn insert(&mut self, id: u32, b: &BBox) {
        for cx in cell(b[0])..=cell(b[2]) {
            for cy in cell(b[1])..=cell(b[3]) {
                self.cells.entry((cx, cy)).or_default().push(id);
            }
        }
    }

    /// The ids in the cells `b` touches, each once, in increasing order.
    pub fn query(&self, b: &BBox) -> Vec<u32> {
        let (x0, x1, y0, y1) = (cell(b[0]), cell(b[2]), cell(b[1]), cell(b[3]));
        let mut out = Vec::new();
        let count = (i64::from(x1) - i64::from(x0) + 1) * (i64::from(y1) - i64::from(y0) + 1);
        if count > self.cells.len() as i64 {
            // A box larger than the data: every cell.
            self.cells
                .iter()
                .filter(|((cx, cy), _)| (x0..=x1).contains(cx) && (y0..=y1).contains(cy))
                .for_each(|(_, ids)| out.extend_from_slice(ids));
        } else {
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    if let Some(ids) = self.cells.get(&(cx, cy)) {
                        out.extend_from_slice(ids);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
