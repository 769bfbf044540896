//! Analysis: runs `veghe-analytics` on the analyst's files (the `veghe analyze` commands) and on
//! the stored incidents for the analysis pages and API (hot spots, trends, near repeat, the
//! operational situation) and the proposals made from them.

pub mod api;
pub mod cache;
pub mod exports;
pub mod filter;
pub mod hotspots;
pub mod input;
pub mod knox;
pub mod nearrepeat;
pub mod pages;
pub mod proposal_pages;
pub mod proposals;
pub mod service;
pub mod situation;
pub mod situation_page;
pub mod texts;
pub mod trends;

pub use cache::Cache;

use crate::auth::access::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(proposal_pages::routes())
}
