//! The public newsroom, without an account and without the staff's menu: `/presa` (published
//! releases, newest first, paged, searched by words with the diacritics folded), one release a
//! page with its photos and the corrections linked both ways, the RSS and Atom feeds and the
//! photos. A release is in none of them before it is approved and its embargo has passed.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::feeds;
use super::photos::{self, Photo};
use super::sanitize;
use super::store::{self, Release};
use super::texts::{self, T};
use crate::AppState;
use crate::db::now_ms;
use crate::error::AppResult;
use crate::http::extract::{Id, Query};
use crate::web::{Shell, local_time, render};

/// Releases on a page of the newsroom.
pub const PER_PAGE: i64 = 10;
/// Releases in a feed.
pub const IN_FEED: i64 = 30;

/// The public frame: no staff menu, nobody signed in shown.
fn public(mut shell: Shell) -> Shell {
    shell.nav.clear();
    shell.user = None;
    shell.notices = 0;
    shell
}

/// A release as the list shows it.
struct Item {
    id: i64,
    number: String,
    title: String,
    summary: String,
    day: String,
}

#[derive(Template)]
#[template(path = "press/newsroom.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    items: Vec<Item>,
    q: String,
    total: i64,
    page: i64,
    pages: i64,
    newer: Option<String>,
    older: Option<String>,
}

/// The newsroom's query.
#[derive(Debug, Default, Deserialize)]
pub struct NewsQuery {
    pub q: Option<String>,
    pub page: Option<i64>,
}

fn page_href(q: &str, page: i64) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    if !q.is_empty() {
        s.append_pair("q", q);
    }
    if page > 1 {
        s.append_pair("page", &page.to_string());
    }
    let query = s.finish();
    if query.is_empty() {
        "/presa".to_string()
    } else {
        format!("/presa?{query}")
    }
}

/// `GET /presa`
pub async fn newsroom(
    State(state): State<AppState>,
    shell: Shell,
    Query(nq): Query<NewsQuery>,
) -> AppResult<Response> {
    let shell = public(shell);
    let t = texts::of(shell.lang);
    let q: String = nq.q.unwrap_or_default().trim().chars().take(200).collect();
    let page = nq.page.unwrap_or(1).clamp(1, 100_000);
    let (rows, total) =
        store::published(&state.db, now_ms(), &q, (page - 1) * PER_PAGE, PER_PAGE).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let items = rows
        .into_iter()
        .map(|r| Item {
            id: r.id,
            number: r.number.clone().unwrap_or_default(),
            summary: r.summary.clone().unwrap_or_else(|| {
                let text = sanitize::paragraphs_of(&r.body_html).join(" ");
                let mut s: String = text.chars().take(240).collect();
                if text.chars().count() > 240 {
                    s.push('…');
                }
                s
            }),
            day: r.published_at.map(local_time).unwrap_or_default(),
            title: r.title,
        })
        .collect();
    render(&ListPage {
        newer: (page > 1).then(|| page_href(&q, page - 1)),
        older: (page < pages).then(|| page_href(&q, page + 1)),
        shell,
        t,
        items,
        q,
        total,
        page,
        pages,
    })
}

#[derive(Template)]
#[template(path = "press/newsroom_release.html")]
struct ReleasePage {
    shell: Shell,
    t: &'static T,
    r: Release,
    day: String,
    body: String,
    photos: Vec<Photo>,
    corrected_by: Vec<Release>,
    corrects: Option<Release>,
}

/// `GET /presa/comunicate/{id}`
pub async fn release(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    let shell = public(shell);
    let t = texts::of(shell.lang);
    let now = now_ms();
    let r = store::public(&state.db, id, now).await?;
    let corrects = match r.corrects_id {
        Some(c) => store::public(&state.db, c, now).await.ok(),
        None => None,
    };
    render(&ReleasePage {
        day: r.published_at.map(local_time).unwrap_or_default(),
        body: sanitize::clean_html(&r.body_html),
        photos: photos::of_release(&state.db, id).await?,
        corrected_by: store::corrections_of(&state.db, id, now).await?,
        corrects,
        shell,
        t,
        r,
    })
}

async fn feed_rows(state: &AppState) -> AppResult<Vec<Release>> {
    Ok(store::published(&state.db, now_ms(), "", 0, IN_FEED)
        .await?
        .0)
}

/// `GET /presa/comunicate.rss`
pub async fn rss(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let origin = feeds::origin(&headers, state.config.trust_proxy);
    let xml = feeds::rss(&feed_rows(&state).await?, &origin, now_ms());
    Ok(([(header::CONTENT_TYPE, feeds::CONTENT_TYPE_RSS)], xml).into_response())
}

/// `GET /presa/comunicate.atom`
pub async fn atom(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    let origin = feeds::origin(&headers, state.config.trust_proxy);
    let xml = feeds::atom(&feed_rows(&state).await?, &origin, now_ms());
    Ok(([(header::CONTENT_TYPE, feeds::CONTENT_TYPE_ATOM)], xml).into_response())
}

/// `GET /presa/foto/{id}`: a photo of a published release.
pub async fn photo(State(state): State<AppState>, Id(id): Id) -> AppResult<Response> {
    photos::bytes(&state.db, id, Some(now_ms())).await
}
