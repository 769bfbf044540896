//! The written decision on an accreditation (Law 544/2001 art. 18): to the journalist, through
//! the outlet, saying what was decided and, for a refusal or withdrawal, the facts it rests on and
//! that the outlet may name another journalist. Always in Romanian, the institution's language.

use veghe_docs::{Block, Document};

use super::Accreditation;
use crate::calendar::ro_date;
use crate::registry::numbers::day_of;

fn day(ms: Option<i64>) -> String {
    ms.map(|ms| ro_date(day_of(ms))).unwrap_or_default()
}

/// The letter of a decided accreditation; none while it is pending.
pub fn letter(a: &Accreditation) -> Option<Document> {
    let what = match a.status.as_str() {
        "granted" => "acordarea acreditării",
        "refused" => "refuzul acreditării",
        "withdrawn" => "retragerea acreditării",
        _ => return None,
    };
    let mut doc = Document::new(format!("Decizie privind {what}"), "ro-RO");
    doc.push(Block::Heading(1, "Poliția Locală Timișoara".into()));
    doc.push(Block::Paragraph(
        "Serviciul Comunicare, Prevenire și Dispecerat — Biroul de presă".into(),
    ));
    doc.push(Block::Field("Data".into(), day(a.decided_at)));
    doc.push(Block::Field("Către".into(), a.journalist.clone()));
    if let Some(o) = &a.outlet {
        doc.push(Block::Field("Redacția".into(), o.clone()));
    }
    doc.push(Block::Field(
        "Cererea înregistrată la".into(),
        day(Some(a.requested_at)),
    ));
    let scope = match &a.event {
        Some(e) => format!("pentru evenimentul „{e}”"),
        None => "permanentă".to_string(),
    };
    doc.push(Block::Heading(2, format!("Decizie privind {what}")));
    match a.status.as_str() {
        "granted" => {
            let until = a
                .valid_until
                .as_deref()
                .and_then(|d| d.parse().ok())
                .map(ro_date)
                .unwrap_or_default();
            doc.push(Block::Paragraph(format!(
                "În temeiul art. 18 din Legea nr. 544/2001, vă comunicăm că acreditarea dumneavoastră ({scope}) a fost acordată, valabilă până la {until} inclusiv."
            )));
        }
        status => {
            let verb = if status == "refused" {
                "refuzată"
            } else {
                "retrasă"
            };
            doc.push(Block::Paragraph(format!(
                "În temeiul art. 18 alin. (2) din Legea nr. 544/2001, vă comunicăm că acreditarea dumneavoastră ({scope}) a fost {verb}, pentru fapte care împiedică desfășurarea normală a activității instituției:"
            )));
            doc.push(Block::Field(
                "Faptele".into(),
                a.reason.clone().unwrap_or_default(),
            ));
            doc.push(Block::Paragraph(
                "Decizia nu privește opiniile exprimate de dumneavoastră în presă. Redacția poate solicita acreditarea unui alt jurnalist.".into(),
            ));
        }
    }
    doc.push(Block::Paragraph("Biroul de presă".into()));
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accreditation(status: &str) -> Accreditation {
        Accreditation {
            id: 1,
            journalist_id: 1,
            journalist: "Ana Pop".into(),
            outlet_id: Some(1),
            outlet: Some("Tion".into()),
            kind: "permanent".into(),
            event_id: None,
            event: None,
            status: status.into(),
            requested_at: 1_796_646_600_000,
            due_on: "2026-12-09".into(),
            valid_until: Some("2026-12-31".into()),
            decided_by: Some(1),
            decided_at: Some(1_796_646_600_000),
            reason: Some("07.12.2026: a blocat intrarea".into()),
            replaces_id: None,
            overdue: false,
        }
    }

    #[test]
    fn a_refusal_states_its_facts_and_a_pending_request_has_no_letter() {
        let doc = letter(&accreditation("refused")).expect("letter");
        assert!(doc.blocks.contains(&Block::Field(
            "Faptele".into(),
            "07.12.2026: a blocat intrarea".into()
        )));
        let granted = letter(&accreditation("granted")).expect("letter");
        assert!(
            granted
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Paragraph(p) if p.contains("31.12.2026")))
        );
        assert!(letter(&accreditation("pending")).is_none());
    }
}
