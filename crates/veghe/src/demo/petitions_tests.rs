//! Tests of the demo registry generator.

use super::*;

#[test]
fn three_years_deterministic_gapless_and_true_to_the_rules() {
    let now = jiff::civil::date(2026, 11, 29)
        .to_zoned(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0);
    let a = generate(7, now);
    assert_eq!(a, generate(7, now), "the same seed gives the same registry");
    let petitions = a
        .iter()
        .filter(|e| e.register == Register::Petition)
        .count();
    assert!((3500..6000).contains(&petitions), "{petitions} petitions");
    // Gapless numbers per register and year.
    let mut seen: HashMap<(&str, i64), i64> = HashMap::new();
    for e in &a {
        let last = seen.entry((e.register.code(), e.year)).or_insert(0);
        assert_eq!(e.number, *last + 1);
        *last = e.number;
        if let Some(c) = &e.cnp {
            assert!(c.parse::<veghe_ro::Cnp>().is_ok(), "{c}");
        }
        if let Some(c) = &e.cui {
            assert!(c.parse::<veghe_ro::Cui>().is_ok(), "{c}");
        }
        if let (Some(f), Some(limit)) = (e.forwarded_on, e.due) {
            assert!(f <= veghe_ro::due_date(veghe_ro::Rule::PetitionForward, e.day) && f < limit);
        }
    }
    let count = |s: &str| a.iter().filter(|e| e.status == s).count();
    for s in [
        "routed",
        "answered",
        "archived",
        "classed",
        "joined",
        "forwarded",
    ] {
        assert!(count(s) > 0, "some {s}");
    }
    let late = a
        .iter()
        .filter(|e| matches!((e.answer_on, e.due), (Some(x), Some(d)) if x > d))
        .count();
    assert!(late > 0 && late * 10 < petitions, "{late} late");
    assert!(a.iter().any(|e| e.notice_on.is_some()), "some extended");
    // Seasonal subjects in their season.
    assert!(
        a.iter()
            .filter(|e| e.subject.contains("zăpadă"))
            .all(|e| [12, 1, 2].contains(&e.day.month()))
    );
}
