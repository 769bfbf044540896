//! Placing addresses on the map, for people and programs: the page `/activity/places` (a map to
//! click, the addresses waiting, the coordinates already known for each) and its JSON twin under
//! `/api/v1/sanctions/places`.

use askama::Template;
use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::places::{self, Known, Unplaced};
use crate::AppState;
use crate::auth::access::Routes;
use crate::auth::groups;
use crate::auth::{Access, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::http::extract::{Body, Form, Query};
use crate::web::{Lang, Shell, render};

/// This module's part of the API description.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_api, place_api),
    components(schemas(Unplaced, Known, PlaceIn, Placed))
)]
pub struct PlacesApi;

/// Addresses listed at most, on the page and in the API.
const LIMIT: i64 = 500;

pub fn routes() -> Routes {
    let write = Access::Roles(groups::ACTIVITY_WRITE);
    Routes::new()
        .get("/activity/places", write, page)
        .post("/activity/places", write, place_form)
        .get("/api/v1/sanctions/places", write, list_api)
        .post("/api/v1/sanctions/places", write, place_api)
}

/// Where to place an address: coordinates, or `known` to take those known for its key.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct PlaceIn {
    /// The address exactly as the records have it.
    pub address: String,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// Take the coordinates known for the address's key (placed before, on other records, on
    /// incidents) instead of `lat`/`lon`.
    #[serde(default)]
    pub known: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Placed {
    /// Records that got coordinates.
    pub records: u64,
}

/// The addresses of records without coordinates, with the street matched and the coordinates known.
#[utoipa::path(get, path = "/api/v1/sanctions/places", tag = "activity",
    responses((status = 200, body = [Unplaced])), security(("bearer" = [])))]
pub async fn list_api(State(state): State<AppState>) -> AppResult<Json<Vec<Unplaced>>> {
    Ok(Json(places::unplaced(&state.db, LIMIT).await?))
}

/// Places an address: every record of it without coordinates gets the point (audited).
#[utoipa::path(post, path = "/api/v1/sanctions/places", tag = "activity", request_body = PlaceIn,
    responses((status = 200, body = Placed), (status = 400, description = "no such address waiting, or a point outside Timișoara")),
    security(("bearer" = [])))]
pub async fn place_api(
    State(state): State<AppState>,
    me: CurrentUser,
    Body(input): Body<PlaceIn>,
) -> AppResult<Json<Placed>> {
    let records = if input.known {
        places::apply_known(&state.db, &me.actor(), &input.address).await?
    } else {
        let (Some(lat), Some(lon)) = (input.lat, input.lon) else {
            return Err(AppError::bad("lat", "give lat and lon, or known: true"));
        };
        let p = places::point(&lat.to_string(), &lon.to_string())?;
        places::place(&state.db, &me.actor(), &input.address, p, "map").await?
    };
    Ok(Json(Placed { records }))
}

#[derive(Deserialize)]
struct PlaceForm {
    #[serde(default)]
    address: String,
    #[serde(default)]
    lat: String,
    #[serde(default)]
    lon: String,
    /// Present when the button "use the known coordinates" was pressed.
    #[serde(default)]
    known: Option<String>,
}

async fn place_form(
    State(state): State<AppState>,
    me: CurrentUser,
    Form(f): Form<PlaceForm>,
) -> AppResult<Response> {
    let placed = if f.known.is_some() {
        places::apply_known(&state.db, &me.actor(), &f.address).await?
    } else {
        let p = places::point(&f.lat, &f.lon)?;
        places::place(&state.db, &me.actor(), &f.address, p, "map").await?
    };
    Ok(Redirect::to(&format!("/activity/places?placed={placed}")).into_response())
}

/// The page's words.
pub struct Words {
    pub title: &'static str,
    pub intro: &'static str,
    pub rule: &'static str,
    pub map_label: &'static str,
    pub address: &'static str,
    pub records: &'static str,
    pub street: &'static str,
    pub unmatched: &'static str,
    pub known: &'static str,
    pub use_known: &'static str,
    pub choose: &'static str,
    pub lat: &'static str,
    pub lon: &'static str,
    pub save: &'static str,
    pub none: &'static str,
    pub placed: &'static str,
    pub source_placed: &'static str,
    pub source_sanctions: &'static str,
    pub source_incidents: &'static str,
}

const RO: Words = Words {
    title: "Plasarea adreselor pe hartă",
    intro: "Procesele-verbale de mai jos nu au coordonate. Alegeți adresa, faceți clic pe hartă în locul ei (sau scrieți coordonatele) și salvați: toate procesele-verbale cu această adresă primesc punctul, iar schimbarea intră în jurnalul de audit.",
    rule: "Regula coordonatelor cunoscute: o adresă cu aceeași stradă și același număr (fără diacritice, majuscule, „nr.” și prescurtarea tipului de stradă: „Str.”, „Bd.” …) deja plasată aici, găsită pe alte procese-verbale cu coordonate sau pe incidentele înregistrate primește aceleași coordonate (media lor), la alegerea dumneavoastră. Ordinea: plasată aici, apoi procese-verbale, apoi incidente.",
    map_label: "Harta pentru plasarea adresei alese",
    address: "Adresa",
    records: "Procese-verbale",
    street: "Strada din nomenclator",
    unmatched: "negăsită",
    known: "Coordonate cunoscute",
    use_known: "Folosește-le",
    choose: "Adresa de plasat",
    lat: "Latitudine",
    lon: "Longitudine",
    save: "Salvează punctul",
    none: "Toate procesele-verbale au coordonate.",
    placed: "procese-verbale au primit coordonate.",
    source_placed: "plasată aici",
    source_sanctions: "procese-verbale",
    source_incidents: "incidente",
};

const EN: Words = Words {
    title: "Placing addresses on the map",
    intro: "The sanction records below have no coordinates. Choose the address, click on the map where it is (or write the coordinates) and save: every record with this address gets the point, and the change goes into the audit trail.",
    rule: "The rule of known coordinates: an address with the same street and number (ignoring diacritics, case, “nr.” and abbreviated street types: “Str.”, “Bd.” …) already placed here, found on other records with coordinates or on stored incidents gets the same coordinates (their mean), if you choose so. Order: placed here, then sanction records, then incidents.",
    map_label: "Map for placing the chosen address",
    address: "Address",
    records: "Records",
    street: "Street in the list",
    unmatched: "not found",
    known: "Known coordinates",
    use_known: "Use them",
    choose: "Address to place",
    lat: "Latitude",
    lon: "Longitude",
    save: "Save the point",
    none: "Every sanction record has coordinates.",
    placed: "records got coordinates.",
    source_placed: "placed here",
    source_sanctions: "sanction records",
    source_incidents: "incidents",
};

#[derive(Template)]
#[template(path = "activity/places.html")]
struct PlacesPage {
    shell: Shell,
    w: &'static Words,
    l: &'static super::labels::Labels,
    rows: Vec<(Unplaced, String)>,
    placed: Option<u64>,
}

#[derive(Deserialize)]
struct PageQuery {
    #[serde(default)]
    placed: Option<u64>,
}

async fn page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<PageQuery>,
) -> AppResult<Response> {
    let w = if shell.lang == Lang::En { &EN } else { &RO };
    let rows = places::unplaced(&state.db, LIMIT)
        .await?
        .into_iter()
        .map(|u| {
            let source = match u.known.as_ref().map(|k| k.source.as_str()) {
                Some("placed") => w.source_placed,
                Some("sanctions") => w.source_sanctions,
                Some(_) => w.source_incidents,
                None => "",
            };
            (u, source.to_string())
        })
        .collect();
    render(&PlacesPage {
        l: super::labels::of(shell.lang),
        shell,
        w,
        rows,
        placed: q.placed,
    })
}
