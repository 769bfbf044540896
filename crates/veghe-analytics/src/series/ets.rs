//! Non-seasonal AutoETS, statsforecast's algorithm (as augurs-ets ported it): the models ANN, AAdN,
//! AAN and, on positive data, MNN, MAdN, MAN are each fitted by maximum likelihood with the bounded
//! Nelder-Mead of [`super::nelder_mead`] from the same start values and bounds, and the one of least
//! AICc is kept (the first on a tie). The searches run side by side, those of several series too:
//! each asks for one cost at a time, and [`super::ets_pass::Sweeper`] computes all of them in one
//! sweep over time, with no allocation.

use super::SeriesError;
use super::ets_pass::{Lane, Pass, Sweeper};
use super::nelder_mead::{Bounds, MAX_DIM, NelderMead};

/// Bounds on alpha, beta and phi (statsforecast's defaults); beta's upper bound is further lowered
/// to the start value of alpha.
const ALPHA_BOUNDS: (f64, f64) = (0.0001, 0.9999);
const BETA_BOUNDS: (f64, f64) = (0.0001, 0.9999);
const PHI_BOUNDS: (f64, f64) = (0.8, 0.98);
/// statsforecast's iteration limit for its Nelder-Mead.
const MAX_ITER: usize = 1_000;

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

    /// The sweep lane of a search point (alpha, beta, phi as estimated, level, slope) on `y`.
    fn lane<'a>(self, y: &'a [f64], x: &[f64]) -> Lane<'a> {
        let mut it = x.iter().copied();
        let mut next = || it.next().unwrap_or(f64::NAN);
        let alpha = next();
        let beta = if self.trend { next() } else { 0.0 };
        let phi = if self.damped { next() } else { 1.0 };
        let l0 = next();
        let b0 = if self.trend { next() } else { 0.0 };
        Lane {
            y,
            alpha,
            beta,
            phi,
            l0,
            b0,
            multiplicative: self.multiplicative_error,
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
    auto_ets_many(&[y]).pop().unwrap_or_else(|| Err(no_model()))
}

/// [`auto_ets`] for each series. All the candidates' searches run side by side: each asks for one
/// cost at a time, and one sweep over time computes them all; each series' result is the one
/// [`auto_ets`] gives alone.
pub fn auto_ets_many(ys: &[&[f64]]) -> Vec<Result<FittedEts, SeriesError>> {
    let mut searches: Vec<(usize, Search)> = Vec::new();
    for (i, y) in ys.iter().enumerate() {
        let positive = y.iter().fold(f64::INFINITY, |a, &b| a.min(b)) > 0.0;
        for kind in EtsKind::ALL {
            if positive || !kind.multiplicative_error {
                searches.extend(Search::new(kind, y).map(|s| (i, s)));
            }
        }
    }
    let mut sweeper = Sweeper::default();
    let mut lanes = Vec::with_capacity(searches.len());
    let mut asking = Vec::with_capacity(searches.len());
    loop {
        lanes.clear();
        asking.clear();
        for (j, (i, s)) in searches.iter().enumerate() {
            if let Some(x) = s.nm.ask() {
                lanes.push(s.kind.lane(ys[*i], x));
                asking.push(j);
            }
        }
        if lanes.is_empty() {
            break;
        }
        for (&j, pass) in asking.iter().zip(sweeper.sweep(&lanes)) {
            searches[j].1.nm.tell(objective(pass.lik));
        }
    }

    lanes.clear();
    lanes.extend(
        searches
            .iter()
            .map(|(i, s)| s.kind.lane(ys[*i], s.nm.best())),
    );
    let mut best: Vec<Option<FittedEts>> = vec![None; ys.len()];
    for (((i, s), lane), pass) in searches.iter().zip(&lanes).zip(sweeper.sweep(&lanes)) {
        let fit = s.fitted(lane, pass);
        if fit.aicc.is_nan() {
            continue;
        }
        if best[*i].as_ref().is_none_or(|b| fit.aicc < b.aicc) {
            best[*i] = Some(fit);
        }
    }
    best.into_iter().map(|b| b.ok_or_else(no_model)).collect()
}

/// The cost the search minimises: the likelihood criterion floored at -1e10, with a failed
/// evaluation (NaN, or statsforecast's -99999 marker) as minus infinity, as statsforecast has it.
fn objective(lik: f64) -> f64 {
    let lik = if lik < -1e10 { -1e10 } else { lik };
    if lik.is_nan() || (lik + 99999.0).abs() < 1e-7 {
        f64::NEG_INFINITY
    } else {
        lik
    }
}

fn no_model() -> SeriesError {
    SeriesError::Model {
        model: "ets".into(),
        message: "no ETS model could be fitted".into(),
    }
}

/// One candidate's search.
struct Search {
    kind: EtsKind,
    nm: NelderMead,
}

impl Search {
    /// statsforecast's start values and bounds; `None` when the series is too short.
    fn new(kind: EtsKind, y: &[f64]) -> Option<Search> {
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
        if dim + 1 >= y.len() {
            return None;
        }
        Some(Search {
            kind,
            nm: NelderMead::new(&start, dim, bounds, MAX_ITER),
        })
    }

    /// The fitted model from the final sweep at the best point.
    fn fitted(&self, lane: &Lane<'_>, pass: &Pass) -> FittedEts {
        let kind = self.kind;
        let n = lane.y.len();
        let lik = if !pass.lik.is_nan() && (pass.lik + 99999.0).abs() < 1e-7 {
            f64::NAN
        } else {
            pass.lik
        };
        // The estimated smoothing parameters and the initial states.
        let n_params = 2 + 2 * usize::from(kind.trend) + usize::from(kind.damped);
        FittedEts {
            kind,
            params: Params {
                alpha: lane.alpha,
                beta: lane.beta,
                phi: lane.phi,
            },
            level: pass.level,
            slope: pass.slope,
            sigma2: pass.sse / (n as f64 - n_params as f64 - 2.0),
            aicc: aicc(lik, n_params, n),
        }
    }
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
    let mut b = sty / stt;
    // statsforecast's least squares (LAPACK) leaves a rounding residue of about 1e-15 where the
    // slope is exactly zero, so its start simplex barely moves the slope; a zero slope here is
    // nudged off zero likewise (else the simplex would move it to 1e-4).
    if b == 0.0 {
        b = f64::MIN_POSITIVE;
    }
    let l = y_mean - b * t_mean;
    if (l + b).abs() < 1e-8 {
        Some((l * (1.0 + 1e-3), b * (1.0 - 1e-3)))
    } else {
        Some((l, b))
    }
}
