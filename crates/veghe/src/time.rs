//! Timișoara's time zone, the one in which days, shifts, yearly numbers and shown times begin.

use jiff::tz::TimeZone;

/// Europe/Bucharest. The tz database is bundled with jiff (`tzdb-bundle-always`), so the one
/// fallback, UTC, is never taken in practice.
pub fn bucharest() -> TimeZone {
    TimeZone::get("Europe/Bucharest").unwrap_or(TimeZone::UTC)
}
