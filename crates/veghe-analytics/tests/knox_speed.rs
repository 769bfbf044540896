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
