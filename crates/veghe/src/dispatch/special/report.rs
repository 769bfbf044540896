//! The written report of a special event (raport de eveniment deosebit): the incident's data,
//! crews, timeline, hand-overs and the acknowledgements, gathered for a printable page.

use sqlx::Row;
use veghe_docs::docx::Block;

use super::SpecialEvent;
use crate::db::Db;
use crate::dispatch::store::{self, Incident};
use crate::dispatch::timeline::{self, TimelineEntry};
use crate::error::AppError;
use crate::web::{Shell, local_time};

/// A recipient's line in the acknowledgements' table.
pub struct AckRow {
    pub name: String,
    pub role: String,
    pub notified: String,
    pub acknowledged: Option<String>,
}

/// A line of the timeline, ready to show.
pub struct Line {
    pub when: String,
    pub who: String,
    pub what: String,
    pub note: String,
}

/// The timeline's lines: when, who, what (kind and states), note.
pub fn lines(data: &ReportData) -> Vec<Line> {
    data.timeline
        .iter()
        .map(|e| {
            let what = match (&e.from_status, &e.to_status) {
                (Some(f), Some(t)) => format!("{}: {f} → {t}", e.kind),
                (None, Some(t)) => format!("{}: {t}", e.kind),
                _ => e.kind.clone(),
            };
            Line {
                when: local_time(e.at),
                who: e.actor.clone(),
                what,
                note: e.note.clone().unwrap_or_default(),
            }
        })
        .collect()
}

/// The report as a Word document, in the reader's language.
pub fn docx(data: &ReportData, shell: &Shell, acks: &[AckRow]) -> Result<Vec<u8>, AppError> {
    let tr = shell.tr;
    let i = &data.incident;
    let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let at = |v: Option<i64>| dash(v.map(local_time));
    let mut blocks = vec![
        Block::Heading(1, format!("{} — {}", tr.rep_title, i.reference)),
        Block::Paragraph(format!("{} · {}", tr.institution, tr.service)),
        Block::Field(tr.rep_number.into(), i.reference.clone()),
        Block::Field(tr.rep_type.into(), data.kind_in(shell.lang).to_string()),
        Block::Field(tr.rep_priority.into(), format!("P{}", i.priority)),
        Block::Field(tr.rep_address.into(), dash(i.address.clone())),
        Block::Field(tr.rep_received.into(), local_time(i.received_at)),
        Block::Field(tr.rep_dispatched.into(), at(i.dispatched_at)),
        Block::Field(tr.rep_on_scene.into(), at(i.on_scene_at)),
        Block::Field(tr.rep_closed.into(), at(i.closed_at)),
        Block::Field(tr.rep_outcome.into(), dash(i.outcome.clone())),
        Block::Field(tr.rep_description.into(), i.description.clone()),
        Block::Field(
            tr.rep_crews.into(),
            dash(Some(data.crews.join(", ")).filter(|c| !c.is_empty())),
        ),
        Block::Field(
            tr.se_declared_at.into(),
            format!(
                "{} ({})",
                local_time(data.event.declared_at),
                data.event.declared_by
            ),
        ),
        Block::Field(tr.reason.into(), data.event.reason.clone()),
        Block::Heading(2, tr.rep_timeline.into()),
        Block::Table {
            header: vec![
                tr.rep_when.into(),
                tr.rep_who.into(),
                tr.rep_what.into(),
                tr.rep_note.into(),
            ],
            rows: lines(data)
                .into_iter()
                .map(|l| vec![l.when, l.who, l.what, l.note])
                .collect(),
        },
        Block::Heading(2, tr.rep_handovers.into()),
    ];
    if data.handovers.is_empty() {
        blocks.push(Block::Paragraph("—".into()));
    } else {
        blocks.push(Block::Table {
            header: vec![
                tr.rep_when.into(),
                tr.rep_agency.into(),
                tr.rep_channel.into(),
                tr.rep_reference.into(),
                tr.rep_who.into(),
            ],
            rows: data
                .handovers
                .iter()
                .map(|h| {
                    vec![
                        h.when.clone(),
                        h.agency.clone(),
                        h.channel.clone(),
                        h.reference.clone().unwrap_or_default(),
                        h.actor.clone(),
                    ]
                })
                .collect(),
        });
    }
    blocks.push(Block::Heading(2, tr.se_acks.into()));
    blocks.push(Block::Table {
        header: vec![
            tr.se_recipient.into(),
            tr.se_notified.into(),
            tr.notif_acked.into(),
        ],
        rows: acks
            .iter()
            .map(|a| {
                vec![
                    format!("{} ({})", a.name, a.role),
                    a.notified.clone(),
                    a.acknowledged
                        .clone()
                        .unwrap_or_else(|| tr.se_not_acked.into()),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Paragraph(format!(
        "{} {}",
        tr.rep_generated,
        local_time(crate::db::now_ms())
    )));
    blocks.push(Block::Paragraph(format!(
        "{}: ______________________________",
        tr.rep_signature
    )));
    let title = format!("{} {}", tr.rep_title, i.reference);
    veghe_docs::docx::docx(&title, &blocks)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("docx: {e}")))
}

/// A hand-over to another body, as the report shows it.
pub struct HandoverLine {
    /// When, as shown.
    pub when: String,
    pub agency: String,
    pub channel: String,
    pub reference: Option<String>,
    pub actor: String,
}

/// Everything the report tells.
pub struct ReportData {
    pub event: SpecialEvent,
    pub incident: Incident,
    pub crews: Vec<String>,
    pub timeline: Vec<TimelineEntry>,
    pub handovers: Vec<HandoverLine>,
    /// The incident's type as named when it was received, in Romanian and English.
    pub kind: (String, String),
}

impl ReportData {
    /// The incident's type in `lang`, as named when it was received.
    pub fn kind_in(&self, lang: crate::web::Lang) -> &str {
        match lang {
            crate::web::Lang::Ro => &self.kind.0,
            crate::web::Lang::En => &self.kind.1,
        }
    }
}

/// Gathers the report of special event `id`.
pub async fn gather(db: &Db, id: i64) -> Result<ReportData, AppError> {
    let event = super::get(db, id).await?;
    let incident = store::get(db, event.incident_id).await?;
    let timeline = timeline::timeline_of(db, incident.id).await?;
    let crews: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.call_sign FROM incident_events e JOIN units u ON u.id = e.unit_id \
         WHERE e.incident_id = $1 ORDER BY u.call_sign",
    )
    .bind(incident.id)
    .fetch_all(db.pool())
    .await?;
    let handovers = sqlx::query(
        "SELECT h.at, a.name, h.channel, h.reference, h.actor_name FROM handovers h \
         JOIN agencies a ON a.id = h.agency_id WHERE h.incident_id = $1 ORDER BY h.id",
    )
    .bind(incident.id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| {
        Ok(HandoverLine {
            when: local_time(r.try_get("at")?),
            agency: r.try_get("name")?,
            channel: r.try_get("channel")?,
            reference: r.try_get("reference")?,
            actor: r.try_get("actor_name")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let types = crate::dispatch::catalogue::load(db).await?;
    let [kind_ro, kind_en] = [crate::web::Lang::Ro, crate::web::Lang::En]
        .map(|lang| types.label_at(&incident.kind, incident.received_at, lang));
    Ok(ReportData {
        kind: (kind_ro, kind_en),
        event,
        incident,
        crews,
        timeline,
        handovers,
    })
}
