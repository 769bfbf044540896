//! The administration index: every page where the service is set up — accounts, crews and their
//! trackers, incident types, cooperating forces, departments, the service's settings — and the
//! oversight pages beside them. It links pages of several features, so it sits beside the route
//! table; each link is shown only to whom the page's own route admits.

#[cfg(test)]
mod props;
mod texts;

use askama::Template;

use axum::response::Response;
use texts::T;

use crate::auth::{Access, groups};
use crate::error::AppResult;
use crate::web::links::{Entry, Section, sections};
use crate::web::{Shell, render};

/// The route of the index itself.
pub fn routes() -> crate::auth::access::Routes {
    crate::auth::access::Routes::new().get("/admin", Access::Roles(groups::ADMIN), index)
}

#[derive(Template)]
#[template(path = "web/admin.html")]
struct AdminPage {
    shell: Shell,
    t: &'static T,
    sections: Vec<Section>,
}

/// The index's sections, in order: a heading and its links.
fn layout(t: &'static T) -> [(&'static str, Vec<Entry>); 3] {
    [
        (
            t.people,
            vec![
                ("/users", t.accounts, t.accounts_about),
                ("/admin/departments", t.departments, t.departments_about),
            ],
        ),
        (
            t.operations,
            vec![
                ("/admin/crews", t.crews, t.crews_about),
                ("/admin/incident-types", t.types, t.types_about),
                ("/admin/agencies", t.agencies, t.agencies_about),
                ("/admin/settings", t.settings, t.settings_about),
                ("/plan-templates", t.plan_templates, t.plan_templates_about),
                ("/activity/offences", t.offences, t.offences_about),
            ],
        ),
        (
            t.oversight,
            vec![
                ("/registry/retention", t.retention, t.retention_about),
                ("/admin/open311", t.open311, t.open311_about),
                ("/audit", t.audit, t.audit_about),
                ("/access-log", t.access_log, t.access_log_about),
            ],
        ),
    ]
}

async fn index(shell: Shell) -> AppResult<Response> {
    let t = texts::of(shell.lang);
    let role = shell.user.as_ref().map(|u| u.role);
    let sections = sections(layout(t), role);
    render(&AdminPage { shell, t, sections })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::web::Lang;

    /// Every link of the index is a page of the route table that the administrator may open.
    #[test]
    fn every_link_is_an_administrators_page() {
        for lang in [Lang::Ro, Lang::En] {
            for (_, links) in layout(texts::of(lang)) {
                for (href, _, _) in links {
                    assert!(
                        crate::web::page_access(href).allows(Some(Role::Administrator)),
                        "{href} is not a page the administrator may open"
                    );
                }
            }
        }
    }
}
