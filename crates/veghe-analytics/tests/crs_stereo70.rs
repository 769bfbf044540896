//! WGS 84 → Stereo 70 (EPSG:3844) against pyproj (PROJ 9.5, its default operation: the inverse of
//! the Helmert "Pulkovo 1942(58) to WGS 84 (19)" then `sterea`) on points across Romania
//! (fixtures/crs/stereo70.csv, made by fixtures/crs/make_stereo70.py). Tolerance 1 mm.

use veghe_analytics::crs::{CrsError, to_stereo70};

#[test]
fn stereo70_equals_pyproj_within_a_millimetre() {
    let path = format!(
        "{}/tests/fixtures/crs/stereo70.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut checked = 0;
    let mut worst: f64 = 0.0;
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .skip(1)
    {
        let f: Vec<&str> = line.split(',').collect();
        let num = |i: usize| f[i].parse::<f64>().expect("number");
        let (e, n) = to_stereo70(num(1), num(2)).expect("stereo 70");
        let off = (e - num(3)).hypot(n - num(4));
        assert!(
            off < 1e-3,
            "{}: ({e}, {n}) vs ({}, {}): {off} m",
            f[0],
            f[3],
            f[4]
        );
        worst = worst.max(off);
        checked += 1;
    }
    assert_eq!(checked, 14);
    eprintln!("largest difference from PROJ: {worst:.2e} m");
}

#[test]
fn swapped_columns_are_refused() {
    assert_eq!(
        to_stereo70(45.7537, 21.2272),
        Err(CrsError::OutsideRomania {
            lon: 45.7537,
            lat: 21.2272
        })
    );
    assert!(to_stereo70(f64::NAN, 45.0).is_err());
}
