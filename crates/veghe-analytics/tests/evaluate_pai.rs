//! PAI and PEI* on grids computed by hand.

use veghe_analytics::evaluate::{EvaluateError, evaluate, evaluate_shares};

/// Ten cells; cells 3 and 4 tie at 0.7; 20 later events.
const SCORES: [f64; 10] = [0.9, 0.1, 0.5, 0.7, 0.7, 0.0, 0.3, 0.2, 0.1, 0.05];
const COUNTS: [u64; 10] = [3, 0, 1, 2, 4, 0, 5, 0, 1, 4];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn twenty_percent_with_a_tie_at_the_cut() {
    let e = evaluate(&SCORES, &COUNTS, 0.2).expect("evaluates");
    assert_eq!((e.cells, e.total_cells), (2, 10));
    // Cell 0, then the lower-indexed of the tied cells 3 and 4.
    assert_eq!(e.selected, vec![0, 3]);
    assert_eq!(e.captured, 5);
    assert_eq!(e.captured_range, (5, 7));
    assert_eq!(e.tied_left_out, 1);
    assert_eq!(e.total_events, 20);
    assert!(close(e.area_share, 0.2));
    assert!(close(e.hit_rate.expect("N > 0"), 0.25));
    assert!(close(e.pai.expect("N > 0"), 1.25));
    // The best two cells hold 5 + 4 events.
    assert_eq!(e.best_possible, 9);
    assert!(close(e.pei_star.expect("n* > 0"), 5.0 / 9.0));
}

#[test]
fn several_shares_at_once() {
    let all = evaluate_shares(&SCORES, &COUNTS, &[0.3, 0.5, 1.0]).expect("evaluates");
    let e = &all[0];
    assert_eq!(e.selected, vec![0, 3, 4]);
    assert_eq!(
        (e.captured, e.captured_range, e.tied_left_out),
        (9, (9, 9), 0)
    );
    assert!(close(e.pai.expect("N > 0"), (9.0 / 20.0) / 0.3));
    assert_eq!(e.best_possible, 13);
    let e = &all[1];
    // 0.9, 0.7, 0.7, 0.5, 0.3 → cells 0, 3, 4, 2, 6: 3 + 2 + 4 + 1 + 5 = 15 of 20 on half the area.
    assert_eq!(e.selected, vec![0, 3, 4, 2, 6]);
    assert_eq!(e.captured, 15);
    assert!(close(e.pai.expect("N > 0"), 1.5));
    assert_eq!(e.best_possible, 5 + 4 + 4 + 3 + 2);
    assert!(close(e.pei_star.expect("n* > 0"), 15.0 / 18.0));
    let e = &all[2];
    assert_eq!((e.captured, e.best_possible), (20, 20));
    assert!(close(e.pai.expect("N > 0"), 1.0));
    assert!(close(e.pei_star.expect("n* > 0"), 1.0));
}

#[test]
fn one_percent_of_a_larger_map() {
    // 400 cells, score = index (highest last), one event in every tenth cell, 30 in cell 399.
    let scores: Vec<f64> = (0..400).map(f64::from).collect();
    let counts: Vec<u32> = (0..400)
        .map(|i| if i == 399 { 30 } else { u32::from(i % 10 == 0) })
        .collect();
    // 1% = 4 cells: 399, 398, 397, 396 → 30 events of 30 + 40 (cells 0, 10, …, 390) = 70.
    let e = evaluate(&scores, &counts, 0.01).expect("evaluates");
    assert_eq!(e.selected, vec![399, 398, 397, 396]);
    assert_eq!((e.captured, e.total_events, e.best_possible), (30, 70, 33));
    assert!(close(e.pai.expect("N > 0"), (30.0 / 70.0) / 0.01));
    assert!(close(e.pei_star.expect("n* > 0"), 30.0 / 33.0));
    // 0.29 · 100 is 28.999999999999996 in floating point; still 29 cells of 100.
    let e = evaluate(&scores[..100], &counts[..100], 0.29).expect("evaluates");
    assert_eq!(e.cells, 29);
}

#[test]
fn flat_and_empty_maps() {
    // All scores equal: index order decides; the range shows what any other choice would give.
    let e = evaluate(&[1.0, 1.0, -0.0, 0.0], &[0u64, 5, 2, 7], 0.5).expect("evaluates");
    assert_eq!(e.selected, vec![0, 1]);
    assert_eq!(
        (e.captured, e.captured_range, e.tied_left_out),
        (5, (5, 5), 0)
    );
    let e = evaluate(&[0.0, -0.0, 0.0, 0.0], &[0u64, 5, 2, 7], 0.25).expect("evaluates");
    assert_eq!(e.selected, vec![0]);
    assert_eq!(
        (e.captured, e.captured_range, e.tied_left_out),
        (0, (0, 7), 3)
    );
    // No later events: nothing to divide by.
    let e = evaluate(&[3.0, 2.0], &[0u64, 0], 0.5).expect("evaluates");
    assert_eq!((e.hit_rate, e.pai, e.pei_star), (None, None, None));
    // Infinite scores are ranked like any other.
    let e = evaluate(&[f64::NEG_INFINITY, f64::INFINITY], &[1u64, 2], 0.5).expect("evaluates");
    assert_eq!(e.selected, vec![1]);
}

#[test]
fn bad_input_is_named() {
    assert_eq!(evaluate::<u64>(&[], &[], 0.1), Err(EvaluateError::NoCells));
    assert_eq!(
        evaluate(&[1.0, 2.0], &[1u64], 0.5),
        Err(EvaluateError::LengthMismatch {
            scores: 2,
            counts: 1
        })
    );
    assert_eq!(
        evaluate(&[1.0, f64::NAN], &[1u64, 2], 0.5),
        Err(EvaluateError::NanScore { cell: 1 })
    );
    for share in [0.0, -0.1, 1.5, f64::NAN, 0.05] {
        match evaluate(&SCORES, &COUNTS, share) {
            Err(EvaluateError::InvalidParameter { name: "share", .. }) => {}
            other => panic!("{share}: {other:?}"),
        }
    }
    assert!(
        EvaluateError::NanScore { cell: 4 }
            .to_string()
            .contains("cell 4")
    );
}
