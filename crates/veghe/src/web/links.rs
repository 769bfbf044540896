//! An index page's links (the administration, the press desk): sections of links, each link
//! shown only to whom the page's own route admits.

use crate::auth::Role;

/// One link of an index: its address, its title and what is done there.
pub struct Link {
    pub href: &'static str,
    pub title: &'static str,
    pub about: &'static str,
}

/// A group of links under a heading.
pub struct Section {
    pub title: &'static str,
    pub links: Vec<Link>,
}

/// A link as laid out: (address, title, what is done there).
pub type Entry = (&'static str, &'static str, &'static str);

/// The sections a role sees: the links its role may open, and no empty section.
pub fn sections(
    layout: impl IntoIterator<Item = (&'static str, Vec<Entry>)>,
    role: Option<Role>,
) -> Vec<Section> {
    layout
        .into_iter()
        .map(|(title, links)| Section {
            title,
            links: links
                .into_iter()
                .filter(|(href, _, _)| super::page_access(href).allows(role))
                .map(|(href, title, about)| Link { href, title, about })
                .collect(),
        })
        .filter(|s| !s.links.is_empty())
        .collect()
}
