//! A sanction record (proces-verbal de contravenție) parsed from its cells: every problem of a row
//! named with its field, the fine judged against the catalogue in force on the record's date, the
//! payment status (half the minimum paid within 15 days counts as paid, OG 2/2001 art. 28).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use std::collections::HashMap;

use super::catalogue::{Catalogue, Judgement, Version, judge_in};
use super::parse::{self, LegalRef, Offender, clean};
use crate::error::Said;

/// The fields of a sanction record, in the order of the standard template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Series,
    Number,
    Date,
    Time,
    Address,
    Lat,
    Lon,
    Department,
    Officers,
    OffenderName,
    OffenderId,
    LegalBasis,
    Aggravated,
    Sanction,
    Amount,
    Measures,
    Paid,
    PaidOn,
    Contested,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::Series,
        Field::Number,
        Field::Date,
        Field::Time,
        Field::Address,
        Field::Lat,
        Field::Lon,
        Field::Department,
        Field::Officers,
        Field::OffenderName,
        Field::OffenderId,
        Field::LegalBasis,
        Field::Aggravated,
        Field::Sanction,
        Field::Amount,
        Field::Measures,
        Field::Paid,
        Field::PaidOn,
        Field::Contested,
    ];

    /// The code used in mappings and reports.
    pub fn code(self) -> &'static str {
        match self {
            Field::Series => "series",
            Field::Number => "number",
            Field::Date => "date",
            Field::Time => "time",
            Field::Address => "address",
            Field::Lat => "lat",
            Field::Lon => "lon",
            Field::Department => "department",
            Field::Officers => "officers",
            Field::OffenderName => "offender_name",
            Field::OffenderId => "offender_id",
            Field::LegalBasis => "legal_basis",
            Field::Aggravated => "aggravated",
            Field::Sanction => "sanction",
            Field::Amount => "amount",
            Field::Measures => "measures",
            Field::Paid => "paid",
            Field::PaidOn => "paid_on",
            Field::Contested => "contested",
        }
    }

    /// The header the standard template uses (Romanian), also recognised when mapping.
    pub fn header_ro(self) -> &'static str {
        match self {
            Field::Series => "Serie",
            Field::Number => "Număr",
            Field::Date => "Data",
            Field::Time => "Ora",
            Field::Address => "Adresa",
            Field::Lat => "Latitudine",
            Field::Lon => "Longitudine",
            Field::Department => "Compartiment",
            Field::Officers => "Agenți",
            Field::OffenderName => "Contravenient",
            Field::OffenderId => "CNP/CUI",
            Field::LegalBasis => "Temei legal",
            Field::Aggravated => "Agravant",
            Field::Sanction => "Sancțiune",
            Field::Amount => "Amendă (lei)",
            Field::Measures => "Măsuri complementare",
            Field::Paid => "Achitat (lei)",
            Field::PaidOn => "Data plății",
            Field::Contested => "Contestat",
        }
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Field::Series | Field::Number | Field::Date | Field::LegalBasis | Field::Sanction
        )
    }

    pub fn parse(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// Warning or fine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sanction {
    Warning,
    Fine(i64),
}

/// A record, every field parsed.
#[derive(Clone, Debug)]
pub struct Record {
    pub series: String,
    pub number: String,
    pub date: Date,
    pub time: Time,
    /// Epoch milliseconds of date and time in Timișoara.
    pub occurred_at: i64,
    pub address: String,
    pub point: Option<(f64, f64)>,
    pub department: String,
    pub officers: String,
    pub offender_name: String,
    pub offender: Offender,
    pub legal: LegalRef,
    pub aggravated: bool,
    pub offence_id: Option<i64>,
    pub sanction: Sanction,
    pub measures: String,
    pub paid_bani: i64,
    pub paid_on: Option<Date>,
    pub payment: &'static str,
    pub contested: bool,
}

/// One problem of a row: the field and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
    /// The message in Romanian, where written (empty: the English one is shown).
    pub message_ro: String,
}

/// The payment status: `none` for a warning, `paid`, `half_minimum` (half the minimum paid within
/// 15 days of the record), `partial`, `unpaid`.
pub fn payment_status(
    sanction: Sanction,
    min_bani: i64,
    paid: i64,
    paid_on: Option<Date>,
    date: Date,
) -> &'static str {
    let Sanction::Fine(amount) = sanction else {
        return "none";
    };
    if paid <= 0 {
        return "unpaid";
    }
    if paid >= amount {
        return "paid";
    }
    let within_15 = paid_on.is_some_and(|p| {
        let days = (p - date).get_days();
        (0..=15).contains(&days)
    });
    if within_15 && paid * 2 >= min_bani {
        "half_minimum"
    } else {
        "partial"
    }
}

/// Parses a row's cells (`cell(field)` gives the text of the mapped column, empty if unmapped),
/// judging it against `catalogue`. Every problem is returned, not only the first.
pub fn parse_record<'a>(
    cell: impl Fn(Field) -> &'a str,
    catalogue: &Catalogue,
    tz: &TimeZone,
) -> Result<Record, Vec<Problem>> {
    Parser::new(catalogue, tz.clone()).record(cell)
}

/// A legal-basis cell read once: the reference (or why not) and its catalogue versions.
type LegalEntry<'c> = (Result<LegalRef, String>, [Option<&'c [Version]>; 2]);

/// Parses the rows of one file. The few distinct texts of the legal-basis and sanction columns
/// are read once and remembered (a department's file repeats them on every row), as are their
/// catalogue entries: what stays per row is dates, amounts, the CNP and the text cells.
pub struct Parser<'c> {
    catalogue: &'c Catalogue,
    tz: TimeZone,
    legal: HashMap<String, LegalEntry<'c>>,
    sanctions: HashMap<String, Option<bool>>,
}

/// Distinct texts remembered per column before the memory is cleared (a file of free text).
const REMEMBERED: usize = 4096;

impl<'c> Parser<'c> {
    pub fn new(catalogue: &'c Catalogue, tz: TimeZone) -> Parser<'c> {
        Parser {
            catalogue,
            tz,
            legal: HashMap::new(),
            sanctions: HashMap::new(),
        }
    }

    fn legal(&mut self, text: &str) -> &LegalEntry<'c> {
        if !self.legal.contains_key(text) {
            if self.legal.len() >= REMEMBERED {
                self.legal.clear();
            }
            let r = parse::legal_ref(text);
            let versions = match &r {
                Ok(r) => [
                    self.catalogue.versions(r, false),
                    self.catalogue.versions(r, true),
                ],
                Err(_) => [None, None],
            };
            self.legal.insert(text.to_string(), (r, versions));
        }
        &self.legal[text]
    }

    /// `Some(true)` a warning, `Some(false)` a fine, `None` neither.
    fn sanction_kind(&mut self, text: &str) -> Option<bool> {
        if let Some(k) = self.sanctions.get(text) {
            return *k;
        }
        if self.sanctions.len() >= REMEMBERED {
            self.sanctions.clear();
        }
        let k = match veghe_ro::fold(text).as_str() {
            "avertisment" | "warning" | "a" => Some(true),
            "amenda" | "fine" | "am" => Some(false),
            _ => None,
        };
        self.sanctions.insert(text.to_string(), k);
        k
    }

    /// Parses one row (see [`parse_record`]).
    pub fn record<'a>(&mut self, cell: impl Fn(Field) -> &'a str) -> Result<Record, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut bad = |field: Field, message: Said| {
            problems.push(Problem {
                field,
                message: message.en,
                message_ro: message.ro.unwrap_or_default(),
            })
        };
        let required = |field: Field, bad: &mut dyn FnMut(Field, Said)| {
            let v = clean(cell(field));
            if v.is_empty() && field.required() {
                bad(field, Said::new("gol: completați-l", "empty"));
            }
            v
        };
        let series = required(Field::Series, &mut bad).to_uppercase();
        let number = required(Field::Number, &mut bad);
        let date = parse::date(cell(Field::Date))
            .map_err(|m| bad(Field::Date, m.into()))
            .ok();
        let time = parse::time(cell(Field::Time))
            .map_err(|m| bad(Field::Time, m.into()))
            .unwrap_or(Time::midnight());
        let lat = parse::coordinate(cell(Field::Lat))
            .map_err(|m| bad(Field::Lat, m.into()))
            .ok()
            .flatten();
        let lon = parse::coordinate(cell(Field::Lon))
            .map_err(|m| bad(Field::Lon, m.into()))
            .ok()
            .flatten();
        let point = match (lat, lon) {
            (Some(la), Some(lo)) if (43.0..=49.0).contains(&la) && (20.0..=30.0).contains(&lo) => {
                Some((la, lo))
            }
            (Some(_), Some(_)) => {
                bad(
                    Field::Lat,
                    Said::new("punctul nu este în România", "the point is not in Romania"),
                );
                None
            }
            (Some(_), None) => {
                bad(
                    Field::Lon,
                    Said::new("latitudine fără longitudine", "latitude without longitude"),
                );
                None
            }
            (None, Some(_)) => {
                bad(
                    Field::Lat,
                    Said::new("longitudine fără latitudine", "longitude without latitude"),
                );
                None
            }
            (None, None) => None,
        };
        let offender = parse::offender(cell(Field::OffenderId))
            .map_err(|m| bad(Field::OffenderId, m.into()))
            .ok();
        let aggravated = parse::flag(cell(Field::Aggravated))
            .map_err(|m| bad(Field::Aggravated, m.into()))
            .unwrap_or(false);
        let (legal, versions) = match self.legal(cell(Field::LegalBasis)) {
            (Ok(r), versions) => (Some(r.clone()), versions[usize::from(aggravated)]),
            (Err(m), _) => {
                bad(Field::LegalBasis, m.clone().into());
                (None, None)
            }
        };
        let sanction_text = cell(Field::Sanction).trim();
        let amount_text = cell(Field::Amount).trim();
        let sanction = match self.sanction_kind(sanction_text) {
            Some(true) => Some(Sanction::Warning),
            Some(false) => match parse::amount_bani(amount_text) {
                Ok(0) => {
                    bad(
                        Field::Amount,
                        Said::new(
                            "o amendă de 0 lei: scrieți avertisment",
                            "a fine of 0 lei: write a warning instead",
                        ),
                    );
                    None
                }
                Ok(v) => Some(Sanction::Fine(v)),
                Err(m) => {
                    bad(Field::Amount, m.into());
                    None
                }
            },
            None if sanction_text.is_empty() => {
                bad(Field::Sanction, Said::new("gol: completați-l", "empty"));
                None
            }
            None => {
                let text = veghe_ro::fold(sanction_text);
                bad(
                    Field::Sanction,
                    Said::new(
                        format!(
                            "„{text}” nu este nici avertisment, nici amendă: scrieți una dintre ele"
                        ),
                        format!("“{text}” is neither a warning (avertisment) nor a fine (amendă)"),
                    ),
                );
                None
            }
        };
        let paid_text = cell(Field::Paid).trim();
        let paid_bani = if paid_text.is_empty() {
            0
        } else {
            parse::amount_bani(paid_text)
                .map_err(|m| bad(Field::Paid, m.into()))
                .unwrap_or(0)
        };
        let paid_on_text = cell(Field::PaidOn).trim();
        let paid_on = if paid_on_text.is_empty() {
            None
        } else {
            parse::date(paid_on_text)
                .map_err(|m| bad(Field::PaidOn, m.into()))
                .ok()
        };
        let contested = parse::flag(cell(Field::Contested))
            .map_err(|m| bad(Field::Contested, m.into()))
            .unwrap_or(false);
        // Judge the legal basis and the fine by the catalogue in force on the record's date.
        let mut offence_id = None;
        let mut min_bani = 0;
        if let (Some(d), Some(r)) = (date, &legal) {
            match judge_in(versions, d) {
                Judgement::Found(o) => {
                    offence_id = Some(o.id);
                    min_bani = o.min_bani;
                    if let Some(Sanction::Fine(v)) = sanction
                        && (v < o.min_bani || v > o.max_bani)
                    {
                        let (v, min, max, label) =
                            (lei(v), lei(o.min_bani), lei(o.max_bani), o.label());
                        bad(
                            Field::Amount,
                            Said::new(
                                format!(
                                    "{v} lei este în afara limitelor {min} – {max} lei din {label}"
                                ),
                                format!("{v} lei is outside {min} – {max} lei of {label}"),
                            ),
                        );
                    }
                }
                Judgement::Unknown => {
                    let (label, agg) = (r.label(), if aggravated { " (agravant)" } else { "" });
                    bad(
                        Field::LegalBasis,
                        Said::new(
                            format!("{label}{agg} nu este în catalogul contravențiilor"),
                            format!("{label}{agg} is not in the offence catalogue"),
                        ),
                    )
                }
                Judgement::NotInForce => {
                    let (label, day) = (r.label(), d.strftime("%d.%m.%Y"));
                    bad(
                        Field::LegalBasis,
                        Said::new(
                            format!("{label} nu era în vigoare la {day}"),
                            format!("{label} was not in force on {day}"),
                        ),
                    )
                }
            }
        }
        if let (Some(p), Some(d)) = (paid_on, date)
            && p < d
        {
            bad(
                Field::PaidOn,
                Said::new(
                    "plătită înainte de data procesului-verbal",
                    "paid before the record was made",
                ),
            );
        }
        let occurred_at = date.and_then(|d| {
            d.to_datetime(time)
                .to_zoned(self.tz.clone())
                .ok()
                .map(|z| z.timestamp().as_millisecond())
        });
        match (date, occurred_at, offender, legal, sanction) {
            (Some(date), Some(occurred_at), Some(offender), Some(legal), Some(sanction))
                if problems.is_empty() =>
            {
                Ok(Record {
                    payment: payment_status(sanction, min_bani, paid_bani, paid_on, date),
                    series,
                    number,
                    date,
                    time,
                    occurred_at,
                    address: clean(cell(Field::Address)),
                    point,
                    department: clean(cell(Field::Department)),
                    officers: clean(cell(Field::Officers)),
                    offender_name: clean(cell(Field::OffenderName)),
                    offender,
                    legal,
                    aggravated,
                    offence_id,
                    sanction,
                    measures: clean(cell(Field::Measures)),
                    paid_bani,
                    paid_on,
                    contested,
                })
            }
            _ => Err(problems),
        }
    }
}

/// Bani as lei the Romanian way: `1.234,50`.
pub fn lei(bani: i64) -> String {
    let whole = (bani / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02}", bani % 100)
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;
