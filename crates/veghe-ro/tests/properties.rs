//! Property tests: parsers never panic on arbitrary input, text functions keep their invariants,
//! and calendar functions hold for arbitrary dates.

use jiff::ToSpan;
use proptest::prelude::*;
use veghe_ro::calendar::MAX_YEAR;
use veghe_ro::{
    Cnp, Cui, Date, Rule, add_working_days, due_date, fold, holidays, is_working_day,
    mask_cnp_like, normalize_diacritics, orthodox_easter, search_query, search_terms,
};

/// Strings biased towards the inputs the parsers meet: digits, RO prefixes, Romanian letters,
/// combining marks, whitespace, and fully arbitrary Unicode.
fn messy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9]{0,16}",
        "(RO|ro| )?[0-9 ]{0,12}",
        "[0-9a-zA-ZăâîșțşţĂÂÎȘȚŞŢ\u{0326}\u{0327}\u{0306} \t.,/-]{0,40}",
        "[\u{0300}-\u{036F}\u{1E00}-\u{1EFF}\u{3380}-\u{33FF}\u{FB00}-\u{FB06}İıß]{0,20}",
    ]
}

fn any_date() -> impl Strategy<Value = Date> {
    (1i16..=MAX_YEAR, 1i8..=12, 1i8..=28).prop_map(|(y, m, d)| jiff::civil::date(y, m, d))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parsers_never_panic(s in messy()) {
        let _ = s.parse::<Cnp>();
        let _ = s.parse::<Cui>();
        let _ = s.parse::<Rule>();
        let _ = mask_cnp_like(&s);
    }

    #[test]
    fn parsed_cnp_round_trips(s in "[1-9][0-9]{2}(0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])(0[1-9]|[1-3][0-9]|4[0-8]|51|52|70)[0-9]{4}") {
        // Only one of the 10 possible check digits is valid; whichever it is round-trips.
        if let Ok(cnp) = s.parse::<Cnp>() {
            prop_assert_eq!(cnp.as_str(), s.as_str());
            prop_assert_eq!(cnp.to_string().parse::<Cnp>(), Ok(cnp));
            let masked = cnp.masked();
            prop_assert_eq!(masked.chars().filter(|&c| c == '*').count(), 10);
            prop_assert_eq!(mask_cnp_like(cnp.as_str()), masked);
        }
        let body = &s[..12];
        let valid = (0..10).filter(|c| format!("{body}{c}").parse::<Cnp>().is_ok()).count();
        prop_assert_eq!(valid, 1);
    }

    #[test]
    fn cui_has_exactly_one_check_digit(body in "[1-9][0-9]{0,8}") {
        let valid = (0..10).filter(|c| format!("{body}{c}").parse::<Cui>().is_ok()).count();
        prop_assert_eq!(valid, 1);
    }

    #[test]
    fn fold_is_idempotent(s in messy()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
        prop_assert!(!once.starts_with(' ') && !once.ends_with(' ') && !once.contains("  "));
    }

    #[test]
    fn normalize_never_yields_cedilla_forms(s in messy()) {
        let n = normalize_diacritics(&s);
        prop_assert!(!n.contains(['\u{15E}', '\u{15F}', '\u{162}', '\u{163}']), "{:?}", n);
        let mut prev = ' ';
        for c in n.chars() {
            prop_assert!(!(c == '\u{327}' && matches!(prev, 's' | 'S' | 't' | 'T')), "{:?}", n);
            prev = c;
        }
        prop_assert_eq!(normalize_diacritics(&n), n.clone());
        prop_assert_eq!(fold(&n), fold(&s));
    }

    #[test]
    fn search_terms_ignore_diacritics_and_case(s in messy()) {
        let terms = search_terms(&s);
        prop_assert!(terms.iter().all(|t| !t.is_empty() && !t.contains(' ')));
        prop_assert!(terms.iter().all(|t| fold(t) == *t));
        prop_assert_eq!(search_terms(&fold(&s)), terms.clone());
        prop_assert_eq!(search_query(&s), terms.join(" "));
    }

    #[test]
    fn due_dates_are_first_working_day_on_or_after_the_term(from in any_date(), idx in 0usize..7) {
        let rule = Rule::all()[idx];
        let due = due_date(rule, from);
        let plain = from.saturating_add(rule.days().days());
        prop_assert!(is_working_day(due) || due == Date::MAX);
        prop_assert!(due >= plain);
        prop_assert!(due <= plain.saturating_add(10.days()), "no run of 10 non-working days");
    }

    #[test]
    fn working_day_steps(from in any_date(), n in -40i32..=40) {
        let to = add_working_days(from, n);
        if n > 0 { prop_assert!(to > from && is_working_day(to)); }
        if n < 0 { prop_assert!(to < from && is_working_day(to)); }
        if n == 0 { prop_assert_eq!(to, from); }
    }

    #[test]
    fn easter_and_holidays_for_any_year(year in any::<i16>()) {
        let easter = orthodox_easter(year);
        prop_assert_eq!(easter.weekday(), jiff::civil::Weekday::Sunday);
        let list = holidays(year);
        prop_assert!(list.windows(2).all(|w| w[0].date < w[1].date));
        prop_assert!(list.len() >= 7, "8 baseline kinds, two may share 1 May");
    }
}
