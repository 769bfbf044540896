//! The incident-type catalogue, loaded from the database per request (`load`: every version; the
//! current one of each type, the one in force at an instant, the active ones for selects), its
//! API and administration pages; and beside it the departments, crew kinds, sources, outcomes and
//! statuses (Romanian labels first).

pub mod api;
pub(crate) mod input;
pub mod pages;
mod store;
mod texts;
mod types;

pub use input::{CAP_CATEGORIES, DEFAULT_EIDO_TYPE, TypeIn, TypePatch};
pub use store::load;
pub use types::{IncidentType, Types};

/// The refusal of a new call's type that is unknown or retired (a 400 naming `type`).
pub fn type_refused() -> crate::error::AppError {
    crate::error::AppError::bad(
        "type",
        crate::error::Said::new(texts::RO.type_unknown, texts::EN.type_unknown),
    )
}

/// The catalogue as migration 0021 seeds it, in a fresh SQLite database kept in the returned folder.
#[cfg(test)]
pub(crate) async fn seeded() -> (tempfile::TempDir, Types) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite:{}", dir.path().join("catalogue.db").display());
    let db = crate::db::Db::open(&url).await.expect("database");
    let types = load(&db).await.expect("catalogue");
    (dir, types)
}

#[cfg(test)]
mod tests {
    /// The seeded catalogue: today's 16 types, each with a known CAP category and an EIDO type,
    /// the one outside the service's competence handed to the county police.
    #[tokio::test]
    async fn the_seeded_catalogue_is_complete() {
        let (_dir, t) = super::seeded().await;
        assert_eq!(t.active().len(), 16);
        assert!(t.versions().iter().all(|v| {
            super::CAP_CATEGORIES.contains(&v.cap_category.as_str())
                && !v.eido_type.is_empty()
                && (1..=3).contains(&v.default_priority)
                && !v.name_ro.contains(['ş', 'ţ', 'Ş', 'Ţ'])
                && v.active_from.is_none()
        }));
        let crime = t.get("burglary_like").expect("burglary_like");
        assert!(!crime.our_competence);
        assert_eq!(crime.agency.as_deref(), Some("ipj"));
        assert_eq!(
            t.label("noise", crate::web::Lang::Ro),
            "Tulburarea liniștii publice"
        );
    }
}

/// The type's routes: the API and the administration pages.
pub fn routes() -> crate::auth::access::Routes {
    api::routes().merge(pages::routes())
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
