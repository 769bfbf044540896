//! The incidents a crew worked in a period: from each assignment (the timeline's `assigned`
//! step) to its release or the incident's closing, and, for incidents without such steps (the
//! demo history), from the incident's dispatch to its closing with the crew on record.

use std::collections::BTreeMap;

use sqlx::Row;

use super::model::Status;
use crate::db::Db;
use crate::error::AppError;

/// One incident the crew worked, and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Worked {
    pub incident_id: i64,
    pub reference: String,
    pub kind: String,
    pub address: Option<String>,
    pub status: Status,
    /// When the crew was given the incident.
    pub from: i64,
    /// When it was released or the incident closed; `None` while it still works it.
    pub to: Option<i64>,
}

/// A timeline step of the crew on one incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub assigned: bool,
    pub at: i64,
}

/// The stretches of work on one incident from its steps in time order: an assignment runs to
/// the next release, else to the closing. Only those meeting `[from, to)` are kept.
pub fn stretches(
    steps: &[Step],
    closed_at: Option<i64>,
    from: i64,
    to: i64,
) -> Vec<(i64, Option<i64>)> {
    let mut out = Vec::new();
    let mut open: Option<i64> = None;
    let mut keep = |start: i64, end: Option<i64>| {
        if start < to && end.is_none_or(|e| e >= from) {
            out.push((start, end));
        }
    };
    for s in steps {
        match (s.assigned, open) {
            (true, None) => open = Some(s.at),
            (false, Some(start)) => {
                keep(start, Some(s.at));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        keep(start, closed_at.filter(|c| *c >= start));
    }
    out
}

struct Known {
    reference: String,
    kind: String,
    address: Option<String>,
    status: String,
    closed_at: Option<i64>,
    dispatched_at: Option<i64>,
    steps: Vec<Step>,
}

/// The incidents crew `unit_id` worked during `[from, to)`, earliest first.
pub async fn worked(db: &Db, unit_id: i64, from: i64, to: i64) -> Result<Vec<Worked>, AppError> {
    let steps = sqlx::query(
        "SELECT e.incident_id, e.kind, e.at, i.number, i.year, i.type, i.address, i.status, i.closed_at, i.dispatched_at \
         FROM incident_events e JOIN incidents i ON i.id = e.incident_id \
         WHERE e.unit_id = $1 AND e.kind IN ('assigned', 'unassigned') AND e.at < $2 \
         AND (i.closed_at IS NULL OR i.closed_at >= $3) ORDER BY e.at, e.id",
    )
    .bind(unit_id)
    .bind(to)
    .bind(from)
    .fetch_all(db.pool())
    .await?;
    let on_record = sqlx::query(
        "SELECT id AS incident_id, number, year, type, address, status, closed_at, dispatched_at FROM incidents \
         WHERE unit_id = $1 AND dispatched_at < $2 AND (closed_at IS NULL OR closed_at >= $3)",
    )
    .bind(unit_id)
    .bind(to)
    .bind(from)
    .fetch_all(db.pool())
    .await?;
    let mut known: BTreeMap<i64, Known> = BTreeMap::new();
    for r in steps.iter().chain(on_record.iter()) {
        let id: i64 = r.try_get("incident_id")?;
        if known.contains_key(&id) {
            continue;
        }
        let number: i64 = r.try_get("number")?;
        let year: i64 = r.try_get("year")?;
        let k = Known {
            reference: format!("{number}/{year}"),
            kind: r.try_get("type")?,
            address: r.try_get("address")?,
            status: r.try_get("status")?,
            closed_at: r.try_get("closed_at")?,
            dispatched_at: r.try_get("dispatched_at")?,
            steps: Vec::new(),
        };
        known.insert(id, k);
    }
    for r in &steps {
        let id: i64 = r.try_get("incident_id")?;
        let kind: String = r.try_get("kind")?;
        if let Some(k) = known.get_mut(&id) {
            k.steps.push(Step {
                assigned: kind == "assigned",
                at: r.try_get("at")?,
            });
        }
    }
    let mut out = Vec::new();
    for (id, k) in known {
        let steps = if k.steps.is_empty() {
            k.dispatched_at
                .map(|at| vec![Step { assigned: true, at }])
                .unwrap_or_default()
        } else {
            k.steps
        };
        let status = k
            .status
            .parse::<Status>()
            .map_err(|m| AppError::Internal(anyhow::anyhow!("incident {id}: {m}")))?;
        for (start, end) in stretches(&steps, k.closed_at, from, to) {
            out.push(Worked {
                incident_id: id,
                reference: k.reference.clone(),
                kind: k.kind.clone(),
                address: k.address.clone(),
                status,
                from: start,
                to: end,
            });
        }
    }
    out.sort_by_key(|w| (w.from, w.incident_id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(at: i64) -> Step {
        Step { assigned: true, at }
    }
    fn r(at: i64) -> Step {
        Step {
            assigned: false,
            at,
        }
    }

    #[test]
    fn an_assignment_runs_to_its_release_or_the_closing() {
        assert_eq!(stretches(&[a(10), r(20)], None, 0, 100), [(10, Some(20))]);
        assert_eq!(stretches(&[a(10)], Some(30), 0, 100), [(10, Some(30))]);
        assert_eq!(stretches(&[a(10)], None, 0, 100), [(10, None)]);
        // Sent, released, sent again: two stretches.
        assert_eq!(
            stretches(&[a(10), r(20), a(40)], Some(50), 0, 100),
            [(10, Some(20)), (40, Some(50))]
        );
        // A release without an assignment before it (history cut short) is ignored.
        assert_eq!(stretches(&[r(5), a(10)], None, 0, 100), [(10, None)]);
    }

    #[test]
    fn only_stretches_meeting_the_period_are_kept() {
        let steps = [a(10), r(20), a(40), r(60)];
        assert_eq!(stretches(&steps, None, 25, 35), []);
        assert_eq!(
            stretches(&steps, None, 15, 45),
            [(10, Some(20)), (40, Some(60))]
        );
        assert_eq!(stretches(&steps, None, 60, 70), [(40, Some(60))]);
        assert_eq!(stretches(&steps, None, 0, 10), []);
        // Still at work: kept whatever the period's start.
        assert_eq!(stretches(&[a(10)], None, 1_000, 2_000), [(10, None)]);
    }
}
