//! Runs an analysis for a request: checks the filter, loads the incidents, computes off the async
//! threads, and keeps the result in the cache under the filter and the data signature. The API
//! waits for the result; a page waits a moment, and when the analysis takes longer it shows the
//! progress of the job computing it (and the last result, with when it was computed) instead.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::filter::{Filter, Incident, RawQuery, data_signature};
use super::hotspots::{self, Hotspots};
use super::nearrepeat::{self, NearRepeat};
use super::situation::{self, HISTORY_WEEKS, Situation};
use super::trends::{self, Trends};
use crate::AppState;
use crate::dispatch::catalogue::Types;
use crate::error::{AppError, AppResult, Said};
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
    pub fn new(filter: Filter, lang: Lang, types: &Types, extra: &[(&str, String)]) -> Stated {
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
            described: filter.describe(lang, types),
            filter,
            query,
        }
    }
}

/// The incident-type catalogue, for naming the filter's type.
async fn types_of(state: &AppState) -> AppResult<Types> {
    crate::dispatch::catalogue::load(&state.db).await
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

/// How long a page waits for an analysis before it shows the progress instead.
const WAIT: Duration = Duration::from_millis(900);

/// What an analysis page shows: the result (this filter's, or the last one while this one is
/// computed), when it was computed, and the job computing the new one.
pub struct Shown<T> {
    /// What the asked analysis states (the form shows it).
    pub asked: Stated,
    /// What the shown result states.
    pub about: Option<Stated>,
    pub result: Option<Arc<T>>,
    pub computed_ms: Option<i64>,
    /// The result shown is the last one of its kind, not the one asked (still computing).
    pub previous: bool,
    /// The job computing the asked result, while it runs.
    pub job: Option<String>,
}

/// A job's id: a short hash of its cache key.
fn job_id(key: &str) -> String {
    hex::encode(&Sha256::digest(key.as_bytes())[..8])
}

/// What a failed analysis tells the person.
fn said_of(e: AppError) -> Said {
    match e {
        AppError::BadRequest { message, .. } | AppError::Conflict(message) => message,
        other => {
            tracing::error!(error = %other, "analysis job failed");
            Said::new(
                "Calculul nu a reușit. Încercați din nou.",
                "The computation failed. Try again.",
            )
        }
    }
}

/// Runs `f` for a page: the cached result at once; else a job in the background (one per filter
/// and data), waited for a moment; still running, the page shows its progress and the last
/// result of `kind`. `after`: the job the page was reloaded for, whose result is shown even if
/// the data moved on since.
#[allow(clippy::too_many_arguments)]
async fn on_page<T, F>(
    state: &AppState,
    kind: &'static str,
    extra: &str,
    filter: &Filter,
    asked: Stated,
    after: Option<&str>,
    f: F,
) -> AppResult<Shown<T>>
where
    T: Send + Sync + 'static,
    F: FnOnce(Vec<Incident>, &dyn Fn(u64, u64)) -> AppResult<T> + Send + 'static,
{
    let ready = |value: Arc<T>, computed_ms: i64, asked: Stated| Shown {
        about: Some(asked.clone()),
        asked,
        result: Some(value),
        computed_ms: Some(computed_ms),
        previous: false,
        job: None,
    };
    let prefix = format!("{kind}|");
    if let Some(job) = after.and_then(|id| state.analysis.job(id))
        && job.key.starts_with(&prefix)
        && job.key.ends_with(&format!("|{}|{extra}", filter.query()))
        && let Some(s) = state.analysis.get_stored(&job.key)
        && let Ok(v) = s.value.downcast::<T>()
    {
        return Ok(ready(v, s.computed_ms, asked));
    }
    let sig = data_signature(&state.db).await?;
    let key = format!("{kind}|{sig}|{}|{extra}", filter.query());
    if let Some(s) = state.analysis.get_stored(&key)
        && let Ok(v) = s.value.downcast::<T>()
    {
        return Ok(ready(v, s.computed_ms, asked));
    }
    let id = job_id(&key);
    let (job, new) = state.analysis.job_for(&id, &key);
    if new {
        let st = state.clone();
        let filter = filter.clone();
        let about: Arc<dyn std::any::Any + Send + Sync> = Arc::new(asked.clone());
        let job = job.clone();
        tokio::spawn(async move {
            let run = async {
                let incidents = filter.load(&st.db).await?;
                let j = job.clone();
                tokio::task::spawn_blocking(move || {
                    f(incidents, &|done, total| j.progress(done, total))
                })
                .await
                .map_err(|e| AppError::Internal(anyhow::anyhow!("analysis task: {e}")))?
            };
            match run.await {
                Ok(v) => {
                    st.analysis.put(job.key.clone(), Arc::new(v));
                    st.analysis.put_last(kind, about, &job.key);
                }
                Err(e) => {
                    if let Ok(mut f) = job.failed.lock() {
                        *f = Some(said_of(e));
                    }
                }
            }
            job.finished.store(true, Ordering::Release);
        });
    }
    let until = Instant::now() + WAIT;
    while !job.is_finished() && Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(40)).await;
    }
    if job.is_finished() {
        if let Some(said) = job.failure() {
            return Err(AppError::bad("type", said));
        }
        if let Some(s) = state.analysis.get_stored(&key)
            && let Ok(v) = s.value.downcast::<T>()
        {
            return Ok(ready(v, s.computed_ms, asked));
        }
    }
    let last = state.analysis.last::<Stated, T>(kind);
    Ok(Shown {
        asked,
        about: last.as_ref().map(|(a, _, _)| (**a).clone()),
        result: last.as_ref().map(|(_, v, _)| v.clone()),
        computed_ms: last.as_ref().map(|(_, _, at)| *at),
        previous: last.is_some(),
        job: Some(id),
    })
}

/// A job's state for the page polling it.
#[derive(Serialize)]
pub struct JobState {
    /// `running`, `done`, `failed` or `unknown`.
    pub state: &'static str,
    /// Percent done, when known.
    pub percent: Option<u64>,
    /// Why it failed, in the reader's language.
    pub message: Option<String>,
}

pub fn job_state(state: &AppState, id: &str, lang: Lang) -> JobState {
    match state.analysis.job(id) {
        None => JobState {
            state: "unknown",
            percent: None,
            message: None,
        },
        Some(j) => match (j.is_finished(), j.failure()) {
            (true, Some(said)) => JobState {
                state: "failed",
                percent: None,
                message: Some(said.in_lang(lang).to_string()),
            },
            (true, None) => JobState {
                state: "done",
                percent: Some(100),
                message: None,
            },
            (false, _) => JobState {
                state: "running",
                percent: j.percent(),
                message: None,
            },
        },
    }
}

/// A request for one analysis, read once for the page and the API: its filter, the statement of
/// it, the cache key's own part and the analysis's parameters.
struct Asked<P> {
    filter: Filter,
    stated: Stated,
    extra: String,
    params: P,
}

fn hotspots_asked(q: &RawQuery, lang: Lang, types: &Types) -> AppResult<Asked<hotspots::Params>> {
    let filter = Filter::parse(q)?;
    let params = hotspots::Params::parse(q)?;
    let stated = Stated::new(
        filter.clone(),
        lang,
        types,
        &[
            ("cell", params.cell.to_string()),
            (
                "bandwidth",
                params.bandwidth.map(|b| b.to_string()).unwrap_or_default(),
            ),
        ],
    );
    Ok(Asked {
        extra: format!("{params:?}"),
        filter,
        stated,
        params,
    })
}

fn trends_asked(
    q: &RawQuery,
    lang: Lang,
    types: &Types,
) -> AppResult<Asked<veghe_analytics::series::Period>> {
    let filter = Filter::parse(q)?;
    let params = trends::period_of(q)?;
    let name = if params == veghe_analytics::series::Period::Week {
        "week"
    } else {
        "month"
    };
    let stated = Stated::new(filter.clone(), lang, types, &[("period", name.into())]);
    Ok(Asked {
        filter,
        stated,
        extra: name.into(),
        params,
    })
}

fn near_repeat_asked(
    q: &RawQuery,
    lang: Lang,
    types: &Types,
) -> AppResult<Asked<nearrepeat::Params>> {
    let filter = Filter::parse(q)?;
    let params = nearrepeat::Params::parse(q)?;
    let stated = Stated::new(
        filter.clone(),
        lang,
        types,
        &[
            ("distance_band", params.distance_band.to_string()),
            ("time_band", params.time_band.to_string()),
            ("iterations", params.iterations.to_string()),
        ],
    );
    Ok(Asked {
        extra: format!("{params:?}"),
        filter,
        stated,
        params,
    })
}

/// The situation reads two years back from the filter's last day, whatever its first day.
fn situation_asked(q: &RawQuery, lang: Lang, types: &Types) -> AppResult<Asked<()>> {
    let mut filter = Filter::parse(q)?;
    filter.from_day = filter.to_day - 7 * HISTORY_WEEKS + 1;
    filter.from = super::filter::iso(filter.from_day);
    let stated = Stated::new(filter.clone(), lang, types, &[]);
    Ok(Asked {
        filter,
        stated,
        extra: String::new(),
        params: (),
    })
}

pub async fn hotspots_page(
    state: &AppState,
    q: &RawQuery,
    after: Option<&str>,
    lang: Lang,
) -> AppResult<Shown<Hotspots>> {
    let a = hotspots_asked(q, lang, &types_of(state).await?)?;
    let p = a.params;
    on_page(
        state,
        "hotspots",
        &a.extra,
        &a.filter,
        a.stated,
        after,
        move |i, _| hotspots::compute(&i, &p),
    )
    .await
}

pub async fn trends_page(
    state: &AppState,
    q: &RawQuery,
    after: Option<&str>,
    lang: Lang,
) -> AppResult<Shown<Trends>> {
    let a = trends_asked(q, lang, &types_of(state).await?)?;
    let (f, period) = (a.filter.clone(), a.params);
    on_page(
        state,
        "trends",
        &a.extra,
        &a.filter,
        a.stated,
        after,
        move |i, _| trends::compute(&i, &f, period),
    )
    .await
}

pub async fn near_repeat_page(
    state: &AppState,
    q: &RawQuery,
    after: Option<&str>,
    lang: Lang,
) -> AppResult<Shown<NearRepeat>> {
    let a = near_repeat_asked(q, lang, &types_of(state).await?)?;
    let p = a.params;
    on_page(
        state,
        "near_repeat",
        &a.extra,
        &a.filter,
        a.stated,
        after,
        move |i, progress| nearrepeat::compute(&i, &p, progress),
    )
    .await
}

pub async fn situation_page(
    state: &AppState,
    q: &RawQuery,
    after: Option<&str>,
    lang: Lang,
) -> AppResult<Shown<Situation>> {
    let a = situation_asked(q, lang, &types_of(state).await?)?;
    let f = a.filter.clone();
    on_page(
        state,
        "situation",
        "",
        &a.filter,
        a.stated,
        after,
        move |i, _| situation::compute(&i, &f),
    )
    .await
}

pub async fn hotspots(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Hotspots>)> {
    let a = hotspots_asked(q, lang, &types_of(state).await?)?;
    let p = a.params;
    let r = cached(state, "hotspots", &a.extra, &a.filter, move |i| {
        hotspots::compute(&i, &p)
    })
    .await?;
    Ok((a.stated, r))
}

pub async fn trends(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Trends>)> {
    let a = trends_asked(q, lang, &types_of(state).await?)?;
    let (f, period) = (a.filter.clone(), a.params);
    let r = cached(state, "trends", &a.extra, &a.filter, move |i| {
        trends::compute(&i, &f, period)
    })
    .await?;
    Ok((a.stated, r))
}

pub async fn near_repeat(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<NearRepeat>)> {
    let a = near_repeat_asked(q, lang, &types_of(state).await?)?;
    let p = a.params;
    let r = cached(state, "near_repeat", &a.extra, &a.filter, move |i| {
        nearrepeat::compute(&i, &p, &|_, _| {})
    })
    .await?;
    Ok((a.stated, r))
}

pub async fn situation(
    state: &AppState,
    q: &RawQuery,
    lang: Lang,
) -> AppResult<(Stated, Arc<Situation>)> {
    let a = situation_asked(q, lang, &types_of(state).await?)?;
    let f = a.filter.clone();
    let r = cached(state, "situation", "", &a.filter, move |i| {
        situation::compute(&i, &f)
    })
    .await?;
    Ok((a.stated, r))
}
