//! A type as an administrator sends it (JSON or the page's form), parsed into checked fields:
//! the code's shape, names, priority, the CAP category; whether the agency exists is the store's
//! to check, inside its transaction.

use serde::Deserialize;

use super::texts::{EN, RO};
use super::types::IncidentType;
use crate::error::{AppError, AppResult, Said};

/// The OASIS CAP 1.2 categories (`<category>`).
pub const CAP_CATEGORIES: &[&str] = &[
    "Geo",
    "Met",
    "Safety",
    "Security",
    "Rescue",
    "Fire",
    "Health",
    "Env",
    "Transport",
    "Infra",
    "CBRNE",
    "Other",
];

/// The EIDO incident type a type takes when none is given.
pub const DEFAULT_EIDO_TYPE: &str = "Law Enforcement";

fn said(pick: fn(&super::texts::T) -> &'static str) -> Said {
    Said::new(pick(&RO), pick(&EN))
}

/// A new type.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TypeIn {
    /// `^[a-z][a-z0-9_]{1,39}$`, stored in `incidents.type`; never changes.
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub name_ro: String,
    #[serde(default)]
    pub name_en: String,
    /// 1 (most urgent) to 3.
    pub default_priority: Option<i64>,
    /// Default `true`.
    pub our_competence: Option<bool>,
    pub legal_basis: Option<String>,
    /// An `agencies.code`; required when `our_competence` is false.
    pub agency: Option<String>,
    /// One of Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other.
    #[serde(default)]
    pub cap_category: String,
    /// Default `Law Enforcement`.
    pub eido_type: Option<String>,
}

/// Changes to a type; what is absent stays as it is (`agency: ""` removes the agency).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct TypePatch {
    pub name_ro: Option<String>,
    pub name_en: Option<String>,
    pub default_priority: Option<i64>,
    pub our_competence: Option<bool>,
    pub legal_basis: Option<String>,
    pub agency: Option<String>,
    pub cap_category: Option<String>,
    pub eido_type: Option<String>,
}

/// A type's fields, checked (all but the code).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    pub name_ro: String,
    pub name_en: String,
    pub default_priority: i64,
    pub our_competence: bool,
    pub legal_basis: String,
    pub agency: Option<String>,
    pub cap_category: &'static str,
    pub eido_type: String,
}

impl Fields {
    /// Whether the names differ from the version's (a used type then gets a new version).
    pub fn renames(&self, t: &IncidentType) -> bool {
        self.name_ro != t.name_ro || self.name_en != t.name_en
    }
}

/// A type's code: `^[a-z][a-z0-9_]{1,39}$`.
pub fn code(text: &str) -> AppResult<String> {
    let c = text.trim();
    let mut chars = c.chars();
    let ok = chars.next().is_some_and(|f| f.is_ascii_lowercase())
        && chars.all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
        && (2..=40).contains(&c.len());
    if ok {
        Ok(c.to_string())
    } else {
        Err(AppError::bad("code", said(|t| t.bad_code)))
    }
}

fn name(
    text: &str,
    field: &'static str,
    bad: fn(&super::texts::T) -> &'static str,
) -> AppResult<String> {
    let n = text.trim();
    if n.is_empty() || n.chars().count() > 120 {
        return Err(AppError::bad(field, said(bad)));
    }
    Ok(n.to_string())
}

/// A type's fields as given, before they are checked.
struct Draft<'a> {
    name_ro: &'a str,
    name_en: &'a str,
    default_priority: Option<i64>,
    our_competence: bool,
    legal_basis: &'a str,
    agency: Option<&'a str>,
    cap_category: &'a str,
    eido_type: &'a str,
}

fn fields(d: Draft<'_>) -> AppResult<Fields> {
    let name_ro = name(d.name_ro, "name_ro", |t| t.bad_name_ro)?;
    let name_en = name(d.name_en, "name_en", |t| t.bad_name_en)?;
    let default_priority = d
        .default_priority
        .filter(|p| (1..=3).contains(p))
        .ok_or_else(|| AppError::bad("default_priority", said(|t| t.bad_priority)))?;
    let legal_basis = d.legal_basis.trim().to_string();
    if legal_basis.chars().count() > 200 {
        return Err(AppError::bad("legal_basis", said(|t| t.bad_legal_basis)));
    }
    let agency = d
        .agency
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string);
    if !d.our_competence && agency.is_none() {
        return Err(AppError::bad("agency", said(|t| t.agency_needed)));
    }
    let cap_category = CAP_CATEGORIES
        .iter()
        .copied()
        .find(|c| *c == d.cap_category.trim())
        .ok_or_else(|| AppError::bad("cap_category", said(|t| t.bad_cap)))?;
    let eido_type = d.eido_type.trim().to_string();
    if eido_type.is_empty() || eido_type.chars().count() > 60 {
        return Err(AppError::bad("eido_type", said(|t| t.bad_eido)));
    }
    Ok(Fields {
        name_ro,
        name_en,
        default_priority,
        our_competence: d.our_competence,
        legal_basis,
        agency,
        cap_category,
        eido_type,
    })
}

impl TypeIn {
    pub fn parse(&self) -> AppResult<(String, Fields)> {
        let code = code(&self.code)?;
        let f = fields(Draft {
            name_ro: &self.name_ro,
            name_en: &self.name_en,
            default_priority: self.default_priority,
            our_competence: self.our_competence.unwrap_or(true),
            legal_basis: self.legal_basis.as_deref().unwrap_or(""),
            agency: self.agency.as_deref(),
            cap_category: &self.cap_category,
            eido_type: self.eido_type.as_deref().unwrap_or(DEFAULT_EIDO_TYPE),
        })?;
        Ok((code, f))
    }
}

impl TypePatch {
    /// The fields of `current` with these changes, checked.
    pub fn apply(&self, current: &IncidentType) -> AppResult<Fields> {
        fields(Draft {
            name_ro: self.name_ro.as_deref().unwrap_or(&current.name_ro),
            name_en: self.name_en.as_deref().unwrap_or(&current.name_en),
            default_priority: Some(self.default_priority.unwrap_or(current.default_priority)),
            our_competence: self.our_competence.unwrap_or(current.our_competence),
            legal_basis: self.legal_basis.as_deref().unwrap_or(&current.legal_basis),
            agency: self.agency.as_deref().or(current.agency.as_deref()),
            cap_category: self
                .cap_category
                .as_deref()
                .unwrap_or(&current.cap_category),
            eido_type: self.eido_type.as_deref().unwrap_or(&current.eido_type),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> TypeIn {
        TypeIn {
            code: "drones".into(),
            name_ro: "Drone deasupra mulțimii".into(),
            name_en: "Drones over a crowd".into(),
            default_priority: Some(2),
            cap_category: "Security".into(),
            ..TypeIn::default()
        }
    }

    fn field_of(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    #[test]
    fn a_good_type_parses_with_its_defaults() {
        let (code, f) = good().parse().expect("a good type");
        assert_eq!(code, "drones");
        assert!(f.our_competence);
        assert_eq!(f.eido_type, DEFAULT_EIDO_TYPE);
        assert_eq!(f.agency, None);
    }

    #[test]
    fn codes_are_lower_case_ascii_starting_with_a_letter() {
        for ok in ["ab", "noise", "a1_b2", &format!("a{}", "b".repeat(39))] {
            assert!(code(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "a",
            "1ab",
            "_ab",
            "Noise",
            "zgomot puternic",
            "cerșetorie",
            "a-b",
            &"a".repeat(41),
        ] {
            assert_eq!(code(bad).err().and_then(field_of), Some("code"), "{bad}");
        }
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(TypeIn, &str)> = vec![
            (
                TypeIn {
                    name_ro: " ".into(),
                    ..good()
                },
                "name_ro",
            ),
            (
                TypeIn {
                    name_en: "x".repeat(121),
                    ..good()
                },
                "name_en",
            ),
            (
                TypeIn {
                    default_priority: Some(4),
                    ..good()
                },
                "default_priority",
            ),
            (
                TypeIn {
                    default_priority: None,
                    ..good()
                },
                "default_priority",
            ),
            (
                TypeIn {
                    our_competence: Some(false),
                    ..good()
                },
                "agency",
            ),
            (
                TypeIn {
                    cap_category: "Crime".into(),
                    ..good()
                },
                "cap_category",
            ),
            (
                TypeIn {
                    eido_type: Some(String::new()),
                    ..good()
                },
                "eido_type",
            ),
        ];
        for (input, field) in cases {
            assert_eq!(input.parse().err().and_then(field_of), Some(field));
        }
    }

    #[test]
    fn a_patch_keeps_what_it_does_not_name() {
        let (code, f) = good().parse().expect("a good type");
        let current = IncidentType {
            id: 1,
            code,
            name_ro: f.name_ro.clone(),
            name_en: f.name_en.clone(),
            default_priority: 2,
            our_competence: false,
            legal_basis: "OUG 1/2000".into(),
            agency: Some("ipj".into()),
            cap_category: "Security".into(),
            eido_type: "Law Enforcement".into(),
            position: 1,
            active_from: None,
            active_to: None,
        };
        let patch = TypePatch {
            name_en: Some("Drones".into()),
            ..TypePatch::default()
        };
        let next = patch.apply(&current).expect("a good patch");
        assert!(next.renames(&current));
        assert_eq!(next.agency.as_deref(), Some("ipj"));
        assert_eq!(next.legal_basis, "OUG 1/2000");
        let removed = TypePatch {
            agency: Some(String::new()),
            ..TypePatch::default()
        };
        assert_eq!(
            removed.apply(&current).err().and_then(field_of),
            Some("agency")
        );
    }
}
