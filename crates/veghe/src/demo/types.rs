//! The incident types the demo generates, keyed by their codes in the seeded catalogue (migration
//! 0021), with what the generator needs of each: the usual priority and whether it is a crime
//! handed to the Romanian Police. A test checks each against the seeded catalogue.

/// A type the demo generates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoType {
    /// A code of the seeded catalogue (`incident_types.code`).
    pub code: &'static str,
    /// The type's default priority, 1–3.
    pub priority: i64,
    /// Outside the service's competence: sometimes passed on without a crew.
    pub handed_over: bool,
}

const fn t(code: &'static str, priority: i64) -> DemoType {
    DemoType {
        code,
        priority,
        handed_over: false,
    }
}

/// The generated types, in the order of [`super::model::RHYTHMS`].
pub const TYPES: &[DemoType] = &[
    t("noise", 2),
    t("brawl", 1),
    t("alcohol_public", 3),
    t("insults_threats", 2),
    t("illegal_parking", 3),
    t("abandoned_vehicle", 3),
    t("illegal_trading", 3),
    t("waste", 3),
    t("construction", 3),
    t("school_safety", 2),
    t("begging", 3),
    t("animals", 2),
    DemoType {
        code: "burglary_like",
        priority: 1,
        handed_over: true,
    },
    t("traffic_obstruction", 2),
    t("damage_signs", 2),
    t("other", 3),
];

/// The index of `code` in [`TYPES`] (the last, `other`, when unknown).
pub fn index(code: &str) -> usize {
    TYPES
        .iter()
        .position(|t| t.code == code)
        .unwrap_or(TYPES.len() - 1)
}
