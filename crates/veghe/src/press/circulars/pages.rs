//! The circulars pages: `/circulars` (those addressed to me, unread first; for writers, every
//! circular with how many have read it, and the form to publish one) and `/circulars/{id}` (the
//! text, the confirmation of reading; for writers, who has read it and who has not).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::texts::{self, T};
use super::{Circular, CircularIn, Recipient};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups};
use crate::db::now_ms;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Id, Query};
use crate::press::input::form_id;
use crate::press::view::{refusal, with_status};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/circulars", Access::SignedIn, list)
        .post("/circulars", Access::Roles(groups::CIRCULARS_WRITE), add)
        .get("/circulars/{id}", Access::SignedIn, page)
        .post("/circulars/{id}/read", Access::SignedIn, read)
}

/// A circular as the caller may see it: addressed to them, or they write circulars. Writers get
/// its addressees; an addressee when they read it.
pub async fn visible(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
) -> AppResult<(Circular, Option<Vec<Recipient>>, Option<i64>)> {
    let circular = super::get(&state.db, id).await?;
    let writer = groups::CIRCULARS_WRITE.contains(&me.role);
    let mine = super::mine(&state.db, me.id)
        .await?
        .into_iter()
        .find(|(c, _)| c.id == id);
    if mine.is_none() && !writer {
        return Err(AppError::NotFound);
    }
    let recipients = if writer {
        Some(super::recipients(&state.db, id).await?)
    } else {
        None
    };
    Ok((circular, recipients, mine.and_then(|(_, at)| at)))
}

struct Row {
    id: i64,
    title: String,
    published: String,
    author: String,
    read_at: String,
    addressed: i64,
    read_by: i64,
}

fn row(c: &Circular, read_at: Option<i64>) -> Row {
    Row {
        id: c.id,
        title: c.title.clone(),
        published: local_time(c.created_at),
        author: c.author.clone().unwrap_or_default(),
        read_at: read_at.map(local_time).unwrap_or_default(),
        addressed: c.addressed,
        read_by: c.read_by,
    }
}

#[derive(Default, Deserialize)]
struct RawIn {
    title: Option<String>,
    text: Option<String>,
    audience: Option<String>,
    role: Option<String>,
    department_id: Option<String>,
}

#[derive(Template)]
#[template(path = "press/circulars.html")]
struct ListPage {
    shell: Shell,
    t: &'static T,
    writer: bool,
    mine: Vec<Row>,
    all: Vec<Row>,
    roles: Vec<(&'static str, &'static str)>,
    departments: Vec<(i64, String)>,
    form: RawIn,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Done {
    done: Option<String>,
}

async fn list_view(
    state: &AppState,
    shell: Shell,
    me: &CurrentUser,
    form: RawIn,
    error: Option<(StatusCode, String)>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let writer = groups::CIRCULARS_WRITE.contains(&me.role);
    let mine = super::mine(&state.db, me.id)
        .await?
        .iter()
        .map(|(c, at)| row(c, *at))
        .collect();
    let all = if writer {
        super::written(&state.db)
            .await?
            .iter()
            .map(|c| row(c, None))
            .collect()
    } else {
        Vec::new()
    };
    let roles = Role::ALL
        .iter()
        .map(|r| {
            (
                r.code(),
                if lang == Lang::Ro {
                    r.label_ro()
                } else {
                    r.label_en()
                },
            )
        })
        .collect();
    let departments = crate::registry::departments::all(&state.db)
        .await?
        .into_iter()
        .map(|d| {
            (
                d.id,
                if lang == Lang::Ro {
                    d.name_ro
                } else {
                    d.name_en
                },
            )
        })
        .collect();
    let (status, error) = refusal(error);
    with_status(
        render(&ListPage {
            t: texts::of(lang),
            writer,
            mine,
            all,
            roles,
            departments,
            form,
            error,
            shell,
        }),
        status,
    )
}

async fn list(State(state): State<AppState>, me: CurrentUser, shell: Shell) -> AppResult<Response> {
    list_view(&state, shell, &me, RawIn::default(), None).await
}

async fn add(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(raw): Form<RawIn>,
) -> AppResult<Response> {
    let department_id = form_id(raw.department_id.as_deref());
    let result = match department_id {
        Ok(department_id) => {
            let input = CircularIn {
                title: raw.title.clone(),
                text: raw.text.clone(),
                audience: raw.audience.clone(),
                role: raw.role.clone(),
                department_id,
            };
            super::publish(&state.db, &me.actor(), input, now_ms()).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(c) => Ok(Redirect::to(&format!("/circulars/{}?done=published", c.id)).into_response()),
        Err(e) => {
            let refused = e.refusal(shell.lang)?;
            list_view(&state, shell, &me, raw, Some(refused)).await
        }
    }
}

struct Reader {
    name: String,
    read_at: String,
}

#[derive(Template)]
#[template(path = "press/circular.html")]
struct DetailPage {
    shell: Shell,
    t: &'static T,
    c: Row,
    body: String,
    addressee: bool,
    read_at: String,
    readers: Option<Vec<Reader>>,
    done: bool,
}

async fn page(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let (circular, recipients, read_at) = visible(&state, &me, id).await?;
    let addressee = super::is_addressee(&state.db, id, me.id).await?;
    render(&DetailPage {
        t: texts::of(shell.lang),
        c: row(&circular, read_at),
        body: circular.body,
        addressee,
        read_at: read_at.map(local_time).unwrap_or_default(),
        readers: recipients.map(|rs| {
            rs.into_iter()
                .map(|r| Reader {
                    name: r.name,
                    read_at: r.read_at.map(local_time).unwrap_or_default(),
                })
                .collect()
        }),
        done: q.done.as_deref() == Some("published"),
        shell,
    })
}

async fn read(State(state): State<AppState>, me: CurrentUser, Id(id): Id) -> AppResult<Response> {
    super::confirm(&state.db, &me.actor(), id, now_ms()).await?;
    Ok(Redirect::to(&format!("/circulars/{id}")).into_response())
}
