//! The registry: petitions (OG 27/2002), public-information requests (Law 544/2001) and internal
//! documents, each register numbered gaplessly per year; the case steps the law allows (rules in
//! `veghe_ro::petition`), routing to departments with their queues, and the pages.

mod action_in;
pub mod actions;
pub mod api;
pub mod attachments;
mod case;
pub mod dashboard;
pub mod departments;
pub mod export;
pub mod labels;
pub mod model;
pub mod numbers;
pub mod open311;
pub mod pages;
pub mod public;
mod queue;
pub mod search;
pub mod store;

use crate::auth::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(public::routes())
        .merge(open311::routes())
        .merge(search::routes())
        .merge(export::routes())
        .merge(dashboard::routes())
}
