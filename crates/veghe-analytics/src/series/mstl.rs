//! The MSTL part of MSTL + AutoETS, as statsforecast's `mstl` does it for one season: one STL pass
//! ([`super::stl`], statsmodels' settings, seasonal smoother of 11), trend plus remainder handed to
//! AutoETS, and the last season of the seasonal component added back to the forecasts, cycled.

use super::SeriesError;
use super::models::Interval;
use super::stl::stl;

/// statsforecast's seasonal smoother for the first (here the only) season: 7 + 4.
const SEASONAL_WINDOW: usize = 11;

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
    if m < 2 || y.len() / 2 < m {
        return Err(SeriesError::Model {
            model: "mstl_ets".into(),
            message: format!(
                "MSTL needs a season of at least 2 and two seasons of values (season {m}, {} values)",
                y.len()
            ),
        });
    }
    let (seasonal, trend) = stl(y, m, SEASONAL_WINDOW);
    let rest = y
        .iter()
        .zip(&seasonal)
        .zip(&trend)
        .map(|((v, s), t)| t + ((v - s) - t))
        .collect();
    let last_season = seasonal[seasonal.len() - m..].to_vec();
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
