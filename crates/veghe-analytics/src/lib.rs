//! Analytic algorithms on plain data.
#![forbid(unsafe_code)]
