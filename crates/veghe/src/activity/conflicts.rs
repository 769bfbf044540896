//! Rows of a file whose series and number are already recorded with other contents. The natural
//! key keeps a re-import from changing anything; a row that only repeats a record is skipped
//! quietly, but one that says something else under the same number is a conflict the person must
//! see: the import's report names its row and what differs (date, place, legal basis, sanction).

use serde::Serialize;

use super::model::{Record, Sanction, lei};
use super::report;
use crate::db::Backend;
use crate::db::json_rows::{TEXT, spread};
use crate::error::Said;

/// What a row of the file says, as far as a conflict is judged.
#[derive(Clone, Debug)]
pub struct Key {
    /// The row as the spreadsheet numbers it.
    pub line: u64,
    pub series: String,
    pub number: String,
    pub occurred_at: i64,
    pub address: String,
    pub legal: String,
    pub sanction: String,
}

/// A sanction as words: `amendă 1.000,00 lei` or `avertisment`.
fn sanction_words(kind: &str, bani: i64, ro: bool) -> String {
    match (kind, ro) {
        ("fine", true) => format!("amendă {} lei", lei(bani)),
        ("fine", false) => format!("fine {} lei", lei(bani)),
        (_, true) => "avertisment".into(),
        (_, false) => "warning".into(),
    }
}

impl Key {
    pub fn of(line: u64, r: &Record) -> Key {
        let (kind, bani) = match r.sanction {
            Sanction::Warning => ("warning", 0),
            Sanction::Fine(v) => ("fine", v),
        };
        Key {
            line,
            series: r.series.clone(),
            number: r.number.clone(),
            occurred_at: r.occurred_at,
            address: r.address.clone(),
            legal: r.legal.label(),
            sanction: format!("{kind}|{bani}"),
        }
    }
}

/// The record already stored under a key.
#[derive(sqlx::FromRow)]
struct Stored {
    series: String,
    number: String,
    occurred_at: i64,
    address: String,
    act: String,
    article: String,
    point: String,
    sanction: String,
    amount_bani: i64,
}

/// One conflict: the row, its series and number, what differs (Romanian and English).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Conflict {
    pub row: u64,
    pub series: String,
    pub number: String,
    pub differs_ro: String,
    pub differs_en: String,
}

impl Conflict {
    pub fn said(&self) -> Said {
        Said::new(
            format!(
                "Seria și numărul {} {} sunt deja înregistrate cu alt conținut ({}); rândul nu se importă: verificați numărul",
                self.series, self.number, self.differs_ro
            ),
            format!(
                "Series and number {} {} are already recorded with other contents ({}); the row is not imported: check the number",
                self.series, self.number, self.differs_en
            ),
        )
    }

    /// The conflict as a line of the import's report.
    pub fn line(&self, file: &str) -> report::Line {
        let said = self.said();
        report::Line {
            file: file.to_string(),
            row: self.row,
            cell: String::new(),
            column: String::new(),
            field: "number".into(),
            value: format!("{} {}", self.series, self.number),
            message: said.en.clone(),
            message_ro: said.ro.unwrap_or_default(),
        }
    }
}

fn when(ms: i64) -> String {
    crate::web::local_time(ms)
}

/// What differs between the stored record and the row, in both languages; none: the same record.
fn differences(s: &Stored, k: &Key) -> Option<(String, String)> {
    let mut ro = Vec::new();
    let mut en = Vec::new();
    if s.occurred_at != k.occurred_at {
        ro.push(format!(
            "data: în evidență {}, în fișier {}",
            when(s.occurred_at),
            when(k.occurred_at)
        ));
        en.push(format!(
            "date: recorded {}, in the file {}",
            when(s.occurred_at),
            when(k.occurred_at)
        ));
    }
    if veghe_ro::fold(&s.address) != veghe_ro::fold(&k.address) {
        ro.push(format!(
            "locul: în evidență „{}”, în fișier „{}”",
            s.address, k.address
        ));
        en.push(format!(
            "place: recorded “{}”, in the file “{}”",
            s.address, k.address
        ));
    }
    let stored_legal = super::parse::LegalRef {
        act: s.act.clone(),
        article: s.article.clone(),
        point: s.point.clone(),
    }
    .label();
    if stored_legal != k.legal {
        ro.push(format!(
            "temeiul legal: în evidență {stored_legal}, în fișier {}",
            k.legal
        ));
        en.push(format!(
            "legal basis: recorded {stored_legal}, in the file {}",
            k.legal
        ));
    }
    let stored_sanction = format!(
        "{}|{}",
        s.sanction,
        if s.sanction == "fine" {
            s.amount_bani
        } else {
            0
        }
    );
    if stored_sanction != k.sanction {
        let (kind, bani) = k.sanction.split_once('|').unwrap_or(("", "0"));
        let bani: i64 = bani.parse().unwrap_or(0);
        ro.push(format!(
            "sancțiunea: în evidență {}, în fișier {}",
            sanction_words(&s.sanction, s.amount_bani, true),
            sanction_words(kind, bani, true)
        ));
        en.push(format!(
            "sanction: recorded {}, in the file {}",
            sanction_words(&s.sanction, s.amount_bani, false),
            sanction_words(kind, bani, false)
        ));
    }
    if ro.is_empty() {
        None
    } else {
        Some((ro.join("; "), en.join("; ")))
    }
}

/// The conflicts among `keys`: rows whose series and number are stored with other contents.
pub async fn find<'c, E>(
    conn: E,
    backend: Backend,
    keys: &[Key],
) -> Result<Vec<Conflict>, sqlx::Error>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let json = serde_json::to_string(
        &keys
            .iter()
            .map(|k| [k.series.as_str(), k.number.as_str()])
            .collect::<Vec<_>>(),
    )
    .map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let sql = format!(
        "SELECT s.series, s.number, s.occurred_at, s.address, s.act, s.article, s.point, s.sanction, s.amount_bani \
         FROM activity_sanctions s JOIN ({}) k ON s.series = k.c0 AND s.number = k.c1",
        spread(backend, &[(0, TEXT), (1, TEXT)])
    );
    let stored: Vec<Stored> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(json)
        .fetch_all(conn)
        .await?;
    let mut by_key: std::collections::HashMap<(&str, &str), Vec<&Key>> = Default::default();
    for k in keys {
        by_key
            .entry((k.series.as_str(), k.number.as_str()))
            .or_default()
            .push(k);
    }
    let mut out = Vec::new();
    for s in &stored {
        let rows = by_key
            .get(&(s.series.as_str(), s.number.as_str()))
            .map_or(&[][..], Vec::as_slice);
        for k in rows {
            if let Some((differs_ro, differs_en)) = differences(s, k) {
                out.push(Conflict {
                    row: k.line,
                    series: k.series.clone(),
                    number: k.number.clone(),
                    differs_ro,
                    differs_en,
                });
            }
        }
    }
    out.sort_by_key(|c| c.row);
    Ok(out)
}
