//! The press office (Communication): the office's desk `/press`, and its parts — press releases
//! and the public newsroom `/presa`, outlets and journalists, accreditations and media requests,
//! press conferences, the communication strategy and campaigns, internal circulars.

pub mod desk;
pub mod releases;
mod texts;

use crate::auth::access::Routes;

/// Every route of the press office.
pub fn routes() -> Routes {
    Routes::new()
        .merge(desk::routes())
        .merge(releases::routes())
}
