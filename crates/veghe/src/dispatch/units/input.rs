//! A crew's fields as the API and the administration page send them, parsed into the typed values
//! the store takes: a call sign, a tracker id, a kind and a department of the catalogue, the duty
//! states an administrator may set. Each refusal names its field in Romanian and English.

use serde::{Deserialize, Deserializer};

use crate::dispatch::catalogue::{self, Label};
use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

/// The longest call sign.
pub const CALL_SIGN_MAX: usize = 20;
/// The longest tracker id.
pub const TRACKER_MAX: usize = 64;
/// The longest plate number.
pub const VEHICLE_MAX: usize = 20;
/// The longest radio designation.
pub const RADIO_MAX: usize = 40;

/// A crew's call sign: trimmed, at most 20 characters, letters, digits, spaces and `-` `.` `/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallSign(String);

impl CallSign {
    pub fn parse(v: Option<String>) -> AppResult<CallSign> {
        let s = required(v, "call_sign", CALL_SIGN_MAX)?;
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/')))
        {
            return Err(AppError::bad(
                "call_sign",
                Said::new(
                    format!(
                        "Indicativul: „{c}” nu poate apărea într-un indicativ; folosiți litere, cifre, spațiu și - . /"
                    ),
                    format!(
                        "call_sign: “{c}” cannot appear in a call sign; use letters, digits, spaces and - . /"
                    ),
                ),
            ));
        }
        Ok(CallSign(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A GPS tracker's device id: 1–64 ASCII letters, digits, `.` `_` `-`, and `/` between the
/// parts of OwnTracks' `USER/DEVICE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackerId(String);

impl TrackerId {
    /// `None` when the text is empty (no tracker).
    pub fn parse(v: Option<String>) -> AppResult<Option<TrackerId>> {
        let Some(s) = v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) else {
            return Ok(None);
        };
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/');
        let refuse = |ro: String, en: String| Err(AppError::bad("tracker_id", Said::new(ro, en)));
        if s.len() > TRACKER_MAX {
            return refuse(
                format!("Identificatorul trackerului: cel mult {TRACKER_MAX} caractere."),
                format!("tracker_id must have at most {TRACKER_MAX} characters"),
            );
        }
        if let Some(c) = s.chars().find(|c| !allowed(*c)) {
            return refuse(
                format!(
                    "Identificatorul trackerului: „{c}” nu poate apărea; folosiți litere fără diacritice, cifre și . _ - (și / în forma OwnTracks UTILIZATOR/DISPOZITIV)."
                ),
                format!(
                    "tracker_id: “{c}” cannot appear; use ASCII letters, digits and . _ - (and / in OwnTracks' USER/DEVICE form)"
                ),
            );
        }
        if s.starts_with('/') || s.ends_with('/') || s.contains("//") {
            return refuse(
                "Identificatorul trackerului: „/” stă doar între utilizator și dispozitiv (UTILIZATOR/DISPOZITIV).".into(),
                "tracker_id: “/” only separates user and device (USER/DEVICE)".into(),
            );
        }
        Ok(Some(TrackerId(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The code of a list entry, or a refusal naming the field and what may be chosen.
fn code_of(
    list: &'static [Label],
    v: Option<String>,
    field: &'static str,
    name: (&str, &str),
) -> AppResult<&'static str> {
    let given = v.unwrap_or_default();
    let given = given.trim();
    if let Some(l) = list.iter().find(|l| l.code == given) {
        return Ok(l.code);
    }
    let codes: Vec<&str> = list.iter().map(|l| l.code).collect();
    let (ro, en) = name;
    Err(AppError::bad(
        field,
        if given.is_empty() {
            Said::new(
                format!("{ro}: câmpul este obligatoriu; alegeți din listă."),
                format!("{field} is required ({})", codes.join(", ")),
            )
        } else {
            Said::new(
                format!("{ro}: „{given}” nu este în listă; alegeți din listă."),
                format!("{field}: `{given}` is not {en} ({})", codes.join(", ")),
            )
        },
    ))
}

/// A code of `catalogue::UNIT_KINDS`.
pub fn kind(v: Option<String>) -> AppResult<&'static str> {
    code_of(
        catalogue::UNIT_KINDS,
        v,
        "kind",
        ("Tipul echipajului", "a crew kind"),
    )
}

/// A code of `catalogue::DEPARTMENTS`.
pub fn department(v: Option<String>) -> AppResult<&'static str> {
    code_of(
        catalogue::DEPARTMENTS,
        v,
        "department",
        ("Compartimentul", "a department"),
    )
}

/// The states an administrator may set; the others (dispatched, on scene) come from dispatching.
pub const DUTY: &[&str] = &["available", "off_duty", "out_of_service"];

/// One of [`DUTY`].
pub fn duty(v: &str) -> AppResult<&'static str> {
    DUTY.iter().copied().find(|d| *d == v.trim()).ok_or_else(|| {
        AppError::bad(
            "status",
            Said::new(
                "Starea: un echipaj se poate pune doar disponibil, în afara serviciului sau indisponibil; celelalte stări vin din dispecerat.",
                "status must be available, off_duty or out_of_service (the others come from dispatching)",
            ),
        )
    })
}

/// A plate number: at most 20 letters, digits, spaces and `-`; empty is none.
fn vehicle(v: Option<String>) -> AppResult<Option<String>> {
    let plate = text(v, "vehicle", VEHICLE_MAX)?;
    if let Some(c) = plate.as_deref().and_then(|p| {
        p.chars()
            .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-')))
    }) {
        return Err(AppError::bad(
            "vehicle",
            Said::new(
                format!(
                    "Vehiculul: „{c}” nu apare într-un număr de înmatriculare; folosiți litere, cifre, spațiu și -."
                ),
                format!(
                    "vehicle: “{c}” is not part of a plate number; use letters, digits, spaces and -"
                ),
            ),
        ));
    }
    Ok(plate)
}

/// A radio designation: at most 40 characters, no control characters; empty is none.
fn radio(v: Option<String>) -> AppResult<Option<String>> {
    let radio = text(v, "radio", RADIO_MAX)?;
    if radio
        .as_deref()
        .is_some_and(|r| r.chars().any(char::is_control))
    {
        return Err(AppError::bad(
            "radio",
            Said::new(
                "Stația radio: textul are caractere de control; scrieți-l din nou.",
                "radio must not contain control characters",
            ),
        ));
    }
    Ok(radio)
}

/// A new crew, parsed.
#[derive(Clone, Debug)]
pub struct NewUnit {
    pub call_sign: CallSign,
    pub kind: &'static str,
    pub department: &'static str,
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    pub tracker_id: Option<TrackerId>,
    /// One of [`DUTY`]; off duty unless given.
    pub status: &'static str,
}

/// What changes in a crew: each field given, the others kept.
#[derive(Clone, Debug, Default)]
pub struct UnitChange {
    pub call_sign: Option<CallSign>,
    pub kind: Option<&'static str>,
    pub department: Option<&'static str>,
    /// `Some(None)` removes the plate.
    pub vehicle: Option<Option<String>>,
    pub radio: Option<Option<String>>,
    /// `Some(None)` removes the tracker.
    pub tracker_id: Option<Option<TrackerId>>,
    pub status: Option<&'static str>,
}

/// A new crew as sent (`POST /api/v1/units`, the add form).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct UnitIn {
    /// Letters, digits, spaces and `-` `.` `/`, at most 20 characters, e.g. `PL-109`.
    pub call_sign: Option<String>,
    /// A crew kind: car, foot, bike, motorcycle, rapid.
    pub kind: Option<String>,
    /// A department code, e.g. proximity, rapid_intervention, traffic.
    pub department: Option<String>,
    /// The vehicle's plate number.
    pub vehicle: Option<String>,
    pub radio: Option<String>,
    /// The tracker's device id: ASCII letters, digits, `.` `_` `-` (and `/` in OwnTracks'
    /// `USER/DEVICE`), at most 64 characters.
    pub tracker_id: Option<String>,
    /// available, off_duty (the default) or out_of_service.
    pub status: Option<String>,
}

impl UnitIn {
    pub fn parse(self) -> AppResult<NewUnit> {
        Ok(NewUnit {
            call_sign: CallSign::parse(self.call_sign)?,
            kind: kind(self.kind)?,
            department: department(self.department)?,
            vehicle: vehicle(self.vehicle)?,
            radio: radio(self.radio)?,
            tracker_id: TrackerId::parse(self.tracker_id)?,
            status: match self.status.as_deref().map(str::trim) {
                None | Some("") => "off_duty",
                Some(s) => duty(s)?,
            },
        })
    }
}

/// A change of a crew as sent (`PATCH /api/v1/units/{id}`): any subset of the fields; `null`
/// removes the vehicle, the radio or the tracker.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
pub struct UnitPatch {
    pub call_sign: Option<String>,
    pub kind: Option<String>,
    pub department: Option<String>,
    #[serde(default, deserialize_with = "given")]
    #[schema(value_type = Option<String>)]
    pub vehicle: Option<Option<String>>,
    #[serde(default, deserialize_with = "given")]
    #[schema(value_type = Option<String>)]
    pub radio: Option<Option<String>>,
    /// `null` (or an empty text) takes the tracker off the crew.
    #[serde(default, deserialize_with = "given")]
    #[schema(value_type = Option<String>)]
    pub tracker_id: Option<Option<String>>,
    /// available, off_duty or out_of_service; refused while the crew works an incident.
    pub status: Option<String>,
}

/// A field that is present, `null` or not: `Some(None)` for `null`, `None` when absent.
fn given<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl UnitPatch {
    pub fn parse(self) -> AppResult<UnitChange> {
        Ok(UnitChange {
            call_sign: self
                .call_sign
                .map(|c| CallSign::parse(Some(c)))
                .transpose()?,
            kind: self.kind.map(|k| kind(Some(k))).transpose()?,
            department: self.department.map(|d| department(Some(d))).transpose()?,
            vehicle: self.vehicle.map(vehicle).transpose()?,
            radio: self.radio.map(radio).transpose()?,
            tracker_id: self.tracker_id.map(TrackerId::parse).transpose()?,
            status: self.status.as_deref().map(duty).transpose()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn call_signs_are_trimmed_and_kept_to_their_characters() {
        assert_eq!(
            CallSign::parse(some("  PL-109 ")).map(|c| c.0).ok(),
            some("PL-109")
        );
        assert!(CallSign::parse(some("Tm 2/a.b")).is_ok());
        for bad in [
            None,
            some("   "),
            some("PL_109"),
            some("PL<1>"),
            some(&"A".repeat(21)),
        ] {
            assert_eq!(
                CallSign::parse(bad.clone()).err().and_then(field),
                Some("call_sign"),
                "{bad:?}"
            );
        }
        assert!(
            CallSign::parse(some(&"Ș".repeat(20))).is_ok(),
            "20 characters, not bytes"
        );
    }

    #[test]
    fn tracker_ids_are_ascii_device_ids() {
        assert_eq!(TrackerId::parse(None).ok(), Some(None));
        assert_eq!(TrackerId::parse(some("  ")).ok(), Some(None));
        assert_eq!(
            TrackerId::parse(some(" trk-9.a_b "))
                .ok()
                .flatten()
                .map(|t| t.0),
            some("trk-9.a_b")
        );
        assert!(
            TrackerId::parse(some("alice/phone")).is_ok(),
            "OwnTracks USER/DEVICE"
        );
        assert!(TrackerId::parse(some(&"a".repeat(64))).is_ok());
        for bad in [
            "trk 9",
            "trkș",
            "/trk",
            "trk/",
            "a//b",
            "t?k",
            &"a".repeat(65),
        ] {
            assert_eq!(
                TrackerId::parse(some(bad)).err().and_then(field),
                Some("tracker_id"),
                "{bad}"
            );
        }
    }

    #[test]
    fn kind_department_and_duty_come_from_their_lists() {
        assert_eq!(kind(some(" car ")).ok(), Some("car"));
        assert_eq!(kind(some("tank")).err().and_then(field), Some("kind"));
        assert_eq!(kind(None).err().and_then(field), Some("kind"));
        assert_eq!(department(some("traffic")).ok(), Some("traffic"));
        assert_eq!(
            department(some("finance")).err().and_then(field),
            Some("department")
        );
        assert_eq!(duty("available").ok(), Some("available"));
        assert_eq!(duty("dispatched").err().and_then(field), Some("status"));
    }

    #[test]
    fn a_new_crew_is_off_duty_unless_told_and_names_its_first_bad_field() {
        let ok = UnitIn {
            call_sign: some("PL-109"),
            kind: some("car"),
            department: some("proximity"),
            vehicle: some("TM-99-PLT"),
            radio: some(""),
            tracker_id: some("trk-109"),
            status: None,
        }
        .parse()
        .expect("parses");
        assert_eq!(ok.status, "off_duty");
        assert_eq!(ok.radio, None);
        assert_eq!(ok.tracker_id.map(|t| t.0), some("trk-109"));
        let bad = UnitIn {
            call_sign: some("PL-109"),
            kind: some("car"),
            department: some("proximity"),
            vehicle: some("TM_99"),
            ..UnitIn::default()
        };
        assert_eq!(bad.parse().err().and_then(field), Some("vehicle"));
    }

    #[test]
    fn a_patch_tells_absent_from_null() {
        let p: UnitPatch =
            serde_json::from_str(r#"{"tracker_id": null, "radio": "TETRA-1"}"#).expect("json");
        let c = p.parse().expect("parses");
        assert_eq!(c.tracker_id, Some(None));
        assert_eq!(c.radio, Some(some("TETRA-1")));
        assert_eq!(c.vehicle, None);
        assert_eq!(c.call_sign, None);
        let p: UnitPatch = serde_json::from_str(r#"{"status": "on_scene"}"#).expect("json");
        assert_eq!(p.parse().err().and_then(field), Some("status"));
    }
}
