//! What happens to a demo incident once received: its source, priority, the crew sent, the
//! minutes to dispatch, to arrive and on scene, the outcome, the caller and the description.

use super::Incident;
use super::crews::{CREWS, Crew, crews_of, departments_for};
use super::places::Place;
use super::rng::Rng;
use super::text;
use super::types::TYPES;

const MINUTE: f64 = 60_000.0;

/// Shares of phone, duty desk, 112, patrol, petition, camera.
const SOURCE_CODES: [&str; 6] = ["phone", "duty_desk", "112", "patrol", "petition", "camera"];

fn source_shares(code: &str) -> [f64; 6] {
    match code {
        "noise" => [0.62, 0.02, 0.30, 0.03, 0.03, 0.0],
        "brawl" => [0.30, 0.0, 0.45, 0.13, 0.0, 0.12],
        "alcohol_public" => [0.35, 0.0, 0.10, 0.40, 0.0, 0.15],
        "insults_threats" => [0.50, 0.08, 0.30, 0.10, 0.02, 0.0],
        "illegal_parking" => [0.40, 0.05, 0.03, 0.35, 0.07, 0.10],
        "abandoned_vehicle" => [0.30, 0.05, 0.0, 0.25, 0.40, 0.0],
        "illegal_trading" => [0.25, 0.0, 0.0, 0.55, 0.05, 0.15],
        "waste" => [0.40, 0.05, 0.0, 0.25, 0.20, 0.10],
        "construction" => [0.30, 0.05, 0.0, 0.20, 0.45, 0.0],
        "school_safety" => [0.35, 0.0, 0.10, 0.55, 0.0, 0.0],
        "begging" => [0.35, 0.05, 0.0, 0.45, 0.0, 0.15],
        "animals" => [0.60, 0.05, 0.15, 0.10, 0.10, 0.0],
        "burglary_like" => [0.40, 0.05, 0.55, 0.0, 0.0, 0.0],
        "traffic_obstruction" => [0.50, 0.0, 0.10, 0.25, 0.0, 0.15],
        "damage_signs" => [0.40, 0.0, 0.05, 0.30, 0.05, 0.20],
        _ => [0.45, 0.05, 0.20, 0.18, 0.05, 0.07],
    }
}

/// Outcome codes and their shares of sanction, warning, handed over, unfounded, other.
const OUTCOME_CODES: [&str; 5] = ["sanction", "warning", "handed_over", "unfounded", "other"];

fn outcome_shares(code: &str) -> [f64; 5] {
    match code {
        "noise" => [0.30, 0.40, 0.02, 0.20, 0.08],
        "brawl" => [0.35, 0.15, 0.30, 0.12, 0.08],
        "alcohol_public" => [0.45, 0.35, 0.0, 0.15, 0.05],
        "insults_threats" => [0.35, 0.25, 0.15, 0.15, 0.10],
        "illegal_parking" => [0.60, 0.15, 0.0, 0.15, 0.10],
        "abandoned_vehicle" => [0.25, 0.30, 0.05, 0.15, 0.25],
        "illegal_trading" => [0.55, 0.20, 0.0, 0.20, 0.05],
        "waste" => [0.40, 0.20, 0.10, 0.20, 0.10],
        "construction" => [0.40, 0.15, 0.15, 0.15, 0.15],
        "school_safety" => [0.10, 0.30, 0.10, 0.20, 0.30],
        "begging" => [0.35, 0.35, 0.10, 0.15, 0.05],
        "animals" => [0.10, 0.10, 0.55, 0.15, 0.10],
        "burglary_like" => [0.0, 0.0, 0.85, 0.10, 0.05],
        "traffic_obstruction" => [0.40, 0.25, 0.05, 0.15, 0.15],
        "damage_signs" => [0.30, 0.15, 0.20, 0.25, 0.10],
        _ => [0.10, 0.15, 0.25, 0.20, 0.30],
    }
}

/// Median minutes a crew stays on scene.
fn on_scene_median(code: &str) -> f64 {
    match code {
        "brawl" | "burglary_like" => 38.0,
        "construction" => 45.0,
        "school_safety" => 50.0,
        "waste" | "animals" => 30.0,
        "alcohol_public" | "begging" | "illegal_parking" => 15.0,
        _ => 22.0,
    }
}

/// An outcome drawn with the type's shares.
pub fn draw_outcome(code: &str, rng: &mut Rng) -> &'static str {
    OUTCOME_CODES[rng.weighted(&outcome_shares(code))]
}

/// A crew of the right department for the incident (the rapid-intervention team for urgent
/// public-order incidents).
pub fn pick_crew(code: &str, priority: i64, source: &str, rng: &mut Rng) -> &'static Crew {
    let department = if priority == 1
        && !matches!(code, "illegal_parking" | "traffic_obstruction")
        && rng.chance(0.6)
    {
        "rapid_intervention"
    } else if source == "camera" && rng.chance(0.05) {
        "video_monitoring"
    } else if rng.chance(0.02) {
        "guarding"
    } else {
        let options = departments_for(code);
        let i = if options.len() > 1 && rng.chance(0.15) {
            1
        } else {
            0
        };
        options.get(i).copied().unwrap_or("proximity")
    };
    let crews: Vec<&'static Crew> = crews_of(department).collect();
    rng.pick(&crews).copied().unwrap_or(&CREWS[0])
}

/// The whole (closed) life of an incident received at `received_at`. The generator numbers it
/// later and reopens it if it is still running when the history ends.
pub fn incident(type_index: usize, received_at: i64, place: Place, rng: &mut Rng) -> Incident {
    let t = &TYPES[type_index.min(TYPES.len() - 1)];
    let code = t.code;
    let source = SOURCE_CODES[rng.weighted(&source_shares(code))];
    let mut priority = t.priority;
    if rng.chance(0.15) {
        priority = (priority + 1).min(3);
    } else if rng.chance(0.07) {
        priority = (priority - 1).max(1);
    }
    let (caller_name, caller_phone) = match source {
        "phone" | "112" if rng.chance(0.12) => (None, Some(text::caller_phone(rng))),
        "phone" | "112" => (Some(text::caller_name(rng)), Some(text::caller_phone(rng))),
        "duty_desk" | "petition" => (Some(text::caller_name(rng)), None),
        _ => (None, None),
    };
    let mut outcome = draw_outcome(code, rng);
    let at = |minutes: f64| received_at + (minutes * MINUTE) as i64;
    let minutes = |rng: &mut Rng, median: f64, sigma: f64, cap: f64| {
        rng.lognormal(median, sigma).clamp(0.5, cap)
    };
    // Not sent at all: a crime passed straight to the Romanian Police, or a call found unfounded.
    let passed_on = t.handed_over && rng.chance(0.25);
    let dropped = source != "patrol" && rng.chance(0.02);
    let (dispatched_at, on_scene_at, closed_at, unit) = if passed_on || dropped {
        outcome = if passed_on {
            "handed_over"
        } else {
            "unfounded"
        };
        (None, None, at(minutes(rng, 5.0, 0.5, 30.0)), None)
    } else {
        let crew = pick_crew(code, priority, source, rng);
        let (dispatch, travel) = if source == "patrol" {
            (0.0, 0.0)
        } else {
            let (d, tr) = match priority {
                1 => (1.5, 6.0),
                2 => (4.0, 9.0),
                _ => (12.0, 13.0),
            };
            let d = if source == "petition" {
                minutes(rng, 180.0, 0.6, 900.0)
            } else {
                minutes(rng, d, 0.7, 600.0)
            };
            (d, d + minutes(rng, tr, 0.45, 90.0))
        };
        let scale = if outcome == "unfounded" { 0.5 } else { 1.0 };
        let stay = minutes(rng, on_scene_median(code) * scale, 0.55, 300.0);
        (
            Some(at(dispatch)),
            Some(at(travel)),
            at(travel + stay),
            Some(crew.call_sign),
        )
    };
    Incident {
        year: 0,
        number: 0,
        kind: code,
        priority,
        status: "closed",
        source,
        lat: place.lat,
        lon: place.lon,
        address: place.address,
        neighbourhood: place.neighbourhood,
        description: text::description(code, rng),
        caller_name,
        caller_phone,
        outcome: Some(outcome),
        received_at,
        dispatched_at,
        on_scene_at,
        closed_at: Some(closed_at),
        unit,
    }
}
