//! The pure history generator: day by day (local days, Europe/Bucharest), numbered per calendar
//! year, with event bursts and burglary near repeats carried from one day to the next, and the
//! incidents still running at `now` left open.

use std::collections::{BTreeSet, VecDeque};

use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

use super::Incident;
use super::calendar::{add_days, events, is_public_holiday, snow_days};
use super::lifecycle::incident;
use super::model::{DayFactors, RHYTHMS, SCHOOL_WINDOWS, Where, parking_change_point};
use super::open::settle_open;
use super::places::{Place, Places};
use super::rng::Rng;

/// Days of history, ending with the day of `now`.
pub const HISTORY_DAYS: usize = 1095;
/// Share of burglaries (first ones / follow-ups) that bring one or two more nearby within a week.
const NEAR_REPEAT_P: [f64; 2] = [0.25, 0.10];
/// Spread (metres) and longest delay (days) of a near repeat.
const NEAR_REPEAT_SIGMA_M: f64 = 55.0;
const NEAR_REPEAT_MAX_DAYS: f64 = 7.0;
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

/// The local (Bucharest) date of an instant.
pub(crate) fn local_date(ms: i64) -> Date {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned(crate::time::bucharest()).date()
}

impl Generator {
    pub fn new(seed: u64, now_ms: i64) -> Generator {
        let tz = crate::time::bucharest();
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
                type_index: super::types::index("burglary_like"),
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
                    type_index: super::types::index(code),
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
                settle_open(self.seed, self.now_ms, &mut recent);
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
