//! Speed of forecasts with back-tests on 500 weekly series (run by scripts/bench-forecast.sh beside
//! statsforecast on the same series; never asserted): for each model, the 13-week forecast with 80%
//! and 95% intervals plus a back-test of 8 origins 1 week apart, on one core and then with the series
//! spread over every core (`series::parallel`). Prints one JSON line per model and core count with
//! the median of `RUNS` runs (environment, default 3); `VEGHE_BENCH_MODELS` (names, comma-separated)
//! and `VEGHE_BENCH_THREADS` (`1`, `0` = every core; comma-separated) narrow the run.

use std::time::Instant;

use veghe_analytics::series::{BacktestParams, Model, backtest, forecast, parallel};

#[test]
#[ignore = "benchmark: run by scripts/bench-forecast.sh"]
fn forecast_500_series() {
    let path = std::env::var("VEGHE_BENCH_SERIES").expect("VEGHE_BENCH_SERIES: the series CSV");
    let text = std::fs::read_to_string(path).expect("series");
    let mut series: Vec<(String, Vec<f64>)> = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let y: f64 = f[2].parse().expect("y");
        match series.last_mut() {
            Some((id, v)) if id == f[0] => v.push(y),
            _ => series.push((f[0].to_string(), vec![y])),
        }
    }
    let params = BacktestParams {
        season: 52,
        horizon: 13,
        origins: 8,
        step: 1,
    };
    let runs: usize = std::env::var("RUNS").map_or(3, |r| r.parse().expect("RUNS"));
    let models: Vec<Model> = std::env::var("VEGHE_BENCH_MODELS").map_or(Model::ALL.to_vec(), |m| {
        m.split(',')
            .map(|n| Model::parse(n).expect("model"))
            .collect()
    });
    let threads_list: Vec<usize> = std::env::var("VEGHE_BENCH_THREADS").map_or(vec![1, 0], |t| {
        t.split(',').map(|n| n.parse().expect("threads")).collect()
    });
    for &threads in &threads_list {
        for &model in &models {
            let mut times = Vec::new();
            let mut mase_sum = 0.0;
            for _ in 0..runs {
                let start = Instant::now();
                let mases = parallel::map(&series, threads, |(_, y)| {
                    let f = forecast(model, y, 52, 13, &[0.8, 0.95]).expect("forecast");
                    assert_eq!(f.point.len(), 13);
                    backtest(model, y, &params, &|| {}).expect("backtest").mase
                });
                times.push(start.elapsed().as_secs_f64());
                mase_sum = mases.iter().sum::<f64>();
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{{\"model\": \"{}\", \"threads\": {}, \"median_s\": {}, \"series\": {}, \"mean_mase\": {}}}",
                model.name(),
                parallel::threads_for(threads, series.len()),
                times[times.len() / 2],
                series.len(),
                mase_sum / series.len() as f64
            );
        }
    }
}
