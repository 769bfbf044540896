//! The pure history generator: day by day (local days, Europe/Bucharest), numbered per calendar
//! year, with event bursts and burglary near repeats carried from one day to the next, and the
//! incidents still running at `now` left open.

use std::collections::{BTreeSet, HashSet, VecDeque};

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::Incident;
use super::calendar::{add_days, events, is_public_holiday, snow_days};
use super::catalogue::INCIDENT_TYPES;
use super::crews::{CREWS, departments_for};
use super::lifecycle::{draw_outcome, incident};
use super::model::{DayFactors, RHYTHMS, SCHOOL_WINDOWS, Where, parking_change_point};
use super::places::{Place, Places};
use super::rng::Rng;

/// Days of history, ending with the day of `now`.
pub const HISTORY_DAYS: usize = 1095;
/// Share of burglaries (first ones / follow-ups) that bring one or two more nearby within a week.
const NEAR_REPEAT_P: [f64; 2] = [0.25, 0.10];
/// Spread (metres) and longest delay (days) of a near repeat.
const NEAR_REPEAT_SIGMA_M: f64 = 55.0;
const NEAR_REPEAT_MAX_DAYS: f64 = 7.0;
/// How many incidents are left open at `now`: at least this many, at most [`MAX_OPEN`].
const MIN_OPEN: usize = 12;
const MAX_OPEN: usize = 25;
const DAY_MS: i64 = 86_400_000;

/// An incident scheduled for a later day (an event burst running past midnight, a near repeat).
struct Pending {
    at_ms: i64,
    type_index: usize,
    place: Place,
    /// 0 for an event's incident or a first burglary, 1 for a near repeat.
    generation: usize,
    note: Option<&'static str>,
}

/// The generator. As an iterator it yields one local day's incidents at a time, oldest first.
pub struct Generator {
    seed: u64,
    now_ms: i64,
    tz: TimeZone,
    places: Places,
    first: Date,
    days: usize,
    next_day: usize,
    change: Date,
    snow: BTreeSet<Date>,
    pending: Vec<Pending>,
    year: i16,
    number: i64,
    held: Option<Vec<Incident>>,
    ready: VecDeque<Vec<Incident>>,
}

/// Europe/Bucharest (bundled with jiff; a fixed +02:00 should the bundle ever lack it).
pub(crate) fn bucharest() -> TimeZone {
    TimeZone::get("Europe/Bucharest").unwrap_or_else(|_| TimeZone::fixed(jiff::tz::offset(2)))
}

/// The local (Bucharest) date of an instant.
pub(crate) fn local_date(ms: i64) -> Date {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned(bucharest()).date()
}

fn type_index(code: &str) -> usize {
    INCIDENT_TYPES
        .iter()
        .position(|t| t.code == code)
        .unwrap_or(INCIDENT_TYPES.len() - 1)
}

impl Generator {
    pub fn new(seed: u64, now_ms: i64) -> Generator {
        let tz = bucharest();
        let today = local_date(now_ms);
        let first = add_days(today, 1 - HISTORY_DAYS as i64);
        Generator {
            seed,
            now_ms,
            places: Places::new(crate::geo::geo(), seed),
            first,
            days: HISTORY_DAYS,
            next_day: 0,
            change: parking_change_point(today),
            snow: snow_days(seed, first, today),
            tz,
            pending: Vec::new(),
            year: first.year(),
            number: 0,
            held: None,
            ready: VecDeque::new(),
        }
    }

    /// Number of days the history covers (the iterator yields this many items).
    pub fn days(&self) -> usize {
        self.days
    }

    /// The first local day of the history.
    pub fn first_day(&self) -> Date {
        self.first
    }

    /// The day illegal parking steps up (see the module documentation).
    pub fn change_point(&self) -> Date {
        self.change
    }

    /// Epoch milliseconds of a local wall-clock time (the later instant in a DST gap).
    fn local_ms(&self, d: Date, ms_of_day: i64) -> i64 {
        let ms = ms_of_day.clamp(0, DAY_MS - 1);
        let (h, rem) = (ms / 3_600_000, ms % 3_600_000);
        let (m, rem) = (rem / 60_000, rem % 60_000);
        let dt = DateTime::new(
            d.year(),
            d.month(),
            d.day(),
            h as i8,
            m as i8,
            (rem / 1000) as i8,
            (rem % 1000) as i32 * 1_000_000,
        );
        dt.and_then(|dt| self.tz.to_timestamp(dt))
            .map(|ts| ts.as_millisecond())
            .unwrap_or(0)
    }

    fn place(&self, wheres: &[(Where, f64)], rng: &mut Rng) -> Place {
        let weights: Vec<f64> = wheres.iter().map(|w| w.1).collect();
        match wheres.get(rng.weighted(&weights)).map(|w| w.0) {
            Some(Where::Spot(i)) => self.places.at_spot(i, rng),
            Some(Where::School) => self.places.at_school(rng),
            Some(Where::Area(w)) => self.places.residential(w, rng),
            None => self
                .places
                .residential(super::places::Weighting::Population, rng),
        }
    }

    /// Schedules one or two near repeats of a burglary.
    fn near_repeats(&mut self, inc: &Incident, generation: usize, rng: &mut Rng) {
        if inc.kind != "burglary_like" || !rng.chance(NEAR_REPEAT_P[generation.min(1)]) {
            return;
        }
        let origin = Place {
            lon: inc.lon,
            lat: inc.lat,
            neighbourhood: inc.neighbourhood,
            address: inc.address.clone(),
        };
        for _ in 0..rng.int(1, 2) {
            let days = rng.exponential(2.0).clamp(0.1, NEAR_REPEAT_MAX_DAYS - 0.05);
            let at_ms = inc.received_at + (days * DAY_MS as f64) as i64;
            let place = self.places.near(&origin, NEAR_REPEAT_SIGMA_M, rng);
            self.pending.push(Pending {
                at_ms,
                type_index: type_index("burglary_like"),
                place,
                generation: 1,
                note: None,
            });
        }
    }

    /// One local day's incidents, sorted and numbered.
    fn generate_day(&mut self, index: usize) -> Vec<Incident> {
        let d = add_days(self.first, index as i64);
        let tag = i64::from(d.year()) * 10_000 + i64::from(d.month()) * 100 + i64::from(d.day());
        let mut rng = Rng::stream(self.seed, tag as u64);
        let (start, end) = (self.local_ms(d, 0), self.local_ms(add_days(d, 1), 0));
        let factors = DayFactors {
            date: d,
            years: index as f64 / 365.25,
            holiday: is_public_holiday(d),
            snow: self.snow.contains(&d),
            after_change: d >= self.change,
        };
        let mut list = Vec::new();
        let mut burglaries = Vec::new();
        for (k, r) in RHYTHMS.iter().enumerate() {
            let mut times = Vec::new();
            if matches!(r.places.first(), Some((Where::School, _))) {
                let lengths: Vec<f64> =
                    SCHOOL_WINDOWS.iter().map(|(a, b)| (b - a) as f64).collect();
                for _ in 0..rng.poisson(factors.school(r)) {
                    let (a, b) = SCHOOL_WINDOWS[rng.weighted(&lengths)];
                    times.push(
                        self.local_ms(d, (rng.uniform(a as f64, b as f64) * 60_000.0) as i64),
                    );
                }
            } else {
                for hour in 0..24 {
                    for _ in 0..rng.poisson(factors.hourly(r, hour)) {
                        let ms = hour as i64 * 3_600_000 + rng.int(0, 3_599_999);
                        times.push(self.local_ms(d, ms));
                    }
                }
            }
            for t in times {
                let place = self.place(r.places, &mut rng);
                let inc = incident(k, t, place, &mut rng);
                if r.code == "burglary_like" {
                    burglaries.push(inc.clone());
                }
                list.push(inc);
            }
        }
        for e in events(d.year()).into_iter().filter(|e| e.day == d) {
            let weights: Vec<f64> = e.mix.iter().map(|m| m.1).collect();
            for _ in 0..rng.poisson(e.expected) {
                let minutes = i64::from(e.start_hour) * 60 + rng.int(0, e.hours * 60 - 1);
                let at_ms = self.local_ms(d, 0) + minutes * 60_000 + rng.int(0, 59_999);
                let code = e.mix.get(rng.weighted(&weights)).map_or("other", |m| m.0);
                let place = self.places.at_spot(e.spot, &mut rng);
                self.pending.push(Pending {
                    at_ms,
                    type_index: type_index(code),
                    place,
                    generation: 0,
                    note: Some(e.name),
                });
            }
        }
        for b in &burglaries {
            self.near_repeats(b, 0, &mut rng);
        }
        // Materialise what is due today; near repeats of near repeats may be due today as well.
        loop {
            let (due, later): (Vec<Pending>, Vec<Pending>) = std::mem::take(&mut self.pending)
                .into_iter()
                .partition(|p| p.at_ms < end);
            self.pending = later;
            if due.is_empty() {
                break;
            }
            for p in due {
                let mut inc = incident(p.type_index, p.at_ms.max(start), p.place, &mut rng);
                if let Some(note) = p.note {
                    inc.description = format!("{} Eveniment: {note}.", inc.description);
                }
                self.near_repeats(&inc, p.generation, &mut rng);
                list.push(inc);
            }
        }
        list.retain(|i| i.received_at <= self.now_ms);
        list.sort_by_key(|i| i.received_at);
        if d.year() != self.year {
            self.year = d.year();
            self.number = 0;
        }
        for inc in &mut list {
            self.number += 1;
            inc.year = i64::from(self.year);
            inc.number = self.number;
        }
        list
    }

    /// Leaves the incidents still running at `now` open (between [`MIN_OPEN`] and [`MAX_OPEN`]),
    /// with distinct available crews for those dispatched.
    fn settle_open(&self, recent: &mut [&mut Incident]) {
        let now = self.now_ms;
        let mut rng = Rng::stream(self.seed, 0x4F50_454E);
        let is_open = |i: &Incident| i.closed_at.is_some_and(|c| c > now);
        let mut open: Vec<usize> = (0..recent.len()).filter(|&k| is_open(recent[k])).collect();
        // Too few: the latest incidents are still being handled (a busy evening, crews queued):
        // the newest wait for a crew, the next have one on the way, the older ones are on scene.
        let target = rng.int(MIN_OPEN as i64, MIN_OPEN as i64 + 8) as usize;
        let mut reopened = 0;
        for k in (0..recent.len()).rev() {
            if open.len() >= target {
                break;
            }
            let inc = &mut *recent[k];
            if open.contains(&k)
                || inc.dispatched_at.is_none()
                || inc.received_at < now - 6 * 3_600_000
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
        // Too many: the oldest of them were just closed.
        while open.len() > MAX_OPEN {
            let k = open.remove(0);
            let inc = &mut *recent[k];
            let closed = (now - rng.int(60_000, 600_000))
                .max(inc.received_at + 60_000)
                .min(now);
            inc.dispatched_at = inc.dispatched_at.map(|t| t.min(closed));
            inc.on_scene_at = inc.on_scene_at.map(|t| t.min(closed));
            inc.closed_at = Some(closed);
        }
        let mut busy: HashSet<&'static str> = HashSet::new();
        for &k in &open {
            let inc = &mut *recent[k];
            inc.closed_at = None;
            inc.outcome = None;
            inc.dispatched_at = inc.dispatched_at.filter(|&t| t <= now);
            inc.on_scene_at = inc
                .on_scene_at
                .filter(|&t| t <= now && inc.dispatched_at.is_some());
            inc.status = match (inc.dispatched_at, inc.on_scene_at) {
                (None, _) => "received",
                (Some(_), None) => "dispatched",
                (Some(_), Some(_)) => "on_scene",
            };
            if inc.dispatched_at.is_none() {
                inc.unit = None;
                continue;
            }
            let departments = departments_for(inc.kind);
            let free = |c: &&'static super::crews::Crew| {
                c.status == "available" && !busy.contains(c.call_sign)
            };
            let crew = CREWS
                .iter()
                .filter(free)
                .find(|c| departments.contains(&c.department))
                .or_else(|| {
                    CREWS
                        .iter()
                        .filter(free)
                        .find(|c| c.department == "proximity")
                })
                .or_else(|| CREWS.iter().find(free));
            if let Some(c) = crew {
                busy.insert(c.call_sign);
                inc.unit = Some(c.call_sign);
            }
        }
        // Incidents closed by the cap keep a plausible outcome.
        for inc in recent
            .iter_mut()
            .filter(|i| i.closed_at.is_some() && i.outcome.is_none())
        {
            inc.outcome = Some(draw_outcome(inc.kind, &mut rng));
        }
    }
}

impl Iterator for Generator {
    type Item = Vec<Incident>;

    fn next(&mut self) -> Option<Vec<Incident>> {
        if let Some(day) = self.ready.pop_front() {
            return Some(day);
        }
        while self.next_day < self.days {
            let mut day = self.generate_day(self.next_day);
            self.next_day += 1;
            if self.next_day == self.days {
                // The open incidents may reach back past midnight: settle the last two days together.
                let mut previous = self.held.take().unwrap_or_default();
                let mut recent: Vec<&mut Incident> =
                    previous.iter_mut().chain(day.iter_mut()).collect();
                self.settle_open(&mut recent);
                self.ready.push_back(day);
                return Some(previous);
            }
            if let Some(previous) = self.held.replace(day) {
                return Some(previous);
            }
        }
        None
    }
}
