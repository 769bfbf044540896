//! Change points in a series of counts: PELT (Killick, Fearnhead & Eckley 2012) minimising the
//! Poisson segment cost plus a penalty per change, which finds the same segmentation as exhaustive
//! optimal partitioning.
//!
//! Segment cost of `y[a..b]` with sum `S` and length `L`: twice the negative Poisson log-likelihood
//! at the segment's mean `S/L`, without the terms that do not depend on the segmentation:
//! `2·(S - S·ln(S/L))` (0 when `S = 0`). Crime counts are usually over-dispersed, which would make a
//! pure Poisson cost see change everywhere; the cost is therefore divided by a dispersion
//! `φ = max(1, Σ(y[t] - y[t-1])² / (2·(n-1)·ȳ))` (a quasi-Poisson cost; the first differences keep
//! a level shift from inflating φ). The default penalty is the BIC's `2·ln(n)` per change
//! (one parameter for the new mean, one for the change's position).
//!
//! Seasonal counts would show every summer as a change. With a season `m` (and at least two seasons
//! of data) the expected count of period `t` is taken as `λ_k·w[t]`, with `λ_k` the level of its
//! segment and `w` the seasonal index (and a steady growth), and index and levels are fitted
//! together: segment costs are then no longer independent, so PELT gives way to the greedy search
//! of [`super::seasonal_change`] (same Poisson deviance, dispersion and penalty). The dispersion is measured on
//! the counts divided by the plain index (each position's mean over the mean of all, at least 0.05).

use super::{SeriesError, check_finite};

/// The options of the search.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChangeOptions {
    /// Penalty per change point, in units of the (scaled) cost; `None` = `2·ln(n)`.
    pub penalty: Option<f64>,
    /// The shortest segment allowed.
    pub min_segment: usize,
    /// Divide the cost by the estimated dispersion (see the module's text).
    pub quasi: bool,
    /// Season length: adjust for the seasonal index (see the module's text).
    pub season: Option<usize>,
}

impl Default for ChangeOptions {
    fn default() -> Self {
        ChangeOptions {
            penalty: None,
            min_segment: 4,
            quasi: true,
            season: None,
        }
    }
}

/// The segmentation found.
#[derive(Clone, Debug, PartialEq)]
pub struct Changes {
    /// Indices where a new segment starts (the value at the index is the first of the new level).
    pub points: Vec<usize>,
    /// The mean of each segment (seasonally adjusted when a season was given).
    pub means: Vec<f64>,
    pub penalty: f64,
    pub dispersion: f64,
}

fn poisson_cost(sum: f64, len: f64) -> f64 {
    if sum <= 0.0 {
        0.0
    } else {
        2.0 * (sum - sum * (sum / len).ln())
    }
}

/// The seasonal index of the module's text, one weight per value (all 1 without a season or with
/// fewer than two seasons of data).
pub fn seasonal_weights(y: &[f64], season: Option<usize>) -> Vec<f64> {
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n.max(1) as f64;
    match season {
        Some(m) if m >= 2 && n >= 2 * m && mean > 0.0 => {
            let index: Vec<f64> = (0..m)
                .map(|p| {
                    let vals: Vec<f64> = y.iter().skip(p).step_by(m).copied().collect();
                    (vals.iter().sum::<f64>() / vals.len() as f64 / mean).max(0.05)
                })
                .collect();
            (0..n).map(|t| index[t % m]).collect()
        }
        _ => vec![1.0; n],
    }
}

/// The dispersion estimate of the module's text.
pub fn dispersion(y: &[f64]) -> f64 {
    let n = y.len();
    let mean = y.iter().sum::<f64>() / n as f64;
    if n < 2 || mean <= 0.0 {
        return 1.0;
    }
    let d2: f64 = y.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    (d2 / (2.0 * (n - 1) as f64 * mean)).max(1.0)
}

/// Finds the change points of counts `y` (non-negative).
pub fn pelt(y: &[f64], opts: &ChangeOptions) -> Result<Changes, SeriesError> {
    check_finite(y)?;
    if let Some(i) = y.iter().position(|v| *v < 0.0) {
        return Err(SeriesError::Parameter(format!(
            "value {i} is negative: change points are sought in counts"
        )));
    }
    let n = y.len();
    let min_seg = opts.min_segment.max(1);
    let w = seasonal_weights(y, opts.season);
    let seasonal = w.iter().any(|v| *v != 1.0);
    let adjusted: Vec<f64> = y.iter().zip(&w).map(|(v, w)| v / w).collect();
    let phi = if opts.quasi {
        dispersion(&adjusted)
    } else {
        1.0
    };
    let beta = opts.penalty.unwrap_or(2.0 * (n as f64).ln());
    if !(beta.is_finite() && beta >= 0.0) {
        return Err(SeriesError::Parameter(
            "the penalty must be 0 or more".into(),
        ));
    }
    if let (true, Some(m)) = (seasonal, opts.season) {
        return Ok(super::seasonal_change::search(y, m, opts, beta, phi));
    }
    let mut cum = vec![0.0; n + 1];
    let mut cum_w = vec![0.0; n + 1];
    for (i, (v, wi)) in y.iter().zip(&w).enumerate() {
        cum[i + 1] = cum[i] + v;
        cum_w[i + 1] = cum_w[i] + wi;
    }
    let cost = |a: usize, b: usize| poisson_cost(cum[b] - cum[a], cum_w[b] - cum_w[a]) / phi;
    // f[t]: best penalised cost of y[..t]; last[t]: start of the last segment.
    let mut f = vec![f64::INFINITY; n + 1];
    let mut last = vec![0usize; n + 1];
    f[0] = -beta;
    let mut candidates: Vec<usize> = vec![0];
    for t in min_seg..=n {
        let mut best = f64::INFINITY;
        let mut arg = 0;
        let mut totals = Vec::with_capacity(candidates.len());
        for &s in &candidates {
            let total = if t - s >= min_seg && f[s].is_finite() {
                f[s] + cost(s, t) + beta
            } else {
                f64::INFINITY
            };
            totals.push(total);
            if total < best {
                best = total;
                arg = s;
            }
        }
        f[t] = best;
        last[t] = arg;
        // Pruning: a start whose cost already exceeds the best by the penalty can never win again
        // (the Poisson cost is additive under splitting, so K = 0 in Killick et al.'s condition).
        let keep: Vec<usize> = candidates
            .iter()
            .zip(&totals)
            .filter(|(s, total)| t - **s < min_seg || **total - beta <= best)
            .map(|(s, _)| *s)
            .collect();
        candidates = keep;
        if t + 1 >= min_seg {
            candidates.push(t + 1 - min_seg);
        }
        candidates.sort_unstable();
        candidates.dedup();
    }
    if n < min_seg || !f[n].is_finite() {
        return Ok(Changes {
            points: Vec::new(),
            means: vec![cum[n] / cum_w[n].max(f64::MIN_POSITIVE)],
            penalty: beta,
            dispersion: phi,
        });
    }
    let mut points = Vec::new();
    let mut t = n;
    while t > 0 {
        let s = last[t];
        if s > 0 {
            points.push(s);
        }
        t = s;
    }
    points.reverse();
    let mut bounds = vec![0];
    bounds.extend(&points);
    bounds.push(n);
    let means = bounds
        .windows(2)
        .map(|b| (cum[b[1]] - cum[b[0]]) / (cum_w[b[1]] - cum_w[b[0]]))
        .collect();
    Ok(Changes {
        points,
        means,
        penalty: beta,
        dispersion: phi,
    })
}
