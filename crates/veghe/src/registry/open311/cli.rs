//! `veghe open311-key create|revoke|list`: the administrator's commands for Open311 API keys.

use std::process::ExitCode;

use clap::Subcommand;

use super::keys;
use crate::db::Db;

#[derive(Subcommand)]
pub enum KeyCommand {
    /// Issue a key for a partner application; the key is printed once.
    Create {
        /// Who uses the key (an application or an organisation).
        name: String,
    },
    /// Revoke a key by its id.
    Revoke { id: i64 },
    /// List keys (never their secrets).
    List,
}

pub async fn run(db: &Db, c: KeyCommand) -> anyhow::Result<ExitCode> {
    let actor = crate::cli::admin::cli_actor();
    match c {
        KeyCommand::Create { name } => {
            let (id, secret) = keys::create(db, &actor, &name).await?;
            eprintln!("Open311 key {id} for {name} (shown once; keep it secret):");
            println!("{secret}");
        }
        KeyCommand::Revoke { id } => {
            keys::revoke(db, &actor, id).await?;
            println!("Open311 key {id} revoked");
        }
        KeyCommand::List => {
            for k in keys::list(db).await? {
                let state = if k.revoked_at.is_some() {
                    "revoked"
                } else {
                    "live"
                };
                println!("{}\t{}\t{state}", k.id, k.name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
