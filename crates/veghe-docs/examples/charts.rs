//! Writes sample charts as SVG files for a visual check:
//! `cargo run -p veghe-docs --example charts -- /tmp` gives `/tmp/vg-chart-*.svg`.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use veghe_docs::svg::{BarChart, LineChart, Series, bar_chart, line_chart};

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "/tmp".to_owned()));
    let months = [
        "ian.", "feb.", "mar.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.",
        "dec.",
    ];
    let bars = BarChart {
        title: "Sesizări pe lună, 2025".into(),
        description: String::new(),
        labels: months.iter().map(|m| m.to_string()).collect(),
        values: vec![
            1234.0,
            1410.5,
            987.0,
            1702.0,
            2045.0,
            1880.0,
            2310.0,
            2150.0,
            1675.0,
            1420.0,
            f64::NAN,
            1190.0,
        ],
        width: 720,
        height: 360,
        unit: "sesizări".into(),
    };
    let observed: Vec<f64> = (0..20)
        .map(|d| 40.0 + 8.0 * (f64::from(d) / 2.5).sin() + f64::from(d) * 0.6)
        .collect();
    let mut forecast = vec![f64::NAN; 19];
    forecast.extend((19..30).map(|d| 52.0 + (f64::from(d) - 19.0) * 0.7));
    let lower: Vec<f64> = forecast
        .iter()
        .enumerate()
        .map(|(i, v)| v - (i as f64 - 18.0) * 1.2)
        .collect();
    let upper: Vec<f64> = forecast
        .iter()
        .enumerate()
        .map(|(i, v)| v + (i as f64 - 18.0) * 1.2)
        .collect();
    let lines = LineChart {
        title: "Apeluri zilnice și prognoză — Zona <Centru> & \"Fabric\"".into(),
        description: String::new(),
        labels: (1..=30).map(|d| format!("{d} iunie")).collect(),
        series: vec![
            Series {
                name: "Observat".into(),
                values: observed,
            },
            Series {
                name: "Prognoză".into(),
                values: forecast,
            },
        ],
        band: Some((lower, upper)),
        width: 720,
        height: 360,
        unit: "apeluri".into(),
    };
    let empty = BarChart {
        title: "Fără date".into(),
        ..BarChart::default()
    };
    let narrow = BarChart {
        title: "Variație față de anul trecut, pe cartiere (diferență procentuală)".into(),
        description: String::new(),
        labels: (0..40)
            .map(|i| format!("Cartierul cu nume lung nr. {i} <b>"))
            .collect(),
        values: (0..40).map(|i| f64::from(i * 7 % 23) - 9.5).collect(),
        width: 360,
        height: 240,
        unit: "%".into(),
    };
    for (name, svg) in [
        ("narrow", bar_chart(&narrow)),
        ("bar", bar_chart(&bars)),
        ("line", line_chart(&lines)),
        ("empty", bar_chart(&empty)),
    ] {
        std::fs::write(dir.join(format!("vg-chart-{name}.svg")), svg)?;
    }
    Ok(())
}
