//! Bar charts: one vertical bar per value, drawn from a zero baseline.

use super::BarChart;
use super::layout::{
    FONT, Head, PAD, Plot, begin, chart_id, dims, left_margin, no_data, tick_target, tooltip,
    x_axis, y_axis,
};
use super::scale::nice_axis;
use super::xml::{Tag, Writer};

/// Bar colour (Okabe–Ito blue, 5.2:1 on white).
const BAR: &str = "#0072b2";
/// Share of each category slot the bar fills.
const BAR_SHARE: f64 = 0.72;

/// Renders `c`; see [`super::bar_chart`].
pub(crate) fn render(c: &BarChart) -> String {
    let (width, height) = dims(c.width, c.height);
    let labels: Vec<String> = (0..c.values.len())
        .map(|i| c.labels.get(i).cloned().unwrap_or_default())
        .collect();
    let description = if c.description.trim().is_empty() {
        summary(&labels, &c.values, &c.unit)
    } else {
        c.description.clone()
    };
    let bits: Vec<u8> = c
        .values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .collect();
    let id = chart_id(&[
        b"bar",
        c.title.as_bytes(),
        description.as_bytes(),
        labels.join("\u{1f}").as_bytes(),
        &bits,
        c.unit.as_bytes(),
        &width.to_bits().to_le_bytes(),
        &height.to_bits().to_le_bytes(),
    ]);

    let mut w = Writer::default();
    let top = begin(
        &mut w,
        &Head {
            kind: "vg-bar-chart",
            title: &c.title,
            description: &description,
            id,
            width,
            height,
        },
    );
    let finite = || c.values.iter().copied().filter(|v| v.is_finite());
    let (Some(lo), Some(hi)) = (finite().reduce(f64::min), finite().reduce(f64::max)) else {
        no_data(&mut w, width, height, top);
        return w.finish();
    };

    let unit_room = if c.unit.trim().is_empty() { 8.0 } else { 24.0 };
    let plot_top = top + unit_room;
    let bottom = (height - FONT - 14.0).max(plot_top + 20.0);
    let axis = nice_axis(lo, hi, tick_target(bottom - plot_top), true);
    let plot = Plot {
        left: left_margin(&axis, width),
        top: plot_top,
        right: width - PAD - 4.0,
        bottom,
    };
    y_axis(&mut w, &plot, &axis, &c.unit);

    let slot = plot.width() / c.values.len() as f64;
    let bar_width = slot * BAR_SHARE;
    let base = plot.y(&axis, 0.0);
    let centres: Vec<f64> = (0..c.values.len())
        .map(|i| plot.left + slot * (i as f64 + 0.5))
        .collect();
    w.open(Tag::new("g").attr("class", "vg-bars"));
    for ((value, label), centre) in c.values.iter().zip(&labels).zip(&centres) {
        if !value.is_finite() {
            continue;
        }
        let y = plot.y(&axis, *value);
        w.with_tooltip(
            Tag::new("rect")
                .attr("class", "vg-bar")
                .num("x", centre - bar_width / 2.0)
                .num("y", y.min(base))
                .num("width", bar_width)
                .num("height", (y - base).abs())
                .attr("fill", BAR),
            &tooltip(label, *value, &c.unit),
        );
    }
    w.close();
    x_axis(&mut w, &plot, base, &centres, &labels, width);
    w.finish()
}

/// Default description: how many bars, and the largest and smallest.
fn summary(labels: &[String], values: &[f64], unit: &str) -> String {
    let mut finite = labels
        .iter()
        .zip(values)
        .filter(|(_, v)| v.is_finite())
        .map(|(l, v)| (l.as_str(), *v));
    let Some(first) = finite.next() else {
        return "Grafic cu bare fără date.".to_owned();
    };
    let (max, min) = finite.fold((first, first), |(max, min), item| {
        (
            if item.1 > max.1 { item } else { max },
            if item.1 < min.1 { item } else { min },
        )
    });
    let count = if values.len() == 1 {
        "1 categorie".to_owned()
    } else {
        format!("{} categorii", values.len())
    };
    format!(
        "Grafic cu bare, {count}. Cea mai mare valoare: {}. Cea mai mică valoare: {}.",
        tooltip(max.0, max.1, unit),
        tooltip(min.0, min.1, unit)
    )
}
