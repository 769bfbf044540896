//! The annual report on access to public-interest information (Law 544/2001 art. 27, HG 123/2002
//! art. 27): requests by domain of interest, by petitioner type and by medium; answered
//! favourably (by response time, by how the answer went, by domain); refused by ground (exempt,
//! non-existent, other reasons named); forwarded, classed, extended, late and pending; responses
//! by time; administrative complaints and court cases with their outcome; the costs, the copying
//! fees, the measures and the person responsible. `compute` is pure; `document` writes it.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;
use veghe_docs::{Block, Document};
use veghe_ro::{Rule, due_date};

use super::cases::{Case, Outcome};
use super::court::CourtCase;
use super::facts::{DOMAINS, YearFigures};
use super::petitions::Count;
use super::petitions_doc::{day, int, share};
use super::texts::T;

/// How many ended each way.
#[derive(Clone, Debug, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Outcomes {
    pub total: i64,
    pub favourable: i64,
    pub rejected: i64,
    pub pending: i64,
    /// Closed without the outcome recorded.
    pub not_recorded: i64,
}

/// Every item of the annual report.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Law544 {
    pub year: i16,
    #[schema(value_type = String)]
    pub as_of: Date,
    /// Requests registered in the year (administrative complaints apart).
    pub requests: i64,
    /// public_money, duties, regulations, leaders, law544, other; `unclassified` when some lack it.
    pub by_domain: Vec<Count>,
    /// person, organisation (and anonymous, when any).
    pub by_petitioner: Vec<Count>,
    /// paper (counter, post), electronic (e-mail, online form), verbal (audience).
    pub by_medium: Vec<Count>,
    pub favourable: i64,
    /// within_10 (the 10-day term), within_30 (the extended term), over_30.
    pub favourable_by_time: Vec<Count>,
    /// electronic (e-mail), paper (post).
    pub favourable_by_medium: Vec<Count>,
    pub favourable_by_domain: Vec<Count>,
    pub refused: i64,
    /// exempt, nonexistent, other, not_recorded.
    pub refused_by_ground: Vec<Count>,
    pub refused_by_domain: Vec<Count>,
    /// The reasons named for refusals on other grounds, with their counts.
    pub other_reasons: Vec<Count>,
    pub forwarded: i64,
    pub classed: i64,
    /// Terms extended to 30 days, the requester told within the first 10.
    pub extended: i64,
    pub answered_late: i64,
    pub pending: i64,
    pub pending_overdue: i64,
    /// Every answer (favourable or refusal) by time: within_10, within_30, over_30; and pending.
    pub by_response_time: Vec<Count>,
    pub complaints: Outcomes,
    pub court_cases: Outcomes,
    pub figures: YearFigures,
}

fn count_in(order: &[&str], keys: impl Iterator<Item = String>) -> Vec<Count> {
    let mut by: BTreeMap<String, i64> = BTreeMap::new();
    for k in keys {
        *by.entry(k).or_default() += 1;
    }
    let mut out: Vec<Count> = order
        .iter()
        .map(|k| Count {
            key: (*k).into(),
            count: by.remove(*k).unwrap_or(0),
        })
        .collect();
    out.extend(by.into_iter().map(|(key, count)| Count { key, count }));
    out
}

fn medium(channel: &str) -> &'static str {
    match channel {
        "email" | "online" => "electronic",
        "audience" => "verbal",
        _ => "paper",
    }
}

/// The response-time bucket of an answer sent on `on` to a request registered on `registered`:
/// within the 10-day term, within the 30-day term (both as Law 544 counts them), or later.
pub fn response_time(registered: Date, on: Date) -> &'static str {
    if on <= due_date(Rule::InfoAnswer, registered) {
        "within_10"
    } else if on <= due_date(Rule::InfoComplex, registered) {
        "within_30"
    } else {
        "over_30"
    }
}

fn domain(c: &Case) -> String {
    c.facts
        .domain
        .clone()
        .unwrap_or_else(|| "unclassified".into())
}

/// The report of `year` from its information requests and complaints, its court cases and the
/// figures recorded for it.
pub fn compute(
    year: i16,
    cases: &[Case],
    court: &[CourtCase],
    figures: YearFigures,
    as_of: Date,
) -> Law544 {
    let requests: Vec<&Case> = cases.iter().filter(|c| c.kind != "complaint").collect();
    let favourable: Vec<&Case> = requests
        .iter()
        .copied()
        .filter(|c| matches!(c.outcome, Outcome::Answered { refused: false, .. }))
        .collect();
    let refused: Vec<&Case> = requests
        .iter()
        .copied()
        .filter(|c| matches!(c.outcome, Outcome::Answered { refused: true, .. }))
        .collect();
    let time = |c: &&Case| match c.outcome {
        Outcome::Answered { on, .. } => response_time(c.registered, on).to_string(),
        _ => "pending".into(),
    };
    let answered_or_open = requests
        .iter()
        .filter(|c| matches!(c.outcome, Outcome::Answered { .. } | Outcome::Open));
    let mut complaints = Outcomes::default();
    for c in cases.iter().filter(|c| c.kind == "complaint") {
        complaints.total += 1;
        match (&c.outcome, c.facts.complaint_outcome.as_deref()) {
            (Outcome::Open, _) => complaints.pending += 1,
            (_, Some("favourable")) => complaints.favourable += 1,
            (_, Some("rejected")) => complaints.rejected += 1,
            _ => complaints.not_recorded += 1,
        }
    }
    let mut court_cases = Outcomes::default();
    for c in court {
        court_cases.total += 1;
        match c.outcome.as_str() {
            "favourable" => court_cases.favourable += 1,
            "rejected" => court_cases.rejected += 1,
            _ => court_cases.pending += 1,
        }
    }
    let mut other_reasons = count_in(
        &[],
        refused
            .iter()
            .filter(|c| c.facts.refusal_ground.as_deref() == Some("other"))
            .map(|c| c.facts.refusal_note.clone().unwrap_or_else(|| "—".into())),
    );
    other_reasons.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Law544 {
        year,
        as_of,
        requests: requests.len() as i64,
        by_domain: count_in(DOMAINS, requests.iter().map(|c| domain(c))),
        by_petitioner: count_in(
            &["person", "organisation"],
            requests.iter().map(|c| c.petitioner_kind.clone()),
        ),
        by_medium: count_in(
            &["paper", "electronic", "verbal"],
            requests.iter().map(|c| medium(&c.channel).into()),
        ),
        favourable: favourable.len() as i64,
        favourable_by_time: count_in(
            &["within_10", "within_30", "over_30"],
            favourable.iter().map(time),
        ),
        favourable_by_medium: count_in(
            &["electronic", "paper"],
            favourable.iter().map(|c| {
                if c.answer_via.as_deref() == Some("email") {
                    "electronic"
                } else {
                    "paper"
                }
                .into()
            }),
        ),
        favourable_by_domain: count_in(DOMAINS, favourable.iter().map(|c| domain(c))),
        refused: refused.len() as i64,
        refused_by_ground: count_in(
            &["exempt", "nonexistent", "other"],
            refused.iter().map(|c| {
                c.facts
                    .refusal_ground
                    .clone()
                    .unwrap_or_else(|| "not_recorded".into())
            }),
        ),
        refused_by_domain: count_in(DOMAINS, refused.iter().map(|c| domain(c))),
        other_reasons,
        forwarded: requests
            .iter()
            .filter(|c| c.outcome == Outcome::Forwarded)
            .count() as i64,
        classed: requests
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Classed { .. } | Outcome::Joined))
            .count() as i64,
        extended: requests.iter().filter(|c| c.extended).count() as i64,
        answered_late: requests.iter().filter(|c| c.late()).count() as i64,
        pending: requests
            .iter()
            .filter(|c| c.outcome == Outcome::Open)
            .count() as i64,
        pending_overdue: requests.iter().filter(|c| c.overdue(as_of)).count() as i64,
        by_response_time: count_in(
            &["within_10", "within_30", "over_30", "pending"],
            answered_or_open.map(time),
        ),
        complaints,
        court_cases,
        figures,
    }
}

fn lines(t: &T, counts: &[Count], total: i64, label: impl Fn(&str) -> String) -> Block {
    Block::Table {
        header: vec![t.item.into(), t.count.into(), t.share.into()],
        rows: counts
            .iter()
            .map(|c| vec![label(&c.key), int(c.count), share(c.count, total)])
            .collect(),
    }
}

fn outcomes(t: &T, o: &Outcomes) -> Block {
    let row = |label: &str, n: i64| vec![label.to_string(), int(n), share(n, o.total)];
    Block::Table {
        header: vec![t.item.into(), t.count.into(), t.share.into()],
        rows: vec![
            row(t.favourable_outcome, o.favourable),
            row(t.rejected_outcome, o.rejected),
            row(t.pending_outcome, o.pending),
            row(t.not_recorded, o.not_recorded),
            vec![t.total.into(), int(o.total), String::new()],
        ],
    }
}

fn lei(bani: Option<i64>) -> String {
    bani.map_or_else(
        || "—".into(),
        |b| format!("{} lei", veghe_docs::format_ro(b as f64 / 100.0, 2)),
    )
}

/// The report as a document; each item of HG 123/2002 art. 27 under its own heading.
pub fn document(r: &Law544, t: &T, institution: &str) -> Document {
    let mut doc = Document::new(format!("{} {}", t.l544_title, r.year), t.lang_tag);
    let dom = |k: &str| t.domain(k).to_string();
    doc.push(Block::Heading(1, format!("{} {}", t.l544_title, r.year)))
        .push(Block::Paragraph(format!("{institution}\n{}", t.l544_basis)))
        .push(Block::Field(t.as_of.into(), day(r.as_of)))
        .push(Block::Figures(vec![
            (t.l544_requests.into(), int(r.requests)),
            (t.l544_favourable.into(), int(r.favourable)),
            (t.l544_refused.into(), int(r.refused)),
            (t.l544_complaints.into(), int(r.complaints.total)),
        ]))
        .push(Block::Heading(2, format!("1. {}", t.l544_by_domain)))
        .push(lines(t, &r.by_domain, r.requests, dom))
        .push(Block::Heading(2, format!("2. {}", t.l544_by_petitioner)))
        .push(lines(t, &r.by_petitioner, r.requests, |k| {
            t.petitioner_kind(k).into()
        }))
        .push(Block::Heading(2, format!("3. {}", t.l544_by_medium)))
        .push(lines(t, &r.by_medium, r.requests, |k| t.medium(k).into()))
        .push(Block::Heading(2, format!("4. {}", t.l544_favourable)))
        .push(Block::Field(t.total.into(), int(r.favourable)))
        .push(Block::Heading(3, t.by_time.into()))
        .push(lines(t, &r.favourable_by_time, r.favourable, |k| {
            t.response_time(k).into()
        }))
        .push(Block::Heading(3, t.by_answer_medium.into()))
        .push(lines(t, &r.favourable_by_medium, r.favourable, |k| {
            t.medium(k).into()
        }))
        .push(Block::Heading(3, t.by_domain.into()))
        .push(lines(t, &r.favourable_by_domain, r.favourable, dom))
        .push(Block::Heading(2, format!("5. {}", t.l544_refused)))
        .push(Block::Field(t.total.into(), int(r.refused)))
        .push(Block::Heading(3, t.by_ground.into()))
        .push(lines(t, &r.refused_by_ground, r.refused, |k| {
            t.ground(k).into()
        }))
        .push(Block::Heading(3, t.other_reasons.into()))
        .push(lines(t, &r.other_reasons, r.refused, str::to_string))
        .push(Block::Heading(3, t.by_domain.into()))
        .push(lines(t, &r.refused_by_domain, r.refused, dom))
        .push(Block::Heading(2, format!("6. {}", t.l544_flow)))
        .push(Block::Table {
            header: vec![t.item.into(), t.count.into()],
            rows: vec![
                vec![t.l544_forwarded.into(), int(r.forwarded)],
                vec![t.l544_classed.into(), int(r.classed)],
                vec![t.l544_extended.into(), int(r.extended)],
                vec![t.answered_late.into(), int(r.answered_late)],
                vec![t.l544_pending.into(), int(r.pending)],
                vec![t.open_overdue.into(), int(r.pending_overdue)],
            ],
        })
        .push(Block::Heading(2, format!("7. {}", t.l544_response_time)))
        .push(lines(t, &r.by_response_time, r.requests, |k| {
            t.response_time(k).into()
        }))
        .push(Block::Heading(2, format!("8. {}", t.l544_complaints)))
        .push(outcomes(t, &r.complaints))
        .push(Block::Heading(2, format!("9. {}", t.l544_court)))
        .push(outcomes(t, &r.court_cases))
        .push(Block::Heading(2, format!("10. {}", t.l544_costs)))
        .push(Block::Field(t.costs.into(), lei(r.figures.costs_bani)))
        .push(Block::Field(
            t.copy_income.into(),
            lei(r.figures.copy_income_bani),
        ))
        .push(Block::Field(
            t.copy_fee.into(),
            lei(r.figures.copy_fee_bani),
        ))
        .push(Block::Field(
            t.copy_fee_basis.into(),
            r.figures
                .copy_fee_basis
                .clone()
                .unwrap_or_else(|| "—".into()),
        ))
        .push(Block::Heading(2, format!("11. {}", t.l544_measures)))
        .push(Block::Paragraph(
            r.figures.measures.clone().unwrap_or_else(|| "—".into()),
        ))
        .push(Block::Heading(2, format!("12. {}", t.l544_responsible)))
        .push(Block::Paragraph(
            r.figures.responsible.clone().unwrap_or_else(|| "—".into()),
        ));
    doc
}
