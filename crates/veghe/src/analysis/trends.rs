//! Trends of the filtered incidents: weekly or monthly counts, the seasonal profile, forecasts with
//! 80% and 95% bands, rolling-origin back-tests (MASE) and change points, with an SVG chart.

use serde::Serialize;
use veghe_analytics::series::calendar::civil_from_days;
use veghe_analytics::series::changepoint::{ChangeOptions, pelt};
use veghe_analytics::series::{
    BacktestParams, Model, Period, aggregate, backtest_threads, forecast,
};
use veghe_docs::svg::{self, BarChart, LineChart, Marker, Series};

use super::filter::{Filter, Incident, RawQuery};
use crate::error::{AppError, AppResult};
use crate::web::Lang;

/// One model's forecast and back-test.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ModelOut {
    pub model: String,
    pub point: Vec<f64>,
    pub lower_95: Vec<f64>,
    pub upper_95: Vec<f64>,
    /// Mean MASE over the back-test origins (seasonal-naive scale); `None` when the series is too short.
    pub mase: Option<f64>,
    /// Why the model could not run, if it could not.
    pub error: Option<String>,
}

/// The result.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Trends {
    /// `week` or `month`.
    pub period: String,
    pub season: usize,
    pub horizon: usize,
    pub backtest_origins: usize,
    /// Complete periods inside the window.
    pub labels: Vec<String>,
    pub counts: Vec<u64>,
    /// Labels of the forecast periods.
    pub forecast_labels: Vec<String>,
    pub models: Vec<ModelOut>,
    /// The model with the lowest back-test MASE (drawn on the chart).
    pub best: Option<String>,
    /// Indices into `counts` where a new level starts.
    pub change_points: Vec<usize>,
    /// Segment means (seasonally adjusted when two seasons are present).
    pub segment_means: Vec<f64>,
    /// Mean count per calendar month, January first.
    pub month_profile: Vec<f64>,
    pub incidents: usize,
}

/// Parses `period` (week or month).
pub fn period_of(q: &RawQuery) -> AppResult<Period> {
    match q.period.as_deref().map(str::trim).unwrap_or("") {
        "" | "week" => Ok(Period::Week),
        "month" => Ok(Period::Month),
        t => Err(AppError::bad(
            "period",
            format!("period: `{t}` is not week or month"),
        )),
    }
}

fn name(p: Period) -> &'static str {
    if p == Period::Week { "week" } else { "month" }
}

/// Runs the analysis (CPU-bound).
pub fn compute(incidents: &[Incident], filter: &Filter, period: Period) -> AppResult<Trends> {
    let season = period.season();
    let horizon = if period == Period::Week { 13 } else { 6 };
    let mut days: Vec<i64> = incidents.iter().map(|i| i.day).collect();
    // The window's ends, so empty periods at either end still count as zero.
    days.push(filter.from_day);
    days.push(filter.to_day);
    let mut buckets = aggregate(&days, period).map_err(|e| AppError::bad("from", e.to_string()))?;
    for b in &mut buckets {
        if b.start <= filter.from_day && filter.from_day < period.next(b.start) {
            b.count -= 1;
        }
        if b.start <= filter.to_day && filter.to_day < period.next(b.start) {
            b.count -= 1;
        }
    }
    // Only complete periods.
    buckets.retain(|b| b.start >= filter.from_day && period.next(b.start) - 1 <= filter.to_day);
    let counts: Vec<u64> = buckets.iter().map(|b| b.count).collect();
    let y: Vec<f64> = counts.iter().map(|c| *c as f64).collect();
    let mut forecast_labels = Vec::new();
    let mut s = buckets
        .last()
        .map_or(filter.to_day, |b| period.next(b.start));
    for _ in 0..horizon {
        forecast_labels.push(period.label(s));
        s = period.next(s);
    }
    let origins = 4;
    // Origins half a horizon apart, so three years of months still hold four of them.
    let bt = BacktestParams {
        season,
        horizon,
        origins,
        step: (horizon / 2).max(1),
    };
    let models: Vec<ModelOut> = [Model::SeasonalNaive, Model::Ets]
        .into_iter()
        .map(|m| match forecast(m, &y, season, horizon, &[0.95]) {
            Ok(f) => {
                let (lower_95, upper_95) = f
                    .intervals
                    .first()
                    .map(|i| (i.lower.clone(), i.upper.clone()))
                    .unwrap_or_default();
                ModelOut {
                    model: m.name().into(),
                    point: f.point,
                    lower_95,
                    upper_95,
                    mase: backtest_threads(m, &y, &bt, 0, &|| {})
                        .ok()
                        .map(|b| b.mase)
                        .filter(|v| v.is_finite()),
                    error: None,
                }
            }
            Err(e) => ModelOut {
                model: m.name().into(),
                point: Vec::new(),
                lower_95: Vec::new(),
                upper_95: Vec::new(),
                mase: None,
                error: Some(e.to_string()),
            },
        })
        .collect();
    let best = models
        .iter()
        .filter(|m| m.error.is_none())
        .min_by(|a, b| {
            a.mase
                .unwrap_or(f64::INFINITY)
                .total_cmp(&b.mase.unwrap_or(f64::INFINITY))
        })
        .map(|m| m.model.clone());
    let opts = ChangeOptions {
        season: (y.len() >= 2 * season).then_some(season),
        ..ChangeOptions::default()
    };
    let (change_points, segment_means) = match pelt(&y, &opts) {
        Ok(c) => (c.points, c.means),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let mut sums = [0.0f64; 12];
    let mut seen = [0.0f64; 12];
    for b in &buckets {
        let m = civil_from_days(b.start).1 as usize - 1;
        sums[m] += b.count as f64;
        seen[m] += 1.0;
    }
    let month_profile = (0..12)
        .map(|m| {
            if seen[m] > 0.0 {
                sums[m] / seen[m]
            } else {
                f64::NAN
            }
        })
        .collect();
    Ok(Trends {
        period: name(period).into(),
        season,
        horizon,
        backtest_origins: origins,
        labels: buckets.iter().map(|b| b.label.clone()).collect(),
        counts,
        forecast_labels,
        models,
        best,
        change_points,
        segment_means,
        month_profile,
        incidents: incidents.len(),
    })
}

/// The counts, the best model's forecast and its 95% band, change points marked.
pub fn chart(t: &Trends, lang: Lang) -> String {
    let ro = lang == Lang::Ro;
    let n = t.counts.len();
    let best = t.models.iter().find(|m| Some(&m.model) == t.best.as_ref());
    let mut observed: Vec<f64> = t.counts.iter().map(|c| *c as f64).collect();
    let mut forecast = vec![f64::NAN; n];
    let (mut lo, mut hi) = (vec![f64::NAN; n], vec![f64::NAN; n]);
    if let Some(m) = best {
        if let Some(last) = observed.last().copied() {
            forecast[n - 1] = last;
        }
        forecast.extend(&m.point);
        lo.extend(&m.lower_95);
        hi.extend(&m.upper_95);
        observed.extend(vec![f64::NAN; m.point.len()]);
    }
    let mut labels = t.labels.clone();
    labels.extend(
        t.forecast_labels
            .iter()
            .take(forecast.len().saturating_sub(n))
            .cloned(),
    );
    let unit = if ro { "incidente" } else { "incidents" };
    let title = if ro {
        format!(
            "Incidente pe {}",
            if t.period == "week" {
                "săptămână"
            } else {
                "lună"
            }
        )
    } else {
        format!("Incidents per {}", t.period)
    };
    let description = if ro {
        format!(
            "{n} perioade observate, prognoză pe {} perioade cu interval de 95%, {} puncte de schimbare marcate.",
            t.horizon,
            t.change_points.len()
        )
    } else {
        format!(
            "{n} observed periods, a {}-period forecast with its 95% interval, {} change points marked.",
            t.horizon,
            t.change_points.len()
        )
    };
    let c = LineChart {
        title,
        description,
        labels: labels.clone(),
        series: vec![
            Series {
                name: if ro { "Observat" } else { "Observed" }.into(),
                values: observed,
            },
            Series {
                name: format!(
                    "{} {}",
                    if ro { "Prognoză" } else { "Forecast" },
                    best.map_or("", |m| m.model.as_str())
                ),
                values: forecast,
            },
        ],
        band: Some((lo, hi)),
        width: 900,
        height: 360,
        unit: unit.into(),
    };
    let markers: Vec<Marker> = t
        .change_points
        .iter()
        .map(|&i| Marker {
            index: i,
            label: format!(
                "{}: {}",
                if ro { "schimbare" } else { "change" },
                labels.get(i).cloned().unwrap_or_default()
            ),
        })
        .collect();
    svg::line_chart_marked(&c, &markers)
}

/// The mean count per calendar month.
pub fn profile_chart(t: &Trends, lang: Lang) -> String {
    let ro = lang == Lang::Ro;
    let months_ro = [
        "ian", "feb", "mar", "apr", "mai", "iun", "iul", "aug", "sep", "oct", "noi", "dec",
    ];
    let months_en = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let labels = if ro { months_ro } else { months_en };
    svg::bar_chart(&BarChart {
        title: if ro {
            format!(
                "Profil sezonier: media pe {} în fiecare lună",
                if t.period == "week" {
                    "săptămână"
                } else {
                    "lună"
                }
            )
        } else {
            format!("Seasonal profile: mean per {} in each month", t.period)
        },
        description: String::new(),
        labels: labels.iter().map(|s| (*s).to_string()).collect(),
        values: t.month_profile.clone(),
        width: 640,
        height: 280,
        unit: if ro { "incidente" } else { "incidents" }.into(),
    })
}

/// CSV: one line per period, observed then forecast; `#` lines state filter and parameters.
pub fn csv(t: &Trends, described: &str) -> String {
    let mut out = format!(
        "# {described}\n# period {}, season {}, horizon {}, back-test origins {}, best model {}\n",
        t.period,
        t.season,
        t.horizon,
        t.backtest_origins,
        t.best.as_deref().unwrap_or("-")
    );
    for m in &t.models {
        out.push_str(&format!(
            "# {} MASE {}\n",
            m.model,
            m.mase.map_or("-".into(), |v| format!("{v:.4}"))
        ));
    }
    out.push_str("period,count,change_point,forecast,lower_95,upper_95\n");
    for (i, (l, c)) in t.labels.iter().zip(&t.counts).enumerate() {
        let cp = if t.change_points.contains(&i) { 1 } else { 0 };
        out.push_str(&format!("{l},{c},{cp},,,\n"));
    }
    if let Some(m) = t.models.iter().find(|m| Some(&m.model) == t.best.as_ref()) {
        for (j, l) in t.forecast_labels.iter().enumerate() {
            let g = |v: &Vec<f64>| v.get(j).map_or(String::new(), |x| format!("{x:.3}"));
            out.push_str(&format!(
                "{l},,0,{},{},{}\n",
                g(&m.point),
                g(&m.lower_95),
                g(&m.upper_95)
            ));
        }
    }
    out
}
