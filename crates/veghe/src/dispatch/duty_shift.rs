//! The shift the duty page shows: the one under way by default (at 06:25 that is still the
//! night shift begun the evening before), a chosen one (`?day=…&shift=day|night`), or the one
//! under way at a moment (`?at=…`); its bounds, its neighbours and its name in words.

use jiff::civil::Date;

use super::duty_texts;
use crate::settings::{Shift, Shifts};
use crate::web::Lang;

/// A shift: the day it starts on and which of the two it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DutyShift {
    pub day: Date,
    pub shift: Shift,
}

impl DutyShift {
    /// The shift under way at `ms`.
    pub fn at(ms: i64, shifts: &Shifts) -> DutyShift {
        let (day, shift) = shifts.shift_at(ms);
        DutyShift { day, shift }
    }

    /// Its start and end, epoch milliseconds (`[from, to)`).
    pub fn bounds(&self, shifts: &Shifts) -> (i64, i64) {
        shifts.bounds(self.day, self.shift)
    }

    pub fn previous(&self) -> DutyShift {
        match self.shift {
            Shift::Night => DutyShift {
                shift: Shift::Day,
                ..*self
            },
            Shift::Day => DutyShift {
                day: self.day.yesterday().unwrap_or(self.day),
                shift: Shift::Night,
            },
        }
    }

    pub fn next(&self) -> DutyShift {
        match self.shift {
            Shift::Day => DutyShift {
                shift: Shift::Night,
                ..*self
            },
            Shift::Night => DutyShift {
                day: self.day.tomorrow().unwrap_or(self.day),
                shift: Shift::Day,
            },
        }
    }

    /// The page's address for this shift.
    pub fn href(&self) -> String {
        format!("/duty?day={}&shift={}", self.day, self.shift.code())
    }

    /// Its name: "Tura de noapte 6/7 dec.", "Day shift 7 Dec".
    pub fn label(&self, lang: Lang) -> String {
        let t = duty_texts::of(lang);
        let d = self.day;
        match self.shift {
            Shift::Day => format!(
                "{} {} {}",
                t.day_shift,
                d.day(),
                duty_texts::month(d.month(), lang)
            ),
            Shift::Night => {
                let e = d.tomorrow().unwrap_or(d);
                let days = if e.month() == d.month() {
                    format!(
                        "{}/{} {}",
                        d.day(),
                        e.day(),
                        duty_texts::month(d.month(), lang)
                    )
                } else {
                    format!(
                        "{} {}/{} {}",
                        d.day(),
                        duty_texts::month(d.month(), lang),
                        e.day(),
                        duty_texts::month(e.month(), lang)
                    )
                };
                format!("{} {days}", t.night_shift)
            }
        }
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

    #[test]
    fn at_six_twenty_five_the_night_shift_is_still_under_way() {
        // 7 December 2026, 06:25 in Timișoara (UTC+2).
        let s = DutyShift::at(ms("2026-12-07T04:25:00Z"), &Shifts::default());
        assert_eq!(s.shift, Shift::Night);
        assert_eq!(s.day.to_string(), "2026-12-06");
        assert_eq!(
            s.bounds(&Shifts::default()),
            (ms("2026-12-06T17:00:00Z"), ms("2026-12-07T05:00:00Z"))
        );
        assert_eq!(s.label(Lang::Ro), "Tura de noapte 6/7 dec.");
        assert_eq!(s.label(Lang::En), "Night shift 6/7 Dec");
        assert_eq!(s.next().label(Lang::Ro), "Tura de zi 7 dec.");
        assert_eq!(s.previous().label(Lang::En), "Day shift 6 Dec");
        assert_eq!(s.next().previous(), s);
        assert_eq!(s.href(), "/duty?day=2026-12-06&shift=night");
        // A night across the months names both.
        let s = DutyShift::at(ms("2026-12-31T23:00:00Z"), &Shifts::default());
        assert_eq!(s.label(Lang::Ro), "Tura de noapte 31 dec./1 ian.");
        // 07:00 starts the day shift.
        assert_eq!(
            DutyShift::at(ms("2026-12-07T05:00:00Z"), &Shifts::default()).shift,
            Shift::Day
        );
    }
}
