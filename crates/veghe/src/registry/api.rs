//! The registry's JSON API under `/api/v1`: registration, reading, lists with filters, the case
//! steps as POSTs, the petitioner's data behind a logged reason, reserved numbers, departments.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use veghe_ro::petition::Register;

pub use super::action_in::{ActionIn, Loose};
use super::actions;
use super::attachments;
use super::departments::{self, Department};
use super::model::PetitionIn;
use super::numbers::{self, Reservation};
use super::store::{self, Entry, Filter, PetitionerData};
use crate::AppState;
use crate::audit::access_log::{self, Reason};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Id, Query};

/// This module's part of the API description (search, reports, retention and letters declare
/// theirs).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        create,
        list,
        get,
        timeline,
        duplicates,
        nearby,
        petitioner,
        route,
        forward,
        extend,
        join,
        class,
        refuse,
        answer,
        archive,
        reserve,
        list_departments,
        departments::add_member,
        departments::remove_member,
        attachments::upload,
        attachments::list,
        attachments::download
    ),
    components(schemas(
        PetitionIn,
        Entry,
        super::nearby::Nearby,
        super::store::Step,
        PetitionerData,
        ReasonIn,
        ActionIn,
        Loose,
        ReserveIn,
        Reservation,
        Department,
        departments::MemberIn,
        attachments::Attachment
    )),
    tags((name = "registry", description = "Petitions, public-information requests and internal documents"))
)]
pub struct RegistryApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    let desk = Access::Roles(groups::REGISTRY_DESK);
    Routes::new()
        .post("/api/v1/petitions", desk, create)
        .get("/api/v1/petitions", read, list)
        .get("/api/v1/petitions/{id}", read, get)
        .get("/api/v1/petitions/{id}/timeline", read, timeline)
        .get("/api/v1/petitions/{id}/duplicates", read, duplicates)
        .get("/api/v1/petitions/{id}/nearby", read, nearby)
        .post("/api/v1/petitions/{id}/petitioner", read, petitioner)
        .post("/api/v1/petitions/{id}/route", desk, route)
        .post("/api/v1/petitions/{id}/forward", desk, forward)
        .post(
            "/api/v1/petitions/{id}/extend",
            Access::Roles(groups::OVERSIGHT),
            extend,
        )
        .post("/api/v1/petitions/{id}/join", desk, join)
        .post("/api/v1/petitions/{id}/class", desk, class)
        .post("/api/v1/petitions/{id}/refuse", desk, refuse)
        .post("/api/v1/petitions/{id}/answer", desk, answer)
        .post("/api/v1/petitions/{id}/archive", desk, archive)
        .post("/api/v1/registry/reservations", desk, reserve)
        .get("/api/v1/registry/departments", read, list_departments)
        .post(
            "/api/v1/registry/departments/{id}/members",
            Access::Roles(groups::OVERSIGHT),
            departments::add_member,
        )
        .delete(
            "/api/v1/registry/departments/{id}/members/{username}",
            Access::Roles(groups::OVERSIGHT),
            departments::remove_member,
        )
        .post(
            "/api/v1/petitions/{id}/attachments",
            desk,
            attachments::upload,
        )
        .get(
            "/api/v1/petitions/{id}/attachments",
            read,
            attachments::list,
        )
        .get(
            "/api/v1/registry/attachments/{id}",
            read,
            attachments::download,
        )
}

/// Registers a petition, an information request or an internal document: 201 with its `id`,
/// `number` (`1234/29.11.2026`) and `due_date`. An anonymous petition is registered and classed.
#[utoipa::path(post, path = "/api/v1/petitions", tag = "registry", request_body = PetitionIn,
    responses((status = 201, body = Entry), (status = 400, body = crate::error::ErrorBody), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(payload): Body<PetitionIn>,
) -> AppResult<(StatusCode, Json<Entry>)> {
    let new = payload.parse()?;
    let entry = store::create(&state.db, &me.actor(), new).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// Filters of the list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// petition, info, internal
    pub register: Option<String>,
    /// registered, routed, forwarded, answered, classed, joined, archived
    pub status: Option<String>,
    /// A department code.
    pub department: Option<String>,
    pub year: Option<i64>,
    /// `true`: only open entries past their legal deadline.
    pub overdue: Option<bool>,
    /// Only open entries due on or before this date (YYYY-MM-DD).
    pub due_by: Option<String>,
    /// Words of the subject.
    pub q: Option<String>,
    pub limit: Option<i64>,
}

impl ListQuery {
    pub fn filter(self) -> AppResult<Filter> {
        if let Some(r) = &self.register
            && !r.is_empty()
            && Register::parse(r).is_none()
        {
            return Err(AppError::bad(
                "register",
                crate::error::Said::new(
                    "Registrul: alegeți petiții, informații publice sau intern.",
                    "register is petition, info or internal",
                ),
            ));
        }
        if let Some(st) = &self.status
            && !st.is_empty()
            && veghe_ro::petition::Status::parse(st).is_none()
        {
            return Err(AppError::bad(
                "status",
                crate::error::Said::new(
                    "Starea: alegeți una din listă.",
                    "status is registered, routed, forwarded, answered, classed, joined or archived",
                ),
            ));
        }
        if let Some(d) = &self.due_by
            && !d.is_empty()
            && d.parse::<jiff::civil::Date>().is_err()
        {
            return Err(AppError::bad(
                "due_by",
                crate::error::Said::new(
                    "Termen până la: scrieți o dată (zz.ll.aaaa).",
                    "due_by is a date, YYYY-MM-DD",
                ),
            ));
        }
        Ok(Filter {
            register: self.register.unwrap_or_default(),
            status: self.status.unwrap_or_default(),
            department: self.department.unwrap_or_default(),
            year: self.year.unwrap_or(0),
            overdue: self.overdue.unwrap_or(false),
            due_by: self.due_by.unwrap_or_default(),
            q: self.q.unwrap_or_default(),
            limit: self.limit.unwrap_or(200),
        })
    }
}

/// Registry entries, newest first (by deadline when only open ones are asked for).
#[utoipa::path(get, path = "/api/v1/petitions", tag = "registry", params(ListQuery),
    responses((status = 200, body = [Entry]), (status = 400)), security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ListQuery>,
) -> AppResult<Json<Vec<Entry>>> {
    Ok(Json(store::list(&state.db, &q.filter()?).await?))
}

/// One entry, the petitioner masked.
#[utoipa::path(get, path = "/api/v1/petitions/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = Entry), (status = 404)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Entry>> {
    Ok(Json(store::get(&state.db, id).await?))
}

/// The case's timeline: who did what, when.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/timeline", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = [store::Step]), (status = 404)), security(("bearer" = [])))]
pub async fn timeline(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<store::Step>>> {
    store::get(&state.db, id).await?;
    Ok(Json(store::timeline(&state.db, id).await?))
}

/// Earlier petitions of the same petitioner on a similar subject: candidates to join.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/duplicates", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = [Entry]), (status = 404)), security(("bearer" = [])))]
pub async fn duplicates(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Vec<Entry>>> {
    Ok(Json(actions::duplicates(&state.db, id).await?))
}

/// Open reports of the same category within 50 m of this one, nearest first: perhaps the same
/// problem, reported again.
#[utoipa::path(get, path = "/api/v1/petitions/{id}/nearby", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = [super::nearby::Nearby]), (status = 404)), security(("bearer" = [])))]
pub async fn nearby(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<super::nearby::Nearby>>> {
    Ok(Json(super::nearby::nearby(&state.db, id).await?))
}

/// Why the petitioner's data is read.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReasonIn {
    /// At least 5 characters; kept in the access log.
    pub reason: String,
}

/// The petitioner's identity in full; the reading and its reason go to the access log.
#[utoipa::path(post, path = "/api/v1/petitions/{id}/petitioner", tag = "registry", params(("id" = i64, Path)),
    request_body = ReasonIn, responses((status = 200, body = PetitionerData), (status = 400), (status = 404)),
    security(("bearer" = [])))]
pub async fn petitioner(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(payload): Body<ReasonIn>,
) -> AppResult<Json<PetitionerData>> {
    let reason = Reason::parse(&payload.reason)?;
    let data = store::petitioner(&state.db, id).await?;
    access_log::record(
        &state.db,
        &me,
        "registry_entry",
        &id.to_string(),
        &["name", "cnp", "cui", "email", "phone", "address"],
        &reason,
    )
    .await?;
    Ok(Json(data))
}

async fn act(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    action: &str,
    mut payload: ActionIn,
) -> AppResult<Json<Entry>> {
    payload.resolve_numbers(&state.db).await?;
    let step = payload.step(action)?;
    let after = actions::apply(
        &state.db,
        state.config.smtp.is_some(),
        &me.actor(),
        id,
        step,
    )
    .await?;
    state.mailer.queued();
    Ok(Json(after))
}

macro_rules! action {
    ($name:ident, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "registry", params(("id" = i64, Path)), request_body = ActionIn,
            responses((status = 200, body = Entry), (status = 400, body = crate::error::ErrorBody),
                (status = 404), (status = 409, body = crate::error::ErrorBody)),
            security(("bearer" = [])))]
        pub async fn $name(
            State(state): State<AppState>,
            me: CurrentUser,
            Id(id): Id,
            Body(payload): Body<ActionIn>,
        ) -> AppResult<Json<Entry>> {
            act(&state, &me, id, stringify!($name), payload).await
        }
    };
}

action!(
    route,
    "/api/v1/petitions/{id}/route",
    "Sends the case to a department (`department`), with an internal deadline before the legal one."
);
action!(
    forward,
    "/api/v1/petitions/{id}/forward",
    "Forwards a petition to the competent authority (`to`, `petitioner_informed`), within 5 days of registration (OG 27/2002 art. 6¹)."
);
action!(
    extend,
    "/api/v1/petitions/{id}/extend",
    "Extends the term (`days` ≤ 15, `notice_on`), only after the petitioner's notice (OG 27/2002 art. 9; Law 544/2001 art. 7: to 30 days, notice in the first 10). Head of service."
);
action!(
    join,
    "/api/v1/petitions/{id}/join",
    "Joins this petition to an open one of the same petitioner (`into`): one answer for all (OG 27/2002 art. 10)."
);
action!(
    class,
    "/api/v1/petitions/{id}/class",
    "Classes the case (`ground`: anonymous, repeat with `original`, other; `reason`)."
);
action!(
    refuse,
    "/api/v1/petitions/{id}/refuse",
    "Sends the reasoned refusal of an information request (`reason`, `via`), within 5 days (Law 544/2001 art. 7(2))."
);
action!(
    answer,
    "/api/v1/petitions/{id}/answer",
    "Records the answer sent (`via`: email or post, `sent_on`, `summary`); joined petitions are answered with it."
);
action!(
    archive,
    "/api/v1/petitions/{id}/archive",
    "Archives a closed case under its archive reference (`archive_ref`)."
);

/// Numbers to reserve.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ReserveIn {
    /// petition, info, internal
    pub register: String,
    /// 1 to 100.
    pub count: i64,
    pub note: Option<String>,
}

/// Reserves numbers of this year's sequence, for documents registered into them later.
#[utoipa::path(post, path = "/api/v1/registry/reservations", tag = "registry", request_body = ReserveIn,
    responses((status = 201, body = Reservation), (status = 400)), security(("bearer" = [])))]
pub async fn reserve(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ReserveIn>,
) -> AppResult<(StatusCode, Json<Reservation>)> {
    let register = Register::parse(&input.register).ok_or_else(|| {
        AppError::bad(
            "register",
            crate::error::Said::new(
                "Registrul: alegeți petiții, informații publice sau intern.",
                "register is petition, info or internal",
            ),
        )
    })?;
    let r = numbers::reserve(
        &state.db,
        &me.actor(),
        register,
        input.count,
        input.note.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(r)))
}

/// The departments cases are routed to.
#[utoipa::path(get, path = "/api/v1/registry/departments", tag = "registry",
    responses((status = 200, body = [Department])), security(("bearer" = [])))]
pub async fn list_departments(State(state): State<AppState>) -> AppResult<Json<Vec<Department>>> {
    Ok(Json(departments::all(&state.db).await?))
}
