//! The registrations a report counts, loaded once per period: kind, channel, petitioner type,
//! department, dates and how each case ended (read from the fields the steps leave, so an
//! archived case still counts as answered, classed, forwarded or joined), with the Law 544
//! facts beside it. Anonymisation keeps every one of these fields, so the reports do not move.

use jiff::civil::Date;
use serde::Serialize;
use sqlx::Row;

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::registry::numbers::day_of;
use crate::web::Lang;

/// How a case ended, or that it has not.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    Open,
    /// Answered on that day; a Law 544 refusal is an answer too.
    Answered {
        on: Date,
        refused: bool,
    },
    /// Sent to the competent authority (OG 27/2002 art. 6¹).
    Forwarded,
    /// Joined to another petition and answered with it (art. 10).
    Joined,
    /// Classed: anonymous, repeat or other.
    Classed {
        ground: String,
    },
}

/// What the Law 544 report needs beyond the register.
#[derive(Clone, Debug, Default, PartialEq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Facts {
    /// public_money, duties, regulations, leaders, law544, other.
    pub domain: Option<String>,
    /// exempt, nonexistent, other.
    pub refusal_ground: Option<String>,
    /// The reason of an `other` refusal, as the report names it.
    pub refusal_note: Option<String>,
    /// An administrative complaint: favourable or rejected.
    pub complaint_outcome: Option<String>,
}

/// One registration as reports see it.
#[derive(Clone, Debug)]
pub struct Case {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub petitioner_kind: String,
    pub department: Option<String>,
    pub subject: String,
    pub registered: Date,
    /// The legal deadline after any extension.
    pub due: Option<Date>,
    pub extended: bool,
    pub outcome: Outcome,
    /// email or post.
    pub answer_via: Option<String>,
    pub facts: Facts,
}

impl Case {
    /// Open, and its term passed before `as_of`.
    pub fn overdue(&self, as_of: Date) -> bool {
        self.outcome == Outcome::Open && self.due.is_some_and(|d| d < as_of)
    }

    /// Answered after its term.
    pub fn late(&self) -> bool {
        matches!((&self.outcome, self.due), (Outcome::Answered { on, .. }, Some(d)) if *on > d)
    }
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Period {
    #[schema(value_type = String)]
    pub from: Date,
    #[schema(value_type = String)]
    pub to: Date,
}

impl Period {
    /// The first (1) or second (2) half of `year`.
    pub fn half(year: i16, half: u8) -> AppResult<Period> {
        let (from, to) = match half {
            1 => ((1, 1), (6, 30)),
            2 => ((7, 1), (12, 31)),
            _ => {
                return Err(AppError::bad(
                    "half",
                    crate::error::Said::new(
                        "Semestrul: 1 (ianuarie–iunie) sau 2 (iulie–decembrie).",
                        "half is 1 (January–June) or 2 (July–December)",
                    ),
                ));
            }
        };
        let day = |(m, d): (i8, i8)| {
            Date::new(year, m, d).map_err(|_| {
                AppError::bad(
                    "year",
                    crate::error::Said::new(
                        "Anul: între 2000 și 2100.",
                        "the year is between 2000 and 2100",
                    ),
                )
            })
        };
        Ok(Period {
            from: day(from)?,
            to: day(to)?,
        })
    }

    /// The whole of `year`.
    pub fn year(year: i16) -> AppResult<Period> {
        let a = Period::half(year, 1)?;
        let b = Period::half(year, 2)?;
        Ok(Period {
            from: a.from,
            to: b.to,
        })
    }

    /// The half-year before the half-year starting at `self.from`.
    pub fn previous_half(self) -> AppResult<Period> {
        if self.from.month() == 1 {
            Period::half(self.from.year() - 1, 2)
        } else {
            Period::half(self.from.year(), 1)
        }
    }

    pub fn contains(self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

fn date(s: Option<String>) -> AppResult<Option<Date>> {
    s.map(|s| {
        s.parse::<Date>()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("stored date {s}: {e}")))
    })
    .transpose()
}

/// The cases of `register` registered within `period`, oldest first; department names in `lang`.
pub async fn load(db: &Db, register: &str, period: Period, lang: Lang) -> AppResult<Vec<Case>> {
    let rows = sqlx::query(
        "SELECT e.id, e.kind, e.channel, e.petitioner_kind, e.subject, e.registered_at, e.due_on, e.extended, \
         e.forwarded_on, e.joined_to, e.class_ground, e.refused, e.answer_via, e.answer_sent_on, \
         d.name_ro, d.name_en, f.domain, f.refusal_ground, f.refusal_note, f.complaint_outcome \
         FROM registry_entries e LEFT JOIN registry_departments d ON d.id = e.department_id \
         LEFT JOIN registry_info_facts f ON f.entry_id = e.id \
         WHERE e.register = $1 AND e.year BETWEEN $2 AND $3 ORDER BY e.registered_at, e.id",
    )
    .bind(register)
    .bind(i64::from(period.from.year()))
    .bind(i64::from(period.to.year()))
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let registered = day_of(r.try_get("registered_at")?);
        if !period.contains(registered) {
            continue;
        }
        let joined: Option<i64> = r.try_get("joined_to")?;
        let ground: Option<String> = r.try_get("class_ground")?;
        let forwarded: Option<String> = r.try_get("forwarded_on")?;
        let answered = date(r.try_get("answer_sent_on")?)?;
        let outcome = if joined.is_some() {
            Outcome::Joined
        } else if let Some(ground) = ground {
            Outcome::Classed { ground }
        } else if forwarded.is_some() {
            Outcome::Forwarded
        } else if let Some(on) = answered {
            Outcome::Answered {
                on,
                refused: r.try_get::<i64, _>("refused")? != 0,
            }
        } else {
            Outcome::Open
        };
        out.push(Case {
            id: r.try_get("id")?,
            kind: r.try_get("kind")?,
            channel: r.try_get("channel")?,
            petitioner_kind: r.try_get("petitioner_kind")?,
            department: r.try_get(match lang {
                Lang::Ro => "name_ro",
                Lang::En => "name_en",
            })?,
            subject: r.try_get("subject")?,
            registered,
            due: date(r.try_get("due_on")?)?,
            extended: r.try_get::<i64, _>("extended")? != 0,
            outcome,
            answer_via: r.try_get("answer_via")?,
            facts: sqlx::FromRow::from_row(&r)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn half_years_and_the_one_before() {
        let h1 = Period::half(2026, 1).expect("h1");
        assert_eq!((h1.from, h1.to), (date(2026, 1, 1), date(2026, 6, 30)));
        let before = h1.previous_half().expect("prev");
        assert_eq!(
            (before.from, before.to),
            (date(2025, 7, 1), date(2025, 12, 31))
        );
        let h2 = Period::half(2026, 2).expect("h2");
        assert_eq!(h2.previous_half().expect("prev"), h1);
        assert!(Period::half(2026, 3).is_err());
        assert!(h1.contains(date(2026, 6, 30)) && !h1.contains(date(2026, 7, 1)));
    }
}
