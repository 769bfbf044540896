//! The operational situation: the last seven days against the same days a year before and the four
//! weeks before, per type and per neighbourhood, with exact Poisson tests and recent change points.

use std::collections::BTreeMap;

use serde::Serialize;
use veghe_analytics::series::changepoint::{ChangeOptions, pelt};
use veghe_analytics::series::compare::compare_counts;

use super::filter::{Filter, Incident, iso};
use crate::error::{AppError, AppResult};

/// Significance level of the anomaly flag.
pub const ALPHA: f64 = 0.01;
/// Weeks of history searched for change points.
pub const HISTORY_WEEKS: i64 = 104;

/// One line: a type or a neighbourhood.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Line {
    pub name: String,
    /// Incidents in the current week.
    pub now: u64,
    /// The same seven days 52 weeks earlier.
    pub last_year: u64,
    /// Mean per week over the four weeks before.
    pub four_weeks_mean: f64,
    pub yoy_percent: Option<f64>,
    /// Exact test of now against last year (conditional binomial, equal exposure).
    pub yoy_p: f64,
    pub four_weeks_percent: Option<f64>,
    /// Exact test of now against the four weeks before (exposure 1 : 4).
    pub four_weeks_p: f64,
    /// `up`, `down` or empty: a significant change on either comparison at [`ALPHA`].
    pub anomaly: String,
    /// Start of the latest change in weekly level within the last 13 weeks, if any (ISO date).
    pub change_point: Option<String>,
}

/// The page's content.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Situation {
    /// The current week: seven days ending on the filter's last day.
    pub week_from: String,
    pub week_to: String,
    pub last_year_from: String,
    pub last_year_to: String,
    pub four_weeks_from: String,
    pub alpha: f64,
    pub total: Line,
    pub by_type: Vec<Line>,
    pub by_area: Vec<Line>,
}

fn line(name: String, days: &[i64], end: i64) -> AppResult<Line> {
    let week = |k: i64| -> u64 {
        let hi = end - 7 * k;
        days.iter().filter(|d| **d > hi - 7 && **d <= hi).count() as u64
    };
    let now = week(0);
    let last_year = week(52);
    let four: u64 = (1..=4).map(week).sum();
    let bad = |e: veghe_analytics::series::SeriesError| AppError::Internal(anyhow::anyhow!(e));
    let yoy = compare_counts(now, last_year, 1.0, 1.0).map_err(bad)?;
    let fw = compare_counts(now, four, 1.0, 4.0).map_err(bad)?;
    let four_mean = four as f64 / 4.0;
    let dir = |c: &veghe_analytics::series::compare::CountChange, base: f64| {
        (c.p_value < ALPHA).then_some(if now as f64 > base { "up" } else { "down" })
    };
    let anomaly = dir(&fw, four_mean)
        .or(dir(&yoy, last_year as f64))
        .unwrap_or("");
    let weekly: Vec<f64> = (0..HISTORY_WEEKS).rev().map(|k| week(k) as f64).collect();
    let change_point = pelt(
        &weekly,
        &ChangeOptions {
            season: Some(52),
            ..ChangeOptions::default()
        },
    )
    .ok()
    .and_then(|c| c.points.last().copied())
    .filter(|&i| i as i64 >= HISTORY_WEEKS - 13)
    .map(|i| iso(end - 7 * (HISTORY_WEEKS - 1 - i as i64) - 6));
    Ok(Line {
        name,
        now,
        last_year,
        four_weeks_mean: four_mean,
        yoy_percent: yoy.percent,
        yoy_p: yoy.p_value,
        four_weeks_percent: (four > 0).then(|| 100.0 * (now as f64 - four_mean) / four_mean),
        four_weeks_p: fw.p_value,
        anomaly: anomaly.into(),
        change_point,
    })
}

/// Computes the page; `incidents` must reach back [`HISTORY_WEEKS`] weeks before the filter's end.
pub fn compute(incidents: &[Incident], filter: &Filter) -> AppResult<Situation> {
    let end = filter.to_day;
    let mut by_type: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    let mut by_area: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for i in incidents {
        by_type.entry(i.kind.as_str()).or_default().push(i.day);
        by_area
            .entry(i.area.as_deref().unwrap_or("—"))
            .or_default()
            .push(i.day);
    }
    let all: Vec<i64> = incidents.iter().map(|i| i.day).collect();
    let lines = |m: BTreeMap<&str, Vec<i64>>| -> AppResult<Vec<Line>> {
        let mut v = m
            .into_iter()
            .map(|(k, d)| line(k.to_string(), &d, end))
            .collect::<AppResult<Vec<Line>>>()?;
        v.sort_by(|a, b| b.now.cmp(&a.now).then(a.name.cmp(&b.name)));
        Ok(v)
    };
    Ok(Situation {
        week_from: iso(end - 6),
        week_to: iso(end),
        last_year_from: iso(end - 364 - 6),
        last_year_to: iso(end - 364),
        four_weeks_from: iso(end - 34),
        alpha: ALPHA,
        total: line("total".into(), &all, end)?,
        by_type: lines(by_type)?,
        by_area: lines(by_area)?,
    })
}

/// CSV of both tables.
pub fn csv(s: &Situation, described: &str) -> String {
    let mut out = format!(
        "# {described}\n# week {}..{}; same week last year {}..{}; four weeks from {}; alpha {}\n",
        s.week_from, s.week_to, s.last_year_from, s.last_year_to, s.four_weeks_from, s.alpha
    );
    out.push_str(
        "group,name,now,last_year,yoy_p,four_weeks_mean,four_weeks_p,anomaly,change_point\n",
    );
    let rows = std::iter::once(("total", &s.total))
        .chain(s.by_type.iter().map(|l| ("type", l)))
        .chain(s.by_area.iter().map(|l| ("area", l)));
    for (g, l) in rows {
        out.push_str(&format!(
            "{g},\"{}\",{},{},{:.4},{:.2},{:.4},{},{}\n",
            l.name.replace('"', "\"\""),
            l.now,
            l.last_year,
            l.yoy_p,
            l.four_weeks_mean,
            l.four_weeks_p,
            l.anomaly,
            l.change_point.as_deref().unwrap_or("")
        ));
    }
    out
}
