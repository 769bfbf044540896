//! P-value helpers: the standard normal tail, false-discovery-rate control by the
//! Benjamini-Hochberg step-up rule (both the textbook form and PySAL esda's `fdr` cut-off), and
//! the significance classes of Gi* (hot/cold at 90/95/99%) and Local Moran (HH, LH, LL, HL).
//!
//! Textbook Benjamini-Hochberg at level α over m tests: sort the p-values ascending,
//! p₍₁₎ ≤ … ≤ p₍ₘ₎, find the largest k with p₍ₖ₎ ≤ k·α/m, and reject the k smallest (every p
//! that is ≤ p₍ₖ₎). esda's `fdr(pvalues, alpha)` returns the cut-off k·α/m for the largest k with
//! p₍ₖ₎ **<** k·α/m (strict), or α/m when there is none, and the analyst keeps the p-values below
//! it (`p < cut-off`). The two select the same tests except when some p equals k·α/m exactly:
//! [`bh`] rejects it, esda does not. [`esda_fdr_cutoff`] reproduces esda's number.
//!
//! NaN p-values are never rejected but still count among the m tests (conservative); a NaN
//! sorts last, as in numpy.

use crate::lisa::Quadrant;

/// The complementary error function erfc(x), to about 1e-14 relative: a positive-term series
/// for erf below |x| = 2 and a continued fraction (modified Lentz) above.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < 2.0 {
        // erf(x) = 2/√π · e^{-x²} · Σ_n 2^n x^{2n+1} / (1·3·…·(2n+1))
        let x2 = x * x;
        let mut term = x;
        let mut sum = x;
        let mut n = 0.0;
        while term > sum * 1e-17 {
            n += 1.0;
            term *= 2.0 * x2 / (2.0 * n + 1.0);
            sum += term;
        }
        return 1.0 - 2.0 / std::f64::consts::PI.sqrt() * (-x2).exp() * sum;
    }
    if x > 27.3 {
        return 0.0;
    }
    // erfc(x) = e^{-x²}/√π · 1 / (x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for n in 1..500 {
        let a = n as f64 / 2.0;
        d = x + a * d;
        d = if d.abs() < tiny { 1.0 / tiny } else { 1.0 / d };
        c = x + a / c;
        if c.abs() < tiny {
            c = tiny;
        }
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / (std::f64::consts::PI.sqrt() * f)
}

/// Upper tail of the standard normal, P(Z > z) (scipy's `norm.sf`).
pub fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Two-sided normal p-value, 2·P(Z > |z|).
pub fn normal_p_two_sided(z: f64) -> f64 {
    (2.0 * normal_sf(z.abs())).min(1.0)
}

/// Indices of `p` in ascending order of p, NaN last, ties in input order.
fn ascending(p: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    // total_cmp puts negative NaN first: move every NaN to the end, keeping order.
    let (mut finite, nan): (Vec<usize>, Vec<usize>) =
        order.into_iter().partition(|&i| !p[i].is_nan());
    finite.extend(nan);
    finite
}

/// Benjamini-Hochberg at level `alpha`: `true` for each rejected null hypothesis (a discovery).
/// A non-finite `alpha` or one outside (0, 1] rejects nothing.
pub fn bh(p: &[f64], alpha: f64) -> Vec<bool> {
    let m = p.len();
    let mut out = vec![false; m];
    if m == 0 || !(alpha > 0.0 && alpha <= 1.0) {
        return out;
    }
    let order = ascending(p);
    let mut k = 0;
    for (rank, &i) in order.iter().enumerate() {
        if p[i] <= (rank + 1) as f64 * alpha / m as f64 {
            k = rank + 1;
        }
    }
    for &i in &order[..k] {
        out[i] = true;
    }
    // Ties with the k-th p-value are rejected too.
    if k > 0 {
        let pk = p[order[k - 1]];
        for &i in &order[k..] {
            if p[i] <= pk {
                out[i] = true;
            }
        }
    }
    out
}

/// esda's `fdr(pvalues, alpha)`: the p-value cut-off k·α/m for the largest k with
/// p₍ₖ₎ < k·α/m, or α/m (Bonferroni) when no k qualifies. Keep the tests with `p < cut-off`.
/// Returns NaN for an empty slice (esda fails there) so that nothing passes `p < cut-off`.
pub fn esda_fdr_cutoff(p: &[f64], alpha: f64) -> f64 {
    let m = p.len();
    if m == 0 {
        return f64::NAN;
    }
    let order = ascending(p);
    let mut cutoff = alpha / m as f64;
    for (rank, &i) in order.iter().enumerate() {
        let line = (rank + 1) as f64 * alpha / m as f64;
        if p[i] < line {
            cutoff = line;
        }
    }
    cutoff
}

/// Gi* class at 90/95/99% confidence (ArcGIS's `Gi_Bin` ±1/±2/±3): by the two-sided normal
/// p-value of the analytical z, `p ≤ 0.10/0.05/0.01` (|z| ≥ 1.645/1.960/2.576), or with FDR by
/// Benjamini-Hochberg over all cells at each of those levels; the sign of z says hot or cold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GiClass {
    Hot99,
    Hot95,
    Hot90,
    NotSignificant,
    Cold90,
    Cold95,
    Cold99,
}

impl GiClass {
    /// `hot_99` … `ns` … `cold_99`.
    pub fn label(self) -> &'static str {
        match self {
            GiClass::Hot99 => "hot_99",
            GiClass::Hot95 => "hot_95",
            GiClass::Hot90 => "hot_90",
            GiClass::NotSignificant => "ns",
            GiClass::Cold90 => "cold_90",
            GiClass::Cold95 => "cold_95",
            GiClass::Cold99 => "cold_99",
        }
    }

    /// ArcGIS's `Gi_Bin`: 3, 2, 1, 0, −1, −2, −3.
    pub fn bin(self) -> i8 {
        match self {
            GiClass::Hot99 => 3,
            GiClass::Hot95 => 2,
            GiClass::Hot90 => 1,
            GiClass::NotSignificant => 0,
            GiClass::Cold90 => -1,
            GiClass::Cold95 => -2,
            GiClass::Cold99 => -3,
        }
    }
}

/// Gi* classes from analytical z-scores (see [`GiClass`]).
pub fn gi_classes(z: &[f64], fdr: bool) -> Vec<GiClass> {
    let p: Vec<f64> = z.iter().map(|&v| normal_p_two_sided(v)).collect();
    let level = |alpha: f64| -> Vec<bool> {
        if fdr {
            bh(&p, alpha)
        } else {
            p.iter().map(|&v| v <= alpha).collect()
        }
    };
    let (l99, l95, l90) = (level(0.01), level(0.05), level(0.10));
    (0..z.len())
        .map(|i| {
            let hot = z[i] > 0.0;
            match (l99[i], l95[i], l90[i], hot) {
                (true, _, _, true) => GiClass::Hot99,
                (true, _, _, false) => GiClass::Cold99,
                (_, true, _, true) => GiClass::Hot95,
                (_, true, _, false) => GiClass::Cold95,
                (_, _, true, true) => GiClass::Hot90,
                (_, _, true, false) => GiClass::Cold90,
                _ => GiClass::NotSignificant,
            }
        })
        .collect()
}

/// Local Moran cluster class: the quadrant where the permutation p-value is below `alpha`
/// (strictly, as esda's cluster labels), or below esda's FDR cut-off when `fdr`; else `None`.
pub fn moran_classes(
    quadrant: &[Quadrant],
    p: &[f64],
    alpha: f64,
    fdr: bool,
) -> Vec<Option<Quadrant>> {
    let cut = if fdr {
        esda_fdr_cutoff(p, alpha)
    } else {
        alpha
    };
    quadrant
        .iter()
        .zip(p)
        .map(|(&q, &pv)| (pv < cut).then_some(q))
        .collect()
}

/// Label of a Moran class: `HH`, `LH`, `LL`, `HL` or `ns`.
pub fn moran_label(class: Option<Quadrant>) -> &'static str {
    match class {
        Some(Quadrant::HH) => "HH",
        Some(Quadrant::LH) => "LH",
        Some(Quadrant::LL) => "LL",
        Some(Quadrant::HL) => "HL",
        None => "ns",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        // Values from scipy.special.erfc.
        let cases = [
            (0.0, 1.0),
            (0.5, 0.4795001221869535),
            (1.0, 0.15729920705028513),
            (1.959963984540054 / std::f64::consts::SQRT_2, 0.05),
            (2.0, 0.004677734981047266),
            (3.0, 2.209049699858544e-05),
            (6.0, 2.1519736712498913e-17),
            (-1.0, 1.8427007929497148),
        ];
        for (x, want) in cases {
            let got = erfc(x);
            assert!(
                ((got - want) / want).abs() < 1e-12,
                "erfc({x}) = {got}, want {want}"
            );
        }
        assert!((normal_sf(1.6448536269514722) - 0.05).abs() < 1e-14);
        assert!((normal_p_two_sided(-2.5758293035489004) - 0.01).abs() < 1e-14);
        assert_eq!(erfc(40.0), 0.0);
        assert!(erfc(f64::NAN).is_nan());
    }

    #[test]
    fn bh_and_esda_cutoff() {
        let p = [0.01, 0.03, 0.02, 0.005, 0.5, f64::NAN];
        // m = 6, alpha = 0.05: lines 0.0083, 0.0167, 0.025, 0.0333, 0.0417, 0.05.
        // Sorted: 0.005 (≤0.0083), 0.01 (≤0.0167), 0.02 (≤0.025), 0.03 (≤0.0333), 0.5 → k = 4.
        assert_eq!(bh(&p, 0.05), vec![true, true, true, true, false, false]);
        assert!((esda_fdr_cutoff(&p, 0.05) - 4.0 * 0.05 / 6.0).abs() < 1e-15);
        // p exactly on the line: bh rejects, esda's strict rule does not.
        let q = [0.025, 0.9];
        assert_eq!(bh(&q, 0.05), vec![true, false]);
        assert_eq!(esda_fdr_cutoff(&q, 0.05), 0.025);
        assert!(bh(&[], 0.05).is_empty());
        assert_eq!(bh(&[0.001], f64::NAN), vec![false]);
        assert!(esda_fdr_cutoff(&[], 0.05).is_nan());
    }
}
