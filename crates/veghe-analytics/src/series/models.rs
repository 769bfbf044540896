//! The forecasting models: the seasonal naive, AutoETS (statsforecast's algorithm, [`super::ets`];
//! non-seasonal, since statsforecast allows no seasonal ETS past 24 periods) and MSTL + AutoETS
//! (augurs-mstl: the seasons removed by MSTL, the rest forecast by AutoETS, the last season's
//! seasonal component added back).

use augurs_core::{Fit, Predict};
use augurs_mstl::MSTLModel;

use super::ets::auto_ets;
use super::ets_predict;
use super::mstl_ets::EtsTrend;
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

fn model_error(model: Model, e: impl std::fmt::Display) -> SeriesError {
    SeriesError::Model {
        model: model.name().into(),
        message: e.to_string(),
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
    match model {
        Model::SeasonalNaive => {
            let point = seasonal_naive(y, m, horizon)?;
            let intervals = seasonal_naive_intervals(y, m, &point, levels)?;
            Ok(ModelForecast {
                model,
                spec: format!("SNaive({m})"),
                point,
                intervals,
            })
        }
        Model::Ets => {
            let fit = auto_ets(y)?;
            let point = ets_predict::point(&fit, horizon);
            let intervals = levels
                .iter()
                .map(|&level| ets_predict::interval(&fit, &point, level))
                .collect();
            finite(ModelForecast {
                model,
                spec: fit.kind.spec(),
                point,
                intervals,
            })
        }
        Model::MstlEts => {
            let fitted = MSTLModel::new(vec![m], EtsTrend)
                .fit(y)
                .map_err(|e| model_error(model, e))?;
            predicted(
                model,
                format!("MSTL({m}) + AutoETS"),
                &fitted,
                horizon,
                levels,
            )
        }
    }
}

fn predicted<P: Predict>(
    model: Model,
    spec: String,
    fitted: &P,
    horizon: usize,
    levels: &[f64],
) -> Result<ModelForecast, SeriesError> {
    let mut point = Vec::new();
    let mut intervals = Vec::with_capacity(levels.len());
    for &level in levels {
        let f = fitted
            .predict(horizon, level)
            .map_err(|e| model_error(model, e))?;
        let iv = f
            .intervals
            .ok_or_else(|| model_error(model, "no prediction intervals"))?;
        point = f.point;
        intervals.push(Interval {
            level,
            lower: iv.lower,
            upper: iv.upper,
        });
    }
    if levels.is_empty() {
        point = fitted
            .predict(horizon, None)
            .map_err(|e| model_error(model, e))?
            .point;
    }
    finite(ModelForecast {
        model,
        spec,
        point,
        intervals,
    })
}

/// The forecast, unless a point forecast is not finite.
fn finite(f: ModelForecast) -> Result<ModelForecast, SeriesError> {
    if f.point.iter().any(|v| !v.is_finite()) {
        return Err(model_error(
            f.model,
            "the fitted model forecasts a non-finite value",
        ));
    }
    Ok(f)
}
