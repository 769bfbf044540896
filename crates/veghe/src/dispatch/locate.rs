//! Placing a saved incident, or placing it again: by a typed address (geocoded on the shipped
//! street map, its precision kept) or by a point chosen on the map (precision "map"), with the
//! nearest known address of a point for the map to show before saving. Each placing is a
//! timeline step, an audit entry and a live event, in one transaction.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::incident_page::after;
use super::model::{LatLon, LocatedBy};
use super::store::{Incident, get_in};
use crate::AppState;
use crate::audit::{self, Actor, Change};
use crate::auth::access::Routes;
use crate::auth::{Access, CurrentUser, groups};
use crate::db::Db;
use crate::db::events::publish;
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{Body, Form, Id, Query, text};
use crate::web::{Lang, Shell};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::OPERATIONS_READ);
    let write = Access::Roles(groups::DISPATCH);
    Routes::new()
        .post("/incidents/{id}/location", write, page_form)
        .post("/api/v1/incidents/{id}/location", write, api_locate)
        .get("/api/v1/addresses/nearest", read, nearest)
}

/// A new place for an incident: an address to geocode, or a point (with the address kept, or
/// the nearest known one when the incident has none).
#[derive(Deserialize, utoipa::ToSchema)]
pub struct LocationIn {
    /// A Timișoara address as a dispatcher types it; geocoded when no point is given.
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Where the incident goes and what the point rests on.
pub struct Placing {
    pub at: LatLon,
    pub by: LocatedBy,
    /// The address to write; `None` keeps the incident's own.
    pub address: Option<String>,
}

impl LocationIn {
    /// `by_point` is what a given point rests on (a click on the page's map, or coordinates).
    pub fn parse(self, by_point: LocatedBy) -> AppResult<Placing> {
        let address = text(self.address, "address", 300)?;
        match (self.lat, self.lon) {
            (Some(lat), Some(lon)) => {
                let at = LatLon::new(lat, lon).map_err(|(f, m)| AppError::bad(f, m))?;
                Ok(Placing {
                    at,
                    by: by_point,
                    address,
                })
            }
            (None, None) => {
                let Some(address) = address else {
                    return Err(AppError::bad(
                        "address",
                        Said::new(
                            "Scrieți adresa incidentului sau alegeți punctul pe hartă.",
                            "give the address, or the point (lat, lon)",
                        ),
                    ));
                };
                let (at, by) = super::api::locate(&address).ok_or_else(|| {
                    AppError::bad(
                        "address",
                        Said::new(
                            format!(
                                "Adresa „{address}” nu a fost găsită pe harta străzilor: verificați numele străzii sau faceți clic pe hartă."
                            ),
                            format!(
                                "the address `{address}` was not found on the street map; check the street's name or choose the point on the map"
                            ),
                        ),
                    )
                })?;
                Ok(Placing {
                    at,
                    by,
                    address: Some(address),
                })
            }
            (Some(_), None) => Err(AppError::bad(
                "lon",
                Said::new("Lipsește longitudinea.", "lat was given without lon"),
            )),
            (None, Some(_)) => Err(AppError::bad(
                "lat",
                Said::new("Lipsește latitudinea.", "lon was given without lat"),
            )),
        }
    }
}

/// Places (or places again) an open incident.
pub async fn relocate(db: &Db, actor: &Actor, id: i64, p: Placing) -> Result<Incident, AppError> {
    let mut tx = db.begin().await?;
    let before = get_in(&mut tx, id).await?;
    if !before.status.is_open() {
        return Err(AppError::conflict(Said::new(
            format!(
                "Incidentul {} este {}: locul lui nu se mai schimbă.",
                before.reference,
                before.status.label(Lang::Ro).to_lowercase()
            ),
            format!(
                "incident {} is {}: its place no longer changes",
                before.reference,
                before.status.label(Lang::En).to_lowercase()
            ),
        )));
    }
    let address = p.address.clone().or_else(|| {
        before
            .address
            .is_none()
            .then(|| nearest_address(p.at.lat, p.at.lon).map(|n| n.label))
            .flatten()
    });
    let neighbourhood = crate::geo::geo()
        .neighbourhood_at(p.at.lon, p.at.lat)
        .map(|n| n.id.clone());
    sqlx::query(
        "UPDATE incidents SET lat = $1, lon = $2, located_by = $3, neighbourhood = $4, address = COALESCE($5, address) WHERE id = $6",
    )
    .bind(p.at.lat)
    .bind(p.at.lon)
    .bind(p.by.code())
    .bind(neighbourhood)
    .bind(&address)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let note = format!(
        "{} ({:.5}, {:.5})",
        address
            .as_deref()
            .or(before.address.as_deref())
            .unwrap_or("—"),
        p.at.lat,
        p.at.lon
    );
    super::timeline::record(
        &mut tx,
        actor,
        id,
        super::timeline::Step {
            kind: "located",
            from: None,
            to: None,
            unit_id: None,
            note: Some(&note),
        },
    )
    .await?;
    let after = get_in(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        Change {
            action: "incident.locate",
            entity: "incident",
            entity_id: Some(id.to_string()),
            before: Some(json!(before)),
            after: Some(json!(after)),
        },
    )
    .await?;
    publish(&mut tx, "incident.updated", &json!(after)).await?;
    tx.commit().await?;
    Ok(after)
}

/// The known address nearest to a point: the nearest street, and on it the nearest mapped
/// house within 80 m.
#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct NearestAddress {
    /// `Strada Mihai Eminescu 5`, or the street alone when no house is near.
    pub label: String,
    pub street: String,
    pub number: Option<String>,
    /// From the point to the street's centre-line, metres.
    pub distance_m: f64,
}

/// A mapped house farther than this from the point is not offered as its address.
const HOUSE_WITHIN_M: f64 = 80.0;

pub fn nearest_address(lat: f64, lon: f64) -> Option<NearestAddress> {
    let map = veghe_geo::timisoara().ok()?;
    let street = map.reverse(lon, lat)?;
    let house = map
        .streets
        .iter()
        .filter(|s| s.name == street.street)
        .flat_map(|s| s.addresses.iter())
        .map(|a| (crate::geo::distance_m(lon, lat, a.lon, a.lat), a))
        .filter(|(d, _)| *d <= HOUSE_WITHIN_M)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, a)| a.label.clone());
    Some(NearestAddress {
        label: match &house {
            Some(n) => format!("{} {n}", street.street),
            None => street.street.clone(),
        },
        street: street.street,
        number: house,
        distance_m: street.distance_m.round(),
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct PointQuery {
    pub lat: f64,
    pub lon: f64,
}

/// The nearest known address to a point (what a click on the incident's map shows before it
/// is saved); 404 farther than about 2 km from any street.
#[utoipa::path(get, path = "/api/v1/addresses/nearest", tag = "dispatch", params(PointQuery),
    responses((status = 200, body = NearestAddress), (status = 404)), security(("bearer" = [])))]
pub async fn nearest(Query(q): Query<PointQuery>) -> AppResult<Json<NearestAddress>> {
    let at = LatLon::new(q.lat, q.lon).map_err(|(f, m)| AppError::bad(f, m))?;
    nearest_address(at.lat, at.lon)
        .map(Json)
        .ok_or(AppError::NotFound)
}

/// Places a saved incident again: by `address` (geocoded) or by `lat` and `lon` (kept as
/// "coordinates"); answers the incident with its new `located_by`.
#[utoipa::path(post, path = "/api/v1/incidents/{id}/location", tag = "dispatch", request_body = LocationIn,
    params(("id" = i64, Path)),
    responses((status = 200, body = Incident), (status = 400, body = crate::error::ErrorBody), (status = 409, body = crate::error::ErrorBody)),
    security(("bearer" = [])))]
pub async fn api_locate(
    State(state): State<AppState>,
    me: CurrentUser,
    Id(id): Id,
    Body(input): Body<LocationIn>,
) -> AppResult<Json<Incident>> {
    let placing = input.parse(LocatedBy::Coordinates)?;
    let incident = relocate(&state.db, &me.actor(), id, placing).await?;
    state.live.published();
    Ok(Json(incident))
}

/// The page's form: the typed address, or the point clicked on the map (as text fields).
#[derive(Deserialize)]
struct LocationForm {
    address: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
}

fn degrees(field: &'static str, v: Option<String>) -> AppResult<Option<f64>> {
    match v.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t.replace(',', ".").parse().map(Some).map_err(|_| {
            AppError::bad(
                field,
                Said::new(
                    format!("„{t}” nu este un număr de grade (de ex. 45,7537)."),
                    format!("`{t}` is not a number of degrees (e.g. 45.7537)"),
                ),
            )
        }),
    }
}

async fn page_form(
    State(state): State<AppState>,
    me: CurrentUser,
    shell: Shell,
    Id(id): Id,
    Form(f): Form<LocationForm>,
) -> AppResult<Response> {
    let result = async {
        let input = LocationIn {
            lat: degrees("lat", f.lat)?,
            lon: degrees("lon", f.lon)?,
            // A point chosen on the map keeps the incident's address (or takes the nearest).
            address: f.address,
        };
        let placing = input.parse(LocatedBy::Map)?;
        relocate(&state.db, &me.actor(), id, placing).await?;
        Ok(())
    }
    .await;
    state.live.published();
    after(&state, shell, id, result).await
}
