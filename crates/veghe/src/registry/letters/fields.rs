//! The placeholders a typed document may use, what each holds, and when it is filled: the
//! case's own data when the letter is drafted (so the author sees and edits it), the
//! petitioner's identity, the approver and the outgoing number only when the letter is printed
//! or sent (so a draft shown on the case page holds no personal data).

use veghe_docs::placeholders::{self, Problem};
use veghe_ro::petition::ro_date;

use crate::error::{AppError, AppResult};
use crate::registry::store::Entry;
use crate::registry::{labels, model};
use crate::web::Lang;

/// The institution the letters come from.
pub const INSTITUTION: &str = "Direcția Poliției Locale Timișoara";
pub const SERVICE: &str = "Serviciul Comunicare, Prevenire și Dispecerat";

/// When a placeholder is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Draft,
    Render,
}

/// One placeholder: its name, what it holds (ro, en), when it is filled.
pub struct Field {
    pub name: &'static str,
    pub ro: &'static str,
    pub en: &'static str,
    pub phase: Phase,
}

const fn f(name: &'static str, ro: &'static str, en: &'static str, phase: Phase) -> Field {
    Field {
        name,
        ro,
        en,
        phase,
    }
}

/// Every placeholder, as the templates page documents them.
pub const FIELDS: &[Field] = &[
    f(
        "numar",
        "numărul de înregistrare (1234/29.11.2026)",
        "the registration number (1234/29.11.2026)",
        Phase::Draft,
    ),
    f(
        "data_inregistrarii",
        "data înregistrării (zz.ll.aaaa)",
        "the registration date (dd.mm.yyyy)",
        Phase::Draft,
    ),
    f(
        "registru",
        "registrul (petiții, informații publice, intern)",
        "the register",
        Phase::Draft,
    ),
    f(
        "tip",
        "felul documentului (cerere, reclamație, sesizare…)",
        "the kind (request, complaint, notification…)",
        Phase::Draft,
    ),
    f("subiect", "obiectul", "the subject", Phase::Draft),
    f(
        "termen",
        "termenul legal de răspuns, după o eventuală prelungire",
        "the legal deadline, after any extension",
        Phase::Draft,
    ),
    f(
        "termen_intern",
        "termenul intern al compartimentului",
        "the department's internal deadline",
        Phase::Draft,
    ),
    f(
        "departament",
        "compartimentul căruia i-a fost repartizată",
        "the department it was routed to",
        Phase::Draft,
    ),
    f(
        "redirectionat_catre",
        "autoritatea la care a fost redirecționată",
        "the authority it was forwarded to",
        Phase::Draft,
    ),
    f(
        "motiv_clasare",
        "motivul clasării",
        "the reason for classing",
        Phase::Draft,
    ),
    f(
        "redactat_de",
        "cine a redactat documentul",
        "who drafted the letter",
        Phase::Draft,
    ),
    f("institutie", INSTITUTION, "the institution", Phase::Draft),
    f("serviciu", SERVICE, "the service", Phase::Draft),
    f(
        "petent",
        "numele petentului (date personale)",
        "the petitioner's name (personal data)",
        Phase::Render,
    ),
    f(
        "adresa",
        "adresa de corespondență a petentului (date personale)",
        "the petitioner's postal address (personal data)",
        Phase::Render,
    ),
    f(
        "email",
        "adresa de e-mail a petentului (date personale)",
        "the petitioner's e-mail address (personal data)",
        Phase::Render,
    ),
    f(
        "aprobat_de",
        "cine a aprobat documentul",
        "who approved the letter",
        Phase::Render,
    ),
    f(
        "numar_iesire",
        "numărul de ieșire (registrul intern), dat la expediere",
        "the outgoing number (internal register), given when sent",
        Phase::Render,
    ),
    f(
        "data_iesire",
        "data expedierii",
        "the date it is sent",
        Phase::Render,
    ),
];

pub fn names() -> Vec<&'static str> {
    FIELDS.iter().map(|f| f.name).collect()
}

/// Refuses a text whose placeholder is unknown or malformed, naming it (400 on `field`).
pub fn check(text: &str, field: &'static str) -> AppResult<()> {
    placeholders::check(text, &names()).map_err(|p| match p {
        Problem::Unknown(n) => AppError::bad(
            field,
            format!(
                "unknown placeholder {{{{{n}}}}}; the fields are: {}",
                names().join(", ")
            ),
        ),
        other => AppError::bad(field, other.to_string()),
    })
}

fn date(iso: Option<&str>) -> String {
    iso.map(labels::date).unwrap_or_else(|| "—".to_string())
}

/// Fills the case's own data (the draft phase); the others stay for later.
pub fn fill_draft(text: &str, e: &Entry, author: &str) -> AppResult<String> {
    check(text, "body")?;
    let value = |n: &str| -> Option<String> {
        Some(match n {
            "numar" => e.number.clone(),
            "data_inregistrarii" => ro_date(super::super::numbers::day_of(e.registered_at)),
            "registru" => labels::register(&e.register, Lang::Ro).to_string(),
            "tip" => labels::kind(&e.kind, Lang::Ro).to_string(),
            "subiect" => e.subject.clone(),
            "termen" => date(e.due_date.as_deref()),
            "termen_intern" => date(e.internal_due_date.as_deref()),
            "departament" => e.department_name.clone().unwrap_or_else(|| "—".into()),
            "redirectionat_catre" => e.forwarded_to.clone().unwrap_or_else(|| "—".into()),
            "motiv_clasare" => e.class_reason.clone().unwrap_or_else(|| "—".into()),
            "redactat_de" => author.to_string(),
            "institutie" => INSTITUTION.to_string(),
            "serviciu" => SERVICE.to_string(),
            _ => return None,
        })
    };
    placeholders::fill(text, value).map_err(|p| AppError::bad("body", p.to_string()))
}

/// What is filled when a letter is shown in full, printed or sent.
#[derive(Clone, Debug, Default)]
pub struct Later {
    pub petitioner: Option<String>,
    pub address: Option<String>,
    pub email: Option<String>,
    pub approver: Option<String>,
    pub out_number: Option<String>,
    pub out_date: Option<String>,
}

/// The whole text: what is not known yet (the number before sending) is a blank line to fill
/// by hand, `……`.
pub fn fill_all(text: &str, later: &Later) -> String {
    let value = |n: &str| -> Option<String> {
        let v = match n {
            "petent" => later.petitioner.clone(),
            "adresa" => later.address.clone(),
            "email" => later.email.clone(),
            "aprobat_de" => later.approver.clone(),
            "numar_iesire" => later.out_number.clone(),
            "data_iesire" => later.out_date.clone(),
            _ => None,
        };
        Some(v.unwrap_or_else(|| "……".to_string()))
    };
    // Stored texts were checked when written; one that no longer parses is shown as written.
    placeholders::fill(text, value).unwrap_or_else(|_| text.to_string())
}

/// The petitioner's name as a letter addresses them: organisations and persons by name.
pub fn addressee(kind: &str, name: Option<&str>) -> Option<String> {
    match kind {
        "person" | "organisation" => name.map(str::to_string),
        _ => Some(model::mask_name(kind, name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_documented_once_and_unknown_ones_are_named() {
        let mut n = names();
        n.sort_unstable();
        n.dedup();
        assert_eq!(n.len(), FIELDS.len());
        assert!(check("Nr. {{numar}}, {{petent}}", "body").is_ok());
        match check("Stimate {{nume_petent}}", "body") {
            Err(AppError::BadRequest {
                field: Some("body"),
                message,
            }) => assert!(message.contains("{{nume_petent}}"), "{message}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn later_fields_are_blank_until_known() {
        let t = "{{petent}}, nr. {{numar_iesire}} din {{data_iesire}}";
        let later = Later {
            petitioner: Some("Ion Popescu".into()),
            ..Later::default()
        };
        assert_eq!(fill_all(t, &later), "Ion Popescu, nr. …… din ……");
    }
}
