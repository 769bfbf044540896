//! Forecasts of a fitted non-seasonal ETS model with statsforecast's analytic prediction intervals:
//! the class 1 variances for additive errors (Hyndman et al. 2008, table 6.1) and the class 2
//! recursion for multiplicative errors, around the point forecast with the normal quantile.

use super::ets::FittedEts;
use super::models::Interval;

/// The point forecasts `horizon` steps ahead.
pub fn point(fit: &FittedEts, horizon: usize) -> Vec<f64> {
    let phi = fit.params.phi;
    let mut phi_star = phi;
    let mut out = Vec::with_capacity(horizon);
    for i in 0..horizon {
        out.push(if fit.kind.trend {
            fit.level + phi_star * fit.slope
        } else {
            fit.level
        });
        if (phi - 1.0).abs() < 1e-10 {
            phi_star += 1.0;
        } else {
            phi_star += phi.powi(i as i32 + 1);
        }
    }
    out
}

/// The interval at `level` (0 < level < 1) around the point forecasts `point`.
pub fn interval(fit: &FittedEts, point: &[f64], level: f64) -> Interval {
    let sd = if fit.kind.multiplicative_error {
        class2_sd(fit, point)
    } else {
        class1_sd(fit, point.len())
    };
    let z = crate::normal::two_sided(level);
    let (lower, upper) = point
        .iter()
        .zip(sd)
        .map(|(p, s)| (p - z * s, p + z * s))
        .unzip();
    Interval {
        level,
        lower,
        upper,
    }
}

/// Forecast standard deviations of ANN, AAN and AAdN.
fn class1_sd(fit: &FittedEts, horizon: usize) -> Vec<f64> {
    let sigma2 = fit.sigma2;
    let (alpha, beta, phi) = (fit.params.alpha, fit.params.beta, fit.params.phi);
    let alpha_2 = alpha.powi(2);
    let phi_2 = phi.powi(2);
    let exp3 = 2.0 * alpha * (1.0 - phi) + beta * phi;
    (1..=horizon)
        .map(|step| {
            let s = step as f64;
            let var = match (fit.kind.trend, fit.kind.damped) {
                (false, _) => (s - 1.0) * alpha_2 + 1.0,
                (true, false) => {
                    let exp1 = alpha_2
                        + alpha * beta * s
                        + (1.0 / 6.0) * beta.powi(2) * s * (2.0 * s - 1.0);
                    1.0 + (s - 1.0) * exp1
                }
                (true, true) => {
                    let phi_s = phi.powi(s as i32);
                    let exp2 = (beta * phi * s) / (1.0 - phi).powi(2);
                    let exp4 = (beta * phi * (1.0 - phi_s)) / ((1.0 - phi).powi(2) * (1.0 - phi_2));
                    let exp5 = 2.0 * alpha * (1.0 - phi_2) + beta * phi * (1.0 + 2.0 * phi - phi_s);
                    1.0 + alpha_2 * (s - 1.0) + exp2 * exp3 - exp4 * exp5
                }
            };
            (var * sigma2).sqrt()
        })
        .collect()
}

/// Forecast standard deviations of MNN, MAN and MAdN.
fn class2_sd(fit: &FittedEts, point: &[f64]) -> Vec<f64> {
    let sigma2 = fit.sigma2;
    let (alpha, beta, phi) = (fit.params.alpha, fit.params.beta, fit.params.phi);
    let c_squared: Vec<f64> = (1..=point.len())
        .map(|k| {
            let c = match (fit.kind.trend, fit.kind.damped) {
                (false, _) => alpha,
                (true, false) => alpha + beta * k as f64,
                (true, true) => alpha + beta * (1..=k).map(|j| phi.powi(j as i32)).sum::<f64>(),
            };
            c.powi(2)
        })
        .collect();
    let mut theta: Vec<f64> = Vec::with_capacity(point.len());
    for p in point {
        let past = theta
            .iter()
            .rev()
            .zip(&c_squared)
            .map(|(t, c)| t * c)
            .sum::<f64>();
        theta.push(p.powi(2) + past * sigma2);
    }
    theta
        .iter()
        .zip(point)
        .map(|(t, p)| ((1.0 + sigma2) * t - p.powi(2)).sqrt())
        .collect()
}
