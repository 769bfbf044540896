//! The ETS fits run together give what each gives alone: forecasts of several series at once equal
//! (to the bit) their one-by-one forecasts, and a back-test fitted on one thread (origins together)
//! equals the one fitted on two (origins apart).

use veghe_analytics::series::{BacktestParams, Model, backtest_threads, forecast, forecast_many};

/// The fixture's series (values only), with a few prefixes and a series with a zero (additive
/// errors only) among them.
fn series() -> Vec<Vec<f64>> {
    let path = format!(
        "{}/tests/fixtures/series/series.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    let mut out: Vec<(String, Vec<f64>)> = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let y: f64 = f[3].parse().expect("y");
        match out.last_mut() {
            Some((id, v)) if id == f[0] => v.push(y),
            _ => out.push((f[0].to_string(), vec![y])),
        }
    }
    let mut ys: Vec<Vec<f64>> = out.into_iter().map(|(_, y)| y).collect();
    let longest = ys[0].clone();
    ys.push(longest[..150].to_vec());
    ys.push(longest[..151].to_vec());
    let mut with_zero = longest[..120].to_vec();
    with_zero[30] = 0.0;
    ys.push(with_zero);
    ys
}

#[test]
fn forecasts_together_equal_forecasts_alone() {
    let ys = series();
    let refs: Vec<&[f64]> = ys.iter().map(|y| &y[..]).collect();
    for model in [Model::Ets, Model::MstlEts] {
        let m = 12;
        let together = forecast_many(model, &refs, m, 13, &[0.8, 0.95]);
        assert_eq!(together.len(), ys.len());
        for (y, t) in ys.iter().zip(together) {
            let alone = forecast(model, y, m, 13, &[0.8, 0.95]);
            assert_eq!(t, alone, "{model:?}");
        }
    }
}

#[test]
fn a_short_or_broken_series_spoils_only_its_own_forecast() {
    let ys = series();
    let bad = [1.0, f64::NAN, 3.0];
    let refs: Vec<&[f64]> = vec![&ys[0], &bad, &ys[1][..5], &ys[1]];
    let out = forecast_many(Model::Ets, &refs, 52, 13, &[0.8]);
    assert!(out[1].is_err() && out[2].is_err());
    assert_eq!(out[0], forecast(Model::Ets, &ys[0], 52, 13, &[0.8]));
    assert_eq!(out[3], forecast(Model::Ets, &ys[1], 52, 13, &[0.8]));
}

#[test]
fn backtest_on_one_thread_equals_backtest_on_two() {
    let ys = series();
    let params = BacktestParams {
        season: 52,
        horizon: 13,
        origins: 8,
        step: 1,
    };
    for model in [Model::Ets, Model::MstlEts] {
        let one = backtest_threads(model, &ys[0], &params, 1, &|| {}).expect("one thread");
        let two = backtest_threads(model, &ys[0], &params, 2, &|| {}).expect("two threads");
        assert_eq!(one, two, "{model:?}");
    }
}
