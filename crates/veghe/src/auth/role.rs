//! The roles of the service and who holds them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A role: what a person does in the service, and so what Veghe lets them do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Administrator,
    HeadOfService,
    Dispatcher,
    RegistryClerk,
    DepartmentOfficer,
    PressOfficer,
    PreventionOfficer,
    Analyst,
    Management,
    Crew,
}

impl Role {
    pub const ALL: [Role; 10] = [
        Role::Administrator,
        Role::HeadOfService,
        Role::Dispatcher,
        Role::RegistryClerk,
        Role::DepartmentOfficer,
        Role::PressOfficer,
        Role::PreventionOfficer,
        Role::Analyst,
        Role::Management,
        Role::Crew,
    ];

    /// The stored and typed name.
    pub fn code(self) -> &'static str {
        match self {
            Role::Administrator => "administrator",
            Role::HeadOfService => "head_of_service",
            Role::Dispatcher => "dispatcher",
            Role::RegistryClerk => "registry_clerk",
            Role::DepartmentOfficer => "department_officer",
            Role::PressOfficer => "press_officer",
            Role::PreventionOfficer => "prevention_officer",
            Role::Analyst => "analyst",
            Role::Management => "management",
            Role::Crew => "crew",
        }
    }

    pub fn label_ro(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::HeadOfService => "Șef serviciu",
            Role::Dispatcher => "Dispecer",
            Role::RegistryClerk => "Registratură",
            Role::DepartmentOfficer => "Compartiment de specialitate",
            Role::PressOfficer => "Purtător de cuvânt / presă",
            Role::PreventionOfficer => "Prevenire",
            Role::Analyst => "Analist",
            Role::Management => "Conducere (doar citire)",
            Role::Crew => "Echipaj",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::HeadOfService => "Head of service",
            Role::Dispatcher => "Dispatcher",
            Role::RegistryClerk => "Registry clerk",
            Role::DepartmentOfficer => "Department officer",
            Role::PressOfficer => "Press officer",
            Role::PreventionOfficer => "Prevention officer",
            Role::Analyst => "Analyst",
            Role::Management => "Management (read-only)",
            Role::Crew => "Crew",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A role name that is not one of ours.
#[derive(Debug, thiserror::Error)]
#[error(
    "unknown role `{0}`; roles are: administrator, head_of_service, dispatcher, registry_clerk, department_officer, press_officer, prevention_officer, analyst, management, crew"
)]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace('-', "_");
        Role::ALL
            .into_iter()
            .find(|r| r.code() == t)
            .ok_or_else(|| UnknownRole(s.to_string()))
    }
}

/// A stored role code, as a derived row mapping reads it (`#[sqlx(try_from = "String")]`).
impl TryFrom<String> for Role {
    type Error = UnknownRole;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

/// Who may use a route. Every route declares one (see `auth::access`).
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// Anyone, signed in or not (login page, health, public assets).
    Public,
    /// Any signed-in account, whatever its role.
    SignedIn,
    /// Only these roles.
    Roles(&'static [Role]),
}

impl Access {
    pub fn allows(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (_, None) => false,
            (Access::SignedIn, Some(_)) => true,
            (Access::Roles(roles), Some(r)) => roles.contains(&r),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::groups;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>().expect("parse"), r);
        }
        assert!("nobody".parse::<Role>().is_err());
        assert_eq!(
            "Head-Of-Service".parse::<Role>().expect("parse"),
            Role::HeadOfService
        );
    }

    #[test]
    fn access_rules() {
        assert!(Access::Public.allows(None));
        assert!(!Access::SignedIn.allows(None));
        assert!(Access::SignedIn.allows(Some(Role::Crew)));
        assert!(Access::Roles(groups::ADMIN).allows(Some(Role::Administrator)));
        assert!(!Access::Roles(groups::ADMIN).allows(Some(Role::Dispatcher)));
    }
}
