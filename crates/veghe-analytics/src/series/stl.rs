//! STL (Cleveland et al. 1990), non-robust, with statsmodels' settings as statsforecast's MSTL calls
//! it for one season: seasonal smoother of degree 0, trend and low-pass smoothers of degree 1, a
//! fit at every point (jumps of 1) and five inner passes. It is the Fortran procedure as stlrs and
//! statsmodels port it, but the loess weights of a window depend only on its shape (the fitted
//! point's place in it and its width), not on the data, so they are computed once per shape and
//! reused along the series and across the passes.

use std::collections::HashMap;

/// Seasonal and trend components of `y` with season `np` (at least 2, and `y` at least two seasons
/// long): `(seasonal, trend)`.
pub fn stl(y: &[f64], np: usize, ns: usize) -> (Vec<f64>, Vec<f64>) {
    let n = y.len();
    let ns = odd(ns.max(3));
    let nt = odd(((1.5 * np as f64) / (1.0 - 1.5 / ns as f64)).ceil() as usize).max(3);
    let nl = odd(np + 1);
    let mut loess = Loess::default();
    let mut season = vec![0.0; n];
    let mut trend = vec![0.0; n];
    let mut detrended = vec![0.0; n];
    let mut cycle = vec![0.0; n + 2 * np];
    let mut low = vec![0.0; n + 2 * np];
    let mut work = vec![0.0; n + 2 * np];
    let mut smooth = vec![0.0; n];
    for _ in 0..INNER_PASSES {
        for i in 0..n {
            detrended[i] = y[i] - trend[i];
        }
        cycle_subseries(&detrended, np, ns, &mut loess, &mut cycle);
        moving_average(&cycle, np, &mut low);
        moving_average(&low[..n + np + 1], np, &mut work);
        moving_average(&work[..n + 2], 3, &mut low);
        loess.smooth(&low[..n], nl, 1, &mut smooth);
        for i in 0..n {
            season[i] = cycle[np + i] - smooth[i];
            detrended[i] = y[i] - season[i];
        }
        loess.smooth(&detrended, nt, 1, &mut trend);
    }
    (season, trend)
}

/// statsmodels' inner passes without robustness weights.
const INNER_PASSES: usize = 5;

fn odd(v: usize) -> usize {
    if v.is_multiple_of(2) { v + 1 } else { v }
}

/// Each cycle-subseries (every `np`-th value) smoothed by loess with window `ns`, and extended by
/// one fitted value at each end: the result has `n + 2 np` values.
fn cycle_subseries(y: &[f64], np: usize, ns: usize, loess: &mut Loess, out: &mut [f64]) {
    let n = y.len();
    let mut sub = Vec::with_capacity(n / np + 1);
    let mut fit = vec![0.0; n / np + 3];
    for j in 0..np {
        sub.clear();
        sub.extend(y.iter().skip(j).step_by(np));
        let k = sub.len();
        loess.smooth(&sub, ns, 0, &mut fit[1..=k]);
        fit[0] = loess.fit(&sub, ns, 0, 0, 1, ns.min(k)).unwrap_or(fit[1]);
        let left = (k as i64 - ns as i64 + 1).max(1) as usize;
        fit[k + 1] = loess.fit(&sub, ns, 0, k + 1, left, k).unwrap_or(fit[k]);
        for (m, v) in fit[..k + 2].iter().enumerate() {
            out[m * np + j] = *v;
        }
    }
}

/// Moving averages of `len` values over `x` (`x.len() - len + 1` of them) into `out`.
fn moving_average(x: &[f64], len: usize, out: &mut [f64]) {
    let flen = len as f64;
    let mut v: f64 = x[..len].iter().sum();
    out[0] = v / flen;
    for m in 0..x.len() - len {
        v = v - x[m] + x[len + m];
        out[m + 1] = v / flen;
    }
}

/// A window shape: series length, window length, degree, fitted point less the window's first
/// point, last point less first point.
type Shape = (usize, usize, i32, i64, usize);

/// The loess weights of every window shape met so far (`None` where they all vanish).
#[derive(Default)]
struct Loess {
    weights: HashMap<Shape, Option<Vec<f64>>>,
}

impl Loess {
    /// Loess of window `len` and degree `ideg` at every point of `y`, into `out`.
    fn smooth(&mut self, y: &[f64], len: usize, ideg: i32, out: &mut [f64]) {
        let n = y.len();
        if n < 2 {
            out[0] = y[0];
            return;
        }
        let (mut left, mut right) = if len >= n { (1, n) } else { (1, len) };
        let half = len.div_ceil(2);
        for i in 1..=n {
            if len < n && i > half && right != n {
                left += 1;
                right += 1;
            }
            out[i - 1] = self.fit(y, len, ideg, i, left, right).unwrap_or(y[i - 1]);
        }
    }

    /// The loess fit at point `xs` (1-based) from the points `left..=right` of `y`.
    fn fit(
        &mut self,
        y: &[f64],
        len: usize,
        ideg: i32,
        xs: usize,
        left: usize,
        right: usize,
    ) -> Option<f64> {
        let n = y.len();
        let key = (n, len, ideg, xs as i64 - left as i64, right - left);
        let w = self
            .weights
            .entry(key)
            .or_insert_with(|| weights(n, len, ideg, xs as f64, left, right))
            .as_ref()?;
        Some(w.iter().zip(&y[left - 1..right]).map(|(w, v)| w * v).sum())
    }
}

/// The loess weights of the points `left..=right` (1-based) for a fit at `xs`: tricube in the
/// distance, normalised, tilted for a local line when `ideg` is 1; `None` if they all vanish.
fn weights(
    n: usize,
    len: usize,
    ideg: i32,
    xs: f64,
    left: usize,
    right: usize,
) -> Option<Vec<f64>> {
    let range = n as f64 - 1.0;
    let mut h = (xs - left as f64).max(right as f64 - xs);
    if len > n {
        h += ((len - n) / 2) as f64;
    }
    let (h9, h1) = (0.999 * h, 0.001 * h);
    let mut w = vec![0.0; right - left + 1];
    let mut a = 0.0;
    for (wj, j) in w.iter_mut().zip(left..=right) {
        let r = (j as f64 - xs).abs();
        if r <= h9 {
            *wj = if r <= h1 {
                1.0
            } else {
                let q = r / h;
                let t = 1.0 - q * q * q;
                t * t * t
            };
            a += *wj;
        }
    }
    if a <= 0.0 {
        return None;
    }
    for wj in w.iter_mut() {
        *wj /= a;
    }
    if h > 0.0 && ideg > 0 {
        let centre: f64 = w
            .iter()
            .zip(left..=right)
            .map(|(wj, j)| wj * j as f64)
            .sum();
        let spread: f64 = w
            .iter()
            .zip(left..=right)
            .map(|(wj, j)| {
                let d = j as f64 - centre;
                wj * (d * d)
            })
            .sum();
        if spread.sqrt() > 0.001 * range {
            let slope = (xs - centre) / spread;
            for (wj, j) in w.iter_mut().zip(left..=right) {
                *wj *= slope * (j as f64 - centre) + 1.0;
            }
        }
    }
    Some(w)
}
