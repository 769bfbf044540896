//! Street names on a tile: along the street (`<textPath>`), on a stretch of one line that lies
//! wholly inside the tile, turns little and is longer than the name, so a label never crosses a
//! tile border; each name once per tile, and no label over another (boxes around them).

use std::collections::HashSet;
use std::fmt::Write;

use super::mercator::{SIZE, TileFrame};
use crate::model::{Highway, Line, StreetMap};
use crate::names::short_label;

/// Largest turn within a labelled stretch, in degrees.
const MAX_TURN: f64 = 22.0;
/// Largest turn from a stretch's first direction, in degrees: a street that bends further is
/// labelled in pieces, so no letters come out upside down.
const MAX_BEND: f64 = 60.0;

type Pt = (f64, f64);

struct Candidate<'a> {
    highway: Highway,
    name: &'a str,
    label: String,
    run: Vec<Pt>,
    length: f64,
}

fn font_size(z: u8) -> f64 {
    match z {
        ..=16 => 10.0,
        17 => 11.0,
        _ => 12.0,
    }
}

/// Writes the labels of `lines` (from zoom 16; paths' names from zoom 17).
pub fn write(svg: &mut String, map: &StreetMap, frame: &TileFrame, lines: &[&Line], z: u8) {
    let prefix = frame.id();
    let fs = font_size(z);
    let mut candidates = Vec::new();
    for l in lines
        .iter()
        .filter(|l| l.highway <= Highway::Pedestrian || z >= 17)
    {
        let name = map.streets[l.street as usize].name.as_str();
        let label = short_label(name);
        let needed = text_width(&label, fs) + fs;
        let px: Vec<Pt> = l.points.iter().map(|&p| frame.px(p)).collect();
        for run in runs(&px, fs) {
            let length = length(&run);
            if length >= needed {
                candidates.push(Candidate {
                    highway: l.highway,
                    name,
                    label: label.clone(),
                    run,
                    length,
                });
            }
        }
    }
    candidates.sort_by(|a, b| {
        (a.highway.cmp(&b.highway))
            .then(b.length.total_cmp(&a.length))
            .then(a.name.cmp(b.name))
    });
    let mut named: HashSet<&str> = HashSet::new();
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let (mut defs, mut texts) = (String::new(), String::new());
    for c in candidates {
        if named.contains(c.name) {
            continue;
        }
        let half = text_width(&c.label, fs) / 2.0;
        let mid = c.length / 2.0;
        let taken = footprint(&c.run, mid - half, mid + half, fs * 0.75);
        if boxes
            .iter()
            .any(|b| b[0] < taken[2] && taken[0] < b[2] && b[1] < taken[3] && taken[1] < b[3])
        {
            continue;
        }
        named.insert(c.name);
        boxes.push(taken);
        let id = boxes.len();
        let baseline = shifted(&c.run, fs * 0.35);
        let _ = write!(defs, "<path id=\"{prefix}-{id}\" d=\"");
        for (i, p) in baseline.iter().enumerate() {
            let _ = write!(
                defs,
                "{}{:.1} {:.1}",
                if i == 0 { 'M' } else { 'L' },
                p.0,
                p.1
            );
        }
        defs.push_str("\"/>");
        let _ = write!(
            texts,
            "<text font-family=\"DejaVu Sans\" font-size=\"{fs}\" fill=\"#2b2b2b\" stroke=\"#ffffff\" \
             stroke-width=\"{:.1}\" stroke-linejoin=\"round\" paint-order=\"stroke\">\
             <textPath xlink:href=\"#{prefix}-{id}\" startOffset=\"50%\" text-anchor=\"middle\">{}</textPath></text>",
            fs * 0.3,
            veghe_docs::xml::escape(&c.label)
        );
    }
    if !texts.is_empty() {
        let _ = write!(svg, "<defs>{defs}</defs>{texts}");
    }
}

/// An estimate of the text's width in DejaVu Sans.
fn text_width(text: &str, fs: f64) -> f64 {
    text.chars().count() as f64 * fs * 0.62
}

fn length(run: &[Pt]) -> f64 {
    run.windows(2)
        .map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1))
        .sum()
}

/// Stretches of the line inside the tile (less `inset` on each side) without a sharp turn, each
/// read left to right.
fn runs(px: &[Pt], inset: f64) -> Vec<Vec<Pt>> {
    let inside =
        |p: &Pt| (inset..=SIZE - inset).contains(&p.0) && (inset..=SIZE - inset).contains(&p.1);
    let mut out: Vec<Vec<Pt>> = Vec::new();
    let mut run: Vec<Pt> = Vec::new();
    for &p in px {
        if !inside(&p) {
            out.push(std::mem::take(&mut run));
            continue;
        }
        if run
            .last()
            .is_some_and(|q| (q.0 - p.0).hypot(q.1 - p.1) < 0.5)
        {
            continue;
        }
        let bends = match run.as_slice() {
            [first, second, .., b] => bend(*first, *second, *b, p) > MAX_BEND,
            _ => false,
        };
        if let [.., a, b] = run.as_slice()
            && (turn(*a, *b, p) > MAX_TURN || bends)
        {
            let b = *b;
            out.push(std::mem::replace(&mut run, vec![b]));
        }
        run.push(p);
    }
    out.push(run);
    out.retain(|r| r.len() >= 2);
    for r in &mut out {
        if r[r.len() - 1].0 < r[0].0 {
            r.reverse();
        }
    }
    out
}

/// The angle between the direction `a`→`b` and the direction `c`→`d`, in degrees.
fn bend(a: Pt, b: Pt, c: Pt, d: Pt) -> f64 {
    turn(a, b, (b.0 + d.0 - c.0, b.1 + d.1 - c.1))
}

fn turn(a: Pt, b: Pt, c: Pt) -> f64 {
    let (u, v) = ((b.0 - a.0, b.1 - a.1), (c.0 - b.0, c.1 - b.1));
    let cos = (u.0 * v.0 + u.1 * v.1) / (u.0.hypot(u.1) * v.0.hypot(v.1));
    if cos.is_finite() {
        cos.clamp(-1.0, 1.0).acos().to_degrees()
    } else {
        0.0
    }
}

/// The box around the stretch from `from` to `to` along the run, widened by `pad`.
fn footprint(run: &[Pt], from: f64, to: f64, pad: f64) -> [f64; 4] {
    let mut b = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    let mut at = 0.0;
    for w in run.windows(2) {
        let seg = (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1);
        let steps = (seg / 4.0).ceil().max(1.0);
        for k in 0..=steps as usize {
            let t = k as f64 / steps;
            let s = at + t * seg;
            if (from..=to).contains(&s) {
                let p = (
                    w[0].0 + t * (w[1].0 - w[0].0),
                    w[0].1 + t * (w[1].1 - w[0].1),
                );
                b = [b[0].min(p.0), b[1].min(p.1), b[2].max(p.0), b[3].max(p.1)];
            }
        }
        at += seg;
    }
    [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]
}

/// The run moved `by` pixels to its right (below the text), so the letters sit on the street's
/// middle rather than above it.
fn shifted(run: &[Pt], by: f64) -> Vec<Pt> {
    let normal = |a: Pt, b: Pt| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy).max(1e-9);
        (-dy / len, dx / len)
    };
    (0..run.len())
        .map(|i| {
            let before = i.checked_sub(1).map(|j| normal(run[j], run[i]));
            let after = run.get(i + 1).map(|&n| normal(run[i], n));
            let (nx, ny) = match (before, after) {
                (Some(a), Some(b)) => ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                (Some(n), None) | (None, Some(n)) => n,
                (None, None) => (0.0, 0.0),
            };
            (run[i].0 + nx * by, run[i].1 + ny * by)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stretches_stay_inside_read_left_to_right_and_break_at_corners() {
        // Right to left, leaving the tile at x = -20, with a right-angle corner at (100, 50).
        let line = [(200.0, 50.0), (100.0, 50.0), (100.0, 150.0), (-20.0, 150.0)];
        let r = runs(&line, 10.0);
        assert_eq!(
            r,
            vec![
                vec![(100.0, 50.0), (200.0, 50.0)],
                vec![(100.0, 50.0), (100.0, 150.0)]
            ]
        );
        let b = footprint(&r[0], 25.0, 75.0, 5.0);
        // Sampled every 4 px: from 28 to 72 px along, widened by 5.
        let want = [123.0, 45.0, 177.0, 55.0];
        assert!(
            b.iter().zip(want).all(|(b, w)| (b - w).abs() < 1e-9),
            "{b:?}"
        );
        assert_eq!(shifted(&r[0], 3.0), vec![(100.0, 53.0), (200.0, 53.0)]);
    }

    #[test]
    fn a_street_bending_back_is_labelled_in_pieces() {
        // A half circle in 20° steps: no single turn is sharp, but it comes back on itself.
        let arc: Vec<Pt> = (0..=9)
            .map(|k| {
                let a = (k as f64 * 20.0).to_radians();
                (128.0 - 80.0 * a.cos(), 128.0 - 80.0 * a.sin())
            })
            .collect();
        let r = runs(&arc, 10.0);
        assert!(r.len() >= 3, "{} pieces", r.len());
        for piece in &r {
            let (a, b) = (piece[0], piece[1]);
            let (c, d) = (piece[piece.len() - 2], piece[piece.len() - 1]);
            assert!(bend(a, b, c, d) <= MAX_BEND + 1e-9, "{piece:?}");
        }
    }
}
