//! PAI/PEI* against brute force over every selection of cells, on small random maps with ties.

use veghe_analytics::evaluate::evaluate;
use veghe_analytics::rng::Rng;

#[test]
fn selection_bounds_and_best_possible_match_brute_force() {
    let mut rng = Rng::new(99);
    for _ in 0..300 {
        let m = 1 + rng.below(10);
        // Few distinct scores, so ties are common.
        let scores: Vec<f64> = (0..m).map(|_| rng.below(4) as f64 * 0.5).collect();
        let counts: Vec<u64> = (0..m).map(|_| rng.below(6) as u64).collect();
        let total: u64 = counts.iter().sum();
        for k in 1..=m {
            let share = k as f64 / m as f64;
            let e = evaluate(&scores, &counts, share).expect("evaluates");
            assert_eq!(e.cells, k);
            let (mut best, mut least, mut most) = (0u64, u64::MAX, 0u64);
            for mask in 0u32..(1 << m) {
                if mask.count_ones() as usize != k {
                    continue;
                }
                let inside = |i: usize| mask & (1 << i) != 0;
                let n: u64 = (0..m).filter(|&i| inside(i)).map(|i| counts[i]).sum();
                best = best.max(n);
                // A valid top-k selection: no cell left out scores above a selected one.
                let lowest_in = (0..m)
                    .filter(|&i| inside(i))
                    .map(|i| scores[i])
                    .fold(f64::INFINITY, f64::min);
                let highest_out = (0..m)
                    .filter(|&i| !inside(i))
                    .map(|i| scores[i])
                    .fold(f64::NEG_INFINITY, f64::max);
                if highest_out <= lowest_in {
                    least = least.min(n);
                    most = most.max(n);
                }
            }
            assert_eq!(e.best_possible, best);
            assert_eq!(e.captured_range, (least, most));
            assert!(least <= e.captured && e.captured <= most);
            assert_eq!(e.total_events, total);
            if let Some(pei) = e.pei_star {
                assert!((0.0..=1.0).contains(&pei));
            }
            let mut sel = e.selected.clone();
            sel.sort_unstable();
            sel.dedup();
            assert_eq!(sel.len(), k);
        }
    }
}
