//! Geocoding real addresses of the shipped data, and the interpolation measured against every
//! mapped number left out of the index in turn.

use super::*;
use crate::metric::distance_m;
use crate::timisoara;

fn map() -> &'static StreetMap {
    match timisoara() {
        Ok(m) => m,
        Err(e) => panic!("the shipped data loads: {e}"),
    }
}

fn point(q: &str) -> Geocoded {
    map().geocode(q).unwrap_or_else(|| panic!("`{q}` is found"))
}

#[test]
fn a_mapped_number_in_every_usual_spelling() {
    // addresses.csv: `Bulevardul Mihai Eminescu,12,45.751575,21.230325`; the `Strada Mihai
    // Eminescu` of the lines is in Dumbrăvița, outside the city.
    let want = point("Bulevardul Mihai Eminescu 12");
    assert_eq!(
        (want.lon, want.lat, want.interpolated),
        (21.230325, 45.751575, false)
    );
    for q in [
        "str. mihai eminescu nr. 12",
        "Eminescu Mihai 12",
        "B-DUL EMINESCU MIHAI, NR 12, BL. 4",
        "bd. m. eminescu 12",
        "Eminescu 12",
    ] {
        let got = point(q);
        assert_eq!(
            (got.lon, got.lat, &got.street),
            (want.lon, want.lat, &want.street),
            "{q}"
        );
    }
}

#[test]
fn a_mapped_address_point_is_returned_as_mapped() {
    // addresses.csv: `Aleea Actorilor,1,45.730458,21.203641`.
    let g = point("al. actorilor nr 1");
    assert_eq!(
        (g.lon, g.lat, g.precision, g.interpolated),
        (21.203641, 45.730458, Precision::Number, false)
    );
    // `1 Decembrie 1918,90A,45.745279,21.242437`: digits in the name, a letter in the number.
    let g = point("1 Decembrie 1918 90 a");
    assert_eq!(
        (g.lon, g.lat, g.number.as_deref()),
        (21.242437, 45.745279, Some("90A"))
    );
}

#[test]
fn types_diacritics_and_blocks() {
    // Bulevardul Republicii has no mapped numbers: its middle.
    let g = point("bd republicii nr 5");
    assert_eq!(g.street, "Bulevardul Republicii");
    assert_eq!(g.precision, Precision::Street);
    let g = point("Calea Aradului bl. 3");
    assert_eq!(
        (g.street.as_str(), g.precision, g.number),
        ("Calea Aradului", Precision::Street, None)
    );
    let a = point("Piața Sfântul Gheorghe");
    let b = point("pta sf gheorghe");
    assert_eq!(a.street, "Piața Sfântul Gheorghe");
    assert_eq!(b.street, a.street);
    assert!(map().geocode("Strada Care Nu Exista 5").is_none());
    assert!(map().geocode("").is_none());
}

#[test]
fn an_unmapped_number_is_interpolated_on_the_street() {
    // Mapped: 26 at (21.232319, 45.752257) and 32 at (21.232590, 45.752307); 28 and 30 are not.
    let g = point("bd mihai eminescu 30");
    assert_eq!((g.precision, g.interpolated), (Precision::Number, true));
    assert!(g.lon > 21.2322 && g.lon < 21.2327, "{g:?}");
    let g = point("Calea Aradului 1000");
    assert_eq!(g.precision, Precision::Street);
}

/// Every numbered address point of a street with others of its side, left out in turn and
/// interpolated from the rest; prints the errors' quantiles and keeps the median in bounds.
#[test]
fn interpolation_error_over_held_out_points() {
    let map = map();
    let mut errors = Vec::new();
    let mut fallbacks = 0;
    for (id, s) in map.streets.iter().enumerate() {
        for (i, a) in s.addresses.iter().enumerate() {
            let Some(n) = &a.number else { continue };
            let g = map.locate(id as u32, Some(n), Some(i));
            if g.precision == Precision::Street {
                fallbacks += 1;
                continue;
            }
            errors.push(distance_m((a.lon, a.lat), (g.lon, g.lat)));
        }
    }
    errors.sort_by(f64::total_cmp);
    let q = |p: f64| errors[((errors.len() - 1) as f64 * p) as usize];
    println!(
        "held out {} points: median {:.0} m, 75 % {:.0} m, 90 % {:.0} m; {fallbacks} fell back to the street's middle",
        errors.len(),
        q(0.5),
        q(0.75),
        q(0.9)
    );
    assert!(errors.len() > 3000);
    assert!(q(0.5) < 60.0, "median {}", q(0.5));
}
