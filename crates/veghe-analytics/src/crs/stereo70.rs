//! WGS 84 longitude/latitude to Stereo 70 (EPSG:3844, "Pulkovo 1942(58) / Stereo70"), Romania's
//! national grid, the way PROJ does it for EPSG:4326 → EPSG:3844:
//!
//! 1. WGS 84 (height 0) to geocentric X, Y, Z;
//! 2. the inverse of the Helmert transformation "Pulkovo 1942(58) to WGS 84 (19)" (EPSG:15994,
//!    coordinate-frame convention, PROJ's small-angle rotation matrix): t = (2.329, −147.042,
//!    −92.08) m, r = (0.309, −0.325, −0.497)″, scale +5.69 ppm — PROJ's first choice, stated
//!    accuracy 3 m against the ground, which is the datum's and not this code's;
//! 3. geocentric to latitude/longitude on the Krasovsky 1940 ellipsoid (a = 6 378 245 m,
//!    1/f = 298.3), iterated to well under a micrometre;
//! 4. the oblique ("double") stereographic projection as PROJ's `sterea`: Gauss's conformal sphere
//!    (C. F. Gauss; the constants of PROJ's `gauss` step), then a stereographic projection of the
//!    sphere from the origin φ0 = 46° N, λ0 = 25° E, scale k0 = 0.99975, false easting and northing
//!    500 000 m.
//!
//! Against pyproj 3.7.2 (PROJ 9.5) the result agrees within 1 mm over Romania
//! (tests/crs_stereo70.rs); the datum shift itself is good to about 3 m on the ground, as EPSG says.

use super::CrsError;

/// WGS 84 ellipsoid.
const WGS84_A: f64 = 6_378_137.0;
const WGS84_F: f64 = 1.0 / 298.257_223_563;
/// Krasovsky 1940 ellipsoid.
const KRASS_A: f64 = 6_378_245.0;
const KRASS_F: f64 = 1.0 / 298.3;
/// The Helmert parameters of EPSG:15994 (Pulkovo 1942(58) → WGS 84), metres, arc-seconds, ppm.
const T: [f64; 3] = [2.329, -147.042, -92.08];
const R_ARCSEC: [f64; 3] = [0.309, -0.325, -0.497];
const SCALE_PPM: f64 = 5.69;
/// The projection's constants.
const LAT0: f64 = 46.0;
const LON0: f64 = 25.0;
const K0: f64 = 0.999_75;
const FALSE_EASTING: f64 = 500_000.0;
const FALSE_NORTHING: f64 = 500_000.0;

fn geodetic_to_ecef(lon: f64, lat: f64, a: f64, f: f64) -> [f64; 3] {
    let es = f * (2.0 - f);
    let (phi, lam) = (lat.to_radians(), lon.to_radians());
    let n = a / (1.0 - es * phi.sin().powi(2)).sqrt();
    [
        n * phi.cos() * lam.cos(),
        n * phi.cos() * lam.sin(),
        n * (1.0 - es) * phi.sin(),
    ]
}

/// (longitude, latitude) in radians of a geocentric point (the height is dropped).
fn ecef_to_geodetic(p: [f64; 3], a: f64, f: f64) -> (f64, f64) {
    let es = f * (2.0 - f);
    let lam = p[1].atan2(p[0]);
    let r = p[0].hypot(p[1]);
    let mut phi = p[2].atan2(r * (1.0 - es));
    for _ in 0..10 {
        let n = a / (1.0 - es * phi.sin().powi(2)).sqrt();
        let h = r / phi.cos() - n;
        phi = p[2].atan2(r * (1.0 - es * n / (n + h)));
    }
    (lam, phi)
}

/// The inverse of the coordinate-frame Helmert step: WGS 84 geocentric → Pulkovo 1942(58).
fn helmert_inverse(p: [f64; 3]) -> [f64; 3] {
    let [rx, ry, rz] = R_ARCSEC.map(|r| (r / 3600.0).to_radians());
    // Coordinate frame, small angles: target = T + (1 + s)·R·source with
    // R = [[1, rz, −ry], [−rz, 1, rx], [ry, −rx, 1]]; the inverse applies Rᵀ.
    let m = 1.0 + SCALE_PPM * 1e-6;
    let d = [p[0] - T[0], p[1] - T[1], p[2] - T[2]];
    [
        (d[0] - rz * d[1] + ry * d[2]) / m,
        (rz * d[0] + d[1] - rx * d[2]) / m,
        (-ry * d[0] + rx * d[1] + d[2]) / m,
    ]
}

/// Latitude and longitude (radians) on Krasovsky to Stereo 70 metres.
fn sterea(lam: f64, phi: f64) -> (f64, f64) {
    use std::f64::consts::FRAC_PI_4;
    let es = KRASS_F * (2.0 - KRASS_F);
    let e = es.sqrt();
    let phi0 = LAT0.to_radians();
    let (s0, c0) = phi0.sin_cos();
    // Gauss's conformal sphere: radius rc (in units of a), exponent c, latitude chi0 of the origin.
    let rc = (1.0 - es).sqrt() / (1.0 - es * s0 * s0);
    let c = (1.0 + es * c0.powi(4) / (1.0 - es)).sqrt();
    let chi0 = (s0 / c).asin();
    let ratexp = 0.5 * c * e;
    let srat = |esinp: f64| ((1.0 - esinp) / (1.0 + esinp)).powf(ratexp);
    let k =
        (0.5 * chi0 + FRAC_PI_4).tan() / ((0.5 * phi0 + FRAC_PI_4).tan().powf(c) * srat(e * s0));
    let chi = 2.0 * (k * (0.5 * phi + FRAC_PI_4).tan().powf(c) * srat(e * phi.sin())).atan()
        - std::f64::consts::FRAC_PI_2;
    let l = c * (lam - LON0.to_radians());
    // The stereographic projection of the sphere from chi0.
    let (sc, cc) = chi.sin_cos();
    let (sc0, cc0) = chi0.sin_cos();
    let cl = l.cos();
    let kk = K0 * 2.0 * rc / (1.0 + sc0 * sc + cc0 * cc * cl);
    let x = kk * cc * l.sin();
    let y = kk * (cc0 * sc - sc0 * cc * cl);
    (FALSE_EASTING + KRASS_A * x, FALSE_NORTHING + KRASS_A * y)
}

/// Projects (longitude, latitude) in degrees on WGS 84 to Stereo 70 (easting, northing) metres.
/// Points far from Romania (outside 14–36° E, 38–54° N) are refused: Stereo 70 is Romania's grid,
/// and such a point is usually a swapped or wrong column.
pub fn to_stereo70(lon: f64, lat: f64) -> Result<(f64, f64), CrsError> {
    if !(14.0..=36.0).contains(&lon) || !(38.0..=54.0).contains(&lat) {
        return Err(CrsError::OutsideRomania { lon, lat });
    }
    let wgs = geodetic_to_ecef(lon, lat, WGS84_A, WGS84_F);
    let pulkovo = helmert_inverse(wgs);
    let (lam, phi) = ecef_to_geodetic(pulkovo, KRASS_A, KRASS_F);
    Ok(sterea(lam, phi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geocentric_round_trip_is_exact_enough() {
        let p = geodetic_to_ecef(21.23, 45.75, KRASS_A, KRASS_F);
        let (lam, phi) = ecef_to_geodetic(p, KRASS_A, KRASS_F);
        assert!((lam.to_degrees() - 21.23).abs() < 1e-11);
        assert!((phi.to_degrees() - 45.75).abs() < 1e-11);
    }

    #[test]
    fn the_origin_is_the_false_origin_and_far_points_are_refused() {
        let (x, y) = sterea(LON0.to_radians(), LAT0.to_radians());
        assert!((x - 500_000.0).abs() < 1e-6 && (y - 500_000.0).abs() < 1e-6);
        assert!(to_stereo70(45.75, 21.23).is_err());
        assert!(to_stereo70(21.23, 45.75).is_ok());
    }
}
