//! The incident types as loaded: every version of every type, the current one of each code, the
//! one in force at an instant (an old incident keeps its type's name as it was then).

use serde::Serialize;

use crate::web::Lang;

/// One version of an incident type (a row of `incident_types`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct IncidentType {
    pub id: i64,
    /// Stable code stored in `incidents.type`.
    pub code: String,
    pub name_ro: String,
    pub name_en: String,
    /// 1 (most urgent) to 3: the priority a call takes when none is given.
    pub default_priority: i64,
    /// `false`: outside the local police's competence (Law 155/2010 art. 2(2)), handed over at once.
    #[sqlx(try_from = "crate::db::Flag")]
    pub our_competence: bool,
    /// The act (and point) the incident is usually judged under.
    pub legal_basis: String,
    /// The cooperating force (`agencies.code`) it is handed to when not in the service's competence.
    pub agency: Option<String>,
    /// The OASIS CAP 1.2 category.
    pub cap_category: String,
    /// The NENA incident type the EIDO export writes.
    pub eido_type: String,
    /// The order the catalogue shows the types in.
    pub position: i64,
    /// First instant in force (epoch ms); absent: since always.
    pub active_from: Option<i64>,
    /// The instant it stopped being in force (epoch ms); absent while in force.
    pub active_to: Option<i64>,
}

impl IncidentType {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ro => &self.name_ro,
            Lang::En => &self.name_en,
        }
    }

    fn starts_by(&self, at: i64) -> bool {
        self.active_from.is_none_or(|f| f <= at)
    }

    fn in_force_at(&self, at: i64) -> bool {
        self.starts_by(at) && self.active_to.is_none_or(|t| at < t)
    }

    /// Closed for good: the version is the type's last and it has ended.
    pub fn retired(&self) -> bool {
        self.active_to.is_some()
    }
}

/// The whole catalogue, every version; a few dozen rows, loaded per request.
#[derive(Clone, Debug, Default)]
pub struct Types {
    /// Ordered by position, code, then start (oldest first).
    versions: Vec<IncidentType>,
}

impl Types {
    pub fn new(mut versions: Vec<IncidentType>) -> Types {
        versions.sort_by_key(|t| {
            (
                t.position,
                t.code.clone(),
                t.active_from.unwrap_or(i64::MIN),
                t.id,
            )
        });
        Types { versions }
    }

    /// Every version, in the catalogue's order.
    pub fn versions(&self) -> &[IncidentType] {
        &self.versions
    }

    fn of<'a, 'c>(&'a self, code: &'c str) -> impl Iterator<Item = &'a IncidentType> + use<'a, 'c> {
        self.versions.iter().filter(move |t| t.code == code)
    }

    /// The current (last) version of `code`, retired or not.
    pub fn get(&self, code: &str) -> Option<&IncidentType> {
        self.of(code).last()
    }

    /// The current version of every type, retired ones included.
    pub fn current(&self) -> Vec<&IncidentType> {
        let mut out: Vec<&IncidentType> = Vec::new();
        for t in &self.versions {
            match out.last_mut() {
                Some(last) if last.code == t.code => *last = t,
                _ => out.push(t),
            }
        }
        out
    }

    /// The types a new call may take (not retired), for selects and validation.
    pub fn active(&self) -> Vec<&IncidentType> {
        self.current()
            .into_iter()
            .filter(|t| !t.retired())
            .collect()
    }

    /// The type a new call may take, `None` when unknown or retired.
    pub fn active_type(&self, code: &str) -> Option<&IncidentType> {
        self.get(code).filter(|t| !t.retired())
    }

    /// The current name of `code` in `lang`; the code itself when unknown.
    pub fn label(&self, code: &str, lang: Lang) -> String {
        self.get(code)
            .map_or_else(|| code.to_string(), |t| t.name(lang).to_string())
    }

    /// The version of `code` in force at `at_ms`: else the last one begun before it (a retired
    /// type), else the first one.
    pub fn version_at(&self, code: &str, at_ms: i64) -> Option<&IncidentType> {
        self.of(code)
            .find(|t| t.in_force_at(at_ms))
            .or_else(|| self.of(code).filter(|t| t.starts_by(at_ms)).last())
            .or_else(|| self.of(code).next())
    }

    /// The name `code` had at `at_ms` in `lang` (how an incident received then shows its type);
    /// the code itself when unknown.
    pub fn label_at(&self, code: &str, at_ms: i64, lang: Lang) -> String {
        self.version_at(code, at_ms)
            .map_or_else(|| code.to_string(), |t| t.name(lang).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: i64, code: &str, ro: &str, from: Option<i64>, to: Option<i64>) -> IncidentType {
        IncidentType {
            id,
            code: code.into(),
            name_ro: ro.into(),
            name_en: format!("{ro} (en)"),
            default_priority: 2,
            our_competence: true,
            legal_basis: String::new(),
            agency: None,
            cap_category: "Safety".into(),
            eido_type: "Law Enforcement".into(),
            position: 0,
            active_from: from,
            active_to: to,
        }
    }

    fn renamed_noise() -> Types {
        // `noise` renamed at 1000 and again at 2000; `begging` retired at 1500.
        Types::new(vec![
            v(3, "noise", "Zgomot nou", Some(2000), None),
            v(1, "noise", "Zgomot", None, Some(1000)),
            v(2, "noise", "Zgomot mijlociu", Some(1000), Some(2000)),
            v(4, "begging", "Cerșetorie", None, Some(1500)),
        ])
    }

    #[test]
    fn label_at_picks_the_version_in_force() {
        let t = renamed_noise();
        assert_eq!(t.label_at("noise", 10, Lang::Ro), "Zgomot");
        assert_eq!(t.label_at("noise", 999, Lang::Ro), "Zgomot");
        assert_eq!(t.label_at("noise", 1000, Lang::Ro), "Zgomot mijlociu");
        assert_eq!(t.label_at("noise", 2000, Lang::En), "Zgomot nou (en)");
        assert_eq!(t.label_at("noise", i64::MAX, Lang::Ro), "Zgomot nou");
        assert_eq!(t.label("noise", Lang::Ro), "Zgomot nou");
    }

    #[test]
    fn retired_types_keep_their_name_but_take_no_calls() {
        let t = renamed_noise();
        assert_eq!(t.label_at("begging", 5000, Lang::Ro), "Cerșetorie");
        assert!(t.active_type("begging").is_none());
        assert!(t.get("begging").is_some());
        assert_eq!(
            t.active()
                .iter()
                .map(|x| x.code.as_str())
                .collect::<Vec<_>>(),
            ["noise"]
        );
        assert_eq!(t.current().len(), 2);
    }

    #[test]
    fn unknown_codes_are_shown_as_they_are() {
        let t = renamed_noise();
        assert_eq!(t.label("nope", Lang::Ro), "nope");
        assert_eq!(t.label_at("nope", 5, Lang::En), "nope");
    }

    #[test]
    fn a_type_created_later_names_earlier_instants_by_its_first_version() {
        let t = Types::new(vec![v(1, "drones", "Drone", Some(5000), None)]);
        assert_eq!(t.label_at("drones", 10, Lang::Ro), "Drone");
    }
}
