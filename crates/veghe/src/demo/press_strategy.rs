//! The press office's strategy in the demo: this year's approved communication strategy (its
//! objectives with indicators, audiences, key messages) and a second version being drafted,
//! the year's campaigns linked to what they serve, the spokesperson (the `presa` account), a
//! monthly press conference over the past year and the next two months, and a few public
//! actions. Written through the press office's own store functions.

use jiff::Span;
use jiff::civil::Date;

use crate::audit::Actor;
use crate::db::Db;
use crate::press::events::{EventIn, store as events};
use crate::press::strategy::campaigns::{self, CampaignIn, LinkIn};
use crate::press::strategy::spokesperson::{self, SpokespersonIn};
use crate::press::strategy::{
    AudienceIn, MessageIn, NewVersionIn, ObjectiveIn, store, today_in_timisoara,
};

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

async fn actor(db: &Db, username: &str) -> anyhow::Result<Actor> {
    let id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(username)
        .fetch_one(db.pool())
        .await?;
    Ok(Actor {
        user_id: Some(id),
        name: username.to_string(),
    })
}

/// (title, indicator, baseline, target, unit)
const OBJECTIVES: &[(&str, &str, f64, f64, &str)] = &[
    (
        "Creșterea încrederii în Poliția Locală",
        "Articole cu ton favorabil sau neutru din totalul celor despre instituție",
        62.0,
        75.0,
        "%",
    ),
    (
        "Prezența mesajelor-cheie în presă",
        "Articole care preiau cel puțin un mesaj-cheie",
        40.0,
        90.0,
        "articole pe an",
    ),
    (
        "Informarea la timp a presei",
        "Solicitări ale presei răspunse în termen",
        85.0,
        98.0,
        "%",
    ),
    (
        "Prevenția în școli",
        "Elevi ajunși prin activitățile de prevenție",
        3500.0,
        6000.0,
        "elevi",
    ),
];

const AUDIENCES: &[(&str, &str)] = &[
    ("Cetățeni", "Locuitorii Timișoarei, pe cartiere"),
    (
        "Elevi și părinți",
        "Școlile gimnaziale și liceele, asociațiile de părinți",
    ),
    (
        "Șoferi",
        "Conducătorii auto, inclusiv cei de trotinete și biciclete",
    ),
    ("Comercianți", "Piețe, terase, comerț stradal"),
];

const MESSAGES: &[(&str, &str)] = &[
    (
        "Aproape de oameni",
        "Poliția Locală e aproape\nPoliția Locală e aproape de oameni\nla un telefon distanță",
    ),
    (
        "Siguranța copiilor",
        "drumul spre școală în siguranță\nsiguranța elevilor",
    ),
    (
        "Orașul curat și ordonat",
        "un oraș curat și ordonat\nrespectăm regulile împreună",
    ),
];

/// (name, description, from (month, day), to (month, day), channels, objectives, messages)
type CampaignSeed = (
    &'static str,
    &'static str,
    (i8, i8),
    (i8, i8),
    &'static str,
    &'static [usize],
    &'static [usize],
);

const CAMPAIGNS: &[CampaignSeed] = &[
    (
        "Iarna în siguranță: gheața de pe trotuare",
        "Obligația proprietarilor de a curăța zăpada și gheața de pe trotuare; controale în zonele centrale.",
        (1, 8),
        (2, 28),
        "presă, Facebook, afișe",
        &[0, 1],
        &[0, 2],
    ),
    (
        "Vehicule abandonate",
        "Identificarea și ridicarea vehiculelor fără stăpân de pe domeniul public.",
        (3, 15),
        (5, 31),
        "presă, Facebook",
        &[1],
        &[2],
    ),
    (
        "Șantiere fără praf și noroi",
        "Controale la șantiere: curățarea roților, împrejmuiri, program de lucru.",
        (4, 1),
        (6, 30),
        "presă, întâlniri cu constructorii",
        &[1],
        &[2],
    ),
    (
        "Vara liniștită: zgomotul",
        "Liniștea publică între 22:00 și 08:00: terase, petreceri, șantiere.",
        (6, 15),
        (8, 31),
        "presă, Facebook, terase",
        &[0, 1],
        &[0, 2],
    ),
    (
        "Școala în siguranță",
        "Începutul anului școlar: patrule la trecerile de pietoni de lângă școli, lecții de prevenție.",
        (9, 1),
        (10, 15),
        "presă, școli, Facebook",
        &[0, 3],
        &[0, 1],
    ),
];

/// The day `d` moved off a weekend to the next Monday.
fn working(d: Date) -> Date {
    match d.weekday() {
        jiff::civil::Weekday::Saturday => d.checked_add(Span::new().days(2)).unwrap_or(d),
        jiff::civil::Weekday::Sunday => d.checked_add(Span::new().days(1)).unwrap_or(d),
        _ => d,
    }
}

/// Seeds the press office's strategy, campaigns, spokesperson and events; answers the events.
pub async fn seed(db: &Db) -> anyhow::Result<usize> {
    let presa = actor(db, "presa").await?;
    let sef = actor(db, "sef").await?;
    let today = today_in_timisoara();
    let year = today.year();

    // The approved strategy of the year.
    let v = store::start(
        db,
        &presa,
        NewVersionIn {
            year: Some(i64::from(year)),
        },
    )
    .await?;
    let id = v.version.id;
    store::set_summary(db, &presa, id, s("Comunicarea Poliției Locale Timișoara cu presa și cu publicul: aproape de oameni, deschisă, la timp.")).await?;
    for (title, indicator, baseline, target, unit) in OBJECTIVES {
        let input = ObjectiveIn {
            title: s(title),
            indicator: s(indicator),
            baseline: Some(*baseline),
            target: Some(*target),
            unit: s(unit),
            due_on: Some(format!("{year}-12-31")),
        };
        store::add_objective(db, &presa, id, input).await?;
    }
    for (name, description) in AUDIENCES {
        store::add_audience(
            db,
            &presa,
            id,
            AudienceIn {
                name: s(name),
                description: s(description),
            },
        )
        .await?;
    }
    for (title, phrases) in MESSAGES {
        store::add_message(
            db,
            &presa,
            id,
            MessageIn {
                title: s(title),
                phrases: s(phrases),
            },
        )
        .await?;
    }
    store::submit(db, &presa, id).await?;
    let approved = store::approve(db, &sef, id).await?;

    // A second version being drafted: a message added.
    let draft = store::start(
        db,
        &presa,
        NewVersionIn {
            year: Some(i64::from(year)),
        },
    )
    .await?;
    store::add_message(
        db,
        &presa,
        draft.version.id,
        MessageIn {
            title: s("Transparență"),
            phrases: s("răspundem presei în 24 de ore\ninformații publice la cerere"),
        },
    )
    .await?;

    // The campaigns of the year, linked to what they serve.
    for (name, description, (fm, fd), (tm, td), channels, objectives, messages) in CAMPAIGNS {
        let c = campaigns::create(
            db,
            &presa,
            CampaignIn {
                name: s(name),
                description: s(description),
                starts_on: Some(jiff::civil::date(year, *fm, *fd).to_string()),
                ends_on: Some(jiff::civil::date(year, *tm, *td).to_string()),
                channels: s(channels),
            },
        )
        .await?;
        for i in *objectives {
            let origin_id = approved.objectives[*i].origin_id;
            campaigns::link(
                db,
                &presa,
                c.id,
                LinkIn {
                    kind: "objective".into(),
                    origin_id,
                    linked: true,
                },
            )
            .await?;
        }
        for i in *messages {
            let origin_id = approved.messages[*i].origin_id;
            campaigns::link(
                db,
                &presa,
                c.id,
                LinkIn {
                    kind: "message".into(),
                    origin_id,
                    linked: true,
                },
            )
            .await?;
        }
    }

    // The spokesperson since the start of the year.
    spokesperson::designate(
        db,
        &presa,
        SpokespersonIn {
            username: s("presa"),
            phone: s("0256 246 100"),
            email: s("presa@politialocalatm.example"),
            starts_on: Some(format!("{year}-01-02")),
            ..SpokespersonIn::default()
        },
    )
    .await?;

    // A conference on the tenth (or the next working day) of each month, a year back and two ahead.
    let first = today.first_of_month();
    let mut n = 0;
    for k in -12..=2_i32 {
        let month = first.checked_add(Span::new().months(k))?;
        let day = working(month.checked_add(Span::new().days(9))?);
        let what = crate::press::events::check::month_ro(&month.strftime("%Y-%m").to_string());
        let e = events::plan(db, &presa, EventIn {
            kind: s("conference"),
            title: Some(format!("Conferința de presă lunară, {what}")),
            description: s("Bilanțul activității Poliției Locale și campaniile în desfășurare; întrebările presei."),
            place: s("Sediul Poliției Locale Timișoara, str. Gheorghe Lazăr nr. 19, sala de conferințe"),
            starts_at: Some(format!("{day}T11:00")),
            ends_at: Some(format!("{day}T12:00")),
        })
        .await?;
        if day < today {
            events::set_status(db, &presa, e.id, s("held")).await?;
        }
        n += 1;
    }
    // A few public actions the press is invited to.
    for (days, title, place, status) in [
        (
            -200,
            "Acțiune comună la piața Iosefin: comerț stradal",
            "Piața Iosefin",
            "held",
        ),
        (
            -95,
            "Lecție deschisă de prevenție la Școala Gimnazială nr. 16",
            "Școala Gimnazială nr. 16",
            "held",
        ),
        (
            -30,
            "Controale la șantierele din Fabric",
            "Cartierul Fabric",
            "cancelled",
        ),
        (
            12,
            "Demonstrație: drumul spre școală în siguranță",
            "Parcul Rozelor",
            "planned",
        ),
    ] {
        let day = working(today.checked_add(Span::new().days(days))?);
        let e = events::plan(
            db,
            &presa,
            EventIn {
                kind: s("action"),
                title: s(title),
                description: None,
                place: s(place),
                starts_at: Some(format!("{day}T10:00")),
                ends_at: Some(format!("{day}T12:00")),
            },
        )
        .await?;
        if status != "planned" {
            events::set_status(db, &presa, e.id, s(status)).await?;
        }
        n += 1;
    }
    Ok(n)
}
