//! One typed configuration: defaults < `veghe.toml` < `VEGHE_*` environment < command-line flags.
//!
//! Flags and environment variables are read by clap (each flag names its variable); what they
//! leave unset comes from the TOML file, and what that leaves unset from the defaults here.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Deserialize;

/// How logs are written.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// The settings given on the command line or in the environment; all optional. Every command
/// that opens the database takes the [`DatabaseArgs`]; `serve` and `demo` also the [`ServerArgs`].
#[derive(Args, Clone, Debug, Default)]
pub struct ConfigArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub server: ServerArgs,
}

impl From<DatabaseArgs> for ConfigArgs {
    /// A command that only opens the database: the server's settings come from the file or the
    /// defaults.
    fn from(database: DatabaseArgs) -> ConfigArgs {
        ConfigArgs {
            database,
            server: ServerArgs::default(),
        }
    }
}

/// Where the database is, and how logs are written, for every command that opens it.
#[derive(Args, Clone, Debug, Default)]
pub struct DatabaseArgs {
    /// Configuration file (TOML). Default: ./veghe.toml when it exists.
    #[arg(long, env = "VEGHE_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Database: sqlite:FILE (embedded) or postgres://USER@HOST:PORT/DB.
    #[arg(long, env = "VEGHE_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Log format: text or json.
    #[arg(long, env = "VEGHE_LOG_FORMAT", global = true)]
    pub log_format: Option<LogFormat>,
}

/// The web server's settings, for `serve` and `demo`.
#[derive(Args, Clone, Debug, Default)]
pub struct ServerArgs {
    /// Address and port the web server listens on.
    #[arg(long, env = "VEGHE_LISTEN")]
    pub listen: Option<String>,
    /// Mark cookies Secure (HTTPS only). Browsers accept Secure cookies on http://localhost too.
    #[arg(long, env = "VEGHE_COOKIE_SECURE")]
    pub cookie_secure: Option<bool>,
    /// Map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png (none: offline map).
    #[arg(long, env = "VEGHE_TILE_URL")]
    pub tile_url: Option<String>,
    /// Trust X-Forwarded-For from a reverse proxy for the client address.
    #[arg(long, env = "VEGHE_TRUST_PROXY")]
    pub trust_proxy: Option<bool>,
    /// The reverse proxies trusted with X-Forwarded-For, as address ranges separated by commas
    /// (default 127.0.0.0/8,::1/128); the client is the rightmost address not among them.
    #[arg(long, env = "VEGHE_TRUSTED_PROXIES")]
    pub trusted_proxies: Option<String>,
    /// A second address where GPS trackers post positions at `/` (OsmAnd / Traccar Client).
    #[arg(long, env = "VEGHE_OSMAND_LISTEN")]
    pub osmand_listen: Option<String>,
    /// Minutes after which a crew's last position shows as stale (default 5).
    #[arg(long, env = "VEGHE_STALE_AFTER_MINUTES")]
    pub stale_after_minutes: Option<u32>,
    /// Minutes between the duty desk's contacts with each crew on duty (default 120).
    #[arg(long, env = "VEGHE_CHECKIN_MINUTES")]
    pub checkin_minutes: Option<u32>,
    /// MQTT broker for OwnTracks positions, e.g. mqtt://127.0.0.1:1883 (none: not listening).
    #[arg(long, env = "VEGHE_MQTT_URL")]
    pub mqtt_url: Option<String>,
    /// SMTP relay host for e-mail notifications (none: notifications stay in the application).
    #[arg(long, env = "VEGHE_SMTP_HOST")]
    pub smtp_host: Option<String>,
    /// SMTP relay port (default 25 without TLS, 587 with STARTTLS, 465 with TLS).
    #[arg(long, env = "VEGHE_SMTP_PORT")]
    pub smtp_port: Option<u16>,
    /// The sender address of notifications, e.g. veghe@politialocalatm.ro.
    #[arg(long, env = "VEGHE_SMTP_FROM")]
    pub smtp_from: Option<String>,
    /// SMTP user name, when the relay asks for one.
    #[arg(long, env = "VEGHE_SMTP_USERNAME")]
    pub smtp_username: Option<String>,
    /// SMTP password (prefer the environment variable to the flag).
    #[arg(long, env = "VEGHE_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// SMTP transport security: none, starttls or tls.
    #[arg(long, env = "VEGHE_SMTP_TLS")]
    pub smtp_tls: Option<SmtpTls>,
}

/// How the connection to the SMTP relay is protected.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP (a relay on this machine or a trusted network).
    None,
    /// STARTTLS upgrade, required.
    #[default]
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

/// The SMTP relay of e-mail notifications.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub from: String,
    pub credentials: Option<(String, String)>,
    pub tls: SmtpTls,
    /// The first retry waits this long; each next one twice as long (at most 64 times).
    pub retry_ms: u64,
}

/// The `[smtp]` table of the file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpFile {
    host: Option<String>,
    port: Option<u16>,
    from: Option<String>,
    username: Option<String>,
    password: Option<String>,
    tls: Option<SmtpTls>,
    retry_seconds: Option<u64>,
}

fn smtp_config(
    args: &ServerArgs,
    file: Option<SmtpFile>,
) -> Result<Option<SmtpConfig>, ConfigError> {
    let file = file.unwrap_or_default();
    let Some(host) = args
        .smtp_host
        .clone()
        .or(file.host)
        .filter(|h| !h.trim().is_empty())
    else {
        return Ok(None);
    };
    let tls = args.smtp_tls.or(file.tls).unwrap_or_default();
    let port = args.smtp_port.or(file.port).unwrap_or(match tls {
        SmtpTls::None => 25,
        SmtpTls::Starttls => 587,
        SmtpTls::Tls => 465,
    });
    let from = args.smtp_from.clone().or(file.from).ok_or_else(|| {
        ConfigError::Smtp("smtp from (the sender address) is required with an SMTP host".into())
    })?;
    let username = args.smtp_username.clone().or(file.username);
    let password = args.smtp_password.clone().or(file.password);
    let credentials = match (username, password) {
        (Some(u), Some(p)) => Some((u, p)),
        (None, None) => None,
        _ => {
            return Err(ConfigError::Smtp(
                "smtp username and password go together".into(),
            ));
        }
    };
    Ok(Some(SmtpConfig {
        host,
        port,
        from,
        credentials,
        tls,
        retry_ms: file.retry_seconds.unwrap_or(30).max(1) * 1000,
    }))
}

/// The settings as a file may give them.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    listen: Option<String>,
    log_format: Option<LogFormat>,
    cookie_secure: Option<bool>,
    tile_url: Option<String>,
    trust_proxy: Option<bool>,
    trusted_proxies: Option<String>,
    session_hours: Option<u32>,
    osmand_listen: Option<String>,
    stale_after_minutes: Option<u32>,
    checkin_minutes: Option<u32>,
    mqtt_url: Option<String>,
    smtp: Option<SmtpFile>,
}

/// The resolved configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub listen: SocketAddr,
    pub log_format: LogFormat,
    pub cookie_secure: bool,
    pub tile_url: Option<String>,
    pub trust_proxy: bool,
    /// The proxies whose X-Forwarded-For is believed (when `trust_proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    pub session_hours: u32,
    /// Where trackers post positions at `/`, besides `/osmand` on the main address.
    pub osmand_listen: Option<SocketAddr>,
    /// The SMTP relay of e-mail notifications; none: in-app notifications only.
    pub smtp: Option<SmtpConfig>,
    /// Argon2 cost; lowered only by the test harness.
    pub password_cost: PasswordCost,
    /// A crew position older than this shows as stale (and ranks last).
    pub stale_after_ms: i64,
    /// Each crew on duty is contacted at least this often; later, it is overdue.
    pub checkin_interval_ms: i64,
    /// The MQTT broker OwnTracks devices publish to, when positions come that way.
    pub mqtt_url: Option<String>,
}

/// Default age after which a position is stale.
pub const STALE_AFTER_MINUTES: u32 = 5;
/// Default interval between check-ins (DOMAIN §6: at least every two hours).
pub const CHECKIN_MINUTES: u32 = 120;

fn minutes(field: &'static str, value: Option<u32>, default: u32) -> Result<i64, ConfigError> {
    match value.unwrap_or(default) {
        0 => Err(ConfigError::Minutes(field)),
        m => Ok(i64::from(m) * 60_000),
    }
}

/// Argon2id parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordCost {
    /// OWASP's recommended minimum for argon2id (19 MiB, 2 passes).
    Standard,
    /// For tests only: cheap hashes.
    Fast,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("configuration file {path}: {message}")]
    Parse { path: String, message: String },
    #[error("listen address `{0}` is not of the form HOST:PORT (e.g. 127.0.0.1:8080)")]
    Listen(String),
    #[error("database URL `{0}` must start with sqlite: or postgres://")]
    DatabaseUrl(String),
    #[error("{0} must be a number of minutes greater than 0")]
    Minutes(&'static str),
    #[error("MQTT URL `{0}` must be of the form mqtt://HOST:PORT")]
    MqttUrl(String),
    #[error("{0}")]
    Smtp(String),
    #[error("trusted proxy `{0}` is not an address or an address range (e.g. 10.0.0.0/8)")]
    Proxy(String),
}

impl Config {
    /// Resolves the configuration from the arguments, the file and the defaults.
    pub fn load(args: &ConfigArgs) -> Result<Config, ConfigError> {
        let ConfigArgs { database, server } = args;
        let file = match &database.config {
            Some(path) => read_file(path)?,
            None if Path::new("veghe.toml").exists() => read_file(Path::new("veghe.toml"))?,
            None => FileConfig::default(),
        };
        let database_url = database
            .database_url
            .clone()
            .or(file.database_url)
            .unwrap_or_else(|| "sqlite:veghe.db".to_string());
        if !(database_url.starts_with("sqlite:")
            || database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://"))
        {
            return Err(ConfigError::DatabaseUrl(crate::db::redact(&database_url)));
        }
        let listen_text = server
            .listen
            .clone()
            .or(file.listen)
            .unwrap_or_else(|| "127.0.0.1:8080".to_string());
        let listen = parse_listen(&listen_text)?;
        Ok(Config {
            database_url,
            listen,
            log_format: database.log_format.or(file.log_format).unwrap_or_default(),
            cookie_secure: server.cookie_secure.or(file.cookie_secure).unwrap_or(true),
            tile_url: server
                .tile_url
                .clone()
                .or(file.tile_url)
                .filter(|u| !u.is_empty()),
            trust_proxy: server.trust_proxy.or(file.trust_proxy).unwrap_or(false),
            trusted_proxies: parse_proxies(
                server
                    .trusted_proxies
                    .as_deref()
                    .or(file.trusted_proxies.as_deref())
                    .unwrap_or(DEFAULT_PROXIES),
            )?,
            session_hours: file.session_hours.unwrap_or(12),
            osmand_listen: server
                .osmand_listen
                .clone()
                .or(file.osmand_listen)
                .map(|a| parse_listen(&a))
                .transpose()?,
            smtp: smtp_config(server, file.smtp)?,
            password_cost: PasswordCost::Standard,
            stale_after_ms: minutes(
                "stale_after_minutes",
                server.stale_after_minutes.or(file.stale_after_minutes),
                STALE_AFTER_MINUTES,
            )?,
            checkin_interval_ms: minutes(
                "checkin_minutes",
                server.checkin_minutes.or(file.checkin_minutes),
                CHECKIN_MINUTES,
            )?,
            mqtt_url: match server
                .mqtt_url
                .clone()
                .or(file.mqtt_url)
                .filter(|u| !u.is_empty())
            {
                Some(u) if u.starts_with("mqtt://") && u.len() > 7 => Some(u),
                Some(u) => return Err(ConfigError::MqttUrl(u)),
                None => None,
            },
        })
    }

    /// A configuration for tests and tools: the given database, defaults elsewhere.
    pub fn for_database(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            log_format: LogFormat::Text,
            cookie_secure: true,
            tile_url: None,
            trust_proxy: false,
            trusted_proxies: parse_proxies(DEFAULT_PROXIES).unwrap_or_default(),
            session_hours: 12,
            osmand_listen: None,
            smtp: None,
            password_cost: PasswordCost::Standard,
            stale_after_ms: i64::from(STALE_AFTER_MINUTES) * 60_000,
            checkin_interval_ms: i64::from(CHECKIN_MINUTES) * 60_000,
            mqtt_url: None,
        }
    }
}

/// Parses `HOST:PORT`, accepting `localhost`.
/// The proxies trusted by default: this machine's own.
const DEFAULT_PROXIES: &str = "127.0.0.0/8,::1/128";

/// Address ranges separated by commas; a bare address is a range of one.
pub fn parse_proxies(text: &str) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    text.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse::<ipnet::IpNet>()
                .or_else(|_| t.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError::Proxy(t.to_string()))
        })
        .collect()
}

pub fn parse_listen(text: &str) -> Result<SocketAddr, ConfigError> {
    let normalised = text.replace("localhost", "127.0.0.1");
    normalised
        .parse::<SocketAddr>()
        .map_err(|_| ConfigError::Listen(text.to_string()))
}

fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.display().to_string(),
        source,
    })?;
    toml::from_str(&text).map_err(|e| ConfigError::Parse {
        path: path.display().to_string(),
        message: e.message().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_file_and_file_overrides_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("veghe.toml");
        std::fs::write(
            &path,
            "listen = \"127.0.0.1:9000\"\ndatabase_url = \"sqlite:a.db\"\n",
        )
        .expect("write");
        let args = ConfigArgs::from(DatabaseArgs {
            config: Some(path),
            database_url: Some("sqlite:b.db".into()),
            ..Default::default()
        });
        let c = Config::load(&args).expect("config");
        assert_eq!(c.database_url, "sqlite:b.db");
        assert_eq!(c.listen.port(), 9000);
        assert!(c.cookie_secure);
    }

    #[test]
    fn bad_settings_are_named() {
        let args = ConfigArgs {
            database: DatabaseArgs {
                database_url: Some("sqlite:x.db".into()),
                ..Default::default()
            },
            server: ServerArgs {
                listen: Some("nowhere".into()),
                ..Default::default()
            },
        };
        let e = Config::load(&args).expect_err("must fail");
        assert!(e.to_string().contains("nowhere"), "{e}");
        let args = ConfigArgs::from(DatabaseArgs {
            database_url: Some("mysql://x".into()),
            ..Default::default()
        });
        assert!(Config::load(&args).is_err());
    }

    #[test]
    fn unknown_file_keys_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.toml");
        std::fs::write(&path, "lisen = \"x\"\n").expect("write");
        let args = ConfigArgs::from(DatabaseArgs {
            config: Some(path),
            ..Default::default()
        });
        let e = Config::load(&args).expect_err("must fail");
        assert!(e.to_string().contains("lisen"), "{e}");
    }

    #[test]
    fn the_smtp_relay_comes_from_the_file_and_flags() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v.toml");
        std::fs::write(
            &path,
            "[smtp]\nhost = \"mail.example.ro\"\nfrom = \"veghe@example.ro\"\nusername = \"veghe\"\npassword = \"secret\"\nretry_seconds = 5\n",
        )
        .expect("write");
        let args = ConfigArgs {
            database: DatabaseArgs {
                config: Some(path.clone()),
                ..Default::default()
            },
            server: ServerArgs {
                smtp_tls: Some(SmtpTls::Tls),
                ..Default::default()
            },
        };
        let c = Config::load(&args).expect("config");
        let smtp = c.smtp.expect("smtp");
        assert_eq!(smtp.host, "mail.example.ro");
        assert_eq!(smtp.port, 465, "the TLS default port");
        assert_eq!(smtp.tls, SmtpTls::Tls);
        assert_eq!(smtp.credentials, Some(("veghe".into(), "secret".into())));
        assert_eq!(smtp.retry_ms, 5000);

        // No host: in-app notifications only.
        assert!(
            Config::load(&ConfigArgs::default())
                .expect("config")
                .smtp
                .is_none()
        );
        // A host without a sender, or a user without a password, is refused by name.
        std::fs::write(&path, "[smtp]\nhost = \"mail.example.ro\"\n").expect("write");
        let args = ConfigArgs::from(DatabaseArgs {
            config: Some(path.clone()),
            ..Default::default()
        });
        let e = Config::load(&args).expect_err("must fail");
        assert!(e.to_string().contains("from"), "{e}");
        let args = ConfigArgs {
            server: ServerArgs {
                smtp_host: Some("localhost".into()),
                smtp_from: Some("a@b.ro".into()),
                smtp_username: Some("u".into()),
                ..Default::default()
            },
            ..Default::default()
        };
        let e = Config::load(&args).expect_err("must fail");
        assert!(e.to_string().contains("password"), "{e}");
    }
}
