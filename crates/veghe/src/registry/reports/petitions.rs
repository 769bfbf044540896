//! The half-yearly analysis of the petitions activity (OG 27/2002 art. 13): volumes by kind,
//! channel, petitioner type, department and subject; answered in time and late, forwarded,
//! joined, classed, the average days to the answer; each figure beside the half-year before.
//! `analyse` is pure; `petitions_doc` writes it for PDF, DOCX and XLSX.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use super::cases::{Case, Outcome, Period};

/// A count under a key (a code, a department or a subject).
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

/// The main figures of a half-year.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Totals {
    pub registered: i64,
    /// Answered on the merits (joined petitions are counted apart).
    pub answered: i64,
    pub answered_in_time: i64,
    pub answered_late: i64,
    pub forwarded: i64,
    pub joined: i64,
    pub classed: i64,
    pub classed_anonymous: i64,
    pub classed_repeat: i64,
    /// Terms extended by up to 15 days (art. 9).
    pub extended: i64,
    /// Still without an answer at the report's date, and of those past their term.
    pub open: i64,
    pub open_overdue: i64,
    /// Calendar days from registration to the answer, averaged over the answered.
    pub average_days: Option<f64>,
}

/// A department's line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DepartmentRow {
    pub department: String,
    pub registered: i64,
    pub answered: i64,
    pub answered_in_time: i64,
    pub answered_late: i64,
    pub open: i64,
    pub average_days: Option<f64>,
}

/// The analysis of a half-year.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Analysis {
    pub period: Period,
    pub previous_period: Period,
    /// The day the open cases were counted on.
    #[schema(value_type = String)]
    pub as_of: Date,
    pub totals: Totals,
    pub previous: Totals,
    /// request, complaint, notification, proposal.
    pub by_kind: Vec<Count>,
    /// counter, post, email, online, audience.
    pub by_channel: Vec<Count>,
    /// person, organisation, anonymous.
    pub by_petitioner: Vec<Count>,
    pub by_department: Vec<DepartmentRow>,
    /// The ten most frequent subjects.
    pub subjects: Vec<Count>,
}

fn days(c: &Case) -> Option<i64> {
    match c.outcome {
        Outcome::Answered { on, .. } => Some(i64::from((on - c.registered).get_days())),
        _ => None,
    }
}

/// The main figures of `cases`.
pub fn totals(cases: &[Case], as_of: Date) -> Totals {
    let mut t = Totals::default();
    let mut day_sum = 0;
    for c in cases {
        t.registered += 1;
        t.extended += i64::from(c.extended);
        match &c.outcome {
            Outcome::Answered { .. } => {
                t.answered += 1;
                if c.late() {
                    t.answered_late += 1;
                } else {
                    t.answered_in_time += 1;
                }
                day_sum += days(c).unwrap_or(0);
            }
            Outcome::Forwarded => t.forwarded += 1,
            Outcome::Joined => t.joined += 1,
            Outcome::Classed { ground } => {
                t.classed += 1;
                t.classed_anonymous += i64::from(ground == "anonymous");
                t.classed_repeat += i64::from(ground == "repeat");
            }
            Outcome::Open => {
                t.open += 1;
                t.open_overdue += i64::from(c.overdue(as_of));
            }
        }
    }
    t.average_days = (t.answered > 0).then(|| day_sum as f64 / t.answered as f64);
    t
}

/// Counts by `key`, in the order of `order` (every one shown, zeros too), then any others.
fn counts<'a>(cases: &'a [Case], order: &[&str], key: impl Fn(&'a Case) -> &'a str) -> Vec<Count> {
    let mut by: BTreeMap<&str, i64> = order.iter().map(|k| (*k, 0)).collect();
    for c in cases {
        *by.entry(key(c)).or_default() += 1;
    }
    let mut out: Vec<Count> = order
        .iter()
        .map(|k| Count {
            key: (*k).to_string(),
            count: by.remove(k).unwrap_or(0),
        })
        .collect();
    out.extend(by.into_iter().map(|(k, count)| Count {
        key: k.to_string(),
        count,
    }));
    out
}

/// The analysis of the petitions of `period` against those of `previous_period`.
pub fn analyse(
    current: &[Case],
    previous: &[Case],
    period: Period,
    previous_period: Period,
    as_of: Date,
) -> Analysis {
    let mut departments: BTreeMap<String, Vec<Case>> = BTreeMap::new();
    for c in current {
        departments
            .entry(c.department.clone().unwrap_or_else(|| "—".into()))
            .or_default()
            .push(c.clone());
    }
    let by_department = departments
        .into_iter()
        .map(|(department, cs)| {
            let t = totals(&cs, as_of);
            DepartmentRow {
                department,
                registered: t.registered,
                answered: t.answered,
                answered_in_time: t.answered_in_time,
                answered_late: t.answered_late,
                open: t.open,
                average_days: t.average_days,
            }
        })
        .collect();
    let mut subjects = counts(current, &[], |c| c.subject.as_str());
    subjects.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    subjects.truncate(10);
    Analysis {
        period,
        previous_period,
        as_of,
        totals: totals(current, as_of),
        previous: totals(previous, as_of),
        by_kind: counts(
            current,
            veghe_ro::petition::Register::Petition.kinds(),
            |c| c.kind.as_str(),
        ),
        by_channel: counts(current, crate::registry::model::CHANNELS, |c| {
            c.channel.as_str()
        }),
        by_petitioner: counts(current, &["person", "organisation", "anonymous"], |c| {
            c.petitioner_kind.as_str()
        }),
        by_department,
        subjects,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::registry::reports::cases::Facts;

    fn case(kind: &str, dept: &str, registered: Date, due: Date, outcome: Outcome) -> Case {
        Case {
            id: 0,
            kind: kind.into(),
            channel: "email".into(),
            petitioner_kind: "person".into(),
            department: Some(dept.into()),
            subject: "Zgomot".into(),
            registered,
            due: Some(due),
            extended: false,
            outcome,
            answer_via: Some("email".into()),
            facts: Facts::default(),
        }
    }

    #[test]
    fn outcomes_terms_and_averages() {
        let r = date(2026, 2, 2);
        let due = date(2026, 3, 4);
        let cases = vec![
            case(
                "complaint",
                "A",
                r,
                due,
                Outcome::Answered {
                    on: date(2026, 2, 12),
                    refused: false,
                },
            ),
            case(
                "complaint",
                "A",
                r,
                due,
                Outcome::Answered {
                    on: date(2026, 3, 14),
                    refused: false,
                },
            ),
            case("request", "B", r, due, Outcome::Open),
            case(
                "request",
                "B",
                date(2026, 6, 20),
                date(2026, 7, 20),
                Outcome::Open,
            ),
            case("notification", "B", r, due, Outcome::Forwarded),
            case("notification", "B", r, due, Outcome::Joined),
            case(
                "notification",
                "B",
                r,
                due,
                Outcome::Classed {
                    ground: "anonymous".into(),
                },
            ),
        ];
        let p = Period::half(2026, 1).expect("period");
        let a = analyse(
            &cases,
            &cases[..2],
            p,
            p.previous_half().expect("prev"),
            date(2026, 7, 1),
        );
        let t = &a.totals;
        assert_eq!(
            (
                t.registered,
                t.answered,
                t.answered_in_time,
                t.answered_late
            ),
            (7, 2, 1, 1)
        );
        assert_eq!(
            (t.forwarded, t.joined, t.classed, t.classed_anonymous),
            (1, 1, 1, 1)
        );
        assert_eq!(
            (t.open, t.open_overdue),
            (2, 1),
            "one open case is past its term on 1 July"
        );
        assert_eq!(t.average_days, Some(25.0), "(10 + 40) / 2");
        assert_eq!(a.previous.registered, 2);
        assert_eq!(
            a.by_kind.iter().map(|c| c.count).collect::<Vec<_>>(),
            vec![2, 2, 3, 0],
            "request, complaint, notification, proposal"
        );
        assert_eq!(a.by_department.len(), 2);
        assert_eq!(
            (a.by_department[0].answered, a.by_department[1].open),
            (2, 2)
        );
        assert_eq!(
            a.subjects,
            vec![Count {
                key: "Zgomot".into(),
                count: 7
            }]
        );
    }
}
