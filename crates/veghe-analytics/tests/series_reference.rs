//! Forecasts against statsforecast 2.1.1 on the same synthetic counts (fixtures/series/, made by
//! fixtures/series/make_fixture.py), and the exact count test against scipy's `binomtest`.
//!
//! Tolerances, relative to the series' mean, over points and 80%/95% bounds: seasonal naive 1e-8
//! (the same arithmetic; our normal quantile is Acklam's approximation, 1.2e-9 relative); AutoETS
//! 1e-6 (statsforecast's ETS with the same Nelder-Mead search, picking the same model: measured
//! 5e-10, the margin is for another platform's floating point); MSTL + AutoETS 1e-6 as well (the
//! decomposition with statsmodels' STL settings in double precision, as statsforecast's).

use veghe_analytics::series::compare::binomial_two_sided;
use veghe_analytics::series::{Model, forecast};

fn read(name: &str) -> Vec<Vec<String>> {
    let path = format!(
        "{}/tests/fixtures/series/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect()
}

fn num(s: &str) -> f64 {
    s.parse().expect("number")
}

/// (values, season) of a fixture series.
fn series(id: &str) -> (Vec<f64>, usize) {
    let rows: Vec<_> = read("series.csv")
        .into_iter()
        .filter(|r| r[0] == id)
        .collect();
    let m = num(&rows[0][2]) as usize;
    (rows.iter().map(|r| num(&r[3])).collect(), m)
}

/// statsforecast's rows for a series and model: (point, lo80, hi80, lo95, hi95) per step.
fn reference(id: &str, model: &str) -> Vec<[f64; 5]> {
    read("statsforecast.csv")
        .into_iter()
        .filter(|r| r[0] == id && r[1] == model)
        .map(|r| [num(&r[3]), num(&r[4]), num(&r[5]), num(&r[6]), num(&r[7])])
        .collect()
}

/// Largest difference of ours from the reference relative to the reference's level (the mean of
/// the series), over points and both interval bounds at both levels.
fn worst(id: &str, model: Model) -> f64 {
    let (y, m) = series(id);
    let scale = y.iter().sum::<f64>() / y.len() as f64;
    let want = reference(id, model.name());
    let got = forecast(model, &y, m, want.len(), &[0.8, 0.95]).expect("forecast");
    let mut worst: f64 = 0.0;
    for (j, w) in want.iter().enumerate() {
        for (o, r) in got.row(j).iter().zip(w) {
            worst = worst.max((o - r).abs() / scale);
        }
    }
    eprintln!(
        "{id} {}: {} worst relative difference {worst:.2e}",
        model.name(),
        got.spec
    );
    worst
}

#[test]
fn seasonal_naive_equals_statsforecast() {
    for id in ["weekly_a", "weekly_b", "monthly_a"] {
        assert!(worst(id, Model::SeasonalNaive) < 1e-8, "{id}");
    }
}

#[test]
fn ets_is_close_to_statsforecast_autoets() {
    for id in ["weekly_a", "weekly_b", "monthly_a"] {
        assert!(worst(id, Model::Ets) < 1e-6, "{id}");
    }
}

#[test]
fn mstl_ets_is_close_to_statsforecast_mstl() {
    for id in ["weekly_a", "weekly_b", "monthly_a"] {
        assert!(worst(id, Model::MstlEts) < 1e-6, "{id}");
    }
}

#[test]
fn exact_count_test_equals_scipy_binomtest() {
    for r in read("binomtest.csv") {
        let (k, n, p, want) = (num(&r[0]) as u64, num(&r[1]) as u64, num(&r[2]), num(&r[3]));
        let got = binomial_two_sided(k, n, p);
        assert!(
            (got - want).abs() < 1e-10 * want.max(1e-3),
            "{k}/{n}: {got} vs {want}"
        );
    }
}
