//! Band edges, labels, readings and bad input of the Knox test, on events placed by hand.

use veghe_analytics::knox::{Event, KnoxError, KnoxParams, Metric, knox};

fn params(metric: Metric) -> KnoxParams {
    KnoxParams {
        distance_band: 100.0,
        distance_bands: 3,
        time_band: 7,
        time_bands: 3,
        metric,
        iterations: 5,
        seed: 3,
        threads: 1,
    }
}

fn ev(x: f64, y: f64, day: i64) -> Event {
    Event { x, y, day }
}

/// The (row, column) of the single pair formed by two events.
fn cell_of(a: Event, b: Event, metric: Metric) -> (usize, usize) {
    let r = knox(&[a, b], &params(metric), &|_| {}).expect("two events");
    let hits: Vec<(usize, usize)> = (0..r.observed.len())
        .flat_map(|i| (0..r.observed[i].len()).map(move |j| (i, j)))
        .filter(|&(i, j)| r.observed[i][j] == 1)
        .collect();
    assert_eq!(hits.len(), 1, "{:?}", r.observed);
    hits[0]
}

#[test]
fn distance_edges_follow_nrc() {
    let m = Metric::Manhattan;
    let o = ev(1000.0, 2000.0, 10);
    assert_eq!(
        cell_of(o, ev(1000.0, 2000.0, 10), m),
        (0, 0),
        "same place, same day"
    );
    assert_eq!(
        cell_of(o, ev(1000.0, 2000.001, 10), m).0,
        1,
        "just off the same location"
    );
    assert_eq!(
        cell_of(o, ev(1060.0, 2039.999, 10), m).0,
        1,
        "99.999 m: '1 to 100'"
    );
    assert_eq!(
        cell_of(o, ev(1060.0, 2040.0, 10), m).0,
        2,
        "100 m exactly: '101 to 200'"
    );
    assert_eq!(
        cell_of(o, ev(1000.0, 1800.0, 10), m).0,
        3,
        "200 m exactly: '201 to 300'"
    );
    assert_eq!(cell_of(o, ev(1150.0, 2149.5, 10), m).0, 3, "299.5 m");
    assert_eq!(
        cell_of(o, ev(700.0, 2000.0, 10), m).0,
        4,
        "300 m exactly: 'More than 300'"
    );
    assert_eq!(cell_of(o, ev(-1e6, 2000.0, 10), m).0, 4, "far away");
}

#[test]
fn time_edges_follow_nrc() {
    let m = Metric::Manhattan;
    let o = ev(0.0, 0.0, 100);
    let at = |day| cell_of(o, ev(50.0, 0.0, day), m).1;
    assert_eq!(at(100), 0, "same day: '0 to 7'");
    assert_eq!(at(106), 0, "6 days: '0 to 7'");
    assert_eq!(at(94), 0, "6 days earlier: '0 to 7'");
    assert_eq!(at(107), 1, "7 days: '8 to 14'");
    assert_eq!(at(113), 1, "13 days: '8 to 14'");
    assert_eq!(at(114), 2, "14 days: '15 to 21'");
    assert_eq!(at(120), 2, "20 days: '15 to 21'");
    assert_eq!(at(121), 3, "21 days: 'More than 21'");
    assert_eq!(at(79), 3, "21 days earlier: 'More than 21'");
}

#[test]
fn euclidean_and_manhattan_differ_where_they_should() {
    let o = ev(0.0, 0.0, 0);
    // 60-80-100 triangle: Euclidean exactly 100, Manhattan 140.
    assert_eq!(cell_of(o, ev(60.0, 80.0, 0), Metric::Euclidean).0, 2);
    assert_eq!(cell_of(o, ev(60.0, 80.0, 0), Metric::Manhattan).0, 2);
    // (60, 50): Euclidean 78.1, Manhattan 110.
    assert_eq!(cell_of(o, ev(60.0, 50.0, 0), Metric::Euclidean).0, 1);
    assert_eq!(cell_of(o, ev(60.0, 50.0, 0), Metric::Manhattan).0, 2);
    // (-200, 150): Euclidean 250, Manhattan 350.
    assert_eq!(cell_of(o, ev(-200.0, 150.0, 0), Metric::Euclidean).0, 3);
    assert_eq!(cell_of(o, ev(-200.0, 150.0, 0), Metric::Manhattan).0, 4);
}

#[test]
fn labels_and_ranges() {
    let r = knox(
        &[ev(0.0, 0.0, 0), ev(1.0, 1.0, 1)],
        &params(Metric::Manhattan),
        &|_| {},
    )
    .expect("runs");
    assert_eq!(
        r.distance_labels,
        [
            "Same location",
            "1 to 100",
            "101 to 200",
            "201 to 300",
            "More than 300"
        ]
    );
    assert_eq!(
        r.time_labels,
        ["0 to 7", "8 to 14", "15 to 21", "More than 21"]
    );
    assert_eq!(r.distance_ranges[0], (0.0, Some(0.0)));
    assert_eq!(r.distance_ranges[2], (100.0, Some(200.0)));
    assert_eq!(r.distance_ranges[4], (300.0, None));
    assert_eq!(
        r.time_ranges,
        [(0, Some(7)), (7, Some(14)), (14, Some(21)), (21, None)]
    );

    let mut p = params(Metric::Euclidean);
    p.distance_band = 12.5;
    p.distance_bands = 2;
    p.time_band = 1;
    p.time_bands = 2;
    let r = knox(&[ev(0.0, 0.0, 0), ev(1.0, 1.0, 1)], &p, &|_| {}).expect("runs");
    assert_eq!(
        r.distance_labels,
        ["Same location", "0 to 12.5", "12.5 to 25", "More than 25"]
    );
    assert_eq!(r.time_labels, ["0 to 1", "2 to 2", "More than 2"]);
}

#[test]
fn readings_in_both_languages() {
    let events: Vec<Event> = (0..40)
        .map(|i| {
            ev(
                f64::from(i % 5) * 30.0,
                f64::from(i / 5) * 30.0,
                i64::from(i % 9) * 3,
            )
        })
        .collect();
    let mut p = params(Metric::Manhattan);
    p.iterations = 50;
    let r = knox(&events, &p, &|_| {}).expect("runs");
    for row in 0..r.observed.len() {
        for col in 0..r.observed[0].len() {
            let en = r.reading(row, col, false).expect("cell");
            let ro = r.reading(row, col, true).expect("cell");
            assert!(en.ends_with(").") && ro.ends_with(")."), "{en} / {ro}");
            assert!(!en.contains("NaN") && !ro.contains("NaN"));
        }
    }
    assert_eq!(r.reading(5, 0, false), None);
    assert_eq!(r.reading(0, 4, true), None);
    let ro = r.reading(3, 3, true).expect("cell");
    assert!(
        ro.starts_with("La 200–300 m și la peste 21 de zile: "),
        "{ro}"
    );
    let en = r.reading(0, 1, false).expect("cell");
    assert!(
        en.starts_with("At the same location and 7–14 days apart: "),
        "{en}"
    );
    // p is printed to the resolution 50 iterations allow, with a decimal comma in Romanian.
    assert!(ro.contains("(p = 0,") || ro.contains("(p = 1)"), "{ro}");
}

#[test]
fn bad_input_is_named() {
    let p = params(Metric::Manhattan);
    assert_eq!(
        knox(&[], &p, &|_| {}),
        Err(KnoxError::TooFewEvents { found: 0 })
    );
    assert_eq!(
        knox(&[ev(0.0, 0.0, 0)], &p, &|_| {}),
        Err(KnoxError::TooFewEvents { found: 1 })
    );
    let mut events = vec![ev(0.0, 0.0, 0); 5];
    events[3].y = f64::NAN;
    assert_eq!(
        knox(&events, &p, &|_| {}),
        Err(KnoxError::NonFiniteCoordinate {
            row: 3,
            coordinate: "y"
        })
    );
    events[3].y = 0.0;
    events[1].x = f64::INFINITY;
    let err = knox(&events, &p, &|_| {}).expect_err("infinite x");
    assert_eq!(
        err,
        KnoxError::NonFiniteCoordinate {
            row: 1,
            coordinate: "x"
        }
    );
    assert!(err.to_string().contains("event 1"));
    events[1].x = 0.0;

    let bad = |f: &dyn Fn(&mut KnoxParams), name: &str| {
        let mut q = params(Metric::Manhattan);
        f(&mut q);
        match knox(&events, &q, &|_| {}) {
            Err(KnoxError::InvalidParameter { name: n, .. }) => assert_eq!(n, name),
            other => panic!("{name}: {other:?}"),
        }
    };
    bad(&|q| q.distance_band = 0.0, "distance_band");
    bad(&|q| q.distance_band = -5.0, "distance_band");
    bad(&|q| q.distance_band = f64::NAN, "distance_band");
    bad(&|q| q.distance_band = f64::INFINITY, "distance_band");
    bad(&|q| q.distance_bands = 0, "distance_bands");
    bad(&|q| q.distance_bands = 1_000_000, "distance_bands");
    bad(&|q| q.time_band = 0, "time_band");
    bad(&|q| q.time_band = -7, "time_band");
    bad(&|q| q.time_bands = 0, "time_bands");
    bad(&|q| q.iterations = 1, "iterations");
    bad(&|q| q.iterations = 0, "iterations");
}

#[test]
fn degenerate_but_valid_input() {
    let mut p = params(Metric::Euclidean);
    p.iterations = 20;
    // All events at one point: every pair is at the same location, every permutation alike.
    let same: Vec<Event> = (0..30).map(|i| ev(5.0, 5.0, i % 10)).collect();
    let r = knox(&same, &p, &|_| {}).expect("one point");
    let row0: u64 = r.observed[0].iter().sum();
    assert_eq!(row0, 30 * 29 / 2);
    assert!(r.observed[1..].iter().flatten().all(|&c| c == 0));
    for c in 0..4 {
        assert_eq!(r.expected[0][c], r.observed[0][c] as f64);
        assert_eq!(r.p_value[0][c], 1.0);
        assert_eq!(r.knox_ratio[1][c], None);
    }
    // All on one day.
    let day: Vec<Event> = (0..30).map(|i| ev(f64::from(i) * 10.0, 0.0, 42)).collect();
    let r = knox(&day, &p, &|_| {}).expect("one day");
    assert!(
        r.observed
            .iter()
            .all(|row| row[1..].iter().all(|&c| c == 0))
    );
    // Extreme days and coordinates do not overflow.
    let wild = [
        ev(1e300, -1e300, i64::MIN),
        ev(-1e300, 1e300, i64::MAX),
        ev(0.0, 0.0, 0),
        ev(0.0, 0.0, 3),
    ];
    for metric in [Metric::Manhattan, Metric::Euclidean] {
        p.metric = metric;
        let r = knox(&wild, &p, &|_| {}).expect("extremes");
        assert_eq!(r.observed.iter().flatten().sum::<u64>(), 6);
        assert_eq!(r.observed[0][0], 1);
    }
}

#[test]
fn progress_counts_permutations_in_order() {
    let events: Vec<Event> = (0..50)
        .map(|i| ev(f64::from(i), 0.0, i64::from(i)))
        .collect();
    let mut p = params(Metric::Manhattan);
    p.iterations = 33;
    p.threads = 3;
    let seen = std::cell::RefCell::new(Vec::new());
    knox(&events, &p, &|k| seen.borrow_mut().push(k)).expect("runs");
    assert_eq!(seen.into_inner(), (1..=32).collect::<Vec<_>>());
}
