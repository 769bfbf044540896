//! Timing of the Knox test on 10,000 random events (run with `--release -- --ignored`).

use std::time::Instant;

use veghe_analytics::knox::{Event, KnoxParams, Metric, knox};
use veghe_analytics::rng::Rng;

#[test]
#[ignore = "timing; run in release"]
fn ten_thousand_events_ninety_nine_iterations() {
    let mut rng = Rng::new(2024);
    // A city-sized square (12 km) over one year.
    let events: Vec<Event> = (0..10_000)
        .map(|_| Event {
            x: rng.next_f64() * 12_000.0,
            y: rng.next_f64() * 12_000.0,
            day: rng.below(365) as i64,
        })
        .collect();
    for (metric, iterations) in [
        (Metric::Manhattan, 99),
        (Metric::Manhattan, 100),
        (Metric::Euclidean, 100),
    ] {
        let p = KnoxParams {
            distance_band: 100.0,
            distance_bands: 3,
            time_band: 7,
            time_bands: 3,
            metric,
            iterations,
            seed: 1,
            threads: 0,
        };
        let start = Instant::now();
        let r = knox(&events, &p, &|_| {}).expect("runs");
        let secs = start.elapsed().as_secs_f64();
        let near: u64 = r.observed[..r.observed.len() - 1].iter().flatten().sum();
        println!(
            "{metric:?}, {iterations} iterations ({} permutations), {near} near pairs: {secs:.3} s",
            r.permutations
        );
        assert!(secs < 30.0);
    }
}

#[test]
#[ignore = "timing; run in release"]
fn dense_and_degenerate_inputs() {
    let mut rng = Rng::new(7);
    let dense: Vec<Event> = (0..10_000)
        .map(|_| Event {
            x: rng.next_f64() * 2_000.0,
            y: rng.next_f64() * 2_000.0,
            day: rng.below(365) as i64,
        })
        .collect();
    let one_point: Vec<Event> = (0..10_000)
        .map(|_| Event {
            x: 1.0,
            y: 2.0,
            day: rng.below(365) as i64,
        })
        .collect();
    for (name, events, iterations) in [
        ("dense 2 km square", &dense, 999),
        ("all at one point", &one_point, 10),
    ] {
        let p = KnoxParams {
            distance_band: 100.0,
            distance_bands: 3,
            time_band: 7,
            time_bands: 3,
            metric: Metric::Manhattan,
            iterations,
            seed: 1,
            threads: 0,
        };
        let start = Instant::now();
        let r = knox(events, &p, &|_| {}).expect("runs");
        let near: u64 = r.observed[..r.observed.len() - 1].iter().flatten().sum();
        println!(
            "{name}: {iterations} iterations, {near} near pairs: {:.3} s",
            start.elapsed().as_secs_f64()
        );
    }
}

/// The benchmark beside the numpy peer (scripts/bench-knox.sh): the events of the file named by
/// `VEGHE_BENCH_EVENTS` (x,y,day), 3×3 bands of 100 m and 7 days, Manhattan, 99 iterations, on one
/// thread and on every core; median of 5 runs after a warm-up; one JSON line each.
#[test]
#[ignore = "benchmark: run by scripts/bench-knox.sh"]
fn knox_bench_file() {
    let path = std::env::var("VEGHE_BENCH_EVENTS").expect("VEGHE_BENCH_EVENTS: the events CSV");
    let text = std::fs::read_to_string(path).expect("events");
    let events: Vec<Event> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            Event {
                x: f[0].parse().expect("x"),
                y: f[1].parse().expect("y"),
                day: f[2].parse().expect("day"),
            }
        })
        .collect();
    for threads in [1, 0] {
        let p = KnoxParams {
            distance_band: 100.0,
            distance_bands: 3,
            time_band: 7,
            time_bands: 3,
            metric: Metric::Manhattan,
            iterations: 99,
            seed: 1,
            threads,
        };
        let mut r = knox(&events, &p, &|_| {}).expect("runs");
        let mut times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            r = knox(&events, &p, &|_| {}).expect("runs");
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{{\"threads\": {threads}, \"median_s\": {}, \"observed\": {:?}}}",
            times[2], r.observed
        );
    }
}
