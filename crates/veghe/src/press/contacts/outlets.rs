//! Outlets: the newsrooms the office writes to (name unique; kind online, print, tv, radio,
//! agency; the audience they state; the newsroom's own contacts, not personal data). Added,
//! edited, retired and reinstated, each checked whole and written with its audit entry.

use serde::{Deserialize, Serialize};

use super::mask::parse_phone;
use super::retire;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{email, one_of, required, text};

/// The kinds of outlet, as stored.
pub const KINDS: &[&str] = &["online", "print", "tv", "radio", "agency"];

/// An outlet.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Outlet {
    pub id: i64,
    pub name: String,
    /// online, print, tv, radio, agency
    pub kind: String,
    /// The audience the outlet states, a day.
    pub reach: Option<i64>,
    pub website: Option<String>,
    /// The newsroom's address.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub created_at: i64,
    /// When it was retired (epoch ms): it keeps its journalists and leaves the lists' sends.
    pub retired_at: Option<i64>,
}

const COLUMNS: &str = "id, name, kind, reach, website, email, phone, notes, created_at, retired_at";

/// An outlet as the API and the page send it; on a change, a field left out keeps its value and
/// an empty text clears an optional one.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct OutletIn {
    pub name: Option<String>,
    /// online, print, tv, radio, agency
    pub kind: Option<String>,
    /// A whole number of readers, viewers or listeners a day (digits only in a form).
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[schema(value_type = Option<i64>)]
    pub reach: Option<String>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

/// An outlet, read and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOutlet {
    pub name: String,
    pub kind: &'static str,
    pub reach: Option<i64>,
    pub website: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

fn kind(v: Option<String>) -> AppResult<&'static str> {
    one_of(
        v,
        "kind",
        KINDS,
        "Tipul redacției: alegeți unul din listă (online, presă scrisă, televiziune, radio, agenție).",
    )
}

fn reach(v: Option<String>) -> AppResult<Option<i64>> {
    let Some(r) = text(v, "reach", 20)? else {
        return Ok(None);
    };
    let digits: String = r.chars().filter(|c| !matches!(c, ' ' | '.')).collect();
    match digits.parse::<i64>() {
        Ok(n) if (0..=100_000_000).contains(&n) && digits.chars().all(|c| c.is_ascii_digit()) => {
            Ok(Some(n))
        }
        _ => Err(AppError::bad(
            "reach",
            Said::new(
                format!("Audiența „{r}”: un număr întreg de persoane pe zi, de exemplu 25000."),
                format!("reach “{r}”: a whole number of people a day, e.g. 25000"),
            ),
        )),
    }
}

fn website(v: Option<String>) -> AppResult<Option<String>> {
    let Some(w) = text(v, "website", 200)? else {
        return Ok(None);
    };
    let ok = (w.starts_with("https://") || w.starts_with("http://"))
        && w.split("://").nth(1).is_some_and(|h| h.contains('.'))
        && !w.chars().any(char::is_whitespace);
    if ok {
        Ok(Some(w))
    } else {
        Err(AppError::bad(
            "website",
            Said::new(
                format!(
                    "Site-ul „{w}”: o adresă care începe cu https://, de exemplu https://www.tion.ro."
                ),
                format!(
                    "website “{w}”: an address starting with https://, e.g. https://www.tion.ro"
                ),
            ),
        ))
    }
}

impl OutletIn {
    /// Reads and checks every field; a refusal names the first field at fault.
    pub fn parse(self) -> AppResult<NewOutlet> {
        Ok(NewOutlet {
            name: required(self.name, "name", 200)?,
            kind: kind(self.kind)?,
            reach: reach(self.reach)?,
            website: website(self.website)?,
            email: email(self.email, "email")?,
            phone: parse_phone(self.phone, "phone")?,
            notes: text(self.notes, "notes", 2000)?,
        })
    }

    /// The outlet as it would be after this change, to be checked whole.
    fn over(self, o: &Outlet) -> OutletIn {
        OutletIn {
            name: self.name.or_else(|| Some(o.name.clone())),
            kind: self.kind.or_else(|| Some(o.kind.clone())),
            reach: self.reach.or_else(|| o.reach.map(|r| r.to_string())),
            website: self.website.or_else(|| o.website.clone()),
            email: self.email.or_else(|| o.email.clone()),
            phone: self.phone.or_else(|| o.phone.clone()),
            notes: self.notes.or_else(|| o.notes.clone()),
        }
    }
}

/// Every outlet, the active first, by name.
pub async fn list(db: &Db) -> AppResult<Vec<Outlet>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM press_outlets ORDER BY retired_at IS NOT NULL, name"
    )))
    .fetch_all(db.pool())
    .await?)
}

/// One outlet.
pub async fn get(db: &Db, id: i64) -> AppResult<Outlet> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM press_outlets WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(AppError::NotFound)
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Outlet> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM press_outlets WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?
    .ok_or(AppError::NotFound)
}

fn taken(name: &str) -> AppError {
    AppError::conflict(Said::new(
        format!("Redacția „{name}” există deja; deschideți-o din listă."),
        format!("the outlet “{name}” already exists"),
    ))
}

/// Whether another outlet (not `except`) has this name.
async fn name_used(tx: &mut Tx, name: &str, except: i64) -> AppResult<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM press_outlets WHERE name = $1 AND id <> $2")
            .bind(name)
            .bind(except)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

/// The outlet as written, with the audit entry of the change.
async fn audited(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<&Outlet>,
) -> AppResult<Outlet> {
    let after = get_in(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change::of(action, "press_outlet", id, before, &after),
    )
    .await?;
    Ok(after)
}

/// Adds an outlet; a name already used (by a retired one too) is a conflict.
pub async fn add(db: &Db, actor: &Actor, o: NewOutlet) -> AppResult<Outlet> {
    let mut tx = db.begin().await?;
    let added = add_in(&mut tx, actor, o).await?;
    tx.commit().await?;
    Ok(added)
}

/// [`add`] in the caller's transaction.
pub async fn add_in(tx: &mut Tx, actor: &Actor, o: NewOutlet) -> AppResult<Outlet> {
    if name_used(tx, &o.name, 0).await? {
        return Err(taken(&o.name));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_outlets (name, kind, reach, website, email, phone, notes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&o.name)
    .bind(o.kind)
    .bind(o.reach)
    .bind(&o.website)
    .bind(&o.email)
    .bind(&o.phone)
    .bind(&o.notes)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    audited(tx, actor, "press_outlet.add", id, None).await
}

/// Changes an outlet; the result is checked as a new one would be.
pub async fn edit(db: &Db, actor: &Actor, id: i64, patch: OutletIn) -> AppResult<Outlet> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let o = patch.over(&before).parse()?;
    if name_used(&mut tx, &o.name, id).await? {
        return Err(taken(&o.name));
    }
    sqlx::query(
        "UPDATE press_outlets SET name = $2, kind = $3, reach = $4, website = $5, email = $6, phone = $7, notes = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(&o.name)
    .bind(o.kind)
    .bind(o.reach)
    .bind(&o.website)
    .bind(&o.email)
    .bind(&o.phone)
    .bind(&o.notes)
    .execute(&mut *tx)
    .await?;
    let after = audited(&mut tx, actor, "press_outlet.edit", id, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Retires an outlet (`retire`) or brings it back; asking for the state it is in is a conflict.
pub async fn set_retired(db: &Db, actor: &Actor, id: i64, retire: bool) -> AppResult<Outlet> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let was = before.retired_at.is_some();
    let action =
        retire::toggle(&mut tx, retire::Kind::Outlet, id, &before.name, was, retire).await?;
    let after = audited(&mut tx, actor, action, id, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::super::refused_field as field;
    use super::*;

    fn good() -> OutletIn {
        OutletIn {
            name: Some(" Tion ".into()),
            kind: Some("online".into()),
            reach: Some("25 000".into()),
            website: Some("https://www.tion.ro".into()),
            email: Some("redactie@tion.ro".into()),
            phone: Some("0256 000 111".into()),
            notes: None,
        }
    }

    #[test]
    fn an_outlet_is_read_whole_and_each_bad_field_named() {
        let o = good().parse().expect("valid");
        assert_eq!((o.name.as_str(), o.reach), ("Tion", Some(25_000)));
        let cases = [
            (
                "name",
                OutletIn {
                    name: Some(" ".into()),
                    ..good()
                },
            ),
            (
                "kind",
                OutletIn {
                    kind: Some("blog".into()),
                    ..good()
                },
            ),
            (
                "reach",
                OutletIn {
                    reach: Some("-4".into()),
                    ..good()
                },
            ),
            (
                "reach",
                OutletIn {
                    reach: Some("mult".into()),
                    ..good()
                },
            ),
            (
                "website",
                OutletIn {
                    website: Some("www.tion.ro".into()),
                    ..good()
                },
            ),
            (
                "email",
                OutletIn {
                    email: Some("redactie".into()),
                    ..good()
                },
            ),
            (
                "phone",
                OutletIn {
                    phone: Some("0256 abc".into()),
                    ..good()
                },
            ),
        ];
        for (want, o) in cases {
            assert_eq!(field(o.parse().expect_err(want)), Some(want));
        }
    }
}
