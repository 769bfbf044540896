//! Hot spots on bad or degenerate input: typed errors naming the row or parameter, never a
//! panic or a NaN in the output.

use veghe_analytics::grid::Error;
use veghe_analytics::lisa::{self, GiClass, HotspotParams};
use veghe_analytics::weights::{Weights, WeightsSpec};

fn run(
    points: &[(f64, f64)],
    cell: f64,
    weights: WeightsSpec,
    permutations: usize,
) -> Result<Vec<lisa::HotspotRow>, Error> {
    lisa::hotspots(points, cell, weights, permutations, 1, &|_, _| {})
}

#[test]
fn errors_name_the_row_or_parameter() {
    assert_eq!(
        run(&[], 100.0, WeightsSpec::Queen, 99),
        Err(Error::Empty { what: "point" })
    );
    assert_eq!(
        run(
            &[(0.0, 0.0), (1.0, f64::NAN)],
            100.0,
            WeightsSpec::Queen,
            99
        ),
        Err(Error::NonFinite {
            what: "point",
            index: 1
        })
    );
    // One event, or all events at one place: one cell.
    assert_eq!(
        run(&[(10.0, 10.0)], 100.0, WeightsSpec::Queen, 99),
        Err(Error::TooFewCells { n: 1, min: 3 })
    );
    assert_eq!(
        run(&[(10.0, 10.0); 40], 100.0, WeightsSpec::Queen, 99),
        Err(Error::TooFewCells { n: 1, min: 3 })
    );
    assert_eq!(
        run(&[(10.0, 10.0), (150.0, 10.0)], 100.0, WeightsSpec::Rook, 99),
        Err(Error::TooFewCells { n: 2, min: 3 })
    );
    assert!(matches!(
        run(&[(0.0, 0.0)], 0.0, WeightsSpec::Queen, 99),
        Err(Error::InvalidParameter { name: "cell", .. })
    ));
    let pts = [(10.0, 10.0), (150.0, 10.0), (250.0, 10.0), (260.0, 10.0)];
    assert!(matches!(
        run(&pts, 100.0, WeightsSpec::Queen, 0),
        Err(Error::InvalidParameter {
            name: "permutations",
            ..
        })
    ));
    assert!(matches!(
        run(&pts, 100.0, WeightsSpec::Distance(50.0), 99),
        Err(Error::InvalidParameter {
            name: "weights distance",
            ..
        })
    ));
    // A band that covers every cell leaves Gi* without variance.
    assert!(matches!(
        run(&pts, 100.0, WeightsSpec::Distance(1e6), 99),
        Err(Error::Degenerate(_))
    ));
    // Every cell with the same count.
    let even = [(10.0, 10.0), (150.0, 10.0), (250.0, 10.0)];
    assert!(matches!(
        run(&even, 100.0, WeightsSpec::Rook, 99),
        Err(Error::Degenerate(_))
    ));
    let params = HotspotParams {
        cell: 100.0,
        weights: WeightsSpec::Queen,
        permutations: 99,
        seed: 1,
        alpha: 1.5,
        fdr: false,
        threads: 0,
    };
    assert!(matches!(
        lisa::hotspots_with(&pts, &params, &|_, _| {}),
        Err(Error::InvalidParameter { name: "alpha", .. })
    ));
    // Lower-level functions check their inputs too.
    let w = Weights::for_grid(3, 1, 1.0, WeightsSpec::Rook).expect("weights");
    assert_eq!(
        lisa::gi_star(&[1.0, f64::NAN, 2.0], &w),
        Err(Error::NonFinite {
            what: "value",
            index: 1
        })
    );
    assert!(matches!(
        lisa::local_moran(&[1.0, 2.0], &w),
        Err(Error::LengthMismatch { .. })
    ));
    let island = Weights::from_lists(&[vec![1], vec![0], vec![]]).expect("lists");
    assert!(matches!(
        lisa::local_moran(&[1.0, 2.0, 3.0], &island),
        Err(Error::Degenerate(_))
    ));
    let msg = Error::TooFewCells { n: 1, min: 3 }.to_string();
    assert!(msg.contains("smaller cell"), "{msg}");
}

#[test]
fn sparse_data_gives_finite_output_for_every_cell() {
    // Two clusters far apart: a big grid of mostly empty cells.
    let mut pts = vec![(1000.0, 1000.0); 30];
    pts.extend(vec![(9_000.0, 7_000.0); 5]);
    pts.push((5_000.0, 4_000.0));
    for spec in [
        WeightsSpec::Rook,
        WeightsSpec::Queen,
        WeightsSpec::Distance(600.0),
    ] {
        let rows = run(&pts, 250.0, spec, 199).expect("hotspots");
        assert_eq!(rows.len(), 33 * 25);
        assert_eq!(rows.iter().map(|r| r.count).sum::<u32>(), 36);
        for r in &rows {
            for v in [r.gi_z, r.gi_p, r.moran_i, r.moran_z, r.moran_p] {
                assert!(v.is_finite(), "{spec:?}: {r:?}");
            }
            assert!(r.gi_p > 0.0 && r.gi_p <= 1.0 && r.moran_p > 0.0 && r.moran_p <= 1.0);
        }
        let hot = rows
            .iter()
            .find(|r| r.count == 30)
            .expect("the big cluster");
        assert_eq!(hot.gi_class, GiClass::Hot99, "{spec:?}");
    }
}

#[test]
fn fdr_never_adds_significant_cells() {
    let mut pts = Vec::new();
    for i in 0..400 {
        let t = i as f64;
        pts.push((t * 37.0 % 2000.0, t * 53.0 % 1500.0));
        if i % 3 == 0 {
            pts.push((500.0 + t % 90.0, 400.0 + t % 70.0));
        }
    }
    let base = HotspotParams {
        cell: 100.0,
        weights: WeightsSpec::Queen,
        permutations: 199,
        seed: 3,
        alpha: 0.05,
        fdr: false,
        threads: 0,
    };
    let plain = lisa::hotspots_with(&pts, &base, &|_, _| {}).expect("plain");
    let fdr =
        lisa::hotspots_with(&pts, &HotspotParams { fdr: true, ..base }, &|_, _| {}).expect("fdr");
    let (mut gi_plain, mut gi_fdr) = (0, 0);
    for (a, b) in plain.rows.iter().zip(&fdr.rows) {
        assert_eq!((a.gi_z, a.moran_p), (b.gi_z, b.moran_p));
        assert!(b.gi_class.bin().abs() <= a.gi_class.bin().abs());
        assert!(b.moran_class.is_none() || b.moran_class == a.moran_class);
        gi_plain += usize::from(a.gi_class != GiClass::NotSignificant);
        gi_fdr += usize::from(b.gi_class != GiClass::NotSignificant);
    }
    assert!(gi_plain > 0 && gi_fdr <= gi_plain);
    assert_eq!(lisa::moran_label(None), "ns");
    assert_eq!(GiClass::Cold95.label(), "cold_95");
}
