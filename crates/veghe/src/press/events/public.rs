//! The public calendar `/presa/evenimente.ics`: the press events of the last year and those to
//! come (planned and held as CONFIRMED, cancelled as CANCELLED), with the spokesperson in force
//! in the calendar's description.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::ics::{self, CalEvent};
use crate::AppState;
use crate::auth::Access;
use crate::auth::access::Routes;
use crate::db::now_ms;
use crate::error::AppResult;

/// The public feed's address.
pub const FEED: &str = "/presa/evenimente.ics";

/// The feed's route: open to anyone.
pub fn routes() -> Routes {
    Routes::new().get(FEED, Access::Public, feed)
}

const YEAR_MS: i64 = 366 * 24 * 3600 * 1000;

/// The whole feed as text.
pub async fn calendar_text(state: &AppState) -> AppResult<String> {
    let now = now_ms();
    let events = super::store::between(&state.db, now - YEAR_MS, i64::MAX).await?;
    let contact = crate::press::strategy::current_spokesperson(&state.db).await?;
    let cal: Vec<CalEvent<'_>> = events
        .iter()
        .map(|e| CalEvent {
            uid: format!("press-event-{}@veghe", e.id),
            stamp_ms: now,
            start_ms: e.starts_at,
            end_ms: e.ends_at,
            summary: &e.title,
            location: &e.place,
            description: e.description.as_deref().unwrap_or(""),
            cancelled: e.status == "cancelled",
        })
        .collect();
    let mut text = ics::calendar("Poliția Locală Timișoara — evenimente de presă", &cal);
    if let Some(s) = contact {
        let who = [Some(s.name), s.phone, s.email]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ");
        let line = ics::fold(&format!(
            "X-WR-CALDESC:{}",
            ics::escape(&format!("Purtător de cuvânt: {who}"))
        ));
        // After the calendar's name, before the time zone.
        if let Some(at) = text.find("X-WR-TIMEZONE") {
            text.insert_str(at, &line);
        }
    }
    Ok(text)
}

/// `GET /presa/evenimente.ics`
async fn feed(State(state): State<AppState>) -> AppResult<Response> {
    let text = calendar_text(&state).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"evenimente.ics\"",
            ),
        ],
        text,
    )
        .into_response())
}
