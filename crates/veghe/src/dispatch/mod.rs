//! Dispatch: incidents, their lifecycle and timeline, crews and their assignment.
//! (The live board, positions, check-ins, handover and special events grow here.)

pub mod addresses;
pub mod agencies;
pub mod api;
pub mod assignment;
pub mod attachments;
pub mod board;
pub mod board_texts;
pub mod calls;
pub mod catalogue;
pub mod checkins;
pub mod crew;
pub mod crew_texts;
pub mod desk_api;
pub mod duty_page;
pub mod duty_shift;
pub mod duty_texts;
pub mod dutylog;
pub mod eido;
pub mod incident_forms;
pub mod incident_page;
pub mod incident_texts;
pub mod ingest;
pub mod live;
pub mod locate;
pub mod log_api;
pub mod map;
pub mod model;
pub mod owntracks;
pub mod period;
pub mod positions;
pub mod recommend;
pub mod rosters;
pub mod route_page;
pub mod route_texts;
pub mod shift;
pub mod special;
pub mod store;
pub mod timeline;
pub mod tracks;
pub mod units;
pub mod worked;

use crate::auth::access::Routes;

/// Every route of dispatch: the incidents' API and pages, the board, special events, the duty
/// desk, crews and their routes, the duty log and EIDO.
pub fn routes() -> Routes {
    Routes::new()
        .merge(api::routes())
        .merge(board::routes())
        .merge(special::routes())
        .merge(desk_api::routes())
        .merge(incident_page::routes())
        .merge(duty_page::routes())
        .merge(crew::routes())
        .merge(locate::routes())
        .merge(route_page::routes())
        .merge(log_api::routes())
        .merge(eido::routes())
        .merge(units::routes())
        .merge(catalogue::routes())
        .merge(agencies::api::routes())
        .merge(agencies::pages::routes())
}
