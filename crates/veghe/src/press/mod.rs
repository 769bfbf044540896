//! The press office (Communication): the office's desk `/press`, and its parts — press releases
//! and the public newsroom `/presa`, outlets and journalists, accreditations and media requests,
//! press conferences, the communication strategy and campaigns, internal circulars.

pub mod accreditation;
pub mod circulars;
pub mod contacts;
pub mod desk;
pub mod events;
pub mod input;
pub mod queue;
pub mod releases;
pub mod requests;
pub mod strategy;
mod texts;
mod view;

use crate::auth::access::Routes;

/// Every route of the press office.
pub fn routes() -> Routes {
    Routes::new()
        .merge(desk::routes())
        .merge(accreditation::routes())
        .merge(requests::routes())
        .merge(circulars::routes())
        .merge(contacts::routes())
        .merge(strategy::routes())
        .merge(events::routes())
        .merge(releases::routes())
}

/// A refusal to show on a page: the status the page answers with (200 when none) and the words.
pub(crate) fn refusal(
    error: Option<(axum::http::StatusCode, String)>,
) -> (axum::http::StatusCode, Option<String>) {
    match error {
        Some((status, words)) => (status, Some(words)),
        None => (axum::http::StatusCode::OK, None),
    }
}

/// A page rendered and answered with `status`.
pub(crate) fn page_with<T: askama::Template>(
    page: &T,
    status: axum::http::StatusCode,
) -> crate::error::AppResult<axum::response::Response> {
    let mut r = crate::web::render(page)?;
    *r.status_mut() = status;
    Ok(r)
}
