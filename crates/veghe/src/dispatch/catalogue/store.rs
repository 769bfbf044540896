//! The catalogue in the database: loading every version, adding a type, changing one (a used
//! type's new names open a new version from now), retiring one; each write one transaction with
//! its audit entry.

use super::input::{Fields, TypeIn, TypePatch};
use super::texts::{EN, RO};
use super::types::{IncidentType, Types};
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};

const COLUMNS: &str = "id, code, name_ro, name_en, default_priority, our_competence, legal_basis, agency, cap_category, eido_type, position, active_from, active_to";

/// Every version of every type (a few dozen rows; read per request, never cached, since several
/// servers may share one database).
pub async fn load(db: &Db) -> AppResult<Types> {
    let rows: Vec<IncidentType> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM incident_types"
    )))
    .fetch_all(db.pool())
    .await?;
    Ok(Types::new(rows))
}

async fn versions_in(tx: &mut Tx, code: &str) -> AppResult<Types> {
    let rows: Vec<IncidentType> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM incident_types WHERE code = $1"
    )))
    .bind(code)
    .fetch_all(&mut **tx)
    .await?;
    Ok(Types::new(rows))
}

async fn check_agency(tx: &mut Tx, f: &Fields) -> AppResult<()> {
    if let Some(a) = &f.agency {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies WHERE code = $1")
            .bind(a)
            .fetch_one(&mut **tx)
            .await?;
        if n == 0 {
            return Err(AppError::bad(
                "agency",
                Said::new(RO.agency_unknown, EN.agency_unknown),
            ));
        }
    }
    Ok(())
}

/// Whether any incident has this type.
pub async fn used<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    e: E,
    code: &str,
) -> AppResult<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM incidents WHERE type = $1")
        .bind(code)
        .fetch_one(e)
        .await?;
    Ok(n > 0)
}

async fn insert(
    tx: &mut Tx,
    code: &str,
    f: &Fields,
    position: i64,
    from: Option<i64>,
) -> AppResult<IncidentType> {
    Ok(with_fields(
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "INSERT INTO incident_types (name_ro, name_en, default_priority, our_competence, legal_basis, agency, cap_category, eido_type, code, position, active_from) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING {COLUMNS}"
        ))),
        f,
    )
    .bind(code)
    .bind(position)
    .bind(from)
    .fetch_one(&mut **tx)
    .await?)
}

type Statement<'q> =
    sqlx::query::QueryAs<'q, sqlx::Any, IncidentType, <sqlx::Any as sqlx::Database>::Arguments>;

/// Binds a type's fields as `$1…$8`: names, priority, competence, legal basis, agency, CAP, EIDO.
fn with_fields<'q>(q: Statement<'q>, f: &'q Fields) -> Statement<'q> {
    q.bind(&f.name_ro)
        .bind(&f.name_en)
        .bind(f.default_priority)
        .bind(i64::from(f.our_competence))
        .bind(&f.legal_basis)
        .bind(&f.agency)
        .bind(f.cap_category)
        .bind(&f.eido_type)
}

/// Writes the change's audit entry and commits: the one end of every write here.
async fn commit_audited(
    mut tx: Tx,
    actor: &Actor,
    action: &str,
    before: Option<&IncidentType>,
    after: IncidentType,
) -> AppResult<IncidentType> {
    let change = Change::of(action, "incident_type", &after.code, before, &after);
    audit::append(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(after)
}

/// The current version of `code`, which must exist (else 404) and not be retired (else 409).
async fn open_version(tx: &mut Tx, code: &str) -> AppResult<IncidentType> {
    let versions = versions_in(tx, code).await?;
    let current = versions.get(code).ok_or(AppError::NotFound)?.clone();
    if current.retired() {
        return Err(AppError::conflict(Said::new(
            RO.retired_refused,
            EN.retired_refused,
        )));
    }
    Ok(current)
}

/// Adds a type, in force from now; a code already in the catalogue (retired too) is a conflict.
pub async fn create(db: &Db, actor: &Actor, input: &TypeIn) -> AppResult<IncidentType> {
    let (code, f) = input.parse()?;
    let mut tx = db.begin().await?;
    if !versions_in(&mut tx, &code).await?.versions().is_empty() {
        return Err(AppError::conflict(Said::new(RO.duplicate, EN.duplicate)));
    }
    check_agency(&mut tx, &f).await?;
    let position: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM incident_types")
            .fetch_one(&mut *tx)
            .await?;
    let t = insert(&mut tx, &code, &f, position, Some(now_ms())).await?;
    commit_audited(tx, actor, "incident_type.create", None, t).await
}

/// Changes a type. Used by incidents and renamed: its version ends now and a new one begins;
/// otherwise the current version is changed in place. A retired type is not changed.
pub async fn update(
    db: &Db,
    actor: &Actor,
    code: &str,
    patch: &TypePatch,
) -> AppResult<IncidentType> {
    let mut tx = db.begin().await?;
    let current = open_version(&mut tx, code).await?;
    let f = patch.apply(&current)?;
    check_agency(&mut tx, &f).await?;
    let after = if f.renames(&current) && used(&mut *tx, code).await? {
        let now = now_ms();
        sqlx::query("UPDATE incident_types SET active_to = $1 WHERE id = $2")
            .bind(now)
            .bind(current.id)
            .execute(&mut *tx)
            .await?;
        insert(&mut tx, code, &f, current.position, Some(now)).await?
    } else {
        with_fields(
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "UPDATE incident_types SET name_ro = $1, name_en = $2, default_priority = $3, our_competence = $4, \
                 legal_basis = $5, agency = $6, cap_category = $7, eido_type = $8 WHERE id = $9 RETURNING {COLUMNS}"
            ))),
            &f,
        )
        .bind(current.id)
        .fetch_one(&mut *tx)
        .await?
    };
    commit_audited(tx, actor, "incident_type.update", Some(&current), after).await
}

/// Retires a type from now: no new call takes it; incidents keep its name.
pub async fn retire(db: &Db, actor: &Actor, code: &str) -> AppResult<IncidentType> {
    let mut tx = db.begin().await?;
    let current = open_version(&mut tx, code).await?;
    let after: IncidentType = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE incident_types SET active_to = $1 WHERE id = $2 RETURNING {COLUMNS}"
    )))
    .bind(now_ms())
    .bind(current.id)
    .fetch_one(&mut *tx)
    .await?;
    commit_audited(tx, actor, "incident_type.retire", Some(&current), after).await
}
