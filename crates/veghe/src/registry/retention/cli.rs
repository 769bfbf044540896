//! `veghe registry purge [--dry-run]`: the retention purge from the command line (a scheduled
//! job), printing what it anonymised per register and what it held.

use std::process::ExitCode;

use clap::Subcommand;

use crate::db::Db;

#[derive(Subcommand)]
pub enum RegistryCommand {
    /// Anonymise the personal data of entries past their register's retention term.
    Purge {
        /// Count what would be anonymised; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(db: &Db, c: RegistryCommand) -> anyhow::Result<ExitCode> {
    let actor = crate::cli::admin::cli_actor();
    match c {
        RegistryCommand::Purge { dry_run } => {
            let r = super::purge::purge(db, &actor, dry_run).await?;
            let verb = if dry_run {
                "would be anonymised"
            } else {
                "anonymised"
            };
            println!("{} entries {verb} (as of {})", r.anonymised, r.as_of);
            for (register, n) in &r.by_register {
                println!("  {register}\t{n}");
            }
            for k in &r.held {
                println!("  held {}\t{}", k.number, k.rule);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
