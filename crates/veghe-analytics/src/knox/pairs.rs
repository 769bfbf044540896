//! Spatial pruning for pair searches (the Knox test here, nearest-neighbour clustering in
//! `crate::nnh`): points are bucketed into square cells as wide as the largest distance of
//! interest, so only pairs in the same or adjacent cells are ever measured.

use super::Metric;

/// How a pair's distance maps to a row of the Knox table.
#[derive(Clone, Copy, Debug)]
pub(super) struct DistanceBands {
    pub width: f64,
    pub count: usize,
    pub metric: Metric,
}

impl DistanceBands {
    /// The distance between two points under the chosen metric.
    pub fn distance(&self, dx: f64, dy: f64) -> f64 {
        match self.metric {
            Metric::Manhattan => dx.abs() + dy.abs(),
            Metric::Euclidean => (dx * dx + dy * dy).sqrt(),
        }
    }

    /// Row 0 for distance exactly 0, row k (1..=count) for `[(k-1)·width, k·width)`, and
    /// `count + 1` ("more than") beyond.
    pub fn row(&self, d: f64) -> usize {
        if d == 0.0 {
            return 0;
        }
        // `floor(q) < count` exactly when `q < count` (a whole number), and below it the cast
        // truncates, which for q ≥ 0 is the floor (without a call to `floor`, which the baseline
        // x86-64 target has no instruction for).
        let q = d / self.width;
        if q < self.count as f64 {
            q as usize + 1
        } else {
            self.count + 1
        }
    }
}

/// The indices of `keys` sorted by key, then index: by counting when the keys are ≥ 0 and their
/// grid has not many more cells than there are keys (the usual case), by comparison otherwise.
fn sorted_by_key(keys: &[(i64, i64)]) -> Vec<usize> {
    let (lo, hi) = keys.iter().fold(((0, 0), (0, 0)), |(lo, hi), &(x, y)| {
        ((x.min(lo.0), y.min(lo.1)), (x.max(hi.0), y.max(hi.1)))
    });
    let slots = (hi.0 as u64 + 1).saturating_mul(hi.1 as u64 + 1);
    if lo != (0, 0) || slots > 4 * keys.len() as u64 + 1024 {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_unstable_by_key(|&i| (keys[i], i));
        return order;
    }
    let height = hi.1 as usize + 1;
    let slot = |&(x, y): &(i64, i64)| x as usize * height + y as usize;
    // starts[s] = number of keys in slots before s; then the next position in slot s.
    let mut starts = vec![0usize; slots as usize + 1];
    for k in keys {
        starts[slot(k) + 1] += 1;
    }
    for s in 1..starts.len() {
        starts[s] += starts[s - 1];
    }
    let mut order = vec![0; keys.len()];
    for (i, k) in keys.iter().enumerate() {
        let next = &mut starts[slot(k)];
        order[*next] = i;
        *next += 1;
    }
    order
}

/// A contiguous run of events (in layout order) sharing one grid cell.
#[derive(Clone, Copy, Debug)]
struct Cell {
    key: (i64, i64),
    start: usize,
    end: usize,
}

/// Points reordered so that each grid cell's points are contiguous; nearby points get nearby
/// positions, which keeps look-ups by position cache-friendly.
pub(crate) struct Layout {
    pub(crate) xs: Vec<f64>,
    pub(crate) ys: Vec<f64>,
    /// `order[k]` is the input index of the event at layout position `k`.
    pub(crate) order: Vec<usize>,
    cells: Vec<Cell>,
}

impl Layout {
    /// Buckets the points into square cells of side slightly more than `reach` (the largest
    /// distance that is not "more than"), so every pair closer than `reach` lies in the same or
    /// adjacent cells even after rounding.
    pub(crate) fn new(xs: &[f64], ys: &[f64], reach: f64) -> Layout {
        let min_x = xs.iter().copied().fold(f64::INFINITY, f64::min);
        let min_y = ys.iter().copied().fold(f64::INFINITY, f64::min);
        let side = reach * 1.000_001;
        let key = |i: usize| -> (i64, i64) {
            // Offsets from the minimum are ≥ 0, so truncating is flooring. `as` saturates:
            // absurd extents only merge cells, which is slower but still exact.
            (
                ((xs[i] - min_x) / side) as i64,
                ((ys[i] - min_y) / side) as i64,
            )
        };
        let keys: Vec<(i64, i64)> = (0..xs.len()).map(key).collect();
        let order = sorted_by_key(&keys);
        let mut cells: Vec<Cell> = Vec::new();
        for (pos, k) in order.iter().map(|&i| keys[i]).enumerate() {
            match cells.last_mut() {
                Some(c) if c.key == k => c.end = pos + 1,
                _ => cells.push(Cell {
                    key: k,
                    start: pos,
                    end: pos + 1,
                }),
            }
        }
        Layout {
            xs: order.iter().map(|&i| xs[i]).collect(),
            ys: order.iter().map(|&i| ys[i]).collect(),
            order,
            cells,
        }
    }

    /// Calls `f(i, j, row)` (layout positions, `i < j`, grouped by `i` in increasing order) for
    /// every pair whose distance row is not "more than", each pair exactly once.
    pub(super) fn for_each_near_pair(
        &self,
        bands: &DistanceBands,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let beyond = bands.count + 1;
        // A distance from here on is "more than" however `d / width` rounds (it is above
        // `count · width` by far more than rounding): most candidates are settled without a
        // division.
        let far = bands.width * bands.count as f64 * (1.0 + 1e-9);
        // Offsets of the candidates closer than `far` in the current run, gathered without a
        // branch (a random one: about one candidate in four is kept).
        let mut close: Vec<u32> = Vec::new();
        self.for_each_run(|i, run| {
            let (xi, yi) = (self.xs[i], self.ys[i]);
            let (xs, ys) = (&self.xs[run.clone()], &self.ys[run.clone()]);
            if close.len() < xs.len() {
                close.resize(xs.len(), 0);
            }
            let mut n = 0;
            for (k, (&x, &y)) in xs.iter().zip(ys).enumerate() {
                close[n] = k as u32;
                n += usize::from(bands.distance(x - xi, y - yi) < far);
            }
            for &k in &close[..n] {
                let j = run.start + k as usize;
                let row = bands.row(bands.distance(self.xs[j] - xi, self.ys[j] - yi));
                if row < beyond {
                    f(i, j, row);
                }
            }
        });
    }

    /// Calls `f(i, j)` (layout positions, `i < j`, grouped by `i` in increasing order) for every
    /// pair in the same or adjacent cells: a superset of the pairs closer than `reach`.
    pub(crate) fn for_each_candidate(&self, mut f: impl FnMut(usize, usize)) {
        self.for_each_run(|i, run| {
            for j in run {
                f(i, j);
            }
        });
    }

    /// Calls `f(i, run)` for the candidates of [`Layout::for_each_candidate`] as runs of
    /// consecutive positions, at most two for each `i`.
    ///
    /// Cells are sorted by column then row, so the forward neighbours of cell `(x, y)` lie in two
    /// runs: the cell itself followed by `(x, y + 1)`, and `(x + 1, y − 1)` to `(x + 1, y + 1)`.
    fn for_each_run(&self, mut f: impl FnMut(usize, std::ops::Range<usize>)) {
        let cells = &self.cells;
        for (k, cell) in cells.iter().enumerate() {
            let (cx, cy) = cell.key;
            let above = cells
                .get(k + 1)
                .filter(|c| Some(c.key) == cy.checked_add(1).map(|y| (cx, y)));
            let own_end = above.map_or(cell.end, |c| c.end);
            let next_column = cx.checked_add(1).map_or(cell.end..cell.end, |x| {
                let from = cells.partition_point(|c| c.key < (x, cy.saturating_sub(1)));
                let to = cells.partition_point(|c| c.key <= (x, cy.saturating_add(1)));
                if from < to {
                    cells[from].start..cells[to - 1].end
                } else {
                    cell.end..cell.end
                }
            });
            for i in cell.start..cell.end {
                f(i, i + 1..own_end);
                f(i, next_column.clone());
            }
        }
    }
}
