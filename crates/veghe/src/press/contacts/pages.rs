//! The pages of outlets and journalists: `/press/contacts` (both, journalists filtered by outlet
//! and beat, the forms to add), `/press/outlets/{id}` and `/press/journalists/{id}` (edit, retire;
//! a journalist's contacts in full after a reason). A refused form comes back as typed, with the
//! refusal in the reader's language.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::journalists::{self, Filter, JournalistIn, Shown};
use super::outlets::{self, KINDS, Outlet, OutletIn};
use super::retire::Kind;
use super::texts::{self, T};
use crate::AppState;
use crate::audit::access_log::Reason;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Form, Id, Query};
use crate::web::{Lang, Shell, local_time, render};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    Routes::new()
        .get("/press/contacts", read, contacts)
        .post("/press/outlets", write, add_outlet)
        .get("/press/outlets/{id}", read, outlet_page)
        .post("/press/outlets/{id}", write, edit_outlet)
        .post("/press/outlets/{id}/retire", write, retire_outlet)
        .post("/press/outlets/{id}/reinstate", write, reinstate_outlet)
        .post("/press/journalists", write, add_journalist)
        .get("/press/journalists/{id}", read, journalist_page)
        .post("/press/journalists/{id}", write, edit_journalist)
        .post("/press/journalists/{id}/reveal", write, reveal)
        .post("/press/journalists/{id}/retire", write, retire_journalist)
        .post(
            "/press/journalists/{id}/reinstate",
            write,
            reinstate_journalist,
        )
}

/// Whether the reader may write (and reveal).
pub(super) fn writes(shell: &Shell) -> bool {
    shell
        .user
        .as_ref()
        .is_some_and(|u| groups::PRESS.contains(&u.role))
}

/// A status line after a redirect.
#[derive(Deserialize, Default)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) fn done(q: &Done, t: &'static T) -> Option<&'static str> {
    match q.done.as_deref() {
        Some("added") => Some(t.added),
        Some("saved") => Some(t.saved),
        Some("retired") => Some(t.retired_done),
        Some("reinstated") => Some(t.reinstated_done),
        Some("member_added") => Some(t.member_added),
        Some("member_removed") => Some(t.member_removed),
        _ => None,
    }
}

/// A refusal as a page shows it: its status and its words.
pub(super) type Refused = Option<(StatusCode, String)>;

pub(super) fn with_status(mut r: Response, refused: &Refused) -> Response {
    if let Some((s, _)) = refused {
        *r.status_mut() = *s;
    }
    r
}

/// The outlet form's fields as shown.
#[derive(Default)]
struct OutletFields {
    name: String,
    kind: String,
    reach: String,
    website: String,
    email: String,
    phone: String,
    notes: String,
}

impl From<&OutletIn> for OutletFields {
    fn from(o: &OutletIn) -> OutletFields {
        let v = |s: &Option<String>| s.clone().unwrap_or_default();
        OutletFields {
            name: v(&o.name),
            kind: v(&o.kind),
            reach: v(&o.reach),
            website: v(&o.website),
            email: v(&o.email),
            phone: v(&o.phone),
            notes: v(&o.notes),
        }
    }
}

impl From<&Outlet> for OutletFields {
    fn from(o: &Outlet) -> OutletFields {
        let v = |s: &Option<String>| s.clone().unwrap_or_default();
        OutletFields {
            name: o.name.clone(),
            kind: o.kind.clone(),
            reach: o.reach.map(|r| r.to_string()).unwrap_or_default(),
            website: v(&o.website),
            email: v(&o.email),
            phone: v(&o.phone),
            notes: v(&o.notes),
        }
    }
}

/// The journalist form's fields as shown.
#[derive(Default)]
struct JournalistFields {
    outlet_id: String,
    name: String,
    position: String,
    beats: String,
    email: String,
    phone: String,
    notes: String,
}

impl From<&JournalistIn> for JournalistFields {
    fn from(j: &JournalistIn) -> JournalistFields {
        let v = |s: &Option<String>| s.clone().unwrap_or_default();
        JournalistFields {
            outlet_id: v(&j.outlet_id),
            name: v(&j.name),
            position: v(&j.position),
            beats: v(&j.beats),
            email: v(&j.email),
            phone: v(&j.phone),
            notes: v(&j.notes),
        }
    }
}

impl JournalistFields {
    /// A journalist's fields; the contacts only when shown in full.
    fn of(j: &Shown) -> JournalistFields {
        let contact = |s: &Option<String>| {
            if j.masked {
                String::new()
            } else {
                s.clone().unwrap_or_default()
            }
        };
        JournalistFields {
            outlet_id: j.outlet_id.map(|o| o.to_string()).unwrap_or_default(),
            name: j.name.clone(),
            position: j.position.clone().unwrap_or_default(),
            beats: j.beats.join(", "),
            email: contact(&j.email),
            phone: contact(&j.phone),
            notes: contact(&j.notes),
        }
    }
}

/// An outlet in the list.
struct OutletRow {
    o: Outlet,
    kind: String,
    reach: String,
    journalists: usize,
}

/// A journalist in the list (masked).
struct JournalistRow {
    j: Shown,
}

/// A number with its thousands set apart by dots, as Romanian writes them: `25.000`.
fn grouped(n: Option<i64>) -> String {
    let Some(n) = n else {
        return String::new();
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// An option of a select: value and words.
pub(super) type Choice = (String, String);

fn kinds(lang: Lang) -> Vec<Choice> {
    KINDS
        .iter()
        .map(|k| (k.to_string(), texts::kind(k, lang)))
        .collect()
}

/// The active outlets, for a select.
pub(super) async fn outlet_choices(state: &AppState) -> AppResult<Vec<Choice>> {
    Ok(outlets::list(&state.db)
        .await?
        .into_iter()
        .filter(|o| o.retired_at.is_none())
        .map(|o| (o.id.to_string(), o.name))
        .collect())
}

#[derive(Template)]
#[template(path = "press/contacts.html")]
struct ContactsPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    outlets: Vec<OutletRow>,
    journalists: Vec<JournalistRow>,
    outlet_choices: Vec<Choice>,
    beats: Vec<String>,
    filter_outlet: String,
    filter_beat: String,
    filter_all: bool,
    kinds: Vec<Choice>,
    outlet_form: OutletFields,
    journalist_form: JournalistFields,
    outlet_error: Option<String>,
    journalist_error: Option<String>,
    done: Option<&'static str>,
}

/// What the contacts page shows beside the lists: a form typed and refused, or a status line.
#[derive(Default)]
struct ContactsState {
    outlet_form: OutletFields,
    journalist_form: JournalistFields,
    outlet_error: Refused,
    journalist_error: Refused,
    done: Option<&'static str>,
}

async fn contacts_view(
    state: &AppState,
    shell: Shell,
    f: Filter,
    s: ContactsState,
) -> AppResult<Response> {
    let lang = shell.lang;
    let all = journalists::list(
        &state.db,
        &Filter {
            all: Some("1".into()),
            ..Filter::default()
        },
    )
    .await?;
    let outlets = outlets::list(&state.db)
        .await?
        .into_iter()
        .map(|o| OutletRow {
            kind: texts::kind(&o.kind, lang),
            reach: grouped(o.reach),
            journalists: all
                .iter()
                .filter(|j| j.outlet_id == Some(o.id) && j.retired_at.is_none())
                .count(),
            o,
        })
        .collect();
    let journalists = journalists::list(&state.db, &f)
        .await?
        .into_iter()
        .map(|j| JournalistRow { j: j.masked() })
        .collect();
    let refused = s.outlet_error.clone().or(s.journalist_error.clone());
    let page = ContactsPage {
        t: texts::of(lang),
        can_write: writes(&shell),
        outlets,
        journalists,
        outlet_choices: outlet_choices(state).await?,
        beats: journalists::beats(&state.db).await?,
        filter_outlet: f.outlet_id().map(|o| o.to_string()).unwrap_or_default(),
        filter_beat: f.beat().unwrap_or_default(),
        filter_all: f.with_retired(),
        kinds: kinds(lang),
        outlet_form: s.outlet_form,
        journalist_form: s.journalist_form,
        outlet_error: s.outlet_error.map(|e| e.1),
        journalist_error: s.journalist_error.map(|e| e.1),
        done: s.done,
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

#[derive(Deserialize, Default)]
struct ContactsQuery {
    #[serde(flatten)]
    filter: Filter,
    done: Option<String>,
}

/// `GET /press/contacts`
async fn contacts(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<ContactsQuery>,
) -> AppResult<Response> {
    let done = done(&Done { done: q.done }, texts::of(shell.lang));
    let s = ContactsState {
        done,
        ..ContactsState::default()
    };
    contacts_view(&state, shell, q.filter, s).await
}

/// `POST /press/outlets`
async fn add_outlet(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<OutletIn>,
) -> AppResult<Response> {
    let typed = OutletFields::from(&form);
    let result = match form.parse() {
        Ok(o) => outlets::add(&state.db, &me.actor(), o).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(o) => Ok(Redirect::to(&format!("/press/outlets/{}?done=added", o.id)).into_response()),
        Err(e) => {
            let s = ContactsState {
                outlet_form: typed,
                outlet_error: Some(e.refusal(shell.lang)?),
                ..ContactsState::default()
            };
            contacts_view(&state, shell, Filter::default(), s).await
        }
    }
}

/// `POST /press/journalists`
async fn add_journalist(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Form(form): Form<JournalistIn>,
) -> AppResult<Response> {
    let typed = JournalistFields::from(&form);
    let result = match form.parse() {
        Ok(j) => journalists::add(&state.db, &me.actor(), j).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(j) => {
            Ok(Redirect::to(&format!("/press/journalists/{}?done=added", j.id)).into_response())
        }
        Err(e) => {
            let s = ContactsState {
                journalist_form: typed,
                journalist_error: Some(e.refusal(shell.lang)?),
                ..ContactsState::default()
            };
            contacts_view(&state, shell, Filter::default(), s).await
        }
    }
}

#[derive(Template)]
#[template(path = "press/outlet.html")]
struct OutletPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    outlet: Outlet,
    kind: String,
    reach: String,
    retired_on: Option<String>,
    journalists: Vec<JournalistRow>,
    kinds: Vec<Choice>,
    form: OutletFields,
    error: Option<String>,
    done: Option<&'static str>,
}

async fn outlet_view(
    state: &AppState,
    shell: Shell,
    outlet: Outlet,
    form: Option<OutletFields>,
    refused: Refused,
    done: Option<&'static str>,
) -> AppResult<Response> {
    let lang = shell.lang;
    let f = Filter {
        outlet: Some(outlet.id.to_string()),
        all: Some("1".into()),
        ..Filter::default()
    };
    let journalists = journalists::list(&state.db, &f)
        .await?
        .into_iter()
        .map(|j| JournalistRow { j: j.masked() })
        .collect();
    let page = OutletPage {
        t: texts::of(lang),
        can_write: writes(&shell),
        kind: texts::kind(&outlet.kind, lang),
        reach: grouped(outlet.reach),
        retired_on: outlet.retired_at.map(local_time),
        journalists,
        kinds: kinds(lang),
        form: form.unwrap_or_else(|| OutletFields::from(&outlet)),
        error: refused.clone().map(|e| e.1),
        done,
        outlet,
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

/// `GET /press/outlets/{id}`
async fn outlet_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let outlet = outlets::get(&state.db, id).await?;
    let done = done(&q, texts::of(shell.lang));
    outlet_view(&state, shell, outlet, None, None, done).await
}

/// `POST /press/outlets/{id}`: the page sends every field, an emptied one is cleared.
async fn edit_outlet(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<OutletIn>,
) -> AppResult<Response> {
    let outlet = outlets::get(&state.db, id).await?;
    let typed = OutletFields::from(&form);
    let all = |v: Option<String>| Some(v.unwrap_or_default());
    let patch = OutletIn {
        name: all(form.name),
        kind: all(form.kind),
        reach: all(form.reach),
        website: all(form.website),
        email: all(form.email),
        phone: all(form.phone),
        notes: all(form.notes),
    };
    match outlets::edit(&state.db, &me.actor(), id, patch).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/outlets/{id}?done=saved")).into_response()),
        Err(e) => {
            let refused = Some(e.refusal(shell.lang)?);
            outlet_view(&state, shell, outlet, Some(typed), refused, None).await
        }
    }
}

#[derive(Deserialize)]
pub(super) struct Confirm {
    confirm: Option<String>,
}

fn confirmed(c: &Confirm) -> AppResult<()> {
    if c.confirm.as_deref() == Some("yes") {
        Ok(())
    } else {
        Err(AppError::bad(
            "confirm",
            Said::new(
                "Bifați confirmarea retragerii.",
                "Tick the confirmation of the retirement.",
            ),
        ))
    }
}

/// Retires (`Ok(true)`) or reinstates an outlet or a journalist from its page: back to the page
/// with the outcome, or the page again with the refusal.
async fn retired(
    state: &AppState,
    me: &CurrentUser,
    shell: Shell,
    kind: Kind,
    id: i64,
    retire: Result<bool, AppError>,
) -> AppResult<Response> {
    let actor = me.actor();
    let result = match (retire, kind) {
        (Ok(r), Kind::Outlet) => outlets::set_retired(&state.db, &actor, id, r)
            .await
            .map(|_| r),
        (Ok(r), Kind::Journalist) => journalists::set_retired(&state.db, &actor, id, r)
            .await
            .map(|_| r),
        (Err(e), _) => Err(e),
    };
    let refused = match result {
        Ok(r) => {
            let page = match kind {
                Kind::Outlet => "outlets",
                Kind::Journalist => "journalists",
            };
            let done = if r { "retired" } else { "reinstated" };
            return Ok(Redirect::to(&format!("/press/{page}/{id}?done={done}")).into_response());
        }
        Err(e) => Some(e.refusal(shell.lang)?),
    };
    match kind {
        Kind::Outlet => {
            let outlet = outlets::get(&state.db, id).await?;
            outlet_view(state, shell, outlet, None, refused, None).await
        }
        Kind::Journalist => {
            let j = journalists::get(&state.db, id).await?.masked();
            let s = JournalistState {
                error: refused,
                ..JournalistState::default()
            };
            journalist_view(state, shell, j, s).await
        }
    }
}

async fn retire_outlet(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(c): Form<Confirm>,
) -> AppResult<Response> {
    retired(
        &state,
        &me,
        shell,
        Kind::Outlet,
        id,
        confirmed(&c).map(|()| true),
    )
    .await
}

async fn reinstate_outlet(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    retired(&state, &me, shell, Kind::Outlet, id, Ok(false)).await
}

#[derive(Template)]
#[template(path = "press/journalist.html")]
struct JournalistPage {
    shell: Shell,
    t: &'static T,
    can_write: bool,
    j: Shown,
    retired_on: Option<String>,
    outlet_choices: Vec<Choice>,
    form: JournalistFields,
    error: Option<String>,
    reveal_error: Option<String>,
    reason: String,
    done: Option<&'static str>,
}

/// What the journalist's page shows beside the journalist.
#[derive(Default)]
struct JournalistState {
    form: Option<JournalistFields>,
    error: Refused,
    reveal_error: Refused,
    reason: String,
    done: Option<&'static str>,
}

async fn journalist_view(
    state: &AppState,
    shell: Shell,
    j: Shown,
    s: JournalistState,
) -> AppResult<Response> {
    let refused = s.error.clone().or(s.reveal_error.clone());
    let page = JournalistPage {
        t: texts::of(shell.lang),
        can_write: writes(&shell),
        retired_on: j.retired_at.map(local_time),
        outlet_choices: outlet_choices(state).await?,
        form: s.form.unwrap_or_else(|| JournalistFields::of(&j)),
        error: s.error.map(|e| e.1),
        reveal_error: s.reveal_error.map(|e| e.1),
        reason: s.reason,
        done: s.done,
        j,
        shell,
    };
    Ok(with_status(render(&page)?, &refused))
}

/// `GET /press/journalists/{id}`: contacts masked.
async fn journalist_page(
    State(state): State<AppState>,
    shell: Shell,
    Id(id): Id,
    Query(q): Query<Done>,
) -> AppResult<Response> {
    let j = journalists::get(&state.db, id).await?.masked();
    let s = JournalistState {
        done: done(&q, texts::of(shell.lang)),
        ..JournalistState::default()
    };
    journalist_view(&state, shell, j, s).await
}

#[derive(Deserialize)]
struct RevealForm {
    #[serde(default)]
    reason: String,
}

/// `POST /press/journalists/{id}/reveal`: contacts in full once a reason is given; logged.
async fn reveal(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<RevealForm>,
) -> AppResult<Response> {
    match Reason::parse(&form.reason) {
        Ok(reason) => {
            let j = journalists::reveal(&state.db, &me, id, &reason).await?;
            journalist_view(&state, shell, j, JournalistState::default()).await
        }
        Err(e) => {
            let j = journalists::get(&state.db, id).await?.masked();
            let s = JournalistState {
                reveal_error: Some(e.refusal(shell.lang)?),
                reason: form.reason,
                ..JournalistState::default()
            };
            journalist_view(&state, shell, j, s).await
        }
    }
}

#[derive(Deserialize)]
struct JournalistForm {
    #[serde(flatten)]
    fields: JournalistIn,
    /// `1` when the form was shown with the contacts in full: an emptied one is cleared.
    revealed: Option<String>,
}

/// `POST /press/journalists/{id}`: contacts left empty on a masked form are kept.
async fn edit_journalist(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(form): Form<JournalistForm>,
) -> AppResult<Response> {
    let revealed = form.revealed.as_deref() == Some("1");
    let f = form.fields;
    let typed = JournalistFields::from(&f);
    let all = |v: Option<String>| Some(v.unwrap_or_default());
    let contact = |v: Option<String>| {
        if revealed {
            all(v)
        } else {
            v.filter(|s| !s.trim().is_empty())
        }
    };
    let patch = JournalistIn {
        outlet_id: all(f.outlet_id),
        name: all(f.name),
        position: all(f.position),
        beats: all(f.beats),
        email: contact(f.email),
        phone: contact(f.phone),
        notes: contact(f.notes),
    };
    match journalists::edit(&state.db, &me.actor(), id, patch).await {
        Ok(_) => Ok(Redirect::to(&format!("/press/journalists/{id}?done=saved")).into_response()),
        Err(e) => {
            let j = journalists::get(&state.db, id).await?;
            // Typed contacts go back as typed; the stored ones stay masked.
            let j = j.masked();
            let s = JournalistState {
                form: Some(typed),
                error: Some(e.refusal(shell.lang)?),
                ..JournalistState::default()
            };
            journalist_view(&state, shell, j, s).await
        }
    }
}

async fn retire_journalist(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(c): Form<Confirm>,
) -> AppResult<Response> {
    retired(
        &state,
        &me,
        shell,
        Kind::Journalist,
        id,
        confirmed(&c).map(|()| true),
    )
    .await
}

async fn reinstate_journalist(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
) -> AppResult<Response> {
    retired(&state, &me, shell, Kind::Journalist, id, Ok(false)).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn audiences_are_grouped_by_thousands() {
        assert_eq!(super::grouped(Some(500_000)), "500.000");
        assert_eq!(super::grouped(Some(9_000)), "9.000");
        assert_eq!(super::grouped(Some(999)), "999");
        assert_eq!(super::grouped(None), "");
    }
}
