//! Line charts: one or more series over shared categories, with an optional band.

use super::layout::{
    DASHES, FONT, Head, PAD, PALETTE, Plot, TEXT, begin, chart_id, dims, left_margin, no_data,
    text_width, tick_target, tooltip, truncate, x_axis, y_axis,
};
use super::scale::nice_axis;
use super::xml::{Tag, Writer, num};
use super::{LineChart, Marker, Series};

/// Band fill: the first series colour, faint.
const BAND_FILL: &str = "#0072b2";
const BAND_OPACITY: &str = "0.16";
/// Marker lines: a dark red that stays visible on the band.
const MARKER_COLOUR: &str = "#b2182b";
/// Legend entry for the band.
const BAND_NAME: &str = "Interval";
/// Most legend rows before the rest is summarised as "+N".
const LEGEND_ROWS: usize = 3;
const LEGEND_ROW: f64 = 18.0;
const LEGEND_CHARS: usize = 28;
/// Inset so edge markers are not cut by the plot border.
const INSET: f64 = 6.0;

/// Renders `c`; see [`super::line_chart`].
pub(crate) fn render(c: &LineChart, markers: &[Marker]) -> String {
    let (width, height) = dims(c.width, c.height);
    let (band_lo, band_hi): (&[f64], &[f64]) = match &c.band {
        Some((lo, hi)) => (lo, hi),
        None => (&[], &[]),
    };
    let count = c
        .series
        .iter()
        .map(|s| s.values.len())
        .chain([c.labels.len(), band_lo.len(), band_hi.len()])
        .max()
        .unwrap_or(0);
    let labels: Vec<String> = (0..count)
        .map(|i| c.labels.get(i).cloned().unwrap_or_default())
        .collect();
    let description = if c.description.trim().is_empty() {
        summary(&c.series, count, c.band.is_some())
    } else {
        c.description.clone()
    };
    let mut bits: Vec<u8> = Vec::new();
    for series in &c.series {
        bits.extend(series.values.iter().flat_map(|v| v.to_bits().to_le_bytes()));
        bits.push(0xfe);
    }
    for v in band_lo.iter().chain(band_hi) {
        bits.extend(v.to_bits().to_le_bytes());
    }
    let names: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
    let id = chart_id(&[
        b"line",
        c.title.as_bytes(),
        description.as_bytes(),
        labels.join("\u{1f}").as_bytes(),
        names.join("\u{1f}").as_bytes(),
        &bits,
        c.unit.as_bytes(),
        &width.to_bits().to_le_bytes(),
        &height.to_bits().to_le_bytes(),
    ]);

    let mut w = Writer::default();
    let top = begin(
        &mut w,
        &Head {
            kind: "vg-line-chart",
            title: &c.title,
            description: &description,
            id,
            width,
            height,
        },
    );
    let band_pairs = || {
        band_lo
            .iter()
            .zip(band_hi)
            .filter(|(l, h)| l.is_finite() && h.is_finite())
    };
    let finite = || {
        c.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .chain(band_pairs().flat_map(|(l, h)| [*l, *h]))
            .filter(|v| v.is_finite())
    };
    let (Some(lo), Some(hi)) = (finite().reduce(f64::min), finite().reduce(f64::max)) else {
        no_data(&mut w, width, height, top);
        return w.finish();
    };

    let legend_height = legend(&mut w, &c.series, band_pairs().next().is_some(), top, width);
    let unit_room = if c.unit.trim().is_empty() { 8.0 } else { 24.0 };
    let plot_top = top + legend_height + unit_room;
    let bottom = (height - FONT - 14.0).max(plot_top + 20.0);
    // Counts and other positive measures keep 0 in view unless the data sit far above it.
    let zero = lo >= 0.0 && lo <= hi / 3.0;
    let axis = nice_axis(lo, hi, tick_target(bottom - plot_top), zero);
    let plot = Plot {
        left: left_margin(&axis, width),
        top: plot_top,
        right: width - PAD - 4.0,
        bottom,
    };
    y_axis(&mut w, &plot, &axis, &c.unit);

    let inner = (plot.width() - 2.0 * INSET).max(1.0);
    let xs: Vec<f64> = (0..count)
        .map(|i| match count {
            1 => plot.left + plot.width() / 2.0,
            _ => plot.left + INSET + inner * i as f64 / (count - 1) as f64,
        })
        .collect();
    let y = |v: f64| plot.y(&axis, v);

    if band_pairs().next().is_some() {
        let d = band_path(&xs, band_lo, band_hi, &y);
        w.with_tooltip(
            Tag::new("path")
                .attr("class", "vg-band")
                .attr("d", &d)
                .attr("fill", BAND_FILL)
                .attr("fill-opacity", BAND_OPACITY)
                .attr("stroke", "none"),
            BAND_NAME,
        );
    }
    x_axis(&mut w, &plot, plot.bottom, &xs, &labels, width);
    for m in markers {
        let Some(x) = xs.get(m.index) else { continue };
        w.with_tooltip(
            Tag::new("line")
                .attr("class", "vg-marker")
                .num("x1", *x)
                .num("x2", *x)
                .num("y1", plot.top)
                .num("y2", plot.bottom)
                .attr("stroke", MARKER_COLOUR)
                .attr("stroke-width", "1.5")
                .attr("stroke-dasharray", "5 3"),
            &m.label,
        );
    }

    let spacing = inner / count.saturating_sub(1).max(1) as f64;
    let radius = (spacing / 4.0).clamp(1.5, 3.5);
    let several = c.series.len() > 1;
    for (i, series) in c.series.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let mut path = Tag::new("path")
            .attr("class", &format!("vg-line vg-line-{i}"))
            .attr("d", &line_path(&xs, &series.values, &y))
            .attr("fill", "none")
            .attr("stroke", colour)
            .attr("stroke-width", "2")
            .attr("stroke-linejoin", "round")
            .attr("stroke-linecap", "round");
        let dash = DASHES[(i / PALETTE.len() + i) % DASHES.len()];
        if !dash.is_empty() {
            path = path.attr("stroke-dasharray", dash);
        }
        w.empty(path);
        w.open(Tag::new("g").attr("class", &format!("vg-points vg-points-{i}")));
        for ((x, v), label) in xs.iter().zip(&series.values).zip(&labels) {
            if !v.is_finite() {
                continue;
            }
            let tip = tooltip(label, *v, &c.unit);
            let tip = match series_name(series, i) {
                name if several => format!("{name} — {tip}"),
                _ => tip,
            };
            w.with_tooltip(
                Tag::new("circle")
                    .attr("class", "vg-point")
                    .num("cx", *x)
                    .num("cy", y(*v))
                    .num("r", radius)
                    .attr("fill", colour)
                    .attr("stroke", "#ffffff")
                    .attr("stroke-width", "1"),
                &tip,
            );
        }
        w.close();
    }
    w.finish()
}

/// `M`/`L` path through the finite values, broken at gaps.
fn line_path(xs: &[f64], values: &[f64], y: &impl Fn(f64) -> f64) -> String {
    let mut d = String::new();
    let mut pen_down = false;
    for (x, v) in xs.iter().zip(values) {
        if !v.is_finite() {
            pen_down = false;
            continue;
        }
        d.push_str(if pen_down { " L" } else { " M" });
        d.push_str(&format!("{} {}", num(*x), num(y(*v))));
        pen_down = true;
    }
    d.trim_start().to_owned()
}

/// Closed polygons between lower and upper bounds, one per unbroken run.
fn band_path(xs: &[f64], lower: &[f64], upper: &[f64], y: &impl Fn(f64) -> f64) -> String {
    let mut d = String::new();
    let mut run: Vec<(f64, f64, f64)> = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        match (lower.get(i), upper.get(i)) {
            (Some(l), Some(u)) if l.is_finite() && u.is_finite() => run.push((*x, y(*l), y(*u))),
            _ => flush_band(&mut d, &mut run),
        }
    }
    flush_band(&mut d, &mut run);
    d.trim_start().to_owned()
}

/// Appends one run as upper edge forwards, lower edge backwards; a lone
/// point becomes a narrow bar so it stays visible.
fn flush_band(d: &mut String, run: &mut Vec<(f64, f64, f64)>) {
    if let [(x, lo, hi)] = run.as_slice() {
        let (x, lo, hi) = (*x, *lo, *hi);
        run.clear();
        run.extend([(x - 2.0, lo, hi), (x + 2.0, lo, hi)]);
    }
    let mut command = " M";
    for (x, _, hi) in run.iter() {
        d.push_str(&format!("{command}{} {}", num(*x), num(*hi)));
        command = " L";
    }
    for (x, lo, _) in run.iter().rev() {
        d.push_str(&format!(" L{} {}", num(*x), num(*lo)));
    }
    if !run.is_empty() {
        d.push_str(" Z");
    }
    run.clear();
}

fn series_name(s: &Series, i: usize) -> String {
    let name = s.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        format!("Seria {}", i + 1)
    } else {
        name
    }
}

/// Draws the legend from `top`; returns the height it took (0 when none).
fn legend(w: &mut Writer, series: &[Series], band: bool, top: f64, width: f64) -> f64 {
    let named = series.iter().any(|s| !s.name.trim().is_empty());
    if !(series.len() > 1 || named) {
        return 0.0;
    }
    let mut entries: Vec<(String, Option<usize>)> = series
        .iter()
        .enumerate()
        .map(|(i, s)| (truncate(&series_name(s, i), LEGEND_CHARS), Some(i)))
        .collect();
    if band {
        entries.push((BAND_NAME.to_owned(), None));
    }
    let max_chars = ((width - 2.0 * PAD - 76.0) / (FONT * 0.58)).max(3.0) as usize;
    w.open(Tag::new("g").attr("class", "vg-legend"));
    let (mut x, mut row) = (PAD, 0usize);
    let right = width - PAD;
    for (k, (name, index)) in entries.iter().enumerate() {
        let name = truncate(name, max_chars);
        let item = 26.0 + text_width(&name, FONT) + 14.0;
        let remaining = entries.len() - k;
        let last_row = row + 1 == LEGEND_ROWS;
        let need = if last_row && remaining > 1 {
            item + 36.0
        } else {
            item
        };
        if x > PAD && x + need > right {
            if last_row {
                let y = top + row as f64 * LEGEND_ROW + FONT;
                w.leaf(text_at(x, y), &format!("+{remaining}"));
                break;
            }
            row += 1;
            x = PAD;
        }
        let y = top + row as f64 * LEGEND_ROW;
        match index {
            Some(i) => {
                let mut swatch = Tag::new("line")
                    .attr("class", &format!("vg-line-{i}"))
                    .num("x1", x)
                    .num("x2", x + 20.0)
                    .num("y1", y + FONT * 0.6)
                    .num("y2", y + FONT * 0.6)
                    .attr("stroke", PALETTE[i % PALETTE.len()])
                    .attr("stroke-width", "2.5");
                let dash = DASHES[(i / PALETTE.len() + i) % DASHES.len()];
                if !dash.is_empty() {
                    swatch = swatch.attr("stroke-dasharray", dash);
                }
                w.empty(swatch);
            }
            None => w.empty(
                Tag::new("rect")
                    .attr("class", "vg-band")
                    .num("x", x)
                    .num("y", y + 1.0)
                    .num("width", 20.0)
                    .num("height", FONT - 1.0)
                    .attr("fill", BAND_FILL)
                    .attr("fill-opacity", BAND_OPACITY),
            ),
        }
        w.leaf(text_at(x + 26.0, y + FONT), &name);
        x += item;
    }
    w.close();
    (row + 1) as f64 * LEGEND_ROW + 4.0
}

fn text_at(x: f64, y: f64) -> Tag {
    Tag::new("text")
        .attr("class", "vg-label")
        .num("x", x)
        .num("y", y)
        .attr("fill", TEXT)
}

/// Default description: what is plotted, in how many points.
fn summary(series: &[Series], count: usize, band: bool) -> String {
    let names: Vec<String> = series
        .iter()
        .enumerate()
        .map(|(i, s)| series_name(s, i))
        .collect();
    let series_part = match names.len() {
        0 => "fără serii".to_owned(),
        1 => format!("1 serie ({})", names.join("")),
        n => format!("{n} serii ({})", names.join(", ")),
    };
    let points = if count == 1 {
        "1 punct".to_owned()
    } else {
        format!("{count} puncte")
    };
    let band_part = if band { ", cu interval" } else { "" };
    format!("Grafic liniar, {series_part}, {points}{band_part}.")
}
