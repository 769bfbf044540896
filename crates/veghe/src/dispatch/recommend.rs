//! Which crew to send: available crews ranked by estimated travel time from their last known
//! position (straight-line distance × a city detour factor at the crew kind's urban speed).
//! A crew whose position is stale is ranked, but after those with fresh positions, and says so.

use serde::Serialize;

use super::units::Unit;
use crate::geo::distance_m;

/// Streets are not straight lines: a typical detour factor for a grid city.
pub const DETOUR: f64 = 1.3;

/// Typical urban speed of a crew kind, km/h.
pub fn speed_kmh(kind: &str) -> f64 {
    match kind {
        "foot" => 5.0,
        "bike" => 15.0,
        "motorcycle" => 35.0,
        "rapid" => 40.0,
        _ => 30.0,
    }
}

/// One ranked crew.
#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Candidate {
    pub rank: usize,
    pub unit_id: i64,
    pub call_sign: String,
    pub kind: String,
    /// Straight-line distance, metres.
    pub distance_m: f64,
    /// Estimated travel time, seconds.
    pub eta_s: f64,
    /// The position is older than the stale threshold.
    pub stale: bool,
    /// Age of the last position, seconds.
    pub position_age_s: i64,
}

/// Ranks the available crews in service (not retired) with a known position; fresh positions
/// first, then by ETA.
pub fn rank(
    units: &[Unit],
    lat: f64,
    lon: f64,
    now_ms: i64,
    stale_after_ms: i64,
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = units
        .iter()
        .filter(|u| u.status == "available" && u.retired_at.is_none())
        .filter_map(|u| {
            let (ulat, ulon, at) = (u.last_lat?, u.last_lon?, u.last_position_at?);
            let d = distance_m(ulon, ulat, lon, lat);
            let eta = d * DETOUR / (speed_kmh(&u.kind) / 3.6);
            Some(Candidate {
                rank: 0,
                unit_id: u.id,
                call_sign: u.call_sign.clone(),
                kind: u.kind.clone(),
                distance_m: d.round(),
                eta_s: eta.round(),
                stale: now_ms - at > stale_after_ms,
                position_age_s: (now_ms - at).max(0) / 1000,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.stale
            .cmp(&b.stale)
            .then(a.eta_s.total_cmp(&b.eta_s))
            .then(a.call_sign.cmp(&b.call_sign))
    });
    for (i, c) in out.iter_mut().enumerate() {
        c.rank = i + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, kind: &str, status: &str, pos: Option<(f64, f64, i64)>) -> Unit {
        Unit {
            id,
            call_sign: format!("PL-{id}"),
            kind: kind.into(),
            department: "d".into(),
            status: status.into(),
            incident_id: None,
            vehicle: None,
            radio: None,
            tracker_id: None,
            last_lat: pos.map(|p| p.0),
            last_lon: pos.map(|p| p.1),
            last_position_at: pos.map(|p| p.2),
            last_contact_at: None,
            retired_at: None,
        }
    }

    #[test]
    fn nearest_by_time_fresh_first_busy_and_unknown_left_out() {
        let now = 10_000_000;
        let units = [
            unit(1, "car", "available", Some((45.760, 21.230, now))), // ~700 m by car
            unit(2, "foot", "available", Some((45.7545, 21.2260, now))), // ~100 m on foot
            unit(3, "car", "dispatched", Some((45.7537, 21.2257, now))), // busy
            unit(4, "car", "available", None),                        // no position
            unit(
                5,
                "car",
                "available",
                Some((45.7538, 21.2258, now - 3_600_000)),
            ), // stale
        ];
        let ranked = rank(&units, 45.7537, 21.2257, now, 300_000);
        let order: Vec<i64> = ranked.iter().map(|c| c.unit_id).collect();
        assert_eq!(order, [2, 1, 5]);
        assert_eq!(ranked[0].rank, 1);
        assert!(ranked[2].stale && ranked[2].position_age_s == 3600);
        assert!(ranked[0].eta_s < ranked[1].eta_s);
    }

    #[test]
    fn a_retired_crew_is_never_recommended() {
        let now = 10_000_000;
        let mut retired = unit(1, "car", "available", Some((45.7537, 21.2257, now)));
        retired.retired_at = Some(now - 1);
        let units = [
            retired,
            unit(2, "car", "available", Some((45.760, 21.230, now))),
        ];
        let order: Vec<i64> = rank(&units, 45.7537, 21.2257, now, 300_000)
            .iter()
            .map(|c| c.unit_id)
            .collect();
        assert_eq!(order, [2]);
    }
}
