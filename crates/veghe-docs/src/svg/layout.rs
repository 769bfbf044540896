//! Shared chart pieces: document frame, palette, text metrics, axes, labels.

use super::scale::Axis;
use super::xml::{Tag, Writer};
use crate::format::{format_ro, format_ro_auto};

/// Text colour: 14.7:1 contrast on white.
pub(crate) const TEXT: &str = "#1f2937";
/// Secondary text (units, no-data notice): 7.6:1 on white.
pub(crate) const MUTED: &str = "#4b5563";
/// Horizontal grid lines.
pub(crate) const GRID: &str = "#e5e7eb";
/// Axis base lines: 4.8:1 on white.
pub(crate) const AXIS: &str = "#6b7280";

/// Series colours after Okabe & Ito, chosen to stay apart under the common
/// colour-vision deficiencies, each at least 3:1 against white (the yellow
/// and sky blue of the original set are replaced by a dark ochre and slate).
pub(crate) const PALETTE: [&str; 6] = [
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8c6d00", "#1f2937",
];

/// Dash patterns, so series differ by more than colour alone.
pub(crate) const DASHES: [&str; 4] = ["", "7 4", "2 3", "9 3 2 3"];

/// Body font size in user units.
pub(crate) const FONT: f64 = 12.0;
/// Visible title font size.
const TITLE_FONT: f64 = 15.0;
/// Outer padding.
pub(crate) const PAD: f64 = 10.0;
/// Longest category label shown before it is cut with an ellipsis.
const MAX_LABEL_CHARS: usize = 24;
/// Category labels are not cut shorter than this to make room for more.
const MIN_LABEL_CHARS: usize = 8;
/// How many category labels a crowded axis tries to show.
const LABELS_WANTED: usize = 6;
/// Notice drawn when there is nothing to plot.
pub(crate) const NO_DATA: &str = "Nu există date";

/// Rough advance width of `s` in a sans-serif face (digits ≈ 0.56 em).
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.58
}

/// Collapses whitespace and cuts `s` to `max_chars` characters, ending in `…`.
pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    let clean = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if clean.chars().count() <= max_chars {
        return clean;
    }
    let keep = max_chars.saturating_sub(1);
    let mut out: String = clean.chars().take(keep).collect();
    out.push('…');
    out
}

/// Canvas size: 0 means the default 640×320, other values are clamped.
pub(crate) fn dims(width: u32, height: u32) -> (f64, f64) {
    let w = if width == 0 {
        640
    } else {
        width.clamp(200, 8192)
    };
    let h = if height == 0 {
        320
    } else {
        height.clamp(120, 8192)
    };
    (f64::from(w), f64::from(h))
}

/// "label: value unit", the tooltip text of one bar or point.
pub(crate) fn tooltip(label: &str, value: f64, unit: &str) -> String {
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let value = if value.is_finite() {
        let unit = unit.trim();
        if unit.is_empty() {
            format_ro_auto(value)
        } else {
            format!("{} {}", format_ro_auto(value), unit)
        }
    } else {
        "fără date".to_owned()
    };
    if label.is_empty() {
        value
    } else {
        format!("{label}: {value}")
    }
}

/// A stable id for the chart's `<title>` and `<desc>`, from its content, so
/// several charts inline on one page do not clash (FNV-1a, 64 bit).
pub(crate) fn chart_id(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().chain(&[0xff]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("vg-{hash:016x}")
}

/// What every chart starts with.
pub(crate) struct Head<'a> {
    /// CSS class naming the chart kind, e.g. `vg-bar-chart`.
    pub kind: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub id: String,
    pub width: f64,
    pub height: f64,
}

/// Opens the `<svg>` root, writes `<title>`, `<desc>`, a white background and
/// the visible title. Returns the y where content below the title may start.
pub(crate) fn begin(w: &mut Writer, head: &Head<'_>) -> f64 {
    let title = head.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title_id = format!("{}-title", head.id);
    let desc_id = format!("{}-desc", head.id);
    w.open(
        Tag::new("svg")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr("version", "1.1")
            .attr("class", &format!("vg-chart {}", head.kind))
            .attr("viewBox", &format!("0 0 {} {}", head.width, head.height))
            .attr("width", "100%")
            .attr("role", "img")
            .attr("aria-labelledby", &format!("{title_id} {desc_id}"))
            .attr(
                "font-family",
                "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif",
            )
            .num("font-size", FONT),
    );
    let accessible_title = if title.is_empty() { "Grafic" } else { &title };
    w.leaf(Tag::new("title").attr("id", &title_id), accessible_title);
    w.leaf(
        Tag::new("desc").attr("id", &desc_id),
        head.description.trim(),
    );
    w.empty(
        Tag::new("rect")
            .attr("class", "vg-background")
            .num("width", head.width)
            .num("height", head.height)
            .attr("fill", "#ffffff"),
    );
    if title.is_empty() {
        return PAD;
    }
    let max_chars = ((head.width - 2.0 * PAD) / (TITLE_FONT * 0.6)).max(4.0) as usize;
    w.leaf(
        Tag::new("text")
            .attr("class", "vg-title")
            .num("x", PAD)
            .num("y", PAD + TITLE_FONT)
            .num("font-size", TITLE_FONT)
            .attr("font-weight", "600")
            .attr("fill", TEXT),
        &truncate(&title, max_chars),
    );
    PAD + TITLE_FONT + 14.0
}

/// Draws the centred "no data" notice.
pub(crate) fn no_data(w: &mut Writer, width: f64, height: f64, top: f64) {
    w.leaf(
        Tag::new("text")
            .attr("class", "vg-label vg-empty")
            .num("x", width / 2.0)
            .num("y", (top + height) / 2.0)
            .attr("text-anchor", "middle")
            .num("font-size", 14.0)
            .attr("fill", MUTED),
        NO_DATA,
    );
}

/// The plotting rectangle.
pub(crate) struct Plot {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Plot {
    pub(crate) fn width(&self) -> f64 {
        (self.right - self.left).max(1.0)
    }

    pub(crate) fn height(&self) -> f64 {
        (self.bottom - self.top).max(1.0)
    }

    /// Vertical position of value `v`.
    pub(crate) fn y(&self, axis: &Axis, v: f64) -> f64 {
        self.bottom - axis.fraction(v) * self.height()
    }
}

/// Ticks wanted for a plot this tall: about one per 45 user units.
pub(crate) fn tick_target(plot_height: f64) -> usize {
    (plot_height / 45.0).clamp(2.0, 8.0) as usize
}

/// Room the y tick labels need, limited to 40 % of the width.
pub(crate) fn left_margin(axis: &Axis, width: f64) -> f64 {
    let widest = axis
        .ticks
        .iter()
        .map(|t| text_width(&format_ro(*t, axis.decimals), FONT))
        .fold(0.0, f64::max);
    (widest + PAD + 8.0).clamp(32.0, width * 0.4)
}

/// Draws grid lines with their value labels, and the unit above them.
pub(crate) fn y_axis(w: &mut Writer, plot: &Plot, axis: &Axis, unit: &str) {
    w.open(Tag::new("g").attr("class", "vg-axis vg-axis-y"));
    for tick in &axis.ticks {
        let y = plot.y(axis, *tick);
        w.empty(
            Tag::new("line")
                .attr("class", "vg-grid")
                .num("x1", plot.left)
                .num("x2", plot.right)
                .num("y1", y)
                .num("y2", y)
                .attr("stroke", GRID)
                .attr("stroke-width", "1"),
        );
        w.leaf(
            Tag::new("text")
                .attr("class", "vg-label vg-tick")
                .num("x", plot.left - 6.0)
                .num("y", y + FONT * 0.35)
                .attr("text-anchor", "end")
                .attr("fill", TEXT),
            &format_ro(*tick, axis.decimals),
        );
    }
    let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
    if !unit.is_empty() {
        let max_chars = ((plot.right - PAD) / (FONT * 0.6)).max(4.0) as usize;
        w.leaf(
            Tag::new("text")
                .attr("class", "vg-label vg-unit")
                .num("x", PAD)
                .num("y", plot.top - 12.0)
                .attr("fill", MUTED),
            &truncate(&unit, max_chars),
        );
    }
    w.close();
}

/// Draws the base line at `base_y` and category labels under the plot at
/// the given x positions, keeping every n-th label so none overlap.
pub(crate) fn x_axis(
    w: &mut Writer,
    plot: &Plot,
    base_y: f64,
    xs: &[f64],
    labels: &[String],
    width: f64,
) {
    w.open(Tag::new("g").attr("class", "vg-axis vg-axis-x"));
    w.empty(
        Tag::new("line")
            .attr("class", "vg-baseline")
            .num("x1", plot.left)
            .num("x2", plot.right)
            .num("y1", base_y)
            .num("y2", base_y)
            .attr("stroke", AXIS)
            .attr("stroke-width", "1"),
    );
    // Aim for room to show several labels: crowded axes get shorter labels
    // (never under MIN_LABEL_CHARS), the full text stays in each tooltip.
    let char_width = FONT * 0.58;
    let fit_chars = ((width - 2.0 * PAD) / char_width).max(2.0) as usize;
    let share = plot.width() / xs.len().clamp(1, LABELS_WANTED) as f64 - 8.0;
    let crowded_chars = ((share / char_width).max(0.0) as usize).max(MIN_LABEL_CHARS);
    let max_chars = MAX_LABEL_CHARS.min(fit_chars).min(crowded_chars);
    let shown: Vec<String> = labels.iter().map(|l| truncate(l, max_chars)).collect();
    let widest = shown
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(0.0, f64::max);
    let stride = label_stride(xs.len(), plot.width(), widest);
    let mut last_right = f64::NEG_INFINITY;
    for (i, (x, label)) in xs.iter().zip(&shown).enumerate() {
        if i % stride != 0 || label.is_empty() {
            continue;
        }
        let half = text_width(label, FONT) / 2.0;
        let lo = half + 2.0;
        let hi = (width - half - 2.0).max(lo);
        let x = x.clamp(lo, hi);
        // Labels pulled inside the canvas at the edges may still collide.
        if x - half < last_right + 4.0 {
            continue;
        }
        last_right = x + half;
        w.leaf(
            Tag::new("text")
                .attr("class", "vg-label")
                .num("x", x)
                .num("y", plot.bottom + FONT + 6.0)
                .attr("text-anchor", "middle")
                .attr("fill", TEXT),
            label,
        );
    }
    w.close();
}

/// Every how many categories a label fits without overlapping its neighbours.
pub(crate) fn label_stride(count: usize, plot_width: f64, widest: f64) -> usize {
    if count <= 1 {
        return 1;
    }
    let slot = plot_width / count as f64;
    if slot.is_nan() || slot <= 0.0 {
        return count;
    }
    let needed = ((widest + 8.0) / slot).ceil();
    if needed.is_finite() && needed >= 1.0 {
        (needed as usize).clamp(1, count)
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_and_sizes() {
        assert_eq!(truncate("a\n  b", 10), "a b");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ăîșțâ", 0), "…");
        assert_eq!(dims(0, 0), (640.0, 320.0));
        assert_eq!(dims(1, u32::MAX), (200.0, 8192.0));
    }

    #[test]
    fn tooltips() {
        assert_eq!(tooltip("Ian", 1234.5, "lei"), "Ian: 1.234,5 lei");
        assert_eq!(tooltip("Ian", 3.0, ""), "Ian: 3");
        assert_eq!(tooltip("", 3.0, "x"), "3 x");
        assert_eq!(tooltip("Ian", f64::NAN, "x"), "Ian: fără date");
    }

    #[test]
    fn stride_thins_crowded_labels() {
        assert_eq!(label_stride(10, 600.0, 30.0), 1);
        assert_eq!(label_stride(100, 600.0, 30.0), 7);
        assert_eq!(label_stride(0, 600.0, 30.0), 1);
        assert_eq!(label_stride(5, 1.0, 1e9), 5);
    }

    #[test]
    fn ids_depend_on_content() {
        assert_ne!(chart_id(&[b"a", b"b"]), chart_id(&[b"ab"]));
        assert_eq!(chart_id(&[b"x"]), chart_id(&[b"x"]));
    }
}
