//! The half-yearly analysis as a document (PDF, DOCX, XLSX from one definition), and the way
//! reports write numbers, shares, averages, changes and days.

use jiff::civil::Date;
use veghe_docs::{Block, Document, format_ro};

use super::petitions::{Analysis, Count};
use super::texts::T;
use crate::registry::labels;
use crate::web::Lang;

pub(super) fn int(n: i64) -> String {
    format_ro(n as f64, 0)
}

pub(super) fn avg(d: Option<f64>) -> String {
    d.map_or_else(|| "—".into(), |d| format_ro(d, 1))
}

pub(super) fn share(part: i64, whole: i64) -> String {
    if whole == 0 {
        "—".into()
    } else {
        format!("{}%", format_ro(100.0 * part as f64 / whole as f64, 0))
    }
}

/// The change from `before` to `now`, as `+12%`; `—` from zero.
fn change(now: f64, before: f64) -> String {
    if before == 0.0 {
        "—".into()
    } else {
        let p = 100.0 * (now - before) / before;
        format!("{}{}%", if p > 0.0 { "+" } else { "" }, format_ro(p, 0))
    }
}

pub(super) fn day(d: Date) -> String {
    veghe_ro::petition::ro_date(d)
}

fn table(t: &T, first: &str, rows: Vec<(String, i64)>, total: i64) -> Block {
    Block::Table {
        header: vec![first.into(), t.count.into(), t.share.into()],
        rows: rows
            .into_iter()
            .map(|(k, n)| vec![k, int(n), share(n, total)])
            .collect(),
    }
}

/// The analysis as a document in `lang`.
pub fn document(a: &Analysis, t: &T, lang: Lang, institution: &str) -> Document {
    let mut doc = Document::new(
        format!(
            "{} {}–{}",
            t.pet_title,
            day(a.period.from),
            day(a.period.to)
        ),
        t.lang_tag,
    );
    let n = &a.totals;
    let p = &a.previous;
    doc.push(Block::Heading(1, t.pet_title.into()))
        .push(Block::Paragraph(format!("{institution}\n{}", t.pet_basis)))
        .push(Block::Field(
            t.period.into(),
            format!("{} – {}", day(a.period.from), day(a.period.to)),
        ))
        .push(Block::Field(t.as_of.into(), day(a.as_of)))
        .push(Block::Figures(vec![
            (t.registered.into(), int(n.registered)),
            (
                t.answered_in_time.into(),
                share(n.answered_in_time, n.answered),
            ),
            (t.average_days.into(), avg(n.average_days)),
            (t.open_overdue.into(), int(n.open_overdue)),
        ]))
        .push(Block::Heading(2, t.pet_outcomes.into()));
    let lines: Vec<(&str, f64, f64, String, String)> = vec![
        (
            t.registered,
            n.registered as f64,
            p.registered as f64,
            int(n.registered),
            int(p.registered),
        ),
        (
            t.answered,
            n.answered as f64,
            p.answered as f64,
            int(n.answered),
            int(p.answered),
        ),
        (
            t.answered_in_time,
            n.answered_in_time as f64,
            p.answered_in_time as f64,
            int(n.answered_in_time),
            int(p.answered_in_time),
        ),
        (
            t.answered_late,
            n.answered_late as f64,
            p.answered_late as f64,
            int(n.answered_late),
            int(p.answered_late),
        ),
        (
            t.forwarded,
            n.forwarded as f64,
            p.forwarded as f64,
            int(n.forwarded),
            int(p.forwarded),
        ),
        (
            t.joined,
            n.joined as f64,
            p.joined as f64,
            int(n.joined),
            int(p.joined),
        ),
        (
            t.classed,
            n.classed as f64,
            p.classed as f64,
            int(n.classed),
            int(p.classed),
        ),
        (
            t.classed_anonymous,
            n.classed_anonymous as f64,
            p.classed_anonymous as f64,
            int(n.classed_anonymous),
            int(p.classed_anonymous),
        ),
        (
            t.classed_repeat,
            n.classed_repeat as f64,
            p.classed_repeat as f64,
            int(n.classed_repeat),
            int(p.classed_repeat),
        ),
        (
            t.extended,
            n.extended as f64,
            p.extended as f64,
            int(n.extended),
            int(p.extended),
        ),
        (
            t.open,
            n.open as f64,
            p.open as f64,
            int(n.open),
            int(p.open),
        ),
        (
            t.open_overdue,
            n.open_overdue as f64,
            p.open_overdue as f64,
            int(n.open_overdue),
            int(p.open_overdue),
        ),
        (
            t.average_days,
            n.average_days.unwrap_or(0.0),
            p.average_days.unwrap_or(0.0),
            avg(n.average_days),
            avg(p.average_days),
        ),
    ];
    doc.push(Block::Table {
        header: vec![
            t.indicator.into(),
            format!("{}–{}", day(a.period.from), day(a.period.to)),
            format!(
                "{}–{}",
                day(a.previous_period.from),
                day(a.previous_period.to)
            ),
            t.change.into(),
        ],
        rows: lines
            .into_iter()
            .map(|(label, now, before, a, b)| vec![label.into(), a, b, change(now, before)])
            .collect(),
    });
    let total = n.registered;
    let coded = |cs: &[Count], label: fn(&str, Lang) -> &'static str| -> Vec<(String, i64)> {
        cs.iter()
            .map(|c| (label(&c.key, lang).to_string(), c.count))
            .collect()
    };
    doc.push(Block::Heading(2, t.by_kind.into()))
        .push(table(t, t.kind, coded(&a.by_kind, labels::kind), total))
        .push(Block::Heading(2, t.by_channel.into()))
        .push(table(
            t,
            t.channel,
            coded(&a.by_channel, labels::channel),
            total,
        ))
        .push(Block::Heading(2, t.by_petitioner.into()))
        .push(table(
            t,
            t.petitioner,
            a.by_petitioner
                .iter()
                .map(|c| (t.petitioner_kind(&c.key).to_string(), c.count))
                .collect(),
            total,
        ))
        .push(Block::Heading(2, t.by_department.into()))
        .push(Block::Table {
            header: vec![
                t.department.into(),
                t.registered.into(),
                t.answered.into(),
                t.answered_in_time.into(),
                t.answered_late.into(),
                t.open.into(),
                t.average_days.into(),
            ],
            rows: a
                .by_department
                .iter()
                .map(|d| {
                    vec![
                        d.department.clone(),
                        int(d.registered),
                        int(d.answered),
                        int(d.answered_in_time),
                        int(d.answered_late),
                        int(d.open),
                        avg(d.average_days),
                    ]
                })
                .collect(),
        })
        .push(Block::Heading(2, t.subjects.into()))
        .push(table(
            t,
            t.subject,
            a.subjects
                .iter()
                .map(|c| (c.key.clone(), c.count))
                .collect(),
            total,
        ))
        .push(Block::Paragraph(t.pet_notes.into()));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_shares_and_averages() {
        assert_eq!(change(7.0, 2.0), "+250%");
        assert_eq!(change(1.0, 2.0), "-50%");
        assert_eq!(change(1.0, 0.0), "—");
        assert_eq!(share(2, 3), "67%");
        assert_eq!(share(1, 0), "—");
        assert_eq!(avg(Some(23.04)), "23,0");
        assert_eq!(int(1234), "1.234");
    }
}
