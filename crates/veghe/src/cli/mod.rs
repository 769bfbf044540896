//! The command line: `veghe serve`, `demo`, `migrate`, `user …`, `token …`, `audit verify`,
//! `backup`, `restore`, `calendar …`. Every failure is one clear line and a non-zero exit.

pub(crate) mod admin;
mod analyze;
mod demo;
mod import;

use std::io::{Read, Write};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{Config, ConfigArgs, DatabaseArgs, LogFormat};
use crate::db::Db;

#[derive(Parser)]
#[command(
    name = "veghe",
    version,
    about = "Veghe — operations platform of the Communication, Prevention and Dispatch Service, Poliția Locală Timișoara"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Each command takes the settings it uses: the server's for `serve` and `demo`, the database's
/// for the commands that open it, none for `analyze` and `calendar`.
#[derive(Subcommand)]
pub enum Command {
    /// Run the web server.
    Serve(ConfigArgs),
    /// Run the web server with realistic demo data (seeded on first start, reused after).
    Demo {
        /// Seed of the generated history: the same seed gives the same data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Serve the data as it is, without the live simulation (calls arriving, crews moving).
        #[arg(long)]
        no_simulation: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Create or update the database schema and exit.
    Migrate(DatabaseArgs),
    /// Manage accounts.
    User(OnDatabase<admin::UserCommand>),
    /// Manage API tokens (sent as `Authorization: Bearer …`).
    Token(OnDatabase<admin::TokenCommand>),
    /// Check the audit trail.
    Audit(OnDatabase<admin::AuditCommand>),
    /// Manage Open311 GeoReport v2 API keys (for posting reports to /open311/v2/).
    #[command(name = "open311-key")]
    Open311Key(OnDatabase<crate::registry::open311::cli::KeyCommand>),
    /// Registry housekeeping: the retention purge.
    Registry(OnDatabase<crate::registry::retention::cli::RegistryCommand>),
    /// Write a backup of the whole database to FILE (JSON lines; restores on either engine).
    Backup {
        file: std::path::PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Restore a backup into an empty database (or replace everything with --force).
    Restore {
        file: std::path::PathBuf,
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// Analyses for analysts: CSV in, JSON or CSV out.
    #[command(subcommand)]
    Analyze(analyze::AnalyzeCommand),
    /// The legal calendar: holidays and deadlines.
    #[command(subcommand)]
    Calendar(admin::CalendarCommand),
    /// Import records from the departments' files.
    Import(OnDatabase<import::ImportCommand>),
}

/// A group of commands on the database, which its settings may follow anywhere.
#[derive(Args)]
pub struct OnDatabase<C: Subcommand> {
    #[command(flatten)]
    database: DatabaseArgs,
    #[command(subcommand)]
    command: C,
}

/// Runs the command line and turns any error into one line on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("VEGHE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=error,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        // Calendar answers and analyses need no configuration or database.
        Command::Calendar(c) => admin::calendar(&c),
        Command::Analyze(c) => analyze::run(c),
        Command::Serve(args) => {
            let config = Config::load(&args)?;
            serve(open(&config).await?, config).await
        }
        Command::Demo {
            seed,
            no_simulation,
            config: mut args,
        } => {
            if args.database.database_url.is_none() {
                args.database.database_url = Some("sqlite:veghe-demo.db".into());
            }
            let mut config = Config::load(&args)?;
            if args.server.cookie_secure.is_none() {
                // The demo is served over plain HTTP on this machine.
                config.cookie_secure = false;
            }
            demo::run(open(&config).await?, config, seed, !no_simulation).await
        }
        Command::Migrate(args) => {
            let db = open(&Config::load(&args.into())?).await?;
            let version = crate::db::current_version(&db).await?;
            println!("database schema at version {version}");
            Ok(ExitCode::SUCCESS)
        }
        Command::User(c) => {
            let config = Config::load(&c.database.into())?;
            admin::user(&open(&config).await?, &config, c.command).await
        }
        Command::Token(c) => admin::token(&on(c.database).await?, c.command).await,
        Command::Audit(c) => admin::audit(&on(c.database).await?, c.command).await,
        Command::Open311Key(c) => {
            crate::registry::open311::cli::run(&on(c.database).await?, c.command).await
        }
        Command::Registry(c) => {
            crate::registry::retention::cli::run(&on(c.database).await?, c.command).await
        }
        Command::Backup { file, database } => {
            let n = crate::backup::backup(&on(database).await?, &file).await?;
            println!("backup written to {}: {n} rows", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore {
            file,
            force,
            database,
        } => {
            let n = crate::backup::restore(&on(database).await?, &file, force).await?;
            println!("restored {n} rows from {}", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(c) => import::run(&on(c.database).await?, c.command).await,
    }
}

/// Starts the logs and opens the database of a configuration.
async fn open(config: &Config) -> anyhow::Result<Db> {
    init_logs(config.log_format);
    Ok(Db::open(&config.database_url).await?)
}

/// The database of a command that takes only the database's settings.
async fn on(database: DatabaseArgs) -> anyhow::Result<Db> {
    open(&Config::load(&database.into())?).await
}

/// Binds the listener and serves until SIGINT/SIGTERM.
async fn serve(db: Db, config: Config) -> anyhow::Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let address = listener.local_addr()?;
    tracing::info!(%address, backend = db.backend().name(), "Veghe is listening");
    println!("Veghe: http://{address}/");
    if !crate::auth::users::has_administrator(&db).await? {
        // Written, not printed: whoever started Veghe may have stopped reading its output.
        let _ = writeln!(
            std::io::stdout(),
            "Veghe: no administrator yet; create one with: {}",
            crate::auth::users::FIRST_ADMINISTRATOR
        );
        tracing::warn!("no administrator yet");
    }
    let state = crate::AppState::new(db.clone(), config);
    spawn_tracker_port(&state).await?;
    crate::serve(listener, state, crate::shutdown_signal()).await?;
    db.close().await;
    Ok(ExitCode::SUCCESS)
}

/// Starts the trackers' port when `--osmand-listen` is given, and the OwnTracks subscriber
/// when `--mqtt-url` is.
pub(crate) async fn spawn_tracker_port(state: &crate::AppState) -> anyhow::Result<()> {
    if let Some(url) = &state.config.mqtt_url {
        crate::dispatch::owntracks::spawn(state.clone(), url)?;
    }
    let Some(address) = state.config.osmand_listen else {
        return Ok(());
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen for trackers on {address}: {e}"))?;
    tracing::info!(%address, "trackers (OsmAnd/Traccar) may post positions here");
    let app = crate::tracker_app(state.clone());
    tokio::spawn(async move {
        if let Err(e) = axum::serve(listener, app)
            .with_graceful_shutdown(crate::shutdown_signal())
            .await
        {
            tracing::error!(error = %e, "the trackers' port stopped");
        }
    });
    Ok(())
}

/// Reads a password from standard input (first line), for `--password-stdin`.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        anyhow::bail!("no password on standard input");
    }
    Ok(line)
}

/// Reads a password interactively (no echo is not available without a terminal crate, so the
/// prompt warns), or from stdin when asked.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin {
        return password_from_stdin();
    }
    eprint!("password (visible as you type; use --password-stdin in scripts): ");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let line = line.trim_end_matches(['\r', '\n']).to_string();
    if line.is_empty() {
        anyhow::bail!("no password given");
    }
    Ok(line)
}
