//! The MSTL part of MSTL + AutoETS, as augurs-mstl does it: the series decomposed by stlrs's MSTL
//! (single precision, default parameters) with one season, trend plus remainder handed to AutoETS,
//! and the last season of the seasonal component added back to the forecasts, cycled.

use stlrs::MstlParams;

use super::SeriesError;
use super::models::Interval;

/// A series without its season, and the season to add back.
#[derive(Clone, Debug, PartialEq)]
pub struct Deseasonalised {
    /// Trend plus remainder.
    pub rest: Vec<f64>,
    /// The last `m` values of the seasonal component.
    pub last_season: Vec<f32>,
}

/// Decomposes `y` with season `m`.
pub fn deseasonalise(y: &[f64], m: usize) -> Result<Deseasonalised, SeriesError> {
    let y32: Vec<f32> = y.iter().map(|&v| v as f32).collect();
    let fit = MstlParams::new()
        .fit(&y32, &[m])
        .map_err(|e| SeriesError::Model {
            model: "mstl_ets".into(),
            message: e.to_string(),
        })?;
    let rest = fit
        .trend()
        .iter()
        .zip(fit.remainder())
        .map(|(t, r)| (t + r) as f64)
        .collect();
    let seasonal = fit.seasonal().first().map_or(&[][..], |s| &s[..]);
    let last_season = seasonal[seasonal.len().saturating_sub(m)..].to_vec();
    Ok(Deseasonalised { rest, last_season })
}

/// Adds the season back to point forecasts and interval bounds.
pub fn add_season(last_season: &[f32], point: &mut [f64], intervals: &mut [Interval]) {
    let add = |values: &mut [f64]| {
        for (v, s) in values.iter_mut().zip(last_season.iter().cycle()) {
            *v += *s as f64;
        }
    };
    add(point);
    for iv in intervals {
        add(&mut iv.lower);
        add(&mut iv.upper);
    }
}
