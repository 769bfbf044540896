//! The incident-type catalogue incidents are validated against, with the departments, sources and
//! outcomes (Romanian labels first, the legal act each rests on); the demo history speaks it too.

use crate::web::Lang;

/// The label of an incident type in the interface language (the code itself when unknown).
pub fn type_label(code: &str, lang: Lang) -> String {
    match incident_type(code) {
        Some(t) if lang == Lang::Ro => t.name_ro.to_string(),
        Some(t) => t.name_en.to_string(),
        None => code.to_string(),
    }
}

/// A kind of incident the dispatch centre records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IncidentType {
    /// Stable code stored in `incidents.type`.
    pub code: &'static str,
    pub name_ro: &'static str,
    pub name_en: &'static str,
    /// 1 (most urgent) to 3.
    pub default_priority: i64,
    /// `false`: outside the local police's competence (Law 155/2010 art. 2(2)), handed over at once.
    pub our_competence: bool,
    /// The act (and point) the incident is usually judged under.
    pub legal_basis: &'static str,
}

const fn t(
    code: &'static str,
    name_ro: &'static str,
    name_en: &'static str,
    default_priority: i64,
    our_competence: bool,
    legal_basis: &'static str,
) -> IncidentType {
    IncidentType {
        code,
        name_ro,
        name_en,
        default_priority,
        our_competence,
        legal_basis,
    }
}

/// Every incident type, in the order the catalogue shows them.
pub const INCIDENT_TYPES: &[IncidentType] = &[
    t(
        "noise",
        "Tulburarea liniștii publice",
        "Disturbing the peace (noise)",
        2,
        true,
        "Legea 61/1991, art. 2 pct. 25",
    ),
    t(
        "brawl",
        "Scandal / încăierare",
        "Brawl",
        1,
        true,
        "Legea 61/1991, art. 2 pct. 24",
    ),
    t(
        "alcohol_public",
        "Consum de alcool în public",
        "Drinking alcohol in public",
        3,
        true,
        "Legea 61/1991, art. 2 pct. 23",
    ),
    t(
        "insults_threats",
        "Insulte, amenințări, gesturi obscene",
        "Insults, threats, obscene acts",
        2,
        true,
        "Legea 61/1991, art. 2 pct. 1",
    ),
    t(
        "illegal_parking",
        "Parcare neregulamentară",
        "Illegal parking",
        3,
        true,
        "OUG 195/2002",
    ),
    t(
        "abandoned_vehicle",
        "Vehicul abandonat",
        "Abandoned vehicle",
        3,
        true,
        "Legea 421/2002",
    ),
    t(
        "illegal_trading",
        "Comerț stradal ilegal",
        "Illegal street trading",
        3,
        true,
        "OG 99/2000",
    ),
    t(
        "waste",
        "Depozitare ilegală de deșeuri",
        "Illegal waste dumping",
        3,
        true,
        "Legea 211/2011",
    ),
    t(
        "construction",
        "Lucrări fără autorizație de construire",
        "Building works without a permit",
        3,
        true,
        "Legea 50/1991",
    ),
    t(
        "school_safety",
        "Incident în zona unității de învățământ",
        "Incident near a school",
        2,
        true,
        "Legea 61/1991, art. 3 alin. (2)",
    ),
    t("begging", "Cerșetorie", "Begging", 3, true, "Legea 61/1991"),
    t(
        "animals",
        "Animale agresive sau fără stăpân",
        "Dangerous or stray animals",
        2,
        true,
        "OUG 55/2002; HCL",
    ),
    t(
        "burglary_like",
        "Pătrundere fără drept / furt din locuință",
        "Trespass / burglary of a dwelling",
        1,
        false,
        "Codul penal, art. 224 și 229 (infracțiune)",
    ),
    t(
        "traffic_obstruction",
        "Obstrucționarea circulației",
        "Traffic obstruction",
        2,
        true,
        "OUG 195/2002",
    ),
    t(
        "damage_signs",
        "Deteriorarea indicatoarelor și a mobilierului urban",
        "Damaging signs and street furniture",
        2,
        true,
        "Legea 61/1991, art. 2 pct. 16",
    ),
    t("other", "Alte evenimente", "Other incidents", 3, true, ""),
];

/// The type with this code.
pub fn incident_type(code: &str) -> Option<&'static IncidentType> {
    INCIDENT_TYPES.iter().find(|t| t.code == code)
}

/// A code with its Romanian and English labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label {
    pub code: &'static str,
    pub name_ro: &'static str,
    pub name_en: &'static str,
}

const fn l(code: &'static str, name_ro: &'static str, name_en: &'static str) -> Label {
    Label {
        code,
        name_ro,
        name_en,
    }
}

/// Departments the crews belong to (`units.department`).
pub const DEPARTMENTS: &[Label] = &[
    l(
        "proximity",
        "Proximitate și siguranță publică",
        "Proximity and public safety",
    ),
    l(
        "rapid_intervention",
        "Intervenție rapidă",
        "Rapid intervention",
    ),
    l("traffic", "Circulație rutieră", "Road traffic"),
    l("guarding", "Pază obiective", "Guarding"),
    l("video_monitoring", "Monitorizare video", "Video monitoring"),
    l("markets", "Control piețe și comerț", "Markets and commerce"),
    l(
        "environment",
        "Protecția mediului",
        "Environment protection",
    ),
    l(
        "construction",
        "Disciplina în construcții",
        "Construction discipline",
    ),
];

/// Crew kinds (`units.kind`).
pub const UNIT_KINDS: &[Label] = &[
    l("car", "Autospecială", "Patrol car"),
    l("foot", "Patrulă pedestră", "Foot patrol"),
    l("bike", "Patrulă pe bicicletă", "Bike patrol"),
    l("motorcycle", "Motocicletă", "Motorcycle"),
    l(
        "rapid",
        "Echipaj de intervenție rapidă",
        "Rapid-intervention team",
    ),
];

/// How an incident reached the dispatch centre (`incidents.source`).
pub const SOURCES: &[Label] = &[
    l("phone", "Telefon dispecerat", "Dispatch phone line"),
    l("duty_desk", "Serviciul de permanență", "Duty desk"),
    l("112", "Transfer 112", "112 transfer"),
    l("patrol", "Constatat de patrulă", "Found by a patrol"),
    l("petition", "Petiție / sesizare scrisă", "Petition"),
    l("camera", "Monitorizare video", "Video monitoring"),
];

/// How an incident ended (`incidents.outcome`).
pub const OUTCOMES: &[Label] = &[
    l("sanction", "Sancțiune contravențională", "Sanction"),
    l("warning", "Avertisment", "Warning"),
    l(
        "handed_over",
        "Predat instituției competente",
        "Handed over to the competent body",
    ),
    l("unfounded", "Neconfirmat", "Unfounded"),
    l("other", "Alte măsuri", "Other measures"),
];

/// Incident statuses (`incidents.status`), in lifecycle order.
pub const STATUSES: &[Label] = &[
    l("received", "Recepționat", "Received"),
    l("dispatched", "Echipaj alocat", "Dispatched"),
    l("on_scene", "La fața locului", "On scene"),
    l("closed", "Închis", "Closed"),
    l("cancelled", "Anulat", "Cancelled"),
];
