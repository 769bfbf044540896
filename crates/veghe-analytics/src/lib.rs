//! Veghe's analytic algorithms on plain data (points in projected metres, dates, counts): hot spots,
//! near-repeat patterns, clustering, evaluation of hot-spot maps. No database, no HTTP.
#![forbid(unsafe_code)]

pub mod crs;
pub mod error;
pub mod evaluate;
pub mod fdr;
pub mod grid;
pub mod kde;
pub mod knox;
pub mod lisa;
pub mod nnh;
pub mod normal;
pub mod rng;
pub mod series;
pub mod weights;
