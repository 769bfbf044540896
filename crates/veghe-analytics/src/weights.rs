//! Spatial weights over the cells of a regular grid, stored sparse as neighbour lists.
//!
//! Three neighbourhoods, the same as PySAL's (`libpysal.weights.lat2W` and `DistanceBand`):
//! - **rook**: cells sharing an edge (up to 4);
//! - **queen**: cells sharing an edge or a corner (up to 8);
//! - **distance band D**: cells whose centres are within D metres (inclusive, `d ≤ D`, with a
//!   relative tolerance of 1e-9 so that a band of exactly k cells includes them).
//!
//! The lists hold only the *other* cells (never the cell itself), sorted ascending. Each
//! statistic applies the transform it needs: Getis-Ord Gi* uses binary weights (1 for each
//! neighbour, plus 1 for the cell itself), Local Moran's I uses row-standardised weights
//! (`1 / k_i` for each of the `k_i` neighbours). Since all three neighbourhoods are binary,
//! [`Weights`] stores no weight values.

use crate::error::{Error, check_positive};

/// Which neighbourhood to build.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WeightsSpec {
    Rook,
    Queen,
    /// Centres within this many metres.
    Distance(f64),
}

impl WeightsSpec {
    /// Parses `rook`, `queen` or `distance:D` (D in metres), as the command line writes it.
    pub fn parse(text: &str) -> Result<WeightsSpec, Error> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("rook") {
            return Ok(WeightsSpec::Rook);
        }
        if t.eq_ignore_ascii_case("queen") {
            return Ok(WeightsSpec::Queen);
        }
        if let Some(d) = t.strip_prefix("distance:") {
            let value = d.trim().parse::<f64>().unwrap_or(f64::NAN);
            check_positive("weights distance", value)?;
            return Ok(WeightsSpec::Distance(value));
        }
        let reason = "must be rook, queen or distance:D (D in metres)";
        Err(Error::invalid("weights", f64::NAN, reason))
    }
}

/// Neighbour lists in compressed form: the neighbours of cell `i` are
/// `neighbours[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Weights {
    offsets: Vec<usize>,
    neighbours: Vec<u32>,
}

/// The most neighbour entries (sum of all list lengths) that will be built: 400 million.
pub const MAX_LINKS: usize = 400_000_000;

impl Weights {
    /// Weights for a `cols × rows` grid of square cells of side `cell` metres (the cell size is
    /// used only by the distance band). Cells are numbered row-major, `row * cols + col`.
    pub fn for_grid(
        cols: usize,
        rows: usize,
        cell: f64,
        spec: WeightsSpec,
    ) -> Result<Weights, Error> {
        check_positive("cell", cell)?;
        let n = cols
            .checked_mul(rows)
            .filter(|&n| n <= u32::MAX as usize)
            .ok_or(Error::TooManyCells { cols, rows })?;
        let offsets: Vec<(isize, isize)> = match spec {
            WeightsSpec::Rook => vec![(0, -1), (-1, 0), (1, 0), (0, 1)],
            WeightsSpec::Queen => {
                vec![
                    (-1, -1),
                    (0, -1),
                    (1, -1),
                    (-1, 0),
                    (1, 0),
                    (-1, 1),
                    (0, 1),
                    (1, 1),
                ]
            }
            WeightsSpec::Distance(d) => {
                check_positive("weights distance", d)?;
                let reach = d / cell * (1.0 + 1e-9);
                if reach < 1.0 {
                    let reason = "is smaller than the cell size, so no cell would have a neighbour";
                    return Err(Error::invalid("weights distance", d, reason));
                }
                let r = reach.floor().min(cols.max(rows) as f64) as isize;
                let mut v = Vec::new();
                for dr in -r..=r {
                    for dc in -r..=r {
                        let d2 = (dc * dc + dr * dr) as f64;
                        if (dc, dr) != (0, 0) && d2.sqrt() <= reach {
                            v.push((dc, dr));
                        }
                    }
                }
                v
            }
        };
        // Offsets are in (row, col) order, so each list comes out sorted ascending.
        let mut ordered = offsets;
        ordered.sort_by_key(|&(dc, dr)| (dr, dc));
        if n.saturating_mul(ordered.len()) > MAX_LINKS {
            let d = if let WeightsSpec::Distance(d) = spec {
                d
            } else {
                f64::NAN
            };
            let reason =
                "gives too many neighbours for this grid: use a shorter distance or a larger cell";
            return Err(Error::invalid("weights distance", d, reason));
        }
        let mut out = Weights {
            offsets: Vec::with_capacity(n + 1),
            neighbours: Vec::new(),
        };
        out.offsets.push(0);
        for row in 0..rows as isize {
            for col in 0..cols as isize {
                for &(dc, dr) in &ordered {
                    let (c, r) = (col + dc, row + dr);
                    if c >= 0 && r >= 0 && (c as usize) < cols && (r as usize) < rows {
                        out.neighbours.push((r as usize * cols + c as usize) as u32);
                    }
                }
                out.offsets.push(out.neighbours.len());
            }
        }
        Ok(out)
    }

    /// Weights from explicit neighbour lists (any graph, not only a grid). Self-links are
    /// dropped, duplicates removed, and lists sorted; an index out of range is an error naming
    /// the cell whose list holds it.
    pub fn from_lists(lists: &[Vec<usize>]) -> Result<Weights, Error> {
        let n = lists.len();
        if n > u32::MAX as usize {
            return Err(Error::TooManyCells { cols: n, rows: 1 });
        }
        let mut out = Weights {
            offsets: Vec::with_capacity(n + 1),
            neighbours: Vec::new(),
        };
        out.offsets.push(0);
        for (i, list) in lists.iter().enumerate() {
            let mut l: Vec<u32> = Vec::with_capacity(list.len());
            for &j in list {
                if j >= n {
                    return Err(Error::Degenerate(format!(
                        "the neighbour list of cell {i} names cell {j}, but there are only {n} cells"
                    )));
                }
                if j != i {
                    l.push(j as u32);
                }
            }
            l.sort_unstable();
            l.dedup();
            out.neighbours.extend_from_slice(&l);
            out.offsets.push(out.neighbours.len());
        }
        Ok(out)
    }

    /// Number of cells.
    pub fn n(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The neighbours of cell `i` (not including `i`), ascending.
    pub fn neighbours(&self, i: usize) -> &[u32] {
        &self.neighbours[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Number of neighbours of cell `i` (not counting `i`).
    pub fn cardinality(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// The largest number of neighbours of any cell.
    pub fn max_cardinality(&self) -> usize {
        self.offsets
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(0)
    }

    /// The first cell without neighbours, if any.
    pub fn first_island(&self) -> Option<usize> {
        self.offsets.windows(2).position(|w| w[0] == w[1])
    }

    /// Row-standardised weight of each neighbour of cell `i`: `1 / k_i` (0 for an island).
    pub fn row_standardised(&self, i: usize) -> f64 {
        match self.cardinality(i) {
            0 => 0.0,
            k => 1.0 / k as f64,
        }
    }

    /// Binary spatial lag: the sum of `values` over the neighbours of `i`.
    pub fn lag_sum(&self, i: usize, values: &[f64]) -> f64 {
        self.neighbours(i).iter().map(|&j| values[j as usize]).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rook_queen_and_band_on_a_small_grid() {
        let rook = Weights::for_grid(4, 3, 10.0, WeightsSpec::Rook).expect("rook");
        assert_eq!(rook.n(), 12);
        assert_eq!(rook.neighbours(0), &[1, 4]);
        assert_eq!(rook.neighbours(5), &[1, 4, 6, 9]);
        let queen = Weights::for_grid(4, 3, 10.0, WeightsSpec::Queen).expect("queen");
        assert_eq!(queen.neighbours(0), &[1, 4, 5]);
        assert_eq!(queen.neighbours(5), &[0, 1, 2, 4, 6, 8, 9, 10]);
        // A band of exactly one cell is rook; of sqrt(2) cells is queen.
        let band = Weights::for_grid(4, 3, 10.0, WeightsSpec::Distance(10.0)).expect("band");
        assert_eq!(band, rook);
        let band =
            Weights::for_grid(4, 3, 0.1, WeightsSpec::Distance(0.1 * 2f64.sqrt())).expect("band");
        assert_eq!(band, queen);
        let band = Weights::for_grid(5, 5, 1.0, WeightsSpec::Distance(2.0)).expect("band");
        assert_eq!(band.cardinality(12), 12);
        assert!(Weights::for_grid(4, 3, 10.0, WeightsSpec::Distance(9.0)).is_err());
    }

    #[test]
    fn parse_specs() {
        assert_eq!(WeightsSpec::parse("queen"), Ok(WeightsSpec::Queen));
        assert_eq!(WeightsSpec::parse("Rook"), Ok(WeightsSpec::Rook));
        assert_eq!(
            WeightsSpec::parse("distance:250"),
            Ok(WeightsSpec::Distance(250.0))
        );
        assert!(WeightsSpec::parse("distance:x").is_err());
        assert!(WeightsSpec::parse("distance:-3").is_err());
        assert!(WeightsSpec::parse("king").is_err());
    }

    #[test]
    fn lists_are_cleaned() {
        let w = Weights::from_lists(&[vec![1, 0, 1], vec![0], vec![]]).expect("lists");
        assert_eq!(w.neighbours(0), &[1]);
        assert_eq!(w.first_island(), Some(2));
        assert!(Weights::from_lists(&[vec![3]]).is_err());
    }
}
