//! Public alerts as OASIS CAP 1.2: dispatchers issue and cancel them (API and page); the public
//! reads them as an Atom index of CAP messages under `/cap/`.

pub mod api;
pub mod cap;
pub mod model;
pub mod page;
pub mod store;
pub mod texts;
pub mod xml;

use crate::auth::Access;
use crate::auth::access::Routes;
use crate::auth::groups;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .post("/api/v1/alerts", write, api::issue)
        .get("/api/v1/alerts", read, api::list)
        .post("/api/v1/alerts/{id}/cancel", write, api::cancel)
        .get("/cap/alerts.xml", Access::Public, api::feed)
        .get("/cap/alerts/{file}", Access::Public, api::one)
        .get("/alerts", write, page::page)
        .post("/alerts", write, page::issue)
        .post("/alerts/{id}/cancel", write, page::cancel)
}
