//! Is a count different from an earlier one? Year-on-year (against the same period one season
//! earlier) and period-on-period (against the period before), tested as two Poisson counts.
//!
//! The test: with counts `a` (now, over exposure `ta`) and `b` (before, over `tb`), under equal rates
//! and conditional on `a + b`, `a ~ Binomial(a + b, ta / (ta + tb))` (Przyborowski & Wilenski 1940;
//! the C-test). The two-sided exact p-value sums the probabilities of the outcomes no more likely
//! than the observed one (as R's `binom.test` and scipy's `binomtest` do, with the same relative
//! tolerance 1e-7 for ties).

use super::SeriesError;

/// The comparison of two counts.
#[derive(Clone, Debug, PartialEq)]
pub struct CountChange {
    pub now: u64,
    pub before: u64,
    /// `now - before`.
    pub difference: i64,
    /// `100·(now - before)/before`; `None` when `before` is 0.
    pub percent: Option<f64>,
    /// Ratio of the rates, `(now/ta)/(before/tb)`; `None` when `before` is 0.
    pub rate_ratio: Option<f64>,
    /// Two-sided exact p-value of the conditional binomial test.
    pub p_value: f64,
}

/// Compares `now` over exposure `ta` with `before` over exposure `tb` (equal exposures: 1, 1).
pub fn compare_counts(now: u64, before: u64, ta: f64, tb: f64) -> Result<CountChange, SeriesError> {
    if !(ta > 0.0 && tb > 0.0 && ta.is_finite() && tb.is_finite()) {
        return Err(SeriesError::Parameter("exposures must be positive".into()));
    }
    let p = ta / (ta + tb);
    let p_value = binomial_two_sided(now, now + before, p);
    let (percent, rate_ratio) = if before == 0 {
        (None, None)
    } else {
        (
            Some(100.0 * (now as f64 - before as f64) / before as f64),
            Some((now as f64 / ta) / (before as f64 / tb)),
        )
    };
    Ok(CountChange {
        now,
        before,
        difference: now as i64 - before as i64,
        percent,
        rate_ratio,
        p_value,
    })
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

fn binomial_pmf(k: u64, n: u64, p: f64) -> f64 {
    if p <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if p >= 1.0 {
        return if k == n { 1.0 } else { 0.0 };
    }
    let (k, n) = (k as f64, n as f64);
    (ln_gamma(n + 1.0) - ln_gamma(k + 1.0) - ln_gamma(n - k + 1.0)
        + k * p.ln()
        + (n - k) * (1.0 - p).ln())
    .exp()
}

/// Two-sided exact binomial p-value of `k` successes in `n` trials at probability `p`.
pub fn binomial_two_sided(k: u64, n: u64, p: f64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    let observed = binomial_pmf(k, n, p);
    let limit = observed * (1.0 + 1e-7);
    let total: f64 = (0..=n)
        .map(|i| binomial_pmf(i, n, p))
        .filter(|q| *q <= limit)
        .sum();
    total.min(1.0)
}

/// The last period against the one before and against the same period one season earlier.
#[derive(Clone, Debug, PartialEq)]
pub struct LastChanges {
    pub period_on_period: Option<CountChange>,
    pub year_on_year: Option<CountChange>,
}

/// Compares the last count of `y` (non-negative integers) with the one before and with the one
/// `season` periods earlier, when the series reaches back that far.
pub fn last_changes(y: &[u64], season: usize) -> Result<LastChanges, SeriesError> {
    let n = y.len();
    let Some(&now) = y.last() else {
        return Err(SeriesError::Empty);
    };
    let against = |lag: usize| {
        (lag >= 1 && n > lag)
            .then(|| compare_counts(now, y[n - 1 - lag], 1.0, 1.0))
            .transpose()
    };
    Ok(LastChanges {
        period_on_period: against(1)?,
        year_on_year: against(season)?,
    })
}
