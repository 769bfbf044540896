//! The in-memory street map: lines (one per polyline, with its highway class), streets (a name,
//! its lines, its address points and its lines joined into measured parts) and a grid index.

use std::collections::HashMap;

use crate::grid::{BBox, Grid, bbox};
use crate::metric::Measured;
use crate::names::{StreetType, key, split_name};
use crate::number::HouseNumber;
use crate::{LoadError, chain, parse_addresses, parse_lines};

/// The class of a road, from OSM `highway`, most important first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Highway {
    Trunk,
    Primary,
    Secondary,
    Tertiary,
    /// `residential`, `unclassified`, `living_street`, `road`.
    Minor,
    Service,
    Pedestrian,
    Track,
    Cycleway,
    /// `footway`, `path`, `steps`, `bridleway` and anything else.
    Path,
}

impl Highway {
    /// The class of an OSM `highway` value (`primary_link` is `Primary`).
    pub fn from_osm(value: &str) -> Highway {
        use Highway::*;
        match value.trim_end_matches("_link") {
            "motorway" | "trunk" => Trunk,
            "primary" => Primary,
            "secondary" => Secondary,
            "tertiary" => Tertiary,
            "residential" | "unclassified" | "living_street" | "road" => Minor,
            "service" => Service,
            "pedestrian" => Pedestrian,
            "track" => Track,
            "cycleway" => Cycleway,
            _ => Path,
        }
    }

    /// Whether cars use it (the centre-lines that house numbers are measured along).
    pub fn is_road(self) -> bool {
        self <= Highway::Service
    }
}

/// One polyline of a street.
#[derive(Clone, Debug)]
pub struct Line {
    pub street: u32,
    pub highway: Highway,
    /// `(lon, lat)`, at least two points.
    pub points: Vec<(f64, f64)>,
    pub bbox: BBox,
}

/// An address point of a street.
#[derive(Clone, Debug)]
pub struct Address {
    /// As mapped: `12`, `17-19`, `48 A`.
    pub label: String,
    pub number: Option<HouseNumber>,
    pub lon: f64,
    pub lat: f64,
}

/// A named street: the OSM ways of one name, inside or outside the city limit.
#[derive(Clone, Debug)]
pub struct Street {
    /// As mapped: `Strada Mihai Eminescu`.
    pub name: String,
    pub kind: Option<StreetType>,
    /// The matching key: folded name words without the type, sorted.
    pub key: String,
    pub in_city: bool,
    /// The most important class among its lines.
    pub highway: Highway,
    /// Indices into [`StreetMap::lines`].
    pub lines: Vec<u32>,
    pub addresses: Vec<Address>,
    /// The road lines (or, for a footpath, all lines) joined end to end, longest first.
    pub(crate) parts: Vec<Measured>,
}

/// Streets, their lines and address points, indexed.
#[derive(Debug)]
pub struct StreetMap {
    pub streets: Vec<Street>,
    pub lines: Vec<Line>,
    /// Address rows whose street is not among the lines (by name or key).
    pub unmatched_addresses: usize,
    pub(crate) by_key: HashMap<String, Vec<u32>>,
    pub(crate) grid: Grid,
}

impl StreetMap {
    /// Parses the street lines (GeoJSON) and address points (CSV).
    pub fn parse(lines_geojson: &str, addresses_csv: &str) -> Result<StreetMap, LoadError> {
        let features = parse_lines(lines_geojson)?;
        let rows = parse_addresses(addresses_csv)?;
        let mut streets: Vec<Street> = Vec::new();
        let mut lines = Vec::new();
        let mut by_name: HashMap<(String, bool), u32> = HashMap::new();
        for f in features {
            let id = *by_name
                .entry((f.name.clone(), f.in_city))
                .or_insert_with(|| {
                    let (kind, words) = split_name(&f.name);
                    streets.push(Street {
                        key: key(&words),
                        kind,
                        name: f.name.clone(),
                        in_city: f.in_city,
                        highway: Highway::Path,
                        lines: Vec::new(),
                        addresses: Vec::new(),
                        parts: Vec::new(),
                    });
                    (streets.len() - 1) as u32
                });
            let highway = Highway::from_osm(&f.highway);
            let street = &mut streets[id as usize];
            street.highway = street.highway.min(highway);
            for points in f.lines {
                street.lines.push(lines.len() as u32);
                lines.push(Line {
                    street: id,
                    highway,
                    bbox: bbox(&points),
                    points,
                });
            }
        }
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        for (i, s) in streets.iter().enumerate() {
            by_key.entry(s.key.clone()).or_default().push(i as u32);
        }
        let mut unmatched_addresses = 0;
        for row in rows {
            let exact = by_name.get(&(row.street.clone(), true)).copied();
            let target = exact.or_else(|| {
                let k = key(&split_name(&row.street).1);
                let found = by_key.get(&k)?;
                found.iter().copied().find(|&i| streets[i as usize].in_city)
            });
            let Some(i) = target else {
                unmatched_addresses += 1;
                continue;
            };
            streets[i as usize].addresses.push(Address {
                number: HouseNumber::parse(&row.housenumber),
                label: row.housenumber,
                lon: row.lon,
                lat: row.lat,
            });
        }
        let mut grid = Grid::default();
        for (i, l) in lines.iter().enumerate() {
            grid.insert(i as u32, &l.bbox);
        }
        for s in &mut streets {
            s.parts = parts(s, &lines);
        }
        Ok(StreetMap {
            streets,
            lines,
            unmatched_addresses,
            by_key,
            grid,
        })
    }
}

fn parts(street: &Street, lines: &[Line]) -> Vec<Measured> {
    let all: Vec<&Line> = street.lines.iter().map(|&i| &lines[i as usize]).collect();
    let roads: Vec<&[(f64, f64)]> = all
        .iter()
        .filter(|l| l.highway.is_road())
        .map(|l| l.points.as_slice())
        .collect();
    let chosen = if roads.is_empty() {
        all.iter().map(|l| l.points.as_slice()).collect()
    } else {
        roads
    };
    chain::join(&chosen)
        .iter()
        .map(|p| Measured::new(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::StreetMap;

    #[test]
    fn the_shipped_files_load_quickly_into_one_model() {
        let start = std::time::Instant::now();
        let map = StreetMap::parse(crate::TIMISOARA_LINES, crate::TIMISOARA_ADDRESSES);
        let took = start.elapsed();
        let map = map.as_ref().map_err(|e| e.to_string());
        assert!(map.is_ok(), "{map:?}");
        let Ok(map) = map else { return };
        let addresses: usize = map.streets.iter().map(|s| s.addresses.len()).sum();
        println!(
            "loaded {} streets, {} lines, {addresses} addresses ({} unmatched) in {took:?}",
            map.streets.len(),
            map.lines.len(),
            map.unmatched_addresses
        );
        assert!(map.streets.len() > 1500 && map.lines.len() >= 5918);
        assert!(addresses + map.unmatched_addresses == 5801 && addresses > 5500);
        // Unoptimised test builds are several times slower than the release build.
        assert!(took.as_secs_f64() < 3.0, "{took:?}");
    }
}
