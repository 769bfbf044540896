//! The Knox test's pruned pair search against a plain all-pairs count, and the permutation
//! test's determinism.

use veghe_analytics::knox::{Event, KnoxParams, Metric, knox};
use veghe_analytics::rng::Rng;

/// All pairs, each classified by explicit comparisons with the band edges.
fn naive(events: &[Event], p: &KnoxParams) -> Vec<Vec<u64>> {
    let (rows, cols) = (p.distance_bands + 2, p.time_bands + 1);
    let mut t = vec![vec![0u64; cols]; rows];
    for i in 0..events.len() {
        for j in i + 1..events.len() {
            let (dx, dy) = (events[i].x - events[j].x, events[i].y - events[j].y);
            let d = match p.metric {
                Metric::Manhattan => dx.abs() + dy.abs(),
                Metric::Euclidean => (dx * dx + dy * dy).sqrt(),
            };
            let row = if d == 0.0 {
                0
            } else {
                (1..=p.distance_bands)
                    .find(|&k| d < k as f64 * p.distance_band)
                    .unwrap_or(p.distance_bands + 1)
            };
            let dt = (events[i].day - events[j].day).abs();
            let col = (1..=p.time_bands as i64)
                .find(|&k| dt < k * p.time_band)
                .map_or(p.time_bands, |k| k as usize - 1);
            t[row][col] += 1;
        }
    }
    t
}

fn params(metric: Metric, band: f64, bands: usize) -> KnoxParams {
    KnoxParams {
        distance_band: band,
        distance_bands: bands,
        time_band: 7,
        time_bands: 3,
        metric,
        iterations: 10,
        seed: 11,
        threads: 0,
    }
}

#[test]
fn pruned_search_equals_all_pairs_on_random_data() {
    for seed in 0..12u64 {
        let mut rng = Rng::new(seed);
        let n = 50 + rng.below(400);
        // Integer coordinates on a small lattice: many duplicates and pairs exactly on band edges.
        let lattice = seed % 2 == 0;
        let events: Vec<Event> = (0..n)
            .map(|_| {
                let (x, y) = if lattice {
                    (
                        rng.below(60) as f64 * 5.0 - 100.0,
                        rng.below(60) as f64 * 5.0,
                    )
                } else {
                    (rng.next_f64() * 2_000.0, rng.next_f64() * 500.0 - 3_000.0)
                };
                Event {
                    x,
                    y,
                    day: rng.below(90) as i64 - 30,
                }
            })
            .collect();
        for metric in [Metric::Manhattan, Metric::Euclidean] {
            for (band, bands) in [(10.0, 4), (25.0, 3), (100.0, 1), (7.0, 12)] {
                let p = params(metric, band, bands);
                let got = knox(&events, &p, &|_| {}).expect("runs");
                assert_eq!(
                    got.observed,
                    naive(&events, &p),
                    "seed {seed} {metric:?} {band}×{bands}"
                );
            }
        }
    }
}

fn chicago() -> Vec<Event> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/knox/chicago_be_month1.csv"
    );
    let text = std::fs::read_to_string(path).expect("input CSV");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.trim().split(',').collect();
            // Day of January 2016 (31 December 2015 is day 0); months differ only in offset here.
            let day = match f[2] {
                "2015-12-31" => 0,
                d => d[8..10].parse::<i64>().expect("day of month"),
            };
            Event {
                x: f[0].parse().expect("x"),
                y: f[1].parse().expect("y"),
                day,
            }
        })
        .collect()
}

#[test]
fn euclidean_run_on_chicago_is_sane() {
    let events = chicago();
    let p = params(Metric::Euclidean, 100.0, 3);
    let eu = knox(&events, &p, &|_| {}).expect("euclidean");
    assert_eq!(eu.observed, naive(&events, &p));
    let ma = knox(&events, &params(Metric::Manhattan, 100.0, 3), &|_| {}).expect("manhattan");
    // Same location and column totals do not depend on the metric; Euclidean distances are
    // never longer than Manhattan ones, so the pairs within any radius can only grow.
    assert_eq!(eu.observed[0], ma.observed[0]);
    for c in 0..4 {
        let col = |r: &Vec<Vec<u64>>| -> u64 { r.iter().map(|row| row[c]).sum() };
        assert_eq!(col(&eu.observed), col(&ma.observed));
        for k in 1..=4 {
            let within = |r: &Vec<Vec<u64>>| -> u64 { r[..k].iter().map(|row| row[c]).sum() };
            assert!(within(&eu.observed) >= within(&ma.observed));
        }
    }
    // The near-repeat signal is there under either metric.
    assert!(eu.knox_ratio[1][0].expect("expected > 0") > 1.3);
    assert!(eu.p_value[1][0] <= 0.1);
}

#[test]
fn same_seed_same_result_whatever_the_threads() {
    let events = chicago();
    let mut p = params(Metric::Manhattan, 100.0, 3);
    p.iterations = 40;
    let runs: Vec<_> = [1, 2, 3, 7]
        .iter()
        .map(|&t| {
            p.threads = t;
            knox(&events, &p, &|_| {}).expect("runs")
        })
        .collect();
    for r in &runs[1..] {
        assert_eq!(r.expected, runs[0].expected);
        assert_eq!(r.p_value, runs[0].p_value);
        assert_eq!(r.sim_min, runs[0].sim_min);
        assert_eq!(r.sim_max, runs[0].sim_max);
    }
    p.seed += 1;
    let other = knox(&events, &p, &|_| {}).expect("runs");
    assert_eq!(other.observed, runs[0].observed);
    assert_ne!(other.expected, runs[0].expected);
}

#[test]
fn permutations_keep_column_totals() {
    let events = chicago();
    let r = knox(&events, &params(Metric::Euclidean, 50.0, 6), &|_| {}).expect("runs");
    for c in 0..4 {
        let obs: u64 = r.observed.iter().map(|row| row[c]).sum();
        let exp: f64 = r.expected.iter().map(|row| row[c]).sum();
        assert!((exp - obs as f64).abs() < 1e-6 * obs as f64);
        for row in 0..r.observed.len() {
            assert!(
                r.sim_min[row][c] as f64 <= r.expected[row][c]
                    && r.expected[row][c] <= r.sim_max[row][c] as f64
            );
            assert!(r.p_value[row][c] > 0.0 && r.p_value[row][c] <= 1.0);
        }
    }
}
