//! Demo registry: three years of petitions, public-information requests and internal documents
//! with seasonal subjects (terraces and noise in summer, snow in winter, burning of garden waste
//! in spring), most answered in time, some late, extended, forwarded, joined, classed; the recent
//! ones still open in the departments' queues. Deterministic from the seed; [`generate`] is pure,
//! `petitions_seed` writes it.

use std::collections::HashMap;

use jiff::civil::Date;
use veghe_ro::petition::{Register, initial_due, internal_due};

use super::rng::Rng;
use super::text::caller_name;

pub use super::petitions_seed::seed_petitions;
use super::petitions_text::{AUTHORITIES, INFO_SUBJECTS, INTERNAL_SUBJECTS, STREETS, SUBJECTS};

/// One demo registry entry, as inserted.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoEntry {
    pub register: Register,
    pub year: i64,
    pub number: i64,
    pub day: Date,
    pub at_ms: i64,
    pub channel: &'static str,
    pub kind: &'static str,
    pub petitioner_kind: &'static str,
    pub name: Option<String>,
    pub cnp: Option<String>,
    pub cui: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: &'static str,
    pub due: Option<Date>,
    pub original_due: Option<Date>,
    pub notice_on: Option<Date>,
    pub department: Option<&'static str>,
    pub internal_due: Option<Date>,
    pub forwarded_to: Option<&'static str>,
    pub forwarded_on: Option<Date>,
    /// (year, number) of the petition this one is joined to or repeats.
    pub joined_to: Option<(i64, i64)>,
    pub original: Option<(i64, i64)>,
    pub class_ground: Option<&'static str>,
    pub class_reason: Option<String>,
    pub answer_via: Option<&'static str>,
    pub answer_on: Option<Date>,
    pub archive_ref: Option<String>,
}

fn cnp(rng: &mut Rng) -> String {
    let mut d = [0u8; 12];
    d[0] = if rng.chance(0.5) { 1 } else { 2 };
    let yy = rng.int(40, 99) as u8;
    let (mm, dd) = (rng.int(1, 12) as u8, rng.int(1, 28) as u8);
    for (i, v) in [yy, mm, dd, 35].into_iter().enumerate() {
        d[1 + 2 * i] = v / 10;
        d[2 + 2 * i] = v % 10;
    }
    for x in d.iter_mut().skip(9) {
        *x = rng.int(0, 9) as u8;
    }
    let c = veghe_ro::cnp::cnp_check_digit(&d);
    d.iter()
        .chain([c].iter())
        .map(|x| char::from(b'0' + x))
        .collect()
}

fn cui(rng: &mut Rng) -> Option<String> {
    let mut body = vec![rng.int(1, 4) as u8];
    body.extend((0..6).map(|_| rng.int(0, 9) as u8));
    let c = veghe_ro::cui::cui_check_digit(&body)?;
    Some(
        body.iter()
            .chain([c].iter())
            .map(|x| char::from(b'0' + x))
            .collect(),
    )
}

pub(super) fn day_ms(day: Date, minutes: i64) -> i64 {
    let tz = crate::time::bucharest();
    day.to_zoned(tz)
        .map(|z| z.timestamp().as_millisecond() + minutes * 60_000)
        .unwrap_or(0)
}

fn add(d: Date, days: i64) -> Date {
    d.checked_add(jiff::Span::new().days(days)).unwrap_or(d)
}

/// Three years of registry entries ending on the day of `now_ms`, in registration order.
pub fn generate(seed: u64, now_ms: i64) -> Vec<DemoEntry> {
    let today = crate::registry::numbers::day_of(now_ms);
    let mut out: Vec<DemoEntry> = Vec::new();
    let mut next: HashMap<(&'static str, i64), i64> = HashMap::new();
    let first = add(today, -3 * 365);
    let mut day = first;
    let mut tag = 0u64;
    while day <= today {
        tag += 1;
        let mut rng = Rng::stream(seed ^ 0x5245_4749, tag);
        let working = veghe_ro::is_working_day(day);
        let n_pet = if working {
            rng.poisson(5.5)
        } else {
            rng.poisson(0.6)
        };
        let n_info = if working { rng.poisson(0.5) } else { 0 };
        let n_int = if working { rng.poisson(2.0) } else { 0 };
        let mut plan: Vec<Register> = Vec::new();
        plan.extend((0..n_pet).map(|_| Register::Petition));
        plan.extend((0..n_info).map(|_| Register::Info));
        plan.extend((0..n_int).map(|_| Register::Internal));
        for (i, register) in plan.into_iter().enumerate() {
            let year = i64::from(day.year());
            let counter = next.entry((register.code(), year)).or_insert(1);
            let number = *counter;
            *counter += 1;
            let minutes = 8 * 60 + (i as i64 * 23 + rng.int(0, 20)) % (8 * 60);
            let e = entry(
                &mut rng,
                register,
                year,
                number,
                day,
                day_ms(day, minutes),
                today,
                &out,
            );
            out.push(e);
        }
        day = add(day, 1);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn entry(
    rng: &mut Rng,
    register: Register,
    year: i64,
    number: i64,
    day: Date,
    at_ms: i64,
    today: Date,
    earlier: &[DemoEntry],
) -> DemoEntry {
    let month = day.month();
    let street = rng.pick(STREETS).copied().unwrap_or("Str. Florilor");
    let mut e = DemoEntry {
        register,
        year,
        number,
        day,
        at_ms,
        channel: ["counter", "post", "email", "online", "audience"]
            [rng.weighted(&[3.0, 1.5, 3.0, 2.0, 0.5])],
        kind: "request",
        petitioner_kind: "person",
        name: Some(caller_name(rng)),
        cnp: None,
        cui: None,
        email: None,
        address: Some(format!("{street} nr. {}, Timișoara", rng.int(1, 120))),
        subject: String::new(),
        body: String::new(),
        status: "routed",
        due: initial_due(register, "request", day),
        original_due: None,
        notice_on: None,
        department: None,
        internal_due: None,
        forwarded_to: None,
        forwarded_on: None,
        joined_to: None,
        original: None,
        class_ground: None,
        class_reason: None,
        answer_via: None,
        answer_on: None,
        archive_ref: None,
    };
    if e.channel == "email" || e.channel == "online" {
        let n = e.name.clone().unwrap_or_default();
        e.email = Some(format!(
            "{}@example.ro",
            veghe_ro::fold(&n).replace(' ', ".")
        ));
    }
    if rng.chance(0.3) {
        e.cnp = Some(cnp(rng));
    }
    match register {
        Register::Internal => {
            let (kind, subject) = *rng.pick(INTERNAL_SUBJECTS).unwrap_or(&INTERNAL_SUBJECTS[0]);
            e.kind = kind;
            e.subject = subject.to_string();
            e.petitioner_kind = "none";
            (e.name, e.cnp, e.email, e.address) = (None, None, None, None);
            e.due = None;
            e.department = Some("juridic");
            e.status = if add(day, 20) < today {
                "archived"
            } else {
                "routed"
            };
            if e.status == "archived" {
                e.archive_ref = Some(format!(
                    "Dosar registratură {year}/{}",
                    (number - 1) / 100 + 1
                ));
            }
            return e;
        }
        Register::Info => {
            e.subject = rng.pick(INFO_SUBJECTS).copied().unwrap_or("").to_string();
            e.body = format!(
                "În temeiul Legii 544/2001, vă rog să îmi comunicați: {}.",
                e.subject.to_lowercase()
            );
            e.department = Some("juridic");
            if rng.chance(0.3) {
                e.petitioner_kind = "organisation";
                e.name = Some(
                    [
                        "Asociația Timișoara Civică",
                        "Redacția Opinia Timișoarei",
                        "Fundația Pro Vest",
                    ][rng.below(3)]
                    .to_string(),
                );
                e.cui = cui(rng);
                e.cnp = None;
            }
        }
        Register::Petition => {
            let fitting: Vec<&(&str, &str, &[i8])> = SUBJECTS
                .iter()
                .filter(|(_, _, months)| months.contains(&0) || months.contains(&month))
                .collect();
            let weights: Vec<f64> = fitting
                .iter()
                .map(|(_, _, m)| if m.contains(&0) { 1.0 } else { 2.5 })
                .collect();
            let (subject, dept, _) = *fitting[rng.weighted(&weights)];
            e.kind = ["complaint", "notification", "request", "proposal"]
                [rng.weighted(&[4.0, 4.0, 1.5, 0.5])];
            e.due = initial_due(register, e.kind, day);
            e.subject = subject.to_string();
            e.department = Some(dept);
            e.body = format!(
                "Vă sesizez: {} pe {street}. Vă rog să luați măsuri.",
                subject.to_lowercase()
            );
            if rng.chance(0.08) {
                e.petitioner_kind = "organisation";
                e.name = Some(format!("Asociația de proprietari nr. {}", rng.int(10, 400)));
                e.cui = cui(rng);
                e.cnp = None;
            } else if rng.chance(0.03) {
                e.petitioner_kind = "anonymous";
                (e.name, e.cnp, e.email, e.address) = (None, None, None, None);
                e.status = "classed";
                e.class_ground = Some("anonymous");
                e.class_reason = Some("OG 27/2002 art. 7: petiție anonimă sau fără datele de identificare ale petentului".into());
                e.department = None;
                return e;
            }
            // The same petitioner again on the same problem: joined while open, classed after.
            if rng.chance(0.04)
                && let Some(prev) = earlier.iter().rev().take(60).find(|p| {
                    p.register == Register::Petition
                        && p.petitioner_kind == "person"
                        && p.joined_to.is_none()
                })
            {
                (e.name, e.cnp, e.email, e.address) = (
                    prev.name.clone(),
                    prev.cnp.clone(),
                    prev.email.clone(),
                    prev.address.clone(),
                );
                e.subject = prev.subject.clone();
                e.department = prev.department;
                let answered = prev.answer_on.is_some_and(|a| a <= day);
                if answered {
                    e.status = "classed";
                    e.class_ground = Some("repeat");
                    e.class_reason =
                        Some("Același conținut, după răspuns (OG 27/2002 art. 10)".into());
                    e.original = Some((prev.year, prev.number));
                } else if prev.status == "routed"
                    || prev.status == "answered"
                    || prev.status == "archived"
                {
                    e.status = "joined";
                    e.joined_to = Some((prev.year, prev.number));
                    e.answer_via = prev.answer_via;
                    e.answer_on = prev.answer_on;
                }
                return e;
            }
            if rng.chance(0.05) {
                let fwd = add(day, rng.int(1, 4));
                if fwd <= today {
                    e.status = "forwarded";
                    e.forwarded_to = rng.pick(AUTHORITIES).copied();
                    e.forwarded_on = Some(fwd);
                    e.department = None;
                    return e;
                }
            }
        }
    }
    // The legal deadline, an extension now and then, the answer (mostly in time).
    let due = e.due.unwrap_or(day);
    if let Some(dept) = e.department {
        let before = if dept == "juridic" || dept == "evidenta_persoanelor" {
            3
        } else {
            5
        };
        e.internal_due = Some(internal_due(due, day, before));
    }
    let span = (due - day).get_days().max(1) as f64;
    let mut answer = add(
        day,
        (rng.lognormal(span * 0.45, 0.35)).round().max(1.0) as i64,
    );
    if register == Register::Petition && rng.chance(0.07) {
        let notice = add(due, -rng.int(2, 6));
        if notice <= today && notice > day {
            e.original_due = e.due;
            e.notice_on = Some(notice);
            e.due = Some(veghe_ro::due_date_days(15, due, true));
            answer = add(due, rng.int(3, 14));
        }
    }
    if rng.chance(0.04) {
        answer = add(e.due.unwrap_or(due), rng.int(1, 12));
    }
    // A few recent cases forgotten past their term: the overdue lists are never empty.
    if e.due.is_some_and(|d| d < today && add(d, 20) > today) && rng.chance(0.12) {
        answer = add(today, rng.int(1, 5));
    }
    if answer <= today {
        e.status = "answered";
        e.answer_via = Some(if e.email.is_some() && rng.chance(0.7) {
            "email"
        } else {
            "post"
        });
        e.answer_on = Some(answer);
        if add(answer, 45) < today {
            e.status = "archived";
            e.archive_ref = Some(format!(
                "Dosar {}/{year}",
                e.department.unwrap_or("registratura")
            ));
        }
    }
    e
}

#[cfg(test)]
#[path = "petitions_tests.rs"]
mod tests;
