//! The fields of the case steps as JSON or a form sends them, parsed into a `Step`; a missing or
//! malformed field is refused by name.

use serde::Deserialize;
use veghe_ro::petition::ClassGround;

use super::actions::Step;
use super::numbers;
use crate::db::Db;
use crate::error::{AppError, AppResult, Said};
use veghe_ro::petition::Register;

/// A value from JSON (string, number, boolean) or a form (string).
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum Loose {
    Flag(bool),
    Number(i64),
    Text(String),
}

/// The fields of the case steps; each step reads those it needs.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ActionIn {
    /// route: the department's code.
    pub department: Option<Loose>,
    /// forward: the competent authority.
    pub to: Option<Loose>,
    /// forward: the petitioner was told (required, OG 27/2002 art. 6¹).
    pub petitioner_informed: Option<Loose>,
    /// extend: days (1–15) for petitions; information requests go to 30 days.
    pub days: Option<Loose>,
    /// extend: when the petitioner was notified (YYYY-MM-DD).
    pub notice_on: Option<Loose>,
    /// join: the id of the petition this one joins.
    pub into: Option<Loose>,
    /// join: instead of `into`, the registry number of the petition this one joins
    /// (`1234/2026`, `1234/29.11.2026`, or `1234` for this year).
    pub into_number: Option<Loose>,
    /// class: anonymous, repeat, other.
    pub ground: Option<Loose>,
    /// class, refuse: the reason.
    pub reason: Option<Loose>,
    /// class (repeat): the id of the answered original.
    pub original: Option<Loose>,
    /// class (repeat): instead of `original`, the original's registry number.
    pub original_number: Option<Loose>,
    /// answer, refuse: email or post.
    pub via: Option<Loose>,
    /// answer: the date it was sent (YYYY-MM-DD; default today).
    pub sent_on: Option<Loose>,
    /// answer: a summary of the answer.
    pub summary: Option<Loose>,
    /// archive: the archive reference (file, box); with `archive_file`, the note after it.
    pub archive_ref: Option<Loose>,
    /// archive: the archive nomenclator's file (indicativ, e.g. `P-1`); sets the keeping term.
    pub archive_file: Option<Loose>,
}

fn text_of(v: &Option<Loose>) -> Option<String> {
    match v {
        Some(Loose::Text(s)) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Some(Loose::Number(n)) => Some(n.to_string()),
        Some(Loose::Flag(b)) => Some(b.to_string()),
        None => None,
    }
}

/// A field's name in words, Romanian and English.
pub fn label(field: &str) -> (&'static str, &'static str) {
    match field {
        "department" => ("Compartimentul", "Department"),
        "to" => ("Autoritatea competentă", "Competent authority"),
        "petitioner_informed" => ("Petentul a fost înștiințat", "Petitioner told"),
        "days" => ("Zile de prelungire", "Days of extension"),
        "notice_on" => ("Data înștiințării", "Notified on"),
        "into" | "into_number" => ("Petiția la care se conexează", "Petition to join"),
        "ground" => ("Temeiul clasării", "Ground"),
        "reason" => ("Motivul", "Reason"),
        "original" | "original_number" => ("Petiția originală", "Original petition"),
        "via" => ("Cum se trimite", "Sent by"),
        "sent_on" => ("Data expedierii", "Sent on"),
        "summary" => ("Rezumatul răspunsului", "Summary of the answer"),
        "archive_ref" => ("Referința de arhivă", "Archive reference"),
        "archive_file" => ("Dosarul din nomenclator", "Nomenclator file"),
        _ => ("Câmpul", "Field"),
    }
}

impl ActionIn {
    /// Turns the registry numbers typed (`into_number`, `original_number`) into the entries'
    /// ids; a number that names no petition is refused on its field.
    pub async fn resolve_numbers(&mut self, db: &Db) -> AppResult<()> {
        for (field, text, id) in [
            ("into_number", text_of(&self.into_number), &mut self.into),
            (
                "original_number",
                text_of(&self.original_number),
                &mut self.original,
            ),
        ] {
            let Some(text) = text else { continue };
            let found = numbers::find_by_number(db, &text, &[Register::Petition]).await?;
            let Some(found) = found else {
                let (ro, en) = label(field);
                return Err(AppError::bad(
                    field,
                    Said::new(
                        format!(
                            "{ro}: „{text}” nu este numărul unei petiții din registru; scrieți-l ca în registru, de exemplu 1234/2026."
                        ),
                        format!(
                            "{en}: `{text}` is not the number of a petition in the registry; write it as the registry does, e.g. 1234/2026"
                        ),
                    ),
                ));
            };
            *id = Some(Loose::Number(found));
        }
        Ok(())
    }

    fn text(&self, v: &Option<Loose>, field: &'static str, max: usize) -> AppResult<String> {
        let (ro, en) = label(field);
        match text_of(v) {
            None => Err(AppError::bad(
                field,
                Said::new(
                    format!("{ro}: câmpul este obligatoriu; completați-l."),
                    format!("{field} is required ({en})"),
                ),
            )),
            Some(t) if t.chars().count() > max => Err(AppError::bad(
                field,
                Said::new(
                    format!("{ro}: cel mult {max} de caractere."),
                    format!("{field} must have at most {max} characters"),
                ),
            )),
            Some(t) => Ok(t),
        }
    }

    fn int(v: &Option<Loose>, field: &'static str) -> AppResult<Option<i64>> {
        text_of(v)
            .map(|t| {
                t.parse::<i64>().map_err(|_| {
                    AppError::bad(
                        field,
                        Said::new(
                            format!("{}: scrieți un număr întreg.", label(field).0),
                            format!("{field} must be a whole number"),
                        ),
                    )
                })
            })
            .transpose()
    }

    fn date(v: &Option<Loose>, field: &'static str) -> AppResult<Option<jiff::civil::Date>> {
        text_of(v)
            .map(|t| {
                t.parse::<jiff::civil::Date>().map_err(|_| {
                    AppError::bad(
                        field,
                        Said::new(
                            format!("{}: „{t}” nu este o dată (zz.ll.aaaa).", label(field).0),
                            format!("{field} `{t}` is not a date (YYYY-MM-DD)"),
                        ),
                    )
                })
            })
            .transpose()
    }

    fn via(&self) -> AppResult<&'static str> {
        match text_of(&self.via).as_deref() {
            Some("email") => Ok("email"),
            Some("post") => Ok("post"),
            _ => Err(AppError::bad(
                "via",
                Said::new(
                    "Cum se trimite: alegeți e-mail sau poștă.",
                    "via is email or post",
                ),
            )),
        }
    }

    /// The step named `action`, parsed from these fields.
    pub fn step(&self, action: &str) -> AppResult<Step> {
        Ok(match action {
            "route" => Step::Route {
                department: self.text(&self.department, "department", 60)?,
            },
            "forward" => Step::Forward {
                to: self.text(&self.to, "to", 200)?,
                petitioner_informed: matches!(
                    text_of(&self.petitioner_informed).as_deref(),
                    Some("true" | "on" | "1" | "yes")
                ),
            },
            "extend" => Step::Extend {
                days: Self::int(&self.days, "days")?.unwrap_or(0),
                notice_on: Self::date(&self.notice_on, "notice_on")?,
            },
            "join" => Step::Join {
                into: Self::int(&self.into, "into")?
                    .ok_or_else(|| {
                        AppError::bad(
                            "into",
                            Said::new(
                                "Petiția la care se conexează: scrieți numărul ei de înregistrare, de exemplu 1234/2026.",
                                "into is required",
                            ),
                        )
                    })?,
            },
            "class" => {
                let g = self.text(&self.ground, "ground", 20)?;
                Step::Class {
                    ground: ClassGround::parse(&g).ok_or_else(|| {
                        AppError::bad(
                            "ground",
                            Said::new(
                                "Temeiul clasării: alegeți petiție anonimă, repetată sau alt motiv.",
                                "ground is anonymous, repeat or other",
                            ),
                        )
                    })?,
                    reason: self.text(&self.reason, "reason", 1000)?,
                    original: Self::int(&self.original, "original")?,
                }
            }
            "refuse" => Step::Refuse {
                reason: self.text(&self.reason, "reason", 2000)?,
                via: self.via()?,
                number: None,
            },
            "answer" => Step::Answer {
                via: self.via()?,
                sent_on: Self::date(&self.sent_on, "sent_on")?.unwrap_or_else(numbers::today),
                summary: text_of(&self.summary),
                letter: None,
            },
            "archive" => {
                let file = text_of(&self.archive_file);
                // With a nomenclator file the reference is only a note, and may be left out.
                let reference = if file.is_some() && text_of(&self.archive_ref).is_none() {
                    None
                } else {
                    Some(self.text(&self.archive_ref, "archive_ref", 60)?)
                };
                Step::Archive { reference, file }
            }
            _ => return Err(AppError::NotFound),
        })
    }
}
