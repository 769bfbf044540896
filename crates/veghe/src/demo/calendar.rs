//! The calendar behind the demo rhythms: Orthodox Easter, public holidays, school days and
//! holidays, paydays, the dated events that make spikes, and snow spells.

use std::collections::BTreeSet;

use jiff::civil::{Date, Weekday, date};

use super::rng::Rng;

/// `d` moved by `n` days (unchanged at the ends of jiff's range, which the demo never reaches).
pub fn add_days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap_or(d)
}

pub use veghe_ro::calendar::orthodox_easter;

/// Romanian public holidays (Labour Code art. 139), from the legal calendar.
pub fn is_public_holiday(d: Date) -> bool {
    veghe_ro::calendar::is_holiday(d)
}

pub fn is_weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The Monday on which the school year starts: the second Monday of September.
fn school_start(year: i16) -> Date {
    let first = date(year, 9, 1);
    let to_monday = (7 - i64::from(first.weekday().to_monday_zero_offset())) % 7;
    add_days(first, to_monday + 7)
}

/// School holidays, approximated: summer from 14 June to the second Monday of September,
/// winter 20 December – 7 January, spring from Good Friday to the Sunday after Easter.
pub fn is_school_holiday(d: Date) -> bool {
    let (m, day) = (d.month(), d.day());
    let summer = (m, day) >= (6, 14) && d < school_start(d.year());
    let winter = (m == 12 && day >= 20) || (m == 1 && day <= 7);
    let easter = orthodox_easter(d.year());
    let spring = d >= add_days(easter, -2) && d <= add_days(easter, 7);
    summer || winter || spring
}

/// A day with classes: a working day outside the school holidays.
pub fn is_school_day(d: Date) -> bool {
    !is_weekend(d) && !is_public_holiday(d) && !is_school_holiday(d)
}

/// Salaries are paid on the 10th and the 25th: the following night is louder.
pub fn is_payday(d: Date) -> bool {
    matches!(d.day(), 10 | 25)
}

/// A dated public event that brings a burst of incidents around one hot spot.
#[derive(Clone, Debug)]
pub struct Event {
    pub name: &'static str,
    pub day: Date,
    /// Local start hour and duration in hours (may run past midnight).
    pub start_hour: i8,
    pub hours: i64,
    /// Index into [`super::places::HOT_SPOTS`].
    pub spot: usize,
    /// Expected number of extra incidents.
    pub expected: f64,
    /// Type codes and their shares of the extra incidents.
    pub mix: &'static [(&'static str, f64)],
}

const NIGHT_OUT: &[(&str, f64)] = &[
    ("noise", 0.30),
    ("brawl", 0.22),
    ("alcohol_public", 0.22),
    ("damage_signs", 0.10),
    ("insults_threats", 0.16),
];
const CONCERT: &[(&str, f64)] = &[
    ("illegal_parking", 0.35),
    ("traffic_obstruction", 0.20),
    ("alcohol_public", 0.15),
    ("brawl", 0.10),
    ("illegal_trading", 0.20),
];
const FESTIVAL: &[(&str, f64)] = &[
    ("noise", 0.35),
    ("alcohol_public", 0.30),
    ("brawl", 0.15),
    ("illegal_trading", 0.10),
    ("illegal_parking", 0.10),
];

/// The `n`-th (1-based) `weekday` of a month.
fn nth_weekday(year: i16, month: i8, weekday: Weekday, n: i64) -> Date {
    let first = date(year, month, 1);
    let offset = (i64::from(weekday.to_monday_zero_offset())
        - i64::from(first.weekday().to_monday_zero_offset()))
    .rem_euclid(7);
    add_days(first, offset + 7 * (n - 1))
}

/// The events of a year: New Year's Eve in Piața Victoriei, the Revolution commemoration
/// (20 December), the students' festival in Complexul Studențesc (Thursday–Saturday of the second
/// week of May), a summer festival in Piața Unirii (first weekend of July) and a stadium concert
/// (last Saturday of August).
pub fn events(year: i16) -> Vec<Event> {
    use super::places::spot;
    let mut out = vec![
        Event {
            name: "Revelion în Piața Victoriei",
            day: date(year, 12, 31),
            start_hour: 21,
            hours: 7,
            spot: spot::VICTORIEI,
            expected: 40.0,
            mix: NIGHT_OUT,
        },
        Event {
            name: "Comemorarea Revoluției, 20 Decembrie",
            day: date(year, 12, 20),
            start_hour: 17,
            hours: 5,
            spot: spot::VICTORIEI,
            expected: 6.0,
            mix: &[
                ("traffic_obstruction", 0.4),
                ("insults_threats", 0.3),
                ("other", 0.3),
            ],
        },
        Event {
            name: "Concert pe Stadionul Dan Păltinișanu",
            day: add_days(nth_weekday(year, 9, Weekday::Saturday, 1), -7),
            start_hour: 18,
            hours: 7,
            spot: spot::STADIUM,
            expected: 18.0,
            mix: CONCERT,
        },
    ];
    let students = nth_weekday(year, 5, Weekday::Thursday, 2);
    let summer = nth_weekday(year, 7, Weekday::Friday, 1);
    for k in 0..3 {
        out.push(Event {
            name: "Zilele studenților, Complexul Studențesc",
            day: add_days(students, k),
            start_hour: 20,
            hours: 6,
            spot: spot::CAMPUS,
            expected: 10.0,
            mix: NIGHT_OUT,
        });
        out.push(Event {
            name: "Festival de vară în Piața Unirii",
            day: add_days(summer, k),
            start_hour: 19,
            hours: 6,
            spot: spot::UNIRII,
            expected: 8.0,
            mix: FESTIVAL,
        });
    }
    out
}

/// Snow spells: one to three spells of two to five days each winter (December–February), drawn
/// from the seed. Outdoor activity drops, stuck vehicles obstruct traffic.
pub fn snow_days(seed: u64, first: Date, last: Date) -> BTreeSet<Date> {
    let mut days = BTreeSet::new();
    for year in first.year() - 1..=last.year() {
        let mut rng = Rng::stream(seed, 0x534E_4F57 + year as u64);
        let winter_start = date(year, 12, 1);
        for _ in 0..rng.int(1, 3) {
            let start = add_days(winter_start, rng.int(0, 85));
            for k in 0..rng.int(2, 5) {
                days.insert(add_days(start, k));
            }
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orthodox_easter_known_years() {
        assert_eq!(orthodox_easter(2023), date(2023, 4, 16));
        assert_eq!(orthodox_easter(2024), date(2024, 5, 5));
        assert_eq!(orthodox_easter(2025), date(2025, 4, 20));
        assert_eq!(orthodox_easter(2026), date(2026, 4, 12));
        assert_eq!(orthodox_easter(2027), date(2027, 5, 2));
    }

    #[test]
    fn school_calendar() {
        assert!(is_school_day(date(2025, 11, 27)), "an ordinary Thursday");
        assert!(!is_school_day(date(2025, 11, 29)), "Saturday");
        assert!(!is_school_day(date(2025, 12, 1)), "national day");
        assert!(!is_school_day(date(2025, 7, 15)), "summer");
        assert!(!is_school_day(date(2025, 12, 22)), "winter holiday");
        assert!(
            !is_school_day(date(2025, 4, 23)),
            "spring holiday after Easter"
        );
        assert!(
            is_school_day(date(2025, 9, 8)),
            "second Monday of September 2025"
        );
        assert!(
            !is_school_day(date(2025, 9, 5)),
            "before the start of the year"
        );
        assert_eq!(nth_weekday(2025, 5, Weekday::Thursday, 2), date(2025, 5, 8));
    }
}
