//! Speed of forecasts with back-tests on 500 weekly series (run by scripts/bench-forecast.sh beside
//! statsforecast on the same series; never asserted): for each model, the 13-week forecast with 80%
//! and 95% intervals plus a back-test of 8 origins 1 week apart, on one core and then with the series
//! spread over every core (`series::parallel`). Prints one JSON line per model and core count with
//! the median of `RUNS` runs (environment, default 3); `VEGHE_BENCH_MODELS` (names, comma-separated)
//! and `VEGHE_BENCH_THREADS` (`1`, `0` = every core; comma-separated) narrow the run. A second
//! test compares the 13-week forecasts and intervals with statsforecast's of the same run.

use std::time::Instant;

use veghe_analytics::series::{BacktestParams, Model, backtest, forecast, parallel};

/// The series of `VEGHE_BENCH_SERIES` (unique_id,index,y), in file order.
fn read_series() -> Vec<(String, Vec<f64>)> {
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
    series
}

/// For each model whose forecasts statsforecast wrote to `VEGHE_BENCH_REFERENCE` (a directory of
/// `<model>.csv`: unique_id,step,point,lo80,hi80,lo95,hi95), the largest difference of ours over
/// points and bounds relative to the series' mean, and the series past 1e-6 (one JSON line each).
#[test]
#[ignore = "equality check: run by scripts/bench-forecast.sh"]
fn forecasts_equal_statsforecast() {
    let dir = std::env::var("VEGHE_BENCH_REFERENCE").expect("VEGHE_BENCH_REFERENCE: a directory");
    let series = read_series();
    for model in Model::ALL {
        let path = format!("{dir}/{}.csv", model.name());
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut want: std::collections::HashMap<String, Vec<[f64; 5]>> = Default::default();
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let v = |i: usize| f[i].parse::<f64>().expect("number");
            want.entry(f[0].to_string())
                .or_default()
                .push([v(2), v(3), v(4), v(5), v(6)]);
        }
        let (mut worst, mut over) = (0.0f64, 0);
        let mut by_series: Vec<(f64, &str, String)> = Vec::new();
        for (id, y) in &series {
            let rows = &want[id];
            let got = forecast(model, y, 52, rows.len(), &[0.8, 0.95]).expect("forecast");
            let scale = y.iter().sum::<f64>() / y.len() as f64;
            let mut here = 0.0f64;
            for (j, r) in rows.iter().enumerate() {
                for (o, w) in got.row(j).iter().zip(r) {
                    here = here.max((o - w).abs() / scale);
                }
            }
            worst = worst.max(here);
            by_series.push((here, id, got.spec.clone()));
            over += usize::from(here > 1e-6);
        }
        by_series.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (d, id, spec) in by_series.iter().take(5) {
            eprintln!("{} {id} {spec} {d:.3e}", model.name());
        }
        let median = by_series[by_series.len() / 2].0;
        eprintln!("{} median {median:.3e}", model.name());
        println!(
            "{{\"model\": \"{}\", \"series\": {}, \"worst_relative_difference\": {worst:.3e}, \"series_over_1e-6\": {over}}}",
            model.name(),
            series.len()
        );
    }
}

#[test]
#[ignore = "benchmark: run by scripts/bench-forecast.sh"]
fn forecast_500_series() {
    let series = read_series();
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
