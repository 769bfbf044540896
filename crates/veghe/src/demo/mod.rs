//! Demo data: a deterministic, realistic three-year dispatch history for Timișoara and its seeding.
//!
//! [`generate`] is pure (seed and `now` in, incidents out); [`seed_history`] writes the crews and the
//! incidents in one transaction. The same seed and `now` always give the same history (own
//! SplitMix64 PRNG, one stream per local day, so editing one day's model leaves the others alone).
//!
//! What the history contains, for the analysts and the tests that look for it:
//!
//! - **Volume**: [`HISTORY_DAYS`] local days (Europe/Bucharest) ending with the day of `now`,
//!   about 29,000 incidents in the first year and 34,000 in the last (growth
//!   [`model::YEARLY_GROWTH`] = 5 % a year, plus the change point below). Numbers run `1…` within
//!   each calendar year (local time) and the `counters` row `('incident', year)` continues them.
//! - **Change point**: from [`parking_change_point`] — the 1st of the month 14 months before the
//!   month of `now` — a new parking policy raises `illegal_parking` by
//!   [`model::PARKING_CHANGE_FACTOR`] (×1.35). Nothing else changes on that day.
//! - **Rhythms** ([`model::RHYTHMS`]): hour-of-day profiles per type (noise, brawls, drinking and
//!   damaged signs at night, peaking on Friday and Saturday nights; parking, trading, building works
//!   in working hours on working days); months (drinking, noise, brawls up in summer, waste in
//!   spring, building works down in winter); paydays on the 10th and 25th (drinking and brawls ×1.7
//!   the following night); public holidays; snow spells of 2–5 days each winter (outdoor types
//!   ×0.55, traffic obstruction ×1.6).
//! - **Schools**: `school_safety` only on school days (not weekends, public holidays, the summer
//!   holiday from 14 June to the second Monday of September, 20 December – 7 January, Good Friday
//!   to the Sunday after Orthodox Easter), only 7:30–8:30 and 12:00–14:00, at school gates
//!   (`schools.geojson` centroids, kind school or college, ±25 m).
//! - **Events** ([`calendar::events`]): New Year's Eve in Piața Victoriei (21:00–04:00, ≈40 extra
//!   incidents), 20 December, the students' festival (Complexul Studențesc, Thursday–Saturday of
//!   the second week of May), a summer festival in Piața Unirii (first weekend of July), a stadium
//!   concert (last Saturday of August). Their incidents say `Eveniment: …` in the description.
//! - **Space**: hot spots ([`places::HOT_SPOTS`]: Piața Victoriei, Piața Unirii, the markets Piața
//!   700, Badea Cârțan and Mehala, Gara de Nord, Complexul Studențesc, Iulius Town) with Gaussian
//!   spreads of 70–220 m; the rest over the neighbourhoods weighted by rough population (or by
//!   housing for waste, building works, burglaries), 35 % of it at three recurring spots per
//!   neighbourhood (±60 m). Every point lies inside the city limit and one of the 31
//!   neighbourhoods, whose id is stored.
//! - **Near repeats**: 25 % of burglaries (`burglary_like`) bring one or two more within a week
//!   (exponential, mean 2 days) about 55 m away (Gaussian per axis, same street); 10 % of those
//!   bring more in turn. About 30 % of all burglaries are such repeats.
//! - **Life of an incident**: source shares per type, priority 1–3 around the type's default,
//!   minutes to dispatch (P1 ≈1.5, P2 ≈4, P3 ≈12, petitions ≈3 h), travel and time on scene,
//!   outcome shares per type, a crew of the right department, callers' names and fictitious
//!   `07xx xxx xxx` numbers for phone and 112 calls. Crimes (`burglary_like`) are handed over.
//!   Incidents still running at `now` stay open (`received`, `dispatched`, `on_scene`; between 12
//!   and 25 of them) with distinct available crews, whose status is set to match.

pub mod calendar;
pub mod crews;
mod generate;
mod lifecycle;
pub mod live;
pub mod model;
mod open;
pub mod petitions;
pub mod petitions_reports;
mod petitions_seed;
mod petitions_text;
pub mod places;
pub mod press_accreditation;
pub mod press_contacts;
pub mod press_releases;
pub mod press_strategy;
mod rng;
pub mod sanctions;
mod seed;
mod text;
pub mod types;

pub use crate::dispatch::catalogue;
pub use generate::{Generator, HISTORY_DAYS};
pub use seed::seed_history;

/// One demo incident, as inserted into `incidents` (`created_by` stays NULL).
#[derive(Clone, Debug, PartialEq)]
pub struct Incident {
    pub year: i64,
    pub number: i64,
    /// The type code (`incidents.type`), one of [`types::TYPES`].
    pub kind: &'static str,
    pub priority: i64,
    pub status: &'static str,
    pub source: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub address: String,
    /// Neighbourhood id, as in [`crate::geo::Neighbourhood::id`].
    pub neighbourhood: &'static str,
    pub description: String,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    pub outcome: Option<&'static str>,
    pub received_at: i64,
    pub dispatched_at: Option<i64>,
    pub on_scene_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// Call sign of the crew sent (`units.call_sign`).
    pub unit: Option<&'static str>,
}

/// What [`seed_history`] wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistorySummary {
    pub units: usize,
    pub incidents: usize,
    /// Epoch milliseconds of the first and the last incident received.
    pub first_ms: i64,
    pub last_ms: i64,
}

/// The whole history, oldest first.
pub fn generate(seed: u64, now_ms: i64) -> impl Iterator<Item = Incident> {
    Generator::new(seed, now_ms).flatten()
}

/// The day (local) from which illegal parking rises by 35 %, for a history ending at `now_ms`.
pub fn parking_change_point(now_ms: i64) -> jiff::civil::Date {
    model::parking_change_point(generate::local_date(now_ms))
}

#[cfg(test)]
mod tests;
