//! A house number on its street: the mapped point; else the mapped numbers of the same side
//! (parity) projected onto the street's joined centre-lines, the nearest below and above on one
//! line, and the point between them in proportion to the number; past the last mapped number of a
//! side (by a few numbers), the spacing of the two nearest continued; else the street's middle.

use crate::model::{Address, Street};
use crate::number::HouseNumber;

type Point = (f64, f64);

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
pub fn mapped(street: &Street, n: &HouseNumber, without: Option<usize>) -> Option<Point> {
    let same = |h: &HouseNumber| h.number == n.number && h.suffix == n.suffix;
    let within = |h: &HouseNumber| n.suffix.is_empty() && h.covers(n.number);
    let points: Vec<(&Address, &HouseNumber)> = usable(street, without).collect();
    let exact = points.iter().find(|(_, h)| same(h));
    exact
        .or_else(|| points.iter().find(|(_, h)| within(h)))
        .map(|(a, _)| (a.lon, a.lat))
}

/// A mapped number of one side measured along a joined line of the street.
struct Known {
    part: usize,
    chainage: f64,
    number: f64,
}

/// The mapped numbers of the side of `n` on the street's joined lines; `Err` with the point of
/// another letter of the same number (12B for 12A), which is next door.
fn side(street: &Street, n: &HouseNumber, without: Option<usize>) -> Result<Vec<Known>, Point> {
    let mut known = Vec::new();
    for (a, h) in usable(street, without).filter(|(_, h)| h.is_even() == n.is_even()) {
        if h.number == n.number {
            return Err((a.lon, a.lat));
        }
        let feet = street.parts.iter().map(|p| p.foot((a.lon, a.lat)));
        let nearest = feet
            .enumerate()
            .min_by(|x, y| x.1.offset.total_cmp(&y.1.offset));
        if let Some((part, foot)) = nearest.filter(|(_, f)| f.offset <= MAX_OFFSET_M) {
            let number = f64::from(h.number);
            known.push(Known {
                part,
                chainage: foot.chainage,
                number,
            });
        }
    }
    Ok(known)
}

/// The point between the nearest mapped numbers of the same side, below and above on one line.
pub fn between(street: &Street, n: &HouseNumber, without: Option<usize>) -> Option<Point> {
    let target = f64::from(n.number);
    let known = match side(street, n, without) {
        Ok(known) => known,
        Err(next_door) => return Some(next_door),
    };
    let mut best: Option<(f64, usize, f64)> = None;
    for part in 0..street.parts.len() {
        let on: Vec<&Known> = known.iter().filter(|k| k.part == part).collect();
        let below = on.iter().filter(|k| k.number < target);
        let above = on.iter().filter(|k| k.number > target);
        let below = below.max_by(|a, b| a.number.total_cmp(&b.number));
        let above = above.min_by(|a, b| a.number.total_cmp(&b.number));
        let (Some(lo), Some(hi)) = (below, above) else {
            continue;
        };
        let gap = hi.number - lo.number;
        if best.is_none_or(|b| gap < b.0) {
            let share = (target - lo.number) / gap;
            let chainage = lo.chainage + share * (hi.chainage - lo.chainage);
            best = Some((gap, part, chainage));
        }
    }
    best.map(|(_, part, chainage)| street.parts[part].at(chainage))
}

/// Numbers beyond the last mapped one of a side are placed at most this many numbers away.
const MAX_REACH: f64 = 12.0;

/// The point beyond the mapped numbers of the same side, continuing the spacing of the two
/// nearest on one line (up to [`MAX_REACH`] numbers away, and not past the line's ends).
pub fn beyond(street: &Street, n: &HouseNumber, without: Option<usize>) -> Option<Point> {
    let target = f64::from(n.number);
    let known = side(street, n, without).ok()?;
    let mut best: Option<(f64, usize, f64)> = None;
    for part in 0..street.parts.len() {
        let mut on: Vec<&Known> = known.iter().filter(|k| k.part == part).collect();
        let away = |k: &Known| (k.number - target).abs();
        on.sort_by(|a, b| away(a).total_cmp(&away(b)));
        let [near, far, ..] = on.as_slice() else {
            continue;
        };
        let reach = away(near);
        if reach > MAX_REACH
            || (far.number - near.number).abs() < 1.0
            || best.is_some_and(|b| reach >= b.0)
        {
            continue;
        }
        let per_number = (far.chainage - near.chainage) / (far.number - near.number);
        let chainage = near.chainage + (target - near.number) * per_number;
        best = Some((reach, part, chainage));
    }
    best.map(|(_, part, chainage)| street.parts[part].at(chainage))
}

/// The point halfway along the street's longest joined line.
pub fn middle(street: &Street) -> Option<Point> {
    street.parts.first().map(|p| p.at(p.length() / 2.0))
}
