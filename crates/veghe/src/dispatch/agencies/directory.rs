//! Keeping the directory: a body added, edited or retired, each checked whole (code, name, kind,
//! a phone the desk can call) and written in one transaction with its audit entry.

use serde::Deserialize;

use super::{Agency, COLUMNS, KINDS};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{code, email, one_of, required, text};

/// A new body, as the API and the page send it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct AgencyIn {
    /// Lower-case letters, digits, `_` and `-`, at most 30, starting with a letter or digit.
    pub code: Option<String>,
    pub name: Option<String>,
    /// police, gendarmerie, fire_rescue, ambulance, emergency, city_hall, utility
    pub kind: Option<String>,
    /// Digits, spaces, `+` and `-`, 3 to 20 characters.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// What they take, in a few words.
    pub competences: Option<String>,
    pub notes: Option<String>,
}

/// Changes to a body: a field left out keeps its value; an empty text clears an optional one.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyPatch {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub competences: Option<String>,
    pub notes: Option<String>,
}

/// A body, read and checked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NewAgency {
    pub code: String,
    pub name: String,
    pub kind: &'static str,
    pub phone: String,
    pub email: Option<String>,
    pub competences: Option<String>,
    pub notes: Option<String>,
}

fn kind(v: Option<String>) -> AppResult<&'static str> {
    one_of(
        v,
        "kind",
        KINDS,
        "Tipul instituției: alegeți unul din listă.",
    )
}

fn phone(v: Option<String>) -> AppResult<String> {
    let phone = required(v, "phone", 20)?;
    let chars_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'));
    if chars_ok && phone.chars().count() >= 3 && phone.chars().any(|c| c.is_ascii_digit()) {
        Ok(phone)
    } else {
        Err(AppError::bad(
            "phone",
            Said::new(
                format!(
                    "Telefonul „{phone}”: între 3 și 20 de caractere, doar cifre, spații, „+” și „-” (de exemplu 0256 123 456)."
                ),
                format!(
                    "phone “{phone}”: 3 to 20 characters, only digits, spaces, “+” and “-” (e.g. 0256 123 456)"
                ),
            ),
        ))
    }
}

impl AgencyIn {
    /// Reads and checks every field; a refusal names the first field at fault.
    pub fn parse(self) -> AppResult<NewAgency> {
        Ok(NewAgency {
            code: code(self.code, "code")?,
            name: required(self.name, "name", 200)?,
            kind: kind(self.kind)?,
            phone: phone(self.phone)?,
            email: email(self.email, "email")?,
            competences: text(self.competences, "competences", 300)?,
            notes: text(self.notes, "notes", 1000)?,
        })
    }
}

impl AgencyPatch {
    /// The body as it would be after the change, to be checked whole: an entry edited without a
    /// phone gets one now.
    fn over(self, a: &Agency) -> AgencyIn {
        AgencyIn {
            code: Some(a.code.clone()),
            name: self.name.or_else(|| Some(a.name.clone())),
            kind: self.kind.or_else(|| Some(a.kind.clone())),
            phone: self.phone.or_else(|| a.phone.clone()),
            email: self.email.or_else(|| a.email.clone()),
            competences: self.competences.or_else(|| a.competences.clone()),
            notes: self.notes.or_else(|| a.notes.clone()),
        }
    }
}

async fn get_in(tx: &mut Tx, code: &str) -> AppResult<Agency> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM agencies WHERE code = $1"
    )))
    .bind(code)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

/// The body as written, with the audit entry of the change.
async fn audited(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    code: &str,
    before: Option<&Agency>,
) -> AppResult<Agency> {
    let after = get_in(tx, code).await?;
    let change = Change::of(action, "agency", &after.code, before, &after);
    audit::append(tx, actor, change).await?;
    Ok(after)
}

/// Adds a body; a code already used (by a retired one too) is a conflict.
pub async fn add(db: &Db, actor: &Actor, a: NewAgency) -> AppResult<Agency> {
    let mut tx = db.begin().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO agencies (code, name, kind, phone, email, competences, notes) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (code) DO NOTHING RETURNING id",
    )
    .bind(&a.code)
    .bind(&a.name)
    .bind(a.kind)
    .bind(&a.phone)
    .bind(&a.email)
    .bind(&a.competences)
    .bind(&a.notes)
    .fetch_optional(&mut *tx)
    .await?;
    if id.is_none() {
        return Err(AppError::conflict(Said::new(
            format!(
                "Codul „{}” este deja folosit de o altă instituție; alegeți altul.",
                a.code
            ),
            format!("the code “{}” is already used by another body", a.code),
        )));
    }
    let added = audited(&mut tx, actor, "agency.add", &a.code, None).await?;
    tx.commit().await?;
    Ok(added)
}

/// Changes a body; the result is checked as a new one would be.
pub async fn edit(db: &Db, actor: &Actor, code: &str, patch: AgencyPatch) -> AppResult<Agency> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, code).await?;
    let a = patch.over(&before).parse()?;
    sqlx::query(
        "UPDATE agencies SET name = $2, kind = $3, phone = $4, email = $5, competences = $6, notes = $7 WHERE id = $1",
    )
    .bind(before.id)
    .bind(&a.name)
    .bind(a.kind)
    .bind(&a.phone)
    .bind(&a.email)
    .bind(&a.competences)
    .bind(&a.notes)
    .execute(&mut *tx)
    .await?;
    let after = audited(&mut tx, actor, "agency.edit", code, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Retires a body: it keeps its hand-overs and leaves the hand-over list.
pub async fn retire(db: &Db, actor: &Actor, code: &str) -> AppResult<Agency> {
    set_retired(db, actor, code, true).await
}

/// Brings a retired body back into the hand-over list.
pub async fn reinstate(db: &Db, actor: &Actor, code: &str) -> AppResult<Agency> {
    set_retired(db, actor, code, false).await
}

/// Retires a body or brings it back; asking for the state it is already in is a conflict.
async fn set_retired(db: &Db, actor: &Actor, code: &str, retire: bool) -> AppResult<Agency> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, code).await?;
    if before.retired_at.is_some() == retire {
        let (ro, en) = if retire {
            ("este deja retrasă", "is already retired")
        } else {
            ("nu este retrasă", "is not retired")
        };
        return Err(AppError::conflict(Said::new(
            format!("Instituția „{}” {ro}.", before.name),
            format!("“{code}” {en}"),
        )));
    }
    sqlx::query("UPDATE agencies SET retired_at = $2 WHERE id = $1")
        .bind(before.id)
        .bind(retire.then(now_ms))
        .execute(&mut *tx)
        .await?;
    let action = if retire {
        "agency.retire"
    } else {
        "agency.reinstate"
    };
    let after = audited(&mut tx, actor, action, code, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    fn good() -> AgencyIn {
        AgencyIn {
            code: Some(" politia-rutiera_2 ".into()),
            name: Some("Serviciul Rutier".into()),
            kind: Some("police".into()),
            phone: Some("+40 256-123 456".into()),
            email: Some("rutiera@exemplu.ro".into()),
            competences: Some("accidente cu victime".into()),
            notes: None,
        }
    }

    #[test]
    fn a_body_is_read_whole() {
        let a = good().parse().expect("valid");
        assert_eq!(a.code, "politia-rutiera_2");
        assert_eq!((a.kind, a.phone.as_str()), ("police", "+40 256-123 456"));
    }

    #[test]
    fn each_bad_field_is_named() {
        let cases: Vec<(&str, AgencyIn)> = vec![
            (
                "code",
                AgencyIn {
                    code: Some("ISU".into()),
                    ..good()
                },
            ),
            (
                "code",
                AgencyIn {
                    code: Some("-isu".into()),
                    ..good()
                },
            ),
            (
                "code",
                AgencyIn {
                    code: Some("a".repeat(31)),
                    ..good()
                },
            ),
            (
                "code",
                AgencyIn {
                    code: Some("poliția".into()),
                    ..good()
                },
            ),
            (
                "name",
                AgencyIn {
                    name: Some(" ".into()),
                    ..good()
                },
            ),
            (
                "kind",
                AgencyIn {
                    kind: Some("army".into()),
                    ..good()
                },
            ),
            (
                "phone",
                AgencyIn {
                    phone: None,
                    ..good()
                },
            ),
            (
                "phone",
                AgencyIn {
                    phone: Some("12".into()),
                    ..good()
                },
            ),
            (
                "phone",
                AgencyIn {
                    phone: Some("0256 12345 67890 1234".into()),
                    ..good()
                },
            ),
            (
                "phone",
                AgencyIn {
                    phone: Some("0256/123456".into()),
                    ..good()
                },
            ),
            (
                "phone",
                AgencyIn {
                    phone: Some("+ - ".into()),
                    ..good()
                },
            ),
            (
                "email",
                AgencyIn {
                    email: Some("rutiera".into()),
                    ..good()
                },
            ),
        ];
        for (want, a) in cases {
            let e = a.clone().parse().expect_err(want);
            assert_eq!(field(e), Some(want), "{a:?}");
        }
        // The shortest and longest phones.
        assert!(
            AgencyIn {
                phone: Some("112".into()),
                ..good()
            }
            .parse()
            .is_ok()
        );
        assert!(
            AgencyIn {
                phone: Some("0".repeat(20)),
                ..good()
            }
            .parse()
            .is_ok()
        );
    }

    #[test]
    fn an_edit_keeps_what_it_leaves_out_and_needs_a_phone() {
        let seeded = Agency {
            id: 6,
            code: "primaria".into(),
            name: "Primăria".into(),
            kind: "city_hall".into(),
            phone: None,
            email: None,
            competences: None,
            notes: Some("direcții".into()),
            retired_at: None,
        };
        let e = AgencyPatch {
            notes: Some("x".into()),
            ..Default::default()
        }
        .over(&seeded)
        .parse()
        .expect_err("no phone");
        assert_eq!(field(e), Some("phone"));
        let a = AgencyPatch {
            phone: Some("0256 408 300".into()),
            ..Default::default()
        }
        .over(&seeded)
        .parse()
        .expect("phone given");
        assert_eq!(
            (a.notes.as_deref(), a.code.as_str()),
            (Some("direcții"), "primaria")
        );
        let a = AgencyPatch {
            phone: Some("0256 408 300".into()),
            notes: Some(String::new()),
            ..Default::default()
        }
        .over(&seeded)
        .parse()
        .expect("notes cleared");
        assert_eq!(a.notes, None);
    }
}
