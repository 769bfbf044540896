//! Distribution lists: a named set of journalists and outlets (their newsroom's address) a release
//! is sent to. Created, renamed, members added and removed, each write audited.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::mask;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

/// A list, with how many members it has.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct List {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub members: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const SELECT: &str = "SELECT l.id, l.name, l.description, \
     (SELECT COUNT(*) FROM press_list_members m WHERE m.list_id = l.id) AS members, \
     l.created_at, l.updated_at FROM press_lists l";

/// A member as stored: a journalist or an outlet, with the address a release goes to.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub journalist_id: Option<i64>,
    pub outlet_id: Option<i64>,
    /// The journalist's or the outlet's name.
    pub name: String,
    /// The journalist's outlet.
    pub outlet: Option<String>,
    pub email: Option<String>,
    pub retired_at: Option<i64>,
}

/// A member as shown: a journalist's address masked.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct MemberShown {
    pub id: i64,
    pub journalist_id: Option<i64>,
    pub outlet_id: Option<i64>,
    pub name: String,
    pub outlet: Option<String>,
    /// A journalist's masked; an outlet's newsroom address in full.
    pub email: Option<String>,
    pub retired: bool,
}

impl Member {
    pub fn shown(self) -> MemberShown {
        let email = match self.journalist_id {
            Some(_) => self.email.as_deref().map(mask::email),
            None => self.email,
        };
        MemberShown {
            id: self.id,
            journalist_id: self.journalist_id,
            outlet_id: self.outlet_id,
            name: self.name,
            outlet: self.outlet,
            email,
            retired: self.retired_at.is_some(),
        }
    }
}

/// A list's name and description, as sent.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct ListIn {
    pub name: Option<String>,
    pub description: Option<String>,
}

/// A member to add or remove: a journalist or an outlet (one of them).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct MemberIn {
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[schema(value_type = Option<i64>)]
    pub journalist_id: Option<String>,
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[schema(value_type = Option<i64>)]
    pub outlet_id: Option<String>,
}

/// Who a member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    Journalist(i64),
    Outlet(i64),
}

impl MemberIn {
    pub fn parse(self) -> AppResult<Who> {
        let id = |v: Option<String>| v.and_then(|s| s.trim().parse::<i64>().ok());
        match (id(self.journalist_id), id(self.outlet_id)) {
            (Some(j), None) => Ok(Who::Journalist(j)),
            (None, Some(o)) => Ok(Who::Outlet(o)),
            _ => Err(AppError::bad(
                "member",
                Said::new(
                    "Membrul listei: alegeți un jurnalist sau o redacție (unul singur).",
                    "member: choose one journalist or one outlet",
                ),
            )),
        }
    }
}

fn parse(input: ListIn) -> AppResult<(String, Option<String>)> {
    Ok((
        required(input.name, "name", 120)?,
        text(input.description, "description", 1000)?,
    ))
}

/// Every list, by name.
pub async fn all(db: &Db) -> AppResult<Vec<List>> {
    Ok(
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY l.name")))
            .fetch_all(db.pool())
            .await?,
    )
}

pub async fn get(db: &Db, id: i64) -> AppResult<List> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE l.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<List> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE l.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

const MEMBERS: &str = "SELECT m.id, m.journalist_id, m.outlet_id, \
     COALESCE(j.name, o.name, '') AS name, jo.name AS outlet, \
     CASE WHEN m.journalist_id IS NULL THEN o.email ELSE j.email END AS email, \
     CASE WHEN m.journalist_id IS NULL THEN o.retired_at ELSE j.retired_at END AS retired_at \
     FROM press_list_members m \
     LEFT JOIN press_journalists j ON j.id = m.journalist_id \
     LEFT JOIN press_outlets jo ON jo.id = j.outlet_id \
     LEFT JOIN press_outlets o ON o.id = m.outlet_id \
     WHERE m.list_id = $1 ORDER BY m.journalist_id IS NOT NULL, name, m.id";

/// A list's members, outlets first, by name; addresses in full, for the caller to mask or send.
pub async fn members(db: &Db, list_id: i64) -> AppResult<Vec<Member>> {
    Ok(sqlx::query_as(MEMBERS)
        .bind(list_id)
        .fetch_all(db.pool())
        .await?)
}

pub(super) async fn members_in(tx: &mut Tx, list_id: i64) -> AppResult<Vec<Member>> {
    Ok(sqlx::query_as(MEMBERS)
        .bind(list_id)
        .fetch_all(&mut **tx)
        .await?)
}

fn taken(name: &str) -> AppError {
    AppError::conflict(Said::new(
        format!("Lista „{name}” există deja; alegeți alt nume."),
        format!("the list “{name}” already exists"),
    ))
}

async fn name_used(tx: &mut Tx, name: &str, except: i64) -> AppResult<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM press_lists WHERE name = $1 AND id <> $2")
            .bind(name)
            .bind(except)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

async fn audited(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<&List>,
) -> AppResult<List> {
    let after = get_in(tx, id).await?;
    audit::append(
        tx,
        actor,
        Change::of(action, "press_list", id, before, &after),
    )
    .await?;
    Ok(after)
}

/// Creates a list; a name in use is a conflict.
pub async fn create(db: &Db, actor: &Actor, input: ListIn) -> AppResult<List> {
    let (name, description) = parse(input)?;
    let mut tx = db.begin().await?;
    if name_used(&mut tx, &name, 0).await? {
        return Err(taken(&name));
    }
    let now = now_ms();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_lists (name, description, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(&name)
    .bind(&description)
    .bind(actor.user_id)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let list = audited(&mut tx, actor, "press_list.create", id, None).await?;
    tx.commit().await?;
    Ok(list)
}

/// Renames a list or changes its description.
pub async fn edit(db: &Db, actor: &Actor, id: i64, input: ListIn) -> AppResult<List> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let (name, description) = parse(ListIn {
        name: input.name.or_else(|| Some(before.name.clone())),
        description: input.description.or_else(|| before.description.clone()),
    })?;
    if name_used(&mut tx, &name, id).await? {
        return Err(taken(&name));
    }
    sqlx::query(
        "UPDATE press_lists SET name = $2, description = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(&name)
    .bind(&description)
    .bind(now_ms())
    .execute(&mut *tx)
    .await?;
    let list = audited(&mut tx, actor, "press_list.edit", id, Some(&before)).await?;
    tx.commit().await?;
    Ok(list)
}

/// Adds a journalist or an outlet to a list; one already on it is a conflict.
pub async fn add_member(db: &Db, actor: &Actor, list_id: i64, who: Who) -> AppResult<List> {
    let mut tx = db.begin().await?;
    let list = add_member_in(&mut tx, actor, list_id, who).await?;
    tx.commit().await?;
    Ok(list)
}

/// [`add_member`] in the caller's transaction.
pub async fn add_member_in(tx: &mut Tx, actor: &Actor, list_id: i64, who: Who) -> AppResult<List> {
    get_in(tx, list_id).await?;
    let (table, column, id) = match who {
        Who::Journalist(id) => ("press_journalists", "journalist_id", id),
        Who::Outlet(id) => ("press_outlets", "outlet_id", id),
    };
    let exists: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {table} WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    if exists == 0 {
        return Err(AppError::bad(
            column,
            Said::new(
                "Membrul listei: alegeți un jurnalist sau o redacție din listă.",
                format!("{column}: no such record"),
            ),
        ));
    }
    let on: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM press_list_members WHERE list_id = $1 AND {column} = $2"
    )))
    .bind(list_id)
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    if on > 0 {
        return Err(AppError::conflict(Said::new(
            "Membrul este deja în listă.",
            "already on the list",
        )));
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO press_list_members (list_id, {column}, added_by, added_at) VALUES ($1, $2, $3, $4)"
    )))
    .bind(list_id)
    .bind(id)
    .bind(actor.user_id)
    .bind(now_ms())
    .execute(&mut **tx)
    .await?;
    member_audit(tx, actor, "press_list.add_member", list_id, column, id).await?;
    get_in(tx, list_id).await
}

/// Takes a journalist or an outlet off a list; one not on it is not found.
pub async fn remove_member(db: &Db, actor: &Actor, list_id: i64, who: Who) -> AppResult<List> {
    let mut tx = db.begin().await?;
    let (column, id) = match who {
        Who::Journalist(id) => ("journalist_id", id),
        Who::Outlet(id) => ("outlet_id", id),
    };
    let gone = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM press_list_members WHERE list_id = $1 AND {column} = $2"
    )))
    .bind(list_id)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    if gone.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    member_audit(
        &mut tx,
        actor,
        "press_list.remove_member",
        list_id,
        column,
        id,
    )
    .await?;
    let list = get_in(&mut tx, list_id).await?;
    tx.commit().await?;
    Ok(list)
}

async fn member_audit(
    tx: &mut Tx,
    actor: &Actor,
    action: &'static str,
    list_id: i64,
    column: &str,
    id: i64,
) -> AppResult<()> {
    audit::append(
        tx,
        actor,
        Change {
            action,
            entity: "press_list",
            entity_id: Some(list_id.to_string()),
            before: None,
            after: Some(json!({ column: id })),
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_is_one_journalist_or_one_outlet() {
        let m = |j: Option<&str>, o: Option<&str>| MemberIn {
            journalist_id: j.map(str::to_string),
            outlet_id: o.map(str::to_string),
        };
        assert_eq!(m(Some("4"), None).parse().expect("j"), Who::Journalist(4));
        assert_eq!(m(None, Some(" 2")).parse().expect("o"), Who::Outlet(2));
        assert!(m(Some("4"), Some("2")).parse().is_err());
        assert!(m(None, None).parse().is_err());
        assert!(m(Some("x"), None).parse().is_err());
    }
}
