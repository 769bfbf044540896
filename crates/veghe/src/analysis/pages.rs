//! The analysis pages (HTML) and their exports: hot spots (GeoJSON, CSV), trends (CSV, SVG, PNG),
//! near repeat (CSV) and the operational situation (CSV).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::filter::RawQuery;
use super::service::{self, Stated};
use super::texts::{self, T};
use super::{hotspots, nearrepeat, trends};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::http::extract::Query;
use crate::web::{Lang, Shell, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/analysis", read, index)
        .get("/analysis/hotspots", read, hotspots_page)
        .get(
            "/analysis/hotspots.geojson",
            read,
            super::exports::hotspots_geojson,
        )
        .get("/analysis/hotspots.csv", read, super::exports::hotspots_csv)
        .get("/analysis/trends", read, trends_page)
        .get("/analysis/trends.csv", read, super::exports::trends_csv)
        .get("/analysis/trends.svg", read, super::exports::trends_svg)
        .get("/analysis/trends.png", read, super::exports::trends_png)
        .get("/analysis/near-repeat", read, near_repeat_page)
        .get("/analysis/progress", read, progress)
        .get(
            "/analysis/near-repeat.csv",
            read,
            super::exports::near_repeat_csv,
        )
        .get(
            "/analysis/situation",
            read,
            super::situation_page::situation_page,
        )
        .get(
            "/analysis/situation.csv",
            read,
            super::exports::situation_csv,
        )
}

/// The filter form as typed, with the effective window once known.
#[derive(Default)]
pub struct Form {
    pub kind: String,
    pub from: String,
    pub to: String,
    pub area: String,
    pub hour_from: String,
    pub hour_to: String,
    pub weekday: String,
    pub school: bool,
    pub cell: String,
    pub bandwidth: String,
    pub period: String,
    pub distance_band: String,
    pub time_band: String,
    pub iterations: String,
    /// (code, name) of the incident types present.
    pub types: Vec<(String, String)>,
    /// (id, name) of the neighbourhoods present.
    pub areas: Vec<(String, String)>,
}

fn s(v: &Option<String>) -> String {
    v.clone().unwrap_or_default()
}

impl Form {
    pub(super) async fn new(
        db: &Db,
        q: &RawQuery,
        stated: Option<&Stated>,
        lang: Lang,
    ) -> AppResult<Form> {
        let (types, areas) = choices(db, lang).await?;
        Ok(Form {
            kind: s(&q.kind),
            from: stated.map_or_else(|| s(&q.from), |x| x.filter.from.clone()),
            to: stated.map_or_else(|| s(&q.to), |x| x.filter.to.clone()),
            area: s(&q.area),
            hour_from: s(&q.hour_from),
            hour_to: s(&q.hour_to),
            weekday: s(&q.weekday),
            school: stated.is_some_and(|x| x.filter.school),
            cell: s(&q.cell),
            bandwidth: s(&q.bandwidth),
            period: s(&q.period),
            distance_band: s(&q.distance_band),
            time_band: s(&q.time_band),
            iterations: s(&q.iterations),
            types,
            areas,
        })
    }
}

/// The job the page was reloaded for (`?job=…`), whose result it shows.
#[derive(Debug, Default, serde::Deserialize)]
pub struct After {
    pub job: Option<String>,
}

/// What a page says of the job computing its result and of the shown result's age.
pub struct JobView {
    /// The running job to poll.
    pub id: Option<String>,
    /// The result shown is the previous one.
    pub previous: bool,
    /// When the shown result was computed (local time), empty when none is shown.
    pub computed: String,
}

impl JobView {
    pub fn of<T>(s: &Option<service::Shown<T>>) -> JobView {
        JobView {
            id: s.as_ref().and_then(|s| s.job.clone()),
            previous: s.as_ref().is_some_and(|s| s.previous),
            computed: s
                .as_ref()
                .and_then(|s| s.computed_ms)
                .map(crate::web::local_time)
                .unwrap_or_default(),
        }
    }
}

/// The shown result and what it states, out of a page run.
pub(super) fn parts<T>(
    s: &Option<service::Shown<T>>,
) -> (Option<Stated>, Option<std::sync::Arc<T>>) {
    match s {
        Some(s) => (s.about.clone(), s.result.clone()),
        None => (None, None),
    }
}

/// A job's progress, for the page that polls it.
async fn progress(
    State(st): State<AppState>,
    shell: Shell,
    Query(a): Query<After>,
) -> AppResult<Response> {
    let id = a.job.unwrap_or_default();
    Ok(axum::Json(service::job_state(&st, &id, shell.lang)).into_response())
}

/// (code, name) pairs, by name.
pub type Choices = Vec<(String, String)>;

/// The incident types and neighbourhoods present, for the form's lists: (code, name), by name.
pub async fn choices(db: &Db, lang: Lang) -> AppResult<(Choices, Choices)> {
    let catalogue = crate::dispatch::catalogue::load(db).await?;
    let get = |sql: &'static str| async move {
        sqlx::query_scalar::<_, String>(sql)
            .fetch_all(db.pool())
            .await
            .map_err(|e| AppError::Internal(e.into()))
    };
    let named = |codes: Vec<String>, name: &dyn Fn(&str) -> String| {
        let mut v: Choices = codes
            .into_iter()
            .map(|c| {
                let n = name(&c);
                (c, n)
            })
            .collect();
        v.sort_by_key(|(_, name)| veghe_ro::fold(name));
        v
    };
    Ok((
        named(
            get("SELECT DISTINCT type AS v FROM incidents ORDER BY v").await?,
            &|c| texts::type_name(&catalogue, c, lang),
        ),
        named(
            get("SELECT DISTINCT neighbourhood AS v FROM incidents WHERE neighbourhood IS NOT NULL ORDER BY v").await?,
            &texts::area_name,
        ),
    ))
}

/// A bad filter shows the page again with the message, answered 400.
pub(super) fn split<R>(r: AppResult<R>, lang: Lang) -> AppResult<(Option<R>, Option<String>)> {
    match r {
        Ok(v) => Ok((Some(v), None)),
        Err(e @ AppError::BadRequest { .. }) => Ok((None, Some(e.said(lang)))),
        Err(e) => Err(e),
    }
}

pub(super) fn page<P: Template>(p: &P, failed: bool) -> AppResult<Response> {
    let mut r = render(p)?;
    if failed {
        *r.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(r)
}

#[derive(Template)]
#[template(path = "analysis/index.html")]
struct Index {
    shell: Shell,
    t: &'static T,
}

async fn index(shell: Shell) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    render(&Index { shell, t })
}

#[derive(Template)]
#[template(path = "analysis/hotspots.html")]
struct HotspotsPage {
    shell: Shell,
    t: &'static T,
    form: Form,
    job: JobView,
    error: Option<String>,
    stated: Option<Stated>,
    /// (class label, its words, cells).
    classes: Vec<(String, &'static str, usize)>,
    /// (Local Moran cluster label, its words, cells).
    moran_classes: Vec<(String, &'static str, usize)>,
    /// (lat, lon, count, density, z, class words) of the 10 hottest cells.
    top: Vec<(String, String, u32, String, String, &'static str)>,
    bandwidth_used: String,
    cell_used: String,
    incidents: usize,
    without_location: usize,
}

async fn hotspots_page(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
    Query(after): Query<After>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let (r, error) = split(
        service::hotspots_page(&st, &q, after.job.as_deref(), shell.lang).await,
        shell.lang,
    )?;
    let form = Form::new(&st.db, &q, r.as_ref().map(|s| &s.asked), shell.lang).await?;
    let job = JobView::of(&r);
    let (stated, h) = parts(&r);
    let mut top: Vec<&hotspots::Cell> = h
        .iter()
        .flat_map(|h| h.cells.iter())
        .filter(|c| c.class.starts_with("hot"))
        .collect();
    top.sort_by(|a, b| b.gi_z.total_cmp(&a.gi_z));
    let lang = shell.lang;
    let p = HotspotsPage {
        t,
        form,
        job,
        error: error.clone(),
        classes: h
            .iter()
            .flat_map(|h| h.classes.iter())
            .map(|(l, n)| (l.clone(), t.class(l), *n))
            .collect(),
        moran_classes: h
            .iter()
            .flat_map(|h| h.moran_classes.iter())
            .map(|(l, n)| (l.clone(), t.moran(l), *n))
            .collect(),
        top: top
            .iter()
            .take(10)
            .map(|c| {
                (
                    lang.decimal(c.lat, 5),
                    lang.decimal(c.lon, 5),
                    c.count,
                    lang.decimal(c.density, 1),
                    lang.decimal(c.gi_z, 2),
                    t.class(&c.class),
                )
            })
            .collect(),
        bandwidth_used: h
            .as_ref()
            .map_or(String::new(), |h| format!("{:.0}", h.bandwidth_used)),
        cell_used: h
            .as_ref()
            .map_or(String::new(), |h| format!("{:.0}", h.params.cell)),
        incidents: h.as_ref().map_or(0, |h| h.incidents),
        without_location: h.as_ref().map_or(0, |h| h.without_location),
        stated,
        shell,
    };
    page(&p, error.is_some())
}

#[derive(Template)]
#[template(path = "analysis/trends.html")]
struct TrendsPage {
    shell: Shell,
    t: &'static T,
    form: Form,
    job: JobView,
    error: Option<String>,
    stated: Option<Stated>,
    chart: String,
    profile: String,
    /// (model, MASE text, best?, error).
    models: Vec<(String, String, bool, String)>,
    /// (period label, segment mean before → after).
    changes: Vec<(String, String)>,
    incidents: usize,
    periods: usize,
}

async fn trends_page(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
    Query(after): Query<After>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let (r, error) = split(
        service::trends_page(&st, &q, after.job.as_deref(), shell.lang).await,
        shell.lang,
    )?;
    let form = Form::new(&st.db, &q, r.as_ref().map(|s| &s.asked), shell.lang).await?;
    let job = JobView::of(&r);
    let (stated, tr) = parts(&r);
    let lang = shell.lang;
    let p = TrendsPage {
        t,
        form,
        job,
        error: error.clone(),
        chart: tr
            .as_ref()
            .map_or(String::new(), |x| trends::chart(x, lang)),
        profile: tr
            .as_ref()
            .map_or(String::new(), |x| trends::profile_chart(x, lang)),
        models: tr
            .iter()
            .flat_map(|x| {
                x.models
                    .iter()
                    .map(move |m| (m, x.best.as_deref() == Some(m.model.as_str())))
            })
            .map(|(m, best)| {
                (
                    t.model(&m.model).to_string(),
                    m.mase.map_or("—".into(), |v| lang.decimal(v, 3)),
                    best,
                    m.error.clone().unwrap_or_default(),
                )
            })
            .collect(),
        changes: tr
            .iter()
            .flat_map(|x| {
                x.change_points.iter().enumerate().map(move |(k, &i)| {
                    let m = |j: usize| {
                        x.segment_means
                            .get(j)
                            .map_or("—".into(), |v| lang.decimal(*v, 1))
                    };
                    (
                        x.labels.get(i).cloned().unwrap_or_default(),
                        format!("{} → {}", m(k), m(k + 1)),
                    )
                })
            })
            .collect(),
        incidents: tr.as_ref().map_or(0, |x| x.incidents),
        periods: tr.as_ref().map_or(0, |x| x.counts.len()),
        stated,
        shell,
    };
    page(&p, error.is_some())
}

#[derive(Template)]
#[template(path = "analysis/near_repeat.html")]
struct NearRepeatPage {
    shell: Shell,
    t: &'static T,
    form: Form,
    job: JobView,
    error: Option<String>,
    stated: Option<Stated>,
    result: Option<std::sync::Arc<nearrepeat::NearRepeat>>,
    /// Cells as text: (row label, [(ratio, p, significant)]).
    rows: Vec<(String, Vec<KnoxCell>)>,
    /// The time bands' labels as ranges.
    time_bands: Vec<String>,
}

async fn near_repeat_page(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
    Query(after): Query<After>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let (r, error) = split(
        service::near_repeat_page(&st, &q, after.job.as_deref(), shell.lang).await,
        shell.lang,
    )?;
    let form = Form::new(&st.db, &q, r.as_ref().map(|s| &s.asked), shell.lang).await?;
    let job = JobView::of(&r);
    let (stated, result) = parts(&r);
    let ro = shell.lang == crate::web::Lang::Ro;
    let num = |v: f64, d: usize| {
        let s = format!("{v:.d$}");
        if ro { s.replace('.', ",") } else { s }
    };
    let rows = result
        .iter()
        .flat_map(|x| {
            x.distance_bands.iter().enumerate().map(|(i, label)| {
                let cells = (0..x.time_bands.len())
                    .map(|j| {
                        let ratio = x.knox_ratio[i][j].map_or("—".into(), |v| num(v, 2));
                        let p = x.p_value[i][j];
                        let sig = p <= 0.05 && x.knox_ratio[i][j].is_some_and(|v| v > 1.0);
                        (ratio, num(p, 3), sig)
                    })
                    .collect();
                (band(label), cells)
            })
        })
        .collect();
    let time_bands = result
        .iter()
        .flat_map(|x| x.time_bands.iter().map(|l| band(l)))
        .collect();
    let p = NearRepeatPage {
        t,
        form,
        job,
        time_bands,
        error: error.clone(),
        stated,
        result,
        rows,
        shell,
    };
    page(&p, error.is_some())
}

/// A Knox band's label (`1 to 100`) as a range (`1–100`), the same in both languages.
fn band(label: &str) -> String {
    label.replace(" to ", "–")
}

/// One Knox cell as text: ratio, p-value, significant above chance.
type KnoxCell = (String, String, bool);
