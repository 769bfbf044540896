//! The audit trail: every write appends an entry (who, when, what, before and after), each entry
//! chained to the previous one by SHA-256, so a row changed behind Veghe's back is found.
//!
//! Entries are appended inside the writing transaction: the write and its entry commit together
//! or not at all. The single-row `audit_head` serialises appends on both engines.

pub mod access_log;
pub mod routes;
pub mod words;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::db::{Db, Tx, now_ms};

/// Who did it: a signed-in person, or the system (CLI, jobs).
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn system(what: &str) -> Actor {
        Actor {
            user_id: None,
            name: format!("system:{what}"),
        }
    }
}

/// One change, as the writer describes it.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl<'a> Change<'a> {
    /// The change of one record: as it was (none when it is new) and as it is, in JSON.
    pub fn of<T: serde::Serialize>(
        action: &'a str,
        entity: &'a str,
        id: impl ToString,
        before: Option<&T>,
        after: &T,
    ) -> Change<'a> {
        Change {
            action,
            entity,
            entity_id: Some(id.to_string()),
            before: before.map(|b| serde_json::json!(b)),
            after: Some(serde_json::json!(after)),
        }
    }
}

/// A stored entry.
#[derive(Clone, Debug, serde::Serialize, sqlx::FromRow)]
pub struct Entry {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The hash this entry must have, from its content and the previous hash.
    pub fn expected_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.seq,
            self.at,
            self.actor_id,
            self.actor_name,
            self.action,
            self.entity,
            self.entity_id,
            self.before_json,
            self.after_json,
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// Appends one entry in the caller's transaction and returns its sequence number.
pub async fn append(tx: &mut Tx, actor: &Actor, change: Change<'_>) -> Result<i64, sqlx::Error> {
    // The events' ordering lock before the audit head, as every writer takes them, so that a
    // transaction that audits and publishes never waits for one doing the same the other way round.
    crate::db::events::order(tx).await?;
    let (seq, prev_hash): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut **tx)
            .await?;
    let mut entry = Entry {
        seq,
        at: now_ms(),
        actor_id: actor.user_id,
        actor_name: actor.name.clone(),
        action: change.action.to_string(),
        entity: change.entity.to_string(),
        entity_id: change.entity_id,
        before_json: change.before.map(|v| v.to_string()),
        after_json: change.after.map(|v| v.to_string()),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.expected_hash();
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&entry.hash)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before_json, after_json, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(entry.seq)
    .bind(entry.at)
    .bind(entry.actor_id)
    .bind(&entry.actor_name)
    .bind(&entry.action)
    .bind(&entry.entity)
    .bind(&entry.entity_id)
    .bind(&entry.before_json)
    .bind(&entry.after_json)
    .bind(&entry.prev_hash)
    .bind(&entry.hash)
    .execute(&mut **tx)
    .await?;
    Ok(entry.seq)
}

const SELECT: &str = "SELECT seq, at, actor_id, actor_name, action, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log";

/// The latest entries, newest first, optionally for one entity kind.
pub async fn recent(db: &Db, entity: Option<&str>, limit: i64) -> Result<Vec<Entry>, sqlx::Error> {
    match entity {
        Some(e) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE entity = $1 ORDER BY seq DESC LIMIT $2"
            )))
            .bind(e.to_string())
            .bind(limit)
            .fetch_all(db.pool())
            .await
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} ORDER BY seq DESC LIMIT $1"
            )))
            .bind(limit)
            .fetch_all(db.pool())
            .await
        }
    }
}

/// The outcome of checking the chain.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        entries: i64,
    },
    /// The first entry whose content, link or position is wrong.
    Broken {
        seq: i64,
        reason: String,
    },
}

/// Walks the whole chain in order, in pages, and names the first entry that does not hold.
pub async fn verify(db: &Db) -> Result<Verdict, sqlx::Error> {
    let mut prev_hash = "0".repeat(64);
    let mut expected_seq = 1i64;
    loop {
        let entries: Vec<Entry> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE seq >= $1 ORDER BY seq LIMIT 5000"
        )))
        .bind(expected_seq)
        .fetch_all(db.pool())
        .await?;
        if entries.is_empty() {
            break;
        }
        for e in entries {
            if e.seq != expected_seq {
                return Ok(Verdict::Broken {
                    seq: expected_seq,
                    reason: format!("entry {expected_seq} is missing"),
                });
            }
            if e.prev_hash != prev_hash {
                return Ok(Verdict::Broken {
                    seq: e.seq,
                    reason: "its link to the previous entry does not match".into(),
                });
            }
            if e.expected_hash() != e.hash {
                return Ok(Verdict::Broken {
                    seq: e.seq,
                    reason: "its content was changed after it was written".into(),
                });
            }
            prev_hash = e.hash;
            expected_seq += 1;
        }
    }
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(db.pool())
            .await?;
    if head_seq != expected_seq - 1 || head_hash != prev_hash {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            reason: format!(
                "the chain ends at entry {} but the head records entry {head_seq}: entries were removed",
                expected_seq - 1
            ),
        });
    }
    Ok(Verdict::Intact {
        entries: expected_seq - 1,
    })
}
