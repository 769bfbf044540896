//! Activity records (issue 6, DOMAIN §7, §11): the offence catalogue versioned in time, sanction
//! records (procese-verbale) and their imports from the departments' CSV and XLSX files, exports
//! with personal data masked, referrals and crimes caught in the act, activity counts, and the
//! data-quality page.

pub mod api;
pub mod catalogue;
pub mod conflicts;
pub mod export;
pub mod flow;
pub mod import;
pub mod labels;
pub mod mapping;
pub mod model;
pub mod pages;
pub mod parse;
pub mod places;
pub mod places_routes;
pub mod quality;
pub mod reader;
pub mod records;
pub mod report;
pub mod rows;
pub mod source;
pub mod store;
pub mod tuning;
pub mod uploads;

use crate::auth::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(places_routes::routes())
}
