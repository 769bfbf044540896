//! The operational situation page: the week against the same week last year and the four weeks
//! before, per type and neighbourhood, anomalies flagged and change points shown.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::filter::RawQuery;
use super::pages::{After, Form, JobView, page, parts, split};
use super::service::{self, Stated};
use super::situation;
use super::texts::{self, T};
use crate::AppState;
use crate::error::AppResult;
use crate::http::extract::Query;
use crate::web::Shell;

/// One table line as text.
pub struct LineView {
    pub name: String,
    pub now: u64,
    pub last_year: u64,
    pub yoy: String,
    pub four_mean: String,
    pub four: String,
    pub anomaly: &'static str,
    pub anomaly_code: String,
    pub change_point: String,
}

fn view(l: &situation::Line, name: String, t: &T, ro: bool) -> LineView {
    let pct = |v: Option<f64>, p: f64| {
        let s = v.map_or("—".into(), |v| format!("{v:+.0}%"));
        let p = format!("{p:.3}");
        format!("{s} (p = {})", if ro { p.replace('.', ",") } else { p })
    };
    LineView {
        name,
        now: l.now,
        last_year: l.last_year,
        yoy: pct(l.yoy_percent, l.yoy_p),
        four_mean: if ro {
            format!("{:.1}", l.four_weeks_mean).replace('.', ",")
        } else {
            format!("{:.1}", l.four_weeks_mean)
        },
        four: pct(l.four_weeks_percent, l.four_weeks_p),
        anomaly: t.anomaly(&l.anomaly),
        anomaly_code: l.anomaly.clone(),
        change_point: l.change_point.clone().unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "analysis/situation.html")]
struct SituationPage {
    shell: Shell,
    t: &'static T,
    form: Form,
    job: JobView,
    error: Option<String>,
    stated: Option<Stated>,
    result: Option<std::sync::Arc<situation::Situation>>,
    total: Vec<LineView>,
    by_type: Vec<LineView>,
    by_area: Vec<LineView>,
}

pub(super) async fn situation_page(
    State(st): State<AppState>,
    shell: Shell,
    Query(q): Query<RawQuery>,
    Query(after): Query<After>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let (r, error) = split(
        service::situation_page(&st, &q, after.job.as_deref(), shell.lang).await,
        shell.lang,
    )?;
    let form = Form::new(&st.db, &q, r.as_ref().map(|s| &s.asked), shell.lang).await?;
    let job = JobView::of(&r);
    let (stated, result) = parts(&r);
    let lang = shell.lang;
    let ro = lang == crate::web::Lang::Ro;
    let catalogue = crate::dispatch::catalogue::load(&st.db).await?;
    type Pick = dyn Fn(&situation::Situation) -> Vec<&situation::Line>;
    let views = |f: &Pick, name: &dyn Fn(&str) -> String| -> Vec<LineView> {
        result
            .iter()
            .flat_map(|x| f(x).into_iter().map(|l| view(l, name(&l.name), t, ro)))
            .collect()
    };
    let total = views(&|x| vec![&x.total], &|_| t.total.to_string());
    let by_type = views(&|x| x.by_type.iter().collect(), &|c| {
        texts::type_name(&catalogue, c, lang)
    });
    let by_area = views(&|x| x.by_area.iter().collect(), &texts::area_name);
    let p = SituationPage {
        t,
        form,
        job,
        error: error.clone(),
        stated,
        result,
        total,
        by_type,
        by_area,
        shell,
    };
    page(&p, error.is_some())
}
