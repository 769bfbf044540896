//! The dispatch JSON API under `/api/v1`: incidents, their status and crews.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::model::{LatLon, LocatedBy, Outcome, Priority, Status};
use super::store::{self, Incident, NewIncident};
use super::timeline::TimelineEntry;
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::text;
use crate::http::extract::{Body, Id, Query};

/// This module's part of the API description (the desk's and the log's are in theirs).
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        create,
        list_open,
        get,
        timeline,
        change_status,
        assign,
        super::live::stream,
        recommendations,
        checkin,
        overdue,
        agencies,
        handover,
        export_geojson,
        shift_handover,
        shift_accept,
        super::eido::get,
        super::locate::api_locate,
        super::locate::nearest
    ),
    components(schemas(
        Incident,
        TimelineEntry,
        Status,
        IncidentIn,
        StatusIn,
        AssignIn,
        super::recommend::Candidate,
        super::checkins::Overdue,
        CheckinIn,
        super::agencies::Agency,
        HandoverIn,
        ShiftIn,
        super::shift::ShiftHandover,
        super::locate::LocationIn,
        super::locate::NearestAddress
    )),
    tags((name = "dispatch", description = "Incidents and crews"))
)]
pub struct DispatchApi;

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .post("/api/v1/incidents", write, create)
        .get("/api/v1/incidents", read, list_open)
        .get("/api/v1/incidents/{id}", read, get)
        .get("/api/v1/incidents.geojson", read, export_geojson)
        .get("/api/v1/incidents/{id}/timeline", read, timeline)
        .post("/api/v1/incidents/{id}/status", write, change_status)
        .post("/api/v1/incidents/{id}/assign", write, assign)
        .get(
            "/api/v1/incidents/{id}/recommendations",
            read,
            recommendations,
        )
        .get("/api/v1/agencies", read, agencies)
        .post("/api/v1/shifts/handover", write, shift_handover)
        .post("/api/v1/shifts/handover/{id}/accept", write, shift_accept)
        .post("/api/v1/incidents/{id}/handover", write, handover)
        .post("/api/v1/units/{id}/checkin", write, checkin)
        .get("/api/v1/units/overdue", read, overdue)
        .get("/api/v1/events", read, super::live::stream)
        .get("/osmand", Access::Public, super::positions::receive)
        .post("/osmand", Access::Public, super::positions::receive)
}

/// A call as the duty desk or another system reports it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct IncidentIn {
    /// A code of the incident-type catalogue, e.g. `noise`, `brawl`, `illegal_parking`.
    #[serde(rename = "type")]
    pub kind: String,
    /// 1 (most urgent) to 3; absent: the type's default priority.
    pub priority: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub address: Option<String>,
    #[serde(default)]
    pub description: String,
    pub caller_name: Option<String>,
    pub caller_phone: Option<String>,
    /// phone, duty_desk, 112, patrol, petition, camera (default phone).
    pub source: Option<String>,
}

const SOURCES: &[&str] = &["phone", "duty_desk", "112", "patrol", "petition", "camera"];

impl IncidentIn {
    /// The call, checked against the catalogue: an unknown or retired type is refused.
    pub fn parse(self, types: &crate::dispatch::catalogue::Types) -> AppResult<NewIncident> {
        let kind = types
            .active_type(self.kind.trim())
            .ok_or_else(crate::dispatch::catalogue::type_refused)?;
        let priority = Priority::new(self.priority.unwrap_or(kind.default_priority))
            .map_err(|m| AppError::bad("priority", m))?;
        let kind = kind.code.clone();
        let at = match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => {
                Some(LatLon::new(lat, lon).map_err(|(f, m)| AppError::bad(f, m))?)
            }
            (None, None) => None,
            (Some(_), None) => return Err(AppError::bad("lon", "lat was given without lon")),
            (None, Some(_)) => return Err(AppError::bad("lat", "lon was given without lat")),
        };
        let address = text(self.address, "address", 300)?;
        // A typed address is located on the shipped street map when no point was given.
        let (at, located_by) = match at {
            Some(p) => (Some(p), Some(LocatedBy::Coordinates)),
            None => match address.as_deref().and_then(locate) {
                Some((p, by)) => (Some(p), Some(by)),
                None => (None, None),
            },
        };
        if at.is_none() && address.is_none() {
            return Err(AppError::bad(
                "address",
                "give the address or the coordinates (lat, lon)",
            ));
        }
        let source = match self.source.as_deref().map(str::trim) {
            None | Some("") => "phone",
            Some(s) => SOURCES.iter().copied().find(|x| *x == s).ok_or_else(|| {
                AppError::bad(
                    "source",
                    format!("unknown source `{s}`; sources are: {}", SOURCES.join(", ")),
                )
            })?,
        };
        let description = self.description.trim().to_string();
        if description.chars().count() > 4000 {
            return Err(AppError::bad(
                "description",
                "description must have at most 4000 characters",
            ));
        }
        Ok(NewIncident {
            kind,
            priority,
            at,
            located_by,
            address,
            description,
            caller_name: text(self.caller_name, "caller_name", 200)?,
            caller_phone: text(self.caller_phone, "caller_phone", 40)?,
            source,
        })
    }
}

/// The point of a typed Timișoara address: its mapped house, a place between mapped numbers on
/// the street's centre-line, or the street's middle (`veghe_geo`); none for an unknown street.
/// With the point, what it rests on (a mapped number, numbers around it, the street's middle).
pub fn locate(address: &str) -> Option<(LatLon, LocatedBy)> {
    let found = veghe_geo::timisoara().ok()?.geocode(address)?;
    let at = LatLon::new(found.lat, found.lon).ok()?;
    Some((at, LocatedBy::of_geocoded(&found)))
}

/// Registers an incident; answers 201 with its id and yearly number.
#[utoipa::path(post, path = "/api/v1/incidents", tag = "dispatch", request_body = IncidentIn,
    responses((status = 201, body = Incident), (status = 400, body = crate::error::ErrorBody), (status = 401), (status = 403)),
    security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<IncidentIn>,
) -> AppResult<(StatusCode, Json<Incident>)> {
    let types = crate::dispatch::catalogue::load(&state.db).await?;
    let incident = store::create(&state.db, &me.actor(), input.parse(&types)?).await?;
    state.live.published();
    Ok((StatusCode::CREATED, Json(incident)))
}

/// One incident.
#[utoipa::path(get, path = "/api/v1/incidents/{id}", tag = "dispatch",
    params(("id" = i64, Path)), responses((status = 200, body = Incident), (status = 404)), security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Incident>> {
    Ok(Json(store::get(&state.db, id).await?))
}

/// The open incidents, most urgent and oldest first.
#[utoipa::path(get, path = "/api/v1/incidents", tag = "dispatch",
    responses((status = 200, body = [Incident])), security(("bearer" = [])))]
pub async fn list_open(State(state): State<AppState>) -> AppResult<Json<Vec<Incident>>> {
    Ok(Json(store::open(&state.db).await?))
}

/// Every change of an incident, time-stamped and attributed.
#[utoipa::path(get, path = "/api/v1/incidents/{id}/timeline", tag = "dispatch",
    params(("id" = i64, Path)), responses((status = 200, body = [TimelineEntry])), security(("bearer" = [])))]
pub async fn timeline(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<TimelineEntry>>> {
    store::get(&state.db, id).await?;
    Ok(Json(super::timeline::timeline_of(&state.db, id).await?))
}

/// A change of state.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusIn {
    /// received, dispatched, en_route, on_scene, closed, cancelled
    pub status: String,
    /// Required to close: sanction, warning, handed_over, unfounded, other.
    pub outcome: Option<String>,
    pub note: Option<String>,
}

/// Moves an incident along its lifecycle; invalid transitions are refused with 409 naming them.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/status", tag = "dispatch", request_body = StatusIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Incident), (status = 400), (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn change_status(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<StatusIn>,
) -> AppResult<Json<Incident>> {
    let to: Status = input
        .status
        .parse()
        .map_err(|m| AppError::bad("status", m))?;
    let outcome: Option<Outcome> = input
        .outcome
        .as_deref()
        .map(str::parse)
        .transpose()
        .map_err(|m| AppError::bad("outcome", m))?;
    let note = text(input.note, "note", 2000)?;
    let incident =
        store::change_status(&state.db, &me.actor(), id, to, outcome, note.as_deref()).await?;
    state.live.published();
    Ok(Json(incident))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AssignIn {
    pub unit_id: i64,
    /// Take the crew from a less urgent incident it works on (that incident goes back to
    /// waiting when left without a crew); without it a busy crew is refused.
    #[serde(default)]
    pub redirect: bool,
}

/// Assigns an available crew; a crew already busy is refused with 409 saying where it is,
/// unless `redirect` is set and the crew's incident is less urgent than this one.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/assign", tag = "dispatch", request_body = AssignIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Incident), (status = 409, body = crate::error::ErrorBody)), security(("bearer" = [])))]
pub async fn assign(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<AssignIn>,
) -> AppResult<Json<Incident>> {
    let actor = me.actor();
    let incident = if input.redirect {
        super::assignment::redirect(&state.db, &actor, id, input.unit_id).await?
    } else {
        super::assignment::assign(&state.db, &actor, id, input.unit_id).await?
    };
    state.live.published();
    Ok(Json(incident))
}

/// Available crews ranked by estimated travel time to the incident (fresh positions first).
#[utoipa::path(get, path = "/api/v1/incidents/{id}/recommendations", tag = "dispatch",
    params(("id" = i64, Path)),
    responses((status = 200, body = [super::recommend::Candidate]), (status = 409, description = "the incident has no coordinates")),
    security(("bearer" = [])))]
pub async fn recommendations(
    State(state): State<AppState>,
    Id(id): Id,
) -> AppResult<Json<Vec<super::recommend::Candidate>>> {
    let incident = store::get(&state.db, id).await?;
    let (Some(lat), Some(lon)) = (incident.lat, incident.lon) else {
        return Err(AppError::conflict(Said::new(
            format!(
                "Incidentul {} nu este localizat: localizați-l după adresă sau pe hartă pentru a ordona echipajele după distanță.",
                incident.reference
            ),
            format!(
                "incident {} has no coordinates: place it on the map to rank crews by distance",
                incident.reference
            ),
        )));
    };
    let units = super::units::list(&state.db).await?;
    Ok(Json(super::recommend::rank(
        &units,
        lat,
        lon,
        crate::db::now_ms(),
        state.settings().await?.stale_after_ms(),
    )))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckinIn {
    pub note: Option<String>,
}

/// Records a contact with a crew (a check-in); its two-hour clock restarts.
#[utoipa::path(post, path = "/api/v1/units/{id}/checkin", tag = "dispatch", request_body = CheckinIn,
    params(("id" = i64, Path)), responses((status = 201), (status = 404)), security(("bearer" = [])))]
pub async fn checkin(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<CheckinIn>,
) -> AppResult<StatusCode> {
    let note = text(input.note, "note", 2000)?;
    super::checkins::record(&state.db, &me.actor(), id, note.as_deref()).await?;
    state.live.published();
    Ok(StatusCode::CREATED)
}

/// Crews on duty not contacted for more than two hours.
#[utoipa::path(get, path = "/api/v1/units/overdue", tag = "dispatch",
    responses((status = 200, body = [super::checkins::Overdue])), security(("bearer" = [])))]
pub async fn overdue(
    State(state): State<AppState>,
) -> AppResult<Json<Vec<super::checkins::Overdue>>> {
    Ok(Json(
        super::checkins::overdue_units(&state.db, state.settings().await?.checkin_interval_ms())
            .await?,
    ))
}

/// The directory of cooperating forces.
#[utoipa::path(get, path = "/api/v1/agencies", tag = "dispatch",
    responses((status = 200, body = [super::agencies::Agency])), security(("bearer" = [])))]
pub async fn agencies(
    State(state): State<AppState>,
) -> AppResult<Json<Vec<super::agencies::Agency>>> {
    Ok(Json(super::agencies::list(&state.db).await?))
}

/// Hand-over of an incident outside our competence (Law 155/2010 art. 2(2)).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct HandoverIn {
    /// The code of the cooperating body: ipj, ijj, isu, saj, 112, primaria, …
    pub agency: String,
    /// phone, radio, email, 112, in_person
    pub channel: String,
    /// Their reference number, when they give one.
    pub reference: Option<String>,
    pub note: Option<String>,
}

/// Hands the incident over to the competent body and closes it as handed over.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/handover", tag = "dispatch", request_body = HandoverIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Incident), (status = 400), (status = 409)), security(("bearer" = [])))]
pub async fn handover(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<HandoverIn>,
) -> AppResult<Json<Incident>> {
    let reference = text(input.reference, "reference", 100)?;
    let note = text(input.note, "note", 2000)?;
    let incident = super::agencies::hand_over(
        &state.db,
        &me.actor(),
        id,
        super::agencies::Handover {
            agency: input.agency.trim(),
            channel: input.channel.trim(),
            reference: reference.as_deref(),
            note: note.as_deref(),
        },
    )
    .await?;
    state.live.published();
    Ok(Json(incident))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// First day, YYYY-MM-DD (Europe/Bucharest).
    pub from: String,
    /// Last day included, YYYY-MM-DD.
    pub to: String,
    /// Only this incident type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

fn day_start_ms(d: jiff::civil::Date) -> i64 {
    let tz = crate::time::bucharest();
    d.to_zoned(tz)
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or_default()
}

/// Incidents of a period as GeoJSON points (RFC 7946), without personal data; at most 100,000.
#[utoipa::path(get, path = "/api/v1/incidents.geojson", tag = "dispatch", params(ExportQuery),
    responses((status = 200, description = "a GeoJSON FeatureCollection", content_type = "application/geo+json"), (status = 400)),
    security(("bearer" = [])))]
pub async fn export_geojson(
    State(state): State<AppState>,
    shell: crate::web::Shell,
    Query(q): Query<ExportQuery>,
) -> AppResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let from = crate::calendar::parse_date(&q.from)
        .map_err(|_| AppError::bad("from", format!("`{}` is not a date (YYYY-MM-DD)", q.from)))?;
    let to = crate::calendar::parse_date(&q.to)
        .map_err(|_| AppError::bad("to", format!("`{}` is not a date (YYYY-MM-DD)", q.to)))?;
    if to < from {
        return Err(AppError::bad("to", "the period ends before it starts"));
    }
    let types = crate::dispatch::catalogue::load(&state.db).await?;
    let kind = match q.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(
            types
                .get(k)
                .ok_or_else(|| AppError::bad("type", format!("unknown incident type `{k}`")))?
                .code
                .as_str(),
        ),
        None => None,
    };
    let end = day_start_ms(to.tomorrow().unwrap_or(to));
    let list = store::received_between(&state.db, day_start_ms(from), end, kind, 100_000).await?;
    let mut response = store::to_geojson(&list, shell.lang, &types)
        .to_string()
        .into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/geo+json"),
    );
    Ok(response)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ShiftIn {
    /// Pending items in the outgoing dispatcher's words.
    pub notes: Option<String>,
}

/// The outgoing dispatcher hands the shift over (open incidents, crews out, overdue check-ins).
#[utoipa::path(post, path = "/api/v1/shifts/handover", tag = "dispatch", request_body = ShiftIn,
    responses((status = 201, body = super::shift::ShiftHandover)), security(("bearer" = [])))]
pub async fn shift_handover(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<ShiftIn>,
) -> AppResult<(StatusCode, Json<super::shift::ShiftHandover>)> {
    let notes = text(input.notes, "notes", 4000)?;
    let h = super::shift::start(
        &state.db,
        state.settings().await?.checkin_interval_ms(),
        &me,
        notes.as_deref(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(h)))
}

/// The incoming dispatcher accepts the shift (someone other than the outgoing one).
#[utoipa::path(post, path = "/api/v1/shifts/handover/{id}/accept", tag = "dispatch",
    params(("id" = i64, Path)),
    responses((status = 200, body = super::shift::ShiftHandover), (status = 409)), security(("bearer" = [])))]
pub async fn shift_accept(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
) -> AppResult<Json<super::shift::ShiftHandover>> {
    Ok(Json(super::shift::accept(&state.db, &me, id).await?))
}
