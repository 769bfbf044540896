//! Speed of the kernel density on the benchmark size: 1,000,000 events on a 1000×1000
//! grid. Ignored by default; run with
//! `cargo test --release -p veghe-analytics --test kde_bench -- --ignored --nocapture`.

use std::time::Instant;
use veghe_analytics::grid::Grid;
use veghe_analytics::kde::{self, KdeOptions, Kernel};
use veghe_analytics::rng::Rng;

/// Clustered events over a 50 km square: half uniform, half around 200 centres.
pub fn events(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = Rng::new(seed);
    let centres: Vec<(f64, f64)> = (0..200)
        .map(|_| (rng.next_f64() * 50_000.0, rng.next_f64() * 50_000.0))
        .collect();
    (0..n)
        .map(|i| {
            if i % 2 == 0 {
                (rng.next_f64() * 49_999.0, rng.next_f64() * 49_999.0)
            } else {
                let (cx, cy) = centres[rng.below(centres.len())];
                // Roughly normal offsets (sum of uniforms), σ ≈ 400 m.
                let g = |r: &mut Rng| (0..4).map(|_| r.next_f64() - 0.5).sum::<f64>() * 693.0;
                (
                    (cx + g(&mut rng)).clamp(0.0, 49_999.0),
                    (cy + g(&mut rng)).clamp(0.0, 49_999.0),
                )
            }
        })
        .collect()
}

#[test]
#[ignore = "benchmark: run in release with --ignored"]
fn kde_one_million_events_on_a_million_cells() {
    let pts = events(1_000_000, 42);
    let grid = Grid::new(0.0, 0.0, 50.0, 1000, 1000).expect("grid");
    for (kernel, h, cutoff) in [
        (Kernel::Gaussian, 300.0, 5.0),
        (Kernel::Gaussian, 300.0, 4.0),
        (Kernel::Quartic, 600.0, 5.0),
    ] {
        let opts = KdeOptions {
            kernel,
            bandwidth: Some(h),
            cutoff,
            threads: 0,
        };
        let t = Instant::now();
        let d = kde::kde_grid(&pts, None, &grid, &opts).expect("kde");
        let secs = t.elapsed().as_secs_f64();
        let total: f64 = d.values.iter().sum::<f64>() * 0.05 * 0.05;
        println!(
            "{kernel:?} h = {h} m, cutoff {cutoff} h: {secs:.2} s (integral {total:.0} events)"
        );
    }
}

/// The benchmark beside scikit-learn (scripts/bench-kde.sh): the same 1,000,000 events, written to
/// `$VEGHE_BENCH_DIR/points.bin` (x, y as little-endian f64), Gaussian h = 300 m on the 1000×1000
/// grid of 50 m, on one thread and on every core (median of 3), and the densities of 2,000 cells
/// drawn at random written to `$VEGHE_BENCH_DIR/sample.csv` for the peer to compare.
#[test]
#[ignore = "benchmark: run by scripts/bench-kde.sh"]
fn kde_bench_file() {
    let dir = std::env::var("VEGHE_BENCH_DIR").expect("VEGHE_BENCH_DIR: a folder to write to");
    let dir = std::path::Path::new(&dir);
    let pts = events(1_000_000, 42);
    let bytes: Vec<u8> = pts
        .iter()
        .flat_map(|(x, y)| x.to_le_bytes().into_iter().chain(y.to_le_bytes()))
        .collect();
    std::fs::write(dir.join("points.bin"), bytes).expect("points");
    let grid = Grid::new(0.0, 0.0, 50.0, 1000, 1000).expect("grid");
    let mut density = None;
    for threads in [1, 0] {
        let opts = KdeOptions {
            kernel: Kernel::Gaussian,
            bandwidth: Some(300.0),
            cutoff: 5.0,
            threads,
        };
        let mut times = Vec::new();
        for _ in 0..3 {
            let t = Instant::now();
            density = Some(kde::kde_grid(&pts, None, &grid, &opts).expect("kde"));
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        println!("{{\"threads\": {threads}, \"median_s\": {}}}", times[1]);
    }
    let d = density.expect("ran");
    let mut rng = Rng::new(7);
    let mut sample = String::from("col,row,density\n");
    for _ in 0..2000 {
        let (c, r) = (rng.below(1000), rng.below(1000));
        sample.push_str(&format!("{c},{r},{:e}\n", d.values[grid.index(c, r)]));
    }
    std::fs::write(dir.join("sample.csv"), sample).expect("sample");
}
