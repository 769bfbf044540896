//! Timișoara's geography as shipped with Veghe: city limits, neighbourhoods, schools and streets.
//!
//! The files under `data/timisoara/` are embedded at build time and parsed once, on first use, by
//! [`geo()`]. Parsing is lenient: a malformed feature or CSV row is skipped, never a panic (the unit
//! tests pin the expected counts, so a damaged file fails the build's tests, not the server).
//! Coordinates are WGS 84 `(lon, lat)` pairs as in GeoJSON. Street names come with cedilla
//! diacritics (ş ţ) in the source and are normalised to the comma-below forms (ș ț).
//!
//! Sources: the city boundary (SIRUTA 155243) from GIS-GeoLabs/harta-uat; neighbourhoods and schools
//! from OpenStreetMap (© OpenStreetMap contributors, ODbL); streets from romania/localitati (WTFPL).

mod shapes;
pub mod tiles;

use std::sync::OnceLock;

use serde_json::Value;

pub use shapes::{around, distance_m, offset_m, point_in_ring};

/// The administrative limit of Municipiul Timișoara (a GeoJSON `FeatureCollection`, one `MultiPolygon`).
pub const BOUNDARY_GEOJSON: &str = include_str!("../../../../data/timisoara/boundary.geojson");
/// The 31 neighbourhoods (cartiere), properties `id` and `name`.
pub const NEIGHBOURHOODS_GEOJSON: &str =
    include_str!("../../../../data/timisoara/neighbourhoods.geojson");
/// Schools, kindergartens and universities inside the city, properties `name`, `amenity`, `centroid`.
pub const SCHOOLS_GEOJSON: &str = include_str!("../../../../data/timisoara/schools.geojson");
/// Street type, name, house-number ranges and postal code (cedilla diacritics, as in the source).
pub const STREETS_CSV: &str = include_str!("../../../../data/timisoara/streets.csv");

/// Attribution to show wherever this geography is displayed.
pub const ATTRIBUTION: &str =
    "© OpenStreetMap contributors (ODbL); GIS-GeoLabs/harta-uat; romania/localitati";

/// A neighbourhood (cartier).
#[derive(Clone, Debug)]
pub struct Neighbourhood {
    /// Stable ASCII identifier, e.g. `centru`, `complex_studentesc`; stored in `incidents.neighbourhood`.
    pub id: String,
    /// Romanian name with diacritics, e.g. `Complex Studențesc`.
    pub name: String,
    /// Outer ring, `(lon, lat)`, closed (first point repeated at the end).
    pub polygon: Vec<(f64, f64)>,
    /// Area-weighted centroid `(lon, lat)` of the outer ring.
    pub centroid: (f64, f64),
    /// `(min_lon, min_lat, max_lon, max_lat)` of the ring.
    pub bbox: (f64, f64, f64, f64),
}

impl Neighbourhood {
    /// Is the point inside the outer ring (ray casting; a point on an edge may go either way)?
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        let (x0, y0, x1, y1) = self.bbox;
        lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1 && point_in_ring(&self.polygon, lon, lat)
    }

    /// Approximate area in square kilometres.
    pub fn area_km2(&self) -> f64 {
        shapes::ring_area_km2(&self.polygon)
    }
}

/// A school, kindergarten or university.
#[derive(Clone, Debug)]
pub struct School {
    /// The mapped name; `None` for the buildings OpenStreetMap has no name for.
    pub name: Option<String>,
    /// `school`, `kindergarten`, `university` or `college`: the OSM `amenity`, or, where the
    /// feature has none (a building tagged only as a school), `school`.
    pub kind: String,
    /// `addr:street` and `addr:housenumber` joined, when mapped.
    pub address: Option<String>,
    pub lon: f64,
    pub lat: f64,
}

/// A street (one row of the source: the same street can appear once per postal code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Street {
    /// The type as in the source, normalised: `Stradă`, `Bulevard`, `Cale`, `Piață`, `Alee`, ...
    pub kind: String,
    /// The name as in the source, normalised: `Gârneț Teodor`, `Enescu Ion, colonel`.
    pub name: String,
    pub postal_code: String,
}

impl Street {
    /// The name as written in an address: `Strada Gârneț Teodor`, `Bulevardul Republicii`,
    /// `Piața Mareșal Ferdinand Foch` (a title after a comma moves to the front, capitalised).
    pub fn full_name(&self) -> String {
        let article = match self.kind.as_str() {
            "Stradă" | "Strada" => "Strada",
            "Bulevard" => "Bulevardul",
            "Cale" | "Calea" => "Calea",
            "Piață" | "Piața" => "Piața",
            "Alee" | "Aleea" => "Aleea",
            "Intrare" | "Intrarea" => "Intrarea",
            "Splai" | "Splaiul" => "Splaiul",
            "Prelungire" | "Prelungirea" => "Prelungirea",
            other => other,
        };
        let name = match self.name.split_once(", ") {
            Some((base, title)) if !title.is_empty() => {
                let mut chars = title.chars();
                let first: String = chars
                    .next()
                    .map(|c| c.to_uppercase().collect())
                    .unwrap_or_default();
                format!("{first}{} {base}", chars.as_str())
            }
            _ => self.name.clone(),
        };
        format!("{article} {name}")
    }
}

/// The whole shipped geography.
#[derive(Debug)]
pub struct Geo {
    /// Rings of the city limit (outer rings and any holes; even-odd rule across all of them).
    pub boundary: Vec<Vec<(f64, f64)>>,
    pub neighbourhoods: Vec<Neighbourhood>,
    pub schools: Vec<School>,
    pub streets: Vec<Street>,
}

/// The geography, parsed on first use.
pub fn geo() -> &'static Geo {
    static GEO: OnceLock<Geo> = OnceLock::new();
    GEO.get_or_init(Geo::parse)
}

impl Geo {
    fn parse() -> Geo {
        Geo {
            boundary: parse_boundary(BOUNDARY_GEOJSON),
            neighbourhoods: parse_neighbourhoods(NEIGHBOURHOODS_GEOJSON),
            schools: parse_schools(SCHOOLS_GEOJSON),
            streets: parse_streets(STREETS_CSV),
        }
    }

    /// The neighbourhood containing the point, if any (the 31 polygons do not cover the whole city).
    pub fn neighbourhood_at(&self, lon: f64, lat: f64) -> Option<&Neighbourhood> {
        self.neighbourhoods.iter().find(|n| n.contains(lon, lat))
    }

    /// The neighbourhood with this id.
    pub fn neighbourhood(&self, id: &str) -> Option<&Neighbourhood> {
        self.neighbourhoods.iter().find(|n| n.id == id)
    }

    /// Is the point inside the city limit?
    pub fn in_city(&self, lon: f64, lat: f64) -> bool {
        let inside = self
            .boundary
            .iter()
            .filter(|ring| point_in_ring(ring, lon, lat))
            .count();
        inside % 2 == 1
    }

    /// `(min_lon, min_lat, max_lon, max_lat)` of the city limit.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        shapes::bbox(self.boundary.iter().flatten().copied())
    }
}

/// Replaces the cedilla forms ş ţ Ş Ţ with the correct comma-below ș ț Ș Ț.
fn normalize_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ş' => 'ș',
            'ţ' => 'ț',
            'Ş' => 'Ș',
            'Ţ' => 'Ț',
            other => other,
        })
        .collect()
}

fn features(text: &str) -> Vec<Value> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut root)) => match root.remove("features") {
            Some(Value::Array(features)) => features,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn ring(value: &Value) -> Option<Vec<(f64, f64)>> {
    let points: Vec<(f64, f64)> = value.as_array()?.iter().filter_map(position).collect();
    (points.len() >= 4).then_some(points)
}

fn position(value: &Value) -> Option<(f64, f64)> {
    let pair = value.as_array()?;
    Some((pair.first()?.as_f64()?, pair.get(1)?.as_f64()?))
}

/// All rings of a `Polygon` or `MultiPolygon` geometry.
fn geometry_rings(geometry: &Value) -> Vec<Vec<(f64, f64)>> {
    let coordinates = &geometry["coordinates"];
    let polygons: Vec<&Value> = match geometry["type"].as_str() {
        Some("Polygon") => vec![coordinates],
        Some("MultiPolygon") => coordinates
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    polygons
        .into_iter()
        .filter_map(Value::as_array)
        .flat_map(|rings| rings.iter().filter_map(ring))
        .collect()
}

fn parse_boundary(text: &str) -> Vec<Vec<(f64, f64)>> {
    features(text)
        .iter()
        .flat_map(|f| geometry_rings(&f["geometry"]))
        .collect()
}

fn parse_neighbourhoods(text: &str) -> Vec<Neighbourhood> {
    features(text)
        .iter()
        .filter_map(|f| {
            let props = &f["properties"];
            let polygon = geometry_rings(&f["geometry"]).into_iter().next()?;
            Some(Neighbourhood {
                id: props["id"].as_str()?.to_string(),
                name: normalize_diacritics(props["name"].as_str()?),
                centroid: shapes::ring_centroid(&polygon),
                bbox: shapes::bbox(polygon.iter().copied()),
                polygon,
            })
        })
        .collect()
}

fn parse_schools(text: &str) -> Vec<School> {
    features(text)
        .iter()
        .filter_map(|f| {
            let props = &f["properties"];
            let (lon, lat) =
                position(&props["centroid"]).or_else(|| position(&f["geometry"]["coordinates"]))?;
            let text = |key: &str| props[key].as_str().map(normalize_diacritics);
            let address = match (text("addr:street"), text("addr:housenumber")) {
                (Some(street), Some(number)) => Some(format!("{street} nr. {number}")),
                (Some(street), None) => Some(street),
                _ => None,
            };
            Some(School {
                name: text("name"),
                kind: text("amenity").unwrap_or_else(|| "school".to_string()),
                address,
                lon,
                lat,
            })
        })
        .collect()
}

fn parse_streets(text: &str) -> Vec<Street> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|row| {
            let kind = normalize_diacritics(row.get(0)?.trim());
            let name = normalize_diacritics(row.get(1)?.trim());
            let postal_code = row.get(3).unwrap_or("").trim().to_string();
            (!kind.is_empty() && !name.is_empty()).then_some(Street {
                kind,
                name,
                postal_code,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
