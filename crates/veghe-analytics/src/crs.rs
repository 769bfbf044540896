//! WGS 84 longitude/latitude to Universal Transverse Mercator metres (Timișoara lies in zone 34N,
//! central meridian 21° E), so distances can be measured on points given in degrees; Stereo 70
//! (EPSG:3844) is in [`stereo70`].
//!
//! The projection is Krüger's series to fourth order in the third flattening `n`, as given by
//! C. F. F. Karney, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85 (2011),
//! eq. (7)–(11) and (35): better than a millimetre within the zone. Scale factor 0.9996, false easting
//! 500 000 m, false northing 0 m (northern hemisphere) or 10 000 000 m (southern).

pub mod stereo70;

pub use stereo70::to_stereo70;

/// WGS 84 semi-major axis, metres.
const A: f64 = 6_378_137.0;
/// WGS 84 flattening.
const F: f64 = 1.0 / 298.257_223_563;
const K0: f64 = 0.9996;

/// A UTM zone: number 1–60 and hemisphere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtmZone {
    pub number: u8,
    pub north: bool,
}

impl UtmZone {
    /// The zone holding a longitude and latitude (without the Norway/Svalbard exceptions).
    pub fn of(lon: f64, lat: f64) -> UtmZone {
        let number = (((lon + 180.0) / 6.0).floor() as i64).clamp(0, 59) as u8 + 1;
        UtmZone {
            number,
            north: lat >= 0.0,
        }
    }

    /// Timișoara's zone, 34N (EPSG:32634).
    pub const Z34N: UtmZone = UtmZone {
        number: 34,
        north: true,
    };

    /// The zone's EPSG code (326zz north, 327zz south).
    pub fn epsg(self) -> u32 {
        (if self.north { 32_600 } else { 32_700 }) + u32::from(self.number)
    }

    fn central_meridian(self) -> f64 {
        f64::from(self.number) * 6.0 - 183.0
    }
}

/// Why a coordinate cannot be projected.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CrsError {
    #[error("longitude {0} is not between -180 and 180")]
    Longitude(f64),
    #[error("latitude {0} is not between -80 and 84 (the UTM band)")]
    Latitude(f64),
    #[error(
        "longitude {lon}, latitude {lat} is far from Romania (14–36° E, 38–54° N), where Stereo 70 applies"
    )]
    OutsideRomania { lon: f64, lat: f64 },
}

/// Projects (longitude, latitude) in degrees on WGS 84 to (easting, northing) metres in `zone`.
pub fn to_utm(lon: f64, lat: f64, zone: UtmZone) -> Result<(f64, f64), CrsError> {
    if !(-180.0..=180.0).contains(&lon) {
        return Err(CrsError::Longitude(lon));
    }
    if !(-80.0..=84.0).contains(&lat) {
        return Err(CrsError::Latitude(lat));
    }
    let n = F / (2.0 - F);
    let (n2, n3, n4) = (n * n, n * n * n, n * n * n * n);
    let big_a = A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0);
    let alpha = [
        n / 2.0 - 2.0 / 3.0 * n2 + 5.0 / 16.0 * n3 + 41.0 / 180.0 * n4,
        13.0 / 48.0 * n2 - 3.0 / 5.0 * n3 + 557.0 / 1440.0 * n4,
        61.0 / 240.0 * n3 - 103.0 / 140.0 * n4,
        49_561.0 / 161_280.0 * n4,
    ];
    let e = (F * (2.0 - F)).sqrt();
    let phi = lat.to_radians();
    let dl = (lon - zone.central_meridian()).to_radians();
    let sin_phi = phi.sin();
    let t = (sin_phi.atanh() - e * (e * sin_phi).atanh()).sinh();
    let xi = t.atan2(dl.cos());
    let eta = (dl.sin() / (1.0 + t * t).sqrt()).atanh();
    let (mut x, mut y) = (eta, xi);
    for (j, a) in alpha.iter().enumerate() {
        let k = 2.0 * (j + 1) as f64;
        x += a * (k * xi).cos() * (k * eta).sinh();
        y += a * (k * xi).sin() * (k * eta).cosh();
    }
    let easting = 500_000.0 + K0 * big_a * x;
    let northing = K0 * big_a * y + if zone.north { 0.0 } else { 10_000_000.0 };
    Ok((easting, northing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_central_meridian_at_the_equator_is_the_false_easting() {
        let (e, n) = to_utm(21.0, 0.0, UtmZone::Z34N).expect("utm");
        assert!((e - 500_000.0).abs() < 1e-6 && n.abs() < 1e-6);
        assert_eq!(UtmZone::of(21.23, 45.75), UtmZone::Z34N);
        assert_eq!(UtmZone::Z34N.epsg(), 32_634);
        assert!(to_utm(200.0, 45.0, UtmZone::Z34N).is_err());
        assert!(to_utm(21.0, 89.0, UtmZone::Z34N).is_err());
    }
}
