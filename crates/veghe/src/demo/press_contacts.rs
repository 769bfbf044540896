//! The demo's media contacts: the outlets of Timișoara (names as they are; addresses, phones and
//! audiences invented), two to four invented journalists each with addresses at the outlet's
//! domain, and two distribution lists. Written through the contacts' own store functions.

use crate::audit::Actor;
use crate::db::Db;
use crate::press::contacts::journalists::{self, JournalistIn};
use crate::press::contacts::lists::{self, ListIn, Who};
use crate::press::contacts::outlets::{self, OutletIn};

/// (name, kind, domain, reach, journalists: (name, position, beats, email's name)).
type Outlet = (
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static [(&'static str, &'static str, &'static str, &'static str)],
);

const OUTLETS: &[Outlet] = &[
    (
        "Tion",
        "online",
        "tion.ro",
        60_000,
        &[
            (
                "Andreea Mihăilescu",
                "redactor",
                "ordine publică, trafic",
                "andreea.mihailescu",
            ),
            (
                "Radu Bălan",
                "reporter",
                "administrație, transport",
                "radu.balan",
            ),
            (
                "Cristina Vlad",
                "editor",
                "social, educație",
                "cristina.vlad",
            ),
        ],
    ),
    (
        "Opinia Timișoarei",
        "online",
        "opiniatimisoarei.ro",
        25_000,
        &[
            ("Florin Sârbu", "reporter", "ordine publică", "florin.sarbu"),
            (
                "Alina Groza",
                "redactor-șef",
                "administrație",
                "alina.groza",
            ),
        ],
    ),
    (
        "Pressalert",
        "online",
        "pressalert.ro",
        40_000,
        &[
            (
                "Marius Ciobanu",
                "reporter",
                "ordine publică, accidente",
                "marius.ciobanu",
            ),
            (
                "Daniela Oprea",
                "reporter",
                "trafic, construcții",
                "daniela.oprea",
            ),
            ("Sebastian Mocanu", "editor", "justiție", "sebastian.mocanu"),
        ],
    ),
    (
        "Banatul Azi",
        "print",
        "banatulazi.ro",
        15_000,
        &[
            ("Ioana Lupu", "reporter", "comunitate, social", "ioana.lupu"),
            ("Victor Matei", "redactor", "administrație", "victor.matei"),
        ],
    ),
    (
        "Debanat",
        "online",
        "debanat.ro",
        20_000,
        &[
            (
                "Ramona Pavel",
                "reporter",
                "ordine publică, comerț",
                "ramona.pavel",
            ),
            ("Gabriel Nistor", "reporter", "trafic", "gabriel.nistor"),
        ],
    ),
    (
        "Timiș Online",
        "online",
        "timisonline.ro",
        12_000,
        &[
            ("Lavinia Dinu", "redactor", "comunitate", "lavinia.dinu"),
            ("Ovidiu Barbu", "reporter", "ordine publică", "ovidiu.barbu"),
        ],
    ),
    (
        "Renașterea bănățeană",
        "print",
        "renasterea.ro",
        10_000,
        &[
            (
                "Corina Stoica",
                "redactor-șef",
                "administrație, politică locală",
                "corina.stoica",
            ),
            ("Emil Drăgan", "reporter", "comunitate", "emil.dragan"),
            ("Teodora Ilie", "reporter", "educație", "teodora.ilie"),
        ],
    ),
    (
        "Ediția de Timiș",
        "online",
        "editiadetimis.ro",
        8_000,
        &[
            (
                "Bogdan Suciu",
                "reporter",
                "ordine publică, trafic",
                "bogdan.suciu",
            ),
            ("Mirela Tudose", "redactor", "social", "mirela.tudose"),
        ],
    ),
    (
        "Ziarul Timișoara",
        "online",
        "ziarultimisoara.ro",
        9_000,
        &[
            (
                "Adrian Rus",
                "reporter",
                "construcții, comerț",
                "adrian.rus",
            ),
            ("Simona Enache", "redactor", "comunitate", "simona.enache"),
        ],
    ),
    (
        "Agerpres",
        "agency",
        "agerpres.ro",
        500_000,
        &[
            (
                "Lucian Marin",
                "corespondent Timiș",
                "ordine publică, administrație",
                "lucian.marin",
            ),
            (
                "Elena Popovici",
                "corespondent Timiș",
                "social, justiție",
                "elena.popovici",
            ),
        ],
    ),
    (
        "TVR Timișoara",
        "tv",
        "tvrtimisoara.ro",
        90_000,
        &[
            (
                "Claudiu Neagu",
                "reporter",
                "ordine publică, trafic",
                "claudiu.neagu",
            ),
            (
                "Roxana Ardelean",
                "producător",
                "comunitate, evenimente",
                "roxana.ardelean",
            ),
            ("Dorin Popa", "operator imagine", "evenimente", "dorin.popa"),
        ],
    ),
    (
        "Radio Timișoara",
        "radio",
        "radiotimisoara.ro",
        70_000,
        &[
            (
                "Anca Moldovan",
                "reporter",
                "ordine publică, administrație",
                "anca.moldovan",
            ),
            (
                "Paul Chirilă",
                "redactor",
                "trafic, comunitate",
                "paul.chirila",
            ),
        ],
    ),
];

/// The outlets on the list "Presa locală": every one but the agency, TV and radio.
fn local(kind: &str) -> bool {
    matches!(kind, "online" | "print")
}

/// Seeds the outlets, journalists and lists unless outlets exist already; how many journalists.
pub async fn seed(db: &Db) -> anyhow::Result<usize> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM press_outlets")
        .fetch_one(db.pool())
        .await?;
    if have > 0 {
        return Ok(0);
    }
    let actor = Actor::system("demo");
    let local_list = lists::create(
        db,
        &actor,
        ListIn {
            name: Some("Presa locală".into()),
            description: Some("Redacțiile din Timișoara, online și tipărite, cu reporterii lor de ordine publică.".into()),
        },
    )
    .await?;
    let wires = lists::create(
        db,
        &actor,
        ListIn {
            name: Some("Agenții și TV".into()),
            description: Some(
                "Agenția națională de presă, televiziunea și radioul regional.".into(),
            ),
        },
    )
    .await?;
    let mut count = 0;
    for (n, (name, kind, domain, reach, people)) in OUTLETS.iter().enumerate() {
        let outlet = outlets::add(
            db,
            &actor,
            OutletIn {
                name: Some((*name).into()),
                kind: Some((*kind).into()),
                reach: Some(reach.to_string()),
                website: Some(format!("https://www.{domain}")),
                email: Some(format!("redactie@{domain}")),
                phone: Some(format!("0256 {:03} {:03}", 200 + n * 7, 100 + n * 31)),
                notes: None,
            }
            .parse()?,
        )
        .await?;
        let list = if local(kind) { local_list.id } else { wires.id };
        lists::add_member(db, &actor, list, Who::Outlet(outlet.id)).await?;
        for (i, (person, position, beats, mail)) in people.iter().enumerate() {
            let notes = match i {
                0 => {
                    Some("Preferă comunicatele dimineața, până la 10; sună înainte de conferințe.")
                }
                1 => Some(
                    "Cere fotografii la rezoluție mare și o declarație a purtătorului de cuvânt.",
                ),
                _ => None,
            };
            let j = journalists::add(
                db,
                &actor,
                JournalistIn {
                    outlet_id: Some(outlet.id.to_string()),
                    name: Some((*person).into()),
                    position: Some((*position).into()),
                    beats: Some((*beats).into()),
                    email: Some(format!("{mail}@{domain}")),
                    phone: Some(format!(
                        "07{:02} {:03} {:03}",
                        20 + n * 3 + i,
                        300 + n * 11 + i,
                        400 + n * 17 + i * 5
                    )),
                    notes: notes.map(str::to_string),
                }
                .parse()?,
            )
            .await?;
            if i == 0 || beats.contains("ordine publică") {
                lists::add_member(db, &actor, list, Who::Journalist(j.id)).await?;
            }
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outlet_has_two_to_four_journalists_at_its_domain() {
        assert_eq!(OUTLETS.len(), 12);
        for (name, kind, _, _, people) in OUTLETS {
            assert!((2..=4).contains(&people.len()), "{name}");
            assert!(outlets::KINDS.contains(kind), "{name}");
        }
    }
}
