//! An incident as a NENA Emergency Incident Data Object (EIDO, NENA-STA-021, JSON): what Veghe
//! knows of it (type, status, priority, place, times, the crews sent, the timeline as notes)
//! for another agency's system. `GET /api/v1/incidents/{id}/eido`.
//!
//! Registry fields carry our best mapping to NENA's registries; the exact local values travel
//! beside them in the `…Internal…` fields.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::store::{self, Incident};
use super::timeline::TimelineEntry;
use super::units::Unit;
use crate::AppState;
use crate::alerts::cap::{SENDER, SENDER_NAME};
use crate::alerts::xml::{Writer, escape};
use crate::auth::access::Routes;
use crate::auth::{Access, groups};
use crate::error::AppResult;
use crate::http::extract::Id;

pub fn routes() -> Routes {
    Routes::new().get(
        "/api/v1/incidents/{id}/eido",
        Access::Roles(groups::OPERATIONS_READ),
        get,
    )
}

/// The agency's id in every EIDO we issue.
pub const AGENCY_ID: &str = SENDER;

/// An instant with the offset of Timișoara and milliseconds, as EIDO time stamps are written.
fn stamp(ms: i64) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let tz = crate::time::bucharest();
    ts.to_zoned(tz)
        .strftime("%Y-%m-%dT%H:%M:%S%.3f%:z")
        .to_string()
}

fn prologue(id: &str, at: i64, agent: Option<&str>) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("$id".into(), json!(id));
    m.insert("lastUpdateTimeStamp".into(), json!(stamp(at)));
    m.insert(
        "updatedByAgencyReference".into(),
        json!({"$ref": AGENCY_ID}),
    );
    if let Some(a) = agent {
        m.insert(
            "updatedByAgentReference".into(),
            json!({"$ref": agent_id(a)}),
        );
    }
    m
}

fn component(mut base: serde_json::Map<String, Value>, rest: Value) -> Value {
    if let Value::Object(more) = rest {
        base.extend(more);
    }
    Value::Object(base)
}

fn agent_id(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{clean}@{AGENCY_ID}")
}

/// NENA Incident Status registry value for our lifecycle.
fn incident_status(code: &str) -> &'static str {
    match code {
        "received" => "Pending",
        "dispatched" => "Dispatched",
        "en_route" => "Enroute",
        "on_scene" => "OnScene",
        "closed" => "Closed",
        _ => "Cancelled",
    }
}

/// NENA Primary Unit Status registry value for a crew's status on this incident.
fn unit_status(code: &str, on_this_incident: bool) -> &'static str {
    match (code, on_this_incident) {
        ("dispatched", true) => "Dispatched",
        ("en_route", true) => "Enroute",
        ("on_scene", true) => "OnScene",
        ("busy", true) => "Committed",
        _ => "Available",
    }
}

/// The place as a PIDF-LO document: a WGS84 point and the civic address as written.
fn pidf_lo(entity: &str, lat: Option<f64>, lon: Option<f64>, address: Option<&str>) -> String {
    let mut w = Writer::new();
    w.open(
        "presence",
        &[
            ("xmlns", "urn:ietf:params:xml:ns:pidf"),
            ("xmlns:gp", "urn:ietf:params:xml:ns:pidf:geopriv10"),
            ("xmlns:gml", "http://www.opengis.net/gml"),
            (
                "xmlns:ca",
                "urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr",
            ),
            ("entity", entity),
        ],
    )
    .open("tuple", &[("id", "location")])
    .open("status", &[])
    .open("gp:geopriv", &[])
    .open("gp:location-info", &[]);
    if let (Some(lat), Some(lon)) = (lat, lon) {
        w.open("gml:Point", &[("srsName", "urn:ogc:def:crs:EPSG::4326")])
            .leaf("gml:pos", &format!("{lat} {lon}"))
            .close();
    }
    if let Some(address) = address {
        w.open("ca:civicAddress", &[("xml:lang", "ro")])
            .leaf("ca:country", "RO")
            .leaf("ca:A1", "Timiș")
            .leaf("ca:A3", "Timișoara")
            .leaf("ca:LOC", address)
            .close();
    }
    w.close()
        .open("gp:usage-rules", &[])
        .close()
        .close()
        .close();
    w.finish()
}

/// Builds the EIDO of `incident` from its timeline and the crews that were sent.
pub fn build(
    incident: &Incident,
    timeline: &[TimelineEntry],
    crews: &[Unit],
    types: &crate::dispatch::catalogue::Types,
) -> Value {
    let uid = format!(
        "urn:emergency:uid:incidentid:{}-{}:{AGENCY_ID}",
        incident.year, incident.number
    );
    let last_at = timeline
        .iter()
        .map(|t| t.at)
        .chain([incident.received_at])
        .chain(incident.dispatched_at)
        .chain(incident.on_scene_at)
        .chain(incident.closed_at)
        .max()
        .unwrap_or(incident.received_at);
    let last_agent = timeline.last().map(|t| t.actor.as_str());
    // The type as it was when the incident was received.
    let version = types.version_at(&incident.kind, incident.received_at);
    let type_name = version.map_or(incident.kind.as_str(), |t| t.name_ro.as_str());
    let eido_type = version.map_or(crate::dispatch::catalogue::DEFAULT_EIDO_TYPE, |t| {
        t.eido_type.as_str()
    });

    let mut agents: Vec<&str> = timeline.iter().map(|t| t.actor.as_str()).collect();
    agents.sort_unstable();
    agents.dedup();
    let agent_components: Vec<Value> = agents
        .iter()
        .map(|a| {
            component(
                prologue(&agent_id(a), last_at, None),
                json!({"agentRoleRegistryText": ["Dispatcher"], "agencyReference": {"$ref": AGENCY_ID}}),
            )
        })
        .collect();

    let location_id = format!("{uid}:location");
    let mut locations = vec![component(
        prologue(&location_id, incident.received_at, None),
        json!({
            "locationTypeDescriptionRegistryText": "Incident",
            "locationByValue": pidf_lo(&format!("pres:{}-{}@{AGENCY_ID}", incident.year, incident.number), incident.lat, incident.lon, incident.address.as_deref()),
            "locationDescriptionText": incident.address.clone().unwrap_or_default(),
        }),
    )];

    let mut notes = vec![component(
        prologue(&format!("{uid}:note:0"), incident.received_at, None),
        json!({"notesActionComments": format!("<p>{}</p>", escape(&incident.description))}),
    )];
    for (i, t) in timeline.iter().enumerate() {
        let mut text = format!("{}: {}", crate::web::local_time(t.at), t.kind);
        if let (Some(from), Some(to)) = (&t.from_status, &t.to_status) {
            text.push_str(&format!(" {from} → {to}"));
        }
        if let Some(n) = &t.note {
            text.push_str(&format!(" — {n}"));
        }
        notes.push(component(
            prologue(&format!("{uid}:note:{}", i + 1), t.at, Some(&t.actor)),
            json!({"notesActionComments": format!("<p>{}</p>", escape(&text)), "agentReference": {"$ref": agent_id(&t.actor)}}),
        ));
    }

    let mut resources = Vec::new();
    let mut dispatches = Vec::new();
    for u in crews {
        let unit_uid = format!("urn:emergency:uid:resourceid:{}:{AGENCY_ID}", u.id);
        let on_it = u.incident_id == Some(incident.id);
        let assigned_by = timeline
            .iter()
            .find(|t| t.kind == "assigned" && t.unit_id == Some(u.id));
        let mut resource = json!({
            "emergencyResourceTypeCommonRegistryText": if u.kind == "car" { "Law Enforcement Vehicle" } else { "Law Enforcement Foot Patrol" },
            "emergencyResourceTypeInternalText": u.kind,
            "emergencyResourceName": u.call_sign,
            "primaryUnitStatusRegistryText": unit_status(&u.status, on_it),
            "secondaryUnitStatusRegistryText": [],
            "resourceAttributeRegistryText": [],
            "unitStatusInternal": [u.status],
            "agentReference": assigned_by.map(|t| vec![json!({"$ref": agent_id(&t.actor)})]).unwrap_or_default(),
        });
        if on_it {
            resource["activeOnIncidentId"] = json!(uid);
        }
        if let (Some(lat), Some(lon), Some(at)) = (u.last_lat, u.last_lon, u.last_position_at) {
            let loc = format!("{unit_uid}:location");
            locations.push(component(
                prologue(&loc, at, None),
                json!({"locationTypeDescriptionRegistryText": "Unit", "locationByValue": pidf_lo(&format!("pres:unit-{}@{AGENCY_ID}", u.id), Some(lat), Some(lon), None)}),
            ));
            resource["unitLocationReference"] = json!({"$ref": loc});
        }
        resources.push(component(
            prologue(
                &unit_uid,
                u.last_position_at
                    .unwrap_or(last_at)
                    .max(incident.received_at),
                None,
            ),
            resource,
        ));
        if let Some(t) = assigned_by {
            dispatches.push(component(
                prologue(&format!("{uid}:dispatch:{}", u.id), t.at, Some(&t.actor)),
                json!({"agencyReference": {"$ref": AGENCY_ID}, "agentReference": {"$ref": agent_id(&t.actor)}, "emergencyResourceReference": [{"$ref": unit_uid}]}),
            ));
        }
    }

    let mut incident_part = json!({
        "incidentTypeCommonRegistryText": eido_type,
        "incidentTypeInternalCode": incident.kind,
        "incidentTypeInternalText": type_name,
        "incidentStatusCommonRegistryText": [incident_status(incident.status.code())],
        "incidentStatusInternalText": [incident.status.code()],
        "internalIncidentId": incident.reference,
        "incidentPriorityInternalText": format!("P{}", incident.priority),
        "incidentCommonPriorityNumber": incident.priority,
        "locationReference": [{"$ref": location_id}],
        "agentReference": agents.iter().map(|a| json!({"$ref": agent_id(a)})).collect::<Vec<_>>(),
        "notesReference": notes.iter().map(|n| json!({"$ref": n["$id"]})).collect::<Vec<_>>(),
    });
    if let Some(n) = &incident.neighbourhood {
        incident_part["beatOrDispatchGroupText"] = json!(n);
    }
    if let Some(outcome) = &incident.outcome {
        incident_part["dispositionComponent"] = json!([component(
            prologue(
                &format!("{uid}:disposition"),
                incident.closed_at.unwrap_or(last_at),
                last_agent
            ),
            json!({"dispositionCommonRegistryCode": outcome, "dispositionPrimaryIndicator": true}),
        )]);
    }

    let agency = component(
        prologue(AGENCY_ID, last_at, None),
        json!({
            "agencyRoleDescriptionRegistryText": ["Dispatch", "Response"],
            "agencyType": ["police.local"],
            "incidentOwningAgencyIndicator": true,
            "agencyJcard": json!(["vcard", [["version", {}, "text", "4.0"], ["fn", {}, "text", SENDER_NAME], ["org", {}, "text", SENDER_NAME], ["adr", {}, "text", ["", "", "", "Timișoara", "Timiș", "", "România"]]]]).to_string(),
        }),
    );

    component(
        prologue(&uid, last_at, last_agent),
        json!({
            "eidoVersion": "1.0",
            "issuingElementIdentification": format!("veghe.{AGENCY_ID}"),
            "incidentComponent": component(prologue(&uid, last_at, last_agent), incident_part),
            "agencyComponent": [agency],
            "agentComponent": agent_components,
            "locationComponent": locations,
            "notesComponent": notes,
            "emergencyResourceComponent": resources,
            "dispatchComponent": dispatches,
        }),
    )
}

/// The incident as a NENA EIDO (NENA-STA-021) JSON object: type, status, priority, location
/// (address and WGS84 point as PIDF-LO), the crews sent and the timeline as notes.
#[utoipa::path(get, path = "/api/v1/incidents/{id}/eido", tag = "dispatch",
    params(("id" = i64, Path)),
    responses((status = 200, description = "an EmergencyIncidentDataObjectType (NENA-STA-021)", body = Object), (status = 404)),
    security(("bearer" = [])))]
pub async fn get(State(state): State<AppState>, Id(id): Id) -> AppResult<Json<Value>> {
    let incident = store::get(&state.db, id).await?;
    let timeline = super::timeline::timeline_of(&state.db, incident.id).await?;
    let mut sent: Vec<i64> = timeline.iter().filter_map(|t| t.unit_id).collect();
    sent.extend(incident.unit_id);
    let crews: Vec<Unit> = super::units::list_all(&state.db)
        .await?
        .into_iter()
        .filter(|u| sent.contains(&u.id) || u.incident_id == Some(incident.id))
        .collect();
    let types = super::catalogue::load(&state.db).await?;
    Ok(Json(build(&incident, &timeline, &crews, &types)))
}
