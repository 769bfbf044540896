//! A department added or edited by the administrator: names, internal deadline (1–20 working
//! days before the legal one), head (a department officer or the head of service) and e-mail
//! address, checked whole and written in one transaction with its audit entry.

use serde::Deserialize;

use super::{Department, SELECT};
use crate::audit::{self, Actor, Change};
use crate::auth::{Role, groups};
use crate::db::{Db, Tx};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{code, email, required, text};

/// The least and most working days a department's deadline comes before the legal one.
pub const DAYS_BEFORE: (i64, i64) = (1, 20);

/// A new department, as the API sends it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentIn {
    /// Lower-case letters, digits, `_` and `-`, at most 30 (e.g. `ordine_publica`).
    pub code: Option<String>,
    pub name_ro: Option<String>,
    pub name_en: Option<String>,
    /// 1–20 working days.
    pub days_before: Option<i64>,
    /// The head's user name (a department officer or the head of service); empty: none.
    pub head: Option<String>,
    /// Where a case routed to the department is announced.
    pub email: Option<String>,
}

/// Changes to a department: a field left out keeps its value; an empty `head` or `email` clears it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentPatch {
    pub name_ro: Option<String>,
    pub name_en: Option<String>,
    pub days_before: Option<i64>,
    pub head: Option<String>,
    pub email: Option<String>,
}

/// A department, read and checked (the head still to be found among the accounts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDepartment {
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    pub days_before: i64,
    pub head: Option<String>,
    pub email: Option<String>,
}

fn days_before(v: Option<i64>) -> AppResult<i64> {
    let (least, most) = DAYS_BEFORE;
    v.filter(|d| (least..=most).contains(d)).ok_or_else(|| {
        AppError::bad(
            "days_before",
            Said::new(
                format!(
                    "Termenul intern: între {least} și {most} zile lucrătoare înainte de termenul legal."
                ),
                format!("days_before: {least} to {most} working days before the legal deadline"),
            ),
        )
    })
}

impl DepartmentIn {
    /// Reads and checks every field; a refusal names the first field at fault.
    pub fn parse(self) -> AppResult<NewDepartment> {
        Ok(NewDepartment {
            code: code(self.code, "code")?,
            name_ro: required(self.name_ro, "name_ro", 200)?,
            name_en: required(self.name_en, "name_en", 200)?,
            days_before: days_before(self.days_before)?,
            head: text(self.head, "head", 100)?,
            email: email(self.email, "email")?,
        })
    }
}

impl DepartmentPatch {
    /// The department as it would be after the change, to be checked whole.
    pub fn over(self, d: &Department) -> DepartmentIn {
        DepartmentIn {
            code: Some(d.code.clone()),
            name_ro: self.name_ro.or_else(|| Some(d.name_ro.clone())),
            name_en: self.name_en.or_else(|| Some(d.name_en.clone())),
            days_before: self.days_before.or(Some(d.days_before)),
            head: self.head.or_else(|| d.head_username.clone()),
            email: self.email.or_else(|| d.email.clone()),
        }
    }
}

/// The head's account id: an active department officer or head of service.
async fn head_id(tx: &mut Tx, head: Option<&str>) -> AppResult<Option<i64>> {
    let Some(username) = head else {
        return Ok(None);
    };
    let found: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT id, role, disabled FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&mut **tx)
            .await?;
    match found {
        Some((id, role, 0))
            if role
                .parse::<Role>()
                .is_ok_and(|r| groups::DEPARTMENT_HEADS.contains(&r)) =>
        {
            Ok(Some(id))
        }
        _ => Err(AppError::bad(
            "head",
            Said::new(
                format!(
                    "Șeful compartimentului: „{username}” nu este un cont activ de ofițer de compartiment sau de șef de serviciu."
                ),
                format!(
                    "head: “{username}” is not an active department officer's or head of service's account"
                ),
            ),
        )),
    }
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Department> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

async fn audited(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<&Department>,
) -> AppResult<Department> {
    let after = get_in(tx, id).await?;
    let change = Change::of(action, "registry_department", &after.code, before, &after);
    audit::append(tx, actor, change).await?;
    Ok(after)
}

/// Adds a department; a code in use is a conflict.
pub async fn add(db: &Db, actor: &Actor, d: NewDepartment) -> AppResult<Department> {
    let mut tx = db.begin().await?;
    let head = head_id(&mut tx, d.head.as_deref()).await?;
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO registry_departments (code, name_ro, name_en, days_before, head_id, email) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (code) DO NOTHING RETURNING id",
    )
    .bind(&d.code)
    .bind(&d.name_ro)
    .bind(&d.name_en)
    .bind(d.days_before)
    .bind(head)
    .bind(&d.email)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        return Err(AppError::conflict(Said::new(
            format!(
                "Codul „{}” este deja folosit de alt compartiment; alegeți altul.",
                d.code
            ),
            format!(
                "the code “{}” is already used by another department",
                d.code
            ),
        )));
    };
    let added = audited(&mut tx, actor, "registry.department_add", id, None).await?;
    tx.commit().await?;
    Ok(added)
}

/// Changes a department; the code stays.
pub async fn change(
    db: &Db,
    actor: &Actor,
    id: i64,
    patch: DepartmentPatch,
) -> AppResult<Department> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let d = patch.over(&before).parse()?;
    let head = head_id(&mut tx, d.head.as_deref()).await?;
    sqlx::query(
        "UPDATE registry_departments SET name_ro = $2, name_en = $3, days_before = $4, head_id = $5, email = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(&d.name_ro)
    .bind(&d.name_en)
    .bind(d.days_before)
    .bind(head)
    .bind(&d.email)
    .execute(&mut *tx)
    .await?;
    let after = audited(
        &mut tx,
        actor,
        "registry.department_edit",
        id,
        Some(&before),
    )
    .await?;
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

    fn good() -> DepartmentIn {
        DepartmentIn {
            code: Some("evenimente".into()),
            name_ro: Some("Evenimente publice".into()),
            name_en: Some("Public events".into()),
            days_before: Some(4),
            head: Some(" sef ".into()),
            email: Some("evenimente@exemplu.ro".into()),
        }
    }

    #[test]
    fn a_department_is_read_whole_and_each_bad_field_named() {
        let d = good().parse().expect("valid");
        assert_eq!((d.head.as_deref(), d.days_before), (Some("sef"), 4));
        let cases = [
            (
                "code",
                DepartmentIn {
                    code: Some("Ordine".into()),
                    ..good()
                },
            ),
            (
                "name_ro",
                DepartmentIn {
                    name_ro: None,
                    ..good()
                },
            ),
            (
                "name_en",
                DepartmentIn {
                    name_en: Some(" ".into()),
                    ..good()
                },
            ),
            (
                "days_before",
                DepartmentIn {
                    days_before: None,
                    ..good()
                },
            ),
            (
                "days_before",
                DepartmentIn {
                    days_before: Some(0),
                    ..good()
                },
            ),
            (
                "days_before",
                DepartmentIn {
                    days_before: Some(21),
                    ..good()
                },
            ),
            (
                "email",
                DepartmentIn {
                    email: Some("evenimente".into()),
                    ..good()
                },
            ),
        ];
        for (want, d) in cases {
            assert_eq!(
                field(d.clone().parse().expect_err(want)),
                Some(want),
                "{d:?}"
            );
        }
        for days in [1, 20] {
            assert!(
                DepartmentIn {
                    days_before: Some(days),
                    ..good()
                }
                .parse()
                .is_ok()
            );
        }
    }

    #[test]
    fn an_edit_keeps_what_it_leaves_out_and_clears_what_it_empties() {
        let seeded = Department {
            id: 1,
            code: "ordine_publica".into(),
            name_ro: "Ordine și liniște publică".into(),
            name_en: "Public order".into(),
            days_before: 5,
            head_id: Some(3),
            head_username: Some("sef".into()),
            head_name: Some("Șeful".into()),
            email: Some("ordine@exemplu.ro".into()),
        };
        let d = DepartmentPatch {
            days_before: Some(3),
            ..Default::default()
        }
        .over(&seeded)
        .parse()
        .expect("valid");
        assert_eq!((d.days_before, d.head.as_deref()), (3, Some("sef")));
        assert_eq!(d.email.as_deref(), Some("ordine@exemplu.ro"));
        let d = DepartmentPatch {
            head: Some(String::new()),
            email: Some(String::new()),
            ..Default::default()
        }
        .over(&seeded)
        .parse()
        .expect("cleared");
        assert_eq!((d.head, d.email), (None, None));
    }
}
