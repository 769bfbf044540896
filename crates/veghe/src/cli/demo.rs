//! `veghe demo`: seeds a realistic history and an account for every role on first start, then
//! serves. A second start finds the seed and reuses the data.

use std::process::ExitCode;

use crate::audit::Actor;
use crate::auth::{Role, users};
use crate::config::Config;
use crate::db::{Db, now_ms};

/// The demo accounts: username, display name, role. The password is `demo-<username>`.
pub const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("admin", "Andrei Popescu", Role::Administrator),
    ("sef", "Mihaela Ionescu", Role::HeadOfService),
    ("dispecer", "Cristian Stoica", Role::Dispatcher),
    // The next shift's dispatcher, who takes the handover (predare-primire) from `dispecer`.
    ("dispecer2", "Daniela Florea", Role::Dispatcher),
    ("registratura", "Elena Dumitrescu", Role::RegistryClerk),
    ("compartiment", "Radu Munteanu", Role::DepartmentOfficer),
    ("presa", "Ioana Marinescu", Role::PressOfficer),
    ("preventie", "Ștefan Țurcanu", Role::PreventionOfficer),
    ("analist", "Alexandra Constantinescu", Role::Analyst),
    ("conducere", "Gheorghe Vlădescu", Role::Management),
    ("echipaj", "Echipaj PL-101", Role::Crew),
];

pub fn demo_password(username: &str) -> String {
    format!("demo-{username}")
}

/// Seeds accounts and history unless the database already holds this seed's demo.
pub async fn seed(db: &Db, config: &Config, seed: u64, progress: bool) -> anyhow::Result<bool> {
    let done: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = 'demo_seed'")
        .fetch_optional(db.pool())
        .await?;
    if let Some(value) = done {
        tracing::info!(seed = %value, "demo data already present; reusing it");
        return Ok(false);
    }
    let actor = Actor::system("demo");
    for (username, display, role) in ACCOUNTS {
        if users::credentials(db, username).await?.is_some() {
            continue;
        }
        let password = demo_password(username);
        users::create_demo(
            db,
            &actor,
            users::NewUser {
                username: users::Username::parse(username)?,
                display_name: display,
                role: *role,
                email: Some(&format!("{username}@politialocalatm.example")),
                password: &password,
            },
            config.password_cost,
        )
        .await?;
    }
    let started = std::time::Instant::now();
    let summary = crate::demo::seed_history(db, seed, now_ms(), progress).await?;
    tracing::info!(
        incidents = summary.incidents,
        units = summary.units,
        seconds = started.elapsed().as_secs_f64(),
        "demo history seeded"
    );
    let petitions = crate::demo::petitions::seed_petitions(db, seed, now_ms()).await?;
    crate::demo::petitions_reports::seed_report_facts(db, seed).await?;
    tracing::info!(entries = petitions, "demo registry seeded");
    let press_events = crate::demo::press_strategy::seed(db).await?;
    tracing::info!(
        events = press_events,
        "demo press strategy and events seeded"
    );
    let sanctions = crate::demo::sanctions::seed_sanctions(db, seed).await?;
    tracing::info!(records = sanctions, "demo sanction records seeded");
    let journalists = crate::demo::press_contacts::seed(db).await?;
    tracing::info!(journalists, "demo press contacts seeded");
    let (accreditations, requests, circulars) =
        crate::demo::press_accreditation::seed(db, seed, now_ms()).await?;
    tracing::info!(
        accreditations,
        requests,
        circulars,
        "demo press accreditations, media requests and circulars seeded"
    );
    let releases = crate::demo::press_releases::seed_releases(db, seed, now_ms()).await?;
    tracing::info!(releases, "demo press releases seeded");
    // The last contact with each crew on duty, spread over the last two and a half hours, so
    // that the board shows a few check-ins overdue, as a real shift does.
    sqlx::query(
        "UPDATE units SET last_contact_at = $1 - ((id * 37) % 150) * 60000 WHERE status NOT IN ('off_duty', 'out_of_service')",
    )
    .bind(now_ms())
    .execute(db.pool())
    .await?;
    sqlx::query("INSERT INTO meta (key, value) VALUES ('demo_seed', $1)")
        .bind(seed.to_string())
        .execute(db.pool())
        .await?;
    Ok(true)
}

/// Officers' names for the demo rosters (the `echipaj` account rides in PL-101).
const OFFICERS: &[&str] = &[
    "Ion Vasile",
    "Maria Stan",
    "Dan Moldovan",
    "Ana Crișan",
    "Mihai Bogdan",
    "Laura Pop",
    "Sorin Neagu",
    "Irina Lazăr",
    "Paul Georgescu",
    "Diana Ardelean",
    "Vlad Toma",
    "Oana Rusu",
];

/// Rosters for the shift under way, for every crew on duty that has none (each start: the shift
/// changes at the hours of the service's settings).
pub async fn ensure_rosters(db: &Db, config: &Config) -> anyhow::Result<()> {
    use crate::dispatch::rosters::{self, NewRoster};
    let shifts = crate::settings::load(db, config).await?.shifts;
    let (day, shift) = shifts.shift_at(now_ms());
    let have = rosters::of_day(db, &day.to_string()).await?;
    let units = crate::dispatch::units::list(db).await?;
    let actor = Actor::system("demo");
    for (i, u) in units.iter().enumerate() {
        if matches!(u.status.as_str(), "off_duty" | "out_of_service")
            || have
                .iter()
                .any(|r| r.unit_id == u.id && r.shift == shift.code())
        {
            continue;
        }
        let first = if u.call_sign == "PL-101" {
            "echipaj".to_string()
        } else {
            OFFICERS[(2 * i) % OFFICERS.len()].to_string()
        };
        let members = vec![first, OFFICERS[(2 * i + 1) % OFFICERS.len()].to_string()];
        rosters::save(
            db,
            &shifts,
            &actor,
            NewRoster {
                unit_id: u.id,
                day,
                shift,
                members,
                vehicle: None,
                radio: None,
                tracker_id: None,
            },
        )
        .await?;
    }
    Ok(())
}

pub async fn run(
    db: Db,
    config: Config,
    seed_value: u64,
    simulate: bool,
) -> anyhow::Result<ExitCode> {
    seed(&db, &config, seed_value, true).await?;
    ensure_rosters(&db, &config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {}: {e}", config.listen))?;
    let address = listener.local_addr()?;
    println!();
    println!("Veghe demo: http://{address}/");
    println!("Database: {}", crate::db::redact(&config.database_url));
    println!("Demo logins (username / password):");
    for (username, _, role) in ACCOUNTS {
        println!(
            "  {username:<14} {:<20} {}",
            demo_password(username),
            role.label_ro()
        );
    }
    println!("Press Ctrl-C to stop.");
    let state = crate::AppState::new(db.clone(), config);
    super::spawn_tracker_port(&state).await?;
    if simulate {
        println!(
            "Live simulation: calls arrive, crews move and report positions (--no-simulation to stop it)."
        );
        crate::demo::live::spawn(state.clone(), address, seed_value);
    }
    crate::serve(listener, state, crate::shutdown_signal()).await?;
    db.close().await;
    Ok(ExitCode::SUCCESS)
}
