//! Tests of legal deadlines: rule table, parsing, and due dates around holidays.

use jiff::ToSpan;
use veghe_ro::{Date, Rule, due_date, due_date_days, is_working_day};

fn d(y: i16, m: i8, day: i8) -> Date {
    jiff::civil::date(y, m, day)
}

#[test]
fn rule_table() {
    let table: Vec<(&str, i32, &str)> = Rule::all()
        .iter()
        .map(|r| (r.name(), r.days(), r.legal_basis()))
        .collect();
    assert_eq!(
        table,
        vec![
            ("petition-answer", 30, "OG 27/2002 art. 8"),
            ("petition-forward", 5, "OG 27/2002 art. 6¹"),
            ("petition-extension", 15, "OG 27/2002 art. 9"),
            ("info-answer", 10, "Legea 544/2001 art. 7 alin. (1)"),
            ("info-complex", 30, "Legea 544/2001 art. 7 alin. (1)"),
            ("info-refusal", 5, "Legea 544/2001 art. 7 alin. (2)"),
            (
                "info-complaint-answer",
                15,
                "Legea 544/2001 art. 21 alin. (2)"
            ),
            ("press-accreditation", 2, "Legea 544/2001 art. 18 alin. (1)"),
        ]
    );
    for rule in Rule::all() {
        assert!(!rule.description_ro().is_empty() && !rule.description_en().is_empty());
        assert!(
            !rule.description_ro().contains(['ş', 'ţ', 'Ş', 'Ţ']),
            "comma-below only"
        );
        assert_eq!(rule.to_string(), rule.name());
    }
}

#[test]
fn rule_parsing() {
    for rule in Rule::all() {
        assert_eq!(rule.name().parse::<Rule>(), Ok(*rule));
        assert_eq!(rule.name().to_uppercase().parse::<Rule>(), Ok(*rule));
        assert_eq!(format!("  {} ", rule.name()).parse::<Rule>(), Ok(*rule));
    }
    let err = "petition".parse::<Rule>().expect_err("unknown");
    let msg = err.to_string();
    assert!(msg.contains("\"petition\""), "{msg}");
    for rule in Rule::all() {
        assert!(msg.contains(rule.name()), "{msg} lists {}", rule.name());
    }
    assert!("petition_answer".parse::<Rule>().is_err());
    assert!("".parse::<Rule>().is_err());
}

#[test]
fn rule_serde_uses_kebab_names() {
    let json = serde_json::to_string(&Rule::InfoComplaintAnswer).expect("serialize");
    assert_eq!(json, "\"info-complaint-answer\"");
    let back: Rule = serde_json::from_str("\"petition-forward\"").expect("deserialize");
    assert_eq!(back, Rule::PetitionForward);
}

/// For every registration date of 2026, the petition due date is the first working day on or
/// after registration + 30 days.
#[test]
fn petition_answer_every_day_of_2026() {
    let mut from = d(2026, 1, 1);
    while from.year() == 2026 {
        let due = due_date(Rule::PetitionAnswer, from);
        let plain = from.checked_add(30.days()).expect("in range");
        assert!(is_working_day(due), "{from}: {due} is a working day");
        assert!(due >= plain, "{from}: {due} >= {plain}");
        let mut day = plain;
        while day < due {
            assert!(
                !is_working_day(day),
                "{from}: {day} would have been earlier"
            );
            day = day.tomorrow().expect("in range");
        }
        assert_eq!(due_date_days(30, from, false), plain);
        from = from.tomorrow().expect("in range");
    }
}

#[test]
fn around_easter_2026() {
    // Good Friday 10 April, Easter 12-13 April 2026.
    let cases = [
        (d(2026, 3, 10), d(2026, 4, 9)),  // Thursday, unchanged
        (d(2026, 3, 11), d(2026, 4, 14)), // Good Friday -> Tuesday after Easter Monday
        (d(2026, 3, 12), d(2026, 4, 14)), // Saturday
        (d(2026, 3, 13), d(2026, 4, 14)), // Easter Sunday
        (d(2026, 3, 14), d(2026, 4, 14)), // Easter Monday
        (d(2026, 3, 15), d(2026, 4, 14)), // Tuesday, unchanged
    ];
    for (from, due) in cases {
        assert_eq!(due_date(Rule::PetitionAnswer, from), due, "from {from}");
    }
    // Forwarding (5 days) from Tuesday 7 April ends on Easter Sunday -> Tuesday 14 April.
    assert_eq!(
        due_date(Rule::PetitionForward, d(2026, 4, 7)),
        d(2026, 4, 14)
    );
    // Extension counted from the original due date: 14 April + 15 = Wednesday 29 April.
    assert_eq!(
        due_date(Rule::PetitionExtension, d(2026, 4, 14)),
        d(2026, 4, 29)
    );
    // Public information (10 days) from 31 March: 10 April -> 14 April.
    assert_eq!(due_date(Rule::InfoAnswer, d(2026, 3, 31)), d(2026, 4, 14));
    assert_eq!(due_date_days(30, d(2026, 3, 11), false), d(2026, 4, 10));
}

#[test]
fn around_christmas_and_new_year_2026_27() {
    // 25 Dec 2026 Friday, 26-27 weekend; 1 Jan 2027 Friday, 2-3 weekend, 6-7 Jan Wed-Thu.
    let cases = [
        (d(2026, 11, 24), d(2026, 12, 24)), // Thursday, unchanged
        (d(2026, 11, 25), d(2026, 12, 28)), // Christmas
        (d(2026, 11, 26), d(2026, 12, 28)), // 26 Dec, Saturday
        (d(2026, 11, 27), d(2026, 12, 28)), // Sunday
        (d(2026, 12, 2), d(2027, 1, 4)),    // 1 Jan 2027
        (d(2026, 12, 3), d(2027, 1, 4)),    // 2 Jan, Saturday
        (d(2026, 12, 7), d(2027, 1, 8)),    // 6 Jan, Boboteaza
        (d(2026, 12, 8), d(2027, 1, 8)),    // 7 Jan, Sf. Ioan
        (d(2026, 12, 9), d(2027, 1, 8)),    // Friday, unchanged
    ];
    for (from, due) in cases {
        assert_eq!(due_date(Rule::PetitionAnswer, from), due, "from {from}");
    }
    // Refusal (5 days) from 20 Dec 2026 ends on Christmas -> Monday 28 Dec.
    assert_eq!(
        due_date(Rule::InfoRefusal, d(2026, 12, 20)),
        d(2026, 12, 28)
    );
    // Information (10 days) from 22 Dec 2026 ends on New Year's Day -> Monday 4 Jan 2027.
    assert_eq!(due_date(Rule::InfoAnswer, d(2026, 12, 22)), d(2027, 1, 4));
}

#[test]
fn around_30_november_and_1_december_2026() {
    // 28-29 Nov 2026 weekend, 30 Nov Monday and 1 Dec Tuesday holidays.
    let cases = [
        (d(2026, 10, 27), d(2026, 11, 26)), // Thursday, unchanged
        (d(2026, 10, 29), d(2026, 12, 2)),  // Saturday 28 Nov
        (d(2026, 10, 30), d(2026, 12, 2)),  // Sunday
        (d(2026, 10, 31), d(2026, 12, 2)),  // St Andrew
        (d(2026, 11, 1), d(2026, 12, 2)),   // National Day
        (d(2026, 11, 2), d(2026, 12, 2)),   // Wednesday, unchanged
    ];
    for (from, due) in cases {
        assert_eq!(due_date(Rule::PetitionAnswer, from), due, "from {from}");
    }
    assert_eq!(
        due_date(Rule::InfoComplaintAnswer, d(2026, 11, 15)),
        d(2026, 12, 2)
    );
}

#[test]
fn configurable_form_and_extremes() {
    let from = d(2026, 5, 31);
    assert_eq!(due_date_days(0, from, false), from);
    assert_eq!(due_date_days(0, from, true), d(2026, 6, 2)); // Pentecost Sunday + Monday
    assert_eq!(due_date_days(-1, d(2026, 6, 2), false), d(2026, 6, 1));
    assert_eq!(due_date_days(i32::MAX, from, true), Date::MAX);
    assert_eq!(due_date_days(i32::MIN, from, false), Date::MIN);
    assert_eq!(due_date_days(30, Date::MAX, true), Date::MAX);
}

/// An accreditation is decided within 2 days of the request's registration; a last day that is
/// not a working day moves to the next working day (Easter, 30 November–1 December, Christmas,
/// a weekend).
#[test]
fn press_accreditation_across_holidays() {
    let rule = Rule::PressAccreditation;
    // Orthodox Easter 2026 is 12 April: Good Friday 10, Easter Monday 13.
    assert_eq!(due_date(rule, d(2026, 4, 8)), d(2026, 4, 14));
    // Orthodox Easter 2027 is 2 May: Good Friday 30 April, 1 May, Easter Monday 3 May.
    assert_eq!(due_date(rule, d(2027, 4, 28)), d(2027, 5, 4));
    // Saint Andrew (30 November, a Monday in 2026) and the National Day (1 December).
    assert_eq!(due_date(rule, d(2026, 11, 28)), d(2026, 12, 2));
    assert_eq!(due_date(rule, d(2026, 11, 29)), d(2026, 12, 2));
    // Christmas 2026: 25 (Friday) and 26 December, then the Sunday.
    assert_eq!(due_date(rule, d(2026, 12, 23)), d(2026, 12, 28));
    // A plain weekend: Thursday 3 December 2026 + 2 = Saturday, so Monday the 7th.
    assert_eq!(due_date(rule, d(2026, 12, 3)), d(2026, 12, 7));
    // A working day two days on stays as it is.
    assert_eq!(due_date(rule, d(2026, 12, 7)), d(2026, 12, 9));
    // Every day of 2026 and 2027: the first working day on or after registration + 2 days.
    let mut from = d(2026, 1, 1);
    while from < d(2028, 1, 1) {
        let due = due_date(rule, from);
        assert!(is_working_day(due), "from {from}");
        assert!(due >= from + 2.days(), "from {from}");
        let mut day = from + 2.days();
        while day < due {
            assert!(!is_working_day(day), "from {from}: {day} skipped");
            day += 1.days();
        }
        from += 1.days();
    }
}
