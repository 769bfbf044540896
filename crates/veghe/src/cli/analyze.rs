//! `veghe analyze …`: the analyst's command line — CSV in, JSON or CSV out, progress on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use veghe_analytics::knox::{KnoxParams, Metric, knox};

use crate::analysis::input::{Columns, read};

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

#[derive(Subcommand)]
pub enum AnalyzeCommand {
    /// Near-repeat analysis (Knox test) as Ratcliffe's Near Repeat Calculator does it.
    Knox {
        #[arg(long)]
        input: PathBuf,
        /// Column of x (projected metres); a number when --no-header.
        #[arg(long)]
        x_col: String,
        #[arg(long)]
        y_col: String,
        /// Column of the date (YYYY-MM-DD or DD.MM.YYYY).
        #[arg(long)]
        date_col: String,
        /// The file has no header line: columns are given by number (1 = first).
        #[arg(long)]
        no_header: bool,
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

pub fn run(c: AnalyzeCommand) -> anyhow::Result<ExitCode> {
    match c {
        AnalyzeCommand::Knox {
            input,
            x_col,
            y_col,
            date_col,
            no_header,
            distance_band,
            distance_bands,
            time_band,
            time_bands,
            metric,
            iterations,
            seed,
            format,
        } => {
            let rows = read(
                &input,
                &Columns {
                    x: &x_col,
                    y: &y_col,
                    date: Some(&date_col),
                    no_header,
                },
            )?;
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
            let bar = indicatif::ProgressBar::new(iterations.saturating_sub(1) as u64);
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            let result = knox(&events, &params, &|done| bar.set_position(done as u64))?;
            bar.finish_and_clear();
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
