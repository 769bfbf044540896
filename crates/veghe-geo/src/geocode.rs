//! Geocoding a typed address: the street by its folded name (the type, when typed, breaks ties),
//! then the house number: a mapped address point, else a point interpolated along the street's
//! centre-line between the mapped numbers on the same side (or just past them), else the middle
//! of the street.

mod interpolate;
mod street;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::StreetMap;
use crate::number::HouseNumber;
use crate::query;

/// How precise a geocoded point is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Precision {
    /// At the house number (mapped, or interpolated: see [`Geocoded::interpolated`]).
    Number,
    /// The middle of the street: no number typed, or none to measure it by.
    Street,
}

/// A geocoded address.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Geocoded {
    pub lon: f64,
    pub lat: f64,
    pub precision: Precision,
    /// The point lies between mapped numbers rather than on a mapped one.
    pub interpolated: bool,
    /// The street's name as mapped: `Strada Mihai Eminescu`.
    pub street: String,
    /// The house number as understood: `12A`, `12-14`.
    pub number: Option<String>,
}

impl StreetMap {
    /// Geocodes an address as a dispatcher types it (`Str. Mihai Eminescu 12`, `bd republicii
    /// nr 5`, `Calea Aradului bl. 3`); `None` when no street matches.
    pub fn geocode(&self, q: &str) -> Option<Geocoded> {
        let typed = query::parse(q);
        let (id, number) = street::find(self, &typed)?;
        self.locate(id, number.as_ref())
    }

    /// Places `number` (or, without one, the street's middle) on street `id`.
    fn locate(&self, id: u32, number: Option<&HouseNumber>) -> Option<Geocoded> {
        let street = &self.streets[id as usize];
        let at = number.and_then(|n| {
            let mapped = interpolate::mapped(street, n, None).map(|p| (p, false));
            let near = || interpolate::between(street, n, None);
            let further = || interpolate::beyond(street, n, None);
            mapped.or_else(|| near().or_else(further).map(|p| (p, true)))
        });
        let (precision, interpolated, (lon, lat)) = match at {
            Some((p, interpolated)) => (Precision::Number, interpolated, p),
            None => (Precision::Street, false, interpolate::middle(street)?),
        };
        Some(Geocoded {
            lon,
            lat,
            precision,
            interpolated,
            street: street.name.clone(),
            number: number.map(HouseNumber::to_string),
        })
    }
}
