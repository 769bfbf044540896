//! Which street a typed name means: the same words in any order (exactly), then the typed words
//! among the street's words, then each typed word the beginning of one of the street's words
//! (`m eminescu`, `emin`). Among several, a street inside the city, then the typed type, then
//! one with fewer other words, address points and a more important road win.

use crate::StreetMap;
use crate::names::key;
use crate::number::HouseNumber;
use crate::query::Typed;

/// The street and house number a typed address means.
pub fn find(map: &StreetMap, typed: &Typed) -> Option<(u32, Option<HouseNumber>)> {
    let splits = typed.splits();
    for level in [exact, whole_words, prefixes] {
        for (name, number) in &splits {
            if let Some(id) = best(map, typed, name, level(map, name)) {
                return Some((id, number.clone()));
            }
        }
    }
    None
}

fn exact(map: &StreetMap, name: &[String]) -> Vec<u32> {
    map.by_key.get(&key(name)).cloned().unwrap_or_default()
}

fn whole_words(map: &StreetMap, name: &[String]) -> Vec<u32> {
    matching(map, name, |w, t| w == t)
}

fn prefixes(map: &StreetMap, name: &[String]) -> Vec<u32> {
    matching(map, name, |w, t| {
        w == t || (!t.starts_with(|c: char| c.is_ascii_digit()) && w.starts_with(t))
    })
}

/// Streets where each typed word matches a different word of the name.
fn matching(map: &StreetMap, name: &[String], same: impl Fn(&str, &str) -> bool) -> Vec<u32> {
    (0..map.streets.len() as u32)
        .filter(|&i| {
            let mut words: Vec<&str> = map.streets[i as usize].key.split(' ').collect();
            name.iter()
                .all(|t| match words.iter().position(|w| same(w, t.as_str())) {
                    Some(p) => {
                        words.swap_remove(p);
                        true
                    }
                    None => false,
                })
        })
        .collect()
}

fn best(map: &StreetMap, typed: &Typed, name: &[String], ids: Vec<u32>) -> Option<u32> {
    ids.into_iter().min_by_key(|&i| {
        let s = &map.streets[i as usize];
        let extra = s.key.split(' ').count().saturating_sub(name.len());
        (
            !s.in_city,
            typed.kind.is_some() && s.kind != typed.kind,
            extra,
            s.addresses.is_empty(),
            s.highway,
            s.name.clone(),
        )
    })
}
