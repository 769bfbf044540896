//! The settings the service decides, not IT: how old a crew's position may grow before it shows
//! as stale, how often the desk contacts each crew, and when the day and night shifts start.
//! They live in the `settings` table, read per request (several servers share one database); a
//! key without a row has its initial value: the file's or the flag's (`config`), else the
//! default. A change is checked whole, written in one transaction with its audit entry.

pub mod api;
pub mod page;
mod shifts;
mod store;
mod texts;

pub use shifts::{ClockTime, Shift, Shifts, ShiftsError};
pub use store::{load, save};

use crate::config::Config;
use crate::error::{AppError, AppResult, Said};

/// A setting's key, as stored and as the API names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    StaleAfterMinutes,
    CheckinMinutes,
    DayShiftStarts,
    NightShiftStarts,
}

impl Key {
    pub const ALL: [Key; 4] = [
        Key::StaleAfterMinutes,
        Key::CheckinMinutes,
        Key::DayShiftStarts,
        Key::NightShiftStarts,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Key::StaleAfterMinutes => "stale_after_minutes",
            Key::CheckinMinutes => "checkin_minutes",
            Key::DayShiftStarts => "day_shift_starts",
            Key::NightShiftStarts => "night_shift_starts",
        }
    }

    pub fn from_code(code: &str) -> Option<Key> {
        Key::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The least and most minutes a position may age before it is stale.
pub const STALE_MINUTES: (i64, i64) = (1, 1440);
/// The least and most minutes between two contacts with a crew: a quarter of an hour (more
/// often would keep the desk on the radio) to half a day (a shift).
pub const CHECKIN_MINUTES: (i64, i64) = (15, 720);

/// The service's settings as they are now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// A crew position older than this shows as stale (and ranks last).
    pub stale_after_minutes: i64,
    /// Each crew on duty is contacted at least this often; later, it is overdue.
    pub checkin_minutes: i64,
    pub shifts: Shifts,
}

impl Settings {
    /// What the service has until someone changes it: the file's and flags' values.
    pub fn initial(config: &Config) -> Settings {
        Settings {
            stale_after_minutes: config.stale_after_ms / 60_000,
            checkin_minutes: config.checkin_interval_ms / 60_000,
            shifts: Shifts::default(),
        }
    }

    pub fn stale_after_ms(&self) -> i64 {
        self.stale_after_minutes * 60_000
    }

    pub fn checkin_interval_ms(&self) -> i64 {
        self.checkin_minutes * 60_000
    }

    /// A setting's value as text, as it is stored.
    pub fn value(&self, key: Key) -> String {
        match key {
            Key::StaleAfterMinutes => self.stale_after_minutes.to_string(),
            Key::CheckinMinutes => self.checkin_minutes.to_string(),
            Key::DayShiftStarts => self.shifts.day_starts().to_string(),
            Key::NightShiftStarts => self.shifts.night_starts().to_string(),
        }
    }

    /// These settings with the `given` values, each read and the whole checked; a refusal names
    /// the field at fault.
    pub fn with(&self, given: &[(Key, String)]) -> AppResult<Settings> {
        let mut next = *self;
        let mut day = self.shifts.day_starts();
        let mut night = self.shifts.night_starts();
        for (key, text) in given {
            match key {
                Key::StaleAfterMinutes => {
                    next.stale_after_minutes = minutes(*key, text, STALE_MINUTES)?;
                }
                Key::CheckinMinutes => {
                    next.checkin_minutes = minutes(*key, text, CHECKIN_MINUTES)?;
                }
                Key::DayShiftStarts => day = clock(*key, text)?,
                Key::NightShiftStarts => night = clock(*key, text)?,
            }
        }
        let field = if given.iter().any(|(k, _)| *k == Key::NightShiftStarts) {
            Key::NightShiftStarts
        } else {
            Key::DayShiftStarts
        };
        next.shifts = Shifts::new(day, night).map_err(|e| {
            let said = match e {
                ShiftsError::Same => Said::new(
                    format!("Tura de noapte nu poate începe la aceeași oră cu tura de zi ({day})."),
                    format!("The night shift cannot start when the day shift does ({day})."),
                ),
                ShiftsError::NightFirst => Said::new(
                    format!(
                        "Tura de noapte ({night}) începe după tura de zi ({day}) în aceeași zi; alegeți o oră mai târzie."
                    ),
                    format!(
                        "The night shift ({night}) starts after the day shift ({day}) on the same day; choose a later time."
                    ),
                ),
            };
            AppError::bad(field.code(), said)
        })?;
        Ok(next)
    }
}

fn minutes(key: Key, text: &str, (least, most): (i64, i64)) -> AppResult<i64> {
    match text.trim().parse::<i64>() {
        Ok(m) if (least..=most).contains(&m) => Ok(m),
        _ => Err(AppError::bad(
            key.code(),
            Said::new(
                format!(
                    "{}: scrieți un număr întreg de minute între {least} și {most}.",
                    texts::name(key, crate::web::Lang::Ro)
                ),
                format!(
                    "{}: a whole number of minutes from {least} to {most}.",
                    key.code()
                ),
            ),
        )),
    }
}

fn clock(key: Key, text: &str) -> AppResult<ClockTime> {
    ClockTime::parse(text).ok_or_else(|| {
        AppError::bad(
            key.code(),
            Said::new(
                format!(
                    "{}: scrieți ora ca OO:MM, de exemplu 07:00.",
                    texts::name(key, crate::web::Lang::Ro)
                ),
                format!("{}: a time as HH:MM, e.g. 07:00.", key.code()),
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn initial() -> Settings {
        Settings::initial(&Config::for_database("sqlite::memory:"))
    }

    fn given(pairs: &[(Key, &str)]) -> Vec<(Key, String)> {
        pairs.iter().map(|(k, v)| (*k, (*v).to_string())).collect()
    }

    fn field(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    #[test]
    fn the_initial_values_are_the_configurations() {
        let s = initial();
        assert_eq!((s.stale_after_minutes, s.checkin_minutes), (5, 120));
        assert_eq!(s.value(Key::DayShiftStarts), "07:00");
        assert_eq!(s.value(Key::NightShiftStarts), "19:00");
        assert_eq!(s.stale_after_ms(), 300_000);
        for k in Key::ALL {
            assert_eq!(Key::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn values_are_read_and_checked_whole() {
        let s = initial()
            .with(&given(&[
                (Key::StaleAfterMinutes, " 12 "),
                (Key::CheckinMinutes, "90"),
                (Key::DayShiftStarts, "20:00"),
                (Key::NightShiftStarts, "21:30"),
            ]))
            .expect("valid");
        assert_eq!((s.stale_after_minutes, s.checkin_minutes), (12, 90));
        assert_eq!(s.shifts.hours(Shift::Day), "20:00–21:30");
        // Each bound of each range.
        for (key, ok, bad) in [
            (Key::StaleAfterMinutes, ["1", "1440"], ["0", "1441"]),
            (Key::CheckinMinutes, ["15", "720"], ["14", "721"]),
        ] {
            for v in ok {
                assert!(initial().with(&given(&[(key, v)])).is_ok(), "{v}");
            }
            for v in bad {
                let e = initial().with(&given(&[(key, v)])).expect_err(v);
                assert_eq!(field(e), Some(key.code()));
            }
        }
        for (key, v) in [
            (Key::StaleAfterMinutes, "cinci"),
            (Key::CheckinMinutes, "2.5"),
            (Key::DayShiftStarts, "7"),
            (Key::NightShiftStarts, "25:00"),
        ] {
            let e = initial().with(&given(&[(key, v)])).expect_err(v);
            assert_eq!(field(e), Some(key.code()), "{v}");
        }
    }

    #[test]
    fn the_shifts_must_differ_and_the_field_changed_is_named() {
        let e = initial()
            .with(&given(&[(Key::NightShiftStarts, "07:00")]))
            .expect_err("same");
        assert_eq!(field(e), Some("night_shift_starts"));
        let e = initial()
            .with(&given(&[(Key::DayShiftStarts, "19:00")]))
            .expect_err("same");
        assert_eq!(field(e), Some("day_shift_starts"));
        let e = initial()
            .with(&given(&[(Key::DayShiftStarts, "20:00")]))
            .expect_err("night first");
        assert_eq!(field(e), Some("day_shift_starts"));
    }
}
