//! Time series of counts: weekly and monthly counts from dates, the seasonal-naive baseline, ETS and
//! MSTL + ETS forecasts (statsforecast's algorithms: [`ets`], [`mstl`]) with prediction intervals,
//! rolling-origin back-tests scored by MASE, change points in Poisson counts and period-on-period
//! changes with an exact test.
//!
//! Definitions used throughout (DOMAIN §9):
//! - `m` is the season length in periods (52 for weekly counts, 12 for monthly counts);
//! - the **seasonal-naive** forecast for step `h` after the last observation `y[n-1]` is
//!   `y[n - m + ((h - 1) mod m)]`;
//! - **MASE** of a forecast `ŷ` of the `h` values `y[n..n+h]` made from the training values `y[0..n]` is
//!   `mean(|y[n+j] - ŷ[j]|) / Q` with the in-sample seasonal-naive scale
//!   `Q = mean over t in m..n of |y[t] - y[t-m]|` (Hyndman & Koehler 2006, seasonal form).

pub mod backtest;
pub mod calendar;
pub mod changepoint;
pub mod compare;
pub mod ets;
pub mod ets_pass;
pub mod ets_predict;
pub mod models;
pub mod mstl;
pub mod naive;
pub mod nelder_mead;
pub mod parallel;
pub mod seasonal_change;
pub mod stl;

pub use backtest::{Backtest, BacktestParams, backtest, backtest_threads};
pub use calendar::{Bucket, Period, aggregate};
pub use models::{Interval, Model, ModelForecast, forecast, forecast_many};

/// Everything that can be wrong with a series or a request on it.
#[derive(Clone, Debug, thiserror::Error, PartialEq)]
pub enum SeriesError {
    #[error("the series is empty")]
    Empty,
    #[error("{0}")]
    Parameter(String),
    #[error("the series has {len} values: at least {needed} are needed ({why})")]
    TooShort {
        len: usize,
        needed: usize,
        why: String,
    },
    #[error("value {index} of the series is not a finite number")]
    NotFinite { index: usize },
    #[error(
        "the seasonal-naive scale of MASE is zero (the training values repeat exactly every season)"
    )]
    ZeroScale,
    #[error("{model}: {message}")]
    Model { model: String, message: String },
}

/// Checks that a series is non-empty and finite.
pub(crate) fn check_finite(y: &[f64]) -> Result<(), SeriesError> {
    if y.is_empty() {
        return Err(SeriesError::Empty);
    }
    match y.iter().position(|v| !v.is_finite()) {
        Some(index) => Err(SeriesError::NotFinite { index }),
        None => Ok(()),
    }
}

/// The standard normal quantile for a two-sided interval of `level` (0 < level < 1), by
/// Acklam's rational approximation (relative error < 1.2e-9).
pub fn normal_quantile_two_sided(level: f64) -> f64 {
    normal_quantile(0.5 + level / 2.0)
}

/// The standard normal quantile function.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let low = 0.02425;
    if p < low {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - low {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        let q = (-2.0 * (1.0 - p).ln()).sqrt();
        -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantiles_of_the_usual_levels() {
        assert!((normal_quantile_two_sided(0.95) - 1.959_963_984_540_054).abs() < 1e-6);
        assert!((normal_quantile_two_sided(0.80) - 1.281_551_565_544_600_5).abs() < 1e-6);
        assert!((normal_quantile(0.5)).abs() < 1e-9);
    }
}
