//! Counting pairs by time band, and the Monte-Carlo permutations of dates among locations.

use std::sync::mpsc;

use super::pairs::{DistanceBands, Layout};
use crate::rng::Rng;

/// How a pair's difference in days maps to a column of the Knox table.
#[derive(Clone, Debug)]
pub(super) struct TimeBands {
    width: u64,
    count: usize,
    /// `count · width`: differences from here on are "more than".
    span: u64,
}

/// Largest `span` for which pairs are tallied by exact difference first (one slot per day).
const HISTOGRAM_LIMIT: u64 = 1 << 12;

impl TimeBands {
    /// `width` ≥ 1 days, `count` ≤ 1000 bands (validated by the caller).
    pub fn new(width: u64, count: usize) -> TimeBands {
        TimeBands {
            width,
            count,
            span: width.saturating_mul(count as u64),
        }
    }

    /// Column k (0..count) for `[k·width, (k+1)·width)` days, `count` ("more than") beyond.
    #[inline]
    pub fn col(&self, dt: u64) -> usize {
        if dt >= self.span {
            self.count
        } else {
            (dt / self.width) as usize
        }
    }

    pub fn cols(&self) -> usize {
        self.count + 1
    }

    /// Slots of the per-day tally (differences `0..span`, then one for "more than"), when small.
    fn histogram_len(&self) -> Option<usize> {
        (self.span <= HISTOGRAM_LIMIT).then(|| self.span as usize + 1)
    }
}

/// The near pairs of one distance row, grouped by their first event: `js[heads[k-1].1 ..
/// heads[k].1]` are the partners of event `heads[k].0` (4 bytes a pair).
#[derive(Clone, Debug, Default)]
pub(super) struct RowPairs {
    heads: Vec<(u32, u32)>,
    js: Vec<u32>,
}

impl RowPairs {
    /// Adds pair `(i, j)`; pairs must arrive grouped by `i`.
    pub fn push(&mut self, i: u32, j: u32) {
        self.js.push(j);
        let end = self.js.len() as u32;
        match self.heads.last_mut() {
            Some((last, e)) if *last == i => *e = end,
            _ => self.heads.push((i, end)),
        }
    }

    /// Calls `f(day_i, day_j)` for every pair.
    #[inline]
    fn for_each<D: Day>(&self, days: &[D], mut f: impl FnMut(D, D)) {
        let mut start = 0usize;
        for &(i, end) in &self.heads {
            let di = days[i as usize];
            let end = end as usize;
            for &j in &self.js[start..end] {
                f(di, days[j as usize]);
            }
            start = end;
        }
    }
}

/// A day as the permutations handle it: `i64` as given, or `u32` counted from the earliest day
/// when the dates span less than 2³² days: half the memory, so that the dates of ten thousand
/// events stay in the fastest cache while the pairs look them up (1.8× faster on 10,000 events).
pub(super) trait Day: Copy + Send + Sync {
    /// Days between two dates.
    fn gap(self, other: Self) -> u64;
    /// Days between two dates, at most `cap`, as an index.
    fn gap_at_most(self, other: Self, cap: u32) -> usize;
}

impl Day for i64 {
    #[inline]
    fn gap(self, other: i64) -> u64 {
        self.abs_diff(other)
    }

    #[inline]
    fn gap_at_most(self, other: i64, cap: u32) -> usize {
        self.abs_diff(other).min(u64::from(cap)) as usize
    }
}

impl Day for u32 {
    #[inline]
    fn gap(self, other: u32) -> u64 {
        u64::from(self.abs_diff(other))
    }

    #[inline]
    fn gap_at_most(self, other: u32, cap: u32) -> usize {
        self.abs_diff(other).min(cap) as usize
    }
}

/// The dates counted from the earliest, when they fit in `u32`.
fn compact(days: &[i64]) -> Option<Vec<u32>> {
    let lo = days.iter().copied().min()?;
    days.iter()
        .map(|&d| d.checked_sub(lo).and_then(|g| u32::try_from(g).ok()))
        .collect()
}

/// The pairs closer than the largest distance band: stored once when they fit in memory,
/// otherwise found again on every permutation.
pub(super) enum NearPairs {
    /// One entry per near distance row.
    Stored(Vec<RowPairs>),
    Streaming,
}

/// Everything a permutation needs, shared read-only between worker threads.
pub(super) struct Setup<'a> {
    pub layout: &'a Layout,
    pub dbands: DistanceBands,
    pub tbands: TimeBands,
    pub pairs: &'a NearPairs,
    /// Dates in layout order.
    pub days: &'a [i64],
    /// Pairs by time column over all events (invariant under permuting dates).
    pub totals: &'a [u64],
    /// The observed table, flattened row-major over `rows × cols`.
    pub observed: &'a [u64],
    pub seed: u64,
}

impl Setup<'_> {
    fn rows(&self) -> usize {
        self.dbands.count + 2
    }

    /// Fills `counts` (rows × cols, row-major) for one assignment of dates to locations: near rows
    /// from the pairs, the "more than" row as all pairs minus the near ones. `tally` is scratch.
    pub fn count<D: Day>(&self, days: &[D], counts: &mut [u64], tally: &mut Vec<u64>) {
        counts.fill(0);
        let cols = self.tbands.cols();
        let tb = &self.tbands;
        match (self.pairs, tb.histogram_len()) {
            (NearPairs::Stored(by_row), Some(len)) => {
                // Tally exact differences first (no division per pair), then fold into columns.
                let top_dt = (len - 1) as u32; // at most HISTOGRAM_LIMIT
                for (row, pairs) in by_row.iter().enumerate() {
                    tally.clear();
                    tally.resize(len, 0);
                    pairs.for_each(days, |a, b| {
                        tally[a.gap_at_most(b, top_dt)] += 1;
                    });
                    let line = &mut counts[row * cols..(row + 1) * cols];
                    for (dt, &n) in tally.iter().enumerate() {
                        line[tb.col(dt as u64)] += n;
                    }
                }
            }
            (NearPairs::Stored(by_row), None) => {
                for (row, pairs) in by_row.iter().enumerate() {
                    let line = &mut counts[row * cols..(row + 1) * cols];
                    pairs.for_each(days, |a, b| line[tb.col(a.gap(b))] += 1);
                }
            }
            (NearPairs::Streaming, _) => {
                self.layout.for_each_near_pair(&self.dbands, |i, j, row| {
                    counts[row * cols + tb.col(days[i].gap(days[j]))] += 1;
                });
            }
        }
        let last = (self.rows() - 1) * cols;
        for c in 0..cols {
            let near: u64 = (0..self.rows() - 1).map(|r| counts[r * cols + c]).sum();
            counts[last + c] = self.totals[c].saturating_sub(near);
        }
    }
}

/// Number of pairs in each time column among all events, by sorting the dates once.
pub(super) fn totals_by_col(days: &[i64], tb: &TimeBands) -> Vec<u64> {
    let mut sorted = days.to_vec();
    sorted.sort_unstable();
    let n = sorted.len() as u64;
    let all = n * n.saturating_sub(1) / 2;
    // below[k] = pairs whose difference is under k·width.
    let mut below = vec![0u64; tb.count + 1];
    for (k, slot) in below.iter_mut().enumerate().skip(1) {
        let limit = tb.width.saturating_mul(k as u64);
        let mut hi = 0usize;
        let mut pairs = 0u64;
        for (i, &d) in sorted.iter().enumerate() {
            hi = hi.max(i + 1);
            while hi < sorted.len() && sorted[hi].abs_diff(d) < limit {
                hi += 1;
            }
            pairs += (hi - i - 1) as u64;
        }
        *slot = pairs;
    }
    let mut totals: Vec<u64> = (0..tb.count).map(|k| below[k + 1] - below[k]).collect();
    totals.push(all - below[tb.count]);
    totals
}

/// Running summaries of the simulated counts, per cell.
#[derive(Clone, Debug)]
pub(super) struct Summary {
    pub sum: Vec<u128>,
    pub min: Vec<u64>,
    pub max: Vec<u64>,
    /// Simulations whose count was at least the observed one.
    pub at_least: Vec<u64>,
}

impl Summary {
    fn new(cells: usize) -> Summary {
        Summary {
            sum: vec![0; cells],
            min: vec![u64::MAX; cells],
            max: vec![0; cells],
            at_least: vec![0; cells],
        }
    }

    fn add(&mut self, counts: &[u64], observed: &[u64]) {
        for (k, &c) in counts.iter().enumerate() {
            self.sum[k] += u128::from(c);
            self.min[k] = self.min[k].min(c);
            self.max[k] = self.max[k].max(c);
            self.at_least[k] += u64::from(c >= observed[k]);
        }
    }

    fn merge(&mut self, other: &Summary) {
        for k in 0..self.sum.len() {
            self.sum[k] += other.sum[k];
            self.min[k] = self.min[k].min(other.min[k]);
            self.max[k] = self.max[k].max(other.max[k]);
            self.at_least[k] += other.at_least[k];
        }
    }
}

/// The seed of simulation `k`: independent of how simulations are split between threads.
fn simulation_seed(seed: u64, k: usize) -> u64 {
    seed ^ (k as u64)
        .wrapping_add(1)
        .wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// Runs simulations `range`, each shuffling the dates among the locations afresh.
fn run_range(setup: &Setup<'_>, range: std::ops::Range<usize>, tick: &mpsc::Sender<()>) -> Summary {
    match compact(setup.days) {
        Some(small) => run_on(setup, &small, range, tick),
        None => run_on(setup, setup.days, range, tick),
    }
}

/// [`run_range`] on the dates in the form `base` holds them (a shuffle is the same whatever the
/// form, so the answer is too).
fn run_on<D: Day>(
    setup: &Setup<'_>,
    base: &[D],
    range: std::ops::Range<usize>,
    tick: &mpsc::Sender<()>,
) -> Summary {
    let cells = setup.observed.len();
    let mut summary = Summary::new(cells);
    let mut days = base.to_vec();
    let mut counts = vec![0u64; cells];
    let mut tally = Vec::new();
    for k in range {
        days.copy_from_slice(base);
        Rng::new(simulation_seed(setup.seed, k)).shuffle(&mut days);
        setup.count(&days, &mut counts, &mut tally);
        summary.add(&counts, setup.observed);
        // The receiver lives until every worker is done; a send error cannot happen.
        let _ = tick.send(());
    }
    summary
}

/// Runs `simulations` permutations on `threads` threads, reporting progress on the calling thread.
pub(super) fn simulate(
    setup: &Setup<'_>,
    simulations: usize,
    threads: usize,
    progress: &dyn Fn(usize),
) -> Summary {
    let threads = threads.clamp(1, simulations.clamp(1, 64));
    let per = simulations.div_ceil(threads);
    let (tx, rx) = mpsc::channel::<()>();
    let mut total = Summary::new(setup.observed.len());
    let mut done = 0usize;
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        let mut inline = Vec::new();
        for t in 0..threads {
            let range = (t * per).min(simulations)..((t + 1) * per).min(simulations);
            let tx = tx.clone();
            let worker = std::thread::Builder::new()
                .name(format!("knox-{t}"))
                .spawn_scoped(scope, {
                    let range = range.clone();
                    move || run_range(setup, range, &tx)
                });
            match worker {
                Ok(handle) => handles.push(handle),
                // No thread to be had: this share runs on the calling thread below.
                Err(_) => inline.push(range),
            }
        }
        drop(tx);
        for () in rx.iter() {
            done += 1;
            progress(done);
        }
        for handle in handles {
            match handle.join() {
                Ok(part) => total.merge(&part),
                // A worker cannot panic on validated input; should it, re-raise it here.
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        for range in inline {
            let (tx, rx) = mpsc::channel::<()>();
            total.merge(&run_range(setup, range, &tx));
            drop(tx);
            for () in rx.iter() {
                done += 1;
                progress(done);
            }
        }
    });
    total
}
