//! The ETS recursion and statsforecast's likelihood criterion for many non-seasonal models at once,
//! one lane each (its own series, parameters and initial states), in one sweep over time: the lanes
//! are independent chains of arithmetic, so the processor overlaps them, and a sweep of dozens of
//! lanes costs little more per lane than the arithmetic itself.
//!
//! Every lane runs the damped additive-trend form: no trend is beta 0, phi 1 and slope 0 (adding
//! `1 * 0` to the level changes no bit), no damping is phi 1. The slope update is statsforecast's
//! `phi b + beta / alpha * (l' - l - phi b)` with `l' - l - phi b = alpha d` (`d` the additive
//! one-step error) written as `phi b + beta d`, and the sum of logarithms of the forecasts
//! (multiplicative errors) as the logarithm of their product: the same quantities, a few roundings
//! apart, in fewer dependent steps.

/// One model's series, parameters and initial states.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lane<'a> {
    pub y: &'a [f64],
    pub alpha: f64,
    pub beta: f64,
    pub phi: f64,
    pub l0: f64,
    pub b0: f64,
    pub multiplicative: bool,
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

/// The lanes' running states, kept between sweeps so that a sweep allocates nothing once the
/// buffers have grown to the number of lanes.
#[derive(Debug, Default)]
pub struct Sweeper {
    l: Vec<f64>,
    b: Vec<f64>,
    sse: Vec<f64>,
    product: Vec<LogProduct>,
    passes: Vec<Pass>,
}

impl Sweeper {
    /// Runs every lane over its series; one [`Pass`] per lane.
    pub fn sweep(&mut self, lanes: &[Lane<'_>]) -> &[Pass] {
        self.l.clear();
        self.l.extend(lanes.iter().map(|x| x.l0));
        self.b.clear();
        self.b.extend(lanes.iter().map(|x| x.b0));
        self.sse.clear();
        self.sse.resize(lanes.len(), 0.0);
        self.product.clear();
        self.product.resize(lanes.len(), LogProduct::ONE);
        let (l, b, sse, product) = (
            &mut self.l[..],
            &mut self.b[..],
            &mut self.sse[..],
            &mut self.product[..],
        );
        let steps = lanes.iter().map(|x| x.y.len()).max().unwrap_or(0);
        for t in 0..steps {
            for (k, x) in lanes.iter().enumerate() {
                let Some(&v) = x.y.get(t) else { continue };
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
        self.passes.clear();
        self.passes.extend(lanes.iter().enumerate().map(|(k, x)| {
            let n = x.y.len() as f64;
            let mut lik = if sse[k] > 0.0 {
                n * sse[k].ln()
            } else {
                n * (sse[k] + 1e-8).ln()
            };
            if x.multiplicative {
                lik += 2.0 * product[k].ln();
            }
            Pass {
                lik,
                sse: sse[k],
                level: l[k],
                slope: b[k],
            }
        }));
        &self.passes
    }
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

    #[test]
    fn lanes_of_different_lengths_do_not_disturb_each_other() {
        let y: Vec<f64> = (0..40).map(|t| 10.0 + (t % 7) as f64).collect();
        let lane = |n: usize, multiplicative: bool| Lane {
            y: &y[..n],
            alpha: 0.3,
            beta: 0.05,
            phi: 0.9,
            l0: 10.0,
            b0: 0.1,
            multiplicative,
        };
        let lanes = [lane(40, true), lane(25, false), lane(33, true)];
        let mut sweeper = Sweeper::default();
        let together = sweeper.sweep(&lanes).to_vec();
        for (x, p) in lanes.iter().zip(&together) {
            assert_eq!(Sweeper::default().sweep(&[*x])[0], *p);
        }
    }
}
