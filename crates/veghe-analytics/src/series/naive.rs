//! The seasonal-naive baseline (each future period repeats the same period one season earlier) and
//! the MASE scale it defines.

use super::{Interval, SeriesError, check_finite};

/// Seasonal-naive point forecasts: step `h` (1-based) is `y[n - m + ((h - 1) mod m)]`.
pub fn seasonal_naive(y: &[f64], m: usize, horizon: usize) -> Result<Vec<f64>, SeriesError> {
    check_finite(y)?;
    if m == 0 {
        return Err(SeriesError::Parameter(
            "the season length must be at least 1".into(),
        ));
    }
    if y.len() < m {
        return Err(SeriesError::TooShort {
            len: y.len(),
            needed: m,
            why: "the seasonal naive repeats the last season".into(),
        });
    }
    let n = y.len();
    Ok((0..horizon).map(|j| y[n - m + j % m]).collect())
}

/// Prediction intervals of the seasonal naive under normal errors (Hyndman & Athanasopoulos,
/// *Forecasting: Principles and Practice*, 3rd ed., §5.5): with `σ² = mean of (y[t] - y[t-m])²`
/// over `t in m..n` (the residuals' mean square about zero, as statsforecast computes it), the
/// step-`h` standard deviation is `σ·√(⌊(h-1)/m⌋ + 1)`.
pub fn seasonal_naive_intervals(
    y: &[f64],
    m: usize,
    point: &[f64],
    levels: &[f64],
) -> Result<Vec<Interval>, SeriesError> {
    let residuals: Vec<f64> = (m..y.len()).map(|t| y[t] - y[t - m]).collect();
    if residuals.len() < 2 {
        return Err(SeriesError::TooShort {
            len: y.len(),
            needed: m + 2,
            why: "the seasonal naive's intervals need two seasonal differences".into(),
        });
    }
    let k = residuals.len() as f64;
    let sigma = (residuals.iter().map(|e| e * e).sum::<f64>() / k).sqrt();
    Ok(levels
        .iter()
        .map(|&level| {
            let z = crate::normal::two_sided(level);
            let (lower, upper) = point
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    let sd = sigma * ((j / m) as f64 + 1.0).sqrt();
                    (p - z * sd, p + z * sd)
                })
                .unzip();
            Interval {
                level,
                lower,
                upper,
            }
        })
        .collect())
}

/// The in-sample seasonal-naive scale of MASE: `mean over t in m..n of |y[t] - y[t-m]|`.
pub fn mase_scale(y: &[f64], m: usize) -> Result<f64, SeriesError> {
    check_finite(y)?;
    if m == 0 || y.len() <= m {
        return Err(SeriesError::TooShort {
            len: y.len(),
            needed: m + 1,
            why: "the MASE scale needs at least one seasonal difference".into(),
        });
    }
    let q = (m..y.len()).map(|t| (y[t] - y[t - m]).abs()).sum::<f64>() / (y.len() - m) as f64;
    if q == 0.0 {
        return Err(SeriesError::ZeroScale);
    }
    Ok(q)
}

/// MASE of `forecast` against `actual` with the scale `q` of [`mase_scale`].
pub fn mase(actual: &[f64], forecast: &[f64], q: f64) -> f64 {
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return f64::NAN;
    }
    actual
        .iter()
        .zip(forecast)
        .map(|(a, f)| (a - f).abs())
        .sum::<f64>()
        / n as f64
        / q
}
