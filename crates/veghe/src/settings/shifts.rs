//! The duty desk's two shifts and when each starts (Timișoara's time): which shift is under way
//! at a moment, and a shift's bounds. The day shift starts first in the day; the night shift runs
//! from its start to the next day's day shift and belongs to the day it starts.

use serde::Serialize;

use crate::error::{AppError, Said};

/// One of the two shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shift {
    Day,
    Night,
}

impl Shift {
    pub fn code(self) -> &'static str {
        match self {
            Shift::Day => "day",
            Shift::Night => "night",
        }
    }

    pub fn parse(text: &str) -> Result<Shift, AppError> {
        match text.trim() {
            "day" | "zi" => Ok(Shift::Day),
            "night" | "noapte" => Ok(Shift::Night),
            other => Err(AppError::bad(
                "shift",
                Said::new(
                    format!("Tura „{other}” nu există; turele sunt: zi, noapte."),
                    format!("There is no shift “{other}”; the shifts are: day, night."),
                ),
            )),
        }
    }
}

/// A time of day to the minute, as `HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    minutes: u16,
}

impl ClockTime {
    /// `hour`:`minute`; `None` outside a day.
    pub const fn new(hour: u16, minute: u16) -> Option<ClockTime> {
        if hour < 24 && minute < 60 {
            Some(ClockTime {
                minutes: hour * 60 + minute,
            })
        } else {
            None
        }
    }

    /// Reads `HH:MM` (or `H:MM`): hours 0–23, minutes 0–59, nothing else.
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(h, 1..=2) || !digits(m, 2..=2) {
            return None;
        }
        ClockTime::new(h.parse().ok()?, m.parse().ok()?)
    }

    pub fn hour(self) -> i8 {
        i8::try_from(self.minutes / 60).unwrap_or(0)
    }

    pub fn minute(self) -> i8 {
        i8::try_from(self.minutes % 60).unwrap_or(0)
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// When the day shift and the night shift start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shifts {
    day_starts: ClockTime,
    night_starts: ClockTime,
}

/// Why two start times do not make the two shifts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftsError {
    /// Both shifts would start at the same time.
    Same,
    /// The night shift would start before the day shift in the day.
    NightFirst,
}

impl Default for Shifts {
    /// 07:00 and 19:00.
    fn default() -> Shifts {
        Shifts {
            day_starts: ClockTime { minutes: 7 * 60 },
            night_starts: ClockTime { minutes: 19 * 60 },
        }
    }
}

impl Shifts {
    /// The two starts; the night shift must start later in the day than the day shift.
    pub fn new(day_starts: ClockTime, night_starts: ClockTime) -> Result<Shifts, ShiftsError> {
        if day_starts == night_starts {
            Err(ShiftsError::Same)
        } else if night_starts < day_starts {
            Err(ShiftsError::NightFirst)
        } else {
            Ok(Shifts {
                day_starts,
                night_starts,
            })
        }
    }

    pub fn day_starts(&self) -> ClockTime {
        self.day_starts
    }

    pub fn night_starts(&self) -> ClockTime {
        self.night_starts
    }

    fn starts(&self, shift: Shift) -> ClockTime {
        match shift {
            Shift::Day => self.day_starts,
            Shift::Night => self.night_starts,
        }
    }

    /// The shift under way at `ms`: its day (a night shift belongs to the day it starts) and kind.
    pub fn shift_at(&self, ms: i64) -> (jiff::civil::Date, Shift) {
        let z = jiff::Timestamp::from_millisecond(ms)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(crate::time::bucharest());
        let now = ClockTime::new(
            u16::try_from(z.hour()).unwrap_or(0),
            u16::try_from(z.minute()).unwrap_or(0),
        )
        .unwrap_or(self.day_starts);
        if now >= self.night_starts {
            (z.date(), Shift::Night)
        } else if now >= self.day_starts {
            (z.date(), Shift::Day)
        } else {
            (z.date().yesterday().unwrap_or(z.date()), Shift::Night)
        }
    }

    /// When the shift of `day` starts, epoch milliseconds.
    pub fn start(&self, day: jiff::civil::Date, shift: Shift) -> i64 {
        let at = self.starts(shift);
        day.at(at.hour(), at.minute(), 0, 0)
            .to_zoned(crate::time::bucharest())
            .map(|z| z.timestamp().as_millisecond())
            .unwrap_or(0)
    }

    /// The shift's start and end, epoch milliseconds (`[from, to)`).
    pub fn bounds(&self, day: jiff::civil::Date, shift: Shift) -> (i64, i64) {
        let end = match shift {
            Shift::Day => self.start(day, Shift::Night),
            Shift::Night => self.start(day.tomorrow().unwrap_or(day), Shift::Day),
        };
        (self.start(day, shift), end)
    }

    /// The bounds of the shift under way at `ms`.
    pub fn under_way(&self, ms: i64) -> (i64, i64) {
        let (day, shift) = self.shift_at(ms);
        self.bounds(day, shift)
    }

    /// Its hours in words: `07:00–19:00`.
    pub fn hours(&self, shift: Shift) -> String {
        let end = match shift {
            Shift::Day => self.night_starts,
            Shift::Night => self.day_starts,
        };
        format!("{}–{end}", self.starts(shift))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>()
            .expect("ts")
            .as_millisecond()
    }

    fn at(text: &str) -> ClockTime {
        ClockTime::parse(text).expect(text)
    }

    #[test]
    fn shifts_change_at_seven_and_nineteen_bucharest_time_by_default() {
        let s = Shifts::default();
        // 29.11.2026 is winter time: UTC+2.
        let (d, k) = s.shift_at(ms("2026-11-29T05:30:00Z"));
        assert_eq!((d.to_string(), k), ("2026-11-29".into(), Shift::Day));
        let (d, k) = s.shift_at(ms("2026-11-29T17:30:00Z"));
        assert_eq!((d.to_string(), k), ("2026-11-29".into(), Shift::Night));
        // 03:00 local belongs to the night shift that began the evening before.
        let (d, k) = s.shift_at(ms("2026-11-30T01:00:00Z"));
        assert_eq!((d.to_string(), k), ("2026-11-29".into(), Shift::Night));
        assert!(Shift::parse("afternoon").is_err());
        assert_eq!(s.hours(Shift::Night), "19:00–07:00");
    }

    #[test]
    fn other_hours_move_the_change_and_the_bounds() {
        let s = Shifts::new(at("06:30"), at("18:30")).expect("shifts");
        // 06:20 local is still the night shift; 06:30 starts the day shift.
        let (d, k) = s.shift_at(ms("2026-11-29T04:20:00Z"));
        assert_eq!((d.to_string(), k), ("2026-11-28".into(), Shift::Night));
        assert_eq!(s.shift_at(ms("2026-11-29T04:30:00Z")).1, Shift::Day);
        assert_eq!(
            s.under_way(ms("2026-11-29T10:00:00Z")),
            (ms("2026-11-29T04:30:00Z"), ms("2026-11-29T16:30:00Z"))
        );
        // A night across the change to summer time (29.03.2026, 03:00 → 04:00) is an hour short.
        let (from, to) = s.bounds("2026-03-28".parse().expect("day"), Shift::Night);
        assert_eq!(to - from, 11 * 3_600_000);
    }

    #[test]
    fn start_times_are_read_strictly() {
        assert_eq!(at("7:05").to_string(), "07:05");
        assert_eq!(at(" 23:59 ").to_string(), "23:59");
        for bad in [
            "24:00", "07:60", "7", "07:5", "07-00", "0700", "ab:cd", "", "+7:00",
        ] {
            assert_eq!(ClockTime::parse(bad), None, "{bad}");
        }
        assert_eq!(
            Shifts::new(at("07:00"), at("07:00")),
            Err(ShiftsError::Same)
        );
        assert_eq!(
            Shifts::new(at("19:00"), at("07:00")),
            Err(ShiftsError::NightFirst)
        );
    }
}
