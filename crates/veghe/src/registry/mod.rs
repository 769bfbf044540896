//! The registry: petitions (OG 27/2002), public-information requests (Law 544/2001) and internal
//! documents, each register numbered gaplessly per year; the case steps the law allows (rules in
//! `veghe_ro::petition`), routing to departments with their queues, the letters a case sends
//! (drafted from typed documents, approved, sent), deadline reminders, and the pages.

mod action_in;
pub mod actions;
pub mod api;
pub mod archive;
pub mod attachments;
mod case;
mod case_files;
mod case_texts;
pub mod dashboard;
pub mod deadlines;
pub mod departments;
pub mod export;
pub mod labels;
pub mod letters;
pub mod model;
pub mod nearby;
pub mod numbers;
pub mod open311;
pub mod pages;
pub mod public;
mod queue;
pub mod reminders;
pub mod reports;
pub mod retention;
pub mod search;
pub mod store;
mod timeline;

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
        .merge(reports::routes())
        .merge(retention::routes())
        .merge(letters::routes())
        .merge(archive::routes())
        .merge(deadlines::routes())
        .merge(departments::api::routes())
        .merge(departments::pages::routes())
}
