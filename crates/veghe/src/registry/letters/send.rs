//! Sending an approved letter, by the registry (OG 27/2002 art. 6), in one transaction: the
//! outgoing number from the internal register, the e-mail queued in the outbox (or the post's
//! reference and date recorded), the petitioner's data read for it in the access log, the case
//! answered (an answer or refusal, through `actions::apply_in`, so the law's rules still
//! decide) or its timeline noted (a notice), the letter marked sent, the audit entry.

use serde::Deserialize;
use serde_json::json;
use veghe_ro::letters::{self, LetterKind};
use veghe_ro::petition::{Register, ro_date};

use super::fields::{self, Later};
use super::labels;
use super::store::{Letter, get_in};
use crate::audit::access_log::{self, Reason};
use crate::audit::{self, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult};
use crate::notify::outbox::{self, NewMail};
use crate::registry::actions::{self, Step, refused};
use crate::registry::model::{NewPetition, Petitioner};
use crate::registry::numbers::today;
use crate::registry::store::{self, Extra, event};
use crate::web::Lang;

/// How the letter goes, as the API and the form send it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct SendIn {
    /// email (to the petitioner's address, through the outbox) or post.
    #[serde(default)]
    pub via: String,
    /// post: the date it was posted (YYYY-MM-DD; default today).
    pub sent_on: Option<String>,
    /// post: the postal reference (registered letter number, dispatch book entry).
    pub post_ref: Option<String>,
}

/// How the letter goes, parsed.
pub enum Via {
    Email,
    Post {
        reference: String,
        on: jiff::civil::Date,
    },
}

impl SendIn {
    pub fn parse(self) -> AppResult<Via> {
        match self.via.trim() {
            "email" => Ok(Via::Email),
            "post" => {
                let reference = self
                    .post_ref
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .ok_or_else(|| {
                        AppError::bad(
                            "post_ref",
                            crate::error::Said::new("Referința poștală: scrisoarea trimisă prin poștă se înregistrează cu referința poștală (numărul scrisorii recomandate).", "a letter sent by post is recorded with its postal reference (registered letter number)"),
                        )
                    })?;
                if reference.chars().count() > 100 {
                    return Err(AppError::bad(
                        "post_ref",
                        crate::error::Said::new(
                            "Referința poștală: cel mult 100 de caractere.",
                            "the postal reference has at most 100 characters",
                        ),
                    ));
                }
                let on = match self.sent_on.as_deref().map(str::trim) {
                    None | Some("") => today(),
                    Some(d) => d.parse::<jiff::civil::Date>().map_err(|_| {
                        AppError::bad(
                            "sent_on",
                            crate::error::Said::new(
                                format!("Data expedierii: „{d}” nu este o dată (zz.ll.aaaa)."),
                                format!("sent_on `{d}` is not a date (YYYY-MM-DD)"),
                            ),
                        )
                    })?,
                };
                Ok(Via::Post { reference, on })
            }
            _ => Err(AppError::bad(
                "via",
                crate::error::Said::new(
                    "Cum se trimite: alegeți e-mail sau poștă.",
                    "via is email or post",
                ),
            )),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Contact {
    #[sqlx(rename = "petitioner_kind")]
    kind: String,
    #[sqlx(rename = "petitioner_name")]
    name: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

async fn contact(tx: &mut Tx, entry_id: i64) -> AppResult<Contact> {
    Ok(sqlx::query_as(
        "SELECT petitioner_kind, petitioner_name, email, address FROM registry_entries WHERE id = $1",
    )
    .bind(entry_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// What a letter says in full once its number is known.
fn later(
    c: &Contact,
    letter: &Letter,
    out_number: Option<String>,
    out_date: Option<String>,
) -> Later {
    Later {
        petitioner: fields::addressee(&c.kind, c.name.as_deref()),
        address: c.address.clone(),
        email: c.email.clone(),
        approver: letter.decided_by.clone(),
        out_number,
        out_date,
    }
}

/// The letter's subject and text in full, for printing and downloading: the petitioner's data
/// is read for it, and that reading is logged.
pub async fn full_text(db: &Db, me: &CurrentUser, letter: &Letter) -> AppResult<(String, String)> {
    let mut tx = db.begin().await?;
    let c = contact(&mut tx, letter.entry_id).await?;
    let reason = Reason::parse(&format!(
        "Tipărirea documentului de ieșire {} (lucrarea nr. {})",
        letter.id, letter.case_number
    ))?;
    access_log::record_in(
        &mut tx,
        me,
        "registry_entry",
        &letter.entry_id.to_string(),
        &["name", "email", "address"],
        &reason,
    )
    .await?;
    tx.commit().await?;
    let l = later(
        &c,
        letter,
        letter.out_number.clone(),
        letter.sent_on.as_deref().map(crate::registry::labels::date),
    );
    Ok((
        fields::fill_all(&letter.subject, &l),
        fields::fill_all(&letter.body, &l),
    ))
}

/// Sends an approved letter (`smtp`: whether a relay is configured).
pub async fn send(db: &Db, smtp: bool, me: &CurrentUser, id: i64, via: Via) -> AppResult<Letter> {
    let actor = me.actor();
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    letters::send(before.status()?).map_err(refused)?;
    let kind = before.kind()?;
    let entry = store::get_in(&mut tx, before.entry_id).await?;
    let case = entry.case()?;
    if !kind.closes_case() {
        // A notice: the law's window for it (the answer and refusal are checked by the step).
        case.may_write(kind, today()).map_err(refused)?;
    }
    let c = contact(&mut tx, entry.id).await?;
    let (code, sent_on, post_ref) = match &via {
        Via::Email => {
            if c.email.is_none() {
                return Err(AppError::bad(
                    "via",
                    crate::error::Said::new(
                        "Cum se trimite: petentul nu a dat o adresă de e-mail; trimiteți scrisoarea prin poștă.",
                        "the petitioner gave no e-mail address: send the letter by post",
                    ),
                ));
            }
            ("email", today(), None)
        }
        Via::Post { reference, on } => {
            if c.address.is_none() {
                return Err(AppError::bad(
                    "via",
                    crate::error::Said::new(
                        "Cum se trimite: petentul nu a dat o adresă poștală; trimiteți scrisoarea prin e-mail.",
                        "the petitioner gave no postal address: send the letter by e-mail",
                    ),
                ));
            }
            if *on < case.registered_on || *on > today() {
                return Err(AppError::bad(
                    "sent_on",
                    crate::error::Said::new(
                        format!(
                            "Data expedierii: trebuie să fie între înregistrare ({}) și azi ({}).",
                            ro_date(case.registered_on),
                            ro_date(today())
                        ),
                        format!(
                            "the date it was posted falls between the registration ({}) and today ({})",
                            ro_date(case.registered_on),
                            ro_date(today())
                        ),
                    ),
                ));
            }
            ("post", *on, Some(reference.clone()))
        }
    };
    let kind_ro = labels::kind(kind.code(), Lang::Ro);
    // The outgoing number: a document of the internal register, naming the case, not the person.
    let subject: String = format!("{kind_ro} la nr. {}: {}", entry.number, entry.subject)
        .chars()
        .take(200)
        .collect();
    let out = store::create_in(
        &mut tx,
        &actor,
        NewPetition {
            register: Register::Internal,
            channel: code,
            kind: "outgoing",
            petitioner: Petitioner::Unnamed,
            email: None,
            phone: None,
            address: None,
            subject,
            text: String::new(),
            reserved_number: None,
        },
        Extra::default(),
    )
    .await?;
    let l = later(
        &c,
        &before,
        Some(out.number.clone()),
        Some(ro_date(sent_on)),
    );
    let full_subject = fields::fill_all(&before.subject, &l);
    let reason = Reason::parse(&format!(
        "Expedierea documentului de ieșire nr. {} ({kind_ro}, lucrarea nr. {})",
        out.number, entry.number
    ))?;
    let read: &[&str] = match via {
        Via::Email => &["name", "email", "address"],
        Via::Post { .. } => &["name", "address"],
    };
    access_log::record_in(
        &mut tx,
        me,
        "registry_entry",
        &entry.id.to_string(),
        read,
        &reason,
    )
    .await?;
    let mail_id = match via {
        Via::Email => Some(
            outbox::queue_in(
                &mut tx,
                smtp,
                NewMail {
                    user_id: None,
                    recipient: c.email.as_deref(),
                    subject: &full_subject,
                    body: &mail_text(&before, &l),
                    special_event_id: None,
                },
            )
            .await?,
        ),
        Via::Post { .. } => None,
    };
    // What the case keeps of the letter: its text without the petitioner's data.
    let plain = Later {
        petitioner: None,
        address: None,
        email: None,
        ..l.clone()
    };
    match kind {
        LetterKind::Answer => {
            let step = Step::Answer {
                via: code,
                sent_on,
                summary: Some(full_subject.clone()),
                letter: Some((id, out.number.clone())),
            };
            actions::apply_in(&mut tx, &actor, entry.id, step).await?;
        }
        LetterKind::Refusal => {
            let reason: String = fields::fill_all(&before.body, &plain)
                .chars()
                .take(2000)
                .collect();
            let step = Step::Refuse {
                reason,
                via: code,
                number: Some(out.number.clone()),
            };
            actions::apply_in(&mut tx, &actor, entry.id, step).await?;
        }
        _ => {
            let note = format!("{kind_ro}, nr. de ieșire {}", out.number);
            event(&mut tx, &actor, entry.id, "letter_sent", Some(&note)).await?;
        }
    }
    sqlx::query("UPDATE registry_letters SET status = 'sent', via = $2, sent_on = $3, sent_at = $4, sent_by_name = $5, post_ref = $6, mail_id = $7, out_entry_id = $8, out_number = $9, updated_at = $4 WHERE id = $1")
        .bind(id)
        .bind(code)
        .bind(sent_on.to_string())
        .bind(now_ms())
        .bind(&me.display_name)
        .bind(&post_ref)
        .bind(mail_id)
        .bind(out.id)
        .bind(&out.number)
        .execute(&mut *tx)
        .await?;
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        &actor,
        Change {
            action: "registry.letter_send",
            entity: "registry_letter",
            entity_id: Some(id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The e-mail: the letter's text with the institution's header.
fn mail_text(letter: &Letter, l: &Later) -> String {
    format!(
        "{}\n{}\nNr. {} din {}\n\n{}\n",
        fields::INSTITUTION,
        fields::SERVICE,
        l.out_number.as_deref().unwrap_or("……"),
        l.out_date.as_deref().unwrap_or("……"),
        fields::fill_all(&letter.body, l)
    )
}
