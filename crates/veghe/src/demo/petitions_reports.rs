//! Demo facts for the Law 544 report, so it is full on first run: each information request's
//! domain of interest (from its subject), about one in eight refused within the 5 days with its
//! ground, a court case over a refusal now and then (decided in past years, pending in this
//! one), and each year's costs, fees, measures and responsible person. Deterministic from the
//! seed; written after `seed_petitions`.

use sqlx::Row;
use veghe_ro::{Rule, due_date};

use super::rng::Rng;
use crate::db::{Db, now_ms};
use crate::registry::numbers::day_of;

/// The domain a demo subject belongs to.
fn domain(subject: &str) -> &'static str {
    let s = veghe_ro::fold(subject);
    if s.contains("buget") || s.contains("contract") {
        "public_money"
    } else if s.contains("procedur") {
        "regulations"
    } else if s.contains("agenti") || s.contains("sanctiuni") || s.contains("sesizari") {
        "duties"
    } else {
        "other"
    }
}

const GROUNDS: [(&str, Option<&str>); 3] = [
    ("exempt", None),
    ("nonexistent", None),
    ("other", Some("informația nu este produsă de instituție")),
];

pub async fn seed_report_facts(db: &Db, seed: u64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let rows = sqlx::query(
        "SELECT id, year, subject, registered_at, answer_sent_on FROM registry_entries WHERE register = 'info' AND kind = 'request' ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let this_year = crate::registry::numbers::today().year();
    let mut court_years = std::collections::BTreeSet::new();
    for r in rows {
        let id: i64 = r.try_get("id")?;
        let year: i64 = r.try_get("year")?;
        let subject: String = r.try_get("subject")?;
        let answered: Option<String> = r.try_get("answer_sent_on")?;
        let mut rng = Rng::stream(seed ^ 0x4c35_3434, id as u64);
        let mut ground = None;
        if answered.is_some() && rng.chance(0.12) {
            let (g, note) = GROUNDS[rng.below(GROUNDS.len())];
            ground = Some((g, note));
            let by = due_date(Rule::InfoRefusal, day_of(r.try_get("registered_at")?));
            sqlx::query("UPDATE registry_entries SET refused = 1, answer_sent_on = $2, answer_summary = $3 WHERE id = $1")
                .bind(id)
                .bind(by.to_string())
                .bind("Solicitare respinsă, motivat (Legea 544/2001 art. 7 alin. (2)).")
                .execute(&mut *tx)
                .await?;
            if court_years.insert(year) {
                let decided = year < i64::from(this_year);
                sqlx::query("INSERT INTO registry_court_cases (entry_id, court, case_number, filed_on, outcome, decided_on, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(id)
                    .bind("Tribunalul Timiș, Secția de contencios administrativ și fiscal")
                    .bind(format!("{}/30/{year}", 1000 + rng.int(0, 8999)))
                    .bind(format!("{year}-11-15"))
                    .bind(if decided { if rng.chance(0.5) { "rejected" } else { "favourable" } } else { "pending" })
                    .bind(decided.then(|| format!("{}-03-20", year + 1)))
                    .bind(now_ms())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query("INSERT INTO registry_info_facts (entry_id, domain, refusal_ground, refusal_note, updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(domain(&subject))
            .bind(ground.map(|(g, _)| g))
            .bind(ground.and_then(|(_, n)| n))
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
    }
    for year in (this_year - 3)..this_year {
        let mut rng = Rng::stream(seed ^ 0x4c35_3434, u64::try_from(year).unwrap_or(0));
        sqlx::query("INSERT INTO registry_info_years (year, costs_bani, copy_income_bani, copy_fee_bani, copy_fee_basis, measures, responsible, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (year) DO NOTHING")
            .bind(i64::from(year))
            .bind(rng.int(180_000, 260_000) * 100)
            .bind(rng.int(0, 80) * 50)
            .bind(50)
            .bind("Dispoziția directorului executiv nr. 14/2021")
            .bind("Publicarea din oficiu, trimestrial, a statisticii sancțiunilor și a contractelor; formular online pentru solicitări.")
            .bind("Purtătorul de cuvânt al Poliției Locale Timișoara")
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::domain;

    #[test]
    fn subjects_have_their_domain() {
        assert_eq!(
            domain("Bugetul Poliției Locale pe anul în curs"),
            "public_money"
        );
        assert_eq!(
            domain("Contractele de achiziție a uniformelor"),
            "public_money"
        );
        assert_eq!(domain("Procedura de ridicare a vehiculelor"), "regulations");
        assert_eq!(domain("Numărul de agenți pe cartiere"), "duties");
        assert_eq!(domain("Altceva"), "other");
    }
}
