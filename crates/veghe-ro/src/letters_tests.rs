//! Unit tests of the letters' rules.

use super::*;
use crate::petition::initial_due;
use jiff::civil::date;

fn case(register: Register, kind: &str, status: Status, registered_on: Date) -> Case {
    Case {
        register,
        kind: kind.into(),
        status,
        registered_on,
        due_on: initial_due(register, kind, registered_on),
        extended: false,
    }
}

fn rule(r: Result<(), Refusal>) -> &'static str {
    r.expect_err("refused").rule
}

#[test]
fn no_answer_after_classing_joining_or_answering() {
    let d = date(2026, 3, 2);
    let open = case(Register::Petition, "complaint", Status::Routed, d);
    assert_eq!(open.may_write(LetterKind::Answer, d), Ok(()));
    let classed = Case {
        status: Status::Classed,
        ..open.clone()
    };
    let e = classed
        .may_write(LetterKind::Answer, d)
        .expect_err("classed");
    assert_eq!(e.rule, "OG 27/2002 art. 7");
    assert_eq!(e.field, None);
    // Its classing notice is still written.
    assert_eq!(classed.may_write(LetterKind::ClassNotice, d), Ok(()));
    for status in [Status::Joined, Status::Answered, Status::Archived] {
        let c = Case {
            status,
            ..open.clone()
        };
        assert!(c.may_write(LetterKind::Answer, d).is_err(), "{status:?}");
    }
}

#[test]
fn each_register_sends_its_own_letters() {
    let d = date(2026, 3, 2);
    let p = case(Register::Petition, "request", Status::Registered, d);
    let e = p.may_write(LetterKind::Refusal, d).expect_err("refusal");
    assert_eq!(e.field, Some("kind"));
    let i = case(Register::Info, "request", Status::Registered, d);
    assert!(i.may_write(LetterKind::ForwardNotice, d).is_err());
    assert_eq!(i.may_write(LetterKind::Refusal, d), Ok(()));
    let internal = case(Register::Internal, "incoming", Status::Registered, d);
    assert_eq!(internal.may_write(LetterKind::Answer, d), Ok(()));
    assert!(internal.may_write(LetterKind::ExtensionNotice, d).is_err());
}

#[test]
fn law_544_refusal_within_5_days_and_notice_within_10() {
    // Registered Monday 2 March 2026: refusal by 7 March (a Saturday, so Monday 9 March).
    let d = date(2026, 3, 2);
    let i = case(Register::Info, "request", Status::Routed, d);
    assert_eq!(i.may_write(LetterKind::Refusal, date(2026, 3, 9)), Ok(()));
    assert_eq!(
        rule(i.may_write(LetterKind::Refusal, date(2026, 3, 10))),
        "Legea 544/2001 art. 7 alin. (2)"
    );
    // The longer term is announced within the first 10 days (12 March).
    assert_eq!(
        i.may_write(LetterKind::ExtensionNotice, date(2026, 3, 12)),
        Ok(())
    );
    assert_eq!(
        rule(i.may_write(LetterKind::ExtensionNotice, date(2026, 3, 13))),
        "Legea 544/2001 art. 7 alin. (1)"
    );
    let complaint = case(Register::Info, "complaint", Status::Routed, d);
    assert_eq!(
        rule(complaint.may_write(LetterKind::Refusal, d)),
        "Legea 544/2001 art. 21 alin. (2)"
    );
}

#[test]
fn petition_notices_follow_their_steps() {
    let d = date(2026, 3, 2);
    let p = case(Register::Petition, "request", Status::Routed, d);
    // Forwarding within 5 days (by Saturday 7 March, so Monday 9 March).
    assert_eq!(
        p.may_write(LetterKind::ForwardNotice, date(2026, 3, 9)),
        Ok(())
    );
    assert_eq!(
        rule(p.may_write(LetterKind::ForwardNotice, date(2026, 3, 10))),
        "OG 27/2002 art. 6¹"
    );
    let forwarded = Case {
        status: Status::Forwarded,
        ..p.clone()
    };
    assert_eq!(
        forwarded.may_write(LetterKind::ForwardNotice, date(2026, 3, 20)),
        Ok(())
    );
    // The extension notice comes before the term ends, and once.
    assert_eq!(
        p.may_write(LetterKind::ExtensionNotice, date(2026, 4, 1)),
        Ok(())
    );
    assert_eq!(
        rule(p.may_write(LetterKind::ExtensionNotice, date(2026, 4, 3))),
        "OG 27/2002 art. 9"
    );
    let extended = Case {
        extended: true,
        ..p
    };
    assert!(extended.may_write(LetterKind::ExtensionNotice, d).is_err());
}

#[test]
fn approval_steps_in_order() {
    use LetterStatus::*;
    assert_eq!(submit(Draft), Ok(Submitted));
    assert_eq!(submit(Returned), Ok(Submitted));
    assert!(submit(Submitted).is_err());
    assert!(may_edit(Approved).is_err());
    // Approving what was not submitted (a draft, nothing yet) is refused.
    let e = approve(Draft, Some(1), Some(2)).expect_err("draft");
    assert_eq!(e.rule, PROCEDURE);
    assert_eq!(approve(Submitted, Some(1), Some(2)), Ok(Approved));
    assert!(approve(Submitted, Some(1), Some(1)).is_err());
    assert!(approve(Approved, Some(1), Some(2)).is_err());
    // Given back with a remark.
    assert_eq!(
        give_back(Submitted, "  ").expect_err("remark").field,
        Some("remark")
    );
    assert_eq!(
        give_back(Submitted, "Completați temeiul legal"),
        Ok(Returned)
    );
    // Sent only once approved, and once.
    assert!(send(Draft).is_err());
    assert!(send(Submitted).is_err());
    assert!(send(Returned).is_err());
    assert_eq!(send(Approved), Ok(Sent));
    assert!(send(Sent).is_err());
    for s in LetterStatus::ALL {
        assert_eq!(LetterStatus::parse(s.code()), Some(s));
    }
    for k in LetterKind::ALL {
        assert_eq!(LetterKind::parse(k.code()), Some(k));
    }
}

#[test]
fn kept_to_the_end_of_the_last_year() {
    assert_eq!(keep_until(date(2026, 6, 15), 10), Some(date(2036, 12, 31)));
    assert_eq!(keep_until(date(2026, 1, 1), 0), None);
}
