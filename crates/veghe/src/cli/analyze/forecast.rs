//! `veghe analyze forecast`: weekly or monthly counts (a series, or events counted per period),
//! every model's forecast with prediction intervals and rolling-origin MASE, change points and the
//! last period's changes, as JSON or CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use veghe_analytics::series::calendar::{Period, iso_date};
use veghe_analytics::series::changepoint::{ChangeOptions, pelt};
use veghe_analytics::series::compare::{CountChange, last_changes};
use veghe_analytics::series::{BacktestParams, Model, ModelForecast, backtest_threads, forecast};

use super::series_input::{read_series, today};
use super::{Format, bar};

#[derive(clap::Args)]
pub struct ForecastArgs {
    /// A series (one row per period: date of the period's start, count) or, with --events, one row
    /// per event (a date).
    #[arg(long)]
    pub(super) input: PathBuf,
    /// Each row is an event: count them per --period.
    #[arg(long)]
    pub(super) events: bool,
    /// week (ISO weeks, Monday to Sunday) or month (calendar months).
    #[arg(long, default_value = "week")]
    period: String,
    /// Column of the date (YYYY-MM-DD or DD.MM.YYYY).
    #[arg(long, default_value = "date")]
    pub(super) date_col: String,
    /// Column of the count (a series only).
    #[arg(long, default_value = "count")]
    pub(super) count_col: String,
    /// Season length in periods (default 52 for weeks, 12 for months).
    #[arg(long)]
    season: Option<usize>,
    /// Periods to forecast.
    #[arg(long, default_value_t = 13)]
    horizon: usize,
    /// Rolling origins of the back-test.
    #[arg(long, default_value_t = 8)]
    backtest_origins: usize,
    /// Periods between successive origins.
    #[arg(long, default_value_t = 1)]
    backtest_step: usize,
    /// Prediction interval levels, percent, comma-separated.
    #[arg(long, default_value = "80,95")]
    levels: String,
    /// Models, comma-separated: seasonal_naive, ets, mstl_ets.
    #[arg(long, default_value = "seasonal_naive,ets,mstl_ets")]
    models: String,
    /// Penalty per change point (default 2·ln n, on the dispersion-scaled Poisson cost).
    #[arg(long)]
    penalty: Option<f64>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

fn parse_list<T>(text: &str, flag: &str, f: impl Fn(&str) -> Option<T>) -> anyhow::Result<Vec<T>> {
    text.split(',')
        .map(|t| {
            f(t.trim()).ok_or_else(|| anyhow::anyhow!("{flag}: `{}` is not accepted", t.trim()))
        })
        .collect()
}

/// One model's results.
struct Outcome {
    forecast: ModelForecast,
    mase: f64,
    per_origin: Vec<f64>,
}

pub fn run(args: &ForecastArgs) -> anyhow::Result<ExitCode> {
    let period = Period::parse(&args.period).map_err(|e| anyhow::anyhow!("--period: {e}"))?;
    let season = args.season.unwrap_or(period.season());
    if season < 2 {
        anyhow::bail!("--season: {season} is too short (at least 2 periods)");
    }
    if args.horizon == 0 {
        anyhow::bail!("--horizon: at least 1 period");
    }
    let levels = parse_list(&args.levels, "--levels", |t| {
        t.parse::<f64>()
            .ok()
            .filter(|l| *l > 0.0 && *l < 100.0)
            .map(|l| l / 100.0)
    })?;
    let models = parse_list(&args.models, "--models", |t| Model::parse(t).ok())?;
    let series = read_series(args, period)?;
    let y: Vec<f64> = series.counts.iter().map(|c| *c as f64).collect();
    let n = y.len();
    if n < 2 * season {
        anyhow::bail!(
            "--season {season}: the series has {n} periods; at least two seasons ({}) are needed",
            2 * season
        );
    }
    let params = BacktestParams {
        season,
        horizon: args.horizon,
        origins: args.backtest_origins,
        step: args.backtest_step,
    };
    for &m in &models {
        params.ends(n, m).map_err(|e| {
            anyhow::anyhow!(
                "--backtest-origins/--horizon: {e}; ask for fewer origins or a shorter horizon"
            )
        })?;
    }
    let progress = bar(models.len() * (args.backtest_origins + 1));
    let mut outcomes = Vec::new();
    for &m in &models {
        let b = backtest_threads(m, &y, &params, 0, &|| progress.inc(1))
            .map_err(|e| anyhow::anyhow!("{} back-test: {e}", m.name()))?;
        let f = forecast(m, &y, season, args.horizon, &levels)?;
        progress.inc(1);
        outcomes.push(Outcome {
            forecast: f,
            mase: b.mase,
            per_origin: b.per_origin,
        });
    }
    progress.finish_and_clear();
    let changes = last_changes(&series.counts, season)?;
    let cp = pelt(
        &y,
        &ChangeOptions {
            penalty: args.penalty,
            season: Some(season),
            ..ChangeOptions::default()
        },
    )?;
    let label = |i: usize| period.label(series.starts[i]);
    let mut future = Vec::with_capacity(args.horizon);
    let mut s = series.starts[n - 1];
    for _ in 0..args.horizon {
        s = period.next(s);
        future.push(s);
    }
    let mean = y.iter().sum::<f64>() / n as f64;
    let per_month = match period {
        Period::Week => mean * 365.25 / 12.0 / 7.0,
        Period::Month => mean,
    };
    let mut notes = vec![
        "bounds below zero are shown as 0 (counts cannot be negative)".to_string(),
        format!(
            "MASE: mean absolute error over the horizon divided by the in-sample mean absolute \
             seasonal difference (lag {season}) of each origin's training values, averaged over \
             {} origins {} period(s) apart; below 1 beats the in-sample seasonal naive",
            args.backtest_origins, args.backtest_step
        ),
    ];
    if per_month < 30.0 {
        notes.push(format!(
            "few counts ({per_month:.1} a month on average, fewer than 30): forecasts of such \
             series are poor; read the intervals rather than the points"
        ));
    }
    if series.starts[n - 1] == period.start_of(today()) {
        notes.push(format!(
            "the last period ({}) is not over yet",
            label(n - 1)
        ));
    }
    match args.format {
        Format::Json => {
            let change = |c: &Option<CountChange>| {
                c.as_ref().map(|c| {
                    serde_json::json!({
                        "now": c.now, "before": c.before, "difference": c.difference,
                        "percent": c.percent, "rate_ratio": c.rate_ratio, "p_value": c.p_value,
                    })
                })
            };
            let bounds = cp.points.iter().enumerate().map(|(k, &i)| {
                serde_json::json!({
                    "period": label(i), "index": i,
                    "mean_before": cp.means[k], "mean_after": cp.means[k + 1],
                })
            });
            let out = serde_json::json!({
                "input": args.input.display().to_string(),
                "period": if period == Period::Week { "week" } else { "month" },
                "season": season,
                "horizon": args.horizon,
                "levels": levels,
                "first": label(0),
                "last": label(n - 1),
                "observations": n,
                "mean_per_period": mean,
                "backtest": {"origins": args.backtest_origins, "step": args.backtest_step},
                "models": outcomes.iter().map(|o| model_json(o, period, &future)).collect::<Vec<_>>(),
                "best": outcomes.iter().min_by(|a, b| a.mase.total_cmp(&b.mase)).map(|o| o.forecast.model.name()),
                "changes": {
                    "period_on_period": change(&changes.period_on_period),
                    "year_on_year": change(&changes.year_on_year),
                },
                "change_points": bounds.collect::<Vec<_>>(),
                "change_point_method": "PELT, Poisson cost over the seasonal index, scaled by the dispersion",
                "change_point_penalty": cp.penalty,
                "dispersion": cp.dispersion,
                "notes": notes,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        Format::Csv => {
            let mut header = "model,spec,step,period,start,point".to_string();
            for l in &levels {
                let p = pct(*l);
                header.push_str(&format!(",lower_{p},upper_{p}"));
            }
            println!("{header},mase");
            for o in &outcomes {
                let f = &o.forecast;
                for (j, start) in future.iter().enumerate() {
                    let mut line = format!(
                        "{},{},{},{},{},{}",
                        f.model.name(),
                        f.spec,
                        j + 1,
                        period.label(*start),
                        iso_date(*start),
                        f.point[j].max(0.0)
                    );
                    for iv in &f.intervals {
                        line.push_str(&format!(
                            ",{},{}",
                            iv.lower[j].max(0.0),
                            iv.upper[j].max(0.0)
                        ));
                    }
                    println!("{line},{}", o.mase);
                }
            }
            for note in &notes {
                eprintln!("note: {note}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `80` for 0.8, `97.5` for 0.975.
fn pct(level: f64) -> String {
    let p = (level * 1000.0).round() / 10.0;
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        format!("{p}")
    }
}

fn model_json(o: &Outcome, period: Period, future: &[i64]) -> serde_json::Value {
    let f = &o.forecast;
    let steps: Vec<serde_json::Value> = future
        .iter()
        .enumerate()
        .map(|(j, start)| {
            let mut v = serde_json::json!({
                "step": j + 1,
                "period": period.label(*start),
                "start": iso_date(*start),
                "point": f.point[j].max(0.0),
            });
            for iv in &f.intervals {
                let p = pct(iv.level);
                v[format!("lower_{p}")] = iv.lower[j].max(0.0).into();
                v[format!("upper_{p}")] = iv.upper[j].max(0.0).into();
            }
            v
        })
        .collect();
    serde_json::json!({
        "model": f.model.name(),
        "spec": f.spec,
        "mase": o.mase,
        "mase_per_origin": o.per_origin,
        "forecast": steps,
    })
}
