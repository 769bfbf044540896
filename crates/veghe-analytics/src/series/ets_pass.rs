//! The ETS recursion and statsforecast's likelihood criterion for up to [`LANES`] non-seasonal models
//! at once, one lane each, in one sweep over the series: the lanes are independent chains of
//! arithmetic, so the processor overlaps them, and a sweep of six costs little more than one.
//!
//! Every lane runs the damped additive-trend form: no trend is beta 0, phi 1 and slope 0 (adding
//! `1 * 0` to the level changes no bit), no damping is phi 1. The slope update is statsforecast's
//! `phi b + beta / alpha * (l' - l - phi b)` with `l' - l - phi b = alpha d` (`d` the additive
//! one-step error) written as `phi b + beta d`, and the sum of logarithms of the forecasts
//! (multiplicative errors) as the logarithm of their product: the same quantities, a few roundings
//! apart, in fewer dependent steps.

/// The models one sweep fits: statsforecast's six non-seasonal candidates.
pub const LANES: usize = 6;

/// One model's parameters and initial states.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lane {
    pub alpha: f64,
    pub beta: f64,
    pub phi: f64,
    pub l0: f64,
    pub b0: f64,
    pub multiplicative: bool,
}

impl Lane {
    /// A lane with nothing to compute (its result is ignored).
    pub const IDLE: Lane = Lane {
        alpha: 0.5,
        beta: 0.0,
        phi: 1.0,
        l0: 1.0,
        b0: 0.0,
        multiplicative: false,
    };
}

/// What a sweep gives for one lane.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pass {
    /// statsforecast's likelihood criterion: n ln SSE, plus 2 sum ln |forecast| for a
    /// multiplicative error.
    pub lik: f64,
    /// The sum of squared residuals (relative ones for a multiplicative error).
    pub sse: f64,
    /// Level and slope after the last observation.
    pub level: f64,
    pub slope: f64,
}

/// Runs every lane over `y`.
pub fn sweep(y: &[f64], lanes: &[Lane; LANES]) -> [Pass; LANES] {
    let mut l = lanes.map(|x| x.l0);
    let mut b = lanes.map(|x| x.b0);
    let mut sse = [0.0; LANES];
    let mut product = [LogProduct::ONE; LANES];
    for &v in y {
        for k in 0..LANES {
            let x = &lanes[k];
            // The one-step forecast, which is also the level before the update.
            let phi_b = x.phi * b[k];
            let f = l[k] + phi_b;
            let d = v - f;
            let e = if x.multiplicative {
                let a = f.abs();
                product[k].push(if a > 0.0 { a } else { a + 1e-8 });
                d / if a < 1e-10 { f + 1e-10 } else { f }
            } else {
                d
            };
            sse[k] += e * e;
            l[k] = f + x.alpha * d;
            b[k] = phi_b + x.beta * d;
        }
    }
    let n = y.len() as f64;
    std::array::from_fn(|k| {
        let mut lik = if sse[k] > 0.0 {
            n * sse[k].ln()
        } else {
            n * (sse[k] + 1e-8).ln()
        };
        if lanes[k].multiplicative {
            lik += 2.0 * product[k].ln();
        }
        Pass {
            lik,
            sse: sse[k],
            level: l[k],
            slope: b[k],
        }
    })
}

/// The logarithm of a product of positive numbers, kept as a mantissa and a power of two so that it
/// neither overflows nor underflows (numbers far from 1 are logged apart).
#[derive(Clone, Copy, Debug)]
struct LogProduct {
    mantissa: f64,
    exponent: i64,
    apart: f64,
}

impl LogProduct {
    const ONE: LogProduct = LogProduct {
        mantissa: 1.0,
        exponent: 0,
        apart: 0.0,
    };
    const NEAR: f64 = 1e100;

    #[inline]
    fn push(&mut self, x: f64) {
        if !(1.0 / Self::NEAR..=Self::NEAR).contains(&x) {
            self.apart += x.ln();
            return;
        }
        self.mantissa *= x;
        if !(1.0 / Self::NEAR..=Self::NEAR).contains(&self.mantissa) {
            let bits = self.mantissa.to_bits();
            self.exponent += ((bits >> 52) & 0x7ff) as i64 - 1023;
            self.mantissa = f64::from_bits((bits & !(0x7ff << 52)) | (1023 << 52));
        }
    }

    fn ln(&self) -> f64 {
        self.mantissa.ln() + self.exponent as f64 * std::f64::consts::LN_2 + self.apart
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_of_a_product_far_past_the_range_of_a_float() {
        let mut p = LogProduct::ONE;
        let mut sum = 0.0;
        for i in 0..3000 {
            let x = if i % 2 == 0 { 1e30 } else { 3.5 };
            p.push(x);
            sum += f64::ln(x);
        }
        p.push(1e-200);
        sum += f64::ln(1e-200);
        assert!((p.ln() - sum).abs() < 1e-9 * sum.abs(), "{} {sum}", p.ln());
    }
}
