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
