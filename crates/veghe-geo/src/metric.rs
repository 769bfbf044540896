//! Distances in metres: a local flat frame around a reference point (equirectangular; within a
//! city its error is far below a metre), and polylines measured along their length.

/// Metres per degree of latitude (mean).
const M_PER_DEG: f64 = 111_195.0;

/// A flat frame in metres centred on a reference point.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    lon0: f64,
    lat0: f64,
    kx: f64,
}

impl Frame {
    pub fn at(lon0: f64, lat0: f64) -> Frame {
        Frame {
            lon0,
            lat0,
            kx: M_PER_DEG * lat0.to_radians().cos(),
        }
    }

    /// `(x, y)` in metres east and north of the reference point.
    pub fn xy(&self, (lon, lat): (f64, f64)) -> (f64, f64) {
        ((lon - self.lon0) * self.kx, (lat - self.lat0) * M_PER_DEG)
    }

    /// The inverse of [`Frame::xy`].
    pub fn lonlat(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (self.lon0 + x / self.kx, self.lat0 + y / M_PER_DEG)
    }
}

/// Distance in metres between two `(lon, lat)` points.
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    let f = Frame::at(a.0, (a.1 + b.1) / 2.0);
    let (x, y) = f.xy(b);
    let (x0, y0) = f.xy(a);
    (x - x0).hypot(y - y0)
}

/// Where a point falls on a polyline: the distance along it to the foot of the perpendicular
/// (chainage) and the distance from the point to the line, both in metres.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Foot {
    pub chainage: f64,
    pub offset: f64,
}

/// A polyline in a flat frame with its cumulative lengths.
#[derive(Clone, Debug)]
pub struct Measured {
    pub frame: Frame,
    pts: Vec<(f64, f64)>,
    /// `cum[i]`: length from the start to point `i`.
    cum: Vec<f64>,
}

impl Measured {
    /// `points` are `(lon, lat)`; the frame is centred on the first.
    pub fn new(points: &[(f64, f64)]) -> Measured {
        let (lon0, lat0) = points.first().copied().unwrap_or((0.0, 0.0));
        let frame = Frame::at(lon0, lat0);
        let pts: Vec<(f64, f64)> = points.iter().map(|&p| frame.xy(p)).collect();
        let mut cum = Vec::with_capacity(pts.len());
        let mut total = 0.0;
        for (i, p) in pts.iter().enumerate() {
            if i > 0 {
                total += (p.0 - pts[i - 1].0).hypot(p.1 - pts[i - 1].1);
            }
            cum.push(total);
        }
        Measured { frame, pts, cum }
    }

    pub fn length(&self) -> f64 {
        self.cum.last().copied().unwrap_or(0.0)
    }

    /// The nearest point of the line to `p` (`(lon, lat)`).
    pub fn foot(&self, p: (f64, f64)) -> Foot {
        let (px, py) = self.frame.xy(p);
        let mut best = Foot {
            chainage: 0.0,
            offset: f64::INFINITY,
        };
        for (i, w) in self.pts.windows(2).enumerate() {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 > 0.0 {
                (((px - ax) * dx + (py - ay) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let offset = (px - ax - t * dx).hypot(py - ay - t * dy);
            if offset < best.offset {
                best = Foot {
                    chainage: self.cum[i] + t * len2.sqrt(),
                    offset,
                };
            }
        }
        if self.pts.len() == 1 {
            best.offset = (px - self.pts[0].0).hypot(py - self.pts[0].1);
        }
        best
    }

    /// The point `(lon, lat)` at `chainage` metres from the start (clamped to the line).
    pub fn at(&self, chainage: f64) -> (f64, f64) {
        let c = chainage.clamp(0.0, self.length());
        let i = self
            .cum
            .partition_point(|&d| d < c)
            .clamp(1, self.pts.len().max(2) - 1);
        let Some((&(ax, ay), &(bx, by))) = self.pts.get(i - 1).zip(self.pts.get(i)) else {
            return self
                .frame
                .lonlat(self.pts.first().copied().unwrap_or((0.0, 0.0)));
        };
        let seg = self.cum[i] - self.cum[i - 1];
        let t = if seg > 0.0 {
            (c - self.cum[i - 1]) / seg
        } else {
            0.0
        };
        self.frame.lonlat((ax + t * (bx - ax), ay + t * (by - ay)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chainage_and_points_along_a_line() {
        // Two segments of about 100 m each: east, then north.
        let f = Frame::at(21.0, 45.0);
        let line: Vec<_> = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0)]
            .iter()
            .map(|&p| f.lonlat(p))
            .collect();
        let m = Measured::new(&line);
        assert!((m.length() - 200.0).abs() < 1e-6);
        let foot = m.foot(f.lonlat((50.0, 10.0)));
        assert!((foot.chainage - 50.0).abs() < 1e-6 && (foot.offset - 10.0).abs() < 1e-6);
        let foot = m.foot(f.lonlat((120.0, 150.0)));
        assert!((foot.chainage - 200.0).abs() < 1e-6);
        let p = f.xy(m.at(150.0));
        assert!((p.0 - 100.0).abs() < 1e-6 && (p.1 - 50.0).abs() < 1e-6);
        assert!(distance_m(line[0], line[1]) - 100.0 < 1e-6);
    }
}
