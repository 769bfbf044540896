//! The letters a case sends (răspuns, refuz, înștiințări): typed documents per register and kind
//! with placeholders (`templates`, `fields`), drafted by the department, approved by the head of
//! service or given back with a remark, sent by the registry by e-mail or post with an outgoing
//! number (`workflow`, `send`), downloaded as DOCX or printed (`document`); the rules are
//! `veghe_ro::letters` and `veghe_ro::petition`.

pub mod api;
pub mod document;
pub mod fields;
pub mod labels;
pub mod pages;
pub mod send;
pub mod store;
mod template_page;
pub mod templates;
pub mod workflow;

use crate::auth::access::Routes;
use crate::auth::{Access, groups};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::REGISTRY);
    let write = Access::Roles(groups::LETTERS_WRITE);
    let head = Access::Roles(groups::OVERSIGHT);
    let desk = Access::Roles(groups::REGISTRY_DESK);
    let admin = Access::Roles(groups::ADMIN);
    Routes::new()
        .get("/api/v1/registry/templates", read, api::list_templates)
        .post("/api/v1/registry/templates", admin, api::create_template)
        .put(
            "/api/v1/registry/templates/{id}",
            admin,
            api::update_template,
        )
        .get("/api/v1/registry/placeholders", read, api::placeholders)
        .get("/api/v1/petitions/{id}/letters", read, api::of_case)
        .post("/api/v1/petitions/{id}/letters", write, api::draft)
        .get("/api/v1/registry/letters", read, api::list)
        .get("/api/v1/registry/letters/{id}", read, api::get)
        .put("/api/v1/registry/letters/{id}", write, api::edit)
        .post("/api/v1/registry/letters/{id}/submit", write, api::submit)
        .post("/api/v1/registry/letters/{id}/approve", head, api::approve)
        .post("/api/v1/registry/letters/{id}/return", head, api::give_back)
        .post("/api/v1/registry/letters/{id}/send", desk, api::send_letter)
        .get("/api/v1/registry/letters/{id}/docx", read, api::docx)
        .get("/registry/templates", read, template_page::page)
        .post("/registry/templates", admin, template_page::add)
        .post("/registry/templates/{id}", admin, template_page::change)
        .get("/registry/letters", read, pages::list_page)
        .post("/registry/{id}/letters", write, pages::draft)
        .post("/registry/letters/{id}/edit", write, pages::edit)
        .post("/registry/letters/{id}/submit", write, pages::submit)
        .post("/registry/letters/{id}/approve", head, pages::approve)
        .post("/registry/letters/{id}/return", head, pages::give_back)
        .post("/registry/letters/{id}/send", desk, pages::send_letter)
        .get("/registry/letters/{id}/print", read, pages::print_page)
}
