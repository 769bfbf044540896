//! Retiring an outlet or a journalist, and bringing one back: the one write both share.

use crate::db::{Tx, now_ms};
use crate::error::{AppError, AppResult, Said};

/// Which record is retired.
#[derive(Clone, Copy)]
pub enum Kind {
    Outlet,
    Journalist,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Outlet => "press_outlets",
            Kind::Journalist => "press_journalists",
        }
    }
}

/// Sets (`retire`) or clears the `retired_at` of record `id` named `name`, retired now or not
/// (`was`); asking for the state it is in is a conflict. Answers the audit's action.
pub async fn toggle(
    tx: &mut Tx,
    kind: Kind,
    id: i64,
    name: &str,
    was: bool,
    retire: bool,
) -> AppResult<&'static str> {
    if was == retire {
        let (who, ro) = match (kind, retire) {
            (Kind::Outlet, true) => ("Redacția", "este deja retrasă"),
            (Kind::Outlet, false) => ("Redacția", "nu este retrasă"),
            (Kind::Journalist, true) => ("Jurnalistul", "este deja retras"),
            (Kind::Journalist, false) => ("Jurnalistul", "nu este retras"),
        };
        let en = if retire {
            "is already retired"
        } else {
            "is not retired"
        };
        return Err(AppError::conflict(Said::new(
            format!("{who} „{name}” {ro}."),
            format!("“{name}” {en}"),
        )));
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE {} SET retired_at = $2 WHERE id = $1",
        kind.table()
    )))
    .bind(id)
    .bind(retire.then(now_ms))
    .execute(&mut **tx)
    .await?;
    Ok(match (kind, retire) {
        (Kind::Outlet, true) => "press_outlet.retire",
        (Kind::Outlet, false) => "press_outlet.reinstate",
        (Kind::Journalist, true) => "press_journalist.retire",
        (Kind::Journalist, false) => "press_journalist.reinstate",
    })
}
