//! The near-repeat (Knox) analysis of a file of events, as `veghe analyze knox` prints it.

use serde_json::{Value, json};
use veghe_analytics::knox::{Event, KnoxResult};

use super::input::Row;

/// Turns read rows into Knox events, naming the first row without a date.
pub fn events(rows: &[Row]) -> Result<Vec<Event>, String> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            r.day
                .map(|day| Event {
                    x: r.x,
                    y: r.y,
                    day,
                })
                .ok_or_else(|| format!("row {} has no date", i + 1))
        })
        .collect()
}

/// The JSON answer: bands, observed pairs, Knox ratios and p-values, with the parameters used.
/// Rows are: same location, each distance band, more than; columns: each time band, more than.
pub fn to_json(r: &KnoxResult) -> Value {
    let metric = match r.params.metric {
        veghe_analytics::knox::Metric::Manhattan => "manhattan",
        veghe_analytics::knox::Metric::Euclidean => "euclidean",
    };
    json!({
        "distance_bands": r.distance_labels,
        "time_bands": r.time_labels,
        "observed": r.observed,
        "expected": r.expected,
        "knox_ratio": r.knox_ratio,
        "p_value": r.p_value,
        "simulated_min": r.sim_min,
        "simulated_max": r.sim_max,
        "events": r.events,
        "pairs": r.total_pairs,
        "parameters": {
            "distance_band": r.params.distance_band,
            "distance_bands": r.params.distance_bands,
            "time_band": r.params.time_band,
            "time_bands": r.params.time_bands,
            "metric": metric,
            "iterations": r.params.iterations,
            "permutations": r.permutations,
            "seed": r.params.seed,
        },
    })
}

/// A CSV table of the same results, one line per cell.
pub fn to_csv(r: &KnoxResult) -> String {
    let mut out = String::from("distance_band,time_band,observed,expected,knox_ratio,p_value\n");
    for (i, d) in r.distance_labels.iter().enumerate() {
        for (j, t) in r.time_labels.iter().enumerate() {
            let ratio = r.knox_ratio[i][j].map_or(String::new(), |v| format!("{v:.4}"));
            out.push_str(&format!(
                "\"{d}\",\"{t}\",{},{:.4},{ratio},{:.4}\n",
                r.observed[i][j], r.expected[i][j], r.p_value[i][j]
            ));
        }
    }
    out
}
