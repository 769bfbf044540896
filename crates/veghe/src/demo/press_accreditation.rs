//! The press office's demo year through its own store functions: accreditations (most granted
//! permanent in January, some for one press event, one refused in writing with its facts, one
//! pending), about three verbal requests a week (most answered within 24 hours, a few late, two
//! open), and four circulars some accounts have not read yet. The journalists are those already
//! in `press_journalists` (the contacts' demo); with none, two of its own are added.

use jiff::civil::Date;

use super::rng::Rng;
use crate::audit::Actor;
use crate::db::Db;
use crate::press::accreditation::{self, AccreditationIn, DecisionIn};
use crate::press::circulars::{self, CircularIn};
use crate::press::input::field_value;
use crate::press::requests::{self, AnswerIn, RequestIn};
use crate::registry::numbers::day_of;

const H: i64 = 3_600_000;

/// The instant of a local day and time in Timișoara.
fn at(day: Date, hour: i8, minute: i8) -> i64 {
    day.at(hour, minute, 0, 0)
        .to_zoned(crate::time::bucharest())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

async fn actor(db: &Db, username: &str) -> anyhow::Result<Actor> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_optional(db.pool())
        .await?;
    Ok(match id {
        Some(id) => Actor {
            user_id: Some(id),
            name: username.to_string(),
        },
        None => Actor::system("demo"),
    })
}

/// The journalists on file (id, outlet), adding two of their own when there are none.
async fn journalists(db: &Db, now: i64) -> anyhow::Result<Vec<(i64, Option<i64>)>> {
    let have: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT id, outlet_id FROM press_journalists WHERE retired_at IS NULL ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    if !have.is_empty() {
        return Ok(have);
    }
    for (outlet, kind, names) in [
        ("Cronica Begăi", "online", ["Andreea Suciu", "Bogdan Iancu"]),
        ("Radio Timiș Sud", "radio", ["Corina Lupu", "Victor Oprea"]),
    ] {
        let outlet_id: i64 = sqlx::query_scalar(
            "INSERT INTO press_outlets (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(outlet)
        .bind(kind)
        .bind(now)
        .fetch_one(db.pool())
        .await?;
        for name in names {
            sqlx::query(
                "INSERT INTO press_journalists (outlet_id, name, beats, created_at) VALUES ($1, $2, 'ordine publică', $3)",
            )
            .bind(outlet_id)
            .bind(name)
            .bind(now)
            .execute(db.pool())
            .await?;
        }
    }
    Box::pin(journalists(db, now)).await
}

/// The press events on file (id, day), adding three held conferences when there are none.
async fn events(db: &Db, today: Date, now: i64) -> anyhow::Result<Vec<(i64, Date)>> {
    let have: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, starts_at FROM press_events WHERE status <> 'cancelled' AND starts_at < $1 ORDER BY starts_at",
    )
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    if !have.is_empty() {
        return Ok(have.into_iter().map(|(id, s)| (id, day_of(s))).collect());
    }
    for (months, title) in [
        (9, "Conferința de presă: bilanțul verii"),
        (5, "Acțiune: siguranța în jurul școlilor"),
        (2, "Conferința de presă: pregătirea sezonului de iarnă"),
    ] {
        let day = today
            .saturating_sub(jiff::Span::new().months(months))
            .saturating_sub(jiff::Span::new().days(3));
        sqlx::query(
            "INSERT INTO press_events (kind, title, place, starts_at, ends_at, status, created_at) \
             VALUES ('conference', $1, 'Sediul Poliției Locale, str. Gheorghe Lazăr 9', $2, $3, 'held', $4)",
        )
        .bind(title)
        .bind(at(day, 11, 0))
        .bind(at(day, 12, 30))
        .bind(now)
        .execute(db.pool())
        .await?;
    }
    Box::pin(events(db, today, now)).await
}

/// Seeds the press office's year; the number of accreditations, requests and circulars.
pub async fn seed(db: &Db, seed: u64, now: i64) -> anyhow::Result<(usize, usize, usize)> {
    let today = day_of(now);
    let presa = actor(db, "presa").await?;
    let journalists = journalists(db, now).await?;
    let events = events(db, today, now).await?;
    let mut rng = Rng::stream(seed ^ 0x5052_4553, 1);
    let mut accreditations = 0;
    // Permanent accreditations requested in the first working days of January, decided within a
    // day or two; a journalist's first one of the year.
    let january = Date::new(today.year(), 1, 5).unwrap_or(today);
    // The last journalist's request is the one still waiting (below).
    let permanent = &journalists[..journalists.len().saturating_sub(1)];
    for (i, (journalist, _)) in permanent.iter().enumerate() {
        let requested =
            at(january, 9, 0) + (i as i64 % 5) * 86_400_000 + rng.int(0, 6 * 60) * 60_000;
        if requested >= now - 2 * 86_400_000 {
            break;
        }
        let a = accreditation::register(
            db,
            &presa,
            AccreditationIn {
                journalist_id: Some(*journalist),
                kind: Some("permanent".into()),
                requested_at: Some(field_value(requested)),
                ..Default::default()
            },
        )
        .await?;
        accreditations += 1;
        let decided = requested + rng.int(2, 40) * H;
        let refused = i == 2;
        let decision = if refused {
            DecisionIn {
                decision: Some("refuse".into()),
                act: Some(
                    "La 3 ianuarie a pătruns fără acord în dispeceratul operativ în timpul unei intervenții și a refuzat să părăsească sala la cererea șefului de tură, întrerupând preluarea apelurilor timp de 20 de minute.".into(),
                ),
                act_on: Some(Date::new(today.year(), 1, 3).unwrap_or(today).to_string()),
            }
        } else {
            DecisionIn {
                decision: Some("grant".into()),
                ..Default::default()
            }
        };
        accreditation::decide_at(db, &presa, a.id, decision, decided.min(now)).await?;
    }
    // For each press event, two or three journalists accredited for it.
    for (event, day) in &events {
        let n = 2 + rng.below(2);
        for k in 0..n.min(journalists.len()) {
            let journalist = journalists[(k * 3 + *event as usize) % journalists.len()].0;
            let requested = at(*day, 10, 0) - (2 + k as i64) * 86_400_000;
            let a = accreditation::register(
                db,
                &presa,
                AccreditationIn {
                    journalist_id: Some(journalist),
                    kind: Some("event".into()),
                    event_id: Some(*event),
                    requested_at: Some(field_value(requested)),
                    ..Default::default()
                },
            )
            .await?;
            accreditations += 1;
            let grant = DecisionIn {
                decision: Some("grant".into()),
                ..Default::default()
            };
            accreditation::decide_at(db, &presa, a.id, grant, requested + 5 * H).await?;
        }
    }
    // One request waiting for the decision, registered this morning (or yesterday).
    if let Some((journalist, _)) = journalists.last() {
        accreditation::register(
            db,
            &presa,
            AccreditationIn {
                journalist_id: Some(*journalist),
                kind: Some("permanent".into()),
                requested_at: Some(field_value(now - 3 * H)),
                ..Default::default()
            },
        )
        .await?;
        accreditations += 1;
    }

    // Verbal requests: about three a week over the year, in working hours.
    const QUESTIONS: &[&str] = &[
        "Câte sancțiuni s-au aplicat săptămâna aceasta pentru parcarea pe trotuar?",
        "Ce s-a întâmplat aseară în Piața Victoriei? Au intervenit echipajele dumneavoastră?",
        "Puteți confirma ridicarea autovehiculelor abandonate de pe strada Aurel Vlaicu?",
        "Câte controale s-au făcut în piețe pentru comerțul neautorizat luna aceasta?",
        "Există o campanie privind siguranța în jurul școlilor la începutul semestrului?",
        "Care este programul echipajelor în Complexul Studențesc în weekend?",
        "Ați primit sesizări despre zgomot de la terasele din centru?",
        "Câte avertismente s-au dat pentru deșeuri depozitate ilegal în Freidorf?",
    ];
    const ANSWERS: &[&str] = &[
        "Datele au fost transmise telefonic de purtătorul de cuvânt; urmează comunicatul săptămânal.",
        "Echipajele au intervenit la solicitarea dispeceratului; detaliile au fost comunicate verbal.",
        "Informația a fost confirmată și trimisă pe e-mail cu cifrele la zi.",
    ];
    let mut requests = 0;
    let mut day = today.saturating_sub(jiff::Span::new().days(364));
    let mut counter = 0u64;
    while day < today {
        let working = veghe_ro::calendar::is_working_day(day);
        let n = if working { rng.poisson(0.6) } else { 0 };
        for _ in 0..n {
            counter += 1;
            let received = at(day, 8 + rng.int(0, 8) as i8, rng.int(0, 59) as i8);
            let journalist = journalists[rng.below(journalists.len())].0;
            let on_file = rng.chance(0.85);
            let r = requests::register(
                db,
                &presa,
                RequestIn {
                    journalist_id: on_file.then_some(journalist),
                    name: (!on_file).then(|| "Mihai Dobre".to_string()),
                    outlet_name: (!on_file).then(|| "Ziar local".to_string()),
                    channel: Some(["phone", "phone", "email", "in_person"][rng.below(4)].into()),
                    question: rng.pick(QUESTIONS).map(|q| q.to_string()),
                    received_at: Some(field_value(received)),
                },
            )
            .await?;
            requests += 1;
            let late = counter.is_multiple_of(13);
            let after = if late {
                (26.0 + rng.uniform(0.0, 30.0)) * H as f64
            } else {
                rng.lognormal(3.0, 0.9).min(22.0) * H as f64
            };
            let answered = (received + after as i64).min(now - H);
            requests::answer(
                db,
                &presa,
                r.id,
                AnswerIn {
                    answer: rng.pick(ANSWERS).map(|a| a.to_string()),
                    answered_at: Some(field_value(answered.max(received))),
                },
            )
            .await?;
        }
        day = day.tomorrow().unwrap_or(today);
    }
    // Two open: one received this morning, one the day before yesterday (past its 24 hours).
    for (back, question) in [(2 * H, QUESTIONS[1]), (50 * H, QUESTIONS[3])] {
        requests::register(
            db,
            &presa,
            RequestIn {
                journalist_id: Some(journalists[0].0),
                channel: Some("phone".into()),
                question: Some(question.into()),
                received_at: Some(field_value(now - back)),
                ..Default::default()
            },
        )
        .await?;
        requests += 1;
    }

    // Circulars, some not read by every addressee.
    let sef = actor(db, "sef").await?;
    let mut published = 0;
    for (days_ago, author, title, text, audience, role, unread) in [
        (
            60,
            &sef,
            "Programul de lucru în perioada sărbătorilor",
            "În zilele de 24 și 31 decembrie programul cu publicul se încheie la ora 12:00. Dispeceratul funcționează fără întrerupere.",
            "all",
            None,
            &["echipaj", "preventie"][..],
        ),
        (
            21,
            &presa,
            "Declarații către presă la fața locului",
            "Declarațiile către presă se fac doar prin biroul de presă. Jurnaliștii care solicită informații la fața locului sunt îndrumați către purtătorul de cuvânt, tel. 0256 000 000.",
            "all",
            None,
            &["dispecer2", "compartiment", "analist"][..],
        ),
        (
            9,
            &sef,
            "Instruire: noul formular de predare-primire a turei",
            "Începând de luni, predarea turei se face în aplicație, pe pagina registrului dispeceratului.",
            "role",
            Some("dispatcher"),
            &["dispecer2"][..],
        ),
        (
            1,
            &presa,
            "Acreditarea presei pentru 2027",
            "Cererile de acreditare permanentă pentru anul viitor se primesc începând cu 2 ianuarie. Vă rugăm să nu oferiți declarații jurnaliștilor neacreditați.",
            "role",
            Some("head_of_service"),
            &[][..],
        ),
    ] {
        let when = now - days_ago * 24 * H;
        let input = CircularIn {
            title: Some(title.into()),
            text: Some(text.into()),
            audience: Some(audience.into()),
            role: role.map(str::to_string),
            department_id: None,
        };
        let Ok(c) = circulars::publish(db, author, input, when).await else {
            continue;
        };
        published += 1;
        for r in circulars::recipients(db, c.id).await? {
            let username: String = sqlx::query_scalar("SELECT username FROM users WHERE id = $1")
                .bind(r.user_id)
                .fetch_one(db.pool())
                .await?;
            if unread.contains(&username.as_str()) || days_ago < 2 {
                continue;
            }
            let reader = Actor {
                user_id: Some(r.user_id),
                name: username,
            };
            let read = when + rng.int(1, (days_ago * 24).min(72)) * H;
            circulars::confirm(db, &reader, c.id, read.min(now)).await?;
        }
    }
    Ok((accreditations, requests, published))
}
