//! The access matrix: the named role groups every feature's routes declare (`Access::Roles`).
//! A new feature names its groups here, beside the others, so who may do what reads in one place.

use super::Role::{self, *};

/// The administrator alone.
pub const ADMIN: &[Role] = &[Administrator];
/// The administrator and the head of service: oversight (audit trail, access log, outbox) and
/// approvals.
pub const OVERSIGHT: &[Role] = &[Administrator, HeadOfService];
/// Those who read the operational picture (incidents, maps, statistics).
pub const OPERATIONS_READ: &[Role] = &[
    Administrator,
    HeadOfService,
    Dispatcher,
    Analyst,
    Management,
];
/// Those who read the registers (petitions, information requests, internal documents).
pub const REGISTRY: &[Role] = &[
    Administrator,
    HeadOfService,
    RegistryClerk,
    DepartmentOfficer,
    Management,
];
/// The registry compartment, which alone registers, sends answers, classes and archives
/// (OG 27/2002 art. 6).
pub const REGISTRY_DESK: &[Role] = &[Administrator, HeadOfService, RegistryClerk];
/// Those who read activity records (sanctions, referrals, counts, data quality).
pub const ACTIVITY: &[Role] = &[
    Administrator,
    HeadOfService,
    DepartmentOfficer,
    Analyst,
    Management,
];
/// Those who import sanction records and record activity.
pub const ACTIVITY_WRITE: &[Role] = &[Administrator, HeadOfService, DepartmentOfficer, Analyst];
/// Those who compute legal deadlines.
pub const CALENDAR: &[Role] = &[
    Administrator,
    HeadOfService,
    RegistryClerk,
    DepartmentOfficer,
    PressOfficer,
    Analyst,
    Management,
    Dispatcher,
];
/// Who may head a registry department (and so be named its head).
pub const DEPARTMENT_HEADS: &[Role] = &[DepartmentOfficer, HeadOfService];
/// Those who run the dispatch desk: incidents, crews, alerts, the duty log.
pub const DISPATCH: &[Role] = &[Administrator, HeadOfService, Dispatcher];
/// The crews' phone view.
pub const CREW: &[Role] = &[Crew, Administrator];
/// Who is notified of a special event and acknowledges it (in this order).
pub const SPECIAL_EVENT_RECIPIENTS: &[Role] = &[HeadOfService, Management];
/// Those who draft, edit and submit letters: a department officer only for the cases of their
/// departments.
pub const LETTERS_WRITE: &[Role] = &[
    Administrator,
    HeadOfService,
    RegistryClerk,
    DepartmentOfficer,
];
/// Who reads the registry's reports: the head of service, the registry, management.
pub const REGISTRY_REPORTS: &[Role] = &[Administrator, HeadOfService, RegistryClerk, Management];
/// Who proposes a measure from an analysis.
pub const PROPOSE_MEASURES: &[Role] = &[Administrator, HeadOfService, Analyst];
/// Who decides on a proposed measure.
pub const DECIDE_MEASURES: &[Role] = &[HeadOfService, Management];
/// The press office: releases, journalists and outlets, accreditations, media requests,
/// conferences, the communication strategy.
pub const PRESS: &[Role] = &[Administrator, HeadOfService, PressOfficer];
/// Who approves or gives back the press office's releases and the strategy: the head of service.
pub const PRESS_APPROVE: &[Role] = &[HeadOfService];
/// Who reads the press office's records without writing them: management too.
pub const PRESS_READ: &[Role] = &[Administrator, HeadOfService, PressOfficer, Management];
/// Who writes internal circulars to staff: the press office and oversight. Every signed-in
/// person reads those addressed to them.
pub const CIRCULARS_WRITE: &[Role] = &[Administrator, HeadOfService, PressOfficer];
