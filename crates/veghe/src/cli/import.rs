//! `veghe import sanctions FILE`: imports sanction records from a CSV or XLSX file with a
//! progress bar; the problems go to a CSV report; nothing is written unless the import commits.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::activity::import::{self, Job, Mode};
use crate::activity::{catalogue, flow};
use crate::audit::Actor;
use crate::db::Db;

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Sanction records (procese-verbale) from a department's CSV or XLSX file.
    Sanctions {
        file: PathBuf,
        /// The department's source: its saved column mapping is used (else guessed and saved).
        #[arg(long, default_value = "default")]
        source: String,
        /// `valid` (the valid rows), `all` (nothing unless every row is valid) or `check`.
        #[arg(long, default_value = "valid")]
        mode: String,
        /// Where to write the problem report (CSV); default FILE.problems.csv.
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

pub async fn run(db: &Db, c: ImportCommand) -> anyhow::Result<ExitCode> {
    let ImportCommand::Sanctions {
        file,
        source,
        mode,
        report,
    } = c;
    let mode = Mode::parse(&mode).map_err(|e| anyhow::anyhow!("{e}"))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = flow::format_of(&name).map_err(|e| anyhow::anyhow!("{e}"))?;
    let headers = flow::headers_of(&file, format);
    let mapping = flow::mapping_for(db, &source, None, &headers)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let report_path = report.unwrap_or_else(|| {
        let mut p = file.clone().into_os_string();
        p.push(".problems.csv");
        PathBuf::from(p)
    });
    let catalogue = catalogue::load(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} rows read ({per_sec}) {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let job = Job {
        path: &file,
        name: &name,
        format,
        source: &source,
        mapping: &mapping,
        mode,
        report: Some(Box::new(std::io::BufWriter::new(std::fs::File::create(
            &report_path,
        )?))),
    };
    let progress_bar = bar.clone();
    let outcome = import::run(
        db,
        &Actor::system("import"),
        &catalogue,
        job,
        &mut move |rows| progress_bar.set_position(rows),
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    bar.finish_and_clear();
    println!(
        "{}: {} rows ({}), {} valid, {} with problems; {} inserted, {} already recorded",
        outcome.file,
        outcome.rows,
        outcome.encoding,
        outcome.valid,
        outcome.invalid,
        outcome.inserted,
        outcome.skipped
    );
    for p in outcome.shown.iter().take(20) {
        println!("  row {} {} ({}): {}", p.row, p.cell, p.column, p.message);
    }
    if outcome.problems > 0 {
        println!(
            "{} problems in all: {}",
            outcome.problems,
            report_path.display()
        );
    }
    let refused = outcome.mode == Mode::All && outcome.invalid > 0;
    if refused {
        println!("nothing imported: not every row is valid (--mode all)");
    } else if outcome.committed {
        println!("import {} committed", outcome.import_id.unwrap_or(0));
    }
    let failed = refused || (outcome.rows == 0 && outcome.problems > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
