//! Properties of the administration's parsers of outside input: whatever a person or a client
//! types, each answers a value within its rule or a refusal naming its field, and never panics.

use proptest::prelude::*;

use crate::dispatch::catalogue::input as types;
use crate::dispatch::units::input::{CallSign, TrackerId};
use crate::http::extract;
use crate::settings::ClockTime;

/// The field a refusal names.
fn field(e: &crate::error::AppError) -> Option<&str> {
    match e {
        crate::error::AppError::BadRequest { field, .. } => *field,
        _ => None,
    }
}

proptest! {
    #[test]
    fn a_call_sign_is_kept_within_its_rule(s in "\\PC{0,30}|[A-Z]{2}-[0-9]{3}") {
        match CallSign::parse(Some(s.clone())) {
            Ok(c) => {
                let c = c.as_str();
                prop_assert_eq!(c, s.trim());
                prop_assert!((1..=20).contains(&c.chars().count()));
                prop_assert!(c.chars().all(|ch| ch.is_alphanumeric() || " -./".contains(ch)));
            }
            Err(e) => prop_assert_eq!(field(&e), Some("call_sign")),
        }
    }

    #[test]
    fn a_tracker_id_is_ascii_and_never_starts_or_ends_with_a_slash(s in "\\PC{0,70}|[a-z0-9./_-]{1,70}") {
        match TrackerId::parse(Some(s.clone())) {
            Ok(None) => prop_assert!(s.trim().is_empty()),
            Ok(Some(t)) => {
                let t = t.as_str();
                prop_assert!((1..=64).contains(&t.len()));
                prop_assert!(t.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b)));
                prop_assert!(!t.starts_with('/') && !t.ends_with('/') && !t.contains("//"));
            }
            Err(e) => prop_assert_eq!(field(&e), Some("tracker_id")),
        }
    }

    #[test]
    fn a_type_code_is_lower_case_ascii(s in "\\PC{0,45}|[a-z][a-z0-9_]{0,45}") {
        match types::code(&s) {
            Ok(c) => {
                prop_assert!((2..=40).contains(&c.len()));
                prop_assert!(c.as_bytes()[0].is_ascii_lowercase());
                prop_assert!(c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
            }
            Err(e) => prop_assert_eq!(field(&e), Some("code")),
        }
    }

    #[test]
    fn a_directory_code_is_lower_case_ascii(s in "\\PC{0,35}|[a-z0-9][a-z0-9_-]{0,35}") {
        match extract::code(Some(s.clone()), "code") {
            Ok(c) => {
                prop_assert!((1..=30).contains(&c.chars().count()));
                prop_assert!(c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-".contains(&b)));
            }
            Err(e) => prop_assert_eq!(field(&e), Some("code")),
        }
    }

    #[test]
    fn an_email_address_has_one_at_and_no_space(s in "\\PC{0,40}|[a-z.]{1,10}@[a-z]{1,10}\\.[a-z]{2,3}") {
        match extract::email(Some(s.clone()), "email") {
            Ok(None) => prop_assert!(s.trim().is_empty()),
            Ok(Some(a)) => {
                prop_assert_eq!(a.matches('@').count(), 1);
                prop_assert!(!a.chars().any(char::is_whitespace));
            }
            Err(e) => prop_assert_eq!(field(&e), Some("email")),
        }
    }

    #[test]
    fn a_clock_time_reads_back_as_written(h in 0u8..24, m in 0u8..60) {
        let t = ClockTime::parse(&format!("{h:02}:{m:02}")).expect("a valid time");
        prop_assert_eq!((t.hour(), t.minute()), (h as i8, m as i8));
        prop_assert_eq!(ClockTime::parse(&t.to_string()), Some(t));
    }

    #[test]
    fn a_clock_time_is_refused_or_within_the_day(s in "\\PC{0,8}|[0-9]{1,3}:[0-9]{1,3}") {
        if let Some(t) = ClockTime::parse(&s) {
            prop_assert!((0..24).contains(&t.hour()) && (0..60).contains(&t.minute()));
        }
    }
}
