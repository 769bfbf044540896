//! The bounded Nelder-Mead search that statsforecast's ETS uses (and augurs-ets ports): adaptive
//! coefficients for the dimension, a start simplex of the start point and one point per coordinate
//! moved by 5% (or to 1e-4 from zero), every trial point clamped to the box, and a stop when the
//! standard deviation of the simplex's costs falls under 1e-4 or after `max_iter` iterations.
//! Points live in fixed arrays of [`MAX_DIM`], so the search allocates nothing.

/// The most coordinates a point may have (alpha, beta, phi, level, slope).
pub const MAX_DIM: usize = 5;

const TOL_STD: f64 = 1e-4;

type Point = [f64; MAX_DIM];

/// A box: `lower[i] <= x[i] <= upper[i]` for the first `dim` coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub lower: Point,
    pub upper: Point,
}

impl Bounds {
    fn clamp(&self, x: &mut Point, dim: usize) {
        for i in 0..dim {
            x[i] = x[i].clamp(self.lower[i], self.upper[i]);
        }
    }
}

/// The point of least cost found from `start` (the first `dim` coordinates of it, `dim` at most
/// [`MAX_DIM`]).
pub fn minimize(
    start: &Point,
    dim: usize,
    bounds: &Bounds,
    max_iter: usize,
    mut cost: impl FnMut(&[f64]) -> f64,
) -> Point {
    let nf = dim as f64;
    let expand = 1.0 + 2.0 / nf;
    let contract = 0.75 - 1.0 / (2.0 * nf);
    let shrink = 1.0 - 1.0 / nf;

    let mut simplex = start_simplex(start, dim, bounds);
    let mut f = [0.0; MAX_DIM + 1];
    for (fi, x) in f.iter_mut().zip(&simplex).take(dim + 1) {
        *fi = cost(&x[..dim]);
    }
    let mut order = [(0usize, 0.0f64); MAX_DIM + 1];
    let mut best = 0;
    for _ in 0..max_iter {
        for (i, o) in order.iter_mut().enumerate().take(dim + 1) {
            *o = (i, f[i]);
        }
        let sorted = &mut order[..dim + 1];
        sorted.sort_unstable_by(|(_, a), (_, b)| {
            a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
        });
        best = sorted[0].0;
        let worst = sorted[dim].0;
        let second_worst = sorted[dim - 1].0;
        if std_dev(&f[..dim + 1]) < TOL_STD {
            break;
        }

        let mut centre = [0.0; MAX_DIM];
        for (i, x) in simplex.iter().enumerate().take(dim + 1) {
            if i != worst {
                for (c, v) in centre.iter_mut().zip(x).take(dim) {
                    *c += v;
                }
            }
        }
        for c in centre.iter_mut().take(dim) {
            *c /= nf;
        }
        let towards = |coef: f64, to: &Point| {
            let mut p = [0.0; MAX_DIM];
            for i in 0..dim {
                p[i] = centre[i] + coef * (to[i] - centre[i]);
            }
            bounds.clamp(&mut p, dim);
            p
        };

        // Reflection.
        let mut reflected = [0.0; MAX_DIM];
        for i in 0..dim {
            reflected[i] = centre[i] + (centre[i] - simplex[worst][i]);
        }
        bounds.clamp(&mut reflected, dim);
        let f_r = cost(&reflected[..dim]);
        if f[best] <= f_r && f_r < f[second_worst] {
            (simplex[worst], f[worst]) = (reflected, f_r);
            continue;
        }
        // Expansion.
        if f_r < f[best] {
            let expanded = towards(expand, &reflected);
            let f_e = cost(&expanded[..dim]);
            (simplex[worst], f[worst]) = if f_e < f_r {
                (expanded, f_e)
            } else {
                (reflected, f_r)
            };
            continue;
        }
        // Contraction, outside or inside.
        if f[second_worst] <= f_r && f_r < f[worst] {
            let outside = towards(contract, &reflected);
            let f_oc = cost(&outside[..dim]);
            if f_oc <= f_r {
                (simplex[worst], f[worst]) = (outside, f_oc);
                continue;
            }
        } else {
            let inside = towards(-contract, &reflected);
            let f_ic = cost(&inside[..dim]);
            if f_ic < f[worst] {
                (simplex[worst], f[worst]) = (inside, f_ic);
                continue;
            }
        }
        // Shrink towards the best point.
        let keep = simplex[best];
        for i in 0..=dim {
            if i != best {
                for k in 0..dim {
                    simplex[i][k] = keep[k] + shrink * (simplex[i][k] - keep[k]);
                }
                f[i] = cost(&simplex[i][..dim]);
            }
        }
    }
    simplex[best]
}

/// The start point clamped, then one copy per coordinate with that coordinate moved.
fn start_simplex(start: &Point, dim: usize, bounds: &Bounds) -> [Point; MAX_DIM + 1] {
    let mut x0 = *start;
    bounds.clamp(&mut x0, dim);
    let mut simplex = [x0; MAX_DIM + 1];
    for (i, row) in simplex.iter_mut().enumerate().take(dim) {
        row[i] = if row[i].abs() < 1e-8 {
            1e-4
        } else {
            row[i] * 1.05
        };
        bounds.clamp(row, dim);
    }
    simplex
}

/// The population standard deviation, by Welford's running update.
fn std_dev(values: &[f64]) -> f64 {
    let (mut mean, mut sum_sq) = (0.0, 0.0);
    for (i, &x) in values.iter().enumerate() {
        let delta = x - mean;
        mean += delta / (i + 1) as f64;
        sum_sq = (x - mean).mul_add(delta, sum_sq);
    }
    (sum_sq / values.len() as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_a_bowl_inside_the_box() {
        let bounds = Bounds {
            lower: [-10.0; MAX_DIM],
            upper: [10.0, 0.5, 10.0, 10.0, 10.0],
        };
        let x = minimize(&[1.0, 0.1, 0.0, 0.0, 0.0], 2, &bounds, 2000, |p| {
            (p[0] - 3.0).powi(2) + (p[1] - 2.0).powi(2)
        });
        assert!((x[0] - 3.0).abs() < 0.05, "{x:?}");
        assert!((x[1] - 0.5).abs() < 0.05, "{x:?}");
    }

    #[test]
    fn population_standard_deviation() {
        assert!((std_dev(&[3.0, 5.0, 8.0, 1.0]) - 6.6875f64.sqrt()).abs() < 1e-15);
    }
}
