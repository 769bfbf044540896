//! A public alert as a dispatcher issues it: the CAP 1.2 code lists as enums, the area (circle
//! or polygon in WGS84) and the parsing of what the API and the page receive, each fault
//! reported as a 400 naming its field.

use std::str::FromStr;

use serde::Deserialize;

use crate::error::{AppError, AppResult, Said};
use crate::http::extract::{required, text};

macro_rules! cap_enum {
    ($name:ident, $field:literal, [$(($v:ident, $ro:literal, $en:literal)),+ $(,)?]) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(clippy::upper_case_acronyms)]
        pub enum $name { $($v),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$v),+];
            /// The value as CAP 1.2 writes it.
            pub fn code(self) -> &'static str {
                match self { $($name::$v => stringify!($v)),+ }
            }
            pub fn label(self, lang: crate::web::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$v, crate::web::Lang::Ro) => $ro,
                      ($name::$v, crate::web::Lang::En) => $en,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = AppError;
            fn from_str(s: &str) -> AppResult<$name> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| v.code() == s).ok_or_else(|| {
                    let all: Vec<&str> = $name::ALL.iter().map(|v| v.code()).collect();
                    AppError::bad($field, Said::new(
                        format!("„{s}” nu este o valoare CAP a câmpului {}; valorile sunt: {}", $field, all.join(", ")),
                        format!("“{s}” is not a CAP {} value; use one of: {}", $field, all.join(", ")),
                    ))
                })
            }
        }
    };
}

cap_enum!(
    Category,
    "category",
    [
        (Geo, "geofizic", "geophysical"),
        (Met, "meteorologic", "meteorological"),
        (Safety, "siguranță publică", "public safety"),
        (
            Security,
            "securitate, ordine publică",
            "security, public order"
        ),
        (Rescue, "salvare", "rescue"),
        (Fire, "incendiu", "fire"),
        (Health, "sănătate", "health"),
        (Env, "mediu", "environment"),
        (Transport, "transport, trafic", "transport, traffic"),
        (
            Infra,
            "infrastructură, utilități",
            "infrastructure, utilities"
        ),
        (
            CBRNE,
            "chimic, biologic, radiologic, nuclear, exploziv",
            "CBRNE"
        ),
        (Other, "altele", "other"),
    ]
);
cap_enum!(
    Severity,
    "severity",
    [
        (Extreme, "extremă", "extreme"),
        (Severe, "gravă", "severe"),
        (Moderate, "moderată", "moderate"),
        (Minor, "minoră", "minor"),
        (Unknown, "necunoscută", "unknown"),
    ]
);
cap_enum!(
    Urgency,
    "urgency",
    [
        (Immediate, "imediată", "immediate"),
        (Expected, "în următoarea oră", "expected within the hour"),
        (Future, "în viitorul apropiat", "in the near future"),
        (Past, "trecută", "past"),
        (Unknown, "necunoscută", "unknown"),
    ]
);
cap_enum!(
    Certainty,
    "certainty",
    [
        (Observed, "observat", "observed"),
        (Likely, "probabil", "likely"),
        (Possible, "posibil", "possible"),
        (Unlikely, "puțin probabil", "unlikely"),
        (Unknown, "necunoscut", "unknown"),
    ]
);
cap_enum!(
    ResponseType,
    "response_type",
    [
        (Shelter, "adăpostiți-vă", "shelter"),
        (Evacuate, "evacuați", "evacuate"),
        (Prepare, "pregătiți-vă", "prepare"),
        (Execute, "acționați conform instrucțiunilor", "execute"),
        (Avoid, "evitați zona", "avoid"),
        (Monitor, "urmăriți informațiile", "monitor"),
        (Assess, "evaluați", "assess"),
        (AllClear, "pericolul a trecut", "all clear"),
        (None, "nicio acțiune", "no action"),
    ]
);

/// A circle: centre in WGS84 degrees and radius in kilometres, as CAP writes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    pub lat: f64,
    pub lon: f64,
    pub radius_km: f64,
}

/// An alert as the API receives it.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct AlertIn {
    /// What happens, in Romanian (CAP `event`).
    pub event: String,
    pub headline: String,
    pub description: String,
    pub instruction: Option<String>,
    /// The English texts, published as a second `info` (en-US) when `headline_en` is given.
    pub event_en: Option<String>,
    pub headline_en: Option<String>,
    pub description_en: Option<String>,
    pub instruction_en: Option<String>,
    /// CAP category: Geo, Met, Safety, Security, Rescue, Fire, Health, Env, Transport, Infra, CBRNE, Other.
    pub category: String,
    /// Extreme, Severe, Moderate, Minor, Unknown.
    pub severity: String,
    /// Immediate, Expected, Future, Past, Unknown.
    pub urgency: String,
    /// Observed, Likely, Possible, Unlikely, Unknown.
    pub certainty: String,
    /// Shelter, Evacuate, Prepare, Execute, Avoid, Monitor, Assess, AllClear, None.
    pub response_type: String,
    /// The area in words, e.g. `Calea Șagului între Str. Gheorghe Adam și Str. Mureș`.
    pub area_desc: String,
    /// The circle's centre and radius (km); give the circle or the polygon (or both).
    pub circle_lat: Option<f64>,
    pub circle_lon: Option<f64>,
    pub radius_km: Option<f64>,
    /// `[lat, lon]` points; closed automatically; at least three distinct points.
    pub polygon: Option<Vec<[f64; 2]>>,
    /// RFC 3339 with offset, e.g. `2026-12-01T08:00:00+02:00` (or local `2026-12-01T08:00`).
    pub onset: Option<String>,
    pub expires: String,
    /// An incident this alert is about.
    pub incident_id: Option<i64>,
}

/// An alert checked and ready to store.
pub struct NewAlert {
    pub event: String,
    pub headline: String,
    pub description: String,
    pub instruction: Option<String>,
    pub event_en: Option<String>,
    pub headline_en: Option<String>,
    pub description_en: Option<String>,
    pub instruction_en: Option<String>,
    pub category: Category,
    pub severity: Severity,
    pub urgency: Urgency,
    pub certainty: Certainty,
    pub response_type: ResponseType,
    pub area_desc: String,
    pub circle: Option<Circle>,
    /// CAP form: `lat,lon lat,lon …`, first point repeated last.
    pub polygon: Option<String>,
    pub onset_at: Option<i64>,
    pub expires_at: i64,
    pub incident_id: Option<i64>,
}

fn latlon(lat: f64, lon: f64, field: &'static str) -> AppResult<()> {
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{lat}, {lon} nu este un punct pe hartă (latitudine și longitudine în grade, WGS84)."
                ),
                format!(
                    "{lat}, {lon} is not a point on the map (latitude and longitude in degrees, WGS84)."
                ),
            ),
        ));
    }
    Ok(())
}

/// An instant: RFC 3339 with its offset, or a local time of Timișoara (`YYYY-MM-DDTHH:MM`).
pub fn parse_instant(text: &str, field: &'static str) -> AppResult<i64> {
    let text = text.trim();
    if let Ok(t) = text.parse::<jiff::Timestamp>() {
        return Ok(t.as_millisecond());
    }
    let tz = crate::time::bucharest();
    text.parse::<jiff::civil::DateTime>()
        .ok()
        .and_then(|d| d.to_zoned(tz).ok())
        .map(|z| z.timestamp().as_millisecond())
        .ok_or_else(|| {
            AppError::bad(
                field,
                Said::new(
                    format!("„{text}” nu este o dată și oră (de exemplu 2026-12-01T08:00)."),
                    format!("“{text}” is not a date and time (e.g. 2026-12-01T08:00)."),
                ),
            )
        })
}

/// A polygon in CAP form from `[lat, lon]` points, closed; at least three distinct points.
pub fn polygon_text(points: &[[f64; 2]]) -> AppResult<String> {
    let mut points = points.to_vec();
    for p in &points {
        latlon(p[0], p[1], "polygon")?;
    }
    if points.len() > 1 && points.first() == points.last() {
        points.pop();
    }
    if points.len() < 3 {
        return Err(AppError::bad(
            "polygon",
            Said::new(
                "Poligonul are nevoie de cel puțin trei puncte diferite.",
                "A polygon needs at least three distinct points.",
            ),
        ));
    }
    if points.len() > 500 {
        return Err(AppError::bad(
            "polygon",
            Said::new(
                "Poligonul poate avea cel mult 500 de puncte.",
                "A polygon may have at most 500 points.",
            ),
        ));
    }
    let first = points[0];
    points.push(first);
    Ok(points
        .iter()
        .map(|p| format!("{},{}", p[0], p[1]))
        .collect::<Vec<_>>()
        .join(" "))
}

fn not_a_point(pair: &str) -> Said {
    Said::new(
        format!("„{pair}” nu este un punct „lat,lon”."),
        format!("“{pair}” is not a point “lat,lon”."),
    )
}

/// Points written as CAP writes them (`lat,lon lat,lon …`), as the page's form sends them.
pub fn parse_points(text: &str) -> AppResult<Vec<[f64; 2]>> {
    text.split_whitespace()
        .map(|pair| {
            let (lat, lon) = pair
                .split_once(',')
                .ok_or_else(|| AppError::bad("polygon", not_a_point(pair)))?;
            match (lat.parse::<f64>(), lon.parse::<f64>()) {
                (Ok(a), Ok(b)) if a.is_finite() && b.is_finite() => Ok([a, b]),
                _ => Err(AppError::bad("polygon", not_a_point(pair))),
            }
        })
        .collect()
}

impl AlertIn {
    /// Checks every field; `now` decides whether `expires` is still ahead.
    pub fn parse(self, now: i64) -> AppResult<NewAlert> {
        let event = required(Some(self.event), "event", 200)?;
        let headline = required(Some(self.headline), "headline", 160)?;
        let description = required(Some(self.description), "description", 4000)?;
        let instruction = text(self.instruction, "instruction", 2000)?;
        let headline_en = text(self.headline_en, "headline_en", 160)?;
        let event_en = text(self.event_en, "event_en", 200)?;
        let description_en = text(self.description_en, "description_en", 4000)?;
        let instruction_en = text(self.instruction_en, "instruction_en", 2000)?;
        if headline_en.is_none() && (description_en.is_some() || instruction_en.is_some()) {
            return Err(AppError::bad(
                "headline_en",
                Said::new(
                    "Textele în engleză au nevoie de un titlu în engleză.",
                    "The English texts need an English headline.",
                ),
            ));
        }
        let circle = match (self.circle_lat, self.circle_lon, self.radius_km) {
            (None, None, None) => None,
            (Some(lat), Some(lon), Some(r)) => {
                latlon(lat, lon, "circle_lat")?;
                if !(r > 0.0 && r <= 100.0) {
                    return Err(AppError::bad(
                        "radius_km",
                        Said::new(
                            "Raza este mai mare de 0 și cel mult 100 km.",
                            "The radius must be more than 0 and at most 100 km.",
                        ),
                    ));
                }
                Some(Circle {
                    lat,
                    lon,
                    radius_km: r,
                })
            }
            (_, _, None) => {
                return Err(AppError::bad(
                    "radius_km",
                    Said::new("Cercul are nevoie de o rază.", "The circle needs a radius."),
                ));
            }
            _ => {
                return Err(AppError::bad(
                    "circle_lat",
                    Said::new(
                        "Cercul are nevoie de centru: latitudinea și longitudinea lui.",
                        "The circle needs its centre: its latitude and longitude.",
                    ),
                ));
            }
        };
        let polygon = self.polygon.as_deref().map(polygon_text).transpose()?;
        if circle.is_none() && polygon.is_none() {
            return Err(AppError::bad(
                "area",
                Said::new(
                    "Desenați zona pe hartă (un cerc sau un poligon) sau scrieți-i coordonatele.",
                    "Draw the area on the map (a circle or a polygon) or type its coordinates.",
                ),
            ));
        }
        let onset_at = self
            .onset
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_instant(s, "onset"))
            .transpose()?;
        let expires_at = parse_instant(&self.expires, "expires")?;
        if expires_at <= now {
            return Err(AppError::bad(
                "expires",
                Said::new(
                    "Avertizarea ar expira înainte de a fi trimisă: alegeți o oră de expirare viitoare.",
                    "The alert would expire before it is sent: choose an expiry time ahead.",
                ),
            ));
        }
        if onset_at.is_some_and(|o| o >= expires_at) {
            return Err(AppError::bad(
                "expires",
                Said::new(
                    "Avertizarea expiră înainte să înceapă: alegeți o expirare după început.",
                    "The alert expires before its onset: choose an expiry after the onset.",
                ),
            ));
        }
        Ok(NewAlert {
            event,
            headline,
            description,
            instruction,
            event_en,
            headline_en,
            description_en,
            instruction_en,
            category: self.category.parse()?,
            severity: self.severity.parse()?,
            urgency: self.urgency.parse()?,
            certainty: self.certainty.parse()?,
            response_type: self.response_type.parse()?,
            area_desc: required(Some(self.area_desc), "area_desc", 300)?,
            circle,
            polygon,
            onset_at,
            expires_at,
            incident_id: self.incident_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cap_values_parse_exactly_and_faults_name_the_field() {
        assert_eq!(
            "AllClear".parse::<ResponseType>().ok(),
            Some(ResponseType::AllClear)
        );
        assert_eq!(" CBRNE ".parse::<Category>().ok(), Some(Category::CBRNE));
        let e = "severe"
            .parse::<Severity>()
            .expect_err("case matters in CAP");
        assert!(format!("{e:?}").contains("severity"), "{e:?}");
    }

    #[test]
    fn polygons_are_closed_and_need_three_points() {
        let p = polygon_text(&[[45.7, 21.2], [45.8, 21.2], [45.8, 21.3]]).expect("polygon");
        assert_eq!(p, "45.7,21.2 45.8,21.2 45.8,21.3 45.7,21.2");
        assert!(polygon_text(&[[45.7, 21.2], [45.8, 21.2], [45.7, 21.2]]).is_err());
        assert_eq!(
            parse_points("45.7,21.2  45.8,21.2\n45.8,21.3")
                .expect("points")
                .len(),
            3
        );
        assert!(parse_points("45.7;21.2").is_err());
    }
}
