//! Demo sanction records consistent with the demo incidents: every incident closed with a
//! sanction or a warning whose type falls under a point of the catalogue gets its proces-verbal
//! (same place, time, act and point; aggravated when it was at a school), fines mostly near the
//! minimum, half of them paid as half the minimum within 15 days; plus activity counts and a few
//! referrals. Deterministic from the seed.

use sqlx::Row;

use super::rng::Rng;
use super::text::caller_name;
use crate::activity::catalogue::{self, Judgement};
use crate::activity::model::{Record, Sanction, payment_status};
use crate::activity::parse::{LegalRef, Offender, legal_ref};
use crate::activity::rows;
use crate::db::Db;

const DEPARTMENTS: &[(&str, &str)] = &[
    ("OP", "Ordine publică"),
    ("IR", "Intervenție rapidă"),
    ("CR", "Circulație rutieră"),
];

/// A valid CNP for a demo offender.
fn cnp(rng: &mut Rng) -> Option<veghe_ro::Cnp> {
    let sex = if rng.chance(0.7) { 1 } else { 2 } + if rng.chance(0.5) { 4 } else { 0 };
    let (yy, mm, dd) = (rng.int(0, 99), rng.int(1, 12), rng.int(1, 28));
    let body = format!("{sex}{yy:02}{mm:02}{dd:02}35{:03}", rng.int(1, 999));
    let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
    let first12: [u8; 12] = digits.try_into().ok()?;
    let check = veghe_ro::cnp::cnp_check_digit(&first12);
    format!("{body}{check}").parse().ok()
}

/// The catalogue reference of an incident type's legal basis (`Legea 61/1991, art. 3 alin. (2)`
/// is the school form of point 24).
fn reference(basis: &str) -> Option<(LegalRef, bool)> {
    if basis.contains("art. 3 alin. (2)") {
        return legal_ref("Legea 61/1991 art. 2 pct. 24")
            .ok()
            .map(|r| (r, true));
    }
    legal_ref(basis)
        .ok()
        .filter(|r| !r.point.is_empty())
        .map(|r| (r, false))
}

/// Seeds the sanction records of the incidents closed with a sanction or a warning.
pub async fn seed_sanctions(db: &Db, seed: u64) -> anyhow::Result<u64> {
    let catalogue = catalogue::load(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let types = crate::dispatch::catalogue::load(db)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let tz = crate::time::bucharest();
    let rows = sqlx::query(
        "SELECT id, type, lat, lon, address, received_at, outcome FROM incidents WHERE outcome IN ('sanction', 'warning') ORDER BY received_at, id",
    )
    .fetch_all(db.pool())
    .await?;
    let mut rng = Rng::stream(seed, 0x5A4C);
    let mut records = Vec::new();
    let mut numbers = std::collections::HashMap::new();
    for r in &rows {
        let kind: String = r.try_get("type")?;
        let Some(t) = types.get(&kind) else {
            continue;
        };
        let Some((legal, aggravated)) = reference(&t.legal_basis) else {
            continue;
        };
        let at: i64 = r.try_get("received_at")?;
        let zoned = jiff::Timestamp::from_millisecond(at)?.to_zoned(tz.clone());
        let date = zoned.date();
        let Judgement::Found(o) = catalogue.judge(&legal, aggravated, date) else {
            continue;
        };
        let outcome: String = r.try_get("outcome")?;
        let sanction = if outcome == "warning" {
            Sanction::Warning
        } else {
            // Most fines at or near the minimum, a few higher.
            let steps = (o.max_bani - o.min_bani) / 5_000;
            let step = (rng.exponential(steps as f64 / 6.0) as i64).min(steps);
            Sanction::Fine(o.min_bani + step * 5_000)
        };
        let (paid_bani, paid_on) = match sanction {
            Sanction::Fine(_) if rng.chance(0.55) => (
                o.min_bani / 2,
                Some(date.checked_add(jiff::Span::new().days(rng.int(1, 15)))?),
            ),
            Sanction::Fine(v) if rng.chance(0.3) => (
                v,
                Some(date.checked_add(jiff::Span::new().days(rng.int(10, 60)))?),
            ),
            _ => (0, None),
        };
        let (code, department) = DEPARTMENTS[rng.below(DEPARTMENTS.len())];
        let year = date.year();
        let n = numbers.entry((code, year)).or_insert(0u32);
        *n += 1;
        let point = match (
            r.try_get::<Option<f64>, _>("lat")?,
            r.try_get::<Option<f64>, _>("lon")?,
        ) {
            (Some(a), Some(b)) => Some((a, b)),
            _ => None,
        };
        records.push(Record {
            series: format!("TM{code}"),
            number: format!("{year}{:06}", n),
            date,
            time: zoned.time(),
            occurred_at: at,
            address: r
                .try_get::<Option<String>, _>("address")?
                .unwrap_or_default(),
            point,
            department: department.to_string(),
            officers: format!("ag. {}", caller_name(&mut rng)),
            offender_name: caller_name(&mut rng),
            offender: cnp(&mut rng).map_or(Offender::Unidentified, Offender::Person),
            legal,
            aggravated,
            offence_id: Some(o.id),
            payment: payment_status(sanction, o.min_bani, paid_bani, paid_on, date),
            sanction,
            measures: String::new(),
            paid_bani,
            paid_on,
            contested: rng.chance(0.03),
        });
    }
    let mut tx = db.begin().await?;
    // Demo records belong to no import.
    let inserted =
        rows::write_records(&mut tx, db.backend(), &records, None, crate::db::now_ms()).await?;
    seed_counts(&mut tx, seed).await?;
    tx.commit().await?;
    Ok(inserted)
}

/// Daily activity counts per department and team for the last three years.
async fn seed_counts(tx: &mut crate::db::Tx, seed: u64) -> anyhow::Result<()> {
    let mut rng = Rng::stream(seed, 0xC0DE);
    let today = jiff::Zoned::now().date();
    let kinds: &[(&str, f64)] = &[
        ("checks", 6.0),
        ("persons_checked", 14.0),
        ("escorts", 0.6),
        ("traffic_operations", 0.4),
        ("public_events", 0.3),
        ("school_patrols", 2.0),
        ("conflicts_calmed", 1.2),
    ];
    let mut day = today.checked_sub(jiff::Span::new().days(3 * 365))?;
    while day < today {
        for (_, department) in DEPARTMENTS {
            for (kind, mean) in kinds {
                let school = *kind == "school_patrols";
                if school
                    && (day.weekday().to_monday_one_offset() > 5 || matches!(day.month(), 7 | 8))
                {
                    continue;
                }
                let n = i64::from(rng.poisson(*mean));
                if n == 0 {
                    continue;
                }
                sqlx::query(
                    "INSERT INTO activity_counts (day, department, team, kind, count, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(day.to_string())
                .bind(*department)
                .bind("Echipa 1")
                .bind(*kind)
                .bind(n)
                .bind(crate::db::now_ms())
                .execute(&mut **tx)
                .await?;
            }
        }
        day = day.tomorrow()?;
    }
    Ok(())
}
