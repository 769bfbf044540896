//! Conditional-permutation p-values against exact tails on 0/1 values (where the permuted
//! neighbourhood sum is hypergeometric), for every way of drawing neighbours (small and large
//! neighbourhoods), and their independence from the number of threads.

use veghe_analytics::lisa;
use veghe_analytics::rng::Rng;
use veghe_analytics::weights::{Weights, WeightsSpec};

/// ln C(a, b).
fn ln_choose(a: usize, b: usize) -> f64 {
    (1..=b).map(|t| ((a - b + t) as f64 / t as f64).ln()).sum()
}

/// P(S = s) for S the number of ones in k draws without replacement from `total` items of
/// which `ones` are ones.
fn hypergeometric(total: usize, ones: usize, k: usize, s: usize) -> f64 {
    if s > ones || s > k || k - s > total - ones {
        return 0.0;
    }
    (ln_choose(ones, s) + ln_choose(total - ones, k - s) - ln_choose(total, k)).exp()
}

/// Expected pseudo p-value `(min(L, P−L) + 1)/(P + 1)` for L ~ Binomial(P, f): the folding
/// makes it differ from `(P·min(f, 1−f) + 1)/(P + 1)` where f is near ½.
/// `ln_c[l]` = ln C(P, l).
fn expected_p(f: f64, perms: usize, ln_c: &[f64]) -> f64 {
    let f = f.clamp(0.0, 1.0);
    (0..=perms)
        .map(|l| {
            let ln = ln_c[l] + l as f64 * f.ln() + (perms - l) as f64 * (1.0 - f).ln();
            let pmf = if (l == 0 && f == 0.0) || (l == perms && f == 1.0) {
                1.0
            } else {
                ln.exp()
            };
            let folded = l.min(perms - l);
            pmf * (folded + 1) as f64 / (perms + 1) as f64
        })
        .sum()
}

fn values(cols: usize, rows: usize) -> Vec<f64> {
    let mut rng = Rng::new(77);
    (0..cols * rows)
        .map(|i| {
            let (c, r) = ((i % cols) as f64, (i / cols) as f64);
            let near = ((c - 15.0).powi(2) + (r - 12.0).powi(2)).sqrt() < 8.0;
            let p = if near { 0.7 } else { 0.25 };
            f64::from(u8::from(rng.next_f64() < p))
        })
        .collect()
}

#[test]
fn p_values_match_exact_hypergeometric_tails() {
    let (cols, rows, perms) = (50, 40, 199);
    let y = values(cols, rows);
    let n = y.len();
    let total_ones = y.iter().filter(|&&v| v == 1.0).count();
    let mean = total_ones as f64 / n as f64;
    let pc = perms as f64;
    let ln_c: Vec<f64> = (0..=perms).map(|l| ln_choose(perms, l)).collect();
    // Queen (k ≤ 8), bands of 2 (k ≤ 12) and 2.5 (k ≤ 20) cells use the small-draw path with 8,
    // 16 and 32 slots; a band of 4 cells (k ≤ 48) the partial shuffle.
    for spec in [
        WeightsSpec::Queen,
        WeightsSpec::Distance(2.0),
        WeightsSpec::Distance(2.5),
        WeightsSpec::Distance(4.0),
    ] {
        let w = Weights::for_grid(cols, rows, 1.0, spec).expect("weights");
        let p = lisa::permutation_p(&y, &w, perms, 5, 0, &|_, _| {}).expect("p");
        let mut signed = [0.0f64; 2];
        for i in 0..n {
            let k = w.cardinality(i);
            let observed = w.lag_sum(i, &y) as usize;
            let ones = total_ones - y[i] as usize;
            let pmf = |s: usize| hypergeometric(n - 1, ones, k, s);
            let ge: f64 = (observed..=k).map(pmf).sum();
            let le: f64 = (0..=observed).map(pmf).sum();
            let moran_tail = if y[i] > mean { ge } else { le };
            for (stat, (ours, tail)) in [(p.gi[i], ge), (p.moran[i], moran_tail)]
                .into_iter()
                .enumerate()
            {
                let m = tail.min(1.0 - tail).clamp(0.0, 0.5);
                let exact = expected_p(tail, perms, &ln_c);
                let slack = 5.0 * (m * (1.0 - m) / pc).sqrt() + 2.0 / (pc + 1.0);
                assert!(
                    (ours - exact).abs() <= slack,
                    "{spec:?} stat {stat} cell {i}: {ours} vs {exact}"
                );
                signed[stat] += ours - exact;
            }
        }
        println!(
            "{spec:?}: mean signed difference gi {:+.5}, moran {:+.5}",
            signed[0] / n as f64,
            signed[1] / n as f64
        );
        assert!(
            signed.iter().all(|s| (s / n as f64).abs() < 0.003),
            "{spec:?}: biased"
        );
    }
}

#[test]
fn results_do_not_depend_on_the_number_of_threads() {
    let (cols, rows) = (30, 24);
    let y = values(cols, rows);
    for spec in [WeightsSpec::Rook, WeightsSpec::Distance(3.0)] {
        let w = Weights::for_grid(cols, rows, 1.0, spec).expect("weights");
        let one = lisa::permutation_p(&y, &w, 99, 11, 1, &|_, _| {}).expect("p");
        for threads in [2, 3, 0] {
            let many = lisa::permutation_p(&y, &w, 99, 11, threads, &|_, _| {}).expect("p");
            assert_eq!(one, many, "{spec:?} with {threads} threads");
        }
        let other_seed = lisa::permutation_p(&y, &w, 99, 12, 1, &|_, _| {}).expect("p");
        assert_ne!(one, other_seed);
    }
}

#[test]
fn progress_reaches_the_total() {
    let y = values(40, 30);
    let w = Weights::for_grid(40, 30, 1.0, WeightsSpec::Queen).expect("weights");
    let seen = std::sync::Mutex::new(Vec::new());
    lisa::permutation_p(&y, &w, 99, 1, 2, &|done, total| {
        if let Ok(mut s) = seen.lock() {
            s.push((done, total));
        }
    })
    .expect("p");
    let seen = seen.into_inner().expect("progress");
    assert_eq!(seen.first(), Some(&(0, 1200)));
    assert_eq!(seen.last(), Some(&(1200, 1200)));
    assert!(seen.windows(2).all(|p| p[0].0 <= p[1].0));
}
