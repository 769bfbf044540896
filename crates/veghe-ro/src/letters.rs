//! The letters a case sends out (the answer, the reasoned refusal, the notices of forwarding,
//! extension and classing): which the law allows for a case and when, the internal approval
//! each goes through (drafted, submitted, approved by the head or given back with a remark,
//! then sent by the registry), and the archive's keeping term. Pure, like `petition`.

use crate::calendar::Date;
use crate::deadline::{Rule, due_date, due_date_days};
use crate::petition::{Case, Refusal, Register, Status, input, ro_date, state};

/// What a letter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterKind {
    /// The answer on the merits (for information requests: the communication of the information).
    Answer,
    /// The reasoned refusal of an information request (Law 544/2001 art. 7(2)).
    Refusal,
    /// The petitioner told that the petition went to the competent authority (OG 27/2002 art. 6¹).
    ForwardNotice,
    /// The petitioner told, beforehand, that the term is extended (OG 27/2002 art. 9; Law
    /// 544/2001 art. 7(1)).
    ExtensionNotice,
    /// The petitioner told that the petition was classed, and why.
    ClassNotice,
}

impl LetterKind {
    pub const ALL: [LetterKind; 5] = [
        LetterKind::Answer,
        LetterKind::Refusal,
        LetterKind::ForwardNotice,
        LetterKind::ExtensionNotice,
        LetterKind::ClassNotice,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Answer => "answer",
            LetterKind::Refusal => "refusal",
            LetterKind::ForwardNotice => "forward_notice",
            LetterKind::ExtensionNotice => "extension_notice",
            LetterKind::ClassNotice => "class_notice",
        }
    }

    pub fn parse(s: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// The letters a register's cases send.
    pub fn of_register(register: Register) -> &'static [LetterKind] {
        match register {
            Register::Petition => &[
                LetterKind::Answer,
                LetterKind::ForwardNotice,
                LetterKind::ExtensionNotice,
                LetterKind::ClassNotice,
            ],
            Register::Info => &[
                LetterKind::Answer,
                LetterKind::Refusal,
                LetterKind::ExtensionNotice,
            ],
            Register::Internal => &[LetterKind::Answer],
        }
    }

    /// Whether sending it closes the case (answered).
    pub fn closes_case(self) -> bool {
        matches!(self, LetterKind::Answer | LetterKind::Refusal)
    }
}

/// Where a letter stands in its approval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterStatus {
    /// Being written by its author.
    Draft,
    /// Waiting for the head's approval.
    Submitted,
    /// Given back by the head with a remark; the author edits and submits again.
    Returned,
    /// Approved; the registry sends it.
    Approved,
    /// Sent by e-mail or post, with its outgoing number.
    Sent,
}

impl LetterStatus {
    pub const ALL: [LetterStatus; 5] = [
        LetterStatus::Draft,
        LetterStatus::Submitted,
        LetterStatus::Returned,
        LetterStatus::Approved,
        LetterStatus::Sent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LetterStatus::Draft => "draft",
            LetterStatus::Submitted => "submitted",
            LetterStatus::Returned => "returned",
            LetterStatus::Approved => "approved",
            LetterStatus::Sent => "sent",
        }
    }

    pub fn parse(s: &str) -> Option<LetterStatus> {
        LetterStatus::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// Its author may still change it.
    pub fn editable(self) -> bool {
        matches!(self, LetterStatus::Draft | LetterStatus::Returned)
    }
}

/// The internal rule the approval steps answer with (OG 27/2002 art. 6 leaves sending to the
/// registry; the head of service approves what is sent).
pub const PROCEDURE: &str = "Procedura internă de aprobare a corespondenței";

const ART_6_1: &str = "OG 27/2002 art. 6¹";
const ART_9: &str = "OG 27/2002 art. 9";
const L544_7_1: &str = "Legea 544/2001 art. 7 alin. (1)";
const L544_7_2: &str = "Legea 544/2001 art. 7 alin. (2)";
const L544_21: &str = "Legea 544/2001 art. 21 alin. (2)";

impl Case {
    /// Whether a letter of `kind` may be written (and sent) for this case today.
    pub fn may_write(&self, kind: LetterKind, today: Date) -> Result<(), Refusal> {
        if !LetterKind::of_register(self.register).contains(&kind) {
            return Err(input(
                "kind",
                PROCEDURE,
                (
                    format!(
                        "Tipul scrisorii: registrul {} nu trimite scrisori de tipul „{}”",
                        register_ro(self.register),
                        kind_ro(kind)
                    ),
                    format!(
                        "the {} register sends no letter of kind `{}`",
                        self.register.code(),
                        kind.code()
                    ),
                ),
            ));
        }
        match kind {
            LetterKind::Answer => self.must_be_open("answered"),
            LetterKind::Refusal => {
                self.must_be_open("refused")?;
                if self.kind == "complaint" {
                    return Err(state(
                        L544_21,
                        (
                            "reclamația administrativă primește răspuns (întemeiată sau nu), nu se refuză",
                            "an administrative complaint is answered (founded or not), not refused",
                        ),
                    ));
                }
                let limit = due_date(Rule::InfoRefusal, self.registered_on);
                if today > limit {
                    return Err(state(
                        L544_7_2,
                        (
                            format!(
                                "refuzul se trimite în 5 zile de la înregistrare (până la {}); solicitarea trebuie acum să primească răspuns",
                                ro_date(limit)
                            ),
                            format!(
                                "a refusal is sent within 5 days of registration (by {}); the request must now be answered",
                                ro_date(limit)
                            ),
                        ),
                    ));
                }
                Ok(())
            }
            LetterKind::ExtensionNotice => {
                self.must_be_open("extended")?;
                let due = self.due_on.ok_or_else(|| {
                    state(
                        ART_9,
                        (
                            "documentul nu are termen legal de prelungit",
                            "the document has no legal term to extend",
                        ),
                    )
                })?;
                if self.extended {
                    return Err(state(
                        ART_9,
                        (
                            "termenul se prelungește o singură dată",
                            "the term can be extended only once",
                        ),
                    ));
                }
                if self.register == Register::Info {
                    if self.kind == "complaint" {
                        return Err(state(
                            L544_21,
                            (
                                "reclamația administrativă primește răspuns în 15 zile; termenul ei nu se prelungește",
                                "an administrative complaint is answered within 15 days; its term is not extended",
                            ),
                        ));
                    }
                    let first_ten = due_date_days(10, self.registered_on, false);
                    if today > first_ten {
                        return Err(state(
                            L544_7_1,
                            (
                                format!(
                                    "solicitantul este înștiințat de termenul mai lung în primele 10 zile (până la {})",
                                    ro_date(first_ten)
                                ),
                                format!(
                                    "the requester is told of the longer term within the first 10 days (by {})",
                                    ro_date(first_ten)
                                ),
                            ),
                        ));
                    }
                } else if today > due {
                    return Err(state(
                        ART_9,
                        (
                            format!(
                                "înștiințarea trebuie trimisă înainte de expirarea termenului ({})",
                                ro_date(due)
                            ),
                            format!(
                                "the notice must come before the term ends ({})",
                                ro_date(due)
                            ),
                        ),
                    ));
                }
                Ok(())
            }
            LetterKind::ForwardNotice => match self.status {
                Status::Forwarded => Ok(()),
                _ => {
                    self.must_be_open("forwarded")?;
                    let limit = due_date(Rule::PetitionForward, self.registered_on);
                    if today > limit {
                        return Err(state(
                            ART_6_1,
                            (
                                format!(
                                    "petiția se redirecționează în 5 zile de la înregistrare (până la {}); acum trebuie să primească răspuns",
                                    ro_date(limit)
                                ),
                                format!(
                                    "a petition is forwarded within 5 days of registration (by {}); it must now be answered",
                                    ro_date(limit)
                                ),
                            ),
                        ));
                    }
                    Ok(())
                }
            },
            LetterKind::ClassNotice => match self.status {
                Status::Classed => Ok(()),
                _ => self.must_be_open("classed"),
            },
        }
    }
}

/// The author changes the text: only while it is a draft or was given back.
pub fn may_edit(status: LetterStatus) -> Result<(), Refusal> {
    if status.editable() {
        Ok(())
    } else {
        Err(state(
            PROCEDURE,
            (
                format!(
                    "scrisoarea este {}; se modifică doar o ciornă sau o scrisoare returnată",
                    status_ro(status)
                ),
                format!(
                    "the letter is {}; only a draft or a letter given back is changed",
                    status.code()
                ),
            ),
        ))
    }
}

/// Submitted for approval.
pub fn submit(status: LetterStatus) -> Result<LetterStatus, Refusal> {
    may_edit(status).map(|()| LetterStatus::Submitted)
}

/// Approved by the head: only what was submitted, and not by its own author.
pub fn approve(
    status: LetterStatus,
    author: Option<i64>,
    approver: Option<i64>,
) -> Result<LetterStatus, Refusal> {
    if status != LetterStatus::Submitted {
        return Err(state(
            PROCEDURE,
            (
                format!(
                    "se aprobă doar o scrisoare trimisă spre aprobare; aceasta este {}",
                    status_ro(status)
                ),
                format!(
                    "only a letter submitted for approval is approved; this one is {}",
                    status.code()
                ),
            ),
        ));
    }
    if author.is_some() && author == approver {
        return Err(state(
            PROCEDURE,
            (
                "scrisoarea se aprobă de altcineva decât autorul ei",
                "a letter is approved by someone other than its author",
            ),
        ));
    }
    Ok(LetterStatus::Approved)
}

/// Given back to the author, with the head's remark.
pub fn give_back(status: LetterStatus, remark: &str) -> Result<LetterStatus, Refusal> {
    if status != LetterStatus::Submitted {
        return Err(state(
            PROCEDURE,
            (
                format!(
                    "se returnează doar o scrisoare trimisă spre aprobare; aceasta este {}",
                    status_ro(status)
                ),
                format!(
                    "only a letter submitted for approval is given back; this one is {}",
                    status.code()
                ),
            ),
        ));
    }
    if remark.trim().chars().count() < 5 {
        return Err(input(
            "remark",
            PROCEDURE,
            (
                "Observația: spuneți ce trebuie schimbat (cel puțin 5 caractere)",
                "say what is to be changed (at least 5 characters)",
            ),
        ));
    }
    Ok(LetterStatus::Returned)
}

/// Sent by the registry: only once approved, and once.
pub fn send(status: LetterStatus) -> Result<LetterStatus, Refusal> {
    match status {
        LetterStatus::Approved => Ok(LetterStatus::Sent),
        LetterStatus::Sent => Err(state(
            PROCEDURE,
            (
                "scrisoarea a fost deja expediată",
                "the letter was already sent",
            ),
        )),
        other => Err(state(
            PROCEDURE,
            (
                format!(
                    "scrisoarea se expediază doar după aprobarea șefului; aceasta este {}",
                    status_ro(other)
                ),
                format!(
                    "a letter is sent only after the head has approved it; this one is {}",
                    other.code()
                ),
            ),
        )),
    }
}

/// The last day a file archived on `archived_on` is kept for `years` (0: permanently, `None`):
/// the term runs from 1 January of the year after the file is closed (Law 16/1996).
pub fn keep_until(archived_on: Date, years: i64) -> Option<Date> {
    if years <= 0 {
        return None;
    }
    let year = i64::from(archived_on.year()).saturating_add(years);
    let year = i16::try_from(year).ok()?;
    jiff::civil::Date::new(year, 12, 31).ok()
}

#[cfg(test)]
#[path = "letters_tests.rs"]
mod tests;

/// A register's name in Romanian.
fn register_ro(r: Register) -> &'static str {
    match r {
        Register::Petition => "de petiții",
        Register::Info => "de informații publice",
        Register::Internal => "intern",
    }
}

/// A letter kind's name in Romanian.
fn kind_ro(k: LetterKind) -> &'static str {
    match k {
        LetterKind::Answer => "răspuns",
        LetterKind::Refusal => "refuz",
        LetterKind::ForwardNotice => "înștiințare de redirecționare",
        LetterKind::ExtensionNotice => "înștiințare de prelungire",
        LetterKind::ClassNotice => "înștiințare de clasare",
    }
}

/// A letter status in Romanian.
fn status_ro(s: LetterStatus) -> &'static str {
    match s {
        LetterStatus::Draft => "ciornă",
        LetterStatus::Submitted => "trimisă spre aprobare",
        LetterStatus::Returned => "returnată pentru corectură",
        LetterStatus::Approved => "aprobată",
        LetterStatus::Sent => "expediată",
    }
}
