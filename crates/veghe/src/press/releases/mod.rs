//! Press releases (comunicate, declarații, rectificări): drafted by the press office, approved or
//! returned by the head of service, numbered by their day of publication, published at the later
//! of approval and embargo in the public newsroom `/presa` with RSS and Atom feeds, photos
//! without their EXIF data, and PDF/DOCX documents.

pub mod api;
pub mod document;
pub mod feeds;
pub mod model;
mod pages;
pub mod photos;
mod public;
pub mod sanitize;
pub mod store;
pub mod texts;

use axum::handler::Handler;

use crate::auth::access::Routes;
use crate::auth::{Access, groups};

pub fn routes() -> Routes {
    let read = Access::Roles(groups::PRESS_READ);
    let write = Access::Roles(groups::PRESS);
    let head = Access::Roles(groups::PRESS_APPROVE);
    Routes::new()
        .get("/api/v1/press/releases", read, api::list)
        .post("/api/v1/press/releases", write, api::create)
        .get("/api/v1/press/releases/{id}", read, api::get)
        .put("/api/v1/press/releases/{id}", write, api::edit)
        .post("/api/v1/press/releases/{id}/submit", write, api::submit)
        .post("/api/v1/press/releases/{id}/approve", head, api::approve)
        .post("/api/v1/press/releases/{id}/return", head, api::give_back)
        .post("/api/v1/press/releases/{id}/photos", write, api::add_photo)
        .get("/api/v1/press/releases/{id}/document", read, api::download)
        .get("/press/releases", read, pages::list_page)
        .post("/press/releases", write, pages::create)
        .get("/press/releases/{id}", read, pages::detail)
        .post("/press/releases/{id}", write, pages::edit)
        .post("/press/releases/{id}/submit", write, pages::submit)
        .post("/press/releases/{id}/approve", head, pages::approve)
        .post("/press/releases/{id}/return", head, pages::give_back)
        .post(
            "/press/releases/{id}/photos",
            write,
            pages::add_photo.layer(pages::photo_limit()),
        )
        .get("/press/releases/photos/{id}", read, pages::photo)
        .get("/press/releases/{id}/document", read, api::download)
        .get("/presa", Access::Public, public::newsroom)
        .get("/presa/comunicate/{id}", Access::Public, public::release)
        .get("/presa/comunicate.rss", Access::Public, public::rss)
        .get("/presa/comunicate.atom", Access::Public, public::atom)
        .get("/presa/foto/{id}", Access::Public, public::photo)
}
