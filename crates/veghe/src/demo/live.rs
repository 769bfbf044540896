//! The demo's live simulation, so the board is alive on first run: calls arrive when the demo
//! model says they would (its hourly and weekly rhythms), a stand-in dispatcher sends the
//! nearest crew to calls nobody has taken within a minute and a half, and crews drive there,
//! reporting their positions through the real OsmAnd endpoint, then work the incident and
//! close it. Crews without a call patrol their part of the city.
//!
//! Without a street graph, a crew moves along one axis and then the other, as on a street grid.

use std::collections::HashMap;
use std::net::SocketAddr;

use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::rng::Rng;
use crate::AppState;
use crate::audit::Actor;
use crate::db::now_ms;
use crate::dispatch::model::{LatLon, LocatedBy, Outcome, Priority, Status};
use crate::dispatch::store::{self, NewIncident};

/// Seconds between two steps of the simulation.
const TICK_S: u64 = 5;
/// A call nobody has taken for this long gets the nearest crew.
const AUTOPILOT_AFTER_MS: i64 = 90_000;

struct Crew {
    id: i64,
    tracker: String,
    kind: String,
    incident_id: Option<i64>,
    at: Option<(f64, f64)>,
}

#[derive(Default)]
struct World {
    patrol: HashMap<i64, (f64, f64)>,
    on_scene_until: HashMap<i64, i64>,
}

/// The simulation's state between steps.
pub struct Simulation {
    /// Calls still to come, the next one last.
    calls: Vec<super::Incident>,
    world: World,
    rng: Rng,
}

impl Simulation {
    /// A simulation whose calls are the demo model's for the coming day (none with `calls` false).
    pub fn new(seed: u64, start: i64, calls: bool) -> Simulation {
        let mut upcoming: Vec<super::Incident> = if calls {
            // A history generated to end a day from now: its last day is the day to come.
            super::generate(seed ^ 0x4C49_5645, start + 86_400_000)
                .filter(|i| i.received_at > start)
                .collect()
        } else {
            Vec::new()
        };
        upcoming.reverse();
        Simulation {
            calls: upcoming,
            world: World::default(),
            rng: Rng::stream(seed, 0x4C49_5645),
        }
    }

    /// One step: due calls registered, waiting calls given a crew, every crew moved.
    pub async fn step(&mut self, state: &AppState, address: SocketAddr) -> anyhow::Result<()> {
        step(
            state,
            address,
            &mut self.calls,
            &mut self.world,
            &mut self.rng,
        )
        .await
    }
}

/// Starts the simulation against the server listening at `address`.
pub fn spawn(state: AppState, address: SocketAddr, seed: u64) {
    tokio::spawn(async move {
        let start = now_ms();
        let prepared =
            tokio::task::spawn_blocking(move || Simulation::new(seed, start, true)).await;
        let Ok(mut sim) = prepared else {
            tracing::warn!("the demo simulation could not be prepared");
            return;
        };
        tracing::info!(
            calls = sim.calls.len(),
            "demo simulation running: calls, crews and positions"
        );
        let mut ticker = tokio::time::interval(std::time::Duration::from_secs(TICK_S));
        loop {
            ticker.tick().await;
            if let Err(e) = sim.step(&state, address).await {
                tracing::warn!(error = %e, "demo simulation step failed");
            }
        }
    });
}

async fn step(
    state: &AppState,
    address: SocketAddr,
    calls: &mut Vec<super::Incident>,
    world: &mut World,
    rng: &mut Rng,
) -> anyhow::Result<()> {
    let now = now_ms();
    let actor = Actor::system("demo");
    while calls.last().is_some_and(|c| c.received_at <= now) {
        if let Some(c) = calls.pop() {
            let new = NewIncident {
                kind: c.kind.to_string(),
                priority: Priority::new(c.priority).map_err(anyhow::Error::msg)?,
                at: LatLon::new(c.lat, c.lon).ok(),
                located_by: Some(LocatedBy::Coordinates),
                address: Some(c.address),
                description: c.description,
                caller_name: c.caller_name,
                caller_phone: c.caller_phone,
                source: c.source,
            };
            store::create(&state.db, &actor, new).await?;
        }
    }
    autopilot(state, &actor, now).await?;
    let crews = crews(state).await?;
    for crew in &crews {
        drive(state, address, crew, world, rng, now).await?;
    }
    state.live.published();
    Ok(())
}

async fn crews(state: &AppState) -> anyhow::Result<Vec<Crew>> {
    let rows = sqlx::query(
        "SELECT id, tracker_id, kind, incident_id, last_lat, last_lon FROM units \
         WHERE tracker_id IS NOT NULL AND retired_at IS NULL AND status NOT IN ('off_duty', 'out_of_service') ORDER BY id",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let lat: Option<f64> = r.try_get("last_lat")?;
            let lon: Option<f64> = r.try_get("last_lon")?;
            Ok(Crew {
                id: r.try_get("id")?,
                tracker: r.try_get("tracker_id")?,
                kind: r.try_get("kind")?,
                incident_id: r.try_get("incident_id")?,
                at: lat.zip(lon),
            })
        })
        .collect()
}

/// The stand-in dispatcher: calls waiting too long get the best-ranked crew.
async fn autopilot(state: &AppState, actor: &Actor, now: i64) -> anyhow::Result<()> {
    let waiting: Vec<store::Incident> = store::open(&state.db)
        .await?
        .into_iter()
        .filter(|i| i.status == Status::Received && now - i.received_at > AUTOPILOT_AFTER_MS)
        .collect();
    for incident in waiting {
        let (Some(lat), Some(lon)) = (incident.lat, incident.lon) else {
            continue;
        };
        let units = crate::dispatch::units::list(&state.db).await?;
        let stale_after_ms = state.settings().await?.stale_after_ms();
        let ranked = crate::dispatch::recommend::rank(&units, lat, lon, now, stale_after_ms);
        if let Some(best) = ranked.first() {
            // Another dispatcher may have taken the crew meanwhile: then try next time.
            let _ =
                crate::dispatch::assignment::assign(&state.db, actor, incident.id, best.unit_id)
                    .await;
        }
    }
    Ok(())
}

async fn drive(
    state: &AppState,
    address: SocketAddr,
    crew: &Crew,
    world: &mut World,
    rng: &mut Rng,
    now: i64,
) -> anyhow::Result<()> {
    let geo = crate::geo::geo();
    let here = crew.at.unwrap_or_else(|| {
        let n = &geo.neighbourhoods[(crew.id as usize) % geo.neighbourhoods.len()];
        (n.centroid.1, n.centroid.0)
    });
    let actor = Actor::system("demo");
    let incident = match crew.incident_id {
        Some(id) => Some(store::get(&state.db, id).await?),
        None => None,
    };
    let target = match &incident {
        Some(i) => i.lat.zip(i.lon).unwrap_or(here),
        None => *world.patrol.entry(crew.id).or_insert_with(|| {
            let n = &geo.neighbourhoods[rng.below(geo.neighbourhoods.len())];
            (n.centroid.1, n.centroid.0)
        }),
    };
    if let Some(i) = &incident
        && i.status == Status::Dispatched
    {
        store::change_status(&state.db, &actor, i.id, Status::EnRoute, None, None).await?;
    }
    let distance = crate::geo::distance_m(here.1, here.0, target.1, target.0);
    if distance < 30.0 {
        match &incident {
            Some(i) if i.status != Status::OnScene => {
                store::change_status(&state.db, &actor, i.id, Status::OnScene, None, None).await?;
                let minutes = 4 + rng.below(8) as i64;
                world.on_scene_until.insert(i.id, now + minutes * 60_000);
            }
            Some(i) => {
                let until = *world.on_scene_until.entry(i.id).or_insert(now + 5 * 60_000);
                if now >= until {
                    let outcome = match rng.below(10) {
                        0..=4 => Outcome::Warning,
                        5..=6 => Outcome::Sanction,
                        7..=8 => Outcome::Unfounded,
                        _ => Outcome::Other,
                    };
                    let note = "rezolvat la fața locului";
                    store::change_status(
                        &state.db,
                        &actor,
                        i.id,
                        Status::Closed,
                        Some(outcome),
                        Some(note),
                    )
                    .await?;
                    world.on_scene_until.remove(&i.id);
                }
            }
            None => {
                world.patrol.remove(&crew.id);
            }
        }
        report(address, &crew.tracker, here, 0.0, now).await;
        return Ok(());
    }
    let speed_mps = crate::dispatch::recommend::speed_kmh(&crew.kind) / 3.6
        * if incident.is_some() { 1.0 } else { 0.4 };
    let step_m = (speed_mps * TICK_S as f64).min(distance);
    let next = toward(here, target, step_m);
    report(address, &crew.tracker, next, speed_mps, now).await;
    Ok(())
}

/// One step of `step_m` metres from `from` toward `to`: along the latitude first, then the
/// longitude, as along a street grid.
fn toward(from: (f64, f64), to: (f64, f64), step_m: f64) -> (f64, f64) {
    let m_per_deg_lat = 111_320.0;
    let m_per_deg_lon = 111_320.0 * from.0.to_radians().cos();
    let dlat_m = (to.0 - from.0) * m_per_deg_lat;
    let dlon_m = (to.1 - from.1) * m_per_deg_lon;
    if dlat_m.abs() > 1.0 {
        let d = dlat_m.signum() * step_m.min(dlat_m.abs());
        let rest = step_m - d.abs();
        let lat = from.0 + d / m_per_deg_lat;
        let dl = dlon_m.signum() * rest.min(dlon_m.abs());
        (lat, from.1 + dl / m_per_deg_lon)
    } else {
        let d = dlon_m.signum() * step_m.min(dlon_m.abs());
        (to.0, from.1 + d / m_per_deg_lon)
    }
}

/// Sends a position the way a phone running OsmAnd or Traccar Client does: a GET to `/osmand`.
async fn report(
    address: SocketAddr,
    device: &str,
    (lat, lon): (f64, f64),
    speed_mps: f64,
    now: i64,
) {
    let knots = speed_mps * 3600.0 / 1852.0;
    let request = format!(
        "GET /osmand?id={device}&lat={lat:.6}&lon={lon:.6}&timestamp={now}&speed={knots:.1} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    );
    let sent = async {
        let mut stream = tokio::net::TcpStream::connect(address).await?;
        stream.write_all(request.as_bytes()).await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<bool, std::io::Error>(answer.starts_with(b"HTTP/1.1 200"))
    };
    match sent.await {
        Ok(true) => {}
        Ok(false) => tracing::warn!(device, "the demo position was refused"),
        Err(e) => tracing::warn!(device, error = %e, "the demo position could not be sent"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_goes_along_the_latitude_first_and_never_overshoots() {
        let from = (45.75, 21.22);
        let to = (45.76, 21.23);
        let a = toward(from, to, 100.0);
        assert!(a.0 > from.0 && (a.1 - from.1).abs() < 1e-12, "{a:?}");
        let d = crate::geo::distance_m(from.1, from.0, a.1, a.0);
        assert!((d - 100.0).abs() < 1.0, "{d}");
        let end = toward(from, to, 1e9);
        assert!(
            (end.0 - to.0).abs() < 1e-9 && (end.1 - to.1).abs() < 1e-9,
            "{end:?}"
        );
    }
}
