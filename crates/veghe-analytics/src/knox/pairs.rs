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
        let k = (d / self.width).floor();
        if k < self.count as f64 {
            k as usize + 1
        } else {
            self.count + 1
        }
    }
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
            // `as` saturates: absurd extents only merge cells, which is slower but still exact.
            (
                ((xs[i] - min_x) / side).floor() as i64,
                ((ys[i] - min_y) / side).floor() as i64,
            )
        };
        let mut keyed: Vec<((i64, i64), usize)> = (0..xs.len()).map(|i| (key(i), i)).collect();
        keyed.sort_unstable();
        let mut cells: Vec<Cell> = Vec::new();
        for (pos, &(k, _)) in keyed.iter().enumerate() {
            match cells.last_mut() {
                Some(c) if c.key == k => c.end = pos + 1,
                _ => cells.push(Cell {
                    key: k,
                    start: pos,
                    end: pos + 1,
                }),
            }
        }
        let order: Vec<usize> = keyed.iter().map(|&(_, i)| i).collect();
        Layout {
            xs: order.iter().map(|&i| xs[i]).collect(),
            ys: order.iter().map(|&i| ys[i]).collect(),
            order,
            cells,
        }
    }

    fn cell(&self, key: (i64, i64)) -> Option<&Cell> {
        self.cells
            .binary_search_by(|c| c.key.cmp(&key))
            .ok()
            .map(|i| &self.cells[i])
    }

    /// Calls `f(i, j, row)` (layout positions, `i < j`) for every pair whose distance row is not
    /// "more than", each pair exactly once.
    pub(super) fn for_each_near_pair(
        &self,
        bands: &DistanceBands,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let beyond = bands.count + 1;
        self.for_each_candidate(|i, j| {
            let row = bands.row(bands.distance(self.xs[j] - self.xs[i], self.ys[j] - self.ys[i]));
            if row < beyond {
                f(i, j, row);
            }
        });
    }

    /// Calls `f(i, j)` (layout positions, `i < j`, grouped by `i` in increasing order) for every
    /// pair in the same or adjacent cells: a superset of the pairs closer than `reach`.
    pub(crate) fn for_each_candidate(&self, mut f: impl FnMut(usize, usize)) {
        for cell in &self.cells {
            let (cx, cy) = cell.key;
            // Forward neighbours only, so each pair of cells is visited once.
            let neighbours = [
                cy.checked_add(1).map(|y| (cx, y)),
                cx.checked_add(1)
                    .and_then(|x| cy.checked_sub(1).map(|y| (x, y))),
                cx.checked_add(1).map(|x| (x, cy)),
                cx.checked_add(1)
                    .and_then(|x| cy.checked_add(1).map(|y| (x, y))),
            ];
            let others: Vec<Cell> = neighbours
                .iter()
                .flatten()
                .filter_map(|&k| self.cell(k).copied())
                .collect();
            for i in cell.start..cell.end {
                for j in i + 1..cell.end {
                    f(i, j);
                }
                for other in &others {
                    for j in other.start..other.end {
                        f(i, j);
                    }
                }
            }
        }
    }
}
