//! Kernel density on bad or degenerate input: typed errors naming the row or parameter, never
//! a panic or a NaN.

use veghe_analytics::grid::{Error, Grid};
use veghe_analytics::kde::{self, KdeOptions, Kernel};

fn opts(kernel: Kernel, bandwidth: Option<f64>) -> KdeOptions {
    KdeOptions {
        kernel,
        bandwidth,
        ..KdeOptions::default()
    }
}

#[test]
fn errors_name_the_row_or_parameter() {
    let grid = Grid::new(0.0, 0.0, 10.0, 20, 20).expect("grid");
    let g = opts(Kernel::Gaussian, Some(30.0));
    assert_eq!(
        kde::kde_grid(&[], None, &grid, &g),
        Err(Error::Empty { what: "point" })
    );
    let pts = [(5.0, 5.0), (f64::NAN, 3.0)];
    assert_eq!(
        kde::kde_grid(&pts, None, &grid, &g),
        Err(Error::NonFinite {
            what: "point",
            index: 1
        })
    );
    let pts = [(5.0, 5.0), (15.0, 3.0), (20.0, 20.0)];
    assert!(matches!(
        kde::kde_grid(&pts, Some(&[1.0, 2.0]), &grid, &g),
        Err(Error::LengthMismatch {
            what: "weights",
            expected: 3,
            got: 2
        })
    ));
    assert!(matches!(
        kde::kde_grid(&pts, Some(&[1.0, -2.0, 1.0]), &grid, &g),
        Err(Error::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        kde::kde_grid(&pts, Some(&[1.0, f64::INFINITY, 1.0]), &grid, &g),
        Err(Error::NonFinite { index: 1, .. })
    ));
    for h in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-9, 1e12] {
        assert!(
            matches!(
                kde::kde_grid(&pts, None, &grid, &opts(Kernel::Quartic, Some(h))),
                Err(Error::InvalidParameter {
                    name: "bandwidth",
                    ..
                })
            ),
            "bandwidth {h}"
        );
    }
    for cutoff in [0.5, f64::NAN, 100.0] {
        let o = KdeOptions { cutoff, ..g };
        assert!(matches!(
            kde::kde_grid(&pts, None, &grid, &o),
            Err(Error::InvalidParameter { name: "cutoff", .. })
        ));
    }
    assert_eq!(
        kde::kde_at(&pts, None, &[(1.0, 1.0), (2.0, f64::NAN)], &g),
        Err(Error::NonFinite {
            what: "query point",
            index: 1
        })
    );
    assert!(Kernel::parse("epanechnikov").is_err());
    assert_eq!(Kernel::parse(" Biweight "), Ok(Kernel::Quartic));
    let huge = [1e300, 1e300, 1e300];
    assert!(matches!(
        kde::kde_grid(
            &pts,
            Some(&huge),
            &grid,
            &opts(Kernel::Gaussian, Some(1e-3))
        ),
        Err(Error::Degenerate(_))
    ));
}

#[test]
fn the_bandwidth_rule_needs_spread() {
    let grid = Grid::new(0.0, 0.0, 10.0, 5, 5).expect("grid");
    // One event, or all at one place: no rule, but a given bandwidth works.
    for pts in [vec![(12.0, 17.0)], vec![(12.0, 17.0); 50]] {
        for kernel in [Kernel::Gaussian, Kernel::Quartic] {
            assert!(matches!(
                kde::kde_grid(&pts, None, &grid, &opts(kernel, None)),
                Err(Error::Degenerate(_))
            ));
            let d = kde::kde_grid(&pts, None, &grid, &opts(kernel, Some(20.0)))
                .expect("given bandwidth");
            assert!(d.values.iter().all(|v| v.is_finite() && *v >= 0.0));
            assert!(d.values.iter().any(|v| *v > 0.0));
        }
    }
    // Weights that leave one event: no rule either.
    let pts = [(1.0, 1.0), (30.0, 40.0)];
    assert!(matches!(
        kde::normal_reference_bandwidth(&pts, Some(&[0.0, 3.0])),
        Err(Error::Degenerate(_))
    ));
}

#[test]
fn events_far_outside_and_zero_weights_are_harmless() {
    let grid = Grid::new(0.0, 0.0, 10.0, 10, 10).expect("grid");
    let pts = [(50.0, 50.0), (1e7, -1e7), (55.0, 45.0)];
    let w = [1.0, 5.0, 0.0];
    let d = kde::kde_grid(&pts, Some(&w), &grid, &opts(Kernel::Gaussian, Some(15.0))).expect("kde");
    let only =
        kde::kde_grid(&pts[..1], None, &grid, &opts(Kernel::Gaussian, Some(15.0))).expect("kde");
    assert_eq!(d.values, only.values);
    // A single event's peak: 1/(2πh²) per m², ×1e6 per km², at its own cell centre.
    let one = kde::kde_at(
        &[(55.0, 55.0)],
        None,
        &[(55.0, 55.0)],
        &opts(Kernel::Gaussian, Some(15.0)),
    )
    .expect("kde");
    let peak = 1e6 / (2.0 * std::f64::consts::PI * 225.0);
    assert!((one.values[0] / peak - 1.0).abs() < 1e-12);
    let q = kde::kde_at(
        &[(55.0, 55.0)],
        None,
        &[(55.0, 55.0), (55.0, 70.0)],
        &opts(Kernel::Quartic, Some(15.0)),
    )
    .expect("kde");
    assert!((q.values[0] - 3e6 / (std::f64::consts::PI * 225.0)).abs() < 1e-9);
    assert_eq!(q.values[1], 0.0);
}
