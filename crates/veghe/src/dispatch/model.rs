//! The incident's rules: its lifecycle as a state machine, priorities, outcomes, and the
//! parsed form of a new incident. Pure: no database, no HTTP.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

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
            self.from.label_ro(),
            self.to,
            self.to.label_ro(),
            self.from,
            if allowed.is_empty() {
                "nothing (it is finished)".to_string()
            } else {
                allowed.join(", ")
            }
        )
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
    fn priorities_and_points_are_checked() {
        assert!(Priority::new(0).is_err());
        assert_eq!(Priority::new(2).map(Priority::value), Ok(2));
        assert!(LatLon::new(45.75, 21.22).is_ok());
        assert_eq!(LatLon::new(95.0, 21.0).map_err(|e| e.0), Err("lat"));
        assert_eq!(LatLon::new(45.0, f64::NAN).map_err(|e| e.0), Err("lon"));
    }
}
