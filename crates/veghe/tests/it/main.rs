//! Integration tests: the real server on port 0, a fresh database per test, on SQLite and
//! (when `VEGHE_TEST_POSTGRES_URL` is set) PostgreSQL.

mod helpers;

mod access;
mod accounts;
mod activity;
mod analysis;
mod api;
mod audit;
mod auth;
mod backup;
mod cli;
mod control_chars;
mod crews_admin;
mod desk;
mod desk_pages;
mod dispatch;
mod durability;
mod extract;
mod first_start;
mod forecast;
mod home;
mod import;
mod incident_desk;
mod incident_types;
mod interop;
mod live;
mod live_pg;
mod open311;
mod owntracks;
mod places;
mod plans;
mod registry;
mod registry_dashboard;
mod registry_files;
mod registry_letters;
mod registry_public;
mod registry_reminders;
mod registry_reports;
mod registry_retention;
mod registry_search;
mod route_page;
mod service_settings;
mod setup_journey;
mod shell;
mod special;
