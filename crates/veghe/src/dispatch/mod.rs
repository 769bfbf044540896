//! Dispatch: incidents, their lifecycle and timeline, crews and their assignment.
//! (The live board, positions, check-ins, handover and special events grow here.)

pub mod addresses;
pub mod agencies;
pub mod api;
pub mod assignment;
pub mod attachments;
pub mod board;
pub mod calls;
pub mod checkins;
pub mod crew;
pub mod desk_api;
pub mod duty_page;
pub mod dutylog;
pub mod eido;
pub mod incident_forms;
pub mod incident_page;
pub mod ingest;
pub mod live;
pub mod log_api;
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
