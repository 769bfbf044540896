//! `veghe analyze …`: the analyst's command line — CSV in, JSON or CSV out, progress on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use veghe_analytics::crs::{CrsError, UtmZone, to_stereo70, to_utm};
use veghe_analytics::grid::{Grid, hotspots};
use veghe_analytics::kde::{KdeOptions, Kernel, kde_grid};
use veghe_analytics::knox::{KnoxParams, Metric, knox};
use veghe_analytics::weights::WeightsSpec;

use crate::analysis::input::{Columns, Row, read};

mod forecast;
mod series_input;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MetricArg {
    Manhattan,
    Euclidean,
}

/// How the coordinates of an analyst's CSV are given.
#[derive(Clone, Copy, ValueEnum)]
pub enum CrsArg {
    /// Projected metres (Stereo 70, UTM …): used as they are.
    Metres,
    /// WGS 84 longitude (x) and latitude (y) in degrees: projected to the UTM zone of the points'
    /// mean longitude (34N, EPSG:32634, for Timișoara) before any distance is measured.
    #[value(alias = "wgs84-utm")]
    Wgs84,
    /// WGS 84 longitude (x) and latitude (y) in degrees: projected to Stereo 70 (EPSG:3844,
    /// Romania's grid; PROJ's default datum shift, the result within 1 mm of PROJ's).
    #[value(name = "wgs84-stereo70")]
    Wgs84Stereo70,
}

#[derive(Subcommand)]
pub enum AnalyzeCommand {
    /// Forecasts of weekly or monthly counts: the seasonal naive, ETS and MSTL + ETS with prediction
    /// intervals and rolling-origin back-tests scored by MASE, change points and the last period
    /// against the one before and the same period a season earlier.
    Forecast(forecast::ForecastArgs),
    /// Hot spots on a grid: Getis-Ord Gi* and Local Moran's I with permutation p-values, CSV
    /// with `col,row,count,gi_z,gi_p,moran_i,moran_z,moran_p,class` for every cell.
    Hotspots {
        #[arg(long)]
        input: PathBuf,
        #[command(flatten)]
        cols: PointColumns,
        /// Cell size, metres (the grid's origin is the minimum x and y floored to it).
        #[arg(long)]
        cell: f64,
        /// queen, rook or distance:D (metres).
        #[arg(long, default_value = "queen")]
        weights: String,
        #[arg(long, default_value_t = 999)]
        permutations: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// How well a hot-spot map made from earlier events predicts later ones: PAI and PEI* at
    /// the given shares of area (DOMAIN §9), as JSON. The map is the earlier events' counts
    /// per cell (`--method counts`) or their kernel density (`--method kde`).
    Evaluate {
        /// Earlier events: the map is made from these.
        #[arg(long)]
        train: PathBuf,
        /// Later events: the map is judged on these.
        #[arg(long)]
        test: PathBuf,
        #[command(flatten)]
        cols: PointColumns,
        #[arg(long)]
        cell: f64,
        /// counts or kde.
        #[arg(long, default_value = "kde")]
        method: String,
        /// KDE bandwidth, metres (default: the normal-reference rule).
        #[arg(long)]
        bandwidth: Option<f64>,
        /// Shares of area, percent, comma-separated.
        #[arg(long, default_value = "1,2,5")]
        shares: String,
    },
    /// Kernel density at cell centres, events per square kilometre, as CSV.
    Kde {
        #[arg(long)]
        input: PathBuf,
        #[command(flatten)]
        cols: PointColumns,
        #[arg(long)]
        cell: f64,
        /// Bandwidth, metres (default: the normal-reference rule, printed on stderr).
        #[arg(long)]
        bandwidth: Option<f64>,
        /// gaussian or quartic.
        #[arg(long, default_value = "gaussian")]
        kernel: String,
    },
    /// Near-repeat analysis (Knox test) as Ratcliffe's Near Repeat Calculator does it.
    Knox {
        #[arg(long)]
        input: PathBuf,
        #[command(flatten)]
        cols: PointColumns,
        /// Column of the date (YYYY-MM-DD or DD.MM.YYYY).
        #[arg(long)]
        date_col: String,
        /// Width of a distance band, metres.
        #[arg(long)]
        distance_band: f64,
        #[arg(long, default_value_t = 3)]
        distance_bands: usize,
        /// Width of a time band, days.
        #[arg(long)]
        time_band: i64,
        #[arg(long, default_value_t = 3)]
        time_bands: usize,
        #[arg(long, value_enum, default_value_t = MetricArg::Manhattan)]
        metric: MetricArg,
        /// Iterations as the Near Repeat Calculator counts them (the observed arrangement and
        /// iterations − 1 random permutations of the dates).
        #[arg(long, default_value_t = 99)]
        iterations: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

/// A projection from longitude/latitude to metres.
type Projection = dyn Fn(f64, f64) -> Result<(f64, f64), CrsError>;

/// Where the coordinates are in an analyst's CSV (shared by every `analyze` command).
#[derive(clap::Args)]
pub struct PointColumns {
    /// Column of x (projected metres, or longitude with --crs wgs84…); a number when --no-header.
    #[arg(long)]
    x_col: String,
    /// Column of y (projected metres, or latitude with --crs wgs84…).
    #[arg(long)]
    y_col: String,
    /// metres (the default), wgs84 (longitude/latitude, projected to UTM for distances) or
    /// wgs84-stereo70 (longitude/latitude, projected to Stereo 70, EPSG:3844).
    #[arg(long, value_enum, default_value_t = CrsArg::Metres)]
    crs: CrsArg,
    /// The file has no header line: columns are given by number (1 = first).
    #[arg(long)]
    no_header: bool,
}

impl PointColumns {
    fn columns<'a>(&'a self, date: Option<&'a str>) -> Columns<'a> {
        Columns {
            x: &self.x_col,
            y: &self.y_col,
            date,
            no_header: self.no_header,
        }
    }

    /// Reads the file's points, in metres.
    fn points(&self, input: &std::path::Path) -> anyhow::Result<Vec<(f64, f64)>> {
        let rows = self.rows(input, None)?;
        Ok(rows.iter().map(|r| (r.x, r.y)).collect())
    }

    /// Reads the file's rows with their coordinates in metres (projected when --crs wgs84…).
    fn rows(&self, input: &std::path::Path, date: Option<&str>) -> anyhow::Result<Vec<Row>> {
        let mut rows = read(input, &self.columns(date))?;
        let (project, said): (Box<Projection>, String) = match self.crs {
            CrsArg::Metres => return Ok(rows),
            CrsArg::Wgs84 => {
                let mean_lon = rows.iter().map(|r| r.x).sum::<f64>() / rows.len() as f64;
                let mean_lat = rows.iter().map(|r| r.y).sum::<f64>() / rows.len() as f64;
                let zone = UtmZone::of(mean_lon, mean_lat);
                (
                    Box::new(move |x, y| to_utm(x, y, zone)),
                    format!(
                        "UTM zone {}{} (EPSG:{})",
                        zone.number,
                        if zone.north { "N" } else { "S" },
                        zone.epsg()
                    ),
                )
            }
            CrsArg::Wgs84Stereo70 => (Box::new(to_stereo70), "Stereo 70 (EPSG:3844)".into()),
        };
        for (i, r) in rows.iter_mut().enumerate() {
            let (e, n) = project(r.x, r.y).map_err(|e| {
                anyhow::anyhow!(
                    "{}, row {}: {e} (--crs wgs84… wants longitude in --x-col {} and latitude in --y-col {})",
                    input.display(),
                    i + if self.no_header { 1 } else { 2 },
                    self.x_col,
                    self.y_col
                )
            })?;
            (r.x, r.y) = (e, n);
        }
        eprintln!("coordinates projected to {said}");
        Ok(rows)
    }
}

fn bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar
}

pub fn run(c: AnalyzeCommand) -> anyhow::Result<ExitCode> {
    match c {
        AnalyzeCommand::Forecast(args) => forecast::run(&args),
        AnalyzeCommand::Hotspots {
            input,
            cols,
            cell,
            weights,
            permutations,
            seed,
        } => {
            let pts = cols.points(&input)?;
            let spec =
                WeightsSpec::parse(&weights).map_err(|e| anyhow::anyhow!("--weights: {e}"))?;
            let progress = bar(0);
            let rows = hotspots(&pts, cell, spec, permutations, seed, &|done, total| {
                progress.set_length(total as u64);
                progress.set_position(done as u64);
            })?;
            progress.finish_and_clear();
            println!("{}", veghe_analytics::grid::HotspotRow::CSV_HEADER);
            for r in &rows {
                println!("{}", r.csv_line());
            }
            Ok(ExitCode::SUCCESS)
        }
        AnalyzeCommand::Evaluate {
            train,
            test,
            cols,
            cell,
            method,
            bandwidth,
            shares,
        } => {
            let earlier = cols.points(&train)?;
            let later = cols.points(&test)?;
            let shares: Vec<f64> = shares
                .split(',')
                .map(|t| {
                    t.trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|p| *p > 0.0 && *p <= 100.0)
                        .map(|p| p / 100.0)
                        .ok_or_else(|| {
                            anyhow::anyhow!("--shares: `{t}` is not a percentage between 0 and 100")
                        })
                })
                .collect::<anyhow::Result<_>>()?;
            let all: Vec<(f64, f64)> = earlier.iter().chain(later.iter()).copied().collect();
            let grid = Grid::from_points(&all, cell)?;
            let scores: Vec<f64> = match method.as_str() {
                "counts" => grid.counts(&earlier).into_iter().map(f64::from).collect(),
                "kde" => {
                    let opts = KdeOptions {
                        bandwidth,
                        ..KdeOptions::default()
                    };
                    kde_grid(&earlier, None, &grid, &opts)?.values
                }
                other => anyhow::bail!("--method: `{other}` is not counts or kde"),
            };
            let judged =
                veghe_analytics::evaluate::evaluate_shares(&scores, &grid.counts(&later), &shares)?;
            let rows: Vec<serde_json::Value> = judged
                .iter()
                .map(|e| {
                    serde_json::json!({
                        "share_of_area": e.area_share,
                        "cells": e.cells,
                        "total_cells": e.total_cells,
                        "captured": e.captured,
                        "total_events": e.total_events,
                        "hit_rate": e.hit_rate,
                        "pai": e.pai,
                        "best_possible": e.best_possible,
                        "pei_star": e.pei_star,
                    })
                })
                .collect();
            let out = serde_json::json!({
                "method": method,
                "cell": cell,
                "train_events": earlier.len(),
                "test_events": later.len(),
                "evaluations": rows,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
            Ok(ExitCode::SUCCESS)
        }
        AnalyzeCommand::Kde {
            input,
            cols,
            cell,
            bandwidth,
            kernel,
        } => {
            let pts = cols.points(&input)?;
            let grid = Grid::from_points(&pts, cell)?;
            let kernel = Kernel::parse(&kernel).map_err(|e| anyhow::anyhow!("--kernel: {e}"))?;
            let opts = KdeOptions {
                kernel,
                bandwidth,
                ..KdeOptions::default()
            };
            let density = kde_grid(&pts, None, &grid, &opts)?;
            eprintln!("bandwidth: {:.1} m", density.bandwidth);
            println!("col,row,x,y,density_per_km2");
            for row in 0..grid.rows {
                for col in 0..grid.cols {
                    let (x, y) = grid.centre(col, row);
                    let v = density.values[row * grid.cols + col];
                    println!("{col},{row},{x},{y},{v}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        AnalyzeCommand::Knox {
            input,
            cols,
            date_col,
            distance_band,
            distance_bands,
            time_band,
            time_bands,
            metric,
            iterations,
            seed,
            format,
        } => {
            let rows = cols.rows(&input, Some(&date_col))?;
            let events = crate::analysis::knox::events(&rows).map_err(anyhow::Error::msg)?;
            let params = KnoxParams {
                distance_band,
                distance_bands,
                time_band,
                time_bands,
                metric: match metric {
                    MetricArg::Manhattan => Metric::Manhattan,
                    MetricArg::Euclidean => Metric::Euclidean,
                },
                iterations,
                seed,
                threads: 0,
            };
            let progress = bar(iterations.saturating_sub(1));
            let result = knox(&events, &params, &|done| progress.set_position(done as u64))?;
            progress.finish_and_clear();
            match format {
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&crate::analysis::knox::to_json(&result))?
                ),
                Format::Csv => print!("{}", crate::analysis::knox::to_csv(&result)),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
