//! Change points in seasonal counts: the seasonal index and the levels fitted together.
//!
//! The model: the count of period `t` is Poisson with mean `λ_k·w_p·e^{g·s_t}`, `λ_k` the level of
//! the segment holding `t`, `w_p` the index of `t`'s position `p = t mod m` in the season (mean 1
//! over the season) and `g` a steady growth over the whole series (`s_t = t/n − ½`), so that a
//! city whose calls grow 5% a year does not show a "change" every year. For a given segmentation
//! the maximum-likelihood `λ`, `w` and `g` are found by cyclic updates (`λ_k = Σ_k y / Σ_k w·e^{gs}`,
//! `w_p = Σ_p y / Σ_p λ·e^{gs}`, a Newton step for `g`: a log-linear Poisson model, whose likelihood
//! has a single maximum), and the segmentation is judged by its deviance divided by the dispersion
//! `φ`, plus the penalty per change. The means reported are each segment's mean of `λ_k·e^{g·s_t}`
//! (the seasonally adjusted level, growth included).
//!
//! The index cannot be taken once beforehand: each position's mean over the mean of all mistakes a
//! level shift for seasonality (with three years of data and a rise in September of the second,
//! two of the three Septembers are high and only one of the Augusts, so late August comes out
//! "low season" and the change is placed weeks early, and every later year gets spurious changes
//! where the index is wrong). Nor does alternating PELT and the index help: started from that index
//! it keeps the spurious changes (each justifies the other). So the search is greedy on the joint
//! model, as binary segmentation is: from no change, add the one change that lowers the deviance
//! most, refitting the index each time, while the fall exceeds the penalty; then move each change
//! to its best place between its neighbours and drop any that no longer pays for itself, until
//! nothing moves. To keep it fast, the candidates of each step are ranked first with the weights
//! of the fit in hand (O(1) each, by cumulative sums; when moving a change, the weights of the fit
//! without it) and only the best eight, and the three places either side of a change being moved,
//! are fitted in full: three years of weeks take a few milliseconds, and on the demo-like series
//! of tests/series_change_demo.rs the result is the same as fitting every candidate in full.

use super::changepoint::{ChangeOptions, Changes};

/// Most iterations of proportional fitting for one segmentation.
const FIT_ITERATIONS: usize = 200;
/// Change of the deviance at which the fit stops (deviances that decide differ by units).
const FIT_TOLERANCE: f64 = 1e-6;
/// Most sweeps of moving and dropping changes.
const SWEEPS: usize = 20;

/// The fit of one segmentation.
struct Fit {
    /// Segment means of `λ_k·e^{g·s_t}`.
    means: Vec<f64>,
    index: Vec<f64>,
    growth: f64,
    deviance: f64,
}

/// Poisson deviance of `y` against the means `mu`.
fn deviance(y: &[f64], mu: impl Iterator<Item = f64>) -> f64 {
    y.iter()
        .zip(mu)
        .map(|(&v, m)| {
            let m = m.max(1e-300);
            if v > 0.0 {
                2.0 * (v * (v / m).ln() - (v - m))
            } else {
                2.0 * m
            }
        })
        .sum()
}

/// The fit of the module's model for the segments starting at `starts` (the first is 0), from the
/// index `index0` and growth `growth0`.
fn fit(y: &[f64], m: usize, starts: &[usize], index0: &[f64], growth0: f64) -> Fit {
    let n = y.len();
    let nseg = starts.len();
    let mut seg = vec![nseg - 1; n];
    for (k, w) in starts.windows(2).enumerate() {
        seg[w[0]..w[1]].fill(k);
    }
    let s: Vec<f64> = (0..n).map(|t| t as f64 / n as f64 - 0.5).collect();
    let mut seg_sum = vec![0.0; nseg];
    let mut pos_sum = vec![0.0; m];
    for (t, &v) in y.iter().enumerate() {
        seg_sum[seg[t]] += v;
        pos_sum[t % m] += v;
    }
    let mut index = index0.to_vec();
    let mut g = growth0;
    let mut levels = vec![0.0; nseg];
    let mut last = f64::INFINITY;
    let mut dev = f64::INFINITY;
    let mut trend: Vec<f64> = s.iter().map(|v| (g * v).exp()).collect();
    let update_levels = |levels: &mut [f64], index: &[f64], trend: &[f64]| {
        let mut wsum = vec![0.0; nseg];
        for t in 0..n {
            wsum[seg[t]] += index[t % m] * trend[t];
        }
        for ((l, s), w) in levels.iter_mut().zip(&seg_sum).zip(&wsum) {
            *l = if *w > 0.0 { s / w } else { 0.0 };
        }
    };
    for _ in 0..FIT_ITERATIONS {
        update_levels(&mut levels, &index, &trend);
        let mut lsum = vec![0.0; m];
        for t in 0..n {
            lsum[t % m] += levels[seg[t]] * trend[t];
        }
        for ((w, s), l) in index.iter_mut().zip(&pos_sum).zip(&lsum) {
            *w = if *l > 0.0 { s / l } else { 0.0 };
        }
        // Mean 1 over the season, at least 0.05 (a position never seen with a count keeps a
        // small expectation rather than none); the levels take the scale.
        let mean = index.iter().sum::<f64>() / m as f64;
        if mean > 0.0 {
            for w in &mut index {
                *w = (*w / mean).max(0.05);
            }
        }
        update_levels(&mut levels, &index, &trend);
        // One Newton step for the growth: the score Σ s(y − μ) over its information Σ s²μ.
        let (mut score, mut info) = (0.0, 0.0);
        for t in 0..n {
            let mu = levels[seg[t]] * index[t % m] * trend[t];
            score += s[t] * (y[t] - mu);
            info += s[t] * s[t] * mu;
        }
        if info > 0.0 {
            g = (g + score / info).clamp(-5.0, 5.0);
            trend = s.iter().map(|v| (g * v).exp()).collect();
        }
        dev = deviance(y, (0..n).map(|t| levels[seg[t]] * index[t % m] * trend[t]));
        if (last - dev).abs() <= FIT_TOLERANCE {
            break;
        }
        last = dev;
    }
    update_levels(&mut levels, &index, &trend);
    let mut means = vec![0.0; nseg];
    let mut lens = vec![0.0f64; nseg];
    for (&k, tr) in seg.iter().zip(&trend) {
        means[k] += levels[k] * tr;
        lens[k] += 1.0;
    }
    for (m, l) in means.iter_mut().zip(&lens) {
        *m /= l.max(1.0);
    }
    Fit {
        means,
        index,
        growth: g,
        deviance: dev,
    }
}

fn starts_of(points: &[usize]) -> Vec<usize> {
    let mut s = vec![0];
    s.extend(points);
    s
}

/// Each period's expected count per unit of level under a fit: index × growth.
fn weights(f: &Fit, n: usize, m: usize) -> Vec<f64> {
    (0..n)
        .map(|t| f.index[t % m] * (f.growth * (t as f64 / n as f64 - 0.5)).exp())
        .collect()
}

/// Twice the negative log-likelihood (up to terms in `y` alone) of one level over sums `s`, `w`.
fn level_cost(s: f64, w: f64) -> f64 {
    if s <= 0.0 || w <= 0.0 {
        0.0
    } else {
        2.0 * (s - s * (s / w).ln())
    }
}

/// Candidate starts in `lo..=hi` ranked by how much a split of the segment `[a, b)` there lowers
/// the cost with the weights `w` held fixed (cumulative sums: O(1) each); the best `keep`.
fn screen(
    y: &[f64],
    w: &[f64],
    (a, b): (usize, usize),
    lo: usize,
    hi: usize,
    keep: usize,
) -> Vec<usize> {
    let mut cy = vec![0.0; y.len() + 1];
    let mut cw = vec![0.0; y.len() + 1];
    for t in 0..y.len() {
        cy[t + 1] = cy[t] + y[t];
        cw[t + 1] = cw[t] + w[t];
    }
    let cost = |i: usize, j: usize| level_cost(cy[j] - cy[i], cw[j] - cw[i]);
    let mut ranked: Vec<(f64, usize)> = (lo..=hi)
        .map(|tau| (cost(a, tau) + cost(tau, b), tau))
        .collect();
    ranked.sort_by(|x, y| x.0.total_cmp(&y.0));
    ranked.into_iter().take(keep).map(|(_, t)| t).collect()
}

/// Candidates screened with fixed weights that are then fitted in full.
const SCREENED: usize = 8;
/// Periods either side of a change always fitted in full when it is moved.
const NEAR: usize = 3;

/// The greedy search of the module's text; `phi` is the dispersion, `beta` the penalty. Candidates
/// are first ranked with the weights of the fit in hand (cheap) and only the best few are fitted in
/// full with the index refitted, because fixed weights are what misplace a change.
pub(crate) fn search(y: &[f64], m: usize, opts: &ChangeOptions, beta: f64, phi: f64) -> Changes {
    let n = y.len();
    let min_seg = opts.min_segment.max(1);
    let score = |f: &Fit, k: usize| f.deviance / phi + beta * k as f64;
    let full =
        |points: &[usize], from: &Fit| fit(y, m, &starts_of(points), &from.index, from.growth);
    let mut points: Vec<usize> = Vec::new();
    let mut best = fit(y, m, &[0], &vec![1.0; m], 0.0);
    // Add changes one at a time.
    loop {
        let w = weights(&best, n, m);
        let mut bounds = starts_of(&points);
        bounds.push(n);
        let mut candidates = Vec::new();
        for seg in bounds.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            if b >= a + 2 * min_seg {
                candidates.extend(screen(y, &w, (a, b), a + min_seg, b - min_seg, SCREENED));
            }
        }
        let mut trial: Option<(Vec<usize>, Fit)> = None;
        for tau in candidates {
            let mut p = points.clone();
            p.push(tau);
            p.sort_unstable();
            let f = full(&p, &best);
            if trial.as_ref().is_none_or(|(_, b)| f.deviance < b.deviance) {
                trial = Some((p, f));
            }
        }
        match trial {
            Some((p, f)) if score(&f, p.len()) < score(&best, points.len()) => {
                points = p;
                best = f;
            }
            _ => break,
        }
    }
    // Move each change to its best place between its neighbours (screened with the weights of the
    // fit without it, plus its near places); drop those that no longer pay.
    for _ in 0..SWEEPS {
        let mut moved = false;
        for i in 0..points.len() {
            let lo = if i == 0 { 0 } else { points[i - 1] } + min_seg;
            let hi = if i + 1 == points.len() {
                n
            } else {
                points[i + 1]
            }
            .saturating_sub(min_seg);
            if hi <= lo {
                continue;
            }
            let mut without = points.clone();
            without.remove(i);
            let w = weights(&full(&without, &best), n, m);
            let mut places = screen(y, &w, (lo - min_seg, hi + min_seg), lo, hi, SCREENED);
            places.extend(points[i].saturating_sub(NEAR).max(lo)..=(points[i] + NEAR).min(hi));
            places.sort_unstable();
            places.dedup();
            for tau in places {
                if tau == points[i] {
                    continue;
                }
                let mut p = points.clone();
                p[i] = tau;
                let f = full(&p, &best);
                if f.deviance < best.deviance - 1e-9 {
                    points = p;
                    best = f;
                    moved = true;
                }
            }
        }
        let mut i = 0;
        while i < points.len() {
            let mut p = points.clone();
            p.remove(i);
            let f = full(&p, &best);
            if score(&f, p.len()) <= score(&best, points.len()) {
                points = p;
                best = f;
                moved = true;
            } else {
                i += 1;
            }
        }
        if !moved {
            break;
        }
    }
    Changes {
        points,
        means: best.means,
        penalty: beta,
        dispersion: phi,
    }
}
