//! Campaigns (table press_campaigns): a name, what it is, its days and channels, and the
//! objectives and key messages of the strategy it serves (linked by their origin, so a link
//! outlives the strategy's versions). Every write is one audited transaction.

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::day;
use crate::audit::{self, Actor, Change};
use crate::db::{Db, Tx, now_ms};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

/// A campaign.
#[derive(Clone, Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    /// YYYY-MM-DD
    pub starts_on: String,
    pub ends_on: String,
    /// Comma separated: e.g. "presă, Facebook, școli".
    pub channels: String,
    pub created_by: Option<String>,
    pub created_at: i64,
    /// The origins of the objectives it serves.
    #[sqlx(skip)]
    pub objectives: Vec<i64>,
    /// The origins of the key messages it carries.
    #[sqlx(skip)]
    pub messages: Vec<i64>,
}

/// A campaign as typed.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct CampaignIn {
    pub name: Option<String>,
    pub description: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub channels: Option<String>,
}

/// A link to add or take away: kind objective or message, the part's origin id.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct LinkIn {
    pub kind: String,
    pub origin_id: i64,
    /// false takes the link away.
    #[serde(default = "yes")]
    pub linked: bool,
}

fn yes() -> bool {
    true
}

struct Parsed {
    name: String,
    description: Option<String>,
    starts_on: String,
    ends_on: String,
    channels: String,
}

fn parse(input: CampaignIn) -> AppResult<Parsed> {
    let name = required(input.name, "name", 200)?;
    let description = text(input.description, "description", 4000)?;
    let starts_on = day(input.starts_on, "starts_on")?;
    let ends_on = day(input.ends_on, "ends_on")?;
    if ends_on < starts_on {
        return Err(AppError::bad(
            "ends_on",
            Said::new(
                "Campania se încheie după ce începe.",
                "ends_on is not before starts_on",
            ),
        ));
    }
    let channels = text(input.channels, "channels", 500)?
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    Ok(Parsed {
        name,
        description,
        starts_on,
        ends_on,
        channels,
    })
}

const SELECT: &str = "SELECT c.id, c.name, c.description, c.starts_on, c.ends_on, c.channels, \
     u.display_name AS created_by, c.created_at FROM press_campaigns c LEFT JOIN users u ON u.id = c.created_by";

async fn links_of(tx: &mut Tx, c: &mut Campaign) -> AppResult<()> {
    let links: Vec<(String, i64)> = sqlx::query_as(
        "SELECT kind, origin_id FROM press_campaign_links WHERE campaign_id = $1 ORDER BY kind, origin_id",
    )
    .bind(c.id)
    .fetch_all(&mut **tx)
    .await?;
    c.objectives = links
        .iter()
        .filter(|(k, _)| k == "objective")
        .map(|(_, o)| *o)
        .collect();
    c.messages = links
        .iter()
        .filter(|(k, _)| k == "message")
        .map(|(_, o)| *o)
        .collect();
    Ok(())
}

async fn get_in(tx: &mut Tx, id: i64) -> AppResult<Campaign> {
    let mut c: Campaign = sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1")))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)?;
    links_of(tx, &mut c).await?;
    Ok(c)
}

/// Every campaign, the latest first.
pub async fn list(db: &Db) -> AppResult<Vec<Campaign>> {
    let mut tx = db.begin().await?;
    let mut all: Vec<Campaign> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY c.starts_on DESC, c.id DESC"
    )))
    .fetch_all(&mut *tx)
    .await?;
    for c in &mut all {
        links_of(&mut tx, c).await?;
    }
    tx.commit().await?;
    Ok(all)
}

/// One campaign with its links.
pub async fn get(db: &Db, id: i64) -> AppResult<Campaign> {
    let mut tx = db.begin().await?;
    let c = get_in(&mut tx, id).await?;
    tx.commit().await?;
    Ok(c)
}

/// Adds a campaign.
pub async fn create(db: &Db, actor: &Actor, input: CampaignIn) -> AppResult<Campaign> {
    let p = parse(input)?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO press_campaigns (name, description, starts_on, ends_on, channels, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&p.name)
    .bind(&p.description)
    .bind(&p.starts_on)
    .bind(&p.ends_on)
    .bind(&p.channels)
    .bind(actor.user_id)
    .bind(now_ms())
    .fetch_one(&mut *tx)
    .await?;
    let c = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change::of("press.campaign_add", "press_campaign", id, None, &c),
    )
    .await?;
    tx.commit().await?;
    Ok(c)
}

/// Changes a campaign's name, description, days and channels.
pub async fn change(db: &Db, actor: &Actor, id: i64, input: CampaignIn) -> AppResult<Campaign> {
    let p = parse(input)?;
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    sqlx::query(
        "UPDATE press_campaigns SET name = $1, description = $2, starts_on = $3, ends_on = $4, channels = $5 WHERE id = $6",
    )
    .bind(&p.name)
    .bind(&p.description)
    .bind(&p.starts_on)
    .bind(&p.ends_on)
    .bind(&p.channels)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change::of(
            "press.campaign_change",
            "press_campaign",
            id,
            Some(&before),
            &after,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Links a campaign to an objective or key message of the strategy (by its origin), or takes
/// the link away.
pub async fn link(db: &Db, actor: &Actor, id: i64, l: LinkIn) -> AppResult<Campaign> {
    let table = match l.kind.as_str() {
        "objective" => "press_strategy_objectives",
        "message" => "press_strategy_messages",
        _ => {
            return Err(AppError::bad(
                "kind",
                Said::new(
                    "Legătura: obiectiv sau mesaj.",
                    "kind is objective or message",
                ),
            ));
        }
    };
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    let known: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM {table} WHERE COALESCE(origin_id, id) = $1"
    )))
    .bind(l.origin_id)
    .fetch_one(&mut *tx)
    .await?;
    if known == 0 {
        return Err(AppError::bad(
            "origin_id",
            Said::new(
                "Strategia nu are această parte.",
                "the strategy has no such part",
            ),
        ));
    }
    if l.linked {
        sqlx::query(
            "INSERT INTO press_campaign_links (campaign_id, kind, origin_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(&l.kind)
        .bind(l.origin_id)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query("DELETE FROM press_campaign_links WHERE campaign_id = $1 AND kind = $2 AND origin_id = $3")
            .bind(id)
            .bind(&l.kind)
            .bind(l.origin_id)
            .execute(&mut *tx)
            .await?;
    }
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change::of(
            "press.campaign_link",
            "press_campaign",
            id,
            Some(&json!({"objectives": before.objectives, "messages": before.messages})),
            &json!({"objectives": after.objectives, "messages": after.messages}),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
