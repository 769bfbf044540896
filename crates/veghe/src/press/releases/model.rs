//! What a press release is and the order of its steps: the kinds (release, statement,
//! correction), the states (draft → submitted → approved, or returned and submitted again), the
//! number given at approval (`Comunicat DD.MM.YYYY-N`) and the moment it becomes public.

use crate::error::{AppError, Said};

/// What the office publishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// comunicat de presă
    Release,
    /// declarație
    Statement,
    /// rectificare of an earlier published release
    Correction,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Release, Kind::Statement, Kind::Correction];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Release => "release",
            Kind::Statement => "statement",
            Kind::Correction => "correction",
        }
    }

    pub fn parse(code: &str) -> Result<Kind, AppError> {
        Kind::ALL
            .into_iter()
            .find(|k| k.code() == code.trim())
            .ok_or_else(|| {
                AppError::bad(
                    "kind",
                    Said::new(
                        "Tipul: comunicat, declarație sau rectificare.",
                        "kind is release, statement or correction",
                    ),
                )
            })
    }

    /// The word the number starts with (each kind numbers its own days).
    pub fn number_word(self) -> &'static str {
        match self {
            Kind::Release => "Comunicat",
            Kind::Statement => "Declarație",
            Kind::Correction => "Rectificare",
        }
    }
}

/// Where a release stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Submitted,
        Status::Approved,
        Status::Returned,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The author may still change the text.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

fn out_of_order(ro: &str, en: &str) -> AppError {
    AppError::conflict(Said::new(ro, en))
}

/// Draft or returned → submitted.
pub fn submit(s: Status) -> Result<Status, AppError> {
    if s.editable() {
        Ok(Status::Submitted)
    } else {
        Err(out_of_order(
            "Comunicatul a fost deja trimis spre aprobare sau aprobat.",
            "the release was already submitted or approved",
        ))
    }
}

/// Submitted → approved, or returned with a reason.
pub fn decide(s: Status, reason: Option<&str>) -> Result<Status, AppError> {
    if s != Status::Submitted {
        return Err(out_of_order(
            "Doar un comunicat trimis spre aprobare poate fi aprobat sau restituit.",
            "only a submitted release can be approved or returned",
        ));
    }
    match reason.map(str::trim) {
        None => Ok(Status::Approved),
        Some(r) if r.chars().count() >= 5 => Ok(Status::Returned),
        Some(_) => Err(AppError::bad(
            "reason",
            Said::new(
                "Motivul restituirii: cel puțin 5 caractere, ca autorul să știe ce are de schimbat.",
                "the reason for returning has at least 5 characters",
            ),
        )),
    }
}

/// Editing is allowed while draft or returned.
pub fn may_edit(s: Status) -> Result<(), AppError> {
    if s.editable() {
        Ok(())
    } else {
        Err(out_of_order(
            "Comunicatul nu mai poate fi modificat: este trimis spre aprobare sau aprobat.",
            "the release can no longer be edited: it is submitted or approved",
        ))
    }
}

/// The moment the release becomes public: the later of the approval and the embargo.
pub fn published_at(approved_at: i64, embargo_until: Option<i64>) -> i64 {
    embargo_until.map_or(approved_at, |e| e.max(approved_at))
}

/// The day of `ms` in Timișoara.
pub fn local_day(ms: i64) -> jiff::civil::Date {
    let ts = jiff::Timestamp::from_millisecond(ms).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    ts.to_zoned(crate::time::bucharest()).date()
}

/// `Comunicat 07.12.2026-2`.
pub fn number(kind: Kind, day: jiff::civil::Date, n: i64) -> String {
    format!(
        "{} {:02}.{:02}.{:04}-{n}",
        kind.number_word(),
        day.day(),
        day.month(),
        day.year()
    )
}

/// The counter of `kind` on `day` (`db::counters`: name and year).
pub fn counter(kind: Kind, day: jiff::civil::Date) -> (String, i64) {
    (
        format!("press.{}.{}", kind.code(), day),
        i64::from(day.year()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_go_in_order() {
        assert_eq!(submit(Status::Draft).ok(), Some(Status::Submitted));
        assert_eq!(submit(Status::Returned).ok(), Some(Status::Submitted));
        assert!(submit(Status::Submitted).is_err());
        assert!(submit(Status::Approved).is_err());
        assert_eq!(decide(Status::Submitted, None).ok(), Some(Status::Approved));
        assert_eq!(
            decide(Status::Submitted, Some("Lipsește sursa")).ok(),
            Some(Status::Returned)
        );
        assert!(decide(Status::Submitted, Some(" no ")).is_err());
        assert!(decide(Status::Draft, None).is_err());
        assert!(decide(Status::Approved, None).is_err());
        assert!(may_edit(Status::Returned).is_ok());
        assert!(may_edit(Status::Submitted).is_err());
    }

    #[test]
    fn numbers_name_the_day_in_timisoara() {
        // 2026-12-07 23:30 UTC is already the 8th in Timișoara (UTC+2).
        let ms = jiff::Timestamp::from_second(1_796_686_200)
            .map(|t| t.as_millisecond())
            .unwrap_or_default();
        let day = local_day(ms);
        assert_eq!(day.to_string(), "2026-12-08");
        assert_eq!(number(Kind::Release, day, 3), "Comunicat 08.12.2026-3");
        assert_eq!(number(Kind::Statement, day, 1), "Declarație 08.12.2026-1");
        assert_eq!(
            counter(Kind::Correction, day),
            ("press.correction.2026-12-08".to_string(), 2026)
        );
    }

    #[test]
    fn the_embargo_holds_back_publication() {
        assert_eq!(published_at(100, None), 100);
        assert_eq!(published_at(100, Some(50)), 100);
        assert_eq!(published_at(100, Some(500)), 500);
    }
}
