//! Kernel density against scikit-learn (Gaussian) and a direct numpy sum (quartic) on the same
//! points, grid and bandwidth (fixtures/kde/, made by fixtures/kde/make_fixture.py).

use veghe_analytics::grid::Grid;
use veghe_analytics::kde::{self, BandwidthSource, KdeOptions, Kernel};

mod common;
use common::Table;

struct Fixture {
    grid: Grid,
    h: f64,
    rule_h: f64,
    rule_h_weighted: f64,
    points: Vec<(f64, f64)>,
    weights: Vec<f64>,
    density: Table,
}

fn fixture() -> Fixture {
    let g = Table::read("kde", "grid.csv");
    let v = |n: &str| g.col(n)[0];
    let grid = Grid::new(
        v("origin_x"),
        v("origin_y"),
        v("cell"),
        v("cols") as usize,
        v("rows") as usize,
    )
    .expect("grid");
    let p = Table::read("kde", "points.csv");
    Fixture {
        grid,
        h: v("bandwidth"),
        rule_h: v("rule_h"),
        rule_h_weighted: v("rule_h_weighted"),
        points: p.col("x").into_iter().zip(p.col("y")).collect(),
        weights: p.col("weight"),
        density: Table::read("kde", "density.csv"),
    }
}

/// Largest relative difference over cells whose reference density is at least `floor` times the
/// largest; and the largest absolute difference over all cells, relative to the largest density.
fn compare(ours: &[f64], reference: &[f64], floor: f64) -> (f64, f64) {
    let max = reference.iter().cloned().fold(0.0, f64::max);
    let (mut rel, mut abs) = (0.0f64, 0.0f64);
    for (a, b) in ours.iter().zip(reference) {
        abs = abs.max((a - b).abs() / max);
        if *b >= floor * max {
            rel = rel.max((a - b).abs() / b);
        }
    }
    (rel, abs)
}

#[test]
fn grid_density_matches_sklearn_and_numpy_within_1e_3_relative() {
    let f = fixture();
    for (kernel, weighted, column) in [
        (Kernel::Gaussian, false, "gaussian"),
        (Kernel::Gaussian, true, "gaussian_weighted"),
        (Kernel::Quartic, false, "quartic"),
        (Kernel::Quartic, true, "quartic_weighted"),
    ] {
        let opts = KdeOptions {
            kernel,
            bandwidth: Some(f.h),
            ..KdeOptions::default()
        };
        let w = weighted.then_some(f.weights.as_slice());
        let d = kde::kde_grid(&f.points, w, &f.grid, &opts).expect("kde");
        assert_eq!(d.source, BandwidthSource::Given);
        let reference = f.density.col(column);
        assert_eq!(d.values.len(), reference.len());
        // Every cell with at least 1e-6 of the peak density (the truncation at 5 h leaves out
        // under 3.7e-6 of one event's peak), and the rest in absolute terms.
        let (rel, abs) = compare(&d.values, &reference, 1e-6);
        println!("{column:18} max relative difference {rel:.2e}, max absolute / peak {abs:.2e}");
        assert!(rel < 1e-3, "{column}: relative difference {rel}");
        assert!(
            abs < 1e-6,
            "{column}: absolute difference {abs} of the peak"
        );
        // The same density at arbitrary query points (here, the cell centres).
        let at = kde::kde_at(&f.points, w, &f.grid.centres(), &opts).expect("kde_at");
        let (rel_at, _) = compare(&at.values, &d.values, 1e-6);
        assert!(
            rel_at < 1e-9,
            "{column}: kde_at differs from kde_grid by {rel_at}"
        );
    }
}

#[test]
fn bandwidth_rule_matches_scipy_scott() {
    let f = fixture();
    let h = kde::normal_reference_bandwidth(&f.points, None).expect("rule");
    let hw = kde::normal_reference_bandwidth(&f.points, Some(&f.weights)).expect("rule");
    println!(
        "rule h = {h} (scipy {}), weighted {hw} (scipy {})",
        f.rule_h, f.rule_h_weighted
    );
    assert!((h / f.rule_h - 1.0).abs() < 1e-9);
    assert!((hw / f.rule_h_weighted - 1.0).abs() < 1e-9);
    let q = kde::default_bandwidth(&f.points, None, Kernel::Quartic).expect("rule");
    assert!((q / (8f64.sqrt() * f.rule_h) - 1.0).abs() < 1e-9);
    let opts = KdeOptions::default();
    let d = kde::kde_grid(&f.points, None, &f.grid, &opts).expect("kde with the rule");
    assert_eq!(d.source, BandwidthSource::NormalReference);
    assert!((d.bandwidth - h).abs() < 1e-9);
}

#[test]
fn density_integrates_to_the_number_of_events() {
    let f = fixture();
    // A grid padded well beyond the reach of every kernel.
    let grid = Grid::from_points(&f.points, 25.0)
        .expect("grid")
        .padded(80)
        .expect("padded");
    for kernel in [Kernel::Gaussian, Kernel::Quartic] {
        let opts = KdeOptions {
            kernel,
            bandwidth: Some(f.h),
            ..KdeOptions::default()
        };
        let d = kde::kde_grid(&f.points, Some(&f.weights), &grid, &opts).expect("kde");
        let cell_km2 = (grid.cell / 1000.0).powi(2);
        let total: f64 = d.values.iter().sum::<f64>() * cell_km2;
        let want: f64 = f.weights.iter().sum();
        println!("{kernel:?}: integral {total}, events {want}");
        assert!(
            (total / want - 1.0).abs() < 1e-4,
            "{kernel:?}: {total} vs {want}"
        );
    }
}
