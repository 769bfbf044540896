//! A regular square grid over projected coordinates (metres) and the cell counts of points on it.
//!
//! The origin is the minimum x and y of the points floored to the cell size
//! (`floor(min / cell) * cell`), so grids of the same cell size from different data line up.
//! Cells are half-open, `[origin + c·cell, origin + (c+1)·cell)`, and there are just enough of
//! them to hold the maximum point. Cells are numbered row-major: `index = row * cols + col`,
//! with `row` growing northwards (with y) and `col` eastwards (with x).
//!
//! [`hotspots`] runs Gi* and Local Moran's I (see [`crate::lisa`]) on the point counts of the
//! bounding grid, one [`HotspotRow`] per cell, for `veghe analyze hotspots`.

use crate::lisa::{
    GiClass, Quadrant, gi_classes, gi_star, local_moran, moran_classes, permutation_p,
};
use crate::weights::{Weights, WeightsSpec};

pub use crate::error::{Error, check_points, check_positive};

/// The largest grid (in cells) that any function here will build: 50 million cells, which is
/// 400 MB for one `f64` per cell. A larger request is an [`Error::TooManyCells`].
pub const MAX_CELLS: usize = 50_000_000;

/// A regular grid of square cells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// x of the west edge of column 0, in metres.
    pub origin_x: f64,
    /// y of the south edge of row 0, in metres.
    pub origin_y: f64,
    /// Side of a cell, in metres.
    pub cell: f64,
    pub cols: usize,
    pub rows: usize,
}

impl Grid {
    /// A grid with the given origin, cell size and shape, checked: finite origin, positive
    /// cell, at least one column and row, at most [`MAX_CELLS`] cells.
    pub fn new(
        origin_x: f64,
        origin_y: f64,
        cell: f64,
        cols: usize,
        rows: usize,
    ) -> Result<Grid, Error> {
        if !origin_x.is_finite() {
            return Err(Error::invalid("origin_x", origin_x, "must be finite"));
        }
        if !origin_y.is_finite() {
            return Err(Error::invalid("origin_y", origin_y, "must be finite"));
        }
        check_positive("cell", cell)?;
        if cols == 0 || rows == 0 {
            return Err(Error::TooFewCells {
                n: cols * rows,
                min: 1,
            });
        }
        if cols.checked_mul(rows).is_none_or(|n| n > MAX_CELLS) {
            return Err(Error::TooManyCells { cols, rows });
        }
        Ok(Grid {
            origin_x,
            origin_y,
            cell,
            cols,
            rows,
        })
    }

    /// The bounding grid of the points: origin at the minimum x and y floored to the cell size,
    /// and enough cells to hold the maximum x and y.
    pub fn from_points(points: &[(f64, f64)], cell: f64) -> Result<Grid, Error> {
        check_positive("cell", cell)?;
        if points.is_empty() {
            return Err(Error::Empty { what: "point" });
        }
        check_points(points, "point")?;
        let (mut min_x, mut min_y) = (f64::INFINITY, f64::INFINITY);
        let (mut max_x, mut max_y) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for &(x, y) in points {
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        let origin_x = floor_to(min_x, cell);
        let origin_y = floor_to(min_y, cell);
        let cols = span_cells(max_x - origin_x, cell)?;
        let rows = span_cells(max_y - origin_y, cell)?;
        Grid::new(origin_x, origin_y, cell, cols, rows)
    }

    /// The same grid with `margin` extra cells on every side (the origin moves by `margin` cells),
    /// e.g. so that a kernel density shows the tails beyond the outermost points.
    pub fn padded(&self, margin: usize) -> Result<Grid, Error> {
        let m = margin as f64 * self.cell;
        let cols = margin.checked_mul(2).and_then(|d| d.checked_add(self.cols));
        let rows = margin.checked_mul(2).and_then(|d| d.checked_add(self.rows));
        match (cols, rows) {
            (Some(c), Some(r)) => Grid::new(self.origin_x - m, self.origin_y - m, self.cell, c, r),
            _ => Err(Error::TooManyCells {
                cols: usize::MAX,
                rows: usize::MAX,
            }),
        }
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        self.cols * self.rows
    }

    /// Whether the grid has no cells (never true for a grid built by [`Grid::new`]).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cell holding (x, y), or `None` outside the grid or for a non-finite coordinate.
    pub fn cell_of(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let c = ((x - self.origin_x) / self.cell).floor();
        let r = ((y - self.origin_y) / self.cell).floor();
        // NaN fails both comparisons.
        if c >= 0.0 && r >= 0.0 && c < self.cols as f64 && r < self.rows as f64 {
            Some((c as usize, r as usize))
        } else {
            None
        }
    }

    /// Row-major index of (col, row).
    pub fn index(&self, col: usize, row: usize) -> usize {
        row * self.cols + col
    }

    /// (col, row) of a row-major index.
    pub fn col_row(&self, index: usize) -> (usize, usize) {
        (index % self.cols, index / self.cols)
    }

    /// Centre of cell (col, row), in metres.
    pub fn centre(&self, col: usize, row: usize) -> (f64, f64) {
        (
            self.origin_x + (col as f64 + 0.5) * self.cell,
            self.origin_y + (row as f64 + 0.5) * self.cell,
        )
    }

    /// Centres of all cells, row-major.
    pub fn centres(&self) -> Vec<(f64, f64)> {
        let mut out = Vec::with_capacity(self.len());
        for row in 0..self.rows {
            for col in 0..self.cols {
                out.push(self.centre(col, row));
            }
        }
        out
    }

    /// Number of points in each cell, row-major. Points outside the grid or with a non-finite
    /// coordinate are not counted (none are outside for the grid [`Grid::from_points`] built
    /// from the same points).
    pub fn counts(&self, points: &[(f64, f64)]) -> Vec<u32> {
        let mut counts = vec![0u32; self.len()];
        for &(x, y) in points {
            if let Some((c, r)) = self.cell_of(x, y) {
                let i = self.index(c, r);
                counts[i] = counts[i].saturating_add(1);
            }
        }
        counts
    }
}

/// `floor(v / cell) * cell`, stepped down one cell if rounding put it above `v`.
fn floor_to(v: f64, cell: f64) -> f64 {
    let o = (v / cell).floor() * cell;
    if o > v { o - cell } else { o }
}

/// Cells needed so that a point `extent` metres past the origin lies inside: `floor(extent/cell)+1`,
/// the same rounding that [`Grid::cell_of`] uses.
fn span_cells(extent: f64, cell: f64) -> Result<usize, Error> {
    let n = (extent / cell).floor() + 1.0;
    if !n.is_finite() || n > MAX_CELLS as f64 {
        return Err(Error::TooManyCells {
            cols: usize::MAX,
            rows: usize::MAX,
        });
    }
    Ok(n.max(1.0) as usize)
}

/// One cell of a hot-spot analysis (all numbers finite).
#[derive(Clone, Debug, PartialEq)]
pub struct HotspotRow {
    pub col: usize,
    pub row: usize,
    pub count: u32,
    /// Gi* analytical z-score.
    pub gi_z: f64,
    /// Gi* permutation pseudo p-value (esda's `p_sim`, folded: at most about ½).
    pub gi_p: f64,
    pub moran_i: f64,
    /// Local Moran's `(I − EI)/√VI`.
    pub moran_z: f64,
    /// Local Moran permutation pseudo p-value.
    pub moran_p: f64,
    /// Hot/cold at 90/95/99% from `gi_z` (see [`GiClass`]).
    pub gi_class: GiClass,
    /// HH/LH/LL/HL where `moran_p` is below α (see [`moran_classes`]); `None`: not significant.
    pub moran_class: Option<Quadrant>,
}

impl HotspotRow {
    /// The columns of `veghe analyze hotspots --format csv`.
    pub const CSV_HEADER: &'static str = "col,row,count,gi_z,gi_p,moran_i,moran_z,moran_p,class";

    /// One CSV line (without newline) in [`HotspotRow::CSV_HEADER`]'s order; `class` is the
    /// Gi* class label (`hot_99` … `ns` … `cold_99`); the Moran class is [`HotspotRow::moran_class`].
    pub fn csv_line(&self) -> String {
        let r = self;
        format!(
            "{},{},{},{},{},{},{},{},{}",
            r.col,
            r.row,
            r.count,
            r.gi_z,
            r.gi_p,
            r.moran_i,
            r.moran_z,
            r.moran_p,
            r.gi_class.label()
        )
    }
}

/// Parameters of [`hotspots_with`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HotspotParams {
    /// Cell size, metres.
    pub cell: f64,
    pub weights: WeightsSpec,
    pub permutations: usize,
    pub seed: u64,
    /// Significance level of the Moran classes (Gi* classes use 90/95/99%).
    pub alpha: f64,
    /// Control the false discovery rate in the classes.
    pub fdr: bool,
    /// Worker threads; 0 uses all cores.
    pub threads: usize,
}

/// A hot-spot analysis: the bounding grid and one row per cell, row-major.
#[derive(Clone, Debug, PartialEq)]
pub struct HotspotMap {
    pub grid: Grid,
    pub rows: Vec<HotspotRow>,
}

/// Gi* and Local Moran's I of point counts on the bounding grid (origin at the minimum x and y
/// floored to the cell size), with Moran classes at 0.05 and no FDR control.
pub fn hotspots(
    points: &[(f64, f64)],
    cell: f64,
    weights: WeightsSpec,
    permutations: usize,
    seed: u64,
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<HotspotRow>, Error> {
    let params = HotspotParams {
        cell,
        weights,
        permutations,
        seed,
        alpha: 0.05,
        fdr: false,
        threads: 0,
    };
    Ok(hotspots_with(points, &params, progress)?.rows)
}

/// [`hotspots`] with every parameter.
pub fn hotspots_with(
    points: &[(f64, f64)],
    params: &HotspotParams,
    progress: &dyn Fn(usize, usize),
) -> Result<HotspotMap, Error> {
    if !(params.alpha > 0.0 && params.alpha < 1.0) {
        return Err(Error::invalid(
            "alpha",
            params.alpha,
            "must be between 0 and 1",
        ));
    }
    if params.permutations == 0 {
        let reason = "must be at least 1 (999 is usual)";
        return Err(Error::invalid("permutations", 0.0, reason));
    }
    if let WeightsSpec::Distance(d) = params.weights {
        check_positive("weights distance", d)?;
    }
    let grid = Grid::from_points(points, params.cell)?;
    let counts = grid.counts(points);
    if grid.len() < 3 {
        return Err(Error::TooFewCells {
            n: grid.len(),
            min: 3,
        });
    }
    let values: Vec<f64> = counts.iter().map(|&c| f64::from(c)).collect();
    let w = Weights::for_grid(grid.cols, grid.rows, grid.cell, params.weights)?;
    let gi = gi_star(&values, &w)?;
    let moran = local_moran(&values, &w)?;
    let p = permutation_p(
        &values,
        &w,
        params.permutations,
        params.seed,
        params.threads,
        progress,
    )?;
    let gi_class = gi_classes(&gi.z, params.fdr);
    let moran_class = moran_classes(&moran.quadrant, &p.moran, params.alpha, params.fdr);
    let rows = (0..grid.len())
        .map(|i| {
            let (col, row) = grid.col_row(i);
            HotspotRow {
                col,
                row,
                count: counts[i],
                gi_z: gi.z[i],
                gi_p: p.gi[i],
                moran_i: moran.i[i],
                moran_z: moran.z[i],
                moran_p: p.moran[i],
                gi_class: gi_class[i],
                moran_class: moran_class[i],
            }
        })
        .collect();
    Ok(HotspotMap { grid, rows })
}
