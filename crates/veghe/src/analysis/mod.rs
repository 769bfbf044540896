//! Analysis: runs `veghe-analytics` on the analyst's files (the `veghe analyze` commands) and,
//! later, on stored incidents and records for the analysis pages.

pub mod input;
pub mod knox;
