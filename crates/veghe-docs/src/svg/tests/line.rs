//! Line chart structure: lines, points, band, legend.

use super::*;

#[test]
fn line_chart_structure() {
    let c = LineChart {
        title: "Apeluri 112".into(),
        description: "Apeluri zilnice și prognoză".into(),
        labels: (1..=10).map(|d| format!("{d} mai")).collect(),
        series: vec![
            Series {
                name: "Observat".into(),
                values: vec![10.0, 12.0, f64::NAN, 15.0, 14.0, 13.0],
            },
            Series {
                name: "Prognoză".into(),
                values: vec![f64::NAN; 5]
                    .into_iter()
                    .chain([13.0, 14.0, 15.0, 16.0, 17.0])
                    .collect(),
            },
        ],
        band: Some((
            vec![f64::NAN; 5]
                .into_iter()
                .chain([12.0, 12.0, 12.5, 13.0, 13.0])
                .collect(),
            vec![f64::NAN; 5]
                .into_iter()
                .chain([14.0, 16.0, 17.5, 19.0, 21.0])
                .collect(),
        )),
        width: 700,
        height: 340,
        unit: "apeluri".into(),
    };
    let svg = line_chart(&c);
    let doc = check_common(&svg);
    let lines = with_class(&doc, "path", "vg-line");
    assert_eq!(lines.len(), 2);
    assert!(has_class(&lines[0], "vg-line-0") && has_class(&lines[1], "vg-line-1"));
    assert_ne!(lines[0].attribute("stroke"), lines[1].attribute("stroke"));
    // The gap splits the first line into two pieces.
    assert_eq!(
        lines[0]
            .attribute("d")
            .unwrap_or_default()
            .matches('M')
            .count(),
        2
    );
    let points = with_class(&doc, "circle", "vg-point");
    assert_eq!(points.len(), 5 + 5);
    assert_eq!(tooltip_of(&points[0]), "Observat — 1 mai: 10 apeluri");
    let band = with_class(&doc, "path", "vg-band");
    assert_eq!(band.len(), 1);
    assert!(band[0].attribute("d").unwrap_or_default().ends_with('Z'));
    assert_eq!(with_class(&doc, "g", "vg-legend").len(), 1);
    let ticks = tick_values(&doc);
    assert!(
        ticks[0] <= 10.0 && ticks[ticks.len() - 1] >= 21.0,
        "{ticks:?}"
    );
}

#[test]
fn single_series_and_single_point() {
    let svg = line_chart(&LineChart {
        labels: vec!["azi".into()],
        series: vec![Series {
            name: String::new(),
            values: vec![42.0],
        }],
        ..LineChart::default()
    });
    let doc = check_common(&svg);
    assert!(with_class(&doc, "g", "vg-legend").is_empty());
    let points = with_class(&doc, "circle", "vg-point");
    assert_eq!(points.len(), 1);
    assert_eq!(tooltip_of(&points[0]), "azi: 42");
}

#[test]
fn many_series_cap_the_legend() {
    let series: Vec<Series> = (0..40)
        .map(|i| Series {
            name: format!("Seria cu un nume destul de lung {i}"),
            values: vec![f64::from(i), f64::from(i) * 2.0],
        })
        .collect();
    let svg = line_chart(&LineChart {
        series,
        ..LineChart::default()
    });
    let doc = check_common(&svg);
    assert_eq!(with_class(&doc, "path", "vg-line").len(), 40);
    assert!(svg.contains("vg-line-39"));
    let legend = with_class(&doc, "g", "vg-legend");
    let more = legend[0]
        .children()
        .filter_map(|n| n.text())
        .any(|t| t.starts_with('+'));
    assert!(more);
}

#[test]
fn markers_are_drawn_at_their_categories_with_their_label() {
    let c = LineChart {
        title: "T".into(),
        labels: vec!["a".into(), "b".into(), "c".into()],
        series: vec![Series {
            name: "s".into(),
            values: vec![1.0, 2.0, 3.0],
        }],
        ..LineChart::default()
    };
    let markers = [
        Marker {
            index: 1,
            label: "change: b".into(),
        },
        Marker {
            index: 9,
            label: "outside".into(),
        },
    ];
    let svg = line_chart_marked(&c, &markers);
    assert_eq!(svg.matches("class=\"vg-marker\"").count(), 1);
    assert!(svg.contains("<title>change: b</title>"));
    assert!(!svg.contains("outside"));
    assert_eq!(line_chart(&c).matches("vg-marker").count(), 0);
}
