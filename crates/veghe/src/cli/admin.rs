//! The administrator's commands: accounts, tokens, the audit check and the calendar.

use std::process::ExitCode;

use clap::Subcommand;

use crate::audit::{self, Actor, Verdict};
use crate::auth::{Role, tokens, users};
use crate::calendar::{parse_date, parse_rule, parse_year};
use crate::config::Config;
use crate::db::Db;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account with the password read (at least 12 characters, not a common one).
    Add {
        username: String,
        #[arg(long)]
        role: Role,
        #[arg(long)]
        display_name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// Read the password from standard input (first line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts.
    List,
    /// Disable an account: end its sessions and revoke its API tokens.
    Disable { username: String },
    /// Enable a disabled account.
    Enable { username: String },
    /// Change an account's role.
    SetRole { username: String, role: Role },
    /// Set a new password and end the account's sessions.
    ResetPassword {
        username: String,
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create a token for an account; the token is printed once.
    Create {
        username: String,
        #[arg(long, default_value = "script")]
        name: String,
    },
    /// Revoke a token by its id.
    Revoke { id: i64 },
    /// List tokens (never their secrets).
    List,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exits 1 naming the first altered entry.
    Verify,
}

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Public holidays of YEAR, one per line: YYYY-MM-DD name.
    Holidays { year: String },
    /// The due date of RULE counted from FROM_DATE, as YYYY-MM-DD.
    Deadline { rule: String, from_date: String },
}

pub(crate) fn cli_actor() -> Actor {
    let who = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    Actor {
        user_id: None,
        name: format!("cli:{who}"),
    }
}

pub async fn user(db: &Db, config: &Config, c: UserCommand) -> anyhow::Result<ExitCode> {
    let actor = cli_actor();
    match c {
        UserCommand::Add {
            username,
            role,
            display_name,
            email,
            password_stdin,
        } => {
            let username = users::Username::parse(&username)?;
            let password = super::read_password(password_stdin)?;
            let display = display_name.unwrap_or_else(|| username.as_str().to_string());
            let u = users::create(
                db,
                &actor,
                users::NewUser {
                    username,
                    display_name: &display,
                    role,
                    email: email.as_deref(),
                    password: &password,
                },
                config.password_cost,
            )
            .await?;
            println!("created {} ({})", u.username, u.role);
        }
        UserCommand::List => {
            for u in users::list(db).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    u.username,
                    u.role,
                    if u.disabled { "disabled" } else { "active" },
                    u.display_name
                );
            }
        }
        UserCommand::Disable { username } => {
            let (u, done) = users::set_disabled(db, &actor, &username, true).await?;
            println!(
                "disabled {}; {} session(s) ended, {} API token(s) revoked",
                u.username, done.sessions_ended, done.tokens_revoked
            );
        }
        UserCommand::Enable { username } => {
            let (u, _) = users::set_disabled(db, &actor, &username, false).await?;
            println!(
                "enabled {} (API tokens revoked when it was disabled stay revoked)",
                u.username
            );
        }
        UserCommand::SetRole { username, role } => {
            let u = users::set_role(db, &actor, &username, role).await?;
            println!("{} is now {}", u.username, u.role);
        }
        UserCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let password = super::read_password(password_stdin)?;
            let (u, _, done) =
                users::reset_password(db, &actor, &username, Some(&password), config.password_cost)
                    .await?;
            println!(
                "password of {} changed; {} session(s) ended",
                u.username, done.sessions_ended
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn token(db: &Db, c: TokenCommand) -> anyhow::Result<ExitCode> {
    let actor = cli_actor();
    match c {
        TokenCommand::Create { username, name } => {
            let u = users::find(db, &username).await?;
            let (id, secret) = tokens::create(db, &actor, u.id, &name).await?;
            eprintln!(
                "token {id} for {} (shown once; keep it secret):",
                u.username
            );
            println!("{secret}");
        }
        TokenCommand::Revoke { id } => {
            tokens::revoke(db, &actor, id).await?;
            println!("token {id} revoked");
        }
        TokenCommand::List => {
            for t in tokens::list(db).await? {
                println!(
                    "{}\t{}\t{}\t{}",
                    t.id,
                    t.username,
                    t.name,
                    if t.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "live"
                    }
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(db: &Db, c: AuditCommand) -> anyhow::Result<ExitCode> {
    match c {
        AuditCommand::Verify => match audit::verify(db).await? {
            Verdict::Intact { entries } => {
                println!("audit trail intact: {entries} entries");
                Ok(ExitCode::SUCCESS)
            }
            Verdict::Broken { seq, reason } => {
                eprintln!("audit trail altered at entry {seq}: {reason}");
                Ok(ExitCode::FAILURE)
            }
        },
    }
}

pub fn calendar(c: &super::admin::CalendarCommand) -> anyhow::Result<ExitCode> {
    match c {
        CalendarCommand::Holidays { year } => {
            let year = parse_year(year)?;
            for h in veghe_ro::calendar::holidays(year) {
                println!("{} {}", h.date, h.name_ro);
            }
        }
        CalendarCommand::Deadline { rule, from_date } => {
            let rule = parse_rule(rule)?;
            let from = parse_date(from_date)?;
            println!("{}", veghe_ro::deadline::due_date(rule, from));
        }
    }
    Ok(ExitCode::SUCCESS)
}
