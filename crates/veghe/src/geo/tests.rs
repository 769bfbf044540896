//! Tests of the shipped geography: counts, names, point location.

use super::*;

const VICTORIEI: (f64, f64) = (21.2257, 45.7537);

#[test]
fn counts_match_the_shipped_files() {
    let g = geo();
    assert_eq!(g.neighbourhoods.len(), 31);
    assert_eq!(g.schools.len(), 234);
    assert!(g.streets.len() > 2000, "{} streets", g.streets.len());
    assert!(!g.boundary.is_empty());
    let mut ids: Vec<&str> = g.neighbourhoods.iter().map(|n| n.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 31, "neighbourhood ids are unique");
}

#[test]
fn names_use_comma_below_diacritics() {
    let g = geo();
    let cedilla = |s: &str| s.contains(['ş', 'ţ', 'Ş', 'Ţ']);
    for s in &g.streets {
        assert!(
            !cedilla(&s.name) && !cedilla(&s.kind) && !cedilla(&s.full_name()),
            "{s:?}"
        );
    }
    assert!(g.neighbourhoods.iter().all(|n| !cedilla(&n.name)));
    assert!(
        g.schools
            .iter()
            .filter_map(|s| s.name.as_deref())
            .all(|n| !cedilla(n))
    );
    assert!(g.streets.iter().any(|s| s.name == "Gârneț Teodor"));
}

#[test]
fn full_names_spell_the_street_type() {
    let street = |kind: &str, name: &str| Street {
        kind: kind.into(),
        name: name.into(),
        postal_code: String::new(),
    };
    assert_eq!(
        street("Stradă", "Gârneț Teodor").full_name(),
        "Strada Gârneț Teodor"
    );
    assert_eq!(
        street("Bulevard", "Republicii").full_name(),
        "Bulevardul Republicii"
    );
    assert_eq!(street("Piață", "Victoriei").full_name(), "Piața Victoriei");
    assert_eq!(street("Cale", "Aradului").full_name(), "Calea Aradului");
    assert_eq!(
        street("Piață", "Ferdinand Foch, mareșal").full_name(),
        "Piața Mareșal Ferdinand Foch"
    );
    let kinds: std::collections::BTreeSet<String> = geo()
        .streets
        .iter()
        .map(|s| s.full_name().split(' ').next().unwrap_or("").to_string())
        .collect();
    let expected = [
        "Aleea",
        "Bulevardul",
        "Calea",
        "Intrarea",
        "Piața",
        "Prelungirea",
        "Splaiul",
        "Strada",
    ];
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), expected);
}

#[test]
fn piata_victoriei_is_in_the_centre() {
    let g = geo();
    let n = g
        .neighbourhood_at(VICTORIEI.0, VICTORIEI.1)
        .map(|n| n.id.as_str());
    assert_eq!(n, Some("centru"));
    assert!(g.in_city(VICTORIEI.0, VICTORIEI.1));
    assert_eq!(
        g.neighbourhood("centru").map(|n| n.name.as_str()),
        Some("Centru")
    );
}

#[test]
fn points_outside_the_city_are_nowhere() {
    let g = geo();
    for (lon, lat) in [(21.40, 45.85), (21.10, 45.70), (26.10, 44.43)] {
        assert!(g.neighbourhood_at(lon, lat).is_none());
        assert!(!g.in_city(lon, lat));
    }
    let (x0, y0, x1, y1) = g.bbox();
    assert!(x0 < VICTORIEI.0 && VICTORIEI.0 < x1 && y0 < VICTORIEI.1 && VICTORIEI.1 < y1);
    assert!(x1 - x0 < 0.4 && y1 - y0 < 0.2, "a city, not a county");
}

#[test]
fn centroids_lie_in_their_neighbourhoods() {
    let g = geo();
    let inside = g
        .neighbourhoods
        .iter()
        .filter(|n| n.contains(n.centroid.0, n.centroid.1))
        .count();
    assert!(
        inside >= 28,
        "{inside} of 31 centroids inside (concave shapes may miss)"
    );
    let total: f64 = g.neighbourhoods.iter().map(Neighbourhood::area_km2).sum();
    assert!((40.0..50.0).contains(&total), "{total} km²");
}

#[test]
fn haversine_distance() {
    assert!(distance_m(21.2257, 45.7537, 21.2257, 45.7537).abs() < 1e-9);
    // One degree of latitude ≈ 111.2 km.
    let d = distance_m(21.0, 45.0, 21.0, 46.0);
    assert!((d - 111_195.0).abs() < 100.0, "{d}");
    // Piața Victoriei to Piața Unirii, roughly 500 m.
    let d = distance_m(21.2257, 45.7537, 21.2290, 45.7578);
    assert!((400.0..650.0).contains(&d), "{d}");
    let (lon, lat) = offset_m(21.2257, 45.7537, 300.0, 400.0);
    assert!((distance_m(21.2257, 45.7537, lon, lat) - 500.0).abs() < 1.0);
}

#[test]
fn the_box_around_a_point_holds_its_circle() {
    let (lon, lat) = (21.2257, 45.7537);
    let (min_lon, min_lat, max_lon, max_lat) = around(lon, lat, 50.0);
    // Points 50 m away in each direction are inside; points 70 m north or east are not.
    for (east, north) in [
        (50.0, 0.0),
        (-50.0, 0.0),
        (0.0, 50.0),
        (0.0, -50.0),
        (35.0, 35.0),
    ] {
        let (x, y) = offset_m(lon, lat, east, north);
        assert!((min_lon..=max_lon).contains(&x) && (min_lat..=max_lat).contains(&y));
    }
    let (x, _) = offset_m(lon, lat, 70.0, 0.0);
    assert!(x > max_lon);
    let (_, y) = offset_m(lon, lat, 0.0, 70.0);
    assert!(y > max_lat);
}

#[test]
fn schools_have_kinds_and_positions_in_the_city() {
    let g = geo();
    let in_city = g.schools.iter().filter(|s| g.in_city(s.lon, s.lat)).count();
    assert!(in_city >= 230, "{in_city}");
    assert!(g.schools.iter().all(|s| ["school", "kindergarten", "university", "college"].contains(&s.kind.as_str())));
}
