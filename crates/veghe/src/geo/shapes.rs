//! Plane geometry on `(lon, lat)` rings and great-circle distance: the little Veghe needs, no geo crate.

/// Mean Earth radius in metres (IUGG).
const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Metres per degree of latitude (near enough everywhere for a city).
const M_PER_DEG_LAT: f64 = 111_195.0;

/// Great-circle (haversine) distance in metres between two `(lon, lat)` points.
pub fn distance_m(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let (phi1, phi2) = (lat1.to_radians(), lat2.to_radians());
    let dphi = (lat2 - lat1).to_radians();
    let dlambda = (lon2 - lon1).to_radians();
    let a = (dphi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (dlambda / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * a.sqrt().min(1.0).asin()
}

/// `(min_lon, min_lat, max_lon, max_lat)` of a box holding every point within `radius_m` of
/// `(lon, lat)`, a little larger than the circle: a cheap first filter in SQL before
/// [`distance_m`] decides.
pub fn around(lon: f64, lat: f64, radius_m: f64) -> (f64, f64, f64, f64) {
    let dlat = radius_m / M_PER_DEG_LAT * 1.1;
    let dlon = dlat / lat.to_radians().cos().max(0.01);
    (lon - dlon, lat - dlat, lon + dlon, lat + dlat)
}

/// Even-odd ray casting: is `(x, y)` inside the ring? Works for closed and unclosed rings.
pub fn point_in_ring(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let Some(&last) = ring.last() else {
        return false;
    };
    let mut prev = last;
    for &(xi, yi) in ring {
        let (xj, yj) = prev;
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        prev = (xi, yi);
    }
    inside
}

/// `(min_x, min_y, max_x, max_y)` of the points (all zero when there are none).
pub fn bbox(points: impl Iterator<Item = (f64, f64)>) -> (f64, f64, f64, f64) {
    let mut b = (
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    );
    for (x, y) in points {
        b = (b.0.min(x), b.1.min(y), b.2.max(x), b.3.max(y));
    }
    if b.0.is_finite() {
        b
    } else {
        (0.0, 0.0, 0.0, 0.0)
    }
}

/// Signed shoelace sum and the centroid numerators of a ring, in degrees.
fn shoelace(ring: &[(f64, f64)]) -> (f64, f64, f64) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    let Some(&(ox, oy)) = ring.first() else {
        return (0.0, 0.0, 0.0);
    };
    // Relative to the first vertex, for precision.
    for pair in ring.windows(2) {
        let (x0, y0) = (pair[0].0 - ox, pair[0].1 - oy);
        let (x1, y1) = (pair[1].0 - ox, pair[1].1 - oy);
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    (a / 2.0, cx, cy)
}

/// Area-weighted centroid of a closed ring (the vertex mean if the ring is degenerate).
pub fn ring_centroid(ring: &[(f64, f64)]) -> (f64, f64) {
    let (a, cx, cy) = shoelace(ring);
    match ring.first() {
        Some(&(ox, oy)) if a.abs() > 1e-12 => (ox + cx / (6.0 * a), oy + cy / (6.0 * a)),
        _ => {
            let n = ring.len().max(1) as f64;
            let (sx, sy) = ring
                .iter()
                .fold((0.0, 0.0), |(sx, sy), &(x, y)| (sx + x, sy + y));
            (sx / n, sy / n)
        }
    }
}

/// Approximate area of a closed ring in km² (equirectangular at the ring's mean latitude).
pub fn ring_area_km2(ring: &[(f64, f64)]) -> f64 {
    let (a, _, _) = shoelace(ring);
    let lat = ring.iter().map(|p| p.1).sum::<f64>() / ring.len().max(1) as f64;
    a.abs() * M_PER_DEG_LAT * M_PER_DEG_LAT * lat.to_radians().cos() / 1e6
}

/// Moves a point by `(east_m, north_m)` metres.
pub fn offset_m(lon: f64, lat: f64, east_m: f64, north_m: f64) -> (f64, f64) {
    let dlat = north_m / M_PER_DEG_LAT;
    let dlon = east_m / (M_PER_DEG_LAT * lat.to_radians().cos());
    (lon + dlon, lat + dlat)
}
