//! Seasonal naive, MASE, back-tests, change points and count comparisons checked against values
//! worked out by hand (or by exhaustive search) in the test itself.

use veghe_analytics::series::changepoint::{ChangeOptions, pelt};
use veghe_analytics::series::compare::{compare_counts, last_changes};
use veghe_analytics::series::naive::{mase, mase_scale, seasonal_naive};
use veghe_analytics::series::{BacktestParams, Model, SeriesError, backtest, forecast};

#[test]
fn seasonal_naive_and_mase_by_hand() {
    // Season 4: y = 1 2 3 4 | 2 4 3 5 | 3 5 4 7.
    let y = [1.0, 2.0, 3.0, 4.0, 2.0, 4.0, 3.0, 5.0, 3.0, 5.0, 4.0, 7.0];
    // Forecast 6 steps: the last season repeated: 3 5 4 7 3 5.
    assert_eq!(
        seasonal_naive(&y, 4, 6).expect("snaive"),
        [3.0, 5.0, 4.0, 7.0, 3.0, 5.0]
    );
    // |y[t] - y[t-4]| for t = 4..12: 1 2 0 1 1 1 1 2 -> sum 9 over 8 = 1.125.
    let q = mase_scale(&y, 4).expect("scale");
    assert!((q - 1.125).abs() < 1e-15);
    // Actual 4 6 4 8 against 3 5 4 7: errors 1 1 0 1 -> mean 0.75, MASE 0.75/1.125 = 2/3.
    let m = mase(&[4.0, 6.0, 4.0, 8.0], &[3.0, 5.0, 4.0, 7.0], q);
    assert!((m - 2.0 / 3.0).abs() < 1e-15);
}

#[test]
fn backtest_of_the_seasonal_naive_by_hand() {
    // Season 2, horizon 2, 2 origins 1 apart: y = 1 3 2 4 3 5 5 6 (n = 8).
    let y = [1.0, 3.0, 2.0, 4.0, 3.0, 5.0, 5.0, 6.0];
    let params = BacktestParams {
        season: 2,
        horizon: 2,
        origins: 2,
        step: 1,
    };
    let b = backtest(Model::SeasonalNaive, &y, &params, &|| {}).expect("backtest");
    assert_eq!(b.ends, [5, 6]);
    // Origin 5: train 1 3 2 4 3, scale mean(|2-1|,|4-3|,|3-2|) = 1; forecast y[3],y[4] = 4 3 for
    // actual 5 5: errors 1 2 -> MASE 1.5.
    // Origin 6: train 1 3 2 4 3 5, scale mean(1,1,1,1) = 1; forecast 3 5 for 5 6: errors 2 1 -> 1.5.
    assert_eq!(b.per_origin, [1.5, 1.5]);
    assert_eq!(b.mase, 1.5);
    let short = backtest(Model::SeasonalNaive, &y[..5], &params, &|| {});
    assert!(matches!(short, Err(SeriesError::TooShort { .. })));
}

#[test]
fn ets_beats_the_seasonal_naive_on_a_level_series_and_intervals_nest() {
    // A flat level with noise: exponential smoothing should do better than repeating last year.
    let y: Vec<f64> = (0..160)
        .map(|t| 20.0 + f64::from(((t * 37 + 11) % 9) as u8) - 4.0)
        .collect();
    let p = BacktestParams {
        season: 52,
        horizon: 13,
        origins: 4,
        step: 13,
    };
    let ets = backtest(Model::Ets, &y, &p, &|| {}).expect("ets");
    let naive = backtest(Model::SeasonalNaive, &y, &p, &|| {}).expect("naive");
    assert!(ets.mase < naive.mase, "{} vs {}", ets.mase, naive.mase);
    let f = forecast(Model::Ets, &y, 52, 13, &[0.8, 0.95]).expect("forecast");
    for j in 0..13 {
        assert!(f.intervals[1].lower[j] < f.intervals[0].lower[j]);
        assert!(f.intervals[0].lower[j] < f.point[j] && f.point[j] < f.intervals[0].upper[j]);
        assert!(f.intervals[0].upper[j] < f.intervals[1].upper[j]);
    }
}

#[test]
fn a_series_shorter_than_two_seasons_is_refused_for_mstl() {
    let y = vec![3.0; 100];
    let e = forecast(Model::MstlEts, &y, 52, 13, &[0.8]).expect_err("short");
    assert!(e.to_string().contains("at least 105"), "{e}");
}

/// Exhaustive optimal partitioning with the same cost, to check PELT's pruning loses nothing.
fn optimal_partitioning(y: &[f64], beta: f64, min_seg: usize, phi: f64) -> Vec<usize> {
    let n = y.len();
    let cost = |a: usize, b: usize| {
        let s: f64 = y[a..b].iter().sum();
        let l = (b - a) as f64;
        if s <= 0.0 {
            0.0
        } else {
            2.0 * (s - s * (s / l).ln()) / phi
        }
    };
    let mut f = vec![f64::INFINITY; n + 1];
    let mut last = vec![0; n + 1];
    f[0] = -beta;
    for t in min_seg..=n {
        for s in 0..=t - min_seg {
            if s != 0 && s < min_seg {
                continue;
            }
            let v = f[s] + cost(s, t) + beta;
            if v < f[t] {
                f[t] = v;
                last[t] = s;
            }
        }
    }
    let mut points = Vec::new();
    let mut t = n;
    while t > 0 {
        if last[t] > 0 {
            points.push(last[t]);
        }
        t = last[t];
    }
    points.reverse();
    points
}

#[test]
fn pelt_finds_the_synthetic_change_and_equals_optimal_partitioning() {
    // 60 weeks around 10, then 40 weeks around 18 (a deterministic wobble of ±3).
    let y: Vec<f64> = (0..100)
        .map(|t| {
            let base = if t < 60 { 10.0 } else { 18.0 };
            base + f64::from(((t * 5) % 7) as u8) - 3.0
        })
        .collect();
    let c = pelt(&y, &ChangeOptions::default()).expect("pelt");
    assert_eq!(c.points, [60]);
    assert!((c.means[0] - 10.0).abs() < 1.0 && (c.means[1] - 18.0).abs() < 1.0);
    // A flat series has none.
    let flat: Vec<f64> = (0..100).map(|t| 10.0 + f64::from((t % 3) as u8)).collect();
    assert!(
        pelt(&flat, &ChangeOptions::default())
            .expect("flat")
            .points
            .is_empty()
    );
    // Pruning keeps the optimum, at several penalties, on a series with several changes.
    let multi: Vec<f64> = (0..150)
        .map(|t| [5.0, 12.0, 7.0, 20.0, 9.0][t / 30] + f64::from(((t * 13) % 5) as u8))
        .collect();
    for beta in [1.0, 5.0, 10.0, 30.0] {
        let opts = ChangeOptions {
            penalty: Some(beta),
            min_segment: 3,
            quasi: false,
            season: None,
        };
        let got = pelt(&multi, &opts).expect("pelt");
        assert_eq!(
            got.points,
            optimal_partitioning(&multi, beta, 3, 1.0),
            "beta {beta}"
        );
    }
    let four = pelt(&multi, &ChangeOptions::default()).expect("multi");
    assert_eq!(four.points, [30, 60, 90, 120]);
}

#[test]
fn the_seasonal_index_keeps_summers_from_looking_like_changes() {
    // Three years of weekly counts with a strong yearly wave and a step up of 8 from week 110.
    let y: Vec<f64> = (0..156)
        .map(|t| {
            let wave = 6.0 * (2.0 * std::f64::consts::PI * f64::from(t) / 52.0).sin();
            let step = if t >= 110 { 8.0 } else { 0.0 };
            (20.0 + wave + step + f64::from((t * 7 % 5) as u8)).round()
        })
        .collect();
    let plain = pelt(&y, &ChangeOptions::default()).expect("plain");
    assert!(
        plain.points.len() > 2,
        "the wave alone looks like changes: {:?}",
        plain.points
    );
    let opts = ChangeOptions {
        season: Some(52),
        ..ChangeOptions::default()
    };
    let adjusted = pelt(&y, &opts).expect("adjusted");
    assert_eq!(adjusted.points.len(), 1, "{:?}", adjusted.points);
    assert!(
        adjusted.points[0].abs_diff(110) <= 2,
        "{:?}",
        adjusted.points
    );
    assert!(adjusted.means[1] > adjusted.means[0] + 4.0);
}

#[test]
fn count_changes_by_hand() {
    // 10 against 0 at equal exposure: P(X = 10 | 10, 1/2) doubled = 2/1024.
    let c = compare_counts(10, 0, 1.0, 1.0).expect("compare");
    assert!((c.p_value - 2.0 / 1024.0).abs() < 1e-15);
    assert_eq!(c.percent, None);
    // 3 against 3: nothing happened.
    let same = compare_counts(3, 3, 1.0, 1.0).expect("same");
    assert!((same.p_value - 1.0).abs() < 1e-12);
    assert_eq!(same.percent, Some(0.0));
    // Season 4: last = 9, one before = 6, one season before (lag 4) = 3.
    let l = last_changes(&[1, 3, 4, 5, 3, 6, 6, 6, 9], 4).expect("changes");
    let pop = l.period_on_period.expect("pop");
    assert_eq!((pop.now, pop.before, pop.difference), (9, 6, 3));
    assert_eq!(pop.percent, Some(50.0));
    let yoy = l.year_on_year.expect("yoy");
    assert_eq!((yoy.before, yoy.rate_ratio), (3, Some(3.0)));
    // P(X >= 9 or X <= 3 | n = 12, 1/2) = 2·(1 + 12 + 66 + 220)/4096.
    assert!((yoy.p_value - 2.0 * 299.0 / 4096.0).abs() < 1e-12);
}
