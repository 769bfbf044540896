//! Rolling-origin back-tests: the model is fitted on `y[..end]` and judged on the next `horizon`
//! values, for `origins` training ends `step` periods apart, the last of which leaves exactly
//! `horizon` values to judge. Each origin is scored by MASE with the seasonal-naive scale of its
//! own training values; the back-test's MASE is the mean over origins.

use super::models::{Model, forecast, forecast_many};
use super::naive::{mase, mase_scale};
use super::{SeriesError, check_finite};

/// How the back-test is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BacktestParams {
    pub season: usize,
    pub horizon: usize,
    pub origins: usize,
    /// Periods between successive training ends (1 = every period, as statsforecast's
    /// `cross_validation(step_size=1)`).
    pub step: usize,
}

/// One model's back-test.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub model: Model,
    /// The training ends (number of training values), earliest first.
    pub ends: Vec<usize>,
    /// MASE at each origin.
    pub per_origin: Vec<f64>,
    /// Mean of `per_origin`.
    pub mase: f64,
}

impl BacktestParams {
    /// The training ends, earliest first; an error when the series is too short for them.
    pub fn ends(&self, len: usize, model: Model) -> Result<Vec<usize>, SeriesError> {
        if self.origins == 0 || self.horizon == 0 || self.step == 0 {
            return Err(SeriesError::Parameter(
                "origins, horizon and step of a back-test must be at least 1".into(),
            ));
        }
        let span = self.horizon + (self.origins - 1) * self.step;
        let needed = model.min_len(self.season).max(self.season + 1) + span;
        if len < needed {
            return Err(SeriesError::TooShort {
                len,
                needed,
                why: format!(
                    "{} origins {} apart with horizon {} for {} with season {}",
                    self.origins,
                    self.step,
                    self.horizon,
                    model.name(),
                    self.season
                ),
            });
        }
        Ok((0..self.origins)
            .map(|i| len - span + i * self.step)
            .collect())
    }
}

/// Back-tests `model` on `y`; `on_origin` is called after each origin (for progress).
pub fn backtest(
    model: Model,
    y: &[f64],
    params: &BacktestParams,
    on_origin: &(dyn Fn() + Sync),
) -> Result<Backtest, SeriesError> {
    backtest_threads(model, y, params, 1, on_origin)
}

/// [`backtest`] with the origins fitted on `threads` threads (0 = every core); the same result.
pub fn backtest_threads(
    model: Model,
    y: &[f64],
    params: &BacktestParams,
    threads: usize,
    on_origin: &(dyn Fn() + Sync),
) -> Result<Backtest, SeriesError> {
    check_finite(y)?;
    let ends = params.ends(y.len(), model)?;
    if super::parallel::threads_for(threads, ends.len()) == 1 {
        return backtest_together(model, y, params, ends, on_origin);
    }
    let per_origin = super::parallel::map(&ends, threads, |&end| {
        let train = &y[..end];
        let actual = &y[end..end + params.horizon];
        let q = mase_scale(train, params.season)?;
        let f = forecast(model, train, params.season, params.horizon, &[])?;
        on_origin();
        Ok(mase(actual, &f.point, q))
    })
    .into_iter()
    .collect::<Result<Vec<f64>, SeriesError>>()?;
    Ok(Backtest::of(model, ends, per_origin))
}

/// [`backtest_threads`] on one thread: the origins' models fitted together
/// ([`forecast_many`]), the same results.
fn backtest_together(
    model: Model,
    y: &[f64],
    params: &BacktestParams,
    ends: Vec<usize>,
    on_origin: &(dyn Fn() + Sync),
) -> Result<Backtest, SeriesError> {
    let trains: Vec<&[f64]> = ends.iter().map(|&end| &y[..end]).collect();
    let forecasts = forecast_many(model, &trains, params.season, params.horizon, &[]);
    let mut per_origin = Vec::with_capacity(ends.len());
    for (&end, f) in ends.iter().zip(forecasts) {
        let train = &y[..end];
        let actual = &y[end..end + params.horizon];
        let q = mase_scale(train, params.season)?;
        per_origin.push(mase(actual, &f?.point, q));
        on_origin();
    }
    Ok(Backtest::of(model, ends, per_origin))
}

impl Backtest {
    /// The back-test of `model` whose origins `ends` scored `per_origin`: their mean is its MASE.
    fn of(model: Model, ends: Vec<usize>, per_origin: Vec<f64>) -> Backtest {
        let mase = per_origin.iter().sum::<f64>() / per_origin.len() as f64;
        Backtest {
            model,
            ends,
            per_origin,
            mase,
        }
    }
}
