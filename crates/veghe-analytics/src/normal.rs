//! The standard normal quantile, the one behind the prediction intervals and CrimeStat's
//! clustering threshold.

/// The `z` with `P(Z ≤ z) = p` for a standard normal `Z` (Wichura's AS 241, by `distrs`):
/// `−∞` at 0, `+∞` at 1, NaN outside `[0, 1]`.
pub fn quantile(p: f64) -> f64 {
    distrs::Normal::ppf(p, 0.0, 1.0)
}

/// The `z` of a two-sided interval of `level` (0 < level < 1): `quantile(0.5 + level / 2)`.
pub fn two_sided(level: f64) -> f64 {
    quantile(0.5 + level / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_tables() {
        for (p, z) in [
            (0.5, 0.0),
            (0.95, 1.644_853_627),
            (0.99, 2.326_347_874),
            (0.999_99, 4.264_890_794),
            (0.01, -2.326_347_874),
        ] {
            assert!((quantile(p) - z).abs() < 1e-8, "{p}");
        }
        assert_eq!(quantile(0.0), f64::NEG_INFINITY);
        assert_eq!(quantile(1.0), f64::INFINITY);
    }

    #[test]
    fn two_sided_at_the_usual_levels() {
        assert!((two_sided(0.95) - 1.959_963_984_540_054).abs() < 1e-9);
        assert!((two_sided(0.80) - 1.281_551_565_544_600_5).abs() < 1e-9);
    }
}
