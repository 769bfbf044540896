//! How well a hot-spot map anticipated later events: the Predictive Accuracy Index
//! PAI = (n/N)/(a/A) and the Predictive Efficiency Index PEI* = n/n* at a stated share of area.
//!
//! # Rules
//!
//! * The map is a list of equal-area cells with a score each (any hot-spot surface: density,
//!   Gi* z, forecast count) and the number of later events in each cell — bin the events with
//!   the same grid the scores came from (`crate::grid`); events outside the cells are not part
//!   of N. Leave cells outside the study area out of both lists.
//! * The selection is the `k = ⌊share·M⌋` highest-scoring of the `M` cells (a/A = k/M, at most
//!   the share asked for); a share smaller than one cell is an error.
//! * Ties in score are broken by cell index, lower first, so the answer is reproducible; the
//!   result also gives how many events the selection would capture at worst and at best under
//!   any other tie-break, and how many tied cells were left out. −0 and +0 are the same score;
//!   NaN is refused.
//! * n* is the most events any `k` cells hold (the `k` cells with the most later events), so
//!   PEI* = n/n* is in [0, 1]. Chainey's PEI (PAI over the largest PAI possible on the same area)
//!   is algebraically the same number here, so only PEI* is given.

use std::fmt;

/// Why the evaluation could not run.
#[derive(Clone, Debug, PartialEq)]
pub enum EvaluateError {
    /// No cells.
    NoCells,
    /// The score and count lists differ in length.
    LengthMismatch { scores: usize, counts: usize },
    /// The cell at index `cell` has a NaN score.
    NanScore { cell: usize },
    InvalidParameter {
        name: &'static str,
        reason: &'static str,
    },
}

impl fmt::Display for EvaluateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvaluateError::NoCells => write!(f, "the hot-spot map has no cells"),
            EvaluateError::LengthMismatch { scores, counts } => write!(
                f,
                "{scores} cell scores but {counts} cell counts of later events"
            ),
            EvaluateError::NanScore { cell } => write!(f, "cell {cell} has no numeric score (NaN)"),
            EvaluateError::InvalidParameter { name, reason } => {
                write!(f, "parameter {name}: {reason}")
            }
        }
    }
}

impl std::error::Error for EvaluateError {}

/// PAI and PEI* of one selection.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// The share of area asked for.
    pub share: f64,
    /// Cells selected (k) and in the map (M).
    pub cells: usize,
    pub total_cells: usize,
    /// a/A = k/M.
    pub area_share: f64,
    /// The selected cells, highest score first.
    pub selected: Vec<usize>,
    /// n: later events in the selected cells.
    pub captured: u64,
    /// Least and most events the selection could hold under any tie-break.
    pub captured_range: (u64, u64),
    /// Cells with the same score as the last one selected that were left out.
    pub tied_left_out: usize,
    /// N: later events in all cells.
    pub total_events: u64,
    /// n/N; `None` when N is 0.
    pub hit_rate: Option<f64>,
    /// (n/N)/(a/A); `None` when N is 0.
    pub pai: Option<f64>,
    /// n*: the most events any k cells hold.
    pub best_possible: u64,
    /// n/n*; `None` when n* is 0.
    pub pei_star: Option<f64>,
}

/// Evaluates the top `share` of the cells (0 < share ≤ 1, e.g. 0.01–0.05).
pub fn evaluate<C: Copy + Into<u64>>(
    scores: &[f64],
    counts: &[C],
    share: f64,
) -> Result<Evaluation, EvaluateError> {
    let mut all = evaluate_shares(scores, counts, &[share])?;
    all.pop().ok_or(EvaluateError::NoCells)
}

/// Evaluates several shares of area at once (ranking the cells once).
pub fn evaluate_shares<C: Copy + Into<u64>>(
    scores: &[f64],
    counts: &[C],
    shares: &[f64],
) -> Result<Vec<Evaluation>, EvaluateError> {
    if scores.len() != counts.len() {
        return Err(EvaluateError::LengthMismatch {
            scores: scores.len(),
            counts: counts.len(),
        });
    }
    if scores.is_empty() {
        return Err(EvaluateError::NoCells);
    }
    if let Some(cell) = scores.iter().position(|s| s.is_nan()) {
        return Err(EvaluateError::NanScore { cell });
    }
    let m = scores.len();
    let sizes: Vec<usize> = shares
        .iter()
        .map(|&share| {
            if !(share > 0.0 && share <= 1.0) {
                return Err(EvaluateError::InvalidParameter {
                    name: "share",
                    reason: "must be greater than 0 and at most 1",
                });
            }
            // The epsilon absorbs products like 0.29 · 100 = 28.999999999999996.
            match (share * m as f64 + 1e-6).floor() as usize {
                0 => Err(EvaluateError::InvalidParameter {
                    name: "share",
                    reason: "covers less than one cell of the map",
                }),
                k => Ok(k.min(m)),
            }
        })
        .collect::<Result<_, _>>()?;

    // Adding 0.0 turns −0 into +0, so the two compare equal below.
    let score = |i: usize| scores[i] + 0.0;
    let count = |i: usize| -> u64 { counts[i].into() };
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| score(b).total_cmp(&score(a)).then(a.cmp(&b)));
    let mut best: Vec<u64> = (0..m).map(count).collect();
    best.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = best.iter().sum();

    let results = shares
        .iter()
        .zip(sizes)
        .map(|(&share, k)| {
            let selected: Vec<usize> = order[..k].to_vec();
            let captured: u64 = selected.iter().map(|&i| count(i)).sum();
            // The cells tied with the last one selected: which of them go in is a convention.
            let cut = score(order[k - 1]);
            let first_tied = order.partition_point(|&i| score(i) > cut);
            let end_tied = order.partition_point(|&i| score(i) >= cut);
            let above: u64 = order[..first_tied].iter().map(|&i| count(i)).sum();
            let mut tied: Vec<u64> = order[first_tied..end_tied]
                .iter()
                .map(|&i| count(i))
                .collect();
            tied.sort_unstable();
            let slots = k - first_tied;
            let least = above + tied[..slots].iter().sum::<u64>();
            let most = above + tied[tied.len() - slots..].iter().sum::<u64>();
            let best_possible: u64 = best[..k].iter().sum();
            let area_share = k as f64 / m as f64;
            let hit_rate = (total > 0).then(|| captured as f64 / total as f64);
            Evaluation {
                share,
                cells: k,
                total_cells: m,
                area_share,
                selected,
                captured,
                captured_range: (least, most),
                tied_left_out: end_tied - k,
                total_events: total,
                hit_rate,
                pai: hit_rate.map(|h| h / area_share),
                best_possible,
                pei_star: (best_possible > 0).then(|| captured as f64 / best_possible as f64),
            }
        })
        .collect();
    Ok(results)
}
