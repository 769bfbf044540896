//! Writes the demo registry ([`super::petitions::generate`]) in one transaction, with the
//! timeline of each case, and continues the yearly counters after it.

use std::collections::HashMap;

use jiff::civil::Date;
use sqlx::Row;
use veghe_ro::petition::Register;

use super::petitions::{DemoEntry, day_ms, generate};
use crate::db::{Db, Tx};

fn s(d: Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

async fn insert(tx: &mut Tx, e: &DemoEntry, dept: &HashMap<String, i64>) -> anyhow::Result<i64> {
    let key = match (&e.cnp, &e.cui, &e.name) {
        (Some(c), _, _) => Some(format!("cnp:{c}")),
        (_, Some(c), _) => Some(format!("cui:{c}")),
        (_, _, Some(n)) => Some(format!(
            "name:{}|{}",
            veghe_ro::fold(n),
            e.email.clone().unwrap_or_else(|| e
                .address
                .as_deref()
                .map(veghe_ro::fold)
                .unwrap_or_default())
        )),
        _ => None,
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO registry_entries (register, year, number, number_date, registered_at, channel, kind, petitioner_kind, petitioner_name, petitioner_key, cnp, cui, email, address, subject, subject_fold, body, status, due_on, original_due_on, extended, notice_on, department_id, internal_due_on, forwarded_to, forwarded_on, class_ground, class_reason, answer_via, answer_sent_on, archive_ref, archived_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32) RETURNING id",
    )
    .bind(e.register.code())
    .bind(e.year)
    .bind(e.number)
    .bind(e.day.to_string())
    .bind(e.at_ms)
    .bind(e.channel)
    .bind(e.kind)
    .bind(e.petitioner_kind)
    .bind(&e.name)
    .bind(key)
    .bind(&e.cnp)
    .bind(&e.cui)
    .bind(&e.email)
    .bind(&e.address)
    .bind(&e.subject)
    .bind(veghe_ro::fold(&e.subject))
    .bind(&e.body)
    .bind(e.status)
    .bind(s(e.due))
    .bind(s(e.original_due.or(e.due)))
    .bind(i64::from(e.notice_on.is_some()))
    .bind(s(e.notice_on))
    .bind(e.department.and_then(|d| dept.get(d).copied()))
    .bind(s(e.internal_due))
    .bind(e.forwarded_to)
    .bind(s(e.forwarded_on))
    .bind(e.class_ground)
    .bind(&e.class_reason)
    .bind(e.answer_via)
    .bind(s(e.answer_on))
    .bind(&e.archive_ref)
    .bind(e.archive_ref.as_ref().map(|_| e.at_ms + 60 * 86_400_000))
    .fetch_one(&mut **tx)
    .await?;
    crate::registry::search::index_new(tx, id, &[&e.subject, &e.body]).await?;
    Ok(id)
}

async fn event(
    tx: &mut Tx,
    id: i64,
    at: i64,
    action: &str,
    note: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query("INSERT INTO registry_events (entry_id, at, actor_id, actor_name, action, note) VALUES ($1, $2, NULL, 'registratura', $3, $4)")
        .bind(id)
        .bind(at)
        .bind(action)
        .bind(note)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Writes the demo registry in one transaction, continues the yearly counters after it, and
/// puts the demo department officer in the public-order department. Returns the entries written.
pub async fn seed_petitions(db: &Db, seed: u64, now_ms: i64) -> anyhow::Result<usize> {
    let entries = generate(seed, now_ms);
    let mut tx = db.begin().await?;
    let dept: HashMap<String, i64> = sqlx::query("SELECT id, code FROM registry_departments")
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("code")?, r.try_get("id")?)))
        .collect::<Result<_, sqlx::Error>>()?;
    let mut ids: HashMap<(i64, i64), i64> = HashMap::new();
    let mut counters: HashMap<(&str, i64), i64> = HashMap::new();
    for e in &entries {
        let id = insert(&mut tx, e, &dept).await?;
        if e.register == Register::Petition {
            ids.insert((e.year, e.number), id);
        }
        let c = counters.entry((e.register.code(), e.year)).or_insert(0);
        *c = (*c).max(e.number);
        let day = |d: Date| day_ms(d, 10 * 60);
        event(&mut tx, id, e.at_ms, "registered", Some(e.channel)).await?;
        if let Some(d) = e.department.filter(|_| e.status != "classed") {
            event(&mut tx, id, e.at_ms + 3_600_000, "routed", Some(d)).await?;
        }
        if let Some(n) = e.notice_on {
            event(&mut tx, id, day(n), "extended", s(e.due).as_deref()).await?;
        }
        if let (Some(to), Some(on)) = (e.forwarded_to, e.forwarded_on) {
            event(&mut tx, id, day(on), "forwarded", Some(to)).await?;
        }
        if let Some(target) = e.joined_to.and_then(|k| ids.get(&k).copied()) {
            sqlx::query("UPDATE registry_entries SET joined_to = $2 WHERE id = $1")
                .bind(id)
                .bind(target)
                .execute(&mut *tx)
                .await?;
            event(&mut tx, id, e.at_ms + 60_000, "joined", None).await?;
            event(&mut tx, target, e.at_ms + 60_000, "joined_here", None).await?;
        }
        if let Some(orig) = e.original.and_then(|k| ids.get(&k).copied()) {
            sqlx::query("UPDATE registry_entries SET original_id = $2 WHERE id = $1")
                .bind(id)
                .bind(orig)
                .execute(&mut *tx)
                .await?;
            event(&mut tx, orig, e.at_ms + 60_000, "repeat_classed", None).await?;
        }
        if e.class_ground.is_some() {
            event(
                &mut tx,
                id,
                e.at_ms + 60_000,
                "classed",
                e.class_reason.as_deref(),
            )
            .await?;
        }
        if let (Some(via), Some(on), None) = (e.answer_via, e.answer_on, e.joined_to) {
            event(&mut tx, id, day(on), "answered", Some(via)).await?;
        }
        if let Some(r) = &e.archive_ref {
            event(&mut tx, id, e.at_ms + 60 * 86_400_000, "archived", Some(r)).await?;
        }
    }
    for ((name, year), last) in counters {
        sqlx::query("INSERT INTO counters (name, year, next) VALUES ($1, $2, $3) ON CONFLICT (name, year) DO UPDATE SET next = $3")
            .bind(format!("registry.{name}"))
            .bind(year)
            .bind(last + 1)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    staff_public_order(db).await?;
    Ok(entries.len())
}

/// The public-order department's officer, its head and its address, set as an administrator
/// would, through the departments' own store (when the demo's officer account exists).
async fn staff_public_order(db: &Db) -> anyhow::Result<()> {
    use crate::registry::departments::{DepartmentPatch, add_member_to, change};
    if crate::auth::users::credentials(db, "compartiment")
        .await?
        .is_none()
    {
        return Ok(());
    }
    let actor = crate::audit::Actor::system("demo");
    add_member_to(db, &actor, "ordine_publica", "compartiment").await?;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM registry_departments WHERE code = 'ordine_publica'")
            .fetch_one(db.pool())
            .await?;
    let patch = DepartmentPatch {
        head: Some("compartiment".into()),
        email: Some("ordine.publica@politialocalatm.example".into()),
        ..DepartmentPatch::default()
    };
    change(db, &actor, id, patch).await?;
    Ok(())
}
