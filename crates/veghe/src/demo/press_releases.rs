//! The demo's press releases: about a year of them, two or three a week, on the topics the
//! service's real releases speak of (construction sites, smoking in venues, taxis, abandoned
//! vehicles removed, begging, ice on pavements), some linked to an incident of the demo's history
//! on the same day; some statements, one correction, one release returned and submitted again,
//! and at the end one draft and one waiting for the head of service. Written through the
//! releases' own store, so numbers, audit entries and events are as the application makes them.

use super::rng::Rng;
use crate::auth::{CurrentUser, Role, Via};
use crate::db::Db;
use crate::press::releases::store::{self, ReleaseIn};

const DAY_MS: i64 = 86_400_000;

/// A topic: its incident type (to link an incident of the day), title, summary and paragraphs.
struct Topic {
    incident_type: Option<&'static str>,
    title: &'static str,
    summary: &'static str,
    body: &'static [&'static str],
}

const TOPICS: &[Topic] = &[
    Topic {
        incident_type: Some("construction"),
        title: "Controale pe șantierele din oraș: amenzi pentru lipsa autorizației și murdărirea carosabilului",
        summary: "Polițiștii locali au verificat șantierele din mai multe cartiere și au aplicat sancțiuni contravenționale.",
        body: &[
            "Polițiștii locali din cadrul Serviciului Disciplina în Construcții au desfășurat o acțiune de control pe șantierele din cartierele Fratelia, Freidorf și Calea Șagului.",
            "Au fost verificate autorizațiile de construire, afișarea panourilor de identificare a investiției și curățarea roților autovehiculelor la ieșirea din șantier.",
            "Pentru faptele constatate au fost aplicate amenzi contravenționale în valoare totală de 28.500 de lei, iar constructorii au primit termen pentru remedierea deficiențelor.",
        ],
    },
    Topic {
        incident_type: None,
        title: "Verificări privind respectarea interdicției fumatului în localuri",
        summary: "Acțiune comună în localurile din centrul orașului: fumatul în spații închise, sancționat.",
        body: &[
            "Poliția Locală Timișoara a verificat aseară respectarea Legii nr. 15/2016 privind interzicerea fumatului în spațiile publice închise.",
            "În 14 localuri din zona centrală au fost găsite persoane care fumau în interior, iar administratorii nu au afișat semnele de interzicere.",
            "Au fost aplicate 9 amenzi, atât clienților, cât și persoanelor juridice care administrează localurile.",
        ],
    },
    Topic {
        incident_type: None,
        title: "Controale la taxiuri: autorizații, aparate de taxat și ecusoane",
        summary: "Polițiștii locali au verificat taxiurile din stațiile de la Gara de Nord și Aeroport.",
        body: &[
            "Acțiunea a vizat respectarea Legii nr. 38/2003 privind transportul în regim de taxi: autorizația taxi, copia conformă, aparatul de taxat și ecusonul șoferului.",
            "Au fost controlate 46 de autoturisme; pentru 7 dintre ele s-au constatat abateri, sancționate cu amendă, iar două autorizații au fost propuse spre suspendare.",
        ],
    },
    Topic {
        incident_type: Some("abandoned_vehicle"),
        title: "Vehicule abandonate ridicate de pe domeniul public",
        summary: "Încă un lot de autovehicule fără stăpân a fost ridicat și dus în parcul de vehicule abandonate.",
        body: &[
            "În urma somațiilor afișate pe parbriz și a expirării termenului legal, Poliția Locală Timișoara a ridicat săptămâna aceasta 12 vehicule abandonate de pe străzile orașului.",
            "De la începutul programului au fost eliberate astfel peste 2.100 de locuri de parcare. Proprietarii își pot recupera vehiculele după achitarea cheltuielilor de ridicare și depozitare.",
            "Cetățenii pot semnala vehiculele abandonate la dispeceratul Poliției Locale sau prin formularul online.",
        ],
    },
    Topic {
        incident_type: Some("begging"),
        title: "Acțiune pentru prevenirea cerșetoriei în intersecțiile aglomerate",
        summary: "Polițiștii locali au acționat în intersecțiile și parcările unde au fost semnalate persoane care apelează la mila publicului.",
        body: &[
            "În ultimele zile au fost verificate intersecțiile din zona Bulevardului Take Ionescu, Piața Consiliul Europei și parcările centrelor comerciale.",
            "Au fost identificate 11 persoane care apelau în mod repetat la mila publicului; acestea au fost sancționate conform Legii nr. 61/1991, iar minorii au fost predați Direcției de Asistență Socială.",
            "Le recomandăm cetățenilor să sprijine persoanele aflate în dificultate prin organizațiile specializate.",
        ],
    },
    Topic {
        incident_type: None,
        title: "Trotuarele trebuie curățate de zăpadă și gheață",
        summary: "Proprietarii și administratorii de clădiri sunt obligați să curețe trotuarele din fața imobilelor.",
        body: &[
            "Odată cu scăderea temperaturilor, Poliția Locală Timișoara reamintește că proprietarii, asociațiile de proprietari și agenții economici trebuie să curețe zăpada și gheața de pe trotuarele din dreptul imobilelor.",
            "Nerespectarea obligației se sancționează cu amendă, conform hotărârii Consiliului Local privind normele de gospodărire a orașului.",
            "În ultimele 24 de ore, polițiștii locali au verificat 230 de imobile și au aplicat 18 avertismente.",
        ],
    },
    Topic {
        incident_type: Some("illegal_trading"),
        title: "Comerț stradal neautorizat, sancționat în zona piețelor",
        summary: "Mărfurile expuse fără autorizație au fost ridicate în vederea confiscării.",
        body: &[
            "Polițiștii locali au acționat în zona Pieței Iosefin și a Pieței Badea Cârțan, unde a fost semnalată vânzarea de produse fără autorizație.",
            "Au fost aplicate 6 amenzi, iar mărfurile au fost ridicate în vederea confiscării.",
        ],
    },
    Topic {
        incident_type: Some("waste"),
        title: "Depozitări ilegale de deșeuri, depistate cu ajutorul camerelor de supraveghere",
        summary: "Persoanele care au aruncat deșeuri pe domeniul public au fost identificate și sancționate.",
        body: &[
            "Cu ajutorul camerelor de supraveghere video, polițiștii locali au identificat persoanele care au abandonat moloz și deșeuri voluminoase pe terenurile din zona Ciarda Roșie.",
            "Contravenienții au fost sancționați și obligați să ridice deșeurile. Le reamintim cetățenilor că deșeurile voluminoase se pot preda gratuit la centrele de colectare.",
        ],
    },
    Topic {
        incident_type: Some("school_safety"),
        title: "Siguranța elevilor: patrule în jurul școlilor la început de semestru",
        summary: "Echipajele Poliției Locale sunt prezente la orele de intrare și ieșire de la cursuri.",
        body: &[
            "Pe durata semestrului, echipajele Poliției Locale Timișoara vor fi prezente în zona unităților de învățământ la orele de început și de sfârșit ale cursurilor.",
            "Polițiștii locali fluidizează traficul, verifică oprirea neregulamentară în fața școlilor și discută cu elevii despre siguranța pe drumul spre casă.",
        ],
    },
    Topic {
        incident_type: Some("noise"),
        title: "Tulburarea liniștii publice pe timp de noapte, sancționată",
        summary: "Apelurile cetățenilor privind zgomotul au fost verificate de echipajele de noapte.",
        body: &[
            "În ultimul weekend, dispeceratul Poliției Locale a primit 37 de sesizări privind tulburarea liniștii publice pe timpul nopții.",
            "Echipajele au intervenit la fiecare adresă; au fost aplicate 12 amenzi în baza Legii nr. 61/1991.",
        ],
    },
];

const STATEMENTS: &[(&str, &str)] = &[
    (
        "Declarație privind intervenția din zona Pieței Victoriei",
        "Poliția Locală Timișoara precizează că echipajele au intervenit în cel mai scurt timp, iar situația a fost rezolvată fără victime. Verificările continuă.",
    ),
    (
        "Declarație a purtătorului de cuvânt privind sesizările online",
        "Toate sesizările primite prin formularul online sunt înregistrate și primesc răspuns în termenul legal. Mulțumim cetățenilor pentru implicare.",
    ),
    (
        "Declarație privind informațiile apărute în presă despre ridicarea vehiculelor",
        "Ridicarea vehiculelor abandonate se face numai după somație și expirarea termenului legal, cu respectarea procedurii prevăzute de lege.",
    ),
];

async fn account(db: &Db, username: &str, role: Role) -> anyhow::Result<Option<CurrentUser>> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT id, display_name FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(id, display_name)| CurrentUser {
        id,
        username: username.to_string(),
        display_name,
        role,
        via: Via::Session,
    }))
}

async fn incident_on(db: &Db, kind: &str, from: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM incidents WHERE type = $1 AND received_at >= $2 AND received_at < $3 ORDER BY received_at LIMIT 1",
    )
    .bind(kind)
    .bind(from - 3 * DAY_MS)
    .bind(from)
    .fetch_optional(db.pool())
    .await?)
}

/// The campaign of the strategy a release on this title serves, when it runs on the day `at`.
async fn campaign_for(db: &Db, title: &str, at: i64) -> anyhow::Result<Option<i64>> {
    let t = title.to_lowercase();
    let name = if t.contains("șantier") {
        "Șantiere fără praf și noroi"
    } else if t.contains("gheață") || t.contains("zăpadă") {
        "Iarna în siguranță: gheața de pe trotuare"
    } else if t.contains("zgomot") || t.contains("liniște") {
        "Vara liniștită: zgomotul"
    } else if t.contains("școl") || t.contains("elev") {
        "Școala în siguranță"
    } else {
        return Ok(None);
    };
    let day = jiff::Timestamp::from_millisecond(at)?
        .to_zoned(crate::time::bucharest())
        .date()
        .to_string();
    Ok(sqlx::query_scalar(
        "SELECT id FROM press_campaigns WHERE name = $1 AND starts_on <= $2 AND ends_on >= $2 ORDER BY id LIMIT 1",
    )
    .bind(name)
    .bind(day)
    .fetch_optional(db.pool())
    .await?)
}

fn body_of(paragraphs: &[&str]) -> String {
    paragraphs.join("\n\n")
}

/// Seeds the releases ending at `now_ms`; how many. Nothing when the press accounts are missing
/// or releases exist already.
pub async fn seed_releases(db: &Db, seed: u64, now_ms: i64) -> anyhow::Result<usize> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM press_releases")
        .fetch_one(db.pool())
        .await?;
    let (Some(officer), Some(head)) = (
        account(db, "presa", Role::PressOfficer).await?,
        account(db, "sef", Role::HeadOfService).await?,
    ) else {
        return Ok(0);
    };
    if existing > 0 {
        return Ok(0);
    }
    let mut rng = Rng::stream(seed, 0x0050_5245_5353);
    let mut count = 0usize;
    let mut approved: Vec<i64> = Vec::new();
    // Midnight (UTC) a year ago, so that the hours below fall in the office's working day.
    let start = (now_ms - 365 * DAY_MS).div_euclid(DAY_MS) * DAY_MS;
    let mut week = 0;
    while start + week * 7 * DAY_MS < now_ms - DAY_MS {
        let in_week = rng.int(2, 3);
        let mut days: Vec<i64> = (0..5).collect();
        for _ in 0..in_week {
            let i = rng.below(days.len());
            let day = days.remove(i);
            // Between 09:00 and 15:00 Timișoara time, roughly (07–13 UTC).
            let at = start + (week * 7 + day) * DAY_MS + rng.int(7 * 60, 13 * 60) * 60_000;
            if at > now_ms - DAY_MS {
                continue;
            }
            let statement = rng.chance(0.12);
            let input = if statement {
                let Some((title, text)) = rng.pick(STATEMENTS) else {
                    continue;
                };
                ReleaseIn {
                    kind: Some("statement".into()),
                    title: Some((*title).to_string()),
                    body: Some((*text).to_string()),
                    ..ReleaseIn::default()
                }
            } else {
                let Some(topic) = rng.pick(TOPICS) else {
                    continue;
                };
                let incident_id = match topic.incident_type {
                    Some(kind) => incident_on(db, kind, at).await?,
                    None => None,
                };
                ReleaseIn {
                    kind: Some("release".into()),
                    title: Some(topic.title.to_string()),
                    summary: Some(topic.summary.to_string()),
                    body: Some(body_of(topic.body)),
                    incident_id,
                    campaign_id: campaign_for(db, topic.title, at).await?,
                    ..ReleaseIn::default()
                }
            };
            let r = store::create_at(db, &officer, input, at).await?;
            store::submit_at(db, &officer, r.id, at + 20 * 60_000).await?;
            if count == 7 {
                // Once, the head asks for a change first.
                store::decide_at(
                    db,
                    &head,
                    r.id,
                    Some("Adăugați numărul total al sancțiunilor și temeiul legal."),
                    at + 50 * 60_000,
                )
                .await?;
                store::submit_at(db, &officer, r.id, at + 80 * 60_000).await?;
            }
            let decided = store::decide_at(db, &head, r.id, None, at + 90 * 60_000).await?;
            approved.push(decided.id);
            count += 1;
            if count == 40 {
                let corrected = decided;
                let correction = ReleaseIn {
                    kind: Some("correction".into()),
                    title: Some(format!("Rectificare: {}", corrected.title)),
                    body: Some(
                        "În comunicatul transmis anterior, valoarea totală a amenzilor a fost publicată greșit. Valoarea corectă este de 24.500 de lei. Ne cerem scuze pentru eroare."
                            .to_string(),
                    ),
                    corrects_id: Some(corrected.id),
                    ..ReleaseIn::default()
                };
                let later = at + 5 * 60 * 60_000;
                let c = store::create_at(db, &officer, correction, later).await?;
                store::submit_at(db, &officer, c.id, later + 10 * 60_000).await?;
                store::decide_at(db, &head, c.id, None, later + 30 * 60_000).await?;
                count += 1;
            }
        }
        week += 1;
    }
    // One submitted, waiting for the head, and one draft still being written.
    let waiting = store::create_at(
        db,
        &officer,
        ReleaseIn {
            kind: Some("release".into()),
            title: Some("Bilanțul activității Poliției Locale Timișoara în luna precedentă".into()),
            summary: Some("Intervenții, sancțiuni și sesizări rezolvate, pe scurt.".into()),
            body: Some(body_of(&[
                "În luna precedentă, dispeceratul Poliției Locale Timișoara a preluat peste 1.900 de apeluri, iar echipajele au intervenit la toate solicitările cetățenilor.",
                "Au fost aplicate sancțiuni pentru parcare neregulamentară, comerț stradal neautorizat, tulburarea liniștii publice și nerespectarea normelor de gospodărire.",
            ])),
            ..ReleaseIn::default()
        },
        now_ms - 3 * 60 * 60_000,
    )
    .await?;
    store::submit_at(db, &officer, waiting.id, now_ms - 2 * 60 * 60_000).await?;
    store::create_at(
        db,
        &officer,
        ReleaseIn {
            kind: Some("release".into()),
            title: Some("Campania „Iarna în siguranță”: recomandări pentru cetățeni".into()),
            body: Some(body_of(&[
                "Poliția Locală Timișoara începe campania de informare privind curățarea trotuarelor și siguranța pietonilor pe timp de iarnă.",
            ])),
            ..ReleaseIn::default()
        },
        now_ms - 60 * 60_000,
    )
    .await?;
    Ok(count + 2)
}
