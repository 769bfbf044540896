//! The demo's rhythms: how many incidents of each type a year, by hour of day, weekday and month,
//! and the day-level effects (growth, paydays, holidays, snow, the parking change point).

use jiff::civil::Date;

use super::calendar::{add_days, is_payday, is_school_day};
use super::places::{Weighting, spot};

/// Where the incidents of a type happen, with shares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Where {
    Spot(usize),
    Area(Weighting),
    School,
}

/// One incident type's rhythm.
#[derive(Debug)]
pub struct Rhythm {
    pub code: &'static str,
    /// Expected incidents in the first year of the history (before growth).
    pub per_year: f64,
    /// Relative weights of the local hours 0–23.
    pub hours: [f64; 24],
    /// Multipliers Monday … Sunday. For `night` types the hours before 06:00 count for the
    /// previous evening's weekday (a Friday night runs into Saturday morning).
    pub weekdays: [f64; 7],
    /// Multipliers January … December.
    pub months: [f64; 12],
    pub night: bool,
    /// Falls on snow days.
    pub outdoor: bool,
    /// Mostly an office-hours, working-day matter: public holidays ×0.3.
    pub office: bool,
    pub places: &'static [(Where, f64)],
}

const FLAT7: [f64; 7] = [1.0; 7];
const FLAT12: [f64; 12] = [1.0; 12];
const NIGHT_WEEK: [f64; 7] = [0.8, 0.8, 0.85, 0.95, 1.5, 1.6, 0.9];
const OFFICE_WEEK: [f64; 7] = [1.15, 1.15, 1.15, 1.1, 1.05, 0.55, 0.25];
const POP: Where = Where::Area(Weighting::Population);

/// Growth of the whole volume, per year.
pub const YEARLY_GROWTH: f64 = 1.05;
/// The illegal-parking change point: reports rise by this factor from [`parking_change_point`].
pub const PARKING_CHANGE_FACTOR: f64 = 1.35;
/// Expected school-safety incidents per school day are `per_year / SCHOOL_DAYS_PER_YEAR`.
pub const SCHOOL_DAYS_PER_YEAR: f64 = 172.0;

/// The rhythms, in the order of [`super::types::TYPES`].
#[rustfmt::skip]
pub const RHYTHMS: &[Rhythm] = &[
    Rhythm { code: "noise", per_year: 3600.0,
        hours: [8.0, 7.0, 5.0, 3.0, 2.0, 1.0, 0.6, 0.6, 0.7, 0.8, 0.8, 0.9, 1.0, 1.0, 1.0, 1.0, 1.5, 2.0, 2.5, 3.5, 4.5, 6.5, 9.0, 10.0],
        weekdays: NIGHT_WEEK, months: [0.75, 0.75, 0.85, 0.95, 1.1, 1.25, 1.35, 1.35, 1.1, 0.95, 0.8, 0.85],
        night: true, outdoor: true, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.08), (Where::Spot(spot::UNIRII), 0.07), (Where::Spot(spot::CAMPUS), 0.12), (POP, 0.73)] },
    Rhythm { code: "brawl", per_year: 1100.0,
        hours: [7.0, 7.0, 5.0, 4.0, 2.0, 1.0, 0.5, 0.5, 0.7, 0.8, 0.9, 1.0, 1.5, 1.5, 1.8, 2.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        weekdays: NIGHT_WEEK, months: [0.8, 0.75, 0.85, 0.95, 1.1, 1.2, 1.3, 1.3, 1.1, 0.95, 0.85, 0.95],
        night: true, outdoor: true, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.12), (Where::Spot(spot::UNIRII), 0.10), (Where::Spot(spot::CAMPUS), 0.10), (Where::Spot(spot::GARA_NORD), 0.10), (Where::Spot(spot::IULIUS), 0.03), (POP, 0.55)] },
    Rhythm { code: "alcohol_public", per_year: 1700.0,
        hours: [3.0, 2.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 4.0, 5.0, 6.0, 6.0, 6.0, 5.0, 4.0, 4.0],
        weekdays: NIGHT_WEEK, months: [0.6, 0.6, 0.8, 1.0, 1.2, 1.35, 1.45, 1.4, 1.15, 0.9, 0.7, 0.75],
        night: true, outdoor: true, office: false,
        places: &[(Where::Spot(spot::GARA_NORD), 0.15), (Where::Spot(spot::VICTORIEI), 0.08), (Where::Spot(spot::UNIRII), 0.05), (Where::Spot(spot::CAMPUS), 0.08), (Where::Spot(spot::PIATA_700), 0.05), (Where::Spot(spot::BADEA_CARTAN), 0.04), (Where::Spot(spot::MEHALA), 0.04), (POP, 0.51)] },
    Rhythm { code: "insults_threats", per_year: 1400.0,
        hours: [2.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 3.0, 3.0, 3.0, 2.0],
        weekdays: [1.0, 1.0, 1.0, 1.0, 1.1, 1.15, 1.0], months: [0.9, 0.9, 0.95, 1.0, 1.05, 1.1, 1.1, 1.05, 1.0, 1.0, 0.95, 1.0],
        night: false, outdoor: false, office: false,
        places: &[(Where::Spot(spot::GARA_NORD), 0.05), (Where::Spot(spot::VICTORIEI), 0.05), (Where::Spot(spot::IULIUS), 0.05), (POP, 0.85)] },
    Rhythm { code: "illegal_parking", per_year: 6600.0,
        hours: [0.3, 0.2, 0.2, 0.2, 0.2, 0.3, 1.0, 3.0, 6.0, 8.0, 9.0, 9.0, 9.0, 8.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.6, 0.4],
        weekdays: [1.1, 1.1, 1.1, 1.1, 1.05, 0.6, 0.45], months: [0.95, 0.95, 1.0, 1.0, 1.0, 1.0, 0.85, 0.8, 1.05, 1.05, 1.05, 1.1],
        night: false, outdoor: false, office: true,
        places: &[(Where::Spot(spot::VICTORIEI), 0.08), (Where::Spot(spot::UNIRII), 0.06), (Where::Spot(spot::IULIUS), 0.08), (Where::Spot(spot::PIATA_700), 0.04), (Where::Spot(spot::CAMPUS), 0.04), (Where::Spot(spot::GARA_NORD), 0.03), (POP, 0.67)] },
    Rhythm { code: "abandoned_vehicle", per_year: 1250.0,
        hours: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 1.0, 4.0, 6.0, 6.0, 6.0, 6.0, 5.0, 5.0, 4.0, 2.0, 1.0, 0.5, 0.3, 0.2, 0.1, 0.0, 0.0],
        weekdays: OFFICE_WEEK, months: [0.9, 0.9, 1.1, 1.15, 1.1, 1.0, 0.9, 0.85, 1.0, 1.05, 1.0, 0.95],
        night: false, outdoor: false, office: true,
        places: &[(POP, 1.0)] },
    Rhythm { code: "illegal_trading", per_year: 1100.0,
        hours: [0.0, 0.0, 0.0, 0.0, 0.0, 0.5, 2.0, 5.0, 7.0, 8.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.2, 0.0, 0.0, 0.0, 0.0],
        weekdays: [0.9, 0.9, 0.9, 0.95, 1.05, 1.3, 0.8], months: [0.7, 0.7, 0.9, 1.0, 1.1, 1.15, 1.2, 1.2, 1.15, 1.05, 0.9, 1.1],
        night: false, outdoor: true, office: false,
        places: &[(Where::Spot(spot::PIATA_700), 0.22), (Where::Spot(spot::BADEA_CARTAN), 0.15), (Where::Spot(spot::MEHALA), 0.15), (Where::Spot(spot::GARA_NORD), 0.12), (Where::Spot(spot::VICTORIEI), 0.08), (Where::Spot(spot::IULIUS), 0.05), (POP, 0.23)] },
    Rhythm { code: "waste", per_year: 1700.0,
        hours: [0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 1.0, 3.0, 5.0, 6.0, 6.0, 6.0, 5.0, 5.0, 5.0, 4.0, 4.0, 3.0, 2.0, 1.5, 1.0, 1.0, 0.8, 0.6],
        weekdays: [1.0, 1.0, 1.0, 1.0, 1.0, 1.2, 1.1], months: [0.7, 0.75, 1.2, 1.45, 1.35, 1.1, 1.0, 1.0, 0.95, 1.05, 0.85, 0.7],
        night: false, outdoor: true, office: false,
        places: &[(Where::Area(Weighting::Periphery), 1.0)] },
    Rhythm { code: "construction", per_year: 700.0,
        hours: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 4.0, 6.0, 7.0, 7.0, 7.0, 6.0, 6.0, 5.0, 4.0, 2.0, 1.0, 0.5, 0.2, 0.0, 0.0, 0.0, 0.0],
        weekdays: OFFICE_WEEK, months: [0.5, 0.6, 0.9, 1.15, 1.25, 1.25, 1.2, 1.2, 1.2, 1.1, 0.9, 0.6],
        night: false, outdoor: true, office: true,
        places: &[(Where::Area(Weighting::Development), 1.0)] },
    Rhythm { code: "school_safety", per_year: 900.0,
        hours: [0.0; 24], weekdays: FLAT7, months: FLAT12,
        night: false, outdoor: false, office: false,
        places: &[(Where::School, 1.0)] },
    Rhythm { code: "begging", per_year: 1100.0,
        hours: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 2.0, 4.0, 6.0, 7.0, 7.0, 7.0, 7.0, 6.0, 6.0, 5.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.5, 0.3],
        weekdays: [0.95, 0.95, 0.95, 0.95, 1.0, 1.05, 1.2], months: [1.0, 0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.1, 1.0, 1.0, 1.0, 1.2],
        night: false, outdoor: true, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.15), (Where::Spot(spot::UNIRII), 0.08), (Where::Spot(spot::GARA_NORD), 0.15), (Where::Spot(spot::IULIUS), 0.10), (Where::Spot(spot::PIATA_700), 0.07), (Where::Spot(spot::BADEA_CARTAN), 0.05), (Where::Spot(spot::MEHALA), 0.05), (POP, 0.35)] },
    Rhythm { code: "animals", per_year: 1400.0,
        hours: [1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 2.0, 3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 3.0, 3.0, 2.0, 2.0, 1.0],
        weekdays: FLAT7, months: [0.8, 0.8, 0.9, 1.1, 1.2, 1.2, 1.2, 1.1, 1.0, 0.9, 0.9, 0.8],
        night: false, outdoor: true, office: false,
        places: &[(Where::Area(Weighting::Periphery), 0.4), (POP, 0.6)] },
    Rhythm { code: "burglary_like", per_year: 500.0,
        hours: [2.0, 2.0, 2.0, 2.0, 1.5, 1.0, 1.0, 1.5, 2.5, 3.0, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 2.5, 2.0],
        weekdays: FLAT7, months: [1.0, 0.9, 0.9, 0.95, 1.0, 1.05, 1.15, 1.2, 1.0, 1.0, 1.05, 1.1],
        night: false, outdoor: false, office: false,
        places: &[(Where::Area(Weighting::Houses), 1.0)] },
    Rhythm { code: "traffic_obstruction", per_year: 2000.0,
        hours: [0.2, 0.2, 0.1, 0.1, 0.2, 0.5, 2.0, 5.0, 8.0, 6.0, 5.0, 5.0, 5.0, 5.0, 6.0, 7.0, 8.0, 7.0, 5.0, 3.0, 2.0, 1.0, 0.5, 0.3],
        weekdays: [1.1, 1.1, 1.1, 1.1, 1.1, 0.75, 0.65], months: [1.1, 1.1, 1.0, 1.0, 1.0, 1.0, 0.9, 0.85, 1.05, 1.05, 1.05, 1.1],
        night: false, outdoor: false, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.05), (Where::Spot(spot::IULIUS), 0.05), (Where::Spot(spot::GARA_NORD), 0.05), (POP, 0.85)] },
    Rhythm { code: "damage_signs", per_year: 550.0,
        hours: [4.0, 4.0, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0],
        weekdays: NIGHT_WEEK, months: [0.9, 0.9, 1.0, 1.0, 1.0, 1.1, 1.1, 1.1, 1.0, 1.0, 1.0, 1.1],
        night: true, outdoor: true, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.08), (Where::Spot(spot::UNIRII), 0.05), (Where::Spot(spot::CAMPUS), 0.07), (POP, 0.80)] },
    Rhythm { code: "other", per_year: 2200.0,
        hours: [1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0, 2.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 2.0, 2.0, 2.0, 1.0],
        weekdays: FLAT7, months: FLAT12,
        night: false, outdoor: false, office: false,
        places: &[(Where::Spot(spot::VICTORIEI), 0.05), (Where::Spot(spot::GARA_NORD), 0.05), (POP, 0.90)] },
];

/// School-gate windows, local minutes of the day: 7:30–8:30 and 12:00–14:00.
pub const SCHOOL_WINDOWS: [(i64, i64); 2] = [(7 * 60 + 30, 8 * 60 + 30), (12 * 60, 14 * 60)];

/// The first day (local) of the month 14 months before `today`'s month: from it on, a new
/// parking policy makes illegal-parking reports rise by [`PARKING_CHANGE_FACTOR`].
pub fn parking_change_point(today: Date) -> Date {
    let months = i32::from(today.year()) * 12 + i32::from(today.month()) - 1 - 14;
    let year = months.div_euclid(12) as i16;
    let month = (months.rem_euclid(12) + 1) as i8;
    Date::new(year, month, 1).unwrap_or(today)
}

/// What a day brings, independently of the type.
#[derive(Clone, Copy, Debug)]
pub struct DayFactors {
    pub date: Date,
    /// Years since the first day of the history.
    pub years: f64,
    pub holiday: bool,
    pub snow: bool,
    pub after_change: bool,
}

impl DayFactors {
    /// Expected incidents of a type in the local hour `hour` of this day.
    pub fn hourly(&self, r: &Rhythm, hour: usize) -> f64 {
        let total: f64 = r.hours.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let evening_of = if r.night && hour < 6 {
            add_days(self.date, -1)
        } else {
            self.date
        };
        let weekday = evening_of.weekday().to_monday_zero_offset() as usize;
        let month = self.date.month() as usize - 1;
        let mut rate = r.per_year / 365.0
            * YEARLY_GROWTH.powf(self.years)
            * r.months[month]
            * r.weekdays[weekday]
            * r.hours[hour]
            / total;
        let payday_night = (hour >= 18 && is_payday(self.date))
            || (hour < 6 && is_payday(add_days(self.date, -1)));
        if payday_night {
            rate *= match r.code {
                "alcohol_public" | "brawl" => 1.7,
                "noise" => 1.25,
                _ => 1.0,
            };
        }
        if self.holiday && r.office {
            rate *= 0.3;
        } else if self.holiday && r.night {
            rate *= 1.2;
        }
        if self.snow {
            rate *= if r.outdoor {
                0.55
            } else if r.code == "traffic_obstruction" {
                1.6
            } else {
                1.0
            };
        }
        if self.after_change && r.code == "illegal_parking" {
            rate *= PARKING_CHANGE_FACTOR;
        }
        rate
    }

    /// Expected school-gate incidents on this day (zero unless it is a school day).
    pub fn school(&self, r: &Rhythm) -> f64 {
        if is_school_day(self.date) {
            r.per_year / SCHOOL_DAYS_PER_YEAR * YEARLY_GROWTH.powf(self.years)
        } else {
            0.0
        }
    }
}
