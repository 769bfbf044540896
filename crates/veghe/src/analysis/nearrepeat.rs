//! Near-repeat analysis of the filtered incidents: the Knox table (Near Repeat Calculator's
//! semantics) with each significant cell read in plain words.

use serde::Serialize;
use veghe_analytics::crs::{UtmZone, to_utm};
use veghe_analytics::knox::{Event, KnoxParams, KnoxResult, Metric, knox};

use super::filter::{Incident, RawQuery, number};
use crate::error::{AppError, AppResult};
use crate::web::Lang;

pub const SEED: u64 = 1;

/// The parameters, NRC's defaults otherwise.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Params {
    pub distance_band: f64,
    pub distance_bands: usize,
    pub time_band: i64,
    pub time_bands: usize,
    pub iterations: usize,
    pub metric: String,
    pub seed: u64,
}

impl Params {
    pub fn parse(q: &RawQuery) -> AppResult<Params> {
        Ok(Params {
            distance_band: number(&q.distance_band, "distance_band", 10.0, 2000.0, 100.0)?,
            distance_bands: 3,
            time_band: number(&q.time_band, "time_band", 1i64, 60, 7)?,
            time_bands: 3,
            iterations: number(&q.iterations, "iterations", 2usize, 999, 20)?,
            metric: "manhattan".into(),
            seed: SEED,
        })
    }
}

/// The table and its readings.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct NearRepeat {
    pub params: Params,
    pub events: usize,
    pub distance_bands: Vec<String>,
    pub time_bands: Vec<String>,
    pub observed: Vec<Vec<u64>>,
    pub expected: Vec<Vec<f64>>,
    pub knox_ratio: Vec<Vec<Option<f64>>>,
    pub p_value: Vec<Vec<f64>>,
    /// Plain-language readings of the cells with p ≤ 0.05 and a ratio above 1, Romanian.
    pub readings_ro: Vec<String>,
    /// The same in English.
    pub readings_en: Vec<String>,
    /// The first row within the first band and the first time band, whatever its p-value.
    pub headline_ro: String,
    pub headline_en: String,
}

impl NearRepeat {
    pub fn readings(&self, lang: &Lang) -> &[String] {
        if *lang == Lang::Ro {
            &self.readings_ro
        } else {
            &self.readings_en
        }
    }
    pub fn headline(&self, lang: &Lang) -> &str {
        if *lang == Lang::Ro {
            &self.headline_ro
        } else {
            &self.headline_en
        }
    }
}

/// Knox events of the incidents with a location (UTM 34N metres, local days).
pub fn events(incidents: &[Incident]) -> Vec<Event> {
    incidents
        .iter()
        .filter_map(|i| {
            let (x, y) = to_utm(i.lon?, i.lat?, UtmZone::Z34N).ok()?;
            Some(Event { x, y, day: i.day })
        })
        .collect()
}

/// Runs the test (CPU-bound); `progress(done, total)` is told the iterations done.
pub fn compute(
    incidents: &[Incident],
    p: &Params,
    progress: &dyn Fn(u64, u64),
) -> AppResult<NearRepeat> {
    let ev = events(incidents);
    let kp = KnoxParams {
        distance_band: p.distance_band,
        distance_bands: p.distance_bands,
        time_band: p.time_band,
        time_bands: p.time_bands,
        metric: Metric::Manhattan,
        iterations: p.iterations,
        seed: p.seed,
        threads: 0,
    };
    let total = p.iterations as u64;
    progress(0, total);
    let r: KnoxResult = knox(&ev, &kp, &|done| progress(done as u64, total))
        .map_err(|e| AppError::bad("type", e.to_string()))?;
    let mut readings_ro = Vec::new();
    let mut readings_en = Vec::new();
    for (i, row) in r.p_value.iter().enumerate() {
        for (j, pv) in row.iter().enumerate() {
            let up = r.knox_ratio[i][j].is_some_and(|v| v > 1.0);
            if *pv <= 0.05 && up && j + 1 < r.time_labels.len() && i + 1 < r.distance_labels.len() {
                readings_ro.extend(r.reading(i, j, true));
                readings_en.extend(r.reading(i, j, false));
            }
        }
    }
    Ok(NearRepeat {
        params: p.clone(),
        events: r.events,
        headline_ro: r.reading(1, 0, true).unwrap_or_default(),
        headline_en: r.reading(1, 0, false).unwrap_or_default(),
        distance_bands: r.distance_labels,
        time_bands: r.time_labels,
        observed: r.observed,
        expected: r.expected,
        knox_ratio: r.knox_ratio,
        p_value: r.p_value,
        readings_ro,
        readings_en,
    })
}

/// CSV: one line per cell; `#` lines state filter and parameters.
pub fn csv(r: &NearRepeat, described: &str) -> String {
    let p = &r.params;
    let mut out = format!(
        "# {described}\n# {} events; distance band {} m x {}, time band {} days x {}, {} metric, {} iterations, seed {}\n",
        r.events,
        p.distance_band,
        p.distance_bands,
        p.time_band,
        p.time_bands,
        p.metric,
        p.iterations,
        p.seed
    );
    out.push_str("distance_band,time_band,observed,expected,knox_ratio,p_value\n");
    for (i, d) in r.distance_bands.iter().enumerate() {
        for (j, t) in r.time_bands.iter().enumerate() {
            let ratio = r.knox_ratio[i][j].map_or(String::new(), |v| format!("{v:.4}"));
            out.push_str(&format!(
                "\"{d}\",\"{t}\",{},{:.4},{ratio},{:.4}\n",
                r.observed[i][j], r.expected[i][j], r.p_value[i][j]
            ));
        }
    }
    out
}
