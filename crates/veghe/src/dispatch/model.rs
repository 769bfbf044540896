//! The incident's rules: its lifecycle as a state machine, priorities, outcomes, and the
//! parsed form of a new incident. Pure: no database, no HTTP.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::incident_texts as texts;
use crate::error::Said;
use crate::web::Lang;

/// Where an incident is in its life (DOMAIN §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Received,
    Dispatched,
    EnRoute,
    OnScene,
    Closed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Received,
        Status::Dispatched,
        Status::EnRoute,
        Status::OnScene,
        Status::Closed,
        Status::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Dispatched => "dispatched",
            Status::EnRoute => "en_route",
            Status::OnScene => "on_scene",
            Status::Closed => "closed",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn label_ro(self) -> &'static str {
        match self {
            Status::Received => "Primit",
            Status::Dispatched => "Echipaj alocat",
            Status::EnRoute => "În deplasare",
            Status::OnScene => "La fața locului",
            Status::Closed => "Închis",
            Status::Cancelled => "Anulat",
        }
    }

    /// The status in words, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = texts::of(lang);
        match self {
            Status::Received => t.st_received,
            Status::Dispatched => t.st_dispatched,
            Status::EnRoute => t.st_en_route,
            Status::OnScene => t.st_on_scene,
            Status::Closed => t.st_closed,
            Status::Cancelled => t.st_cancelled,
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, Status::Closed | Status::Cancelled)
    }

    /// The states an incident may move to from this one.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[Dispatched, Closed, Cancelled],
            Dispatched => &[EnRoute, OnScene, Received, Closed, Cancelled],
            EnRoute => &[OnScene, Received, Closed, Cancelled],
            OnScene => &[Closed, Received, Cancelled],
            Closed | Cancelled => &[],
        }
    }

    /// Checks a transition, naming both states when it is refused.
    pub fn check(self, to: Status) -> Result<(), TransitionError> {
        if self.next().contains(&to) {
            Ok(())
        } else {
            Err(TransitionError { from: self, to })
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.code() == s.trim())
            .ok_or_else(|| {
                format!("unknown status `{s}`; statuses are: received, dispatched, en_route, on_scene, closed, cancelled")
            })
    }
}

/// A refused change of state.
#[derive(Debug, PartialEq, Eq)]
pub struct TransitionError {
    pub from: Status,
    pub to: Status,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let allowed: Vec<&str> = self.from.next().iter().map(|s| s.code()).collect();
        write!(
            f,
            "an incident cannot go from `{}` ({}) to `{}` ({}); from `{}` it may go to: {}",
            self.from,
            self.from.label(Lang::En).to_lowercase(),
            self.to,
            self.to.label(Lang::En).to_lowercase(),
            self.from,
            if allowed.is_empty() {
                "nothing (it is finished)".to_string()
            } else {
                allowed.join(", ")
            }
        )
    }
}

impl TransitionError {
    /// The refusal in both languages, naming both states in words.
    pub fn said(&self) -> Said {
        let allowed = |lang: Lang| {
            let names: Vec<&str> = self.from.next().iter().map(|s| s.label(lang)).collect();
            names.join(", ")
        };
        let ro = if self.from.next().is_empty() {
            format!(
                "Incidentul este {}: nu mai poate trece în starea {}.",
                self.from.label(Lang::Ro).to_lowercase(),
                self.to.label(Lang::Ro).to_lowercase()
            )
        } else {
            format!(
                "Incidentul nu poate trece din starea „{}” în „{}”; din „{}” poate trece în: {}.",
                self.from.label(Lang::Ro),
                self.to.label(Lang::Ro),
                self.from.label(Lang::Ro),
                allowed(Lang::Ro).to_lowercase()
            )
        };
        Said::new(ro, self.to_string())
    }
}

/// How an incident ended (required when it is closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Sanction,
    Warning,
    HandedOver,
    Unfounded,
    Other,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Sanction,
        Outcome::Warning,
        Outcome::HandedOver,
        Outcome::Unfounded,
        Outcome::Other,
    ];

    /// The outcome in words, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = texts::of(lang);
        match self {
            Outcome::Sanction => t.out_sanction,
            Outcome::Warning => t.out_warning,
            Outcome::HandedOver => t.out_handed_over,
            Outcome::Unfounded => t.out_unfounded,
            Outcome::Other => t.out_other,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Sanction => "sanction",
            Outcome::Warning => "warning",
            Outcome::HandedOver => "handed_over",
            Outcome::Unfounded => "unfounded",
            Outcome::Other => "other",
        }
    }
}

impl FromStr for Outcome {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            Outcome::Sanction,
            Outcome::Warning,
            Outcome::HandedOver,
            Outcome::Unfounded,
            Outcome::Other,
        ]
        .into_iter()
        .find(|o| o.code() == s.trim())
        .ok_or_else(|| {
            format!("unknown outcome `{s}`; outcomes are: sanction, warning, handed_over, unfounded, other")
        })
    }
}

/// What an incident's point rests on (stored in `incidents.located_by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocatedBy {
    /// A mapped house number.
    Number,
    /// Between mapped numbers of the street (or just past them).
    Interpolated,
    /// The middle of the street: no number, or none to measure it by.
    Street,
    /// A dispatcher's click on the map.
    Map,
    /// Coordinates given with the call (a device, another system, the board's map).
    Coordinates,
    /// The point a person gave the same address before, for the activity records.
    Place,
}

impl LocatedBy {
    pub const ALL: [LocatedBy; 6] = [
        LocatedBy::Number,
        LocatedBy::Interpolated,
        LocatedBy::Street,
        LocatedBy::Map,
        LocatedBy::Coordinates,
        LocatedBy::Place,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LocatedBy::Number => "number",
            LocatedBy::Interpolated => "interpolated",
            LocatedBy::Street => "street",
            LocatedBy::Map => "map",
            LocatedBy::Coordinates => "coordinates",
            LocatedBy::Place => "place",
        }
    }

    pub fn from_code(code: &str) -> Option<LocatedBy> {
        LocatedBy::ALL.into_iter().find(|l| l.code() == code)
    }

    /// How precise the point is, in words, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let t = texts::of(lang);
        match self {
            LocatedBy::Number => t.loc_number,
            LocatedBy::Interpolated => t.loc_interpolated,
            LocatedBy::Street => t.loc_street,
            LocatedBy::Map => t.loc_map,
            LocatedBy::Coordinates => t.loc_coordinates,
            LocatedBy::Place => t.loc_place,
        }
    }

    /// What the street map's geocoder says about a typed address's point.
    pub fn of_geocoded(g: &veghe_geo::Geocoded) -> LocatedBy {
        match (g.precision, g.interpolated) {
            (veghe_geo::Precision::Number, false) => LocatedBy::Number,
            (veghe_geo::Precision::Number, true) => LocatedBy::Interpolated,
            (veghe_geo::Precision::Street, _) => LocatedBy::Street,
        }
    }
}

/// Urgency, 1 (most urgent) to 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Priority(u8);

impl Priority {
    pub fn new(p: i64) -> Result<Priority, String> {
        match p {
            1..=3 => Ok(Priority(p as u8)),
            _ => Err(format!(
                "priority must be 1, 2 or 3 (P1 most urgent), not {p}"
            )),
        }
    }

    pub fn value(self) -> i64 {
        i64::from(self.0)
    }
}

/// A point in WGS 84, checked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

impl LatLon {
    pub fn new(lat: f64, lon: f64) -> Result<LatLon, (&'static str, String)> {
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            return Err(("lat", format!("latitude {lat} is outside -90…90")));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            return Err(("lon", format!("longitude {lon} is outside -180…180")));
        }
        Ok(LatLon { lat, lon })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_allows_only_its_transitions() {
        assert!(Status::Received.check(Status::Dispatched).is_ok());
        assert!(Status::Dispatched.check(Status::EnRoute).is_ok());
        assert!(Status::EnRoute.check(Status::OnScene).is_ok());
        assert!(Status::OnScene.check(Status::Closed).is_ok());
        let e = Status::Closed.check(Status::EnRoute).expect_err("finished");
        assert!(e.to_string().contains("from `closed`"), "{e}");
        assert!(Status::Received.check(Status::OnScene).is_err());
        for s in Status::ALL {
            assert_eq!(s.code().parse::<Status>(), Ok(s));
            assert!(s.check(s).is_err(), "{s} to itself");
        }
    }

    #[test]
    fn labels_and_refusals_speak_both_languages() {
        assert_eq!(Status::OnScene.label(Lang::Ro), "La fața locului");
        assert_eq!(Status::OnScene.label(Lang::En), "On scene");
        assert_eq!(Outcome::HandedOver.label(Lang::En), "Handed over");
        let said = Status::OnScene
            .check(Status::EnRoute)
            .expect_err("back")
            .said();
        assert!(
            said.in_lang(Lang::Ro).contains("„La fața locului”"),
            "{said:?}"
        );
        assert!(said.in_lang(Lang::En).contains("on_scene"), "{said:?}");
        for l in LocatedBy::ALL {
            assert_eq!(LocatedBy::from_code(l.code()), Some(l));
        }
    }

    #[test]
    fn priorities_and_points_are_checked() {
        assert!(Priority::new(0).is_err());
        assert_eq!(Priority::new(2).map(Priority::value), Ok(2));
        assert!(LatLon::new(45.75, 21.22).is_ok());
        assert_eq!(LatLon::new(95.0, 21.0).map_err(|e| e.0), Err("lat"));
        assert_eq!(LatLon::new(45.0, f64::NAN).map_err(|e| e.0), Err("lon"));
    }
}
