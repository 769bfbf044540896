//! Non-seasonal AutoETS, statsforecast's algorithm (as augurs-ets ported it): the models ANN, AAdN,
//! AAN and, on positive data, MNN, MAdN, MAN are each fitted by maximum likelihood with the bounded
//! Nelder-Mead of [`super::nelder_mead`] from the same start values and bounds, and the one of least
//! AICc is kept (the first on a tie). The likelihood is a loop specialised per model that keeps only
//! the level and slope, so a cost evaluation allocates nothing; its arithmetic is term for term that
//! of statsforecast, so the search takes the same path to the same optimum.

use super::SeriesError;
use super::nelder_mead::{self, Bounds, MAX_DIM};

/// Bounds on alpha, beta and phi (statsforecast's defaults); beta's upper bound is further lowered
/// to the start value of alpha.
const ALPHA_BOUNDS: (f64, f64) = (0.0001, 0.9999);
const BETA_BOUNDS: (f64, f64) = (0.0001, 0.9999);
const PHI_BOUNDS: (f64, f64) = (0.8, 0.98);
const MAX_ITER: usize = 2_000;

/// One non-seasonal ETS model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EtsKind {
    pub multiplicative_error: bool,
    pub trend: bool,
    pub damped: bool,
}

impl EtsKind {
    /// The candidates in statsforecast's order (error, then trend, damped before undamped).
    const ALL: [EtsKind; 6] = [
        EtsKind::new(false, false, false),
        EtsKind::new(false, true, true),
        EtsKind::new(false, true, false),
        EtsKind::new(true, false, false),
        EtsKind::new(true, true, true),
        EtsKind::new(true, true, false),
    ];

    const fn new(multiplicative_error: bool, trend: bool, damped: bool) -> EtsKind {
        EtsKind {
            multiplicative_error,
            trend,
            damped,
        }
    }

    /// The name, e.g. `ETS(M,Ad,N)`.
    pub fn spec(self) -> String {
        let error = if self.multiplicative_error { "M" } else { "A" };
        let trend = match (self.trend, self.damped) {
            (false, _) => "N",
            (true, false) => "A",
            (true, true) => "Ad",
        };
        format!("ETS({error},{trend},N)")
    }
}

/// The smoothing parameters (beta 0 without a trend, phi 1 without damping).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    pub alpha: f64,
    pub beta: f64,
    pub phi: f64,
}

/// A fitted model: what the forecasts and intervals need.
#[derive(Clone, Debug, PartialEq)]
pub struct FittedEts {
    pub kind: EtsKind,
    pub params: Params,
    /// Level and slope after the last observation.
    pub level: f64,
    pub slope: f64,
    /// Sum of squared residuals over (observations - parameters - 2), parameters counting the
    /// initial states and the estimated smoothing parameters.
    pub sigma2: f64,
    pub aicc: f64,
}

/// The model of least AICc over the non-seasonal candidates (multiplicative errors only when every
/// value is positive).
pub fn auto_ets(y: &[f64]) -> Result<FittedEts, SeriesError> {
    let positive = y.iter().fold(f64::INFINITY, |a, &b| a.min(b)) > 0.0;
    let mut best: Option<FittedEts> = None;
    for kind in EtsKind::ALL {
        if kind.multiplicative_error && !positive {
            continue;
        }
        let Some(fit) = fit(kind, y) else { continue };
        if fit.aicc.is_nan() {
            continue;
        }
        if best.as_ref().is_none_or(|b| fit.aicc < b.aicc) {
            best = Some(fit);
        }
    }
    best.ok_or_else(|| SeriesError::Model {
        model: "ets".into(),
        message: "no ETS model could be fitted".into(),
    })
}

/// Fits one model; `None` when the series is too short for it.
pub fn fit(kind: EtsKind, y: &[f64]) -> Option<FittedEts> {
    let n = y.len();
    let alpha = ALPHA_BOUNDS.0 + 0.2 * (ALPHA_BOUNDS.1 - ALPHA_BOUNDS.0) / 1.0;
    let beta_upper = BETA_BOUNDS.1.min(alpha);
    let beta = BETA_BOUNDS.0 + 0.1 * (beta_upper - BETA_BOUNDS.0);
    let phi = PHI_BOUNDS.0 + 0.99 * (PHI_BOUNDS.1 - PHI_BOUNDS.0);
    let (l0, b0) = initial_state(kind, y)?;

    // The search point: alpha, beta, phi (those estimated), then the initial level and slope.
    const FREE: (f64, f64) = (f64::NEG_INFINITY, f64::INFINITY);
    let coordinates = [
        (alpha, ALPHA_BOUNDS, true),
        (beta, (BETA_BOUNDS.0, beta_upper), kind.trend),
        (phi, PHI_BOUNDS, kind.damped),
        (l0, FREE, true),
        (b0, FREE, kind.trend),
    ];
    let mut start = [0.0; MAX_DIM];
    let mut bounds = Bounds {
        lower: [f64::NEG_INFINITY; MAX_DIM],
        upper: [f64::INFINITY; MAX_DIM],
    };
    let mut dim = 0;
    for (value, (lower, upper), _) in coordinates.into_iter().filter(|c| c.2) {
        start[dim] = value;
        bounds.lower[dim] = lower;
        bounds.upper[dim] = upper;
        dim += 1;
    }
    let n_smoothing = 1 + usize::from(kind.trend) + usize::from(kind.damped);
    if dim + 1 >= n {
        return None;
    }

    let best = nelder_mead::minimize(&start, dim, &bounds, MAX_ITER, |x| {
        let (params, l0, b0) = unpack(kind, x);
        pass(kind, y, params, l0, b0).lik
    });
    let (params, l0, b0) = unpack(kind, &best[..dim]);
    let end = pass(kind, y, params, l0, b0);
    let lik = if !end.lik.is_nan() && (end.lik + 99999.0).abs() < 1e-7 {
        f64::NAN
    } else {
        end.lik
    };
    let n_params = n_smoothing + 1 + usize::from(kind.trend);
    Some(FittedEts {
        kind,
        params,
        level: end.level,
        slope: end.slope,
        sigma2: end.sse / (n as f64 - n_params as f64 - 2.0),
        aicc: aicc(lik, n_params, n),
    })
}

/// The AICc as augurs-ets computes it (statsforecast's less 2 for every model: the same choice).
fn aicc(lik: f64, n_params: usize, n: usize) -> f64 {
    let aic = lik + 2.0 * n_params as f64;
    let k = n_params + 1;
    match n.checked_sub(k + 1) {
        Some(0) | None => f64::INFINITY,
        Some(denom) => aic + 2.0 * k as f64 * (k as f64 + 1.0) / denom as f64,
    }
}

/// The smoothing parameters and initial states of a search point.
fn unpack(kind: EtsKind, x: &[f64]) -> (Params, f64, f64) {
    let mut it = x.iter().copied();
    let mut next = || it.next().unwrap_or(f64::NAN);
    let alpha = next();
    let beta = if kind.trend { next() } else { 0.0 };
    let phi = if kind.damped { next() } else { 1.0 };
    let l0 = next();
    let b0 = if kind.trend { next() } else { 0.0 };
    (Params { alpha, beta, phi }, l0, b0)
}

/// Level and slope from the first (up to) 10 values: their mean without a trend, else the least
/// squares line over times 1, 2, ... (nudged off a zero first forecast).
fn initial_state(kind: EtsKind, y: &[f64]) -> Option<(f64, f64)> {
    let k = y.len().min(10);
    let head = y.get(..k).filter(|h| !h.is_empty())?;
    if !kind.trend {
        return Some((head.iter().sum::<f64>() / k as f64, 0.0));
    }
    if k < 2 {
        return None;
    }
    let kf = k as f64;
    let t_mean = (kf + 1.0) / 2.0;
    let y_mean = head.iter().sum::<f64>() / kf;
    let (mut sty, mut stt) = (0.0, 0.0);
    for (i, v) in head.iter().enumerate() {
        let dt = (i + 1) as f64 - t_mean;
        sty += dt * (v - y_mean);
        stt += dt * dt;
    }
    let b = sty / stt;
    let l = y_mean - b * t_mean;
    if (l + b).abs() < 1e-8 {
        Some((l * (1.0 + 1e-3), b * (1.0 + 1e-3)))
    } else {
        Some((l, b))
    }
}

/// What a pass of a model over the series gives.
struct Pass {
    /// statsforecast's likelihood criterion: n ln SSE, plus 2 sum ln |forecast| for a
    /// multiplicative error.
    lik: f64,
    /// The sum of squared residuals (relative ones for a multiplicative error).
    sse: f64,
    /// Level and slope after the last observation.
    level: f64,
    slope: f64,
}

fn pass(kind: EtsKind, y: &[f64], p: Params, l0: f64, b0: f64) -> Pass {
    match (kind.multiplicative_error, kind.trend) {
        (false, false) => run::<false, false>(y, p, l0, b0),
        (false, true) => run::<false, true>(y, p, l0, b0),
        (true, false) => run::<true, false>(y, p, l0, b0),
        (true, true) => run::<true, true>(y, p, l0, b0),
    }
}

/// [`pass`] specialised for the error and trend. The slope update is statsforecast's
/// `phi b + beta / alpha * (l' - l - phi b)` with `l' - l - phi b = alpha e` (additive residual
/// `e`) written as such, and the sum of logarithms of the forecasts is taken as the logarithm of
/// their product: the same quantities, a few roundings apart, in fewer dependent steps.
fn run<const MULT: bool, const TREND: bool>(y: &[f64], p: Params, l0: f64, b0: f64) -> Pass {
    let (mut l, mut b) = (l0, b0);
    let mut sse = 0.0;
    let mut product = LogProduct::default();
    for &v in y {
        // The one-step forecast, which is also the level before the update.
        let phi_b = if TREND { p.phi * b } else { 0.0 };
        let f = if TREND { l + phi_b } else { l };
        let d = v - f;
        let e = if MULT {
            d / if f.abs() < 1e-10 { f + 1e-10 } else { f }
        } else {
            d
        };
        sse += e * e;
        if MULT {
            let a = f.abs();
            product.push(if a > 0.0 { a } else { a + 1e-8 });
        }
        l = f + p.alpha * d;
        if TREND {
            b = phi_b + p.beta * d;
        }
    }
    let n = y.len() as f64;
    let mut lik = if sse > 0.0 {
        n * sse.ln()
    } else {
        n * (sse + 1e-8).ln()
    };
    if MULT {
        lik += 2.0 * product.ln();
    }
    Pass {
        lik,
        sse,
        level: l,
        slope: b,
    }
}

/// The logarithm of a product of positive numbers, kept as a mantissa and a power of two so that it
/// neither overflows nor underflows (numbers far from 1 are logged apart).
struct LogProduct {
    mantissa: f64,
    exponent: i64,
    apart: f64,
}

impl Default for LogProduct {
    fn default() -> Self {
        LogProduct {
            mantissa: 1.0,
            exponent: 0,
            apart: 0.0,
        }
    }
}

impl LogProduct {
    const NEAR: f64 = 1e100;

    #[inline]
    fn push(&mut self, x: f64) {
        if !(1.0 / Self::NEAR..=Self::NEAR).contains(&x) {
            self.apart += x.ln();
            return;
        }
        self.mantissa *= x;
        if !(1.0 / Self::NEAR..=Self::NEAR).contains(&self.mantissa) {
            let bits = self.mantissa.to_bits();
            self.exponent += ((bits >> 52) & 0x7ff) as i64 - 1023;
            self.mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
        }
    }

    fn ln(&self) -> f64 {
        self.mantissa.ln() + self.exponent as f64 * std::f64::consts::LN_2 + self.apart
    }
}
