//! Romanian legal calendar: Orthodox Easter and working days.
//!
//! A working day is neither Saturday, Sunday nor a public holiday. The holidays themselves, and
//! the years in which each applies, are in [`crate::holiday`]; they are re-exported here.

pub use crate::holiday::{Holiday, HolidayKind, holiday_on, holidays};
use jiff::ToSpan;
pub use jiff::civil::Date;
use jiff::civil::Weekday;

/// Smallest year the calendar functions compute; smaller years are clamped to it.
pub const MIN_YEAR: i16 = 1;
/// Largest year the calendar functions compute; larger years are clamped to it.
pub const MAX_YEAR: i16 = 9999;

/// Orthodox Easter Sunday of `year`, as a Gregorian date.
///
/// Computes the Julian-calendar Easter (the Orthodox computus) and shifts it by the Julian–Gregorian
/// difference of that century (13 days in 1900–2099, 14 days in 2100–2199). Checked against
/// python-dateutil for 1900..=2199. Years outside [`MIN_YEAR`]..=[`MAX_YEAR`] are clamped into it.
pub fn orthodox_easter(year: i16) -> Date {
    let year = year.clamp(MIN_YEAR, MAX_YEAR);
    let y = i32::from(year);
    // Julian Easter (Meeus' Julian algorithm).
    let a = y % 4;
    let b = y % 7;
    let c = y % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let n = d + e + 114; // 114..=149
    let (month, day) = ((n / 31) as i8, (n % 31 + 1) as i8); // March or April, day 1..=31
    // Julian → Gregorian difference, valid for dates from 1 March of `y` onwards.
    let shift = y / 100 - y / 400 - 2;
    // Read the Julian month and day as a Gregorian date, then add the difference; both steps
    // stay within the year for 1..=9999 (Julian 22 March..25 April, shift -2..=73 days).
    Date::new(year, month, day).map_or(Date::MIN, |date| date.saturating_add(shift.days()))
}

/// Whether `date` is a public holiday.
pub fn is_holiday(date: Date) -> bool {
    HolidayKind::ALL
        .iter()
        .any(|kind| kind.applies_in(date.year()) && kind.date_in(date.year()) == date)
}

/// Whether `date` falls on Saturday or Sunday.
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Whether `date` is a working day: neither Saturday, Sunday nor a public holiday.
pub fn is_working_day(date: Date) -> bool {
    !is_weekend(date) && !is_holiday(date)
}

/// `date` itself if it is a working day, else the first working day after it.
///
/// At the very end of the representable range it returns the last date tried.
pub fn next_working_day_on_or_after(date: Date) -> Date {
    let mut day = date;
    while !is_working_day(day) {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    day
}

/// `date` itself if it is a working day, else the last working day before it.
pub fn previous_working_day_on_or_before(date: Date) -> Date {
    let mut day = date;
    while !is_working_day(day) {
        match day.yesterday() {
            Ok(prev) => day = prev,
            Err(_) => break,
        }
    }
    day
}

/// Moves `n` working days from `date`: forwards for positive `n`, backwards for negative `n`
/// (e.g. `add_working_days(due, -5)` is the reminder "5 working days before"). The start date is
/// not counted; `n == 0` returns `date` unchanged, even when it is not a working day.
///
/// Saturates at the ends of the representable date range.
pub fn add_working_days(date: Date, n: i32) -> Date {
    let mut day = date;
    let mut left = n.unsigned_abs();
    while left > 0 {
        let step = if n > 0 {
            day.tomorrow()
        } else {
            day.yesterday()
        };
        match step {
            Ok(next) => day = next,
            Err(_) => break,
        }
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// Number of working days in the half-open range `(from, to]` (negative when `to < from`).
pub fn working_days_between(from: Date, to: Date) -> i32 {
    let (start, end, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut count = 0i32;
    let mut day = start;
    while day < end {
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
        if is_working_day(day) {
            count = count.saturating_add(1);
        }
    }
    sign * count
}
