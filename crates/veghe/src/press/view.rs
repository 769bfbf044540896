//! What the press office's pages and stores share: whether the reader may write (the `PRESS`
//! group), a refused form's status and words, a page answered with that status; and the end of
//! an audited write (its audit entry, its live event, the commit).

use axum::http::StatusCode;
use axum::response::Response;

use crate::audit::{self, Actor, Change};
use crate::auth::groups;
use crate::db::Tx;
use crate::error::AppResult;
use crate::web::Shell;

/// Whether the page's reader writes the press office's records.
pub fn writes(shell: &Shell) -> bool {
    shell
        .user
        .as_ref()
        .is_some_and(|u| groups::PRESS.contains(&u.role))
}

/// A refusal's status and words; none is 200 with no words.
pub fn refusal(error: Option<(StatusCode, String)>) -> (StatusCode, Option<String>) {
    match error {
        Some((s, m)) => (s, Some(m)),
        None => (StatusCode::OK, None),
    }
}

/// A rendered page answered with `status`.
pub fn with_status(page: AppResult<Response>, status: StatusCode) -> AppResult<Response> {
    let mut response = page?;
    *response.status_mut() = status;
    Ok(response)
}

/// Ends a write: its audit entry and live event in the transaction, then the commit.
pub async fn commit(
    mut tx: Tx,
    actor: &Actor,
    change: Change<'_>,
    event: &str,
    payload: serde_json::Value,
) -> AppResult<()> {
    audit::append(&mut tx, actor, change).await?;
    crate::db::events::publish(&mut tx, event, &payload).await?;
    tx.commit().await?;
    Ok(())
}
