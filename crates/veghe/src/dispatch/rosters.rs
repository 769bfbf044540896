//! Rosters per shift: who is in each crew on a day or night shift, with the vehicle, radio and
//! tracker of that shift. The roster of the shift under way sets the crew's equipment, and
//! tells the crew view which crew a signed-in officer belongs to.

use serde::Serialize;
use serde_json::json;
use sqlx::Row;

use crate::audit::{self, Actor, Change};
use crate::db::{Db, now_ms};
use crate::error::AppError;
pub use crate::settings::Shift;
use crate::settings::Shifts;

/// A crew on a shift.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Roster {
    pub id: i64,
    pub unit_id: i64,
    pub call_sign: String,
    pub day: String,
    pub shift: String,
    /// Officers' user names (or names), in order; the first leads the crew.
    pub members: Vec<String>,
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    pub tracker_id: Option<String>,
}

/// A roster, parsed.
pub struct NewRoster {
    pub unit_id: i64,
    pub day: jiff::civil::Date,
    pub shift: Shift,
    pub members: Vec<String>,
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    pub tracker_id: Option<String>,
}

/// Saves (or replaces) a crew's roster for a shift; for the shift under way, the crew's
/// vehicle, radio and tracker become the roster's.
pub async fn save(
    db: &Db,
    shifts: &Shifts,
    actor: &Actor,
    r: NewRoster,
) -> Result<Roster, AppError> {
    if r.members.is_empty() {
        return Err(AppError::bad(
            "members",
            crate::error::Said::new(
                "Componența: un echipaj are cel puțin un membru.",
                "Members: a crew needs at least one member.",
            ),
        ));
    }
    let day = r.day.to_string();
    let mut tx = db.begin().await?;
    sqlx::query("SELECT id FROM units WHERE id = $1 AND retired_at IS NULL")
        .bind(r.unit_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| {
            AppError::bad(
                "unit_id",
                crate::error::Said::new(
                    format!("Nu există echipajul în serviciu cu id-ul {}.", r.unit_id),
                    format!("There is no crew in service with id {}.", r.unit_id),
                ),
            )
        })?;
    sqlx::query("DELETE FROM rosters WHERE unit_id = $1 AND shift_day = $2 AND shift = $3")
        .bind(r.unit_id)
        .bind(&day)
        .bind(r.shift.code())
        .execute(&mut *tx)
        .await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO rosters (unit_id, shift_day, shift, members, vehicle, radio, tracker_id, created_at, actor_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(r.unit_id)
    .bind(&day)
    .bind(r.shift.code())
    .bind(r.members.join("\n"))
    .bind(&r.vehicle)
    .bind(&r.radio)
    .bind(&r.tracker_id)
    .bind(now_ms())
    .bind(&actor.name)
    .fetch_one(&mut *tx)
    .await?;
    if shifts.shift_at(now_ms()) == (r.day, r.shift) {
        if let Some(t) = &r.tracker_id {
            let other =
                sqlx::query("SELECT call_sign FROM units WHERE tracker_id = $1 AND id <> $2")
                    .bind(t)
                    .bind(r.unit_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(o) = other {
                let cs: String = o.try_get("call_sign")?;
                return Err(AppError::conflict(crate::error::Said::new(
                    format!(
                        "Dispozitivul GPS „{t}” este la echipajul {cs} în această tură; scoateți-l întâi de acolo."
                    ),
                    format!(
                        "GPS device “{t}” is with crew {cs} on this shift; take it off that crew first."
                    ),
                )));
            }
        }
        sqlx::query(
            "UPDATE units SET vehicle = COALESCE($1, vehicle), radio = COALESCE($2, radio), tracker_id = COALESCE($3, tracker_id) WHERE id = $4",
        )
        .bind(&r.vehicle)
        .bind(&r.radio)
        .bind(&r.tracker_id)
        .bind(r.unit_id)
        .execute(&mut *tx)
        .await?;
    }
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "roster.save",
            entity: "roster",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({"unit_id": r.unit_id, "day": day, "shift": r.shift.code(), "members": r.members, "vehicle": r.vehicle, "radio": r.radio, "tracker_id": r.tracker_id})),
        },
    )
    .await?;
    tx.commit().await?;
    let all = of_day(db, &day).await?;
    all.into_iter()
        .find(|x| x.id == id)
        .ok_or(AppError::NotFound)
}

fn from_row(r: &sqlx::any::AnyRow) -> Result<Roster, AppError> {
    let members: String = r.try_get("members")?;
    Ok(Roster {
        id: r.try_get("id")?,
        unit_id: r.try_get("unit_id")?,
        call_sign: r.try_get("call_sign")?,
        day: r.try_get("shift_day")?,
        shift: r.try_get("shift")?,
        members: members.lines().map(str::to_string).collect(),
        vehicle: r.try_get("vehicle")?,
        radio: r.try_get("radio")?,
        tracker_id: r.try_get("tracker_id")?,
    })
}

/// The rosters of a day (`YYYY-MM-DD`), day shift first, by call sign.
pub async fn of_day(db: &Db, day: &str) -> Result<Vec<Roster>, AppError> {
    let rows = sqlx::query(
        "SELECT r.id, r.unit_id, u.call_sign, r.shift_day, r.shift, r.members, r.vehicle, r.radio, r.tracker_id \
         FROM rosters r JOIN units u ON u.id = r.unit_id WHERE r.shift_day = $1 ORDER BY r.shift, u.call_sign",
    )
    .bind(day)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The crew a user is rostered in for the shift under way, if any.
pub async fn crew_of(
    db: &Db,
    shifts: &Shifts,
    username: &str,
    now: i64,
) -> Result<Option<Roster>, AppError> {
    let (day, shift) = shifts.shift_at(now);
    let all = of_day(db, &day.to_string()).await?;
    Ok(all
        .into_iter()
        .find(|r| r.shift == shift.code() && r.members.iter().any(|m| m == username)))
}
