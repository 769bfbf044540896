//! The rules of the registry: what OG 27/2002 (petitions) and Law 544/2001 (public-interest
//! information) allow to be done with a registered document, and when. Pure: the caller passes
//! the state of the case and today's date; a refusal names the article that forbids the step.

use std::fmt;

use crate::calendar::{Date, previous_working_day_on_or_before};
use crate::deadline::{Rule, due_date, due_date_days};

/// The register a document is entered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Register {
    /// Petitions (OG 27/2002).
    Petition,
    /// Public-interest information requests and administrative complaints (Law 544/2001).
    Info,
    /// Internal documents: incoming and outgoing correspondence, circulars.
    Internal,
}

impl Register {
    pub const ALL: [Register; 3] = [Register::Petition, Register::Info, Register::Internal];

    pub fn code(self) -> &'static str {
        match self {
            Register::Petition => "petition",
            Register::Info => "info",
            Register::Internal => "internal",
        }
    }

    pub fn parse(s: &str) -> Option<Register> {
        Register::ALL.into_iter().find(|r| r.code() == s.trim())
    }

    /// The kinds of document the register takes.
    pub fn kinds(self) -> &'static [&'static str] {
        match self {
            Register::Petition => &["request", "complaint", "notification", "proposal"],
            Register::Info => &["request", "complaint"],
            Register::Internal => &["incoming", "outgoing", "circular"],
        }
    }
}

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Registered,
    Routed,
    Forwarded,
    Answered,
    Classed,
    Joined,
    Archived,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Registered,
        Status::Routed,
        Status::Forwarded,
        Status::Answered,
        Status::Classed,
        Status::Joined,
        Status::Archived,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Registered => "registered",
            Status::Routed => "routed",
            Status::Forwarded => "forwarded",
            Status::Answered => "answered",
            Status::Classed => "classed",
            Status::Joined => "joined",
            Status::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|r| r.code() == s.trim())
    }

    /// Still waiting for its answer.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Registered | Status::Routed)
    }
}

/// Why a step is refused: the rule, and whether the input (a field) or the state is at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The form field at fault, when the input is; `None` when the case's state forbids the step.
    pub field: Option<&'static str>,
    /// The article, e.g. `OG 27/2002 art. 9`.
    pub rule: &'static str,
    /// What is wrong and what to do, in English.
    pub message: String,
    /// The same in Romanian.
    pub message_ro: String,
}

impl Refusal {
    /// The refusal in Romanian, with its article: `OG 27/2002 art. 9: …`.
    pub fn ro(&self) -> String {
        format!("{}: {}", self.rule, self.message_ro)
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rule, self.message)
    }
}

/// A refusal's words: Romanian and English, or (not yet translated) English only.
pub(crate) struct Words {
    ro: String,
    en: String,
}

impl From<&str> for Words {
    fn from(en: &str) -> Words {
        Words {
            ro: en.to_string(),
            en: en.to_string(),
        }
    }
}

impl From<String> for Words {
    fn from(en: String) -> Words {
        Words { ro: en.clone(), en }
    }
}

impl<A: Into<String>, B: Into<String>> From<(A, B)> for Words {
    fn from((ro, en): (A, B)) -> Words {
        Words {
            ro: ro.into(),
            en: en.into(),
        }
    }
}

pub(crate) fn state(rule: &'static str, message: impl Into<Words>) -> Refusal {
    let w = message.into();
    Refusal {
        field: None,
        rule,
        message: w.en,
        message_ro: w.ro,
    }
}

pub(crate) fn input(field: &'static str, rule: &'static str, message: impl Into<Words>) -> Refusal {
    let w = message.into();
    Refusal {
        field: Some(field),
        rule,
        message: w.en,
        message_ro: w.ro,
    }
}

/// `dd.mm.yyyy`, as documents write dates.
pub fn ro_date(d: Date) -> String {
    format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
}

/// The legal answer deadline of a document registered on `registered_on`; internal documents
/// have none.
pub fn initial_due(register: Register, kind: &str, registered_on: Date) -> Option<Date> {
    match (register, kind) {
        (Register::Petition, _) => Some(due_date(Rule::PetitionAnswer, registered_on)),
        (Register::Info, "complaint") => Some(due_date(Rule::InfoComplaintAnswer, registered_on)),
        (Register::Info, _) => Some(due_date(Rule::InfoAnswer, registered_on)),
        (Register::Internal, _) => None,
    }
}

/// The department's own deadline: `days_before` working days before the legal one, but never
/// before `today`.
pub fn internal_due(legal_due: Date, today: Date, days_before: i32) -> Date {
    let mut d = previous_working_day_on_or_before(legal_due);
    for _ in 0..days_before.max(0) {
        let Some(prev) = d.yesterday().ok() else {
            break;
        };
        d = previous_working_day_on_or_before(prev);
    }
    d.max(today).min(legal_due)
}

/// What the rules need to know of a case.
#[derive(Clone, Debug)]
pub struct Case {
    pub register: Register,
    pub kind: String,
    pub status: Status,
    pub registered_on: Date,
    /// The current legal deadline (after any extension).
    pub due_on: Option<Date>,
    /// Whether the term was already extended.
    pub extended: bool,
}

const ART_6_1: &str = "OG 27/2002 art. 6¹";
const ART_7: &str = "OG 27/2002 art. 7";
const ART_9: &str = "OG 27/2002 art. 9";
const ART_10: &str = "OG 27/2002 art. 10";
const L544_7_1: &str = "Legea 544/2001 art. 7 alin. (1)";
const L544_7_2: &str = "Legea 544/2001 art. 7 alin. (2)";

impl Case {
    fn closed(&self, what: &str) -> Refusal {
        let (rule, why, why_ro) = match self.status {
            Status::Classed => (
                ART_7,
                "the document was classed",
                "documentul a fost clasat",
            ),
            Status::Joined => (
                ART_10,
                "the petition was joined to another and is answered with it",
                "petiția a fost conexată la alta și primește răspuns împreună cu ea",
            ),
            Status::Forwarded => (
                ART_6_1,
                "the petition was forwarded to the competent authority",
                "petiția a fost redirecționată autorității competente",
            ),
            Status::Answered => (
                ART_10,
                "the document was already answered",
                "documentul a primit deja răspuns",
            ),
            Status::Archived => (
                ART_10,
                "the document is archived",
                "documentul este arhivat",
            ),
            Status::Registered | Status::Routed => ("", "", ""),
        };
        let what_ro = match what {
            "routed" => "repartizat",
            "forwarded" => "redirecționat",
            "extended" => "prelungit",
            "refused" => "refuzat",
            "classed" => "clasat",
            "joined" => "conexat",
            "answered" => "soluționat",
            other => other,
        };
        state(
            rule,
            (
                format!("{why_ro}; nu mai poate fi {what_ro}"),
                format!("{why}; it cannot be {what}"),
            ),
        )
    }

    pub(crate) fn must_be_open(&self, what: &str) -> Result<(), Refusal> {
        if self.status.is_open() {
            Ok(())
        } else {
            Err(self.closed(what))
        }
    }

    /// Sending to a department, with its deadline (OG 27/2002 art. 6).
    pub fn route(&self) -> Result<(), Refusal> {
        self.must_be_open("routed")
    }

    /// Forwarding to the competent authority: within 5 days of registration, the petitioner told.
    pub fn forward(&self, today: Date, petitioner_informed: bool) -> Result<(), Refusal> {
        if self.register != Register::Petition {
            return Err(state(
                ART_6_1,
                (
                    "doar petițiile se redirecționează către altă autoritate",
                    "only petitions are forwarded to another authority",
                ),
            ));
        }
        self.must_be_open("forwarded")?;
        let limit = due_date(Rule::PetitionForward, self.registered_on);
        if today > limit {
            return Err(state(
                ART_6_1,
                (
                    format!(
                        "petiția care nu ține de competența noastră se redirecționează în 5 zile de la înregistrare (până la {}); termenul a trecut, deci trebuie să primească răspuns",
                        ro_date(limit)
                    ),
                    format!(
                        "a petition outside our competence is forwarded within 5 days of registration (by {}); that term has passed, so it must be answered",
                        ro_date(limit)
                    ),
                ),
            ));
        }
        if !petitioner_informed {
            return Err(input(
                "petitioner_informed",
                ART_6_1,
                (
                    "Petentul a fost înștiințat: petentul trebuie înștiințat de redirecționare în același timp; bifați după ce l-ați înștiințat",
                    "the petitioner must be told of the forwarding at the same time",
                ),
            ));
        }
        Ok(())
    }

    /// Extension of the term: a petition by at most 15 days after the petitioner's prior notice
    /// (OG 27/2002 art. 9); an information request to at most 30 days, the requester told
    /// within the first 10 (Law 544/2001 art. 7). Returns the new deadline.
    pub fn extend(&self, days: i64, notice_on: Option<Date>, today: Date) -> Result<Date, Refusal> {
        self.must_be_open("extended")?;
        let due = self.due_on.ok_or_else(|| {
            state(
                ART_9,
                (
                    "documentele interne nu au termen legal de prelungit",
                    "internal documents have no legal term to extend",
                ),
            )
        })?;
        let rule = if self.register == Register::Info {
            L544_7_1
        } else {
            ART_9
        };
        if self.extended {
            return Err(state(
                rule,
                (
                    "termenul se prelungește o singură dată",
                    "the term can be extended only once",
                ),
            ));
        }
        if self.kind == "complaint" && self.register == Register::Info {
            return Err(state(
                "Legea 544/2001 art. 21 alin. (2)",
                (
                    "reclamația administrativă primește răspuns în 15 zile; termenul ei nu se prelungește",
                    "an administrative complaint is answered within 15 days; its term is not extended",
                ),
            ));
        }
        let Some(notice) = notice_on else {
            return Err(state(
                rule,
                (
                    "termenul se prelungește doar după înștiințarea petentului: completați întâi data înștiințării",
                    "the term is extended only after the petitioner has been notified: record the notice (notice_on) first",
                ),
            ));
        };
        if notice < self.registered_on || notice > today {
            return Err(input(
                "notice_on",
                rule,
                (
                    format!(
                        "Data înștiințării: trebuie să fie între înregistrare ({}) și azi ({})",
                        ro_date(self.registered_on),
                        ro_date(today)
                    ),
                    format!(
                        "the notice date must fall between the registration ({}) and today ({})",
                        ro_date(self.registered_on),
                        ro_date(today)
                    ),
                ),
            ));
        }
        match self.register {
            Register::Info => {
                let first_ten = due_date_days(10, self.registered_on, false);
                if notice > first_ten {
                    return Err(input(
                        "notice_on",
                        L544_7_1,
                        (
                            format!(
                                "Data înștiințării: solicitantul trebuie înștiințat de termenul mai lung în primele 10 zile (până la {})",
                                ro_date(first_ten)
                            ),
                            format!(
                                "the requester must be told of the longer term within the first 10 days (by {})",
                                ro_date(first_ten)
                            ),
                        ),
                    ));
                }
                Ok(due_date(Rule::InfoComplex, self.registered_on))
            }
            _ => {
                if !(1..=15).contains(&days) {
                    return Err(input(
                        "days",
                        ART_9,
                        (
                            "Zile de prelungire: termenul se prelungește cu cel mult 15 zile (de la 1 la 15)",
                            "the term may be extended by at most 15 days (1 to 15)",
                        ),
                    ));
                }
                if notice > due {
                    return Err(input(
                        "notice_on",
                        ART_9,
                        (
                            format!(
                                "Data înștiințării: înștiințarea trebuie să fie înainte de expirarea termenului ({})",
                                ro_date(due)
                            ),
                            format!(
                                "the notice must come before the term ends ({})",
                                ro_date(due)
                            ),
                        ),
                    ));
                }
                let days = i32::try_from(days).unwrap_or(15);
                Ok(due_date_days(days, due, true))
            }
        }
    }

    /// A reasoned refusal of an information request: within 5 days of registration.
    pub fn refuse(&self, today: Date, reason: &str) -> Result<(), Refusal> {
        if self.register != Register::Info {
            return Err(state(
                L544_7_2,
                (
                    "doar solicitările de informații publice se refuză astfel; petiției i se răspunde",
                    "only public-information requests are refused this way; answer the petition instead",
                ),
            ));
        }
        self.must_be_open("refused")?;
        if reason.trim().chars().count() < 10 {
            return Err(input(
                "reason",
                L544_7_2,
                (
                    "Motivul: refuzul trebuie motivat (cel puțin 10 caractere)",
                    "a refusal must be reasoned (at least 10 characters)",
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

    /// Classing: anonymous or unidentified petitions (art. 7), repeats after the answer (art. 10).
    /// `original` is the earlier case a repeat is noted under.
    pub fn class(&self, ground: ClassGround, original: Option<&Case>) -> Result<(), Refusal> {
        self.must_be_open("classed")?;
        if ground == ClassGround::Repeat {
            let Some(o) = original else {
                return Err(input(
                    "original",
                    ART_10,
                    (
                        "Petiția originală: petiția repetată se clasează la numărul petiției originale; scrieți numărul acesteia",
                        "a repeated petition is classed under its original number: give the original",
                    ),
                ));
            };
            if !matches!(o.status, Status::Answered | Status::Archived) {
                return Err(state(
                    ART_10,
                    (
                        "petiția originală nu a primit încă răspuns: conexați petițiile în loc să clasați",
                        "the original has not been answered yet: join the petitions instead of classing",
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Joining this petition to `target`: same petitioner, same problem, one answer for all.
    pub fn join_into(&self, target: &Case, same_petitioner: bool) -> Result<(), Refusal> {
        self.must_be_open("joined")?;
        if self.register != Register::Petition || target.register != Register::Petition {
            return Err(state(
                ART_10,
                ("doar petițiile se conexează", "only petitions are joined"),
            ));
        }
        if !target.status.is_open() {
            return Err(state(
                ART_10,
                (
                    "petiția la care se conexează trebuie să aștepte încă răspunsul; după răspuns, clasați petiția repetată cu o notă la petiția originală",
                    "the petition joined to must still await its answer; after the answer, class the repeat with a note under the original",
                ),
            ));
        }
        if !same_petitioner {
            return Err(state(
                ART_10,
                (
                    "se conexează doar petițiile aceluiași petent, pe aceeași problemă",
                    "only petitions of the same petitioner on the same problem are joined",
                ),
            ));
        }
        Ok(())
    }

    /// Recording the answer, sent on `sent_on`.
    pub fn answer(&self, sent_on: Date, today: Date) -> Result<(), Refusal> {
        self.must_be_open("answered")?;
        if sent_on < self.registered_on || sent_on > today {
            return Err(input(
                "sent_on",
                "OG 27/2002 art. 8",
                (
                    format!(
                        "Data expedierii: trebuie să fie între înregistrare ({}) și azi ({})",
                        ro_date(self.registered_on),
                        ro_date(today)
                    ),
                    format!(
                        "the answer date must fall between the registration ({}) and today ({})",
                        ro_date(self.registered_on),
                        ro_date(today)
                    ),
                ),
            ));
        }
        Ok(())
    }

    /// Archiving, once the case is closed (OG 27/2002 art. 6: the registry alone archives).
    pub fn archive(&self) -> Result<(), Refusal> {
        match self.status {
            Status::Answered | Status::Classed | Status::Forwarded | Status::Joined => Ok(()),
            Status::Archived => Err(state(
                "OG 27/2002 art. 6",
                (
                    "documentul este deja arhivat",
                    "the document is already archived",
                ),
            )),
            Status::Registered | Status::Routed if self.register == Register::Internal => Ok(()),
            Status::Registered | Status::Routed => Err(state(
                "OG 27/2002 art. 6",
                (
                    "un document se arhivează după ce a primit răspuns, a fost redirecționat sau clasat",
                    "a document is archived after it is answered, forwarded or classed",
                ),
            )),
        }
    }
}

/// Why a case is classed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassGround {
    /// Anonymous or without identification data (OG 27/2002 art. 7).
    Anonymous,
    /// The same content again after the answer (OG 27/2002 art. 10).
    Repeat,
    /// Withdrawn by the petitioner, or another reason written down.
    Other,
}

impl ClassGround {
    pub fn parse(s: &str) -> Option<ClassGround> {
        match s.trim() {
            "anonymous" => Some(ClassGround::Anonymous),
            "repeat" => Some(ClassGround::Repeat),
            "other" => Some(ClassGround::Other),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ClassGround::Anonymous => "anonymous",
            ClassGround::Repeat => "repeat",
            ClassGround::Other => "other",
        }
    }
}

#[cfg(test)]
#[path = "petition_tests.rs"]
mod tests;
