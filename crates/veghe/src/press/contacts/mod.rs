//! Media relations: outlets and journalists (their contacts personal data, masked unless a
//! reason is given), distribution lists, and a published release sent to a list through the
//! outbox.

pub mod api;
pub mod journalists;
pub mod lists;
pub mod mask;
pub mod outlets;
mod pages;
mod pages_lists;
pub mod retention;
mod retire;
pub mod send;
mod texts;

use serde::{Deserialize, Deserializer};

use crate::auth::access::Routes;

/// The part's routes: its pages and its API.
pub fn routes() -> Routes {
    pages::routes()
        .merge(pages_lists::routes())
        .merge(api::routes())
}

/// A field a form sends as text and JSON as a number (or text): read as text, checked later.
fn number_or_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Given {
        Number(i64),
        Text(String),
    }
    Ok(Option::<Given>::deserialize(d)?.map(|g| match g {
        Given::Number(n) => n.to_string(),
        Given::Text(t) => t,
    }))
}

/// The field a refusal names, for the tests of what a form or the API sends.
#[cfg(test)]
fn refused_field(e: crate::error::AppError) -> Option<&'static str> {
    match e {
        crate::error::AppError::BadRequest { field, .. } => field,
        _ => None,
    }
}
