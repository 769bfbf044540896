//! Bar chart structure: bars, ticks, label thinning.

use super::*;
use roxmltree::Node;

#[test]
fn one_bar_per_value_with_tooltips() {
    let svg = bar_chart(&bars(&["Ian", "Feb", "Mar"], &[12.0, 1234.5, 7.0]));
    let doc = check_common(&svg);
    let rects = with_class(&doc, "rect", "vg-bar");
    assert_eq!(rects.len(), 3);
    assert_eq!(tooltip_of(&rects[1]), "Feb: 1.234,5 incidente");
    assert!(rects.iter().all(|r| r.attribute("fill").is_some()));
    let desc = doc
        .descendants()
        .find(|n| n.has_tag_name((SVG_NS, "desc")))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert!(desc.contains("Feb: 1.234,5 incidente"), "{desc}");
}

#[test]
fn bar_ticks_are_nice_and_start_at_zero() {
    for values in [
        vec![3.0, 87.0],
        vec![0.013, 0.07],
        vec![12_345.6, 98_765.4, 4.0],
        vec![-37.0, 12.0],
        vec![5.0, 5.0],
    ] {
        let svg = bar_chart(&bars(&[], &values));
        let doc = check_common(&svg);
        let ticks = tick_values(&doc);
        assert!(ticks.len() >= 2, "{ticks:?}");
        assert!(ticks.contains(&0.0), "{ticks:?}");
        let step = ticks[1] - ticks[0];
        let mantissa = step / 10f64.powf(step.log10().floor());
        assert!(
            [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-6),
            "step {step} in {ticks:?}"
        );
        for pair in ticks.windows(2) {
            assert!(
                ((pair[1] - pair[0]) - step).abs() < step * 1e-6,
                "{ticks:?}"
            );
        }
        let lowest = values.iter().copied().fold(0.0, f64::min);
        let highest = values.iter().copied().fold(0.0, f64::max);
        assert!(ticks[0] <= lowest && ticks[ticks.len() - 1] >= highest);
    }
}

#[test]
fn long_label_lists_are_thinned() {
    let labels: Vec<String> = (0..200)
        .map(|i| format!("Eticheta foarte lungă numărul {i} din Timișoara"))
        .collect();
    let values: Vec<f64> = (0..200).map(f64::from).collect();
    let c = BarChart {
        labels,
        values,
        ..bars(&[], &[])
    };
    let svg = bar_chart(&c);
    let doc = check_common(&svg);
    assert_eq!(with_class(&doc, "rect", "vg-bar").len(), 200);
    let axis = with_class(&doc, "g", "vg-axis-x");
    let shown: Vec<Node> = axis[0]
        .children()
        .filter(|n| n.has_tag_name((SVG_NS, "text")))
        .collect();
    assert!(
        shown.len() > 1 && shown.len() < 20,
        "{} labels",
        shown.len()
    );
    let xs: Vec<f64> = shown
        .iter()
        .map(|n| n.attribute("x").unwrap_or_default().parse().unwrap_or(0.0))
        .collect();
    let widths: Vec<f64> = shown
        .iter()
        .map(|n| n.text().unwrap_or_default().chars().count() as f64 * 12.0 * 0.58)
        .collect();
    for (pair, w) in xs.windows(2).zip(widths.windows(2)) {
        assert!(
            pair[1] - pair[0] >= (w[0] + w[1]) / 2.0,
            "labels overlap: {xs:?}"
        );
    }
    // Full text stays available in the tooltip.
    let rects = with_class(&doc, "rect", "vg-bar");
    assert!(
        tooltip_of(&rects[199]).starts_with("Eticheta foarte lungă numărul 199 din Timișoara: 199")
    );
}
