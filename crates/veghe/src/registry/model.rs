//! What a registration is made of, parsed from the input: the register, the channel, the
//! petitioner's identity (person with an optional CNP checked by its digit, or organisation with
//! its CUI), the contact, the kind, the subject and the text. Bad input is refused naming the field.

use serde::Deserialize;
use veghe_ro::petition::Register;
use veghe_ro::{Cnp, Cui, fold};

use crate::error::{AppError, AppResult};
use crate::http::extract::text;

/// The ways a document reaches the registry.
pub const CHANNELS: &[&str] = &["counter", "post", "email", "online", "audience"];

/// A registration as scripts, other systems and the form send it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct PetitionIn {
    /// `petition` (OG 27/2002, default), `info` (Law 544/2001) or `internal`.
    pub register: Option<String>,
    /// counter, post, email, online, audience.
    pub channel: String,
    /// Petitions: request, complaint, notification, proposal. Information: request, complaint
    /// (administrative complaint). Internal: incoming, outgoing, circular.
    pub kind: String,
    /// An anonymous petition is registered and classed at once (OG 27/2002 art. 7).
    #[serde(default)]
    pub anonymous: bool,
    /// `person` or `organisation`.
    pub petitioner_type: Option<String>,
    pub petitioner_name: Option<String>,
    /// A person's CNP, optional; checked by its control digit.
    pub cnp: Option<String>,
    /// An organisation's CUI (fiscal code), required for organisations.
    pub cui: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Postal address for the answer.
    pub address: Option<String>,
    pub subject: String,
    #[serde(default)]
    pub text: String,
    /// A number reserved earlier in this register and year, to register the document into.
    pub reserved_number: Option<i64>,
}

/// Who wrote to us.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Petitioner {
    Person {
        name: String,
        cnp: Option<Cnp>,
    },
    Organisation {
        name: String,
        cui: Cui,
    },
    Anonymous,
    /// Internal documents need not name a correspondent.
    Unnamed,
}

impl Petitioner {
    pub fn code(&self) -> &'static str {
        match self {
            Petitioner::Person { .. } => "person",
            Petitioner::Organisation { .. } => "organisation",
            Petitioner::Anonymous => "anonymous",
            Petitioner::Unnamed => "none",
        }
    }

    pub fn name(&self) -> Option<&str> {
        match self {
            Petitioner::Person { name, .. } | Petitioner::Organisation { name, .. } => Some(name),
            _ => None,
        }
    }
}

/// A registration, parsed: every field valid.
#[derive(Clone, Debug)]
pub struct NewPetition {
    pub register: Register,
    pub channel: &'static str,
    pub kind: &'static str,
    pub petitioner: Petitioner,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub subject: String,
    pub text: String,
    pub reserved_number: Option<i64>,
}

impl NewPetition {
    /// The key by which the same petitioner is recognised: CNP, CUI, else name and contact folded.
    pub fn petitioner_key(&self) -> Option<String> {
        match &self.petitioner {
            Petitioner::Person { cnp: Some(c), .. } => Some(format!("cnp:{}", c.as_str())),
            Petitioner::Organisation { cui, .. } => Some(format!("cui:{}", cui.as_str())),
            Petitioner::Person { name, cnp: None } => {
                let contact = self
                    .email
                    .as_deref()
                    .map(str::to_lowercase)
                    .or_else(|| self.address.as_deref().map(fold))
                    .unwrap_or_default();
                Some(format!("name:{}|{contact}", fold(name)))
            }
            Petitioner::Anonymous | Petitioner::Unnamed => None,
        }
    }
}

fn one_of(value: &str, field: &'static str, allowed: &[&'static str]) -> AppResult<&'static str> {
    let v = value.trim();
    allowed.iter().copied().find(|a| *a == v).ok_or_else(|| {
        AppError::bad(
            field,
            crate::error::Said::new(
                format!("„{v}” nu este o valoare din listă; alegeți din listă."),
                format!("{field} `{v}` is not one of: {}", allowed.join(", ")),
            ),
        )
    })
}

impl PetitionIn {
    /// Parses the registration; the first bad field is named.
    pub fn parse(self) -> AppResult<NewPetition> {
        let register = match self.register.as_deref().map(str::trim) {
            None | Some("") => Register::Petition,
            Some(r) => Register::parse(r).ok_or_else(|| {
                AppError::bad(
                    "register",
                    crate::error::Said::new(
                        "Registrul: alegeți petiții, informații publice sau intern.",
                        format!("register `{r}` is not one of: petition, info, internal"),
                    ),
                )
            })?,
        };
        let channel = one_of(&self.channel, "channel", CHANNELS)?;
        let kind = one_of(&self.kind, "kind", register.kinds())?;
        let email = text(self.email, "email", 200)?;
        if let Some(e) = &email
            && (!e.contains('@') || e.starts_with('@') || e.ends_with('@') || e.contains(' '))
        {
            return Err(AppError::bad(
                "email",
                crate::error::Said::new(
                    format!("E-mail: „{e}” nu este o adresă de e-mail."),
                    format!("`{e}` is not an e-mail address"),
                ),
            ));
        }
        let phone = text(self.phone, "phone", 40)?;
        let address = text(self.address, "address", 300)?;
        let name = text(self.petitioner_name, "petitioner_name", 200)?;
        let petitioner = if self.anonymous && register != Register::Internal {
            Petitioner::Anonymous
        } else {
            let kind_of = text(self.petitioner_type, "petitioner_type", 20)?;
            if let Some(other) = kind_of.as_deref()
                && other != "person"
                && other != "organisation"
            {
                return Err(AppError::bad(
                    "petitioner_type",
                    crate::error::Said::new(
                        "Petent: alegeți persoană fizică sau persoană juridică.",
                        format!("petitioner_type `{other}` is not one of: person, organisation"),
                    ),
                ));
            }
            match (register, kind_of.as_deref(), name) {
                (Register::Internal, None, None) => Petitioner::Unnamed,
                (_, None | Some("person"), Some(name)) => Petitioner::Person {
                    name,
                    cnp: match text(self.cnp, "cnp", 20)? {
                        Some(c) => Some(c.parse::<Cnp>().map_err(|e| {
                            AppError::bad(
                                "cnp",
                                crate::error::Said::new(
                                    "CNP: codul nu este valid; verificați cele 13 cifre.",
                                    format!("the CNP is not valid: {e}"),
                                ),
                            )
                        })?),
                        None => None,
                    },
                },
                (_, Some("organisation"), Some(name)) => {
                    let cui = text(self.cui, "cui", 20)?.ok_or_else(|| {
                        AppError::bad(
                            "cui",
                            crate::error::Said::new(
                                "CUI: persoana juridică se identifică prin CUI.",
                                "an organisation is identified by its CUI",
                            ),
                        )
                    })?;
                    Petitioner::Organisation {
                        name,
                        cui: cui.parse::<Cui>().map_err(|e| {
                            AppError::bad(
                                "cui",
                                crate::error::Said::new(
                                    "CUI: codul nu este valid; verificați cifrele.",
                                    format!("the CUI is not valid: {e}"),
                                ),
                            )
                        })?,
                    }
                }
                (_, _, None) | (_, Some(_), Some(_)) => {
                    return Err(AppError::bad(
                        "petitioner_name",
                        crate::error::Said::new(
                            "OG 27/2002 art. 7: petiția fără identificarea petentului nu se ia în considerare; scrieți numele sau înregistrați-o ca anonimă, pentru a fi clasată.",
                            "OG 27/2002 art. 7: a petition without the petitioner's identification is not considered; give the name, or register it as anonymous to have it classed",
                        ),
                    ));
                }
            }
        };
        if matches!(
            petitioner,
            Petitioner::Person { .. } | Petitioner::Organisation { .. }
        ) && register != Register::Internal
            && email.is_none()
            && address.is_none()
        {
            return Err(AppError::bad(
                "address",
                crate::error::Said::new(
                    "Adresa: scrieți adresa poștală sau adresa de e-mail la care se trimite răspunsul.",
                    "give the postal address or the e-mail address the answer is sent to",
                ),
            ));
        }
        let subject = self.subject.trim().to_string();
        let n = subject.chars().count();
        if !(3..=200).contains(&n) {
            return Err(AppError::bad(
                "subject",
                crate::error::Said::new(
                    "Obiectul: între 3 și 200 de caractere.",
                    "the subject must have 3 to 200 characters",
                ),
            ));
        }
        let body = self.text.trim().to_string();
        if body.chars().count() > 20_000 {
            return Err(AppError::bad(
                "text",
                crate::error::Said::new(
                    "Conținutul: cel mult 20000 de caractere.",
                    "the text must have at most 20000 characters",
                ),
            ));
        }
        if body.is_empty() && register != Register::Internal {
            return Err(AppError::bad(
                "text",
                crate::error::Said::new(
                    "Conținutul: scrieți textul petiției.",
                    "the text of the petition is required",
                ),
            ));
        }
        if let Some(r) = self.reserved_number
            && r < 1
        {
            return Err(AppError::bad(
                "reserved_number",
                crate::error::Said::new(
                    "Număr rezervat: scrieți un număr pozitiv.",
                    "a reserved number is a positive number",
                ),
            ));
        }
        Ok(NewPetition {
            register,
            channel,
            kind,
            petitioner,
            email,
            phone,
            address,
            subject,
            text: body,
            reserved_number: self.reserved_number,
        })
    }
}

/// A name shown in lists: initials only (`Ion Popescu` → `I. P.`); organisations in full.
pub fn mask_name(kind: &str, name: Option<&str>) -> String {
    match (kind, name) {
        ("organisation", Some(n)) => n.to_string(),
        (_, Some(n)) => n
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .map(|c| format!("{c}."))
            .collect::<Vec<_>>()
            .join(" "),
        ("anonymous", None) => "anonim".to_string(),
        _ => "—".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> PetitionIn {
        PetitionIn {
            channel: "counter".into(),
            kind: "complaint".into(),
            petitioner_name: Some("Ion Popescu".into()),
            address: Some("Str. Florilor 3, Timișoara".into()),
            subject: "Zgomot nocturn".into(),
            text: "Vecinii fac zgomot după ora 22.".into(),
            ..PetitionIn::default()
        }
    }

    fn field(r: AppResult<NewPetition>) -> Option<&'static str> {
        match r {
            Err(AppError::BadRequest { field, .. }) => field,
            _ => None,
        }
    }

    #[test]
    fn parses_a_person_and_names_each_bad_field() {
        let p = base().parse().expect("valid");
        assert_eq!(p.register, Register::Petition);
        assert_eq!(p.petitioner.code(), "person");
        assert!(
            p.petitioner_key()
                .is_some_and(|k| k.starts_with("name:ion popescu|"))
        );
        let bad_cnp = PetitionIn {
            cnp: Some("1800101221145".into()),
            ..base()
        };
        assert_eq!(field(bad_cnp.parse()), Some("cnp"));
        let good_cnp = PetitionIn {
            cnp: Some("1800101221144".into()),
            ..base()
        };
        assert_eq!(
            good_cnp.parse().expect("cnp").petitioner_key().as_deref(),
            Some("cnp:1800101221144")
        );
        assert_eq!(
            field(
                PetitionIn {
                    petitioner_name: None,
                    ..base()
                }
                .parse()
            ),
            Some("petitioner_name")
        );
        assert_eq!(
            field(
                PetitionIn {
                    channel: "fax".into(),
                    ..base()
                }
                .parse()
            ),
            Some("channel")
        );
        assert_eq!(
            field(
                PetitionIn {
                    kind: "circular".into(),
                    ..base()
                }
                .parse()
            ),
            Some("kind")
        );
        assert_eq!(
            field(
                PetitionIn {
                    address: None,
                    ..base()
                }
                .parse()
            ),
            Some("address")
        );
        assert_eq!(
            field(
                PetitionIn {
                    email: Some("x".into()),
                    ..base()
                }
                .parse()
            ),
            Some("email")
        );
        let org = PetitionIn {
            petitioner_type: Some("organisation".into()),
            petitioner_name: Some("Asociația de proprietari 12".into()),
            ..base()
        };
        assert_eq!(field(org.clone().parse()), Some("cui"));
        let org = PetitionIn {
            cui: Some("RO18547290".into()),
            ..org
        };
        assert_eq!(org.parse().expect("org").petitioner.code(), "organisation");
    }

    #[test]
    fn anonymous_and_internal() {
        let anon = PetitionIn {
            anonymous: true,
            petitioner_name: None,
            address: None,
            ..base()
        };
        assert_eq!(
            anon.parse().expect("anon").petitioner,
            Petitioner::Anonymous
        );
        let internal = PetitionIn {
            register: Some("internal".into()),
            kind: "circular".into(),
            petitioner_name: None,
            address: None,
            text: String::new(),
            ..base()
        };
        assert_eq!(
            internal.parse().expect("internal").petitioner,
            Petitioner::Unnamed
        );
    }

    #[test]
    fn masks_people_not_organisations() {
        assert_eq!(mask_name("person", Some("Ion Popescu")), "I. P.");
        assert_eq!(
            mask_name("organisation", Some("SC Alfa SRL")),
            "SC Alfa SRL"
        );
        assert_eq!(mask_name("anonymous", None), "anonim");
    }
}
