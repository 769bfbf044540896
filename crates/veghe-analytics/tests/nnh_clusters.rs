//! Nearest-neighbour hierarchical clustering on point sets whose answer is known by hand.

use veghe_analytics::nnh::{NnhError, NnhParams, Point, Threshold, nnh, random_threshold};
use veghe_analytics::rng::Rng;

fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

/// Four points on the corners of a 6 × 6 square centred on (cx, cy).
fn square(cx: f64, cy: f64) -> Vec<Point> {
    [(-3.0, -3.0), (3.0, -3.0), (3.0, 3.0), (-3.0, 3.0)]
        .iter()
        .map(|&(dx, dy)| pt(cx + dx, cy + dy))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * a.abs().max(1.0)
}

#[test]
fn threshold_formula() {
    // N = 100 on 1 km²: mean random distance 0.5·√(10⁶/100) = 50, SE = 0.26136/√(100²/10⁶) = 2.6136.
    assert!(close(random_threshold(100, 1e6, 0.5), 50.0));
    assert!(close(
        random_threshold(100, 1e6, 0.05),
        50.0 - 1.644_853_626_951 * 2.6136
    ));
    assert!(close(
        random_threshold(100, 1e6, 0.001),
        50.0 - 3.090_232_306_168 * 2.6136
    ));
    // Tiny p with few points can go below zero: nothing links.
    assert!(random_threshold(2, 1.0, 1e-6) < 0.0);
}

/// Ten squares of 4 points on a 1 km² study area (N = 40): first-order threshold at p = 0.5 is
/// 0.5·√(10⁶/40) = 79.06 m, so each square is a cluster and squares 150 m apart are not linked.
/// With N = 10 centres the second-order threshold is 0.5·√(10⁵) = 158.11 m: squares 150 m apart
/// link, 212 m (diagonal) do not.
fn ten_squares() -> Vec<Point> {
    let centres = [
        (0.0, 0.0),
        (150.0, 0.0),
        (300.0, 0.0), // a chain: one second-order cluster
        (1000.0, 1000.0),
        (1150.0, 1000.0), // only two: below min_points at order 2
        (2000.0, 0.0),
        (2000.0, 150.0),
        (2150.0, 0.0), // a corner: linked through (2000, 0)
        (3000.0, 3000.0),
        (5000.0, 200.0), // alone
    ];
    centres.iter().flat_map(|&(x, y)| square(x, y)).collect()
}

#[test]
fn first_and_second_order_by_hand() {
    let points = ten_squares();
    let params = NnhParams {
        threshold: Threshold::Random { p: 0.5 },
        min_points: 3,
        area: Some(1e6),
    };
    let r = nnh(&points, &params).expect("clusters");
    assert_eq!(r.area, 1e6);
    assert_eq!(r.levels.len(), 2, "two centres cannot make a third order");

    let first = &r.levels[0];
    assert_eq!((first.order, first.points), (1, 40));
    assert!(close(first.threshold, 0.5 * (1e6f64 / 40.0).sqrt()));
    assert!(close(first.mean_random_distance, first.threshold));
    assert_eq!(first.clusters.len(), 10);
    for (k, c) in first.clusters.iter().enumerate() {
        // Equal sizes, so listed by first member: square k holds points 4k..4k+4.
        assert_eq!(c.members, (4 * k..4 * k + 4).collect::<Vec<_>>());
        assert_eq!(c.children, c.members);
        assert_eq!(c.hull.len(), 4);
        assert!(close(c.hull_area, 36.0));
        assert!(close(c.density.expect("area"), 4.0 / 36.0));
    }
    assert_eq!(first.clusters[1].centre, pt(150.0, 0.0));

    let second = &r.levels[1];
    assert_eq!((second.order, second.points), (2, 10));
    assert!(close(second.threshold, 0.5 * (1e5f64).sqrt()));
    assert_eq!(second.clusters.len(), 2);
    let chain = &second.clusters[0];
    assert_eq!(chain.children, vec![0, 1, 2]);
    assert_eq!(chain.members, (0..12).collect::<Vec<_>>());
    assert_eq!(chain.centre, pt(150.0, 0.0));
    // Hull of the three squares: (−3, −3)…(303, 3).
    assert!(close(chain.hull_area, 306.0 * 6.0));
    assert!(close(chain.density.expect("area"), 12.0 / (306.0 * 6.0)));
    let corner = &second.clusters[1];
    assert_eq!(corner.children, vec![5, 6, 7]);
    assert_eq!(corner.members, (20..32).collect::<Vec<_>>());
    assert!(close(corner.centre.x, 6150.0 / 3.0) && close(corner.centre.y, 50.0));
}

#[test]
fn smaller_p_gives_a_smaller_threshold_and_fewer_links() {
    // Points 9 m apart on a line: with N = 12 on 10⁴ m² the mean random distance is 14.43 m;
    // at p = 0.5 they chain into one cluster, at p = 0.001 (t = 3.09, SE = 2.18) the threshold
    // 7.69 m links nothing.
    let points: Vec<Point> = (0..12).map(|i| pt(f64::from(i) * 9.0, 0.0)).collect();
    let lax = nnh(
        &points,
        &NnhParams {
            threshold: Threshold::Random { p: 0.5 },
            min_points: 2,
            area: Some(1e4),
        },
    )
    .expect("runs");
    assert_eq!(lax.levels[0].clusters.len(), 1);
    assert_eq!(lax.levels[0].clusters[0].members.len(), 12);
    assert_eq!(lax.levels[0].clusters[0].hull_area, 0.0);
    assert_eq!(lax.levels[0].clusters[0].density, None);
    let strict = nnh(
        &points,
        &NnhParams {
            threshold: Threshold::Random { p: 0.001 },
            min_points: 2,
            area: Some(1e4),
        },
    )
    .expect("runs");
    assert!(close(
        strict.levels[0].threshold,
        0.5 * (1e4f64 / 12.0).sqrt() - 3.090_232_306_168 * 0.26136 * 100.0 / 12.0
    ));
    assert!(strict.levels[0].clusters.is_empty());
    assert_eq!(strict.levels.len(), 1);
}

#[test]
fn fixed_threshold_is_strict_and_single_linkage() {
    // a–b 10 apart, b–c 10 apart, a–c 20: one cluster at threshold 10.5; none at exactly 10.
    let points = vec![pt(0.0, 0.0), pt(10.0, 0.0), pt(20.0, 0.0), pt(500.0, 500.0)];
    let linked = nnh(
        &points,
        &NnhParams {
            threshold: Threshold::Fixed(10.5),
            min_points: 3,
            area: None,
        },
    )
    .expect("runs");
    assert_eq!(linked.levels[0].clusters.len(), 1);
    assert_eq!(linked.levels[0].clusters[0].members, vec![0, 1, 2]);
    assert_eq!(linked.area, 500.0 * 500.0);
    let apart = nnh(
        &points,
        &NnhParams {
            threshold: Threshold::Fixed(10.0),
            min_points: 2,
            area: None,
        },
    )
    .expect("runs");
    assert!(apart.levels[0].clusters.is_empty());
}

#[test]
fn coincident_points_form_one_cluster_without_area() {
    let points = vec![pt(7.0, 7.0); 6];
    let r = nnh(
        &points,
        &NnhParams {
            threshold: Threshold::Random { p: 0.5 },
            min_points: 3,
            area: Some(100.0),
        },
    )
    .expect("runs");
    let c = &r.levels[0].clusters[0];
    assert_eq!(c.members.len(), 6);
    assert_eq!(c.hull, vec![pt(7.0, 7.0)]);
    assert_eq!(c.density, None);
    assert_eq!(r.levels.len(), 1);
}

#[test]
fn bad_input_is_named() {
    let ok = NnhParams {
        threshold: Threshold::Random { p: 0.1 },
        min_points: 3,
        area: None,
    };
    assert_eq!(nnh(&[], &ok), Err(NnhError::TooFewPoints { found: 0 }));
    assert_eq!(
        nnh(&[pt(1.0, 1.0)], &ok),
        Err(NnhError::TooFewPoints { found: 1 })
    );
    let mut points = ten_squares();
    points[17].x = f64::NAN;
    assert_eq!(
        nnh(&points, &ok),
        Err(NnhError::NonFiniteCoordinate {
            row: 17,
            coordinate: "x"
        })
    );
    points[17].x = 0.0;
    points[3].y = f64::NEG_INFINITY;
    assert_eq!(
        nnh(&points, &ok),
        Err(NnhError::NonFiniteCoordinate {
            row: 3,
            coordinate: "y"
        })
    );
    // All at one point, or on one line, with no area given.
    assert_eq!(nnh(&[pt(2.0, 2.0); 5], &ok), Err(NnhError::ZeroArea));
    assert_eq!(
        nnh(&[pt(0.0, 2.0), pt(5.0, 2.0), pt(9.0, 2.0)], &ok),
        Err(NnhError::ZeroArea)
    );
    let good = ten_squares();
    let name = |p: NnhParams| match nnh(&good, &p) {
        Err(NnhError::InvalidParameter { name, .. }) => name,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        name(NnhParams {
            threshold: Threshold::Random { p: 0.0 },
            ..ok.clone()
        }),
        "p"
    );
    assert_eq!(
        name(NnhParams {
            threshold: Threshold::Random { p: 0.6 },
            ..ok.clone()
        }),
        "p"
    );
    assert_eq!(
        name(NnhParams {
            threshold: Threshold::Random { p: f64::NAN },
            ..ok.clone()
        }),
        "p"
    );
    assert_eq!(
        name(NnhParams {
            threshold: Threshold::Fixed(0.0),
            ..ok.clone()
        }),
        "threshold"
    );
    assert_eq!(
        name(NnhParams {
            threshold: Threshold::Fixed(f64::INFINITY),
            ..ok.clone()
        }),
        "threshold"
    );
    assert_eq!(
        name(NnhParams {
            min_points: 1,
            ..ok.clone()
        }),
        "min_points"
    );
    assert_eq!(
        name(NnhParams {
            area: Some(-1.0),
            ..ok.clone()
        }),
        "area"
    );
    assert_eq!(
        name(NnhParams {
            area: Some(f64::NAN),
            ..ok.clone()
        }),
        "area"
    );
    assert!(NnhError::ZeroArea.to_string().contains("area"));
}

/// Each order's clusters as sorted sets of input points, in the input's own numbering.
fn cluster_sets(points: &[Point], params: &NnhParams, back: &[usize]) -> Vec<Vec<Vec<usize>>> {
    let r = nnh(points, params).expect("runs");
    r.levels
        .iter()
        .map(|level| {
            let mut sets: Vec<Vec<usize>> = level
                .clusters
                .iter()
                .map(|c| {
                    let mut m: Vec<usize> = c.members.iter().map(|&i| back[i]).collect();
                    m.sort_unstable();
                    m
                })
                .collect();
            sets.sort();
            sets
        })
        .collect()
}

#[test]
fn input_order_does_not_change_clusters() {
    for seed in 0..20u64 {
        let mut rng = Rng::new(seed);
        // Clumps around random centres plus background noise.
        let mut points = Vec::new();
        for _ in 0..(3 + rng.below(8)) {
            let (cx, cy) = (rng.next_f64() * 5_000.0, rng.next_f64() * 5_000.0);
            for _ in 0..(2 + rng.below(15)) {
                points.push(pt(cx + rng.next_f64() * 60.0, cy + rng.next_f64() * 60.0));
            }
        }
        for _ in 0..rng.below(100) {
            points.push(pt(rng.next_f64() * 5_000.0, rng.next_f64() * 5_000.0));
        }
        let params = NnhParams {
            threshold: if seed % 3 == 0 {
                Threshold::Fixed(25.0 + rng.next_f64() * 200.0)
            } else {
                Threshold::Random {
                    p: 0.01 + rng.next_f64() * 0.49,
                }
            },
            min_points: 2 + rng.below(4),
            area: if seed % 2 == 0 { None } else { Some(2.5e7) },
        };
        let identity: Vec<usize> = (0..points.len()).collect();
        let reference = cluster_sets(&points, &params, &identity);
        for _ in 0..3 {
            let mut order = identity.clone();
            rng.shuffle(&mut order);
            let shuffled: Vec<Point> = order.iter().map(|&i| points[i]).collect();
            assert_eq!(
                cluster_sets(&shuffled, &params, &order),
                reference,
                "seed {seed}"
            );
        }
    }
}
