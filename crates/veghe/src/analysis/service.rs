//! Runs an analysis for a request: checks the filter, loads the incidents, computes off the async
//! threads, and keeps the result in the cache under the filter and the data signature.

use std::sync::Arc;

use serde::Serialize;

use super::filter::{Filter, Incident, RawQuery, data_signature};
use super::hotspots::{self, Hotspots};
use super::nearrepeat::{self, NearRepeat};
use super::situation::{self, HISTORY_WEEKS, Situation};
use super::trends::{self, Trends};
use crate::AppState;
use crate::error::{AppError, AppResult};
use crate::web::Lang;

/// What every answer states: the filter and the data window in words.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Stated {
    pub filter: Filter,
    /// The filter as a sentence (Romanian or English by the caller's language).
    pub described: String,
    /// The query string that reproduces the analysis.
    pub query: String,
}

impl Stated {
    pub fn new(filter: Filter, lang: Lang, extra: &[(&str, String)]) -> Stated {
        let mut query = filter.query();
        let extra: Vec<(&str, String)> = extra
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .cloned()
            .collect();
        if !extra.is_empty() {
            query.push('&');
            query.push_str(&serde_urlencoded::to_string(extra).unwrap_or_default());
        }
        Stated {
            described: filter.describe(lang),
            filter,
            query,
        }
    }
}

async fn cached<T, F>(
    state: &AppState,
    kind: &str,
    extra: &str,
    filter: &Filter,
    f: F,
) -> AppResult<Arc<T>>
where
    T: Send + Sync + 'static,
    F: FnOnce(Vec<Incident>) -> AppResult<T> + Send + 'static,
{
    let sig = data_signature(&state.db).await?;
    let key = format!("{kind}|{sig}|{}|{extra}", filter.query());
    if let Some(v) = state.analysis.get::<T>(&key) {
        return Ok(v);
    }
    let incidents = filter.load(&state.db).await?;
    let v = tokio::task::spawn_blocking(move || f(incidents))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("analysis task: {e}")))??;
    let v = Arc::new(v);
    state.analysis.put(key, v.clone());
    Ok(v)
}

pub async fn hotspots(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Hotspots>)> {
    let filter = Filter::parse(q)?;
    let p = hotspots::Params::parse(q)?;
    let extra = format!("{p:?}");
    let stated = Stated::new(
        filter.clone(),
        lang,
        &[
            ("cell", p.cell.to_string()),
            (
                "bandwidth",
                p.bandwidth.map(|b| b.to_string()).unwrap_or_default(),
            ),
        ],
    );
    let r = cached(state, "hotspots", &extra, &filter, move |i| {
        hotspots::compute(&i, &p)
    })
    .await?;
    Ok((stated, r))
}

pub async fn trends(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Trends>)> {
    let filter = Filter::parse(q)?;
    let period = trends::period_of(q)?;
    let name = if period == veghe_analytics::series::Period::Week {
        "week"
    } else {
        "month"
    };
    let stated = Stated::new(filter.clone(), lang, &[("period", name.into())]);
    let f2 = filter.clone();
    let r = cached(state, "trends", name, &filter, move |i| {
        trends::compute(&i, &f2, period)
    })
    .await?;
    Ok((stated, r))
}

pub async fn near_repeat(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<NearRepeat>)> {
    let filter = Filter::parse(q)?;
    let p = nearrepeat::Params::parse(q)?;
    let stated = Stated::new(
        filter.clone(),
        lang,
        &[
            ("distance_band", p.distance_band.to_string()),
            ("time_band", p.time_band.to_string()),
            ("iterations", p.iterations.to_string()),
        ],
    );
    let extra = format!("{p:?}");
    let r = cached(state, "near_repeat", &extra, &filter, move |i| {
        nearrepeat::compute(&i, &p)
    })
    .await?;
    Ok((stated, r))
}

/// The situation reads two years back from the filter's last day, whatever its first day.
pub async fn situation(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Situation>)> {
    let mut filter = Filter::parse(q)?;
    filter.from_day = filter.to_day - 7 * HISTORY_WEEKS + 1;
    filter.from = super::filter::iso(filter.from_day);
    let stated = Stated::new(filter.clone(), lang, &[]);
    let f2 = filter.clone();
    let r = cached(state, "situation", "", &filter, move |i| {
        situation::compute(&i, &f2)
    })
    .await?;
    Ok((stated, r))
}
