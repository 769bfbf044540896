//! Speed of Gi* and Local Moran's I with 999 permutations on 100,000 cells. Ignored by default;
//! run with `cargo test --release -p veghe-analytics --test lisa_bench -- --ignored --nocapture`.

use std::time::Instant;
use veghe_analytics::lisa;
use veghe_analytics::rng::Rng;
use veghe_analytics::weights::{Weights, WeightsSpec};

#[test]
#[ignore = "benchmark: run in release with --ignored"]
fn gi_and_moran_999_permutations_on_100k_cells() {
    let (cols, rows) = (400usize, 250usize);
    // Counts: a smooth intensity with a few peaks, Poisson-like noise from a seeded generator.
    let mut rng = Rng::new(9);
    let counts: Vec<f64> = (0..cols * rows)
        .map(|i| {
            let (c, r) = ((i % cols) as f64, (i / cols) as f64);
            let bump = |x: f64, y: f64, s: f64| {
                (-((c - x).powi(2) + (r - y).powi(2)) / (2.0 * s * s)).exp()
            };
            let lambda = 1.0 + 8.0 * bump(100.0, 60.0, 15.0) + 5.0 * bump(300.0, 180.0, 25.0);
            // Knuth's Poisson sampler.
            let (l, mut k, mut p) = ((-lambda).exp(), 0.0, 1.0);
            loop {
                p *= rng.next_f64();
                if p <= l {
                    break k;
                }
                k += 1.0;
            }
        })
        .collect();
    // LISA_BENCH_WEIGHTS=queen|rook|distance:D runs one neighbourhood only.
    let specs = match std::env::var("LISA_BENCH_WEIGHTS") {
        Ok(s) => vec![WeightsSpec::parse(&s).expect("weights")],
        Err(_) => vec![
            WeightsSpec::Queen,
            WeightsSpec::Rook,
            WeightsSpec::Distance(2.5),
        ],
    };
    for spec in specs {
        let t = Instant::now();
        let w = Weights::for_grid(cols, rows, 1.0, spec).expect("weights");
        let gi = lisa::gi_star(&counts, &w).expect("gi");
        let moran = lisa::local_moran(&counts, &w).expect("moran");
        let analytic = t.elapsed().as_secs_f64();
        let p = lisa::permutation_p(&counts, &w, 999, 1, 0, &|_, _| {}).expect("p");
        let total = t.elapsed().as_secs_f64();
        let hot = gi.z.iter().filter(|z| **z > 1.96).count();
        let sig = p.moran.iter().filter(|p| **p < 0.05).count();
        println!(
            "{spec:?}: {} cells, weights + analytic {analytic:.3} s, with 999 permutations {total:.2} s \
             ({hot} Gi* z > 1.96, {sig} Moran p < 0.05, I[0] = {:.3})",
            counts.len(),
            moran.i[0]
        );
    }
}
