//! A street's ways joined end to end into longer lines ("parts"): from the longest way, each end
//! is extended by the unused way that meets it and turns least (up to 70°), so a street mapped
//! as many short ways becomes a few long centre-lines to measure house numbers along.

use std::collections::HashMap;

type Node = (i64, i64);

fn node(p: (f64, f64)) -> Node {
    ((p.0 * 1e6).round() as i64, (p.1 * 1e6).round() as i64)
}

/// Largest turn accepted between one way and the next, in degrees.
const MAX_TURN: f64 = 70.0;

/// Direction of travel from `a` to `b` in a locally square frame.
fn heading(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let k = a.1.to_radians().cos();
    ((b.0 - a.0) * k, b.1 - a.1)
}

fn turn(u: (f64, f64), v: (f64, f64)) -> f64 {
    let cos = (u.0 * v.0 + u.1 * v.1) / (u.0.hypot(u.1) * v.0.hypot(v.1));
    if cos.is_finite() {
        cos.clamp(-1.0, 1.0).acos().to_degrees()
    } else {
        0.0
    }
}

fn length(line: &[(f64, f64)]) -> f64 {
    line.windows(2)
        .map(|w| crate::metric::distance_m(w[0], w[1]))
        .sum()
}

/// Joins `lines` (each of at least two points) into parts, longest first.
pub fn join(lines: &[&[(f64, f64)]]) -> Vec<Vec<(f64, f64)>> {
    let mut ends: HashMap<Node, Vec<usize>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        for p in [l.first(), l.last()].into_iter().flatten() {
            ends.entry(node(*p)).or_default().push(i);
        }
    }
    let mut order: Vec<(f64, usize)> = lines.iter().map(|l| length(l)).zip(0..).collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut used = vec![false; lines.len()];
    let mut parts = Vec::new();
    for (_, seed) in order {
        if used[seed] {
            continue;
        }
        used[seed] = true;
        let mut part = lines[seed].to_vec();
        extend(&mut part, lines, &ends, &mut used);
        part.reverse();
        extend(&mut part, lines, &ends, &mut used);
        parts.push(part);
    }
    parts.sort_by(|a, b| length(b).total_cmp(&length(a)));
    parts
}

/// Extends `part` at its last point while a way continues it.
fn extend(
    part: &mut Vec<(f64, f64)>,
    lines: &[&[(f64, f64)]],
    ends: &HashMap<Node, Vec<usize>>,
    used: &mut [bool],
) {
    loop {
        let n = part.len();
        let (Some(&end), Some(&before)) = (part.last(), n.checked_sub(2).and_then(|i| part.get(i)))
        else {
            return;
        };
        let here = heading(before, end);
        let next = ends
            .get(&node(end))
            .into_iter()
            .flatten()
            .filter(|&&i| !used[i])
            .map(|&i| {
                let l = lines[i];
                let forward = node(l[0]) == node(end);
                let way: Vec<(f64, f64)> = if forward {
                    l.to_vec()
                } else {
                    l.iter().rev().copied().collect()
                };
                (turn(here, heading(way[0], way[1])), i, way)
            });
        let Some((angle, i, way)) = next.min_by(|a, b| a.0.total_cmp(&b.0)) else {
            return;
        };
        if angle > MAX_TURN {
            return;
        }
        used[i] = true;
        part.extend_from_slice(&way[1..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ways_meeting_end_to_end_become_one_part_and_a_side_street_stays_apart() {
        let a = [(0.0, 45.0), (0.001, 45.0)];
        let b = [(0.002, 45.0), (0.001, 45.0)]; // drawn the other way
        let c = [(0.001, 45.0), (0.001, 45.001)]; // a right-angle branch
        let parts = join(&[&a, &b, &c]);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].len(), 3);
        assert_eq!(parts[1].len(), 2);
    }
}
