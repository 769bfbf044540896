//! A house number on its street: the mapped point; else the mapped numbers of the same side
//! (parity) projected onto the street's joined centre-lines, the nearest below and above on one
//! line, and the point between them in proportion to the number; else the street's middle.

use crate::model::{Address, Street};
use crate::number::HouseNumber;

/// Address points farther than this from the centre-line are not used to measure along it.
const MAX_OFFSET_M: f64 = 120.0;

fn usable(
    street: &Street,
    without: Option<usize>,
) -> impl Iterator<Item = (&Address, &HouseNumber)> {
    street
        .addresses
        .iter()
        .enumerate()
        .filter(move |(i, _)| Some(*i) != without)
        .filter_map(|(_, a)| a.number.as_ref().map(|n| (a, n)))
}

/// The mapped point of the number: the same number and letter, or a range that holds it.
pub fn mapped(street: &Street, n: &HouseNumber, without: Option<usize>) -> Option<(f64, f64)> {
    let same = |h: &HouseNumber| h.number == n.number && h.suffix == n.suffix;
    let within = |h: &HouseNumber| n.suffix.is_empty() && h.covers(n.number);
    let points: Vec<(&Address, &HouseNumber)> = usable(street, without).collect();
    let exact = points.iter().find(|(_, h)| same(h));
    exact
        .or_else(|| points.iter().find(|(_, h)| within(h)))
        .map(|(a, _)| (a.lon, a.lat))
}

/// The point between the nearest mapped numbers of the same side.
pub fn along(street: &Street, n: &HouseNumber, without: Option<usize>) -> Option<(f64, f64)> {
    let target = f64::from(n.number);
    // (part, chainage, number) of each usable point on this side.
    let mut known: Vec<(usize, f64, f64)> = Vec::new();
    for (a, h) in usable(street, without).filter(|(_, h)| h.is_even() == n.is_even()) {
        if h.number == n.number {
            // Another letter of the same number (12B for 12A): next door.
            return Some((a.lon, a.lat));
        }
        let feet = street.parts.iter().map(|p| p.foot((a.lon, a.lat)));
        let nearest = feet
            .enumerate()
            .min_by(|x, y| x.1.offset.total_cmp(&y.1.offset));
        if let Some((part, foot)) = nearest.filter(|(_, f)| f.offset <= MAX_OFFSET_M) {
            known.push((part, foot.chainage, f64::from(h.number)));
        }
    }
    let mut best: Option<(f64, usize, f64)> = None;
    for part in 0..street.parts.len() {
        let on: Vec<&(usize, f64, f64)> = known.iter().filter(|k| k.0 == part).collect();
        let below = on
            .iter()
            .filter(|k| k.2 < target)
            .max_by(|a, b| a.2.total_cmp(&b.2));
        let above = on
            .iter()
            .filter(|k| k.2 > target)
            .min_by(|a, b| a.2.total_cmp(&b.2));
        let (Some(lo), Some(hi)) = (below, above) else {
            continue;
        };
        let gap = hi.2 - lo.2;
        if best.is_none_or(|b| gap < b.0) {
            let chainage = lo.1 + (target - lo.2) / gap * (hi.1 - lo.1);
            best = Some((gap, part, chainage));
        }
    }
    best.map(|(_, part, chainage)| street.parts[part].at(chainage))
}

/// The point halfway along the street's longest joined line.
pub fn middle(street: &Street) -> Option<(f64, f64)> {
    street.parts.first().map(|p| p.at(p.length() / 2.0))
}
