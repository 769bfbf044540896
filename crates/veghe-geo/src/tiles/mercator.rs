//! Web Mercator (the slippy-map tile scheme): a tile's pixels for `(lon, lat)`, the lon/lat box
//! a tile covers, and segments clipped to a rectangle of pixels.

use std::f64::consts::PI;

use crate::grid::BBox;

/// Pixels per tile side.
pub const SIZE: f64 = 256.0;

/// Tile `z/x/y` as a pixel frame: `(0, 0)` is its top-left corner, `(256, 256)` the bottom right.
#[derive(Clone, Copy, Debug)]
pub struct TileFrame {
    z: u8,
    world: f64,
    x0: f64,
    y0: f64,
}

impl TileFrame {
    /// `None` when the tile does not exist (`x` or `y` at or past `2^z`, or `z` above 24).
    pub fn new(z: u8, x: u32, y: u32) -> Option<TileFrame> {
        let n = 1u64 << z.min(25);
        (z <= 24 && u64::from(x) < n && u64::from(y) < n).then(|| TileFrame {
            z,
            world: SIZE * n as f64,
            x0: f64::from(x) * SIZE,
            y0: f64::from(y) * SIZE,
        })
    }

    /// A name for the tile to prefix its element ids with, unique among tiles.
    pub fn id(&self) -> String {
        format!("t{}-{}-{}", self.z, self.x0 / SIZE, self.y0 / SIZE)
    }

    /// The pixel of `(lon, lat)` in this tile (outside `0..256` when it lies elsewhere).
    pub fn px(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        let s = lat.clamp(-85.0511, 85.0511).to_radians();
        let wx = (lon + 180.0) / 360.0 * self.world;
        let wy = (1.0 - (s.tan() + 1.0 / s.cos()).ln() / PI) / 2.0 * self.world;
        (wx - self.x0, wy - self.y0)
    }

    fn lonlat(&self, (px, py): (f64, f64)) -> (f64, f64) {
        let (wx, wy) = (px + self.x0, py + self.y0);
        let lat = (PI * (1.0 - 2.0 * wy / self.world))
            .sinh()
            .atan()
            .to_degrees();
        (wx / self.world * 360.0 - 180.0, lat)
    }

    /// The lon/lat box of the tile widened by `margin` pixels on each side.
    pub fn bbox(&self, margin: f64) -> BBox {
        let (w, n) = self.lonlat((-margin, -margin));
        let (e, s) = self.lonlat((SIZE + margin, SIZE + margin));
        [w, s, e, n]
    }
}

/// The part of segment `a`–`b` inside `[lo, hi]²` (Liang–Barsky), or `None`.
pub fn clip(a: (f64, f64), b: (f64, f64), lo: f64, hi: f64) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - lo),
        (dx, hi - a.0),
        (-dy, a.1 - lo),
        (dy, hi - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then_some({
        (
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_point_lands_in_its_tile() {
        // Piața Unirii, Timișoara, is in tile 16/36632/23378.
        let f = TileFrame::new(16, 36632, 23378);
        let p = f.map(|f| f.px((21.2290, 45.7580)));
        assert!(
            p.is_some_and(|(x, y)| (0.0..256.0).contains(&x) && (0.0..256.0).contains(&y)),
            "{p:?}"
        );
        assert!(TileFrame::new(2, 4, 0).is_none());
        assert!(TileFrame::new(40, 0, 0).is_none());
    }

    #[test]
    fn segments_are_cut_at_the_edges() {
        assert_eq!(
            clip((-10.0, 5.0), (10.0, 5.0), 0.0, 256.0),
            Some(((0.0, 5.0), (10.0, 5.0)))
        );
        assert_eq!(clip((-10.0, -5.0), (-1.0, 300.0), 0.0, 256.0), None);
    }
}
