//! Journalists: name, outlet, position, beats, and their contacts and pitching notes, which are
//! personal data: read masked, in full only with a reason written to the access log. Added,
//! edited, retired and reinstated, each checked whole and written with its audit entry (which
//! names the contact fields changed, never their values).

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::mask::{self, parse_beats, parse_phone};
use super::retire;
use crate::audit::access_log::{self, Reason};
use crate::audit::{self, Actor, Change};
use crate::auth::CurrentUser;
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{email, text};

/// A journalist as stored, contacts in full: never leaves this module but through [`Shown`].
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    pub id: i64,
    pub outlet_id: Option<i64>,
    pub outlet: Option<String>,
    pub name: String,
    pub position: Option<String>,
    pub beats: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

/// A journalist as lists and the API show them: `masked` says whether email and phone are masked
/// and the notes left out.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Shown {
    pub id: i64,
    pub outlet_id: Option<i64>,
    pub outlet: Option<String>,
    pub name: String,
    pub position: Option<String>,
    /// The topics covered.
    pub beats: Vec<String>,
    /// `a***@tion.ro` unless revealed.
    pub email: Option<String>,
    /// `07** *** 123` unless revealed.
    pub phone: Option<String>,
    /// The pitching notes: only when revealed.
    pub notes: Option<String>,
    pub has_notes: bool,
    pub masked: bool,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl Stored {
    /// As shown to a reader who gave no reason.
    pub fn masked(self) -> Shown {
        Shown {
            email: self.email.as_deref().map(mask::email),
            phone: self.phone.as_deref().map(mask::phone),
            has_notes: self.notes.is_some(),
            notes: None,
            masked: true,
            ..self.revealed()
        }
    }

    /// In full (the reading already logged).
    pub fn revealed(self) -> Shown {
        Shown {
            id: self.id,
            outlet_id: self.outlet_id,
            outlet: self.outlet,
            name: self.name,
            position: self.position,
            beats: mask::tags(&self.beats),
            email: self.email,
            phone: self.phone,
            has_notes: self.notes.is_some(),
            notes: self.notes,
            masked: false,
            created_at: self.created_at,
            retired_at: self.retired_at,
        }
    }
}

const SELECT: &str = "SELECT j.id, j.outlet_id, o.name AS outlet, j.name, j.position, j.beats, j.email, j.phone, j.notes, \
     j.created_at, j.retired_at FROM press_journalists j LEFT JOIN press_outlets o ON o.id = j.outlet_id";

/// A journalist as the API and the page send them; on a change, a field left out keeps its value
/// and an empty text clears an optional one.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct JournalistIn {
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[schema(value_type = Option<i64>)]
    pub outlet_id: Option<String>,
    pub name: Option<String>,
    pub position: Option<String>,
    /// Topics separated by commas.
    pub beats: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The pitching notes: how and when they like to be approached.
    pub notes: Option<String>,
}

/// A journalist, read and checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NewJournalist {
    pub outlet_id: Option<i64>,
    pub name: String,
    pub position: Option<String>,
    pub beats: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: Option<String>,
}

fn outlet(v: Option<String>) -> AppResult<Option<i64>> {
    let Some(o) = text(v, "outlet_id", 20)? else {
        return Ok(None);
    };
    o.parse::<i64>().map(Some).map_err(|_| {
        AppError::bad(
            "outlet_id",
            Said::new(
                "Redacția: alegeți una din listă.",
                "outlet_id: choose an outlet from the list",
            ),
        )
    })
}

impl JournalistIn {
    /// Reads and checks every field; a refusal names the first field at fault.
    pub fn parse(self) -> AppResult<NewJournalist> {
        let name = text(self.name, "name", 200)?.ok_or_else(|| {
            AppError::bad(
                "name",
                Said::new(
                    "Numele jurnalistului: câmpul este obligatoriu; completați-l.",
                    "name is required",
                ),
            )
        })?;
        Ok(NewJournalist {
            outlet_id: outlet(self.outlet_id)?,
            name,
            position: text(self.position, "position", 200)?,
            beats: parse_beats(self.beats)?,
            email: email(self.email, "email")?,
            phone: parse_phone(self.phone, "phone")?,
            notes: text(self.notes, "notes", 4000)?,
        })
    }

    fn over(self, j: &Stored) -> JournalistIn {
        JournalistIn {
            outlet_id: self
                .outlet_id
                .or_else(|| j.outlet_id.map(|o| o.to_string())),
            name: self.name.or_else(|| Some(j.name.clone())),
            position: self.position.or_else(|| j.position.clone()),
            beats: self.beats.or_else(|| Some(j.beats.clone())),
            email: self.email.or_else(|| j.email.clone()),
            phone: self.phone.or_else(|| j.phone.clone()),
            notes: self.notes.or_else(|| j.notes.clone()),
        }
    }
}

/// What the journalists' list is narrowed to.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct Filter {
    /// Journalists of this outlet.
    #[serde(default, deserialize_with = "super::number_or_text")]
    #[param(value_type = Option<i64>)]
    pub outlet: Option<String>,
    /// Journalists covering this beat (one topic, any case).
    pub beat: Option<String>,
    /// Retired ones too (`1`).
    pub all: Option<String>,
}

impl Filter {
    pub fn outlet_id(&self) -> Option<i64> {
        self.outlet.as_deref().and_then(|o| o.trim().parse().ok())
    }

    pub fn beat(&self) -> Option<String> {
        self.beat
            .as_deref()
            .map(|b| b.trim().to_lowercase())
            .filter(|b| !b.is_empty())
    }

    pub fn with_retired(&self) -> bool {
        self.all.as_deref() == Some("1")
    }
}

/// The journalists `f` names, by name; contacts in full, for the caller to mask.
pub async fn list(db: &Db, f: &Filter) -> AppResult<Vec<Stored>> {
    let rows: Vec<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE ($1 = 0 OR j.outlet_id = $1) AND ($2 = 1 OR j.retired_at IS NULL) ORDER BY j.retired_at IS NOT NULL, j.name, j.id"
    )))
    .bind(f.outlet_id().unwrap_or(0))
    .bind(i64::from(f.with_retired()))
    .fetch_all(db.pool())
    .await?;
    let beat = f.beat();
    Ok(rows
        .into_iter()
        .filter(|j| {
            beat.as_ref()
                .is_none_or(|b| mask::tags(&j.beats).contains(b))
        })
        .collect())
}

/// Every beat in use, for the filter.
pub async fn beats(db: &Db) -> AppResult<Vec<String>> {
    let all: Vec<String> = sqlx::query_scalar("SELECT beats FROM press_journalists")
        .fetch_all(db.pool())
        .await?;
    let mut beats: Vec<String> = all.iter().flat_map(|b| mask::tags(b)).collect();
    beats.sort();
    beats.dedup();
    Ok(beats)
}

/// One journalist, contacts in full, for the caller to mask.
pub async fn get(db: &Db, id: i64) -> AppResult<Stored> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE j.id = $1")))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(AppError::NotFound)
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Stored> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE j.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

/// The journalist in full, the reading and its reason written to the access log.
pub async fn reveal(db: &Db, me: &CurrentUser, id: i64, reason: &Reason) -> AppResult<Shown> {
    let j = get(db, id).await?;
    access_log::record(
        db,
        me,
        "press_journalist",
        &id.to_string(),
        &["email", "phone", "notes"],
        reason,
    )
    .await?;
    Ok(j.revealed())
}

/// What the audit keeps of a journalist: the contacts only as present or not.
fn audited_view(j: &Stored) -> serde_json::Value {
    json!({
        "outlet_id": j.outlet_id, "name": j.name, "position": j.position, "beats": j.beats,
        "email": j.email.is_some(), "phone": j.phone.is_some(), "notes": j.notes.is_some(),
        "retired_at": j.retired_at,
    })
}

async fn audited(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    id: i64,
    before: Option<&Stored>,
) -> AppResult<Stored> {
    let after = get_in(tx, id).await?;
    let before = before.map(audited_view);
    audit::append(
        tx,
        actor,
        Change::of(
            action,
            "press_journalist",
            id,
            before.as_ref(),
            &audited_view(&after),
        ),
    )
    .await?;
    Ok(after)
}

async fn check_outlet(tx: &mut Tx, outlet_id: Option<i64>) -> AppResult<()> {
    let Some(id) = outlet_id else {
        return Ok(());
    };
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM press_outlets WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    if n == 0 {
        return Err(AppError::bad(
            "outlet_id",
            Said::new(
                "Redacția: alegeți una din listă.",
                "outlet_id: no such outlet",
            ),
        ));
    }
    Ok(())
}

/// Adds a journalist.
pub async fn add(db: &Db, actor: &Actor, j: NewJournalist) -> AppResult<Stored> {
    let mut tx = db.begin().await?;
    let added = add_in(&mut tx, actor, j).await?;
    tx.commit().await?;
    Ok(added)
}

/// [`add`] in the caller's transaction.
pub async fn add_in(tx: &mut Tx, actor: &Actor, j: NewJournalist) -> AppResult<Stored> {
    check_outlet(tx, j.outlet_id).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_journalists (outlet_id, name, position, beats, email, phone, notes, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(j.outlet_id)
    .bind(&j.name)
    .bind(&j.position)
    .bind(&j.beats)
    .bind(&j.email)
    .bind(&j.phone)
    .bind(&j.notes)
    .bind(now_ms())
    .fetch_one(&mut **tx)
    .await?;
    audited(tx, actor, "press_journalist.add", id, None).await
}

/// Changes a journalist; the result is checked as a new one would be.
pub async fn edit(db: &Db, actor: &Actor, id: i64, patch: JournalistIn) -> AppResult<Stored> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let j = patch.over(&before).parse()?;
    check_outlet(&mut tx, j.outlet_id).await?;
    sqlx::query(
        "UPDATE press_journalists SET outlet_id = $2, name = $3, position = $4, beats = $5, email = $6, phone = $7, notes = $8 WHERE id = $1",
    )
    .bind(id)
    .bind(j.outlet_id)
    .bind(&j.name)
    .bind(&j.position)
    .bind(&j.beats)
    .bind(&j.email)
    .bind(&j.phone)
    .bind(&j.notes)
    .execute(&mut *tx)
    .await?;
    let after = audited(&mut tx, actor, "press_journalist.edit", id, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

/// Retires a journalist (`retire`) or brings them back; the state they are in is a conflict.
pub async fn set_retired(db: &Db, actor: &Actor, id: i64, retire: bool) -> AppResult<Stored> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let was = before.retired_at.is_some();
    let action = retire::toggle(
        &mut tx,
        retire::Kind::Journalist,
        id,
        &before.name,
        was,
        retire,
    )
    .await?;
    let after = audited(&mut tx, actor, action, id, Some(&before)).await?;
    tx.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::super::refused_field as field;
    use super::*;

    fn good() -> JournalistIn {
        JournalistIn {
            outlet_id: Some("3".into()),
            name: Some("Ioana Mureșan".into()),
            position: Some("reporter".into()),
            beats: Some("trafic, Ordine publică".into()),
            email: Some("ioana.muresan@tion.ro".into()),
            phone: Some("0723 456 123".into()),
            notes: Some("Preferă telefonul dimineața.".into()),
        }
    }

    #[test]
    fn a_journalist_is_read_and_each_bad_field_named() {
        let j = good().parse().expect("valid");
        assert_eq!(j.beats, "trafic, ordine publică");
        let cases = [
            (
                "name",
                JournalistIn {
                    name: None,
                    ..good()
                },
            ),
            (
                "outlet_id",
                JournalistIn {
                    outlet_id: Some("x".into()),
                    ..good()
                },
            ),
            (
                "email",
                JournalistIn {
                    email: Some("ioana@".into()),
                    ..good()
                },
            ),
            (
                "phone",
                JournalistIn {
                    phone: Some("123".into()),
                    ..good()
                },
            ),
        ];
        for (want, j) in cases {
            assert_eq!(field(j.parse().expect_err(want)), Some(want));
        }
    }

    #[test]
    fn a_masked_journalist_shows_no_contact_in_full() {
        let s = Stored {
            id: 1,
            outlet_id: None,
            outlet: None,
            name: "Ioana".into(),
            position: None,
            beats: "trafic".into(),
            email: Some("ioana.muresan@tion.ro".into()),
            phone: Some("0723 456 123".into()),
            notes: Some("secret".into()),
            created_at: 0,
            retired_at: None,
        };
        let m = s.masked();
        assert_eq!(m.email.as_deref(), Some("i***@tion.ro"));
        assert_eq!(m.phone.as_deref(), Some("07** *** 123"));
        assert_eq!((m.notes, m.has_notes, m.masked), (None, true, true));
    }
}
