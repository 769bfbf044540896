//! Local indicators of spatial association on grid cells: Getis-Ord Gi* and Local Moran's I,
//! with analytical moments, seeded conditional-permutation pseudo p-values, and classes.
//! The definitions are those of PySAL esda (`G_Local(star=True, transform="B")` and
//! `Moran_Local(transformation="r")`), so the values agree with esda's on the same cells and
//! neighbours.
//!
//! **Gi\*** (binary weights, the cell itself included with weight 1): for cell i with `k_i`
//! neighbours, `c = k_i + 1`, `G_i = (y_i + Σ_{j∈N(i)} y_j) / Σ y`, `E = c/n`,
//! `V = c(n−c)/(n−1) / n² · s²/ȳ²` with `ȳ = Σy/n` and `s² = Σy²/n − ȳ²`, and `z = (G−E)/√V`
//! (esda's `Gs`, `EGs`, `VGs`, `Zs`); `p_norm = P(Z > |z|)` (esda's `p_norm`, one-sided).
//!
//! **Local Moran's I** (row-standardised weights `1/k_i`): `z = (y − ȳ)/σ` with the population
//! σ, `lag_i = Σ_{j∈N(i)} z_j / k_i`, `I_i = (n−1)·z_i·lag_i / Σz²` (esda's `Is`). Analytical
//! moments as esda computes them (Sokal et al. 1998): under total randomisation
//! `EI = −w_i/(n−1)` and `VI = w_i2(n−b2)/(n−1) + (w_i²−w_i2)(2b2−n)/((n−1)(n−2)) − (w_i/(n−1))²`
//! with `w_i = 1`, `w_i2 = 1/k_i`, `b2 = m4/m2²`; under conditional randomisation `EIc`, `VIc`
//! (esda's eqs. A7–A8). esda gives no analytical z for Local Moran (its `z_sim` comes from the
//! permutations); ours is `z = (I − EI)/√VI`. Quadrants as esda's `q`: HH when `z_i > 0` and
//! `lag_i > 0`, LH when `z_i ≤ 0 < lag_i`, LL when both `≤ 0`, HL when `z_i > 0 ≥ lag_i`.
//!
//! **Permutation p-values** (esda's `p_sim`, its default "directed" alternative): for each cell
//! and each of P permutations, the cell keeps its value and `k_i` others are drawn without
//! replacement from the other n−1 cells; `larger` is the number of permuted statistics ≥ the
//! observed, folded to `min(larger, P − larger)`, and `p = (larger + 1)/(P + 1)`. Both
//! statistics use the same draws. Each cell has its own generator seeded from `(seed, cell)`, so
//! the result is the same for any number of threads. Ties are exact for integer counts. esda's
//! folding counts ties only as "larger", and we keep that: an empty cell whose neighbours are all
//! empty has every permuted Gi* ≥ its own, so it gets p = 1/(P+1) as in esda (its analytical z is
//! what classes it). One deliberate difference: where `z_i = 0` exactly (the cell equals the
//! mean) every permuted Local Moran is 0 too, which esda's folding would call the most extreme
//! (p = 1/(P+1)); here that cell gets p = 1.
//!
//! Counts (few distinct values) are read during the draws through 1- or 2-byte codes, which
//! keeps them in cache; 100,000 cells × 999 permutations take seconds (tests/lisa_bench.rs).

use crate::error::Error;
use crate::fdr::normal_sf;
use crate::rng::Rng;
use crate::weights::Weights;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use crate::fdr::{GiClass, gi_classes, moran_classes, moran_label};
pub use crate::grid::{HotspotMap, HotspotParams, HotspotRow, hotspots, hotspots_with};

/// Gi* per cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GiStar {
    pub g: Vec<f64>,
    pub expected: Vec<f64>,
    pub variance: Vec<f64>,
    pub z: Vec<f64>,
    /// One-sided normal p-value of |z|, as esda's `p_norm`.
    pub p_norm: Vec<f64>,
}

/// Moran scatter-plot quadrant of a cell (value, spatial lag), relative to the mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quadrant {
    HH,
    LH,
    LL,
    HL,
}

/// Local Moran's I per cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LocalMoran {
    pub i: Vec<f64>,
    pub quadrant: Vec<Quadrant>,
    /// Total-randomisation expectation and variance (esda's `EI`, `VI`).
    pub ei: Vec<f64>,
    pub vi: Vec<f64>,
    /// Conditional-randomisation expectation and variance (esda's `EIc`, `VIc`).
    pub eic: Vec<f64>,
    pub vic: Vec<f64>,
    /// `(I − EI)/√VI`.
    pub z: Vec<f64>,
}

/// Checks values against weights; returns n.
fn check(values: &[f64], w: &Weights) -> Result<usize, Error> {
    let n = values.len();
    if n == 0 {
        return Err(Error::Empty { what: "value" });
    }
    if let Some(index) = values.iter().position(|v| !v.is_finite()) {
        return Err(Error::NonFinite {
            what: "value",
            index,
        });
    }
    if w.n() != n {
        return Err(Error::LengthMismatch {
            what: "weights (cells)",
            expected: n,
            got: w.n(),
        });
    }
    if n < 3 {
        return Err(Error::TooFewCells { n, min: 3 });
    }
    if let Some(i) = w.first_island() {
        return Err(Error::Degenerate(format!(
            "cell {i} has no neighbours: local statistics need every cell to have one (use a longer distance band)"
        )));
    }
    let first = values[0];
    if values.iter().all(|&v| v == first) {
        return Err(Error::Degenerate(
            "every cell has the same value, so Gi* and Local Moran's I are undefined".to_string(),
        ));
    }
    Ok(n)
}

/// Getis-Ord Gi* with its analytical moments and z-scores.
pub fn gi_star(values: &[f64], w: &Weights) -> Result<GiStar, Error> {
    let n = check(values, w)?;
    let nf = n as f64;
    let sum: f64 = values.iter().sum();
    let mean = sum / nf;
    let var = values.iter().map(|v| v * v).sum::<f64>() / nf - mean * mean;
    if sum == 0.0 || var.is_nan() || var <= 0.0 {
        return Err(Error::Degenerate(
            "Gi* needs values with a non-zero sum and some variation".to_string(),
        ));
    }
    let mut out = GiStar::default();
    for (i, &yi) in values.iter().enumerate() {
        let c = (w.cardinality(i) + 1) as f64;
        let g = (yi + w.lag_sum(i, values)) / sum;
        let e = c / nf;
        let v = c * (nf - c) / (nf - 1.0) / (nf * nf) * var / (mean * mean);
        if v.is_nan() || v <= 0.0 {
            return Err(Error::Degenerate(format!(
                "the neighbourhood of cell {i} covers every cell, so its Gi* has no variance (use a shorter distance band)"
            )));
        }
        let z = (g - e) / v.sqrt();
        out.g.push(g);
        out.expected.push(e);
        out.variance.push(v);
        out.z.push(z);
        out.p_norm.push(normal_sf(z.abs()));
    }
    Ok(out)
}

/// Standardised values `(y − ȳ)/σ` (population σ), as esda's `Moran_Local.z`.
fn standardise(values: &[f64]) -> Vec<f64> {
    let nf = values.len() as f64;
    let mean = values.iter().sum::<f64>() / nf;
    let sd = (values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / nf).sqrt();
    values.iter().map(|v| (v - mean) / sd).collect()
}

/// Local Moran's I with its analytical moments, z-scores and quadrants.
pub fn local_moran(values: &[f64], w: &Weights) -> Result<LocalMoran, Error> {
    let n = check(values, w)?;
    let nf = n as f64;
    let z = standardise(values);
    let den: f64 = z.iter().map(|v| v * v).sum();
    let m2 = den / nf;
    let m4 = z.iter().map(|v| v.powi(4)).sum::<f64>() / nf;
    let b2 = m4 / (m2 * m2);
    let n1 = nf - 1.0;
    let mut out = LocalMoran::default();
    for (i, &zi) in z.iter().enumerate() {
        let wi2 = w.row_standardised(i);
        let lag = w.lag_sum(i, &z) * wi2;
        let ii = n1 * zi * lag / den;
        let ei = -1.0 / n1;
        let vi = wi2 * (nf - b2) / n1 + (1.0 - wi2) * (2.0 * b2 - nf) / (n1 * (nf - 2.0)) - ei * ei;
        if !(vi > 0.0 && vi.is_finite()) {
            return Err(Error::Degenerate(format!(
                "the analytical variance of Local Moran's I at cell {i} is not positive ({vi})"
            )));
        }
        out.i.push(ii);
        out.quadrant.push(match (zi > 0.0, lag > 0.0) {
            (true, true) => Quadrant::HH,
            (false, true) => Quadrant::LH,
            (false, false) => Quadrant::LL,
            (true, false) => Quadrant::HL,
        });
        out.ei.push(ei);
        out.vi.push(vi);
        out.eic.push(-(zi * zi) / (n1 * m2));
        out.vic
            .push((zi / m2).powi(2) * (nf / (nf - 2.0)) * (wi2 - 1.0 / n1) * (m2 - zi * zi / n1));
        out.z.push((ii - ei) / vi.sqrt());
    }
    Ok(out)
}

/// Pseudo p-values from conditional permutation, for both statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct PermutationP {
    pub gi: Vec<f64>,
    pub moran: Vec<f64>,
}

/// Read access to the cell values by index. Permutation draws read values at random indices,
/// which is memory-bound on large grids; counts take few distinct values, so they are read
/// through a small table by 1- or 2-byte codes that stay in the processor's cache.
trait Lookup: Sync {
    fn get(&self, j: usize) -> f64;
}

impl Lookup for [f64] {
    #[inline]
    fn get(&self, j: usize) -> f64 {
        self[j]
    }
}

struct Coded<T> {
    codes: Vec<T>,
    table: Vec<f64>,
}

impl<T: Copy + Into<usize> + Sync> Lookup for Coded<T> {
    #[inline]
    fn get(&self, j: usize) -> f64 {
        self.table[self.codes[j].into()]
    }
}

/// The distinct values (sorted) and each value's position among them.
fn encode(values: &[f64]) -> (Vec<f64>, Vec<usize>) {
    let mut table = values.to_vec();
    table.sort_by(f64::total_cmp);
    table.dedup();
    let codes = values
        .iter()
        .map(|v| table.partition_point(|t| t < v))
        .collect();
    (table, codes)
}

/// Per-thread buffers for drawing neighbours.
#[derive(Default)]
struct Sampler {
    pool: Vec<u32>,
    swaps: Vec<usize>,
}

/// Whether two of `p[..k]` are equal. Up to 8 slots: all N×N pairs compared, with distinct
/// sentinels in the unused slots, which vectorises and has no data-dependent branch. More: each
/// index sets a bit of a 4096-bit hash set, and only a clash (rare) calls for the exact check.
#[inline]
fn has_repeat<const N: usize>(p: &mut [u32; N], k: usize) -> bool {
    if N <= 8 {
        for (t, slot) in p.iter_mut().enumerate().skip(k) {
            *slot = u32::MAX - t as u32;
        }
        let mut equal = 0u32;
        for a in p.iter() {
            for b in p.iter() {
                equal += u32::from(a == b);
            }
        }
        return equal != N as u32;
    }
    let mut bits = [0u64; 64];
    let mut clash = false;
    for &j in &p[..k] {
        let h = (j.wrapping_mul(0x9E37_79B9) >> 20) as usize;
        clash |= (bits[h >> 6] >> (h & 63)) & 1 == 1;
        bits[h >> 6] |= 1 << (h & 63);
    }
    clash && (1..k).any(|a| p[..a].contains(&p[a]))
}

/// Sum of the values of `k ≤ N` cells drawn uniformly without replacement from the cells but
/// `i`: k indices drawn uniformly (two per 64-bit number, Lemire's multiply-shift rejecting the
/// biased low values), all drawn again if any two coincide, which is uniform over k-subsets.
#[inline]
fn draw_small<const N: usize, L: Lookup + ?Sized>(
    rng: &mut Rng,
    values: &L,
    n: usize,
    i: usize,
    k: usize,
) -> f64 {
    let others = (n - 1) as u32;
    let threshold = others.wrapping_neg() % others;
    let mut p = [0u32; N];
    loop {
        let mut t = 0;
        while t < k {
            let v = rng.next_u64();
            let m1 = (v & 0xFFFF_FFFF) * u64::from(others);
            let m2 = (v >> 32) * u64::from(others);
            if (m1 as u32) < threshold || (m2 as u32) < threshold {
                continue;
            }
            p[t] = (m1 >> 32) as u32;
            if t + 1 < k {
                p[t + 1] = (m2 >> 32) as u32;
            }
            t += 2;
        }
        if !has_repeat::<N>(&mut p, k) {
            break;
        }
    }
    // Read all values first (independent loads), then add them up.
    let mut v = [0.0f64; N];
    for (x, &j) in v.iter_mut().zip(&p[..k]) {
        *x = values.get(j as usize + usize::from(j as usize >= i));
    }
    v.iter().sum()
}

impl Sampler {
    /// Sum of the values of `k` cells drawn without replacement from the `n` cells but `i`:
    /// [`draw_small`] where a repeat among k uniform draws is unlikely (k ≤ 32 and
    /// k(k−1)/2 ≤ (n−1)/8), otherwise a partial Fisher-Yates shuffle of an index pool, undone
    /// afterwards.
    #[inline]
    fn draw_sum<L: Lookup + ?Sized>(
        &mut self,
        rng: &mut Rng,
        values: &L,
        n: usize,
        i: usize,
        k: usize,
    ) -> f64 {
        if k * k.saturating_sub(1) / 2 <= (n - 1) / 8 {
            match k {
                0 => return 0.0,
                1..=4 => return draw_small::<4, L>(rng, values, n, i, k),
                5..=8 => return draw_small::<8, L>(rng, values, n, i, k),
                9..=16 => return draw_small::<16, L>(rng, values, n, i, k),
                17..=32 => return draw_small::<32, L>(rng, values, n, i, k),
                _ => {}
            }
        }
        let others = n - 1;
        let map = |j: u32| j as usize + usize::from(j as usize >= i);
        if self.pool.len() != others {
            self.pool = (0..others as u32).collect();
        }
        let mut s = 0.0;
        self.swaps.clear();
        for t in 0..k {
            let j = t + rng.below(others - t);
            self.pool.swap(t, j);
            self.swaps.push(j);
            s += values.get(map(self.pool[t]));
        }
        for (t, &j) in self.swaps.iter().enumerate().rev() {
            self.pool.swap(t, j);
        }
        s
    }
}

fn fold_p(larger: usize, permutations: usize) -> f64 {
    let l = larger.min(permutations - larger);
    (l + 1) as f64 / (permutations + 1) as f64
}

/// Seeded conditional-permutation p-values for Gi* and Local Moran's I (see the module
/// documentation). `progress(done, total)` is called on the calling thread as cells finish.
pub fn permutation_p(
    values: &[f64],
    w: &Weights,
    permutations: usize,
    seed: u64,
    threads: usize,
    progress: &dyn Fn(usize, usize),
) -> Result<PermutationP, Error> {
    let n = check(values, w)?;
    if permutations == 0 {
        return Err(Error::invalid("permutations", 0.0, "must be at least 1"));
    }
    let (table, codes) = encode(values);
    let out = if table.len() <= 1 << 8 {
        let coded = Coded {
            codes: codes.iter().map(|&c| c as u8).collect(),
            table,
        };
        permute(&coded, values, w, permutations, seed, threads, progress)
    } else if table.len() <= 1 << 16 {
        let coded = Coded {
            codes: codes.iter().map(|&c| c as u16).collect(),
            table,
        };
        permute(&coded, values, w, permutations, seed, threads, progress)
    } else {
        permute(values, values, w, permutations, seed, threads, progress)
    };
    progress(n, n);
    Ok(out)
}

fn permute<L: Lookup + ?Sized>(
    lookup: &L,
    values: &[f64],
    w: &Weights,
    permutations: usize,
    seed: u64,
    threads: usize,
    progress: &dyn Fn(usize, usize),
) -> PermutationP {
    let n = values.len();
    let sum: f64 = values.iter().sum();
    let mean = sum / n as f64;
    let mut out = PermutationP {
        gi: vec![0.0; n],
        moran: vec![0.0; n],
    };
    const CHUNK: usize = 512;
    let chunks: Vec<(usize, &mut [f64], &mut [f64])> = out
        .gi
        .chunks_mut(CHUNK)
        .zip(out.moran.chunks_mut(CHUNK))
        .enumerate()
        .map(|(c, (g, m))| (c * CHUNK, g, m))
        .collect();
    let queue = Mutex::new(chunks.into_iter());
    let done = AtomicUsize::new(0);
    let work = |sampler: &mut Sampler| {
        let next = queue.lock().ok().and_then(|mut q| q.next());
        let Some((start, gp, mp)) = next else {
            return false;
        };
        for (off, (gpi, mpi)) in gp.iter_mut().zip(mp.iter_mut()).enumerate() {
            let i = start + off;
            let k = w.cardinality(i);
            let observed = w.lag_sum(i, values);
            let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
            let (mut ge, mut le) = (0usize, 0usize);
            for _ in 0..permutations {
                let s = sampler.draw_sum(&mut rng, lookup, n, i, k);
                ge += usize::from(s >= observed);
                le += usize::from(s <= observed);
            }
            *gpi = fold_p(if sum > 0.0 { ge } else { le }, permutations);
            let zi = values[i] - mean;
            *mpi = if zi > 0.0 {
                fold_p(ge, permutations)
            } else if zi < 0.0 {
                fold_p(le, permutations)
            } else {
                1.0
            };
        }
        done.fetch_add(gp.len(), Ordering::Relaxed);
        true
    };
    let nthreads = if threads > 0 {
        threads
    } else {
        std::thread::available_parallelism().map_or(1, |t| t.get())
    };
    progress(0, n);
    std::thread::scope(|scope| {
        for _ in 1..nthreads {
            scope.spawn(|| {
                let mut sampler = Sampler::default();
                while work(&mut sampler) {}
            });
        }
        let mut sampler = Sampler::default();
        while work(&mut sampler) {
            progress(done.load(Ordering::Relaxed), n);
        }
    });
    out
}
