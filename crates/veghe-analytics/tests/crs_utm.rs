//! WGS 84 → UTM against pyproj (PROJ) on points in and around Timișoara and at the edges of zone
//! 34 (fixtures/crs/utm.csv, made by fixtures/crs/make_fixture.py). Tolerance 1 mm.

use veghe_analytics::crs::{UtmZone, to_utm};

#[test]
fn utm_equals_pyproj_within_a_millimetre() {
    let path = format!("{}/tests/fixtures/crs/utm.csv", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut checked = 0;
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().expect("number");
        let zone = UtmZone {
            number: num(3) as u8,
            north: true,
        };
        let (e, n) = to_utm(num(1), num(2), zone).expect("utm");
        assert!(
            (e - num(4)).abs() < 1e-3,
            "{}: easting {e} vs {}",
            f[0],
            f[4]
        );
        assert!(
            (n - num(5)).abs() < 1e-3,
            "{}: northing {n} vs {}",
            f[0],
            f[5]
        );
        if !f[0].starts_with("zone_edge") {
            assert_eq!(UtmZone::of(num(1), num(2)).number, zone.number, "{}", f[0]);
        }
        checked += 1;
    }
    assert_eq!(checked, 8);
}
