//! Backup and restore of the whole database as JSON lines, readable by either engine, so a
//! backup also moves an installation from SQLite to PostgreSQL or back.
//!
//! Line 1 is a header (format, schema version); then, per table, a line `{"table", "columns"}`
//! followed by one JSON array per row. Restore runs in one transaction: all or nothing.

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde_json::{Value, json};
use sqlx::{Column, Row};

use crate::db::{Backend, Db};

/// Tables in an order that satisfies their foreign keys. Sessions and login failures are
/// transient and not kept.
pub const TABLES: &[&str] = &[
    "meta",
    "users",
    "api_tokens",
    "audit_head",
    "audit_log",
    "access_log",
    "counters",
    "units",
    "incidents",
    "incident_events",
    "events",
    "positions",
    "unit_contacts",
    "agencies",
    "incident_types",
    "handovers",
    "shift_handovers",
    "incident_calls",
    "incident_attachments",
    "rosters",
    "duty_log",
    "public_alerts",
    "special_events",
    "notifications",
    "mail_outbox",
    "plan_templates",
    "plan_template_tasks",
    "plans",
    "plan_tasks",
    "plan_log",
    "registry_departments",
    "registry_department_members",
    "registry_entries",
    "registry_reservations",
    "registry_events",
    "registry_attachments",
    "activity_offences",
    "activity_imports",
    "activity_mappings",
    "activity_sanctions",
    "activity_referrals",
    "activity_counts",
    "activity_places",
    "registry_search",
    "open311_keys",
    "analysis_proposals",
    "registry_info_facts",
    "registry_court_cases",
    "registry_info_years",
    "registry_retention",
    "registry_purges",
    "registry_templates",
    "registry_archive_files",
    "registry_letters",
    "registry_reminders",
    "settings",
    "press_outlets",
    "press_journalists",
    "press_campaigns",
    "press_events",
    "press_releases",
    "press_release_photos",
    "press_accreditations",
    "press_lists",
    "press_list_members",
    "press_sends",
    "press_strategy_versions",
    "press_strategy_objectives",
    "press_strategy_audiences",
    "press_strategy_messages",
    "press_campaign_links",
    "press_spokespersons",
    "press_event_invitations",
    "press_conference_gaps",
    "press_requests",
    "press_circulars",
    "press_circular_recipients",
];

/// Tables not kept by a backup: transient state and the schema's own record.
pub const TRANSIENT: &[&str] = &["sessions", "login_failures", "schema_migrations"];

fn value_of(row: &sqlx::any::AnyRow, i: usize) -> Value {
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<String>, _>(i) {
        return v.map_or(Value::Null, Value::from);
    }
    if let Ok(v) = row.try_get::<Option<Vec<u8>>, _>(i) {
        return v.map_or(Value::Null, |b| json!({ "hex": hex::encode(b) }));
    }
    Value::Null
}

/// Writes every table to `file`; returns the number of rows.
pub async fn backup(db: &Db, file: &Path) -> anyhow::Result<u64> {
    let version = crate::db::current_version(db).await?;
    let out = std::fs::File::create(file)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", file.display()))?;
    let mut w = BufWriter::new(out);
    writeln!(
        w,
        "{}",
        json!({"format": "veghe-backup", "version": 1, "schema": version})
    )?;
    let mut total = 0u64;
    // One read transaction, so the backup is a consistent snapshot.
    let mut tx = db.pool().begin().await?;
    for table in TABLES {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT * FROM {table}")))
            .fetch_all(&mut *tx)
            .await?;
        let columns: Vec<String> = match rows.first() {
            Some(r) => r.columns().iter().map(|c| c.name().to_string()).collect(),
            None => Vec::new(),
        };
        let values: Vec<Vec<Value>> = rows
            .iter()
            .map(|r| (0..columns.len()).map(|i| value_of(r, i)).collect())
            .collect();
        // The kind of each column, so that NULLs are restored with the right type.
        let types: Vec<&str> = (0..columns.len())
            .map(|i| {
                values
                    .iter()
                    .find_map(|row| match &row[i] {
                        Value::Number(n) if n.is_i64() => Some("int"),
                        Value::Number(_) => Some("float"),
                        Value::String(_) => Some("text"),
                        Value::Object(_) => Some("blob"),
                        _ => None,
                    })
                    .unwrap_or("text")
            })
            .collect();
        writeln!(
            w,
            "{}",
            json!({"table": table, "columns": columns, "types": types, "rows": rows.len()})
        )?;
        for row in values {
            writeln!(w, "{}", Value::Array(row))?;
            total += 1;
        }
    }
    tx.rollback().await?;
    w.flush()?;
    Ok(total)
}

/// Loads a backup. The database must hold no accounts or incidents unless `force` is given, in
/// which case everything is replaced.
pub async fn restore(db: &Db, file: &Path, force: bool) -> anyhow::Result<u64> {
    let input = std::fs::File::open(file)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", file.display()))?;
    let mut lines = BufReader::new(input).lines();
    let header: Value = serde_json::from_str(&lines.next().transpose()?.unwrap_or_default())
        .map_err(|_| {
            anyhow::anyhow!("{} is not a Veghe backup (bad first line)", file.display())
        })?;
    if header.get("format").and_then(Value::as_str) != Some("veghe-backup") {
        anyhow::bail!("{} is not a Veghe backup", file.display());
    }
    let schema = header.get("schema").and_then(Value::as_i64).unwrap_or(0);
    let current = crate::db::current_version(db).await?;
    if schema > current {
        anyhow::bail!(
            "the backup has schema {schema}, newer than this Veghe ({current}): upgrade first"
        );
    }
    let mut tx = db.begin().await?;
    let existing: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM incidents) AS n",
    )
    .fetch_one(&mut *tx)
    .await?;
    if existing > 0 && !force {
        anyhow::bail!(
            "the database is not empty ({existing} accounts and incidents); restore into an empty database or use --force to replace everything"
        );
    }
    for table in TABLES.iter().rev() {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM sessions")
        .execute(&mut *tx)
        .await?;
    let mut total = 0u64;
    let mut insert: Option<String> = None;
    let mut types: Vec<String> = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line?;
        let value: Value = serde_json::from_str(&line)
            .map_err(|e| anyhow::anyhow!("line {}: not JSON: {e}", n + 2))?;
        match value {
            Value::Object(head) => {
                let table = head
                    .get("table")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if !TABLES.contains(&table) {
                    anyhow::bail!("line {}: unknown table `{table}`", n + 2);
                }
                let columns: Vec<String> = head
                    .get("columns")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|c| c.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default();
                if columns
                    .iter()
                    .any(|c| !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
                {
                    anyhow::bail!("line {}: bad column name", n + 2);
                }
                types = head
                    .get("types")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .map(|t| t.as_str().unwrap_or("text").to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let marks: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
                insert = Some(format!(
                    "INSERT INTO {table} ({}) VALUES ({})",
                    columns.join(", "),
                    marks.join(", ")
                ));
            }
            Value::Array(values) => {
                let sql = insert
                    .as_deref()
                    .ok_or_else(|| anyhow::anyhow!("line {}: a row before its table", n + 2))?;
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()));
                for (i, v) in values.into_iter().enumerate() {
                    q = match v {
                        Value::Null => match types.get(i).map(String::as_str) {
                            Some("int") => q.bind(Option::<i64>::None),
                            Some("float") => q.bind(Option::<f64>::None),
                            Some("blob") => q.bind(Option::<Vec<u8>>::None),
                            _ => q.bind(Option::<String>::None),
                        },
                        Value::Number(num) if num.is_i64() => q.bind(num.as_i64()),
                        Value::Number(num) => q.bind(num.as_f64()),
                        Value::String(s) => q.bind(s),
                        Value::Object(o) if o.contains_key("hex") => {
                            let text = o.get("hex").and_then(Value::as_str).unwrap_or_default();
                            let bytes = hex::decode(text).map_err(|_| {
                                anyhow::anyhow!(
                                    "line {}: column {} is not hexadecimal",
                                    n + 2,
                                    i + 1
                                )
                            })?;
                            q.bind(bytes)
                        }
                        other => q.bind(other.to_string()),
                    };
                }
                q.execute(&mut *tx).await?;
                total += 1;
            }
            _ => anyhow::bail!("line {}: unexpected value", n + 2),
        }
    }
    if db.backend() == Backend::Postgres {
        for table in TABLES {
            let identity = sqlx::query(
                "SELECT 1 AS x FROM information_schema.columns WHERE table_name = $1 AND column_name = 'id' AND is_identity = 'YES'",
            )
            .bind(*table)
            .fetch_optional(&mut *tx)
            .await?;
            if identity.is_none() {
                continue;
            }
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(total)
}
