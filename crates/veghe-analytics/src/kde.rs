//! Kernel density estimation on a grid (at cell centres) or at arbitrary query points.
//!
//! **Output unit.** The density at a place is the sum, over the events, of the event's weight
//! (1 when no weights are given) times the kernel value at the event's distance. Both kernels
//! integrate to 1 over the plane in m⁻², so the sum is in events per m²; it is multiplied by
//! 1e6 to give **events per square kilometre**. Integrated over the whole plane it gives back
//! the number of events (the sum of weights).
//!
//! **Kernels**, with bandwidth `h` in metres and distance `d`:
//! - Gaussian: `K(d) = exp(-d² / (2h²)) / (2π h²)`, an isotropic normal with σ = h in each
//!   axis (the same as scikit-learn's `KernelDensity(kernel="gaussian", bandwidth=h)` and as
//!   `scipy.stats.multivariate_normal(cov=h²·I)`);
//! - quartic (biweight, as in CrimeStat and ArcGIS): `K(d) = 3/(π h²) · (1 − d²/h²)²` for
//!   `d < h`, 0 beyond; here `h` is the search radius.
//!
//! **Truncation of the Gaussian.** Each event is spread only over the cells whose centre
//! differs from it by at most `cutoff · h` in x *and* in y (a square; `cutoff` defaults to 5).
//! Every contribution left out is at a distance over `cutoff · h`, so it is below
//! `exp(−cutoff²/2)` times the kernel's peak `1/(2πh²)`: below 3.73e-6 × peak at 5 (3.35e-4 ×
//! peak at 4). The density left out at any one place is at most that times the sum of weights
//! of the events farther than `cutoff·h` from it, and the mass lost per event is below
//! `2·erfc(cutoff/√2)` (1.1e-6 at 5). The quartic kernel is exact (it is 0 beyond `h`).
//!
//! **Bandwidth rule** (when none is given): the normal-reference rule of Scott, which in two
//! dimensions is the same as Silverman's: `h = σ̄ · n_eff^(−1/6)`, where `σ̄² = (s_x² + s_y²)/2`
//! is the mean of the two coordinate variances (unbiased, weighted as numpy's
//! `cov(aweights=w)`) and `n_eff = (Σw)²/Σw²` (= n without weights). That is the bandwidth that
//! `scipy.stats.gaussian_kde(bw_method="scott")` would use for data whose covariance is
//! isotropic with the same total variance. For the quartic kernel the rule gives the radius
//! `√8 · σ̄ · n_eff^(−1/6)`, the radius at which a quartic kernel has the same variance per axis
//! (`radius²/8`) as that Gaussian.
//!
//! **Speed.** Events sorted by strips of rows and then x; bands of grid rows handed to threads (`std::thread::scope`),
//! each adding the events within reach into its own rows. The Gaussian is separable,
//! `K = g(dx)·g(dy)`: per event one row of x-weights and one column of y-weights (by a stable
//! exponential recurrence), then one multiply-add per cell.

use crate::error::{Error, check_points, check_positive};
use crate::grid::Grid;
use std::collections::HashMap;
use std::f64::consts::PI;
use std::sync::Mutex;

/// The kernel shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    Gaussian,
    /// Quartic (biweight), with the bandwidth as its radius.
    Quartic,
}

impl Kernel {
    /// Parses `gaussian`, `quartic` or `biweight`.
    pub fn parse(text: &str) -> Result<Kernel, Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "gaussian" | "normal" => Ok(Kernel::Gaussian),
            "quartic" | "biweight" => Ok(Kernel::Quartic),
            _ => Err(Error::invalid(
                "kernel",
                f64::NAN,
                "must be gaussian or quartic",
            )),
        }
    }

    /// Kernel value at squared distance `d2` (m²), in m⁻².
    pub fn value(self, d2: f64, h: f64) -> f64 {
        let h2 = h * h;
        match self {
            Kernel::Gaussian => (-d2 / (2.0 * h2)).exp() / (2.0 * PI * h2),
            Kernel::Quartic => 3.0 / (PI * h2) * (1.0 - d2 / h2).max(0.0).powi(2),
        }
    }
}

/// Options of a density estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KdeOptions {
    pub kernel: Kernel,
    /// Bandwidth (Gaussian σ, or quartic radius) in metres; `None` applies the rule above.
    pub bandwidth: Option<f64>,
    /// Gaussian truncation in bandwidths (default 5); ignored by the quartic kernel.
    pub cutoff: f64,
    /// Worker threads; 0 uses all available cores.
    pub threads: usize,
}

impl Default for KdeOptions {
    fn default() -> Self {
        KdeOptions {
            kernel: Kernel::Gaussian,
            bandwidth: None,
            cutoff: 5.0,
            threads: 0,
        }
    }
}

/// Where the bandwidth came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandwidthSource {
    Given,
    /// The normal-reference (Scott) rule described in the module documentation.
    NormalReference,
}

/// A density estimate and the bandwidth that made it.
#[derive(Clone, Debug, PartialEq)]
pub struct Density {
    /// Events per km², one per cell (row-major) or per query point.
    pub values: Vec<f64>,
    /// Bandwidth used, metres.
    pub bandwidth: f64,
    pub source: BandwidthSource,
}

/// The normal-reference Gaussian bandwidth `σ̄ · n_eff^(−1/6)` (see the module documentation).
pub fn normal_reference_bandwidth(
    points: &[(f64, f64)],
    weights: Option<&[f64]>,
) -> Result<f64, Error> {
    check_input(points, weights)?;
    let w = |i: usize| weights.map_or(1.0, |w| w[i]);
    let sw: f64 = (0..points.len()).map(w).sum();
    let sw2: f64 = (0..points.len()).map(|i| w(i) * w(i)).sum();
    let mx = points
        .iter()
        .enumerate()
        .map(|(i, p)| w(i) * p.0)
        .sum::<f64>()
        / sw;
    let my = points
        .iter()
        .enumerate()
        .map(|(i, p)| w(i) * p.1)
        .sum::<f64>()
        / sw;
    let ss: f64 = points
        .iter()
        .enumerate()
        .map(|(i, p)| w(i) * ((p.0 - mx).powi(2) + (p.1 - my).powi(2)))
        .sum();
    // Unbiased weighted variance as numpy's cov(aweights=w): divide by Σw − Σw²/Σw.
    let fact = sw - sw2 / sw;
    let h = (ss / fact / 2.0).sqrt() * (sw * sw / sw2).powf(-1.0 / 6.0);
    if sw > 0.0 && fact > 0.0 && h.is_finite() && h > 0.0 {
        return Ok(h);
    }
    Err(Error::Degenerate(
        "the bandwidth rule needs at least two events at different places (with positive weight): \
         give a bandwidth"
            .to_string(),
    ))
}

/// The bandwidth the rule gives for `kernel`: the normal-reference value, times √8 for quartic.
pub fn default_bandwidth(
    points: &[(f64, f64)],
    weights: Option<&[f64]>,
    kernel: Kernel,
) -> Result<f64, Error> {
    let h = normal_reference_bandwidth(points, weights)?;
    Ok(match kernel {
        Kernel::Gaussian => h,
        Kernel::Quartic => 8f64.sqrt() * h,
    })
}

fn check_input(points: &[(f64, f64)], weights: Option<&[f64]>) -> Result<(), Error> {
    if points.is_empty() {
        return Err(Error::Empty { what: "point" });
    }
    check_points(points, "point")?;
    if let Some(w) = weights {
        if w.len() != points.len() {
            let (expected, got) = (points.len(), w.len());
            return Err(Error::LengthMismatch {
                what: "weights",
                expected,
                got,
            });
        }
        if let Some(index) = w.iter().position(|v| !v.is_finite() || *v < 0.0) {
            return Err(Error::NonFinite {
                what: "weight (must be finite and ≥ 0)",
                index,
            });
        }
    }
    Ok(())
}

/// How one event spreads: kernel, bandwidth and reach (metres), and where the bandwidth came from.
struct Spread {
    kernel: Kernel,
    h: f64,
    reach: f64,
    source: BandwidthSource,
}

fn prepare(
    points: &[(f64, f64)],
    weights: Option<&[f64]>,
    opts: &KdeOptions,
) -> Result<Spread, Error> {
    check_input(points, weights)?;
    let cutoff = opts.cutoff;
    if opts.kernel == Kernel::Gaussian && !(cutoff.is_finite() && (1.0..=30.0).contains(&cutoff)) {
        let reason = "must be between 1 and 30 bandwidths";
        return Err(Error::invalid("cutoff", cutoff, reason));
    }
    let (h, source) = match opts.bandwidth {
        Some(h) => (h, BandwidthSource::Given),
        None => (
            default_bandwidth(points, weights, opts.kernel)?,
            BandwidthSource::NormalReference,
        ),
    };
    check_positive("bandwidth", h)?;
    if !(1e-6..=1e9).contains(&h) {
        let reason = "must be between 1e-6 and 1e9 metres";
        return Err(Error::invalid("bandwidth", h, reason));
    }
    let reach = if opts.kernel == Kernel::Gaussian {
        cutoff * h
    } else {
        h
    };
    Ok(Spread {
        kernel: opts.kernel,
        h,
        reach,
        source,
    })
}

fn threads(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// The result, unless some value overflowed (huge weights on a tiny bandwidth).
fn finish(values: Vec<f64>, spread: &Spread) -> Result<Density, Error> {
    if values.iter().any(|v| !v.is_finite()) {
        return Err(Error::Degenerate(
            "the density is too large to represent: check the weights and the bandwidth"
                .to_string(),
        ));
    }
    Ok(Density {
        values,
        bandwidth: spread.h,
        source: spread.source,
    })
}

/// Density at every cell centre of `grid`, row-major, in events per km².
pub fn kde_grid(
    points: &[(f64, f64)],
    weights: Option<&[f64]>,
    grid: &Grid,
    opts: &KdeOptions,
) -> Result<Density, Error> {
    let spread = prepare(points, weights, opts)?;
    let (h, reach) = (spread.h, spread.reach);
    let norm = 1e6
        * match spread.kernel {
            Kernel::Gaussian => 1.0 / (2.0 * PI * h * h),
            Kernel::Quartic => 3.0 / (PI * h * h),
        };
    // Events as (strip, x, y, weight·norm·1e6), sorted by strips of 4 rows, then by x, so that
    // successive events touch nearby cells.
    let strip_of = |y: f64| {
        ((y - grid.origin_y) / (4.0 * grid.cell))
            .floor()
            .clamp(-1e15, 1e15) as i64
    };
    let mut ev: Vec<(i64, f64, f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| (strip_of(y), x, y, weights.map_or(1.0, |w| w[i]) * norm))
        .filter(|e| e.3 > 0.0)
        .collect();
    ev.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));

    let mut values = vec![0.0; grid.len()];
    let nthreads = threads(opts.threads).min(grid.rows).max(1);
    let band_rows = grid.rows.div_ceil(nthreads * 8).max(1);
    let bands: Vec<(usize, &mut [f64])> = values
        .chunks_mut(band_rows * grid.cols)
        .enumerate()
        .map(|(b, s)| (b * band_rows, s))
        .collect();
    let queue = Mutex::new(bands.into_iter());
    let (ev, spread_ref) = (&ev, &spread);
    std::thread::scope(|scope| {
        for _ in 0..nthreads {
            scope.spawn(|| {
                let mut scratch = Scratch::default();
                while let Some((row0, out)) = queue.lock().ok().and_then(|mut q| q.next()) {
                    let nrows = out.len() / grid.cols;
                    let y_lo = grid.origin_y + row0 as f64 * grid.cell - reach - grid.cell;
                    let y_hi =
                        grid.origin_y + (row0 + nrows) as f64 * grid.cell + reach + grid.cell;
                    let (s_lo, s_hi) = (strip_of(y_lo), strip_of(y_hi));
                    let a = ev.partition_point(|e| e.0 < s_lo);
                    let b = ev.partition_point(|e| e.0 <= s_hi);
                    for &(_, x, y, w) in &ev[a..b] {
                        add_event(spread_ref, grid, row0, out, (x, y, w), &mut scratch);
                    }
                }
            });
        }
    });
    finish(values, &spread)
}

#[derive(Default)]
struct Scratch {
    wx: Vec<f64>,
    wy: Vec<f64>,
}

/// Index range `[lo, hi)` of cells (of `count`, centres at `origin + (i+0.5)·cell`) whose centre
/// is within `reach` of `p`.
fn reach_range(p: f64, origin: f64, cell: f64, count: usize, reach: f64) -> (usize, usize) {
    let lo = ((p - reach - origin) / cell - 0.5).ceil().max(0.0);
    let hi = (((p + reach - origin) / cell - 0.5).floor() + 1.0).min(count as f64);
    if hi <= lo {
        (0, 0)
    } else {
        (lo as usize, hi as usize)
    }
}

/// `out[k] = exp(-(d0 + k·step)² / (2h²))` for k in 0..n, by a recurrence when it is stable.
fn gauss_1d(d0: f64, step: f64, h: f64, n: usize, out: &mut Vec<f64>) {
    out.clear();
    let s = 1.0 / (2.0 * h * h);
    if step <= 4.0 * h {
        // g(k+1) = g(k)·r(k), r(k) = exp(-(2·d_k·step + step²)·s), r(k+1) = r(k)·exp(-2·step²·s).
        let mut g = (-d0 * d0 * s).exp();
        let mut r = (-(2.0 * d0 * step + step * step) * s).exp();
        let q = (-2.0 * step * step * s).exp();
        for _ in 0..n {
            out.push(g);
            g *= r;
            r *= q;
        }
    } else {
        out.extend((0..n).map(|k| (-(d0 + k as f64 * step).powi(2) * s).exp()));
    }
}

/// Adds one event `(x, y, weight·norm)` to the rows `row0..` held in `out`.
fn add_event(
    sp: &Spread,
    grid: &Grid,
    row0: usize,
    out: &mut [f64],
    (x, y, w): (f64, f64, f64),
    s: &mut Scratch,
) {
    let (c0, c1) = reach_range(x, grid.origin_x, grid.cell, grid.cols, sp.reach);
    let (r0, r1) = reach_range(y, grid.origin_y, grid.cell, grid.rows, sp.reach);
    let (r0, r1) = (r0.max(row0), r1.min(row0 + out.len() / grid.cols));
    if c0 >= c1 || r0 >= r1 {
        return;
    }
    let dx0 = grid.origin_x + (c0 as f64 + 0.5) * grid.cell - x;
    let dy0 = grid.origin_y + (r0 as f64 + 0.5) * grid.cell - y;
    let row = |k: usize| -> std::ops::Range<usize> {
        let start = (r0 - row0 + k) * grid.cols + c0;
        start..start + (c1 - c0)
    };
    match sp.kernel {
        Kernel::Gaussian => {
            gauss_1d(dx0, grid.cell, sp.h, c1 - c0, &mut s.wx);
            gauss_1d(dy0, grid.cell, sp.h, r1 - r0, &mut s.wy);
            for (k, &gy) in s.wy.iter().enumerate() {
                let f = w * gy;
                let range = row(k);
                for (o, &gx) in out[range].iter_mut().zip(&s.wx) {
                    *o += f * gx;
                }
            }
        }
        Kernel::Quartic => {
            let inv = 1.0 / (sp.h * sp.h);
            s.wx.clear();
            s.wx.extend((0..c1 - c0).map(|k| (dx0 + k as f64 * grid.cell).powi(2) * inv));
            for k in 0..r1 - r0 {
                let base = 1.0 - (dy0 + k as f64 * grid.cell).powi(2) * inv;
                if base > 0.0 {
                    let range = row(k);
                    for (o, &dx2) in out[range].iter_mut().zip(&s.wx) {
                        let u = (base - dx2).max(0.0);
                        *o += w * u * u;
                    }
                }
            }
        }
    }
}

/// Density at arbitrary query points, in events per km² (same kernels, truncation and rule).
pub fn kde_at(
    points: &[(f64, f64)],
    weights: Option<&[f64]>,
    queries: &[(f64, f64)],
    opts: &KdeOptions,
) -> Result<Density, Error> {
    let spread = prepare(points, weights, opts)?;
    check_points(queries, "query point")?;
    let (h, reach, kernel) = (spread.h, spread.reach, spread.kernel);
    // Bucket the events in squares of side `reach`; a query looks in the 3×3 squares around it.
    let key = |x: f64, y: f64| ((x / reach).floor() as i64, (y / reach).floor() as i64);
    let mut buckets: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for (i, &(x, y)) in points.iter().enumerate() {
        buckets.entry(key(x, y)).or_default().push(i);
    }
    let mut values = vec![0.0; queries.len()];
    let chunk = queries.len().div_ceil(threads(opts.threads)).max(1);
    let buckets = &buckets;
    std::thread::scope(|scope| {
        for (out, qs) in values.chunks_mut(chunk).zip(queries.chunks(chunk)) {
            scope.spawn(move || {
                for (o, &(qx, qy)) in out.iter_mut().zip(qs) {
                    let (kx, ky) = key(qx, qy);
                    let mut sum = 0.0;
                    for bx in kx.saturating_sub(1)..=kx.saturating_add(1) {
                        for by in ky.saturating_sub(1)..=ky.saturating_add(1) {
                            for &i in buckets.get(&(bx, by)).map_or(&[][..], |v| v.as_slice()) {
                                let (dx, dy) = (points[i].0 - qx, points[i].1 - qy);
                                // The same square truncation as on the grid.
                                if dx.abs() <= reach && dy.abs() <= reach {
                                    sum += weights.map_or(1.0, |w| w[i])
                                        * kernel.value(dx * dx + dy * dy, h);
                                }
                            }
                        }
                    }
                    *o = sum * 1e6;
                }
            });
        }
    });
    finish(values, &spread)
}
