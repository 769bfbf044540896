//! The JSON API's shared parts: the OpenAPI document generated from the handlers, its readable
//! page, and the account endpoints. Features add their own `/api/v1` routes in their folders.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, Role, groups, users};
use crate::error::AppResult;
use crate::web::{Shell, render};

pub fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", Access::SignedIn, openapi_json)
        .get("/api", Access::SignedIn, docs_page)
        .get("/api/v1/me", Access::SignedIn, me)
        .get("/api/v1/users", Access::Roles(groups::ADMIN), list_users)
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Veghe API", description = "The JSON API of Veghe, the operations platform of the Communication, Prevention and Dispatch Service of Poliția Locală Timișoara. Every call needs `Authorization: Bearer <token>` (tokens: `veghe token create`)."),
    paths(me, list_users, crate::calendar::api_holidays, crate::calendar::api_deadline,
        crate::dispatch::api::create, crate::dispatch::api::list_open, crate::dispatch::api::get, crate::dispatch::api::timeline,
        crate::dispatch::api::change_status, crate::dispatch::api::assign, crate::dispatch::api::units, crate::dispatch::live::stream, crate::dispatch::api::recommendations, crate::dispatch::api::checkin, crate::dispatch::api::overdue, crate::dispatch::api::agencies, crate::dispatch::api::handover, crate::dispatch::api::export_geojson, crate::dispatch::api::shift_handover, crate::dispatch::api::shift_accept,
        crate::dispatch::eido::get, crate::alerts::api::issue, crate::alerts::api::list, crate::alerts::api::cancel,
        crate::registry::api::create, crate::registry::api::list, crate::registry::api::get, crate::registry::api::timeline, crate::registry::api::duplicates, crate::registry::api::nearby, crate::registry::api::petitioner,
        crate::registry::api::route, crate::registry::api::forward, crate::registry::api::extend, crate::registry::api::join, crate::registry::api::class, crate::registry::api::refuse, crate::registry::api::answer, crate::registry::api::archive, crate::registry::api::reserve, crate::registry::api::list_departments,
        crate::registry::departments::add_member, crate::registry::attachments::upload, crate::registry::attachments::list, crate::registry::attachments::download,
        crate::dispatch::special::api::declare, crate::dispatch::special::api::list, crate::dispatch::special::api::get, crate::dispatch::special::api::acknowledge,
        crate::notify::routes::list, crate::notify::routes::acknowledge, crate::notify::routes::outbox,
        crate::plans::api::templates, crate::plans::api::add_task, crate::plans::api::edit_task, crate::plans::api::list, crate::plans::api::activate, crate::plans::api::get, crate::plans::api::task_done, crate::plans::api::close),
    components(schemas(Me, users::User, Role, crate::calendar::HolidayOut, crate::calendar::DeadlineOut, ErrorBody, ErrorDetail,
        crate::dispatch::store::Incident, crate::dispatch::units::Unit, crate::dispatch::timeline::TimelineEntry, crate::dispatch::model::Status,
        crate::dispatch::api::IncidentIn, crate::dispatch::api::StatusIn, crate::dispatch::api::AssignIn, crate::dispatch::recommend::Candidate, crate::dispatch::checkins::Overdue, crate::dispatch::api::CheckinIn, crate::dispatch::agencies::Agency, crate::dispatch::api::HandoverIn, crate::dispatch::api::ShiftIn, crate::dispatch::shift::ShiftHandover,
        crate::alerts::model::AlertIn, crate::alerts::store::Alert,
        crate::registry::model::PetitionIn, crate::registry::store::Entry, crate::registry::nearby::Nearby, crate::registry::store::Step, crate::registry::store::PetitionerData, crate::registry::api::ReasonIn, crate::registry::api::ActionIn, crate::registry::api::Loose, crate::registry::api::ReserveIn, crate::registry::numbers::Reservation, crate::registry::departments::Department, crate::registry::departments::MemberIn, crate::registry::attachments::Attachment,
        crate::dispatch::special::SpecialEvent, crate::dispatch::special::Acknowledgement, crate::dispatch::special::api::DeclareIn,
        crate::notify::Notification, crate::notify::outbox::Mail,
        crate::plans::Plan, crate::plans::Task, crate::plans::LogEntry, crate::plans::templates::Template, crate::plans::templates::TemplateTask,
        crate::plans::api::TemplateTaskIn, crate::plans::api::ActivateIn, crate::plans::api::TaskDoneIn, crate::plans::api::CloseIn)),
    modifiers(&BearerAuth),
    tags((name = "accounts", description = "Who is calling"), (name = "calendar", description = "Legal calendar and deadlines"), (name = "dispatch", description = "Incidents and crews"), (name = "alerts", description = "Public alerts (OASIS CAP 1.2)"), (name = "registry", description = "Petitions, public-information requests and internal documents"), (name = "special events", description = "Evenimente deosebite: declaration, notification, acknowledgement"), (name = "notifications", description = "In-app notifications and the e-mail outbox"), (name = "emergency plans", description = "Planuri de urgență: templates, activation, tasks, log"))
)]
pub struct ApiDoc;

/// The whole API description: the core above and each feature's own part.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::dispatch::desk_api::DeskApi::openapi());
    doc.merge(crate::dispatch::log_api::LogApi::openapi());
    doc.merge(crate::activity::api::ActivityApi::openapi());
    doc.merge(crate::activity::places_routes::PlacesApi::openapi());
    doc.merge(crate::registry::search::SearchApi::openapi());
    doc.merge(crate::analysis::api::AnalysisApi::openapi());
    doc.merge(crate::registry::reports::ReportsApi::openapi());
    doc.merge(crate::registry::retention::RetentionApi::openapi());
    doc.merge(crate::registry::letters::api::LettersApi::openapi());
    doc
}

/// The error body every failed call answers with.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// The field at fault, for bad input.
    pub field: Option<String>,
}

async fn openapi_json() -> Response {
    Json(document()).into_response()
}

struct Operation {
    method: String,
    path: String,
    summary: String,
}

#[derive(Template)]
#[template(path = "api/docs.html")]
struct DocsPage {
    shell: Shell,
    operations: Vec<Operation>,
}

async fn docs_page(shell: Shell) -> AppResult<Response> {
    let doc = serde_json::to_value(document()).unwrap_or_default();
    let mut operations = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for (path, item) in paths {
            if let Some(methods) = item.as_object() {
                for (method, op) in methods {
                    let summary = op
                        .get("summary")
                        .or_else(|| op.get("description"))
                        .and_then(|s| s.as_str())
                        .unwrap_or("")
                        .to_string();
                    operations.push(Operation {
                        method: method.to_uppercase(),
                        path: path.clone(),
                        summary,
                    });
                }
            }
        }
    }
    render(&DocsPage { shell, operations })
}

/// The caller's own account.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// Who the token belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("bearer" = [])))]
pub async fn me(user: CurrentUser) -> Json<Me> {
    Json(Me {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: user.role,
    })
}

/// Every account (administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [users::User]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_users(State(state): State<AppState>) -> AppResult<Json<Vec<users::User>>> {
    Ok(Json(users::list(&state.db).await?))
}
