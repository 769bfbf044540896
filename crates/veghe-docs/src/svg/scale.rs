//! "Nice" value axes: bounds and ticks on multiples of 1, 2 or 5 × 10^k.

/// Magnitude beyond which values are clamped so ranges stay finite.
const LIMIT: f64 = 1e300;

/// Most ticks an axis will ever produce, whatever the input.
const MAX_TICKS: usize = 60;

/// A linear value axis with nice bounds and evenly spaced ticks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    /// Lowest value on the axis (the first tick).
    pub min: f64,
    /// Highest value on the axis (the last tick).
    pub max: f64,
    /// Distance between ticks: 1, 2 or 5 × 10^k.
    pub step: f64,
    /// Tick values from `min` to `max` inclusive.
    pub ticks: Vec<f64>,
    /// Decimals needed to print every tick exactly.
    pub decimals: usize,
}

impl Axis {
    /// Maps `v` to a fraction of the axis, 0 at `min` and 1 at `max`.
    pub(crate) fn fraction(&self, v: f64) -> f64 {
        let span = self.max - self.min;
        if !span.is_finite() || span <= 0.0 {
            return 0.0;
        }
        ((clamp(v) - self.min) / span).clamp(-0.05, 1.05)
    }
}

/// Clamps to ±[`LIMIT`]; NaN becomes 0.
pub(crate) fn clamp(v: f64) -> f64 {
    if v.is_nan() {
        0.0
    } else {
        v.clamp(-LIMIT, LIMIT)
    }
}

/// The nice step nearest above `raw`: 1, 2 or 5 × 10^k; `None` if out of range.
pub(crate) fn nice_step(raw: f64) -> Option<f64> {
    if !raw.is_finite() || raw <= 0.0 {
        return None;
    }
    let exp = raw.log10().floor();
    let pow = 10f64.powf(exp);
    if !pow.is_finite() || pow <= 0.0 {
        return None;
    }
    let fraction = raw / pow;
    let nice = if fraction <= 1.0 + 1e-9 {
        1.0
    } else if fraction <= 2.0 + 1e-9 {
        2.0
    } else if fraction <= 5.0 + 1e-9 {
        5.0
    } else {
        10.0
    };
    let step = nice * pow;
    (step > 0.0 && step.is_finite()).then_some(step)
}

/// Builds an axis covering `lo..=hi` with about `target` intervals.
///
/// With `zero` set the axis always includes 0 (bar charts). Non-finite
/// bounds fall back to `0..1`; a zero-width range is widened around its value.
pub(crate) fn nice_axis(lo: f64, hi: f64, target: usize, zero: bool) -> Axis {
    let (mut lo, mut hi) = match (lo.is_finite(), hi.is_finite()) {
        (true, true) => (clamp(lo.min(hi)), clamp(lo.max(hi))),
        (true, false) => (clamp(lo), clamp(lo)),
        (false, true) => (clamp(hi), clamp(hi)),
        (false, false) => (0.0, 1.0),
    };
    if zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if hi - lo <= hi.abs().max(lo.abs()) * 1e-12 {
        if hi == 0.0 {
            hi = 1.0;
        } else {
            let pad = hi.abs() * 0.1;
            if !zero || lo < 0.0 {
                lo -= pad;
            }
            if !zero || hi > 0.0 {
                hi += pad;
            }
        }
    }
    let target = target.clamp(1, MAX_TICKS - 1) as f64;
    let Some(step) = nice_step((hi - lo) / target) else {
        return fallback();
    };
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let count = last - first;
    if !count.is_finite() || count < 1.0 || count > MAX_TICKS as f64 {
        return fallback();
    }
    let ticks: Vec<f64> = (0..=count as usize)
        .map(|i| tidy((first + i as f64) * step, step))
        .collect();
    let (Some(&min), Some(&max)) = (ticks.first(), ticks.last()) else {
        return fallback();
    };
    if max.is_nan() || min.is_nan() || max <= min {
        return fallback();
    }
    Axis {
        min,
        max,
        step,
        decimals: decimals_for(step),
        ticks,
    }
}

/// Rounds away binary noise such as `0.30000000000000004` (and `-0`).
fn tidy(v: f64, step: f64) -> f64 {
    if step < 1e-12 {
        return v;
    }
    let text = format!("{:.*}", decimals_for(step), v);
    let t: f64 = text.parse().unwrap_or(v);
    if t == 0.0 { 0.0 } else { t }
}

/// Decimals that print multiples of `step` exactly (capped at 12).
fn decimals_for(step: f64) -> usize {
    if step.is_nan() || step <= 0.0 || step >= 1.0 {
        return 0;
    }
    let d = (-step.log10()).ceil();
    (d.max(0.0) as usize).min(12)
}

fn fallback() -> Axis {
    Axis {
        min: 0.0,
        max: 1.0,
        step: 0.2,
        ticks: vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
        decimals: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when `v` is 1, 2 or 5 times a power of ten.
    fn is_nice_step(v: f64) -> bool {
        let exp = v.log10().floor();
        let m = v / 10f64.powf(exp);
        [1.0, 2.0, 5.0, 10.0].iter().any(|n| (m - n).abs() < 1e-6)
    }

    fn assert_nice(a: &Axis) {
        assert!(is_nice_step(a.step), "step {} not nice", a.step);
        for t in &a.ticks {
            let k = t / a.step;
            assert!((k - k.round()).abs() < 1e-6, "tick {t} off step {}", a.step);
        }
        assert!(a.ticks.len() >= 2 && a.ticks.len() <= MAX_TICKS + 1);
    }

    #[test]
    fn bar_axis_starts_at_zero() {
        let a = nice_axis(3.0, 87.0, 5, true);
        assert_eq!(a.min, 0.0);
        assert_eq!(a.step, 20.0);
        assert_eq!(a.ticks, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_nice(&a);
    }

    #[test]
    fn fractional_steps() {
        let a = nice_axis(0.0, 0.7, 5, true);
        assert_eq!(a.step, 0.2);
        assert_eq!(a.decimals, 1);
        assert_eq!(a.ticks, vec![0.0, 0.2, 0.4, 0.6, 0.8]);
        let b = nice_axis(0.0, 0.031, 5, true);
        assert_eq!(b.step, 0.01);
        assert_eq!(b.decimals, 2);
    }

    #[test]
    fn ranges_off_zero_and_negative() {
        let a = nice_axis(1012.0, 1047.0, 5, false);
        assert_eq!((a.min, a.max, a.step), (1010.0, 1050.0, 10.0));
        let b = nice_axis(-37.0, 12.0, 5, true);
        assert_eq!((b.min, b.max), (-40.0, 20.0));
        assert_nice(&a);
        assert_nice(&b);
    }

    #[test]
    fn degenerate_inputs() {
        for (lo, hi) in [
            (0.0, 0.0),
            (5.0, 5.0),
            (-5.0, -5.0),
            (f64::NAN, f64::NAN),
            (f64::NAN, 3.0),
            (f64::NEG_INFINITY, f64::INFINITY),
            (-f64::MAX, f64::MAX),
            (1e-300, 2e-300),
            (1e15, 1e15 + 1.0),
            (9.0e15, 9.0e15 + 2.0),
            (5e-324, 5e-324),
        ] {
            for zero in [false, true] {
                let a = nice_axis(lo, hi, 5, zero);
                assert!(a.min.is_finite() && a.max.is_finite() && a.max > a.min);
                assert!(a.ticks.len() >= 2);
                if zero {
                    assert!(a.min <= 0.0 && a.max >= 0.0);
                }
            }
        }
        let a = nice_axis(5.0, 5.0, 5, true);
        assert_eq!(a.min, 0.0);
        assert!(a.max >= 5.0);
    }

    #[test]
    fn fraction_is_bounded() {
        let a = nice_axis(0.0, 10.0, 5, true);
        assert_eq!(a.fraction(0.0), 0.0);
        assert_eq!(a.fraction(10.0), 1.0);
        assert_eq!(a.fraction(f64::INFINITY), 1.05);
        assert_eq!(a.fraction(f64::NAN), 0.0);
    }
}
