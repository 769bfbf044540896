//! Street geography for Veghe, without a database: OpenStreetMap street centre-lines and address
//! points parsed into a compact model ([`StreetMap`]), a geocoder for addresses as dispatchers
//! type them ([`StreetMap::geocode`]), the nearest street to a point ([`StreetMap::reverse`]) and
//! basemap tiles drawn as SVG ([`StreetMap::tile_svg`]).
//!
//! Coordinates are WGS 84 `(lon, lat)` pairs, as in GeoJSON. The shipped data of Timișoara
//! (© OpenStreetMap contributors, ODbL 1.0) is embedded and parsed by [`timisoara`].

#![forbid(unsafe_code)]

mod addresses;
mod chain;
mod geocode;
mod grid;
mod lines;
mod metric;
mod model;
mod names;
mod number;
mod query;
mod reverse;
mod tiles;

use std::sync::OnceLock;

pub use addresses::{AddressError, AddressRow, parse_addresses};
pub use geocode::{Geocoded, Precision};
pub use lines::{LineFeature, LinesError, parse_lines};
pub use model::{Address, Highway, Line, Street, StreetMap};
pub use names::StreetType;
pub use number::HouseNumber;
pub use reverse::Nearest;

/// The street centre-lines of Timișoara (GeoJSON, one feature per OSM way).
pub const TIMISOARA_LINES: &str = include_str!("../../../data/timisoara/street-lines.geojson");
/// The address points of Timișoara (`street,housenumber,lat,lon`).
pub const TIMISOARA_ADDRESSES: &str = include_str!("../../../data/timisoara/addresses.csv");
/// Attribution to show wherever this data is used.
pub const ATTRIBUTION: &str = "© OpenStreetMap contributors (ODbL)";

/// Why the street data could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("street lines: {0}")]
    Lines(#[from] LinesError),
    #[error("addresses: {0}")]
    Addresses(#[from] AddressError),
}

/// The shipped street map of Timișoara, parsed once on first use (a test loads it, so an error
/// here means a damaged build).
pub fn timisoara() -> Result<&'static StreetMap, &'static LoadError> {
    static MAP: OnceLock<Result<StreetMap, LoadError>> = OnceLock::new();
    MAP.get_or_init(|| StreetMap::parse(TIMISOARA_LINES, TIMISOARA_ADDRESSES))
        .as_ref()
}
