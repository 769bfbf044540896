//! Legal deadlines for petitions (OG 27/2002), public-information requests and journalists'
//! accreditations (Law 544/2001).
//!
//! Terms are counted by Civil Code art. 2553: a term in days excludes the day it starts from and
//! ends at 24:00 of its last day; when the last day is non-working (weekend or public holiday) the
//! term ends at the end of the next working day. So `due = from + N calendar days`, moved forward
//! past non-working days. [`due_date_days`] keeps the move configurable, as the legal office may
//! rule otherwise for a register.

use std::fmt;
use std::str::FromStr;

use jiff::Span;
use serde::{Deserialize, Serialize};

use crate::calendar::{Date, next_working_day_on_or_after};

/// A deadline rule from the law.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Answer a petition: 30 days from registration (OG 27/2002 art. 8).
    PetitionAnswer,
    /// Forward a petition outside our competence: 5 days from registration (OG 27/2002 art. 6¹).
    PetitionForward,
    /// Extension by the head of the institution: at most 15 days, counted from the original due
    /// date (OG 27/2002 art. 9).
    PetitionExtension,
    /// Answer a public-information request: 10 days from registration (Law 544/2001 art. 7(1)).
    InfoAnswer,
    /// Answer a complex public-information request: at most 30 days from registration, the
    /// requester being told within the first 10 days (Law 544/2001 art. 7(1)).
    InfoComplex,
    /// Send a reasoned refusal: 5 days from registration (Law 544/2001 art. 7(2)).
    InfoRefusal,
    /// Answer a founded administrative complaint: 15 days from its filing (Law 544/2001 art. 21(2)).
    InfoComplaintAnswer,
    /// Decide on a journalist's accreditation: 2 days from the request's registration
    /// (Law 544/2001 art. 18(1)).
    PressAccreditation,
}

const ALL_RULES: [Rule; 8] = [
    Rule::PetitionAnswer,
    Rule::PetitionForward,
    Rule::PetitionExtension,
    Rule::InfoAnswer,
    Rule::InfoComplex,
    Rule::InfoRefusal,
    Rule::InfoComplaintAnswer,
    Rule::PressAccreditation,
];

impl Rule {
    /// Every rule, in declaration order.
    pub fn all() -> &'static [Rule] {
        &ALL_RULES
    }

    /// Kebab-case name, as accepted by [`FromStr`] and used in configuration.
    pub fn name(&self) -> &'static str {
        match self {
            Self::PetitionAnswer => "petition-answer",
            Self::PetitionForward => "petition-forward",
            Self::PetitionExtension => "petition-extension",
            Self::InfoAnswer => "info-answer",
            Self::InfoComplex => "info-complex",
            Self::InfoRefusal => "info-refusal",
            Self::InfoComplaintAnswer => "info-complaint-answer",
            Self::PressAccreditation => "press-accreditation",
        }
    }

    /// Length of the term in calendar days.
    pub fn days(&self) -> i32 {
        match self {
            Self::PetitionAnswer | Self::InfoComplex => 30,
            Self::PetitionForward | Self::InfoRefusal => 5,
            Self::PetitionExtension | Self::InfoComplaintAnswer => 15,
            Self::InfoAnswer => 10,
            Self::PressAccreditation => 2,
        }
    }

    /// The article the term comes from.
    pub fn legal_basis(&self) -> &'static str {
        match self {
            Self::PetitionAnswer => "OG 27/2002 art. 8",
            Self::PetitionForward => "OG 27/2002 art. 6¹",
            Self::PetitionExtension => "OG 27/2002 art. 9",
            Self::InfoAnswer | Self::InfoComplex => "Legea 544/2001 art. 7 alin. (1)",
            Self::InfoRefusal => "Legea 544/2001 art. 7 alin. (2)",
            Self::InfoComplaintAnswer => "Legea 544/2001 art. 21 alin. (2)",
            Self::PressAccreditation => "Legea 544/2001 art. 18 alin. (1)",
        }
    }

    /// Romanian description, naming the event the term is counted from.
    pub fn description_ro(&self) -> &'static str {
        match self {
            Self::PetitionAnswer => "Răspuns la petiție: 30 de zile de la înregistrare",
            Self::PetitionForward => {
                "Redirecționarea petiției către autoritatea competentă: 5 zile de la înregistrare"
            }
            Self::PetitionExtension => {
                "Prelungirea termenului de răspuns: cel mult 15 zile, de la termenul inițial"
            }
            Self::InfoAnswer => "Răspuns la solicitarea de informații de interes public: 10 zile",
            Self::InfoComplex => {
                "Răspuns la o solicitare complexă: cel mult 30 de zile, cu înștiințare în 10 zile"
            }
            Self::InfoRefusal => "Refuzul motivat al comunicării informațiilor: 5 zile",
            Self::InfoComplaintAnswer => {
                "Răspuns la reclamația administrativă întemeiată: 15 zile de la depunere"
            }
            Self::PressAccreditation => {
                "Acreditarea unui jurnalist: 2 zile de la înregistrarea cererii"
            }
        }
    }

    /// English description, naming the event the term is counted from.
    pub fn description_en(&self) -> &'static str {
        match self {
            Self::PetitionAnswer => "Answer to a petition: 30 days from registration",
            Self::PetitionForward => {
                "Forwarding a petition to the competent authority: 5 days from registration"
            }
            Self::PetitionExtension => {
                "Extension of the answer term: at most 15 days, from the original due date"
            }
            Self::InfoAnswer => "Answer to a public-information request: 10 days from registration",
            Self::InfoComplex => {
                "Answer to a complex request: at most 30 days, the requester told within 10 days"
            }
            Self::InfoRefusal => "Reasoned refusal to disclose: 5 days from registration",
            Self::InfoComplaintAnswer => {
                "Answer to a founded administrative complaint: 15 days from its filing"
            }
            Self::PressAccreditation => {
                "A journalist's accreditation: 2 days from the request's registration"
            }
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Error for an unknown rule name; its message lists the valid names.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown deadline rule {given:?}; valid rules: {}", valid_names())]
pub struct UnknownRule {
    /// The name that was given (truncated to 64 characters).
    pub given: String,
}

fn valid_names() -> String {
    ALL_RULES
        .iter()
        .map(Rule::name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Rule {
    type Err = UnknownRule;

    /// Parses a kebab-case name; surrounding whitespace and ASCII case are ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        ALL_RULES
            .iter()
            .copied()
            .find(|rule| rule.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownRule {
                given: wanted.chars().take(64).collect(),
            })
    }
}

/// Due date of `rule` counted from `from` (registration date, or for
/// [`Rule::PetitionExtension`] the original due date, or for [`Rule::InfoComplaintAnswer`] the
/// filing of the complaint): `from + N` calendar days, moved to the next working day when that day
/// is a weekend or public holiday (Civil Code art. 2553).
pub fn due_date(rule: Rule, from: Date) -> Date {
    due_date_days(rule.days(), from, true)
}

/// `from + days` calendar days; when `move_past_non_working` is set and that day is not a working
/// day, the next working day. Saturates at the ends of the representable date range.
pub fn due_date_days(days: i32, from: Date, move_past_non_working: bool) -> Date {
    let end = match Span::new().try_days(i64::from(days)) {
        Ok(span) => from.saturating_add(span),
        Err(_) if days > 0 => Date::MAX,
        Err(_) => Date::MIN,
    };
    if move_past_non_working {
        next_working_day_on_or_after(end)
    } else {
        end
    }
}
