//! Romanian specifics for Veghe: the legal calendar and deadlines, CNP and CUI validation, and
//! Romanian text for search.
//!
//! ```
//! use veghe_ro::{Cnp, Rule, due_date, search_query};
//!
//! // A petition registered on 11 March 2026 is due 30 days later, on Good Friday (10 April);
//! // Easter weekend and Easter Monday follow, so the term ends on Tuesday 14 April.
//! let from = jiff::civil::date(2026, 3, 11);
//! assert_eq!(due_date(Rule::PetitionAnswer, from), jiff::civil::date(2026, 4, 14));
//!
//! let cnp: Cnp = "1800101221144".parse().expect("a valid CNP");
//! assert_eq!(cnp.masked(), "1**********44");
//!
//! assert_eq!(search_query("Petițiile din Timişoara"), search_query("petitie timisoara"));
//! ```
#![forbid(unsafe_code)]

pub mod calendar;
pub mod cnp;
pub mod cui;
pub mod deadline;
pub mod holiday;
pub mod letters;
pub mod petition;
pub mod reminder;
pub mod text;

pub use calendar::{
    Date, add_working_days, is_holiday, is_working_day, next_working_day_on_or_after,
    orthodox_easter,
};
pub use cnp::{Cnp, CnpError, Sex, mask_cnp_like};
pub use cui::{Cui, CuiError};
pub use deadline::{Rule, UnknownRule, due_date, due_date_days};
pub use holiday::{Holiday, HolidayKind, holiday_on, holidays};
pub use text::{fold, normalize_diacritics, search_query, search_terms};
