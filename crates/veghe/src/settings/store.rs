//! The `settings` table: a row per key someone changed (its value as text, when and by whom);
//! read per request, written in one transaction with the audit entry of the change.

use serde::Serialize;
use serde_json::{Map, Value};

use super::{Key, Settings};
use crate::audit::{self, Actor, Change};
use crate::config::Config;
use crate::db::{Db, Tx, now_ms};
use crate::error::AppResult;

/// A changed key as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Stored {
    pub key: String,
    pub value: String,
    pub updated_at: i64,
    pub updated_by: String,
}

/// One setting as the page and the API show it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Setting {
    pub key: &'static str,
    /// The value in force.
    pub value: String,
    /// The value from the configuration file or flags (else the default): in force until changed.
    pub initial: String,
    /// When it was last changed here; none while it has its initial value.
    pub updated_at: Option<i64>,
    pub updated_by: Option<String>,
}

const SELECT: &str = "SELECT key, value, updated_at, updated_by FROM settings";

/// The initial settings with the stored values over them. A stored value that no longer reads
/// (written by hand) is left out, with a warning, so the service keeps working.
fn over(initial: Settings, stored: &[Stored]) -> Settings {
    let given: Vec<(Key, String)> = stored
        .iter()
        .filter_map(|s| Key::from_code(&s.key).map(|k| (k, s.value.clone())))
        .collect();
    initial.with(&given).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "stored settings do not read together; taken one by one");
        given.iter().fold(initial, |s, one| {
            s.with(std::slice::from_ref(one)).unwrap_or(s)
        })
    })
}

/// The settings in force.
pub async fn load(db: &Db, config: &Config) -> AppResult<Settings> {
    let stored: Vec<Stored> = sqlx::query_as(SELECT).fetch_all(db.pool()).await?;
    Ok(over(Settings::initial(config), &stored))
}

/// Each setting with its initial value and its last change.
pub async fn detailed(db: &Db, config: &Config) -> AppResult<Vec<Setting>> {
    let stored: Vec<Stored> = sqlx::query_as(SELECT).fetch_all(db.pool()).await?;
    let initial = Settings::initial(config);
    let now = over(initial, &stored);
    Ok(Key::ALL
        .into_iter()
        .map(|k| {
            let row = stored.iter().find(|s| s.key == k.code());
            Setting {
                key: k.code(),
                value: now.value(k),
                initial: initial.value(k),
                updated_at: row.map(|r| r.updated_at),
                updated_by: row.map(|r| r.updated_by.clone()),
            }
        })
        .collect())
}

async fn put(tx: &mut Tx, key: Key, value: &str, actor: &Actor) -> AppResult<()> {
    sqlx::query(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(key.code())
    .bind(value)
    .bind(now_ms())
    .bind(&actor.name)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Changes the `given` settings, checked together with the others: the keys whose value changes
/// and one audit entry (before and after) in one transaction; nothing when nothing changes.
pub async fn save(
    db: &Db,
    config: &Config,
    actor: &Actor,
    given: &[(Key, String)],
) -> AppResult<Settings> {
    let mut tx = db.begin().await?;
    let stored: Vec<Stored> = sqlx::query_as(SELECT).fetch_all(&mut *tx).await?;
    let before = over(Settings::initial(config), &stored);
    let after = before.with(given)?;
    let changed: Vec<Key> = Key::ALL
        .into_iter()
        .filter(|k| before.value(*k) != after.value(*k))
        .collect();
    if changed.is_empty() {
        return Ok(after);
    }
    let (mut was, mut is) = (Map::new(), Map::new());
    for k in &changed {
        put(&mut tx, *k, &after.value(*k), actor).await?;
        was.insert(k.code().into(), Value::String(before.value(*k)));
        is.insert(k.code().into(), Value::String(after.value(*k)));
    }
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "settings.change",
            entity: "settings",
            entity_id: None,
            before: Some(Value::Object(was)),
            after: Some(Value::Object(is)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
