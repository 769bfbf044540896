//! Registration numbers: one gapless sequence per register and calendar year, taken inside the
//! registering transaction (a rollback gives the number back), and numbers reserved now for
//! documents registered into them later.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;
use veghe_ro::petition::{Register, ro_date};

use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, counters, now_ms};
use crate::error::{AppError, AppResult, Said};

/// Today in Bucharest, the day documents are dated by.
pub fn today() -> jiff::civil::Date {
    day_of(now_ms())
}

/// The Bucharest calendar day of an instant.
pub fn day_of(ms: i64) -> jiff::civil::Date {
    let tz = crate::time::bucharest();
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).date())
        .unwrap_or(jiff::civil::Date::MIN)
}

/// `1234/29.11.2026`, as the register writes a number.
pub fn reference(number: i64, number_date: &str) -> String {
    match number_date.parse::<jiff::civil::Date>() {
        Ok(d) => format!("{number}/{}", ro_date(d)),
        Err(_) => format!("{number}/{number_date}"),
    }
}

/// `1234/29.11.2026` or `1234/2026` → (1234, 2026); `Nr. 1234 / 2026` too.
pub fn parse_number(s: &str) -> Option<(i64, i64)> {
    let s = s.trim();
    let s = s
        .strip_prefix("Nr.")
        .or_else(|| s.strip_prefix("nr."))
        .unwrap_or(s);
    let (n, rest) = s.trim().split_once('/')?;
    let seq = n.trim().parse::<i64>().ok().filter(|n| *n > 0)?;
    let year = rest.trim().rsplit('.').next()?.trim().parse::<i64>().ok()?;
    Some((seq, year))
}

/// The entry a registration number names (`12/2026`, `12/03.02.2026`, or `12` for this year)
/// in one of `registers`, the first of them preferred when the number is in several; `None`
/// when the text is not a number or names no such entry.
pub async fn find_by_number(db: &Db, text: &str, registers: &[Register]) -> AppResult<Option<i64>> {
    let bare = text
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(|n| (n, i64::from(today().year())));
    let Some((seq, year)) = bare.or_else(|| parse_number(text)) else {
        return Ok(None);
    };
    let codes: Vec<String> = registers
        .iter()
        .map(|r| format!("'{}'", r.code()))
        .collect();
    let order: String = registers
        .iter()
        .enumerate()
        .map(|(i, r)| format!(" WHEN '{}' THEN {i}", r.code()))
        .collect();
    let sql = format!(
        "SELECT id FROM registry_entries WHERE year = $1 AND number = $2 AND register IN ({}) \
         ORDER BY CASE register{order} END LIMIT 1",
        codes.join(", ")
    );
    // Only the registers' own codes are written into the text; the number is bound.
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(year)
        .bind(seq)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(|r| r.try_get("id")).transpose()?)
}

/// The entry a registration number names (see [`find_by_number`]). A text that is not a
/// number, or that names no such entry, is refused on the field `number`, with `what` saying
/// what it should be.
pub async fn entry_by_number(
    db: &Db,
    text: &str,
    registers: &[Register],
    what: &str,
) -> AppResult<i64> {
    find_by_number(db, text, registers).await?.ok_or_else(|| {
        AppError::bad(
            "number",
            Said::new(
                format!(
                    "Numărul de înregistrare: „{}” nu este în registru; scrieți-l ca în registru, de exemplu 12/2026.",
                    text.trim()
                ),
                format!("`{text}` is not {what} (e.g. 12/2026)"),
            ),
        )
    })
}

/// The latest petitions other than `id`, as (number, subject): what a clerk picks from when a
/// field asks for a petition's registry number.
pub async fn recent_petitions(db: &Db, id: i64) -> AppResult<Vec<(String, String)>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT number, number_date, subject FROM registry_entries WHERE register = 'petition' AND id <> $1 ORDER BY id DESC LIMIT 200",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(n, date, subject)| (reference(n, &date), subject))
        .collect())
}

fn counter(register: Register) -> String {
    format!("registry.{}", register.code())
}

/// The next number of `register` in `year`, in the caller's transaction.
pub async fn next(tx: &mut Tx, register: Register, year: i64) -> Result<i64, sqlx::Error> {
    counters::next(tx, &counter(register), year).await
}

/// Numbers set aside.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Reservation {
    pub register: String,
    pub year: i64,
    pub numbers: Vec<i64>,
    /// The numbers as written, e.g. `1234/29.11.2026`.
    pub references: Vec<String>,
}

/// Reserves `count` consecutive numbers of this year's sequence, in one transaction.
pub async fn reserve(
    db: &Db,
    actor: &Actor,
    register: Register,
    count: i64,
    note: Option<&str>,
) -> AppResult<Reservation> {
    if !(1..=100).contains(&count) {
        return Err(AppError::bad(
            "count",
            crate::error::Said::new(
                "Câte numere: rezervați între 1 și 100 de numere odată.",
                "reserve 1 to 100 numbers at a time",
            ),
        ));
    }
    let now = now_ms();
    let day = day_of(now);
    let year = i64::from(day.year());
    let date = day.to_string();
    let mut tx = db.begin().await?;
    let mut numbers = Vec::new();
    for _ in 0..count {
        let n = next(&mut tx, register, year).await?;
        sqlx::query(
            "INSERT INTO registry_reservations (register, year, number, number_date, reserved_at, reserved_by, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(register.code())
        .bind(year)
        .bind(n)
        .bind(&date)
        .bind(now)
        .bind(actor.user_id)
        .bind(note)
        .execute(&mut *tx)
        .await?;
        numbers.push(n);
    }
    let out = Reservation {
        register: register.code().to_string(),
        year,
        references: numbers.iter().map(|n| reference(*n, &date)).collect(),
        numbers,
    };
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "registry.reserve",
            entity: "registry_reservation",
            entity_id: Some(format!("{}/{year}", register.code())),
            before: None,
            after: Some(json!(out)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

/// Claims a reserved number for a document being registered; answers the number's date.
pub async fn claim(tx: &mut Tx, register: Register, year: i64, number: i64) -> AppResult<String> {
    let row = sqlx::query(
        "UPDATE registry_reservations SET used_at = $4 WHERE register = $1 AND year = $2 AND number = $3 AND used_at IS NULL RETURNING number_date",
    )
    .bind(register.code())
    .bind(year)
    .bind(number)
    .bind(now_ms())
    .fetch_optional(&mut **tx)
    .await?;
    match row {
        Some(r) => Ok(r.try_get("number_date")?),
        None => Err(AppError::bad(
            "reserved_number",
            Said::new(
                format!(
                    "Număr rezervat: {number}/{year} nu este un număr rezervat liber în registrul {}.",
                    super::labels::register(register.code(), crate::web::Lang::Ro)
                ),
                format!(
                    "number {number}/{year} is not a free reserved number of the {} register",
                    register.code()
                ),
            ),
        )),
    }
}

/// Marks the reservation as used by `entry_id`.
pub async fn bind_entry(
    tx: &mut Tx,
    register: Register,
    year: i64,
    number: i64,
    entry_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE registry_reservations SET entry_id = $4 WHERE register = $1 AND year = $2 AND number = $3",
    )
    .bind(register.code())
    .bind(year)
    .bind(number)
    .bind(entry_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
