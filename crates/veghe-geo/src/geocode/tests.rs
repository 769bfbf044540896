//! Geocoding real addresses of the shipped data, and the interpolation measured against every
//! mapped number left out of the index in turn.

use super::*;
use crate::geocode::interpolate;
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

/// Every numbered address point of a street, left out in turn and placed from the others: between
/// the mapped numbers of its side, or just past them. Prints the errors' quantiles of each way
/// and keeps the medians in bounds.
#[test]
fn interpolation_error_over_held_out_points() {
    let map = map();
    let (mut inside, mut outside, mut neither) = (Vec::new(), Vec::new(), Vec::new());
    // For comparison: every point placed at its street's middle.
    let mut middles = Vec::new();
    for s in &map.streets {
        for (i, a) in s.addresses.iter().enumerate() {
            let Some(n) = &a.number else { continue };
            let error = |p: (f64, f64)| distance_m((a.lon, a.lat), p);
            middles.extend(interpolate::middle(s).map(error));
            if let Some(p) = interpolate::between(s, n, Some(i)) {
                inside.push(error(p));
            } else if let Some(p) = interpolate::beyond(s, n, Some(i)) {
                outside.push(error(p));
            } else {
                neither.extend(interpolate::middle(s).map(error));
            }
        }
    }
    let ways = [
        ("between mapped numbers", &mut inside),
        ("past them", &mut outside),
        ("neither: the street's middle", &mut neither),
        ("(every point at its street's middle)", &mut middles),
    ];
    for (what, errors) in ways {
        errors.sort_by(f64::total_cmp);
        let q = |p: f64| errors[((errors.len() - 1) as f64 * p) as usize];
        println!(
            "{what}: {} held-out points, median {:.0} m, 75 % {:.0} m, 90 % {:.0} m",
            errors.len(),
            q(0.5),
            q(0.75),
            q(0.9)
        );
    }
    assert!(inside.len() > 3000 && outside.len() > 500);
    assert!(inside[inside.len() / 2] < 40.0 && outside[outside.len() / 2] < 80.0);
}
