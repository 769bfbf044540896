//! The proposals pages: the list with the form to propose a measure from an analysis, and one
//! proposal with its decision form and its effect.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use super::pages::choices;
use super::proposals::{self, DecisionIn, Effect, KINDS, Proposal, ProposalIn};
use super::texts::{self, T};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::web::{Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    Routes::new()
        .get("/analysis/proposals", read, list_page)
        .post(
            "/analysis/proposals",
            Access::Roles(groups::PROPOSE_MEASURES),
            propose,
        )
        .get("/analysis/proposals/{id}", read, proposal_page)
        .post(
            "/analysis/proposals/{id}/decision",
            Access::Roles(groups::DECIDE_MEASURES),
            decide,
        )
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    pub kind: Option<String>,
    pub parameters: Option<String>,
}

#[derive(Template)]
#[template(path = "analysis/proposals.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    /// (proposal, when, status, analysis kind in words, area's name).
    items: Vec<(Proposal, String, &'static str, &'static str, String)>,
    can_propose: bool,
    /// (code, words) of the analysis kinds.
    kinds: Vec<(&'static str, &'static str)>,
    kind: String,
    parameters: String,
    areas: super::pages::Choices,
    types: super::pages::Choices,
}

async fn list_page(
    State(st): State<AppState>,
    shell: Shell,
    q: Result<Query<ListQuery>, AppError>,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let q = q.map(|Query(q)| q).unwrap_or_default();
    let (types, areas) = choices(&st.db, shell.lang).await?;
    let items = proposals::list(&st.db)
        .await?
        .into_iter()
        .map(|p| {
            let when = local_time(p.created_at);
            let status = t.status(&p.status);
            let kind = t.kind_name(&p.analysis_kind);
            let area = texts::area_name(&p.area);
            (p, when, status, kind, area)
        })
        .collect();
    let can_propose = shell
        .user
        .as_ref()
        .is_some_and(|u| groups::PROPOSE_MEASURES.contains(&u.role));
    render(&ListPage {
        t,
        items,
        can_propose,
        kinds: KINDS.iter().map(|k| (*k, t.kind_name(k))).collect(),
        kind: q.kind.unwrap_or_default(),
        parameters: q.parameters.unwrap_or_default(),
        areas,
        types,
        shell,
    })
}

async fn propose(
    State(st): State<AppState>,
    me: CurrentUser,
    Form(p): Form<ProposalIn>,
) -> AppResult<Response> {
    let saved = proposals::create(&st.db, &me.actor(), &p).await?;
    Ok(Redirect::to(&format!("/analysis/proposals/{}", saved.id)).into_response())
}

#[derive(Template)]
#[template(path = "analysis/proposal.html")]
struct OnePage {
    shell: Shell,
    t: &'static T,
    p: Proposal,
    status: &'static str,
    created: String,
    decided: String,
    effect: Option<Effect>,
    relative: String,
    p_value: String,
    can_decide: bool,
    link: String,
    kind: &'static str,
    type_name: Option<String>,
    area: String,
    comparison_area: String,
}

fn link_of(p: &Proposal) -> String {
    let page = match p.analysis_kind.as_str() {
        "near_repeat" => "near-repeat",
        k => k,
    };
    format!("/analysis/{page}?{}", p.parameters)
}

async fn proposal_page(
    State(st): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let p = proposals::get(&st.db, id).await?;
    let effect = proposals::effect(&st.db, &p).await?;
    let catalogue = crate::dispatch::catalogue::load(&st.db).await?;
    let can_decide = p.status == "proposed"
        && shell
            .user
            .as_ref()
            .is_some_and(|u| groups::DECIDE_MEASURES.contains(&u.role));
    render(&OnePage {
        t,
        status: t.status(&p.status),
        created: local_time(p.created_at),
        decided: p.decided_at.map(local_time).unwrap_or_default(),
        relative: effect
            .as_ref()
            .and_then(|e| e.relative_change)
            .map_or("—".into(), |v| format!("{:+.0}%", (v - 1.0) * 100.0)),
        p_value: effect
            .as_ref()
            .and_then(|e| e.p_value)
            .map_or("—".into(), |v| shell.lang.decimal(v, 4)),
        effect,
        can_decide,
        link: link_of(&p),
        kind: t.kind_name(&p.analysis_kind),
        type_name: p
            .incident_type
            .as_deref()
            .map(|k| texts::type_name(&catalogue, k, shell.lang)),
        area: texts::area_name(&p.area),
        comparison_area: texts::area_name(&p.comparison_area),
        p,
        shell,
    })
}

async fn decide(
    State(st): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Form(d): Form<DecisionIn>,
) -> AppResult<Response> {
    proposals::decide(&st.db, &me.actor(), id, &d).await?;
    Ok(Redirect::to(&format!("/analysis/proposals/{id}")).into_response())
}
