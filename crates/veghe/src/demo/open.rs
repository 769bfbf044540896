//! The end of the history: the incidents still running at `now` stay open, some waiting for a
//! crew, some with a crew on the way, most with a crew on scene — never more crews than are free.

use std::collections::HashSet;

use super::Incident;
use super::crews::{CREWS, Crew, departments_for};
use super::lifecycle::draw_outcome;
use super::rng::Rng;

/// How many incidents are left open at `now`: at least this many (plus up to 6), at most [`MAX_OPEN`].
pub const MIN_OPEN: usize = 12;
pub const MAX_OPEN: usize = 25;
/// Crews kept free whatever happens: the board never shows every crew busy.
const RESERVE_CREWS: usize = 3;
/// How far back an incident may be reopened.
const REOPEN_WINDOW_MS: i64 = 8 * 3_600_000;

/// Settles the last day or two of the history (`recent`, oldest first) for `now`.
pub fn settle_open(seed: u64, now: i64, recent: &mut [&mut Incident]) {
    let mut rng = Rng::stream(seed, 0x4F50_454E);
    let mut open: Vec<usize> = (0..recent.len())
        .filter(|&k| recent[k].closed_at.is_some_and(|c| c > now))
        .collect();
    // Too few: the latest incidents are still being handled (a busy evening, crews queued):
    // the newest wait for a crew, the next have one on the way, the older ones are on scene.
    let target = rng.int(MIN_OPEN as i64, MIN_OPEN as i64 + 6) as usize;
    let mut reopened = 0;
    for k in (0..recent.len()).rev() {
        if open.len() >= target {
            break;
        }
        let inc = &mut *recent[k];
        if open.contains(&k)
            || inc.dispatched_at.is_none()
            || inc.received_at < now - REOPEN_WINDOW_MS
        {
            continue;
        }
        reopened += 1;
        if inc.source != "patrol" {
            if reopened <= 2 {
                inc.dispatched_at = None;
            }
            if reopened <= 5 || rng.chance(0.2) {
                inc.on_scene_at = None;
            }
        }
        inc.closed_at = Some(now + 1);
        open.push(k);
    }
    open.sort_unstable();
    // Too many: the oldest of them were closed just now.
    while open.len() > MAX_OPEN {
        let k = open.remove(0);
        let inc = &mut *recent[k];
        let closed = (now - rng.int(60_000, 600_000))
            .max(inc.received_at + 60_000)
            .min(now);
        inc.dispatched_at = inc.dispatched_at.map(|t| t.min(closed));
        inc.on_scene_at = inc.on_scene_at.map(|t| t.min(closed));
        inc.closed_at = Some(closed);
        inc.outcome = Some(draw_outcome(inc.kind, &mut rng));
    }
    let available = CREWS.iter().filter(|c| c.status == "available").count();
    let mut busy: HashSet<&'static str> = HashSet::new();
    for &k in &open {
        let inc = &mut *recent[k];
        inc.closed_at = None;
        inc.outcome = None;
        inc.dispatched_at = inc.dispatched_at.filter(|&t| t <= now);
        inc.on_scene_at = inc.on_scene_at.filter(|&t| t <= now);
        let crew = if inc.dispatched_at.is_some() && busy.len() + RESERVE_CREWS < available {
            free_crew(inc.kind, &busy)
        } else {
            None
        };
        match crew {
            Some(c) => {
                busy.insert(c.call_sign);
                inc.unit = Some(c.call_sign);
                inc.status = if inc.on_scene_at.is_some() {
                    "on_scene"
                } else {
                    "dispatched"
                };
            }
            // No crew free (or none sent yet): the incident waits in the queue.
            None => {
                inc.unit = None;
                inc.dispatched_at = None;
                inc.on_scene_at = None;
                inc.status = "received";
            }
        }
    }
}

/// An available crew not yet busy: of the type's departments first, then proximity, then any.
fn free_crew(kind: &str, busy: &HashSet<&'static str>) -> Option<&'static Crew> {
    let departments = departments_for(kind);
    let free = |c: &&'static Crew| c.status == "available" && !busy.contains(c.call_sign);
    CREWS
        .iter()
        .filter(free)
        .find(|c| departments.contains(&c.department))
        .or_else(|| {
            CREWS
                .iter()
                .filter(free)
                .find(|c| c.department == "proximity")
        })
        .or_else(|| CREWS.iter().find(free))
}
