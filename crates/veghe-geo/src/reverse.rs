//! The nearest street to a point (a click on the map): the lines of the grid cells around it,
//! widened until a line is found or 2 km is passed.

use serde::Serialize;

use crate::StreetMap;
use crate::metric::Measured;

/// The street nearest to a point.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nearest {
    /// As mapped: `Strada Mihai Eminescu`.
    pub street: String,
    /// From the point to the street's centre-line, in metres.
    pub distance_m: f64,
}

/// Search radii in degrees of latitude (about 110 m, 440 m, 1.8 km).
const RADII: [f64; 3] = [0.001, 0.004, 0.016];

impl StreetMap {
    /// The nearest street to `(lon, lat)` within about 2 km, footpaths included.
    pub fn reverse(&self, lon: f64, lat: f64) -> Option<Nearest> {
        if !(lon.is_finite() && lat.is_finite()) {
            return None;
        }
        let k = lat.to_radians().cos().max(0.01);
        for r in RADII {
            let b = [lon - r / k, lat - r, lon + r / k, lat + r];
            let nearest = self
                .grid
                .query(&b)
                .into_iter()
                .map(|i| &self.lines[i as usize])
                .map(|l| (Measured::new(&l.points).foot((lon, lat)).offset, l.street))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            // Only a line within the radius is surely the nearest.
            if let Some((d, street)) = nearest.filter(|(d, _)| *d <= r * 111_000.0) {
                let street = self.streets[street as usize].name.clone();
                return Some(Nearest {
                    street,
                    distance_m: d,
                });
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::timisoara;

    #[test]
    fn a_point_on_a_street_and_one_far_away() {
        let Ok(map) = timisoara() else {
            panic!("the shipped data loads")
        };
        // addresses.csv: `Aleea Actorilor,1,45.730458,21.203641`, a building beside the alley.
        let n = map.reverse(21.203641, 45.730458);
        assert!(n.as_ref().is_some_and(|n| n.distance_m < 60.0), "{n:?}");
        let g = map.geocode("Bulevardul Republicii");
        let n = g.and_then(|g| map.reverse(g.lon, g.lat));
        assert!(n.is_some_and(|n| n.street == "Bulevardul Republicii" && n.distance_m < 1.0));
        assert_eq!(map.reverse(25.0, 45.0), None);
        assert_eq!(map.reverse(f64::NAN, 45.0), None);
    }
}
