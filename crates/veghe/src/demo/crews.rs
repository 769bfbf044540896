//! The demo crews (echipaje): call signs by department, kind, vehicle plate, radio and tracker ids.

/// A crew of the demo roster, inserted into `units`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crew {
    pub call_sign: &'static str,
    /// `car`, `foot`, `bike`, `motorcycle` or `rapid`.
    pub kind: &'static str,
    /// A code of [`super::catalogue::DEPARTMENTS`].
    pub department: &'static str,
    /// Status when the history ends, before the open incidents take some crews.
    pub status: &'static str,
    pub vehicle: Option<&'static str>,
    pub radio: &'static str,
    pub tracker_id: &'static str,
}

const fn c(
    call_sign: &'static str,
    kind: &'static str,
    department: &'static str,
    status: &'static str,
    vehicle: Option<&'static str>,
    radio: &'static str,
    tracker_id: &'static str,
) -> Crew {
    Crew {
        call_sign,
        kind,
        department,
        status,
        vehicle,
        radio,
        tracker_id,
    }
}

/// The 24 crews. Departments as in §12 of the domain notes (proximity is the largest).
#[rustfmt::skip]
pub const CREWS: &[Crew] = &[
    c("PL-101", "car", "proximity", "available", Some("TM-10-PLT"), "TETRA-4101", "trk-101"),
    c("PL-102", "car", "proximity", "available", Some("TM-11-PLT"), "TETRA-4102", "trk-102"),
    c("PL-103", "car", "proximity", "available", Some("TM-12-PLT"), "TETRA-4103", "trk-103"),
    c("PL-104", "car", "proximity", "off_duty", Some("TM-13-PLT"), "TETRA-4104", "trk-104"),
    c("PL-105", "foot", "proximity", "available", None, "TETRA-4105", "trk-105"),
    c("PL-106", "foot", "proximity", "available", None, "TETRA-4106", "trk-106"),
    c("PL-107", "bike", "proximity", "available", None, "TETRA-4107", "trk-107"),
    c("PL-108", "bike", "proximity", "off_duty", None, "TETRA-4108", "trk-108"),
    c("PL-201", "rapid", "rapid_intervention", "available", Some("TM-20-PLT"), "TETRA-4201", "trk-201"),
    c("PL-202", "rapid", "rapid_intervention", "available", Some("TM-21-PLT"), "TETRA-4202", "trk-202"),
    c("PL-203", "rapid", "rapid_intervention", "off_duty", Some("TM-22-PLT"), "TETRA-4203", "trk-203"),
    c("PL-301", "car", "traffic", "available", Some("TM-30-PLT"), "TETRA-4301", "trk-301"),
    c("PL-302", "car", "traffic", "available", Some("TM-31-PLT"), "TETRA-4302", "trk-302"),
    c("PL-303", "motorcycle", "traffic", "available", Some("TM-32-PLT"), "TETRA-4303", "trk-303"),
    c("PL-304", "motorcycle", "traffic", "off_duty", Some("TM-33-PLT"), "TETRA-4304", "trk-304"),
    c("PL-401", "foot", "guarding", "available", None, "TETRA-4401", "trk-401"),
    c("PL-402", "foot", "guarding", "off_duty", None, "TETRA-4402", "trk-402"),
    c("PL-501", "car", "video_monitoring", "available", Some("TM-50-PLT"), "TETRA-4501", "trk-501"),
    c("PL-601", "foot", "markets", "available", None, "TETRA-4601", "trk-601"),
    c("PL-602", "car", "markets", "off_duty", Some("TM-60-PLT"), "TETRA-4602", "trk-602"),
    c("PL-701", "car", "environment", "available", Some("TM-70-PLT"), "TETRA-4701", "trk-701"),
    c("PL-702", "car", "environment", "out_of_service", Some("TM-71-PLT"), "TETRA-4702", "trk-702"),
    c("PL-801", "car", "construction", "available", Some("TM-80-PLT"), "TETRA-4801", "trk-801"),
    c("PL-802", "car", "construction", "off_duty", Some("TM-81-PLT"), "TETRA-4802", "trk-802"),
];

/// The departments that answer an incident type, first choice first (the rapid-intervention team
/// takes the urgent ones in [`super::lifecycle`]).
pub fn departments_for(code: &str) -> &'static [&'static str] {
    match code {
        "illegal_parking" | "abandoned_vehicle" | "traffic_obstruction" => {
            &["traffic", "proximity"]
        }
        "illegal_trading" => &["markets", "proximity"],
        "waste" | "animals" => &["environment", "proximity"],
        "construction" => &["construction"],
        _ => &["proximity"],
    }
}

/// The crews of a department.
pub fn crews_of(department: &str) -> impl Iterator<Item = &'static Crew> + '_ {
    CREWS.iter().filter(move |c| c.department == department)
}
