//! Reminders before a deadline: 5 working days before it, 1 working day before it, and once it
//! has passed. A reminder is due from its day on, so a day the job did not run is caught up the
//! next time; the nearest one wins (a case first seen 1 working day before its term is reminded
//! once, not twice).

use crate::calendar::{Date, add_working_days};

/// Which reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// 5 working days before the deadline.
    FiveDays,
    /// 1 working day before the deadline.
    OneDay,
    /// The deadline has passed.
    Overdue,
}

impl Reminder {
    pub const ALL: [Reminder; 3] = [Reminder::FiveDays, Reminder::OneDay, Reminder::Overdue];

    pub fn code(self) -> &'static str {
        match self {
            Reminder::FiveDays => "before_5",
            Reminder::OneDay => "before_1",
            Reminder::Overdue => "overdue",
        }
    }

    pub fn parse(s: &str) -> Option<Reminder> {
        Reminder::ALL.into_iter().find(|r| r.code() == s)
    }
}

/// The reminder due on `today` for a deadline on `due` (the last day still in time), if any.
pub fn reminder_due(due: Date, today: Date) -> Option<Reminder> {
    if today > due {
        Some(Reminder::Overdue)
    } else if today >= add_working_days(due, -1) {
        Some(Reminder::OneDay)
    } else if today >= add_working_days(due, -5) {
        Some(Reminder::FiveDays)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn five_and_one_working_days_before_then_overdue() {
        // Due Tuesday 14 April 2026, after Easter Monday (13 April) and Good Friday (10 April).
        let due = date(2026, 4, 14);
        // 1 working day before: Thursday 9 April (Friday and Monday are holidays).
        assert_eq!(
            reminder_due(due, date(2026, 4, 8)),
            Some(Reminder::FiveDays)
        );
        assert_eq!(reminder_due(due, date(2026, 4, 9)), Some(Reminder::OneDay));
        assert_eq!(reminder_due(due, date(2026, 4, 13)), Some(Reminder::OneDay));
        assert_eq!(reminder_due(due, due), Some(Reminder::OneDay));
        assert_eq!(
            reminder_due(due, date(2026, 4, 15)),
            Some(Reminder::Overdue)
        );
        // 5 working days before: 9, 8, 7, 6, 3 April → Friday 3 April.
        assert_eq!(
            reminder_due(due, date(2026, 4, 3)),
            Some(Reminder::FiveDays)
        );
        assert_eq!(reminder_due(due, date(2026, 4, 2)), None);
        // A weekend before a plain Monday deadline.
        let monday = date(2026, 5, 18);
        assert_eq!(
            reminder_due(monday, date(2026, 5, 15)),
            Some(Reminder::OneDay)
        );
        assert_eq!(
            reminder_due(monday, date(2026, 5, 14)),
            Some(Reminder::FiveDays)
        );
        assert_eq!(
            reminder_due(monday, date(2026, 5, 11)),
            Some(Reminder::FiveDays)
        );
        assert_eq!(reminder_due(monday, date(2026, 5, 10)), None);
    }

    #[test]
    fn codes_round_trip() {
        for r in Reminder::ALL {
            assert_eq!(Reminder::parse(r.code()), Some(r));
        }
        assert_eq!(Reminder::parse("soon"), None);
    }
}
