//! The bounding grid, cell lookup and counts, and spatial weights on it.

use veghe_analytics::grid::{Error, Grid, MAX_CELLS};
use veghe_analytics::weights::{Weights, WeightsSpec};

#[test]
fn origin_is_floored_and_max_is_covered() {
    let pts = [(130.0, -20.0), (260.0, 99.9), (500.0, 100.0)];
    let g = Grid::from_points(&pts, 50.0).expect("grid");
    assert_eq!((g.origin_x, g.origin_y), (100.0, -50.0));
    assert_eq!((g.cols, g.rows), (9, 4));
    for &(x, y) in &pts {
        assert!(g.cell_of(x, y).is_some());
    }
    assert_eq!(g.cell_of(500.0, 100.0), Some((8, 3)));
    assert_eq!(g.cell_of(99.99, 0.0), None);
    assert_eq!(g.counts(&pts), {
        let mut c = vec![0; 36];
        c[g.index(0, 0)] = 1;
        c[g.index(3, 2)] = 1;
        c[g.index(8, 3)] = 1;
        c
    });
    assert_eq!(g.centre(0, 0), (125.0, -25.0));
    assert_eq!(g.col_row(g.index(7, 2)), (7, 2));
    assert_eq!(g.centres().len(), g.len());
    // Points on a cell edge belong to the cell above/right of it.
    let h = Grid::new(0.0, 0.0, 10.0, 3, 3).expect("grid");
    assert_eq!(h.cell_of(10.0, 20.0), Some((1, 2)));
    assert_eq!(h.cell_of(30.0, 0.0), None);
}

#[test]
fn stereo70_like_coordinates_and_padding() {
    let pts = [(208_123.4, 478_901.2), (215_000.0, 482_499.9)];
    let g = Grid::from_points(&pts, 250.0).expect("grid");
    assert_eq!((g.origin_x, g.origin_y), (208_000.0, 478_750.0));
    // 215000 lies on an edge, so it opens a 29th column.
    assert_eq!((g.cols, g.rows), (29, 15));
    let p = g.padded(4).expect("padded");
    assert_eq!(
        (p.origin_x, p.origin_y, p.cols, p.rows),
        (207_000.0, 477_750.0, 37, 23)
    );
    assert_eq!(p.counts(&pts).iter().sum::<u32>(), 2);
}

#[test]
fn bad_input_is_named() {
    assert_eq!(
        Grid::from_points(&[], 10.0),
        Err(Error::Empty { what: "point" })
    );
    assert_eq!(
        Grid::from_points(&[(0.0, 0.0), (f64::NAN, 1.0)], 10.0),
        Err(Error::NonFinite {
            what: "point",
            index: 1
        })
    );
    assert_eq!(
        Grid::from_points(&[(0.0, 0.0), (1.0, f64::INFINITY)], 10.0),
        Err(Error::NonFinite {
            what: "point",
            index: 1
        })
    );
    for cell in [0.0, -5.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            Grid::from_points(&[(0.0, 0.0)], cell),
            Err(Error::InvalidParameter { name: "cell", .. })
        ));
    }
    assert!(matches!(
        Grid::from_points(&[(0.0, 0.0), (1e12, 1e12)], 1.0),
        Err(Error::TooManyCells { .. })
    ));
    assert!(matches!(
        Grid::new(0.0, 0.0, 1.0, MAX_CELLS, 2),
        Err(Error::TooManyCells { .. })
    ));
    assert!(matches!(
        Grid::new(0.0, 0.0, 1.0, usize::MAX, 2),
        Err(Error::TooManyCells { .. })
    ));
    assert!(matches!(
        Grid::new(0.0, 0.0, 1.0, 0, 2),
        Err(Error::TooFewCells { .. })
    ));
    // One point, or all points at one place: a one-cell grid.
    let one = Grid::from_points(&[(5.0, 5.0), (5.0, 5.0)], 10.0).expect("one cell");
    assert_eq!((one.cols, one.rows, one.len()), (1, 1, 1));
    assert_eq!(one.counts(&[(5.0, 5.0), (5.0, 5.0)]), vec![2]);
    assert_eq!(one.cell_of(f64::NAN, 5.0), None);
    // Messages name the row and the parameter.
    let msg = Error::NonFinite {
        what: "point",
        index: 7,
    }
    .to_string();
    assert!(msg.contains("point 7"), "{msg}");
}

#[test]
fn weights_are_symmetric_and_match_their_definitions() {
    let (cols, rows, cell) = (7, 5, 100.0);
    for (spec, max_k) in [
        (WeightsSpec::Rook, 4),
        (WeightsSpec::Queen, 8),
        (WeightsSpec::Distance(150.0), 8),
        (WeightsSpec::Distance(250.0), 20),
    ] {
        let w = Weights::for_grid(cols, rows, cell, spec).expect("weights");
        assert_eq!(w.n(), cols * rows);
        assert_eq!(w.max_cardinality(), max_k, "{spec:?}");
        assert_eq!(w.first_island(), None);
        for i in 0..w.n() {
            let (ci, ri) = ((i % cols) as f64, (i / cols) as f64);
            for &j in w.neighbours(i) {
                let j = j as usize;
                assert!(
                    w.neighbours(j).contains(&(i as u32)),
                    "{spec:?}: {i}-{j} not symmetric"
                );
                let (cj, rj) = ((j % cols) as f64, (j / cols) as f64);
                let (dc, dr) = ((ci - cj).abs(), (ri - rj).abs());
                let ok = match spec {
                    WeightsSpec::Rook => dc + dr == 1.0,
                    WeightsSpec::Queen => dc.max(dr) == 1.0,
                    WeightsSpec::Distance(d) => (dc * dc + dr * dr).sqrt() * cell <= d,
                };
                assert!(ok, "{spec:?}: {i}-{j}");
            }
            assert!(
                w.neighbours(i).windows(2).all(|p| p[0] < p[1]),
                "sorted, no repeats"
            );
        }
    }
    // Corner, edge and interior cells of a queen grid.
    let q = Weights::for_grid(cols, rows, cell, WeightsSpec::Queen).expect("queen");
    assert_eq!(
        (q.cardinality(0), q.cardinality(1), q.cardinality(cols + 1)),
        (3, 5, 8)
    );
    // A band shorter than a cell leaves every cell alone: an error naming the parameter.
    assert!(matches!(
        Weights::for_grid(cols, rows, cell, WeightsSpec::Distance(99.0)),
        Err(Error::InvalidParameter {
            name: "weights distance",
            ..
        })
    ));
}
