//! Dispatch: incidents, their lifecycle and timeline, crews and their assignment.
//! (The live board, positions, check-ins, handover and special events grow here.)

pub mod agencies;
pub mod api;
pub mod board;
pub mod checkins;
pub mod live;
pub mod model;
pub mod positions;
pub mod recommend;
pub mod shift;
pub mod special;
pub mod store;
pub mod timeline;
pub mod units;
