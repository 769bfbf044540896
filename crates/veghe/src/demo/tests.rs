//! Tests of the demo history: determinism, geography, rhythms, the change point, near repeats.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use jiff::civil::{Date, DateTime, Weekday, date};
use jiff::tz::TimeZone;

use super::calendar::is_school_day;
use super::model::RHYTHMS;
use super::rng::Rng;
use super::*;
use crate::geo::{distance_m, geo};

const SEED: u64 = 20_251_129;

fn tz() -> TimeZone {
    crate::time::bucharest()
}

/// 29 November 2026, 10:30 in Timișoara.
fn now_ms() -> i64 {
    tz().to_timestamp(date(2026, 11, 29).at(10, 30, 0, 0))
        .expect("valid time")
        .as_millisecond()
}

fn local(ms: i64) -> DateTime {
    jiff::Timestamp::from_millisecond(ms)
        .expect("valid instant")
        .to_zoned(tz())
        .datetime()
}

fn history() -> &'static [Incident] {
    static HISTORY: OnceLock<Vec<Incident>> = OnceLock::new();
    HISTORY.get_or_init(|| generate(SEED, now_ms()).collect())
}

fn of_kind(kind: &str) -> impl Iterator<Item = &'static Incident> + '_ {
    history().iter().filter(move |i| i.kind == kind)
}

#[test]
fn same_seed_same_history() {
    let a: Vec<Incident> = generate(SEED, now_ms()).take(100).collect();
    let b: Vec<Incident> = generate(SEED, now_ms()).take(100).collect();
    assert_eq!(a.len(), 100);
    assert_eq!(a, b);
    let c: Vec<Incident> = generate(SEED + 1, now_ms()).take(100).collect();
    assert_ne!(a, c);
}

#[test]
fn demo_types_and_rhythms_agree() {
    let codes: Vec<&str> = types::TYPES.iter().map(|t| t.code).collect();
    let rhythms: Vec<&str> = RHYTHMS.iter().map(|r| r.code).collect();
    assert_eq!(codes, rhythms);
    let cedilla = |s: &str| s.contains(['ş', 'ţ', 'Ş', 'Ţ']);
    assert!(
        history()
            .iter()
            .take(5000)
            .all(|i| !cedilla(&i.description) && !cedilla(&i.address))
    );
}

#[test]
fn volume_numbering_and_order() {
    let h = history();
    let now = now_ms();
    for back in 0..3 {
        let (from, to) = (
            now - (back + 1) * 365 * 86_400_000,
            now - back * 365 * 86_400_000,
        );
        let n = h
            .iter()
            .filter(|i| i.received_at > from && i.received_at <= to)
            .count();
        assert!(
            (25_000..=35_000).contains(&n),
            "{n} incidents in year -{back}"
        );
    }
    assert!(h.windows(2).all(|w| w[0].received_at <= w[1].received_at));
    let mut expected: BTreeMap<i64, i64> = BTreeMap::new();
    for i in h {
        let next = expected.entry(i.year).or_insert(1);
        assert_eq!(i.number, *next, "gapless numbering in {}", i.year);
        assert_eq!(i64::from(local(i.received_at).year()), i.year);
        *next += 1;
    }
    assert!(h.last().is_some_and(|i| i.received_at <= now));
}

#[test]
fn every_point_is_in_the_city_and_its_neighbourhood() {
    let g = geo();
    for i in history() {
        assert!(g.in_city(i.lon, i.lat), "{i:?}");
        assert_eq!(
            g.neighbourhood_at(i.lon, i.lat).map(|n| n.id.as_str()),
            Some(i.neighbourhood)
        );
        assert!(
            i.address.contains(" nr. ") || !i.address.is_empty(),
            "{}",
            i.address
        );
    }
}

#[test]
fn noise_is_a_night_matter_peaking_at_weekends() {
    let hours: Vec<DateTime> = of_kind("noise").map(|i| local(i.received_at)).collect();
    let night = hours
        .iter()
        .filter(|t| t.hour() >= 22 || t.hour() < 6)
        .count();
    assert!(night * 2 > hours.len(), "night {night} of {}", hours.len());
    // Friday and Saturday nights (22:00–06:00) against the other nights, per night.
    let weekend_night = |t: &DateTime| {
        let evening = if t.hour() < 6 {
            t.date().yesterday().unwrap_or(t.date())
        } else {
            t.date()
        };
        matches!(evening.weekday(), Weekday::Friday | Weekday::Saturday)
    };
    let nights: Vec<&DateTime> = hours
        .iter()
        .filter(|t| t.hour() >= 22 || t.hour() < 6)
        .collect();
    let weekend = nights.iter().filter(|t| weekend_night(t)).count() as f64 / 2.0;
    let weekday = (nights.len() as f64 - weekend * 2.0) / 5.0;
    assert!(weekend > 1.4 * weekday, "{weekend} vs {weekday}");
}

#[test]
fn school_incidents_only_on_school_days_and_hours() {
    let mut n = 0;
    for i in of_kind("school_safety") {
        let t = local(i.received_at);
        let minute = i32::from(t.hour()) * 60 + i32::from(t.minute());
        assert!(is_school_day(t.date()), "{t}");
        assert!(
            (450..510).contains(&minute) || (720..840).contains(&minute),
            "{t}"
        );
        n += 1;
    }
    assert!(n > 1500, "{n}");
}

#[test]
fn parking_change_point_is_visible() {
    let change = parking_change_point(now_ms());
    assert_eq!(change, date(2025, 9, 1));
    let today = local(now_ms()).date();
    let mut months: BTreeMap<(i16, i8), usize> = BTreeMap::new();
    for i in of_kind("illegal_parking") {
        let d = local(i.received_at).date();
        *months.entry((d.year(), d.month())).or_default() += 1;
    }
    let first = local(history()[0].received_at).date();
    let full = |&(y, m): &(i16, i8)| {
        (y, m) != (first.year(), first.month()) && (y, m) != (today.year(), today.month())
    };
    let mean = |after: bool| {
        let counts: Vec<f64> = months
            .iter()
            .filter(|(k, _)| full(k) && (date(k.0, k.1, 1) >= change) == after)
            .map(|(_, &c)| c as f64)
            .collect();
        counts.iter().sum::<f64>() / counts.len().max(1) as f64
    };
    let (before, after) = (mean(false), mean(true));
    assert!(
        after >= 1.25 * before,
        "before {before:.0}, after {after:.0}"
    );
}

/// The trends page on the demo's illegal parking (its default window: three years to today) marks
/// the one true change, in its week: 1 September 2025 is the Monday of ISO week 36.
#[test]
fn the_trends_page_finds_the_parking_change_in_its_week() {
    use crate::analysis::filter::{Filter, Incident as Selected, RawQuery};
    let to = local(now_ms()).date();
    let q = RawQuery {
        kind: Some("illegal_parking".into()),
        to: Some(to.to_string()),
        ..RawQuery::default()
    };
    let filter = Filter::parse(&q).expect("filter");
    let selected: Vec<Selected> = of_kind("illegal_parking")
        .map(|i| Selected {
            kind: i.kind.into(),
            lat: Some(i.lat),
            lon: Some(i.lon),
            area: Some(i.neighbourhood.into()),
            day: local(i.received_at)
                .date()
                .since(date(1970, 1, 1))
                .expect("days")
                .get_days() as i64,
        })
        .filter(|i| i.day >= filter.from_day && i.day <= filter.to_day)
        .collect();
    let t =
        crate::analysis::trends::compute(&selected, &filter, veghe_analytics::series::Period::Week)
            .expect("trends");
    let marked: Vec<&str> = t
        .change_points
        .iter()
        .map(|&i| t.labels[i].as_str())
        .collect();
    assert!(marked.contains(&"2025-W36"), "{marked:?}");
    // Nothing else near it: the September rise of the seasonal rhythm is not taken for the change.
    for (&i, label) in t.change_points.iter().zip(&marked) {
        let k = t
            .labels
            .iter()
            .position(|l| l == "2025-W36")
            .expect("week 36");
        assert!(i == k || i.abs_diff(k) > 8, "{label} in {marked:?}");
    }
}

fn near_pairs(points: &[(f64, f64, i64)]) -> usize {
    let mut n = 0;
    for (k, a) in points.iter().enumerate() {
        for b in &points[k + 1..] {
            if (a.2 - b.2).abs() <= 7 * 86_400_000 && distance_m(a.0, a.1, b.0, b.1) <= 200.0 {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn burglaries_repeat_near_and_soon() {
    let observed: Vec<(f64, f64, i64)> = of_kind("burglary_like")
        .map(|i| (i.lon, i.lat, i.received_at))
        .collect();
    let mut times: Vec<i64> = observed.iter().map(|p| p.2).collect();
    let mut rng = Rng::new(99);
    for k in (1..times.len()).rev() {
        times.swap(k, rng.below(k + 1));
    }
    let shuffled: Vec<(f64, f64, i64)> = observed
        .iter()
        .zip(times)
        .map(|(p, t)| (p.0, p.1, t))
        .collect();
    let (o, s) = (near_pairs(&observed), near_pairs(&shuffled));
    assert!(o > 100 && o > 4 * s.max(1), "observed {o}, shuffled {s}");
}

#[test]
fn paydays_and_new_year_make_spikes() {
    let count_nights = |pred: &dyn Fn(Date) -> bool| {
        let evenings: HashSet<Date> = history()
            .iter()
            .map(|i| local(i.received_at).date())
            .filter(|d| pred(*d))
            .collect();
        let n = history()
            .iter()
            .filter(|i| matches!(i.kind, "alcohol_public" | "brawl"))
            .filter(|i| {
                let t = local(i.received_at);
                (t.hour() >= 18 && pred(t.date()))
                    || (t.hour() < 6 && t.date().yesterday().is_ok_and(pred))
            })
            .count();
        n as f64 / evenings.len().max(1) as f64
    };
    let payday = count_nights(&|d| matches!(d.day(), 10 | 25));
    let ordinary = count_nights(&|d| matches!(d.day(), 3 | 17));
    assert!(payday > 1.3 * ordinary, "{payday} vs {ordinary}");
    // New Year's night in the centre against the same hours of the other December nights.
    let centre_night = |evening: Date| {
        history()
            .iter()
            .filter(|i| i.neighbourhood == "centru")
            .filter(|i| {
                let t = local(i.received_at);
                (t.date() == evening && t.hour() >= 21)
                    || (t.hour() < 4 && t.date().yesterday().is_ok_and(|y| y == evening))
            })
            .count() as f64
    };
    let nye = centre_night(date(2025, 12, 31));
    let december = (1..=28)
        .map(|d| centre_night(date(2025, 12, d)))
        .sum::<f64>()
        / 28.0;
    assert!(
        nye > 4.0 * december,
        "{nye} on New Year's night, {december:.1} on a December night"
    );
}

#[test]
fn lifecycles_are_consistent_and_the_end_is_open() {
    let now = now_ms();
    let mut open_units = HashSet::new();
    let mut open = 0;
    for i in history() {
        let times = [
            Some(i.received_at),
            i.dispatched_at,
            i.on_scene_at,
            i.closed_at,
        ];
        let present: Vec<i64> = times.iter().flatten().copied().collect();
        assert!(present.windows(2).all(|w| w[0] <= w[1]), "{i:?}");
        assert!((1..=3).contains(&i.priority));
        if i.status == "closed" {
            assert!(
                i.closed_at.is_some_and(|c| c <= now) && i.outcome.is_some(),
                "{i:?}"
            );
        } else {
            open += 1;
            assert!(i.closed_at.is_none() && i.outcome.is_none());
            assert!(now - i.received_at < 2 * 86_400_000, "{i:?}");
            assert_eq!(i.unit.is_some(), i.status != "received", "{i:?}");
            if let Some(u) = i.unit {
                assert!(open_units.insert(u), "crew {u} sent twice");
            }
        }
        if matches!(i.source, "phone" | "112") {
            let phone = i.caller_phone.as_deref().unwrap_or("");
            assert!(phone.len() == 12 && phone.starts_with("07"), "{phone}");
        }
        if i.kind == "burglary_like" && i.status == "closed" {
            assert!(matches!(
                i.outcome,
                Some("handed_over" | "unfounded" | "other")
            ));
        }
    }
    assert!((10..=25).contains(&open), "{open} open incidents");
}

/// Every type the demo generates is in the catalogue migration 0021 seeds, with the same
/// priority and competence.
#[tokio::test]
async fn demo_types_are_in_the_seeded_catalogue() {
    let (_dir, seeded) = crate::dispatch::catalogue::seeded().await;
    for t in types::TYPES {
        let s = seeded
            .active_type(t.code)
            .unwrap_or_else(|| panic!("{} is not in the seeded catalogue", t.code));
        assert_eq!(s.default_priority, t.priority, "{}", t.code);
        assert_eq!(!s.our_competence, t.handed_over, "{}", t.code);
    }
}
