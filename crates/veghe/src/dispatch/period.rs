//! A period of time typed on a page (a crew's route): from and to as the browser's
//! `datetime-local` (Timișoara's time), `dd.mm.yyyy HH:MM`, RFC 3339 or a bare day; the current
//! shift when nothing is given. Problems name the field they are about.

use jiff::civil::{Date, DateTime};

use crate::settings::Shifts;

/// The longest period a page replays.
pub const MAX_DAYS: i64 = 7;

/// A half-open period `[from, to)` in epoch milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: i64,
    pub to: i64,
}

/// What is wrong with a typed period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The text is neither a date and time nor a day.
    Unreadable(String),
    /// The period ends before (or when) it starts.
    Reversed,
    /// Longer than [`MAX_DAYS`].
    TooLong,
}

/// A problem with the field (`from` or `to`) it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError {
    pub field: &'static str,
    pub problem: Problem,
}

fn at_local(dt: DateTime) -> Option<i64> {
    dt.to_zoned(crate::time::bucharest())
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

/// One typed instant; a bare day means its start, or with `end`, the start of the next day.
fn instant(field: &'static str, text: &str, end: bool) -> Result<i64, PeriodError> {
    let unreadable = || PeriodError {
        field,
        problem: Problem::Unreadable(text.to_string()),
    };
    if !text.contains(':') {
        let date: Date = crate::calendar::parse_date(text).map_err(|_| unreadable())?;
        let date = if end {
            date.tomorrow().unwrap_or(date)
        } else {
            date
        };
        return at_local(date.at(0, 0, 0, 0)).ok_or_else(unreadable);
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Ok(ts.as_millisecond());
    }
    if let Ok(dt) = text.replacen(' ', "T", 1).parse::<DateTime>() {
        return at_local(dt).ok_or_else(unreadable);
    }
    let (day, time) = text.split_once(' ').ok_or_else(unreadable)?;
    let date = crate::calendar::parse_date(day).map_err(|_| unreadable())?;
    let time = time
        .trim()
        .parse::<jiff::civil::Time>()
        .map_err(|_| unreadable())?;
    at_local(date.to_datetime(time)).ok_or_else(unreadable)
}

/// One typed moment (the forms [`parse`] reads; a bare day is its start).
pub fn moment(field: &'static str, text: &str) -> Result<i64, PeriodError> {
    instant(field, text.trim(), false)
}

fn given(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// Reads a period. Nothing given: the shift under way at `now`. Only `from`: up to the end of
/// the shift under way. Only `to`: the 12 hours before it.
pub fn parse(
    from: Option<&str>,
    to: Option<&str>,
    now: i64,
    shifts: &Shifts,
) -> Result<Period, PeriodError> {
    let (shift_from, shift_to) = shifts.under_way(now);
    let to_ms = match given(to) {
        Some(t) => instant("to", t, true)?,
        None => shift_to,
    };
    let from_ms = match (given(from), given(to)) {
        (Some(f), _) => instant("from", f, false)?,
        (None, None) => shift_from,
        (None, Some(_)) => to_ms - 12 * 3_600_000,
    };
    if to_ms <= from_ms {
        return Err(PeriodError {
            field: "to",
            problem: Problem::Reversed,
        });
    }
    if to_ms - from_ms > MAX_DAYS * 86_400_000 {
        return Err(PeriodError {
            field: "to",
            problem: Problem::TooLong,
        });
    }
    Ok(Period {
        from: from_ms,
        to: to_ms,
    })
}

/// An instant as the browser's `datetime-local` input shows it, in Timișoara's time.
pub fn input_value(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            t.to_zoned(crate::time::bucharest())
                .strftime("%Y-%m-%dT%H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>()
            .expect("ts")
            .as_millisecond()
    }

    #[test]
    fn nothing_given_is_the_shift_under_way() {
        // 29 November 2026, 10:30 in Timișoara (UTC+2): the day shift, 07:00–19:00.
        let p = parse(None, None, ms("2026-11-29T08:30:00Z"), &Shifts::default()).expect("period");
        assert_eq!(
            (p.from, p.to),
            (ms("2026-11-29T05:00:00Z"), ms("2026-11-29T17:00:00Z"))
        );
        // 02:00 belongs to the night shift that began the evening before.
        let p = parse(
            Some(""),
            Some(" "),
            ms("2026-11-29T00:00:00Z"),
            &Shifts::default(),
        )
        .expect("period");
        assert_eq!(
            (p.from, p.to),
            (ms("2026-11-28T17:00:00Z"), ms("2026-11-29T05:00:00Z"))
        );
    }

    #[test]
    fn the_forms_a_person_types() {
        let now = ms("2026-11-29T08:30:00Z");
        let want = ms("2026-11-29T06:15:00Z");
        for text in [
            "2026-11-29T08:15",
            "2026-11-29 08:15",
            "2026-11-29T08:15:00",
            "29.11.2026 08:15",
            "2026-11-29T06:15:00Z",
            "2026-11-29T08:15:00+02:00",
        ] {
            let p = parse(Some(text), None, now, &Shifts::default()).expect(text);
            assert_eq!(p.from, want, "{text}");
        }
        // A day: from its start to the start of the next day (summer time: UTC+3).
        let p = parse(
            Some("2026-07-01"),
            Some("01.07.2026"),
            now,
            &Shifts::default(),
        )
        .expect("days");
        assert_eq!(
            (p.from, p.to),
            (ms("2026-06-30T21:00:00Z"), ms("2026-07-01T21:00:00Z"))
        );
        // Only the end: the 12 hours before it.
        let p = parse(None, Some("2026-11-29T12:00"), now, &Shifts::default()).expect("to");
        assert_eq!(p.to - p.from, 12 * 3_600_000);
        assert_eq!(input_value(p.to), "2026-11-29T12:00");
    }

    #[test]
    fn problems_name_their_field() {
        let now = ms("2026-11-29T08:30:00Z");
        let err = parse(Some("ieri"), None, now, &Shifts::default()).expect_err("unreadable");
        assert_eq!(
            err,
            PeriodError {
                field: "from",
                problem: Problem::Unreadable("ieri".into())
            }
        );
        let err =
            parse(None, Some("2026-13-01T00:00"), now, &Shifts::default()).expect_err("month 13");
        assert_eq!(err.field, "to");
        let err = parse(
            Some("2026-11-29T10:00"),
            Some("2026-11-29T09:00"),
            now,
            &Shifts::default(),
        )
        .expect_err("rev");
        assert_eq!((err.field, err.problem), ("to", Problem::Reversed));
        let err = parse(
            Some("2026-11-01"),
            Some("2026-11-29"),
            now,
            &Shifts::default(),
        )
        .expect_err("long");
        assert_eq!((err.field, err.problem), ("to", Problem::TooLong));
        assert!(
            parse(
                Some("2026-11-22"),
                Some("2026-11-28"),
                now,
                &Shifts::default()
            )
            .is_ok()
        );
    }
}
