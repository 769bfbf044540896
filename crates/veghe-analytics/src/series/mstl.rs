//! The MSTL part of MSTL + AutoETS, as statsforecast's `mstl` does it: stlrs's MSTL in double
//! precision with one season, statsmodels' STL settings (seasonal smoother 11 of degree 0, the
//! default trend and low-pass smoothers, every point smoothed: jumps of 1, five inner passes, no
//! robustness), trend plus remainder handed to AutoETS, and the last season of the seasonal
//! component added back to the forecasts, cycled.

use stlrs::{MstlParams, StlParams};

use super::SeriesError;
use super::models::Interval;

/// A series without its season, and the season to add back.
#[derive(Clone, Debug, PartialEq)]
pub struct Deseasonalised {
    /// Trend plus remainder.
    pub rest: Vec<f64>,
    /// The last `m` values of the seasonal component.
    pub last_season: Vec<f64>,
}

/// Decomposes `y` with season `m`.
pub fn deseasonalise(y: &[f64], m: usize) -> Result<Deseasonalised, SeriesError> {
    let mut stl = StlParams::new();
    stl.seasonal_jump(1)
        .trend_jump(1)
        .low_pass_jump(1)
        .inner_loops(5);
    let fit = MstlParams::new()
        .stl_params(stl)
        .fit(y, &[m])
        .map_err(|e| SeriesError::Model {
            model: "mstl_ets".into(),
            message: e.to_string(),
        })?;
    let rest = fit
        .trend()
        .iter()
        .zip(fit.remainder())
        .map(|(t, r)| t + r)
        .collect();
    let seasonal = fit.seasonal().first().map_or(&[][..], |s| &s[..]);
    let last_season = seasonal[seasonal.len().saturating_sub(m)..].to_vec();
    Ok(Deseasonalised { rest, last_season })
}

/// Adds the season back to point forecasts and interval bounds.
pub fn add_season(last_season: &[f64], point: &mut [f64], intervals: &mut [Interval]) {
    let add = |values: &mut [f64]| {
        for (v, s) in values.iter_mut().zip(last_season.iter().cycle()) {
            *v += s;
        }
    };
    add(point);
    for iv in intervals {
        add(&mut iv.lower);
        add(&mut iv.upper);
    }
}
