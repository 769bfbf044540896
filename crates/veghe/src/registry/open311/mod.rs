//! Open311 GeoReport v2 at `/open311/v2/`: discovery, the service catalogue and definitions,
//! requests read by anyone and posted with an `api_key`, each in JSON and XML, errors in the
//! spec's format. Keys are issued by an administrator (`keys`, the CLI and `/admin/open311`).

pub mod catalogue;
pub mod cli;
pub mod keys;
pub mod page;
pub mod requests;
pub mod wire;

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;

use self::wire::{Error, Fmt, V, answer};
use super::model::PetitionIn;
use super::store::{self, Extra};
use crate::AppState;
use crate::audit::Actor;
use crate::auth::Access;
use crate::auth::access::Routes;
use crate::error::AppError;
use crate::http::extract::{self, Query};

pub const BASE: &str = "/open311/v2";

pub fn routes() -> Routes {
    Routes::new()
        .get("/open311/v2/{file}", Access::Public, top)
        .post("/open311/v2/{file}", Access::Public, post)
        .get("/open311/v2/services/{file}", Access::Public, definition)
        .get("/open311/v2/requests/{file}", Access::Public, one)
        .merge(page::routes())
}

fn not_found(fmt: Fmt, what: &str) -> Response {
    Error::new(StatusCode::NOT_FOUND, format!("{what} not found")).send(fmt)
}

fn ok(fmt: Fmt, root: &str, body: &V) -> Response {
    answer(StatusCode::OK, fmt, root, body)
}

/// Where this server is reached, as the client called it.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let forwarded = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|_| state.config.trust_proxy);
    let scheme = forwarded.unwrap_or(if state.config.cookie_secure {
        "https"
    } else {
        "http"
    });
    format!("{scheme}://{host}")
}

fn discovery(base: &str) -> V {
    V::Obj(vec![
        ("changeset", V::s("2026-11-29T00:00:00+02:00")),
        (
            "contact",
            V::s("Poliția Locală Timișoara, Serviciul Comunicare, Prevenire și Dispecerat"),
        ),
        (
            "key_service",
            V::s("Cheile API se obțin de la administratorul Veghe al Poliției Locale Timișoara."),
        ),
        (
            "endpoints",
            V::List {
                item: "endpoint",
                items: vec![V::Obj(vec![
                    (
                        "specification",
                        V::s("http://wiki.open311.org/GeoReport_v2"),
                    ),
                    ("url", V::s(format!("{base}{BASE}"))),
                    ("changeset", V::s("2026-11-29T00:00:00+02:00")),
                    ("type", V::s("production")),
                    (
                        "formats",
                        V::List {
                            item: "format",
                            items: vec![V::s("text/xml"), V::s("application/json")],
                        },
                    ),
                ])],
            },
        ),
    ])
}

fn services() -> V {
    V::List {
        item: "service",
        items: catalogue::SERVICES
            .iter()
            .map(|s| {
                V::Obj(vec![
                    ("service_code", V::s(s.code)),
                    ("service_name", V::s(s.name)),
                    ("description", V::s(s.description)),
                    ("metadata", V::B(!s.attributes.is_empty())),
                    ("type", V::s("batch")),
                    ("keywords", V::s(s.keywords)),
                    ("group", V::s(s.group)),
                ])
            })
            .collect(),
    }
}

async fn top(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    filter: Result<Query<requests::Filter>, AppError>,
) -> Response {
    let Some((stem, fmt)) = Fmt::split(&file) else {
        return not_found(Fmt::Json, "resource");
    };
    let filter = match filter {
        Ok(Query(filter)) => filter,
        Err(e) => return Error::from(e).send(fmt),
    };
    match stem {
        "discovery" => ok(fmt, "discovery", &discovery(&base_url(&state, &headers))),
        "services" => ok(fmt, "services", &services()),
        "requests" => match requests::list(&state.db, &filter).await {
            Ok(items) => ok(
                fmt,
                "service_requests",
                &V::List {
                    item: "request",
                    items,
                },
            ),
            Err(e) => e.send(fmt),
        },
        _ => not_found(fmt, "resource"),
    }
}

async fn definition(Path(file): Path<String>) -> Response {
    let Some((code, fmt)) = Fmt::split(&file) else {
        return not_found(Fmt::Json, "service_code");
    };
    let Some(s) = catalogue::find(code) else {
        return not_found(fmt, "service_code");
    };
    let attributes = s
        .attributes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            V::Obj(vec![
                ("variable", V::B(true)),
                ("code", V::s(a.code)),
                ("datatype", V::s(a.datatype)),
                ("required", V::B(a.required)),
                ("datatype_description", V::s(a.datatype_description)),
                ("order", V::I(i as i64 + 1)),
                ("description", V::s(a.description)),
            ])
        })
        .collect();
    ok(
        fmt,
        "service_definition",
        &V::Obj(vec![
            ("service_code", V::s(s.code)),
            (
                "attributes",
                V::List {
                    item: "attribute",
                    items: attributes,
                },
            ),
        ]),
    )
}

async fn one(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((id, fmt)) = Fmt::split(&file) else {
        return not_found(Fmt::Json, "service_request_id");
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found(fmt, "service_request_id");
    };
    match requests::one(&state.db, id).await {
        Ok(Some(r)) => ok(
            fmt,
            "service_requests",
            &V::List {
                item: "request",
                items: vec![r],
            },
        ),
        Ok(None) => not_found(fmt, "service_request_id"),
        Err(e) => e.send(fmt),
    }
}

async fn post(State(state): State<AppState>, Path(file): Path<String>, body: Bytes) -> Response {
    let fmt = match Fmt::split(&file) {
        Some(("requests", fmt)) => fmt,
        Some((_, fmt)) => {
            return Error::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "only requests can be posted",
            )
            .send(fmt);
        }
        None => return not_found(Fmt::Json, "resource"),
    };
    match create(&state, &body).await {
        Ok(v) => answer(StatusCode::CREATED, fmt, "service_requests", &v),
        Err(e) => e.send(fmt),
    }
}

fn number(form: &HashMap<String, String>, field: &str, range: f64) -> Result<Option<f64>, Error> {
    match form.get(field) {
        None => Ok(None),
        Some(v) => match v.parse::<f64>() {
            Ok(x) if x.is_finite() && x.abs() <= range => Ok(Some(x)),
            _ => Err(Error::bad(format!(
                "{field} `{v}` is not a WGS 84 coordinate"
            ))),
        },
    }
}

/// The fields of a posted request, named when one holds a control character.
const FIELDS: &[&str] = &[
    "api_key",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "first_name",
    "last_name",
    "email",
    "phone",
    "device_id",
    "account_id",
    "media_url",
];

/// Registers a posted request: the key checked, every field checked, one transaction.
async fn create(state: &AppState, body: &[u8]) -> Result<V, Error> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|e| Error::bad(format!("the body is not a URL-encoded form: {e}")))?;
    extract::clean_pairs(pairs.iter().map(|(k, v)| (k, v)), FIELDS, "body")?;
    let form: HashMap<String, String> = pairs
        .into_iter()
        .map(|(k, v)| (k, v.trim().to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let key = form.get("api_key").map(String::as_str).unwrap_or_default();
    let Some((_, key_name)) = keys::check(&state.db, key).await? else {
        return Err(Error::new(
            StatusCode::FORBIDDEN,
            "api_key is missing, unknown or revoked",
        ));
    };
    let code = form
        .get("service_code")
        .ok_or_else(|| Error::bad("service_code is required"))?;
    let service = catalogue::find(code).ok_or_else(|| {
        Error::new(
            StatusCode::NOT_FOUND,
            format!("service_code `{code}` not found"),
        )
    })?;
    let lat = number(&form, "lat", 90.0)?;
    let lon = number(&form, "long", 180.0)?;
    if lat.is_some() != lon.is_some() {
        return Err(Error::bad("lat and long go together"));
    }
    let place = form
        .get("address_string")
        .or_else(|| form.get("address_id"))
        .cloned();
    if lat.is_none() && place.is_none() {
        return Err(Error::bad(
            "location: lat and long, address_string or address_id is required",
        ));
    }
    let attrs = requests::attributes(&form);
    for (k, _) in &attrs {
        if !service.attributes.iter().any(|a| a.code == k) {
            return Err(Error::bad(format!(
                "attribute[{k}] is not an attribute of service `{}`",
                service.code
            )));
        }
    }
    if let Some(a) = service
        .attributes
        .iter()
        .find(|a| a.required && !attrs.iter().any(|(k, _)| k == a.code))
    {
        return Err(Error::bad(format!("attribute[{}] is required", a.code)));
    }
    let description = form.get("description").cloned().unwrap_or_default();
    if description.chars().count() > 4000 {
        return Err(Error::bad("description must have at most 4000 characters"));
    }
    let where_ = match (&place, lat, lon) {
        (Some(p), _, _) => p.clone(),
        (None, Some(a), Some(o)) => format!("{a:.6}, {o:.6}"),
        _ => String::new(),
    };
    let mut text = if description.is_empty() {
        service.name.to_string()
    } else {
        description
    };
    text.push_str(&format!("\n\nLoc: {where_}"));
    for (k, v) in &attrs {
        text.push_str(&format!("\n{k}: {v}"));
    }
    if let Some(m) = form.get("media_url") {
        text.push_str(&format!("\nFotografie: {m}"));
    }
    let name = [form.get("first_name"), form.get("last_name")]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let input = PetitionIn {
        register: Some("petition".into()),
        channel: "online".into(),
        kind: "notification".into(),
        anonymous: name.is_empty(),
        petitioner_type: Some("person".into()),
        petitioner_name: Some(name).filter(|n| !n.is_empty()),
        email: form.get("email").cloned(),
        phone: form.get("phone").cloned(),
        subject: format!("{}: {where_}", service.name)
            .chars()
            .take(200)
            .collect(),
        text,
        ..PetitionIn::default()
    };
    let new = input.parse().map_err(|e| match e {
        crate::error::AppError::BadRequest {
            field: Some("address"),
            ..
        } => Error::bad("email: give the e-mail address the answer is sent to"),
        crate::error::AppError::BadRequest {
            field: Some("petitioner_name"),
            message,
        } => Error::bad(format!("first_name, last_name: {message}")),
        other => Error::from(other),
    })?;
    let extra = Extra {
        service_code: Some(service.code.to_string()),
        lat,
        lon,
        location: place,
        ..Extra::default()
    };
    let actor = Actor::system(&format!("open311:{key_name}"));
    let e = store::create_with(&state.db, &actor, new, extra).await?;
    Ok(V::List {
        item: "request",
        items: vec![V::Obj(vec![
            ("service_request_id", V::s(e.id.to_string())),
            (
                "service_notice",
                V::s(format!("Nr. {}; {}", e.number, requests::status_notes(&e))),
            ),
            ("account_id", V::Null),
        ])],
    })
}
