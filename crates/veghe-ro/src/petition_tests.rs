//! Unit tests of the registry rules.

use super::*;
use jiff::civil::date;

fn petition(registered_on: Date) -> Case {
    Case {
        register: Register::Petition,
        kind: "complaint".into(),
        status: Status::Routed,
        registered_on,
        due_on: initial_due(Register::Petition, "complaint", registered_on),
        extended: false,
    }
}

fn info(registered_on: Date) -> Case {
    Case {
        register: Register::Info,
        kind: "request".into(),
        ..petition(registered_on)
    }
    .with_due()
}

impl Case {
    fn with_due(mut self) -> Case {
        self.due_on = initial_due(self.register, &self.kind, self.registered_on);
        self
    }
}

#[test]
fn deadlines_of_each_register() {
    // 11 March 2026 + 30 = Good Friday 10 April; Easter follows: Tuesday 14 April.
    let d = date(2026, 3, 11);
    assert_eq!(
        initial_due(Register::Petition, "request", d),
        Some(date(2026, 4, 14))
    );
    // 2 Dec 2026 + 10 = Saturday 12 December: Monday 14.
    assert_eq!(
        initial_due(Register::Info, "request", date(2026, 12, 2)),
        Some(date(2026, 12, 14))
    );
    // Complaint: 15 days from filing; 10 Dec + 15 = 25 Dec (Christmas), 26, 27 Sunday: 28 Dec.
    assert_eq!(
        initial_due(Register::Info, "complaint", date(2026, 12, 10)),
        Some(date(2026, 12, 28))
    );
    assert_eq!(initial_due(Register::Internal, "incoming", d), None);
}

#[test]
fn internal_deadline_is_working_days_before_the_legal_one_never_before_today() {
    // Legal due Tuesday 14 April 2026; 13 is Easter Monday and 10 Good Friday, so 3 working
    // days before is Tuesday 7 April (9, 8, 7).
    let due = date(2026, 4, 14);
    assert_eq!(internal_due(due, date(2026, 3, 11), 3), date(2026, 4, 7));
    assert_eq!(internal_due(due, date(2026, 4, 13), 5), date(2026, 4, 13));
    assert_eq!(internal_due(due, date(2026, 3, 11), 0), due);
}

#[test]
fn forwarding_within_five_days_with_the_petitioner_told() {
    let c = petition(date(2026, 11, 2)); // Monday; +5 = Saturday 7: Monday 9
    assert!(c.forward(date(2026, 11, 9), true).is_ok());
    let late = c.forward(date(2026, 11, 10), true).expect_err("refused");
    assert_eq!(late.rule, "OG 27/2002 art. 6¹");
    assert!(late.field.is_none());
    assert!(late.message.contains("09.11.2026"), "{late}");
    let untold = c.forward(date(2026, 11, 3), false).expect_err("refused");
    assert_eq!(untold.field, Some("petitioner_informed"));
    assert!(
        info(date(2026, 11, 2))
            .forward(date(2026, 11, 3), true)
            .is_err()
    );
}

#[test]
fn extension_only_after_notice_and_at_most_fifteen_days() {
    let c = petition(date(2026, 3, 11)); // due 14 April
    let none = c.extend(15, None, date(2026, 4, 1)).expect_err("refused");
    assert_eq!(none.rule, "OG 27/2002 art. 9");
    assert!(none.message.contains("notified"));
    let too_long = c
        .extend(16, Some(date(2026, 4, 1)), date(2026, 4, 1))
        .expect_err("refused");
    assert_eq!(too_long.field, Some("days"));
    // 14 April + 15 = 29 April (Wednesday).
    assert_eq!(
        c.extend(15, Some(date(2026, 4, 1)), date(2026, 4, 2)),
        Ok(date(2026, 4, 29))
    );
    // A notice in the future or after the term is refused.
    assert!(
        c.extend(5, Some(date(2026, 4, 3)), date(2026, 4, 2))
            .is_err()
    );
    assert!(
        c.extend(5, Some(date(2026, 4, 15)), date(2026, 4, 16))
            .is_err()
    );
    let twice = Case {
        extended: true,
        ..c.clone()
    };
    assert!(
        twice
            .extend(5, Some(date(2026, 4, 1)), date(2026, 4, 1))
            .is_err()
    );
}

#[test]
fn information_requests_go_to_thirty_days_only_with_notice_in_the_first_ten() {
    let c = info(date(2026, 12, 2));
    assert_eq!(
        c.extend(0, Some(date(2026, 12, 11)), date(2026, 12, 11)),
        Ok(date(2027, 1, 4)) // 1 Jan holiday, 2–3 weekend
    );
    let late = c
        .extend(0, Some(date(2026, 12, 13)), date(2026, 12, 13))
        .expect_err("refused");
    assert_eq!(late.rule, "Legea 544/2001 art. 7 alin. (1)");
    assert_eq!(late.field, Some("notice_on"));
    let complaint = Case {
        kind: "complaint".into(),
        ..c.clone()
    }
    .with_due();
    assert!(
        complaint
            .extend(0, Some(date(2026, 12, 3)), date(2026, 12, 3))
            .is_err()
    );
}

#[test]
fn refusal_reasoned_within_five_days() {
    let c = info(date(2026, 11, 2));
    assert!(
        c.refuse(date(2026, 11, 9), "informație exceptată, art. 12 lit. c")
            .is_ok()
    );
    assert!(
        c.refuse(date(2026, 11, 10), "informație exceptată, art. 12")
            .is_err()
    );
    assert_eq!(
        c.refuse(date(2026, 11, 3), "nu")
            .expect_err("refused")
            .field,
        Some("reason")
    );
    assert!(
        petition(date(2026, 11, 2))
            .refuse(date(2026, 11, 3), "motiv suficient")
            .is_err()
    );
}

#[test]
fn classing_repeats_only_after_the_original_answer() {
    let c = petition(date(2026, 11, 2));
    assert!(c.class(ClassGround::Anonymous, None).is_ok());
    assert_eq!(
        c.class(ClassGround::Repeat, None)
            .expect_err("refused")
            .field,
        Some("original")
    );
    let open = petition(date(2026, 10, 1));
    assert!(c.class(ClassGround::Repeat, Some(&open)).is_err());
    let answered = Case {
        status: Status::Answered,
        ..open
    };
    assert!(c.class(ClassGround::Repeat, Some(&answered)).is_ok());
}

#[test]
fn joining_same_petitioner_open_target() {
    let a = petition(date(2026, 11, 2));
    let b = petition(date(2026, 11, 5));
    assert!(b.join_into(&a, true).is_ok());
    assert_eq!(
        b.join_into(&a, false).expect_err("refused").rule,
        "OG 27/2002 art. 10"
    );
    let answered = Case {
        status: Status::Answered,
        ..a
    };
    assert!(b.join_into(&answered, true).is_err());
}

#[test]
fn nothing_is_answered_after_classing_and_the_rule_is_named() {
    let c = Case {
        status: Status::Classed,
        ..petition(date(2026, 11, 2))
    };
    let e = c
        .answer(date(2026, 11, 3), date(2026, 11, 3))
        .expect_err("refused");
    assert_eq!(e.rule, "OG 27/2002 art. 7");
    assert!(
        e.to_string()
            .starts_with("OG 27/2002 art. 7: the document was classed")
    );
    let open = petition(date(2026, 11, 2));
    assert_eq!(
        open.answer(date(2026, 11, 1), date(2026, 11, 3))
            .expect_err("refused")
            .field,
        Some("sent_on")
    );
    assert!(open.archive().is_err());
    let answered = Case {
        status: Status::Answered,
        ..open
    };
    assert!(answered.archive().is_ok());
}

#[test]
fn the_deadline_table_of_a_year_follows_the_rules() {
    // For every registration day of 2026 and 2027: the term ends on a working day, no earlier
    // than N calendar days later, and every day skipped over is non-working.
    let mut day = date(2026, 1, 1);
    while day < date(2028, 1, 1) {
        for (register, kind, n) in [
            (Register::Petition, "complaint", 30),
            (Register::Info, "request", 10),
            (Register::Info, "complaint", 15),
        ] {
            let due = initial_due(register, kind, day).expect("a term");
            let plain = due_date_days(n, day, false);
            assert!(
                due >= plain && crate::is_working_day(due),
                "{day} {n}: {due}"
            );
            let mut d = plain;
            while d < due {
                assert!(
                    !crate::is_working_day(d),
                    "{day} {n}: {d} skipped but working"
                );
                d = d.tomorrow().expect("date");
            }
            let internal = internal_due(due, day, 5);
            assert!(
                internal <= due && internal >= day,
                "{day}: internal {internal}"
            );
            assert!(crate::is_working_day(internal) || internal == day);
        }
        day = day.tomorrow().expect("date");
    }
}
