//! The forecasting models: the seasonal naive, AutoETS (statsforecast's algorithm, [`super::ets`];
//! non-seasonal, since statsforecast allows no seasonal ETS past 24 periods) and MSTL + AutoETS
//! ([`super::mstl`]: the seasons removed by MSTL, the rest forecast by AutoETS, the last season's
//! seasonal component added back).

use super::ets::auto_ets_many;
use super::ets_predict;
use super::mstl::{Deseasonalised, add_season, deseasonalise};
use super::naive::{seasonal_naive, seasonal_naive_intervals};
use super::{SeriesError, check_finite};

/// A forecasting model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    SeasonalNaive,
    /// AutoETS over the non-seasonal models (error A/M, trend N/A/damped A), chosen by AICc.
    Ets,
    /// MSTL decomposition with the given season, AutoETS (non-seasonal) on trend + remainder.
    MstlEts,
}

impl Model {
    pub const ALL: [Model; 3] = [Model::SeasonalNaive, Model::Ets, Model::MstlEts];

    /// The name printed in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Model::SeasonalNaive => "seasonal_naive",
            Model::Ets => "ets",
            Model::MstlEts => "mstl_ets",
        }
    }

    /// Parses a name of [`Model::name`].
    pub fn parse(text: &str) -> Result<Model, SeriesError> {
        Model::ALL
            .into_iter()
            .find(|m| m.name() == text)
            .ok_or_else(|| {
                SeriesError::Parameter(format!(
                    "`{text}` is not a model (seasonal_naive, ets, mstl_ets)"
                ))
            })
    }

    /// The fewest observations the model is fitted on with season `m`.
    pub fn min_len(self, m: usize) -> usize {
        match self {
            Model::SeasonalNaive => m + 2,
            // As augurs-ets did: n > parameters + 4 (at most 4 parameters without a season).
            Model::Ets => 9,
            Model::MstlEts => (2 * m + 1).max(9),
        }
    }
}

/// A prediction interval at `level` (0.8 = 80%).
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    pub level: f64,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
}

/// One model's forecast.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelForecast {
    pub model: Model,
    /// What was fitted, e.g. `ETS(A,Ad,N)` or `MSTL(52) + ETS(M,N,N)`.
    pub spec: String,
    pub point: Vec<f64>,
    pub intervals: Vec<Interval>,
}

impl ModelForecast {
    /// Step `j` as one row: the point, then each interval's lower and upper bound in order.
    pub fn row(&self, j: usize) -> Vec<f64> {
        std::iter::once(self.point[j])
            .chain(self.intervals.iter().flat_map(|i| [i.lower[j], i.upper[j]]))
            .collect()
    }
}

/// Forecasts `horizon` periods after `y` with season `m`, with an interval at each of `levels`.
pub fn forecast(
    model: Model,
    y: &[f64],
    m: usize,
    horizon: usize,
    levels: &[f64],
) -> Result<ModelForecast, SeriesError> {
    forecast_many(model, &[y], m, horizon, levels)
        .pop()
        .unwrap_or(Err(SeriesError::Empty))
}

/// [`forecast`] for each of `ys`, the same results; the ETS fits of all of them run together
/// ([`super::ets::auto_ets_many`]), which is faster than one after another.
pub fn forecast_many(
    model: Model,
    ys: &[&[f64]],
    m: usize,
    horizon: usize,
    levels: &[f64],
) -> Vec<Result<ModelForecast, SeriesError>> {
    let checked: Vec<Result<&[f64], SeriesError>> = ys
        .iter()
        .map(|y| check(model, y, m, horizon, levels).map(|()| *y))
        .collect();
    match model {
        Model::SeasonalNaive => checked
            .into_iter()
            .map(|y| {
                let y = y?;
                let point = seasonal_naive(y, m, horizon)?;
                let intervals = seasonal_naive_intervals(y, m, &point, levels)?;
                Ok(ModelForecast {
                    model,
                    spec: format!("SNaive({m})"),
                    point,
                    intervals,
                })
            })
            .collect(),
        Model::Ets => ets_forecasts(model, checked, horizon, levels, |_, f| Ok(f)),
        Model::MstlEts => {
            let parts: Vec<Result<Deseasonalised, SeriesError>> =
                checked.into_iter().map(|y| deseasonalise(y?, m)).collect();
            let rests = parts
                .iter()
                .map(|p| p.as_ref().map(|p| &p.rest[..]).map_err(Clone::clone))
                .collect();
            ets_forecasts(model, rests, horizon, levels, |i, mut f| {
                if let Some(Ok(part)) = parts.get(i) {
                    add_season(&part.last_season, &mut f.point, &mut f.intervals);
                }
                f.spec = format!("MSTL({m}) + AutoETS");
                Ok(f)
            })
        }
    }
}

/// The checks of [`forecast`] on its arguments.
fn check(
    model: Model,
    y: &[f64],
    m: usize,
    horizon: usize,
    levels: &[f64],
) -> Result<(), SeriesError> {
    check_finite(y)?;
    if horizon == 0 {
        return Err(SeriesError::Parameter(
            "the horizon must be at least 1".into(),
        ));
    }
    if let Some(l) = levels.iter().find(|l| !(**l > 0.0 && **l < 1.0)) {
        return Err(SeriesError::Parameter(format!(
            "the interval level {l} is not between 0 and 1"
        )));
    }
    let needed = model.min_len(m);
    if y.len() < needed {
        return Err(SeriesError::TooShort {
            len: y.len(),
            needed,
            why: format!("{} with season {m}", model.name()),
        });
    }
    Ok(())
}

/// AutoETS forecasts of the series that are `Ok`, fitted together; `finish` (given the series'
/// index) completes each forecast.
fn ets_forecasts(
    model: Model,
    ys: Vec<Result<&[f64], SeriesError>>,
    horizon: usize,
    levels: &[f64],
    finish: impl Fn(usize, ModelForecast) -> Result<ModelForecast, SeriesError>,
) -> Vec<Result<ModelForecast, SeriesError>> {
    let ok: Vec<&[f64]> = ys.iter().filter_map(|y| y.as_ref().ok().copied()).collect();
    let mut fits = auto_ets_many(&ok).into_iter();
    ys.into_iter()
        .enumerate()
        .map(|(i, y)| {
            y?;
            let fit = fits.next().unwrap_or(Err(SeriesError::Empty))?;
            let point = ets_predict::point(&fit, horizon);
            let intervals = levels
                .iter()
                .map(|&level| ets_predict::interval(&fit, &point, level))
                .collect();
            let f = ModelForecast {
                model,
                spec: fit.kind.spec(),
                point,
                intervals,
            };
            finite(finish(i, f)?)
        })
        .collect()
}

/// The forecast, unless a point forecast is not finite.
fn finite(f: ModelForecast) -> Result<ModelForecast, SeriesError> {
    if f.point.iter().any(|v| !v.is_finite()) {
        return Err(SeriesError::Model {
            model: f.model.name().into(),
            message: "the fitted model forecasts a non-finite value".into(),
        });
    }
    Ok(f)
}
