//! PELT on Poisson counts against ruptures' PELT with the same Poisson cost, penalties and minimum
//! segment lengths (fixtures/series/changepoints.csv, made by fixtures/series/make_changepoints.py):
//! the same change points, exactly.

use veghe_analytics::series::changepoint::{ChangeOptions, pelt};

#[test]
fn pelt_equals_ruptures() {
    let path = format!(
        "{}/tests/fixtures/series/changepoints.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut cases = 0;
    for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let y: Vec<f64> = f[3].split(' ').map(|v| v.parse().expect("value")).collect();
        let want: Vec<usize> = f[4]
            .split(' ')
            .filter(|v| !v.is_empty())
            .map(|v| v.parse().expect("breakpoint"))
            .collect();
        let opts = ChangeOptions {
            penalty: Some(f[1].parse().expect("penalty")),
            min_segment: f[2].parse().expect("min size"),
            quasi: false,
            season: None,
        };
        let got = pelt(&y, &opts).expect("pelt");
        assert_eq!(got.points, want, "{} penalty {} min {}", f[0], f[1], f[2]);
        cases += 1;
    }
    assert_eq!(cases, 16);
}
