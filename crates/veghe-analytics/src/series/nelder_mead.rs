//! The bounded Nelder-Mead search that statsforecast's ETS uses (and augurs-ets ports): adaptive
//! coefficients for the dimension, a start simplex of the start point and one point per coordinate
//! moved by 5% (or to 1e-4 from exactly zero), every trial point clamped to the box, and a stop when the
//! standard deviation of the simplex's costs falls under 1e-4 or after `max_iter` iterations.
//!
//! The search asks for one cost at a time ([`NelderMead::ask`], [`NelderMead::tell`]), so several
//! searches can have their costs computed together. Points live in fixed arrays of [`MAX_DIM`]:
//! the search allocates nothing.

/// The most coordinates a point may have (alpha, beta, phi, level, slope).
pub const MAX_DIM: usize = 5;

const TOL_STD: f64 = 1e-4;

pub type Point = [f64; MAX_DIM];

/// A box: `lower[i] <= x[i] <= upper[i]` for the first `dim` coordinates.
#[derive(Clone, Copy, Debug)]
pub struct Bounds {
    pub lower: Point,
    pub upper: Point,
}

impl Bounds {
    fn clamp(&self, x: &mut Point, dim: usize) {
        for ((v, lower), upper) in x.iter_mut().zip(&self.lower).zip(&self.upper).take(dim) {
            *v = v.clamp(*lower, *upper);
        }
    }
}

/// `from + coef (to - from)` in the first `dim` coordinates.
fn towards(from: &Point, coef: f64, to: &Point, dim: usize) -> Point {
    std::array::from_fn(|i| {
        if i < dim {
            from[i] + coef * (to[i] - from[i])
        } else {
            0.0
        }
    })
}

/// The step whose point awaits its cost.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Stage {
    /// Vertex `i` of the start simplex.
    Start(usize),
    Reflect,
    Expand,
    ContractOutside,
    ContractInside,
    /// Vertex `i` moved towards the best.
    Shrink(usize),
    Done,
}

/// One search in progress.
#[derive(Clone, Debug)]
pub struct NelderMead {
    dim: usize,
    bounds: Bounds,
    max_iter: usize,
    iter: usize,
    simplex: [Point; MAX_DIM + 1],
    f: [f64; MAX_DIM + 1],
    best: usize,
    worst: usize,
    second_worst: usize,
    centre: Point,
    reflected: Point,
    f_reflected: f64,
    pending: Point,
    stage: Stage,
}

impl NelderMead {
    /// A search from the first `dim` coordinates of `start` (`1 <= dim <= MAX_DIM`).
    pub fn new(start: &Point, dim: usize, bounds: Bounds, max_iter: usize) -> NelderMead {
        let dim = dim.clamp(1, MAX_DIM);
        let mut x0 = *start;
        bounds.clamp(&mut x0, dim);
        let mut simplex = [x0; MAX_DIM + 1];
        for (i, row) in simplex.iter_mut().enumerate().take(dim) {
            row[i] = if row[i] == 0.0 {
                1e-4
            } else {
                row[i] * (1.0 + 0.05)
            };
            bounds.clamp(row, dim);
        }
        NelderMead {
            dim,
            bounds,
            max_iter,
            iter: 0,
            simplex,
            f: [0.0; MAX_DIM + 1],
            best: 0,
            worst: 0,
            second_worst: 0,
            centre: [0.0; MAX_DIM],
            reflected: [0.0; MAX_DIM],
            f_reflected: 0.0,
            pending: simplex[0],
            stage: Stage::Start(0),
        }
    }

    /// The point whose cost is wanted next; `None` once the search has stopped.
    pub fn ask(&self) -> Option<&[f64]> {
        (self.stage != Stage::Done).then(|| &self.pending[..self.dim])
    }

    /// The best point (valid once [`NelderMead::ask`] gives `None`).
    pub fn best(&self) -> &[f64] {
        &self.simplex[self.best][..self.dim]
    }

    /// Gives the cost of the point of [`NelderMead::ask`].
    pub fn tell(&mut self, cost: f64) {
        let dim = self.dim;
        match self.stage {
            Stage::Start(i) => {
                self.f[i] = cost;
                if i < dim {
                    self.pending = self.simplex[i + 1];
                    self.stage = Stage::Start(i + 1);
                } else {
                    self.next_iteration();
                }
            }
            Stage::Reflect => {
                let (f_r, f) = (cost, &self.f);
                self.f_reflected = f_r;
                if f[self.best] <= f_r && f_r < f[self.second_worst] {
                    self.replace_worst(self.reflected, f_r);
                } else if f_r < f[self.best] {
                    self.try_towards(self.expand(), Stage::Expand);
                } else if f[self.second_worst] <= f_r && f_r < f[self.worst] {
                    self.try_towards(self.contract(), Stage::ContractOutside);
                } else {
                    self.try_towards(-self.contract(), Stage::ContractInside);
                }
            }
            Stage::Expand => {
                if cost < self.f_reflected {
                    self.replace_worst(self.pending, cost);
                } else {
                    self.replace_worst(self.reflected, self.f_reflected);
                }
            }
            Stage::ContractOutside if cost <= self.f_reflected => {
                self.replace_worst(self.pending, cost)
            }
            Stage::ContractInside if cost < self.f[self.worst] => {
                self.replace_worst(self.pending, cost)
            }
            Stage::ContractOutside | Stage::ContractInside => self.shrink_from(0),
            Stage::Shrink(i) => {
                self.f[i] = cost;
                self.shrink_from(i + 1);
            }
            Stage::Done => {}
        }
    }

    fn expand(&self) -> f64 {
        1.0 + 2.0 / self.dim as f64
    }

    fn contract(&self) -> f64 {
        0.75 - 1.0 / (2.0 * self.dim as f64)
    }

    /// Sorts the simplex, checks the stopping rule and reflects the worst point.
    fn next_iteration(&mut self) {
        let dim = self.dim;
        if self.iter == self.max_iter {
            self.stage = Stage::Done;
            return;
        }
        self.iter += 1;
        let mut order = [(0usize, 0.0f64); MAX_DIM + 1];
        for (i, o) in order.iter_mut().enumerate().take(dim + 1) {
            *o = (i, self.f[i]);
        }
        let sorted = &mut order[..dim + 1];
        sorted.sort_unstable_by(|(_, a), (_, b)| {
            a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal)
        });
        self.best = sorted[0].0;
        self.worst = sorted[dim].0;
        self.second_worst = sorted[dim - 1].0;
        if std_dev(&self.f[..dim + 1]) < TOL_STD {
            self.stage = Stage::Done;
            return;
        }
        let mut centre = [0.0; MAX_DIM];
        for (i, x) in self.simplex.iter().enumerate().take(dim + 1) {
            if i != self.worst {
                for (c, v) in centre.iter_mut().zip(x).take(dim) {
                    *c += v;
                }
            }
        }
        for c in centre.iter_mut().take(dim) {
            *c /= dim as f64;
        }
        self.centre = centre;
        // centre + (centre - worst), written as centre - (worst - centre): the same bits.
        let mut reflected = towards(&centre, -1.0, &self.simplex[self.worst], dim);
        self.bounds.clamp(&mut reflected, dim);
        self.reflected = reflected;
        self.pending = reflected;
        self.stage = Stage::Reflect;
    }

    /// Asks next for the point `centre + coef (reflected - centre)`, clamped.
    fn try_towards(&mut self, coef: f64, stage: Stage) {
        let mut p = towards(&self.centre, coef, &self.reflected, self.dim);
        self.bounds.clamp(&mut p, self.dim);
        self.pending = p;
        self.stage = stage;
    }

    fn replace_worst(&mut self, x: Point, cost: f64) {
        self.simplex[self.worst] = x;
        self.f[self.worst] = cost;
        self.next_iteration();
    }

    /// Moves the first vertex from `i` on that is not the best towards the best and asks for its
    /// cost; once all are moved, goes on to the next iteration.
    fn shrink_from(&mut self, i: usize) {
        let shrink = 1.0 - 1.0 / self.dim as f64;
        let Some(i) = (i..=self.dim).find(|&k| k != self.best) else {
            self.next_iteration();
            return;
        };
        let keep = self.simplex[self.best];
        self.simplex[i] = towards(&keep, shrink, &self.simplex[i], self.dim);
        self.pending = self.simplex[i];
        self.stage = Stage::Shrink(i);
    }
}

/// Runs a search to its end with `cost`; the best point.
pub fn minimize(
    start: &Point,
    dim: usize,
    bounds: Bounds,
    max_iter: usize,
    mut cost: impl FnMut(&[f64]) -> f64,
) -> Vec<f64> {
    let mut nm = NelderMead::new(start, dim, bounds, max_iter);
    while let Some(x) = nm.ask() {
        let c = cost(x);
        nm.tell(c);
    }
    nm.best().to_vec()
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
        let x = minimize(&[1.0, 0.1, 0.0, 0.0, 0.0], 2, bounds, 2000, |p| {
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
