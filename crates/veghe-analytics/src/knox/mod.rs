//! The Knox test for near-repeat patterns, with the semantics of Ratcliffe's Near Repeat
//! Calculator (NRC v1.3): pairs of events counted by distance band × time band, against
//! Monte-Carlo permutations of the dates among the locations.
//!
//! # Conventions (checked against NRC's own output, see `tests/knox_nrc.rs`)
//!
//! * Rows: 0 is "Same location" (distance exactly 0); row `k` (1..=`distance_bands`) holds the
//!   distances in `[(k−1)·w, k·w)`, labelled NRC's way "`(k−1)·w+1` to `k·w`" (so "101 to 200"
//!   means 100 ≤ d < 200); the last row is "More than `B·w`", i.e. d ≥ B·w.
//! * Columns: column `k` (0-based) holds day differences `|t_i − t_j|` in `[k·w, (k+1)·w)`,
//!   labelled "0 to 7", "8 to 14", … (so "8 to 14" means 7 ≤ Δt < 14 days); same-day pairs go to
//!   the first column; the last column is "More than `T·w`", i.e. Δt ≥ T·w.
//! * `iterations` counts the observed arrangement as one iteration, as NRC does: 20 iterations
//!   are 19 permutations, the expected count is their mean, and the p-value of a cell is
//!   (permutations with a count ≥ the observed one + 1) / `iterations`, so the smallest
//!   attainable p is 1/`iterations`.
//! * A permutation shuffles the dates among the events, keeping the locations.
//!
//! Distances are compared in floating point: a distance is in band k when `floor(d / w) = k − 1`.

pub(crate) mod pairs;
mod reading;
mod sim;

use std::fmt;

use pairs::{DistanceBands, Layout};
use sim::{NearPairs, RowPairs, Setup, TimeBands};

/// One event: a location in projected metres and a day number (any epoch, e.g. days since
/// 1970-01-01).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    pub x: f64,
    pub y: f64,
    pub day: i64,
}

/// How the distance between two events is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `|dx| + |dy|` (NRC's default).
    Manhattan,
    /// `sqrt(dx² + dy²)`.
    Euclidean,
}

/// The parameters of a Knox analysis, in NRC's terms.
#[derive(Clone, Debug, PartialEq)]
pub struct KnoxParams {
    /// Width of a spatial band, in coordinate units (metres), finite and > 0.
    pub distance_band: f64,
    /// Number of spatial bands (1..=1000), besides "same location" and "more than".
    pub distance_bands: usize,
    /// Width of a temporal band in days (≥ 1).
    pub time_band: i64,
    /// Number of temporal bands (1..=1000), besides "more than".
    pub time_bands: usize,
    pub metric: Metric,
    /// NRC's iterations: the observed arrangement plus `iterations − 1` permutations (≥ 2).
    pub iterations: usize,
    pub seed: u64,
    /// Worker threads (at most 64); 0 uses every available core. The result does not depend on it.
    pub threads: usize,
}

/// Why a Knox analysis could not run.
#[derive(Clone, Debug, PartialEq)]
pub enum KnoxError {
    /// Fewer than two events: there is no pair to count.
    TooFewEvents { found: usize },
    /// More events than this implementation indexes (2³² − 1).
    TooManyEvents { found: usize },
    /// The event at index `row` of the input has a NaN or infinite coordinate.
    NonFiniteCoordinate {
        row: usize,
        coordinate: &'static str,
    },
    /// A parameter is out of range.
    InvalidParameter {
        name: &'static str,
        reason: &'static str,
    },
}

impl fmt::Display for KnoxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KnoxError::TooFewEvents { found } => {
                write!(f, "the Knox test needs at least 2 events, found {found}")
            }
            KnoxError::TooManyEvents { found } => {
                write!(
                    f,
                    "too many events for the Knox test: {found} (at most 4294967295)"
                )
            }
            KnoxError::NonFiniteCoordinate { row, coordinate } => {
                write!(
                    f,
                    "event {row} has a missing or non-finite {coordinate} coordinate"
                )
            }
            KnoxError::InvalidParameter { name, reason } => write!(f, "parameter {name}: {reason}"),
        }
    }
}

impl std::error::Error for KnoxError {}

/// The Knox table and its permutation test. Matrices are indexed `[row][column]`: rows are
/// "same location", each distance band, "more than"; columns each time band, "more than".
#[derive(Clone, Debug, PartialEq)]
pub struct KnoxResult {
    /// NRC's row labels: "Same location", "1 to 100", "101 to 200", …, "More than 300".
    pub distance_labels: Vec<String>,
    /// NRC's column labels: "0 to 7", "8 to 14", …, "More than 21".
    pub time_labels: Vec<String>,
    /// The exact half-open distance range of each row, `[from, to)`: row 0 is `(0, Some(0))`
    /// meaning exactly 0, the last row has `to = None`.
    pub distance_ranges: Vec<(f64, Option<f64>)>,
    /// The exact half-open range of day differences of each column, `[from, to)`.
    pub time_ranges: Vec<(u64, Option<u64>)>,
    pub observed: Vec<Vec<u64>>,
    /// Mean count over the permutations.
    pub expected: Vec<Vec<f64>>,
    /// Observed / expected; `None` where no permutation produced a pair.
    pub knox_ratio: Vec<Vec<Option<f64>>>,
    /// (permutations with count ≥ observed + 1) / iterations.
    pub p_value: Vec<Vec<f64>>,
    /// Smallest and largest count over the permutations.
    pub sim_min: Vec<Vec<u64>>,
    pub sim_max: Vec<Vec<u64>>,
    /// The parameters the table was computed with.
    pub params: KnoxParams,
    pub events: usize,
    /// Number of permutations run (`iterations − 1`).
    pub permutations: usize,
    /// All pairs, `n(n−1)/2`.
    pub total_pairs: u64,
}

/// Pairs stored at most (8 bytes each, 128 MiB); beyond, the near pairs are found again on every
/// permutation (slower, but memory stays bounded).
const STORED_PAIRS_LIMIT: usize = 1 << 24;

fn invalid(name: &'static str, reason: &'static str) -> KnoxError {
    KnoxError::InvalidParameter { name, reason }
}

fn validate(events: &[Event], p: &KnoxParams) -> Result<(), KnoxError> {
    if !(p.distance_band.is_finite() && p.distance_band > 0.0) {
        return Err(invalid(
            "distance_band",
            "must be a finite number greater than 0",
        ));
    }
    if !(1..=1000).contains(&p.distance_bands) {
        return Err(invalid("distance_bands", "must be between 1 and 1000"));
    }
    if p.time_band < 1 {
        return Err(invalid("time_band", "must be at least 1 day"));
    }
    if !(1..=1000).contains(&p.time_bands) {
        return Err(invalid("time_bands", "must be between 1 and 1000"));
    }
    if p.iterations < 2 {
        return Err(invalid(
            "iterations",
            "must be at least 2 (the observed arrangement counts as one iteration)",
        ));
    }
    if events.len() < 2 {
        return Err(KnoxError::TooFewEvents {
            found: events.len(),
        });
    }
    if u32::try_from(events.len()).is_err() {
        return Err(KnoxError::TooManyEvents {
            found: events.len(),
        });
    }
    for (row, e) in events.iter().enumerate() {
        if !e.x.is_finite() {
            return Err(KnoxError::NonFiniteCoordinate {
                row,
                coordinate: "x",
            });
        }
        if !e.y.is_finite() {
            return Err(KnoxError::NonFiniteCoordinate {
                row,
                coordinate: "y",
            });
        }
    }
    Ok(())
}

/// Runs the Knox test. `progress` is called on the calling thread with the number of
/// permutations completed so far (1 ..= `iterations − 1`).
pub fn knox(
    events: &[Event],
    p: &KnoxParams,
    progress: &dyn Fn(usize),
) -> Result<KnoxResult, KnoxError> {
    run(events, p, progress, STORED_PAIRS_LIMIT)
}

/// [`knox`] with the number of near pairs kept in memory as a parameter.
fn run(
    events: &[Event],
    p: &KnoxParams,
    progress: &dyn Fn(usize),
    stored_limit: usize,
) -> Result<KnoxResult, KnoxError> {
    validate(events, p)?;
    let dbands = DistanceBands {
        width: p.distance_band,
        count: p.distance_bands,
        metric: p.metric,
    };
    let tbands = TimeBands::new(p.time_band.unsigned_abs(), p.time_bands);
    let (rows, cols) = (p.distance_bands + 2, tbands.cols());
    let xs: Vec<f64> = events.iter().map(|e| e.x).collect();
    let ys: Vec<f64> = events.iter().map(|e| e.y).collect();
    let layout = Layout::new(&xs, &ys, p.distance_band * p.distance_bands as f64);
    let days: Vec<i64> = layout.order.iter().map(|&i| events[i].day).collect();

    // The near pairs, kept if they fit.
    let mut stored: Vec<RowPairs> = vec![RowPairs::default(); rows - 1];
    let mut near = 0usize;
    layout.for_each_near_pair(&dbands, |i, j, row| {
        near += 1;
        if near <= stored_limit {
            // Positions fit in u32: validated above.
            stored[row].push(i as u32, j as u32);
        } else if near == stored_limit + 1 {
            stored = vec![RowPairs::default(); rows - 1];
        }
    });
    let near_pairs = if near <= stored_limit {
        NearPairs::Stored(stored)
    } else {
        NearPairs::Streaming
    };
    let totals = sim::totals_by_col(&days, &tbands);
    let setup = Setup {
        layout: &layout,
        dbands,
        tbands,
        pairs: &near_pairs,
        days: &days,
        totals: &totals,
    };
    // The observed table is counted as a permutation's is, with the dates where they are.
    let observed = sim::observed(&setup);

    let permutations = p.iterations - 1;
    let threads = if p.threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        p.threads
    };
    let summary = sim::simulate(&setup, &observed, p.seed, permutations, threads, progress);

    let matrix = |f: &dyn Fn(usize) -> u64| shape(rows, cols, f);
    let matrix_f = |f: &dyn Fn(usize) -> f64| shape(rows, cols, f);
    let expected = |k: usize| summary.sum[k] as f64 / permutations as f64;
    let n = events.len() as u64;
    Ok(KnoxResult {
        distance_labels: distance_labels(p),
        time_labels: time_labels(p),
        distance_ranges: distance_ranges(p),
        time_ranges: time_ranges(p),
        observed: matrix(&|k| observed[k]),
        expected: matrix_f(&expected),
        knox_ratio: shape(rows, cols, |k| {
            let e = expected(k);
            (e > 0.0).then(|| observed[k] as f64 / e)
        }),
        p_value: matrix_f(&|k| (summary.at_least[k] + 1) as f64 / p.iterations as f64),
        sim_min: matrix(&|k| summary.min[k]),
        sim_max: matrix(&|k| summary.max[k]),
        params: p.clone(),
        events: events.len(),
        permutations,
        total_pairs: n * (n - 1) / 2,
    })
}

/// A row-major flat table as rows of columns.
fn shape<T>(rows: usize, cols: usize, f: impl Fn(usize) -> T) -> Vec<Vec<T>> {
    (0..rows)
        .map(|r| (0..cols).map(|c| f(r * cols + c)).collect())
        .collect()
}

/// A number as NRC prints band bounds: integers plainly, others with up to 3 decimals.
pub(crate) fn plain_number(v: f64, decimal_comma: bool) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    if decimal_comma {
        s.replace('.', ",")
    } else {
        s
    }
}

fn distance_labels(p: &KnoxParams) -> Vec<String> {
    let w = p.distance_band;
    let integral = w.fract() == 0.0;
    let mut labels = vec!["Same location".to_string()];
    for k in 1..=p.distance_bands {
        let (lo, hi) = ((k - 1) as f64 * w, k as f64 * w);
        // NRC writes [lo, hi) as "lo+1 to hi" for whole-number bands.
        let from = if integral { lo + 1.0 } else { lo };
        labels.push(format!(
            "{} to {}",
            plain_number(from, false),
            plain_number(hi, false)
        ));
    }
    labels.push(format!(
        "More than {}",
        plain_number(p.distance_bands as f64 * w, false)
    ));
    labels
}

fn time_labels(p: &KnoxParams) -> Vec<String> {
    let w = p.time_band;
    let mut labels: Vec<String> = (1..=p.time_bands as i64)
        .map(|k| {
            let from = if k == 1 {
                0
            } else {
                (k - 1).saturating_mul(w).saturating_add(1)
            };
            format!("{from} to {}", k.saturating_mul(w))
        })
        .collect();
    labels.push(format!(
        "More than {}",
        (p.time_bands as i64).saturating_mul(w)
    ));
    labels
}

fn distance_ranges(p: &KnoxParams) -> Vec<(f64, Option<f64>)> {
    let w = p.distance_band;
    let mut ranges = vec![(0.0, Some(0.0))];
    ranges.extend((1..=p.distance_bands).map(|k| ((k - 1) as f64 * w, Some(k as f64 * w))));
    ranges.push((p.distance_bands as f64 * w, None));
    ranges
}

fn time_ranges(p: &KnoxParams) -> Vec<(u64, Option<u64>)> {
    let w = p.time_band.unsigned_abs();
    let mut ranges: Vec<(u64, Option<u64>)> = (0..p.time_bands as u64)
        .map(|k| (k.saturating_mul(w), Some((k + 1).saturating_mul(w))))
        .collect();
    ranges.push(((p.time_bands as u64).saturating_mul(w), None));
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` seeded events on `columns` lines `step` metres apart, `height` metres tall, over
    /// 20,000 days.
    fn random_events(seed: u64, n: usize, columns: usize, step: f64, height: f64) -> Vec<Event> {
        let mut rng = crate::rng::Rng::new(seed);
        (0..n)
            .map(|_| Event {
                x: rng.below(columns) as f64 * step,
                y: rng.next_f64() * height,
                day: rng.below(20_000) as i64,
            })
            .collect()
    }

    #[test]
    fn streaming_pairs_give_the_same_answer_as_stored_pairs() {
        let events = random_events(5, 400, 50, 4.0, 150.0);
        // Short bands are tallied day by day; bands spanning more than 4096 days are divided.
        for (metric, time_band, time_bands) in [
            (Metric::Manhattan, 5, 4),
            (Metric::Euclidean, 5, 4),
            (Metric::Euclidean, 3_000, 2),
        ] {
            let p = KnoxParams {
                distance_band: 20.0,
                distance_bands: 3,
                time_band,
                time_bands,
                metric,
                iterations: 30,
                seed: 9,
                threads: 2,
            };
            let stored = run(&events, &p, &|_| {}, STORED_PAIRS_LIMIT);
            let streamed = run(&events, &p, &|_| {}, 100);
            assert!(stored.is_ok());
            assert_eq!(stored, streamed);
        }
    }

    #[test]
    fn dates_too_far_apart_for_the_compact_form_give_the_same_table() {
        // Days 0..20,000 fit the compact (u32) form; the same days times 2^20, with bands 2^20
        // times wider, span about 2·10^10 days and take the i64 form. Every gap scales alike, so
        // every cell must be the same.
        let events = random_events(8, 300, 40, 5.0, 120.0);
        let scale = 1i64 << 20;
        let wide: Vec<Event> = events
            .iter()
            .map(|e| Event {
                day: e.day * scale,
                ..*e
            })
            .collect();
        let p = KnoxParams {
            distance_band: 25.0,
            distance_bands: 2,
            time_band: 7,
            time_bands: 3,
            metric: Metric::Manhattan,
            iterations: 20,
            seed: 4,
            threads: 1,
        };
        let q = KnoxParams {
            time_band: 7 * scale,
            ..p.clone()
        };
        let (a, b) = (
            knox(&events, &p, &|_| {}).expect("compact"),
            knox(&wide, &q, &|_| {}).expect("wide"),
        );
        assert_eq!(a.observed, b.observed);
        assert_eq!(a.expected, b.expected);
        assert_eq!(a.p_value, b.p_value);
    }
}
