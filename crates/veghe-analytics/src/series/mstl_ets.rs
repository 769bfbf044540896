//! [`super::ets`] as the trend model of augurs-mstl: MSTL removes the seasons, non-seasonal AutoETS
//! forecasts trend plus remainder, and augurs-mstl adds the last season back.

use std::borrow::Cow;

use augurs_core::{Forecast, ForecastIntervals};
use augurs_mstl::{FittedTrendModel, TrendModel};

use super::ets::{FittedEts, auto_ets};
use super::ets_predict;

type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Non-seasonal AutoETS for the deseasonalised series.
#[derive(Clone, Copy, Debug)]
pub struct EtsTrend;

#[derive(Debug)]
struct FittedTrend {
    fit: FittedEts,
    len: usize,
}

impl TrendModel for EtsTrend {
    fn name(&self) -> Cow<'_, str> {
        Cow::Borrowed("AutoETS")
    }

    fn fit(&self, y: &[f64]) -> Result<Box<dyn FittedTrendModel + Sync + Send>, BoxError> {
        let fit = auto_ets(y)?;
        Ok(Box::new(FittedTrend { fit, len: y.len() }))
    }
}

impl FittedTrendModel for FittedTrend {
    fn predict_inplace(
        &self,
        horizon: usize,
        level: Option<f64>,
        forecast: &mut Forecast,
    ) -> Result<(), BoxError> {
        forecast.point = ets_predict::point(&self.fit, horizon);
        forecast.intervals = level.map(|level| {
            let iv = ets_predict::interval(&self.fit, &forecast.point, level);
            ForecastIntervals {
                level,
                lower: iv.lower,
                upper: iv.upper,
            }
        });
        Ok(())
    }

    fn predict_in_sample_inplace(
        &self,
        _level: Option<f64>,
        _forecast: &mut Forecast,
    ) -> Result<(), BoxError> {
        Err("in-sample predictions of the ETS trend are not kept".into())
    }

    fn training_data_size(&self) -> Option<usize> {
        Some(self.len)
    }
}
