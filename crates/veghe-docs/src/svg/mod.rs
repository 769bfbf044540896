//! Server-rendered SVG charts for inline use in web pages and reports.
//!
//! The output is a standalone SVG 1.1 document (no XML declaration, so it can
//! be pasted into HTML as is) that:
//! - scales with its container (`viewBox`, `width="100%"`);
//! - is accessible: `role="img"` and `aria-labelledby` pointing at its
//!   `<title>` and `<desc>`, whose ids derive from the content so several
//!   charts on one page do not clash; an empty description is replaced by a
//!   generated summary; every bar and point has a `<title>` tooltip
//!   "label: value unit";
//! - uses no `style` attributes, only presentation attributes and classes
//!   (`vg-chart`, `vg-title`, `vg-axis`, `vg-grid`, `vg-label`, `vg-bar`,
//!   `vg-line vg-line-N`, `vg-points-N`, `vg-point`, `vg-band`, `vg-marker`, `vg-legend`,
//!   `vg-empty`), so it works under a strict Content-Security-Policy and a
//!   site stylesheet can restyle it;
//! - prints numbers the Romanian way ([`format_ro`]) on "nice" axes.
//!
//! No input makes these functions panic: missing labels are blank, NaN and
//! infinite values are left out (a gap in a line), sizes of 0 take the
//! default 640×320 and others are clamped to 200–8192 × 120–8192, and a chart
//! with nothing to draw says "Nu există date".

mod bar;
mod layout;
mod line;
mod scale;
mod xml;

#[cfg(test)]
mod tests;

pub use crate::format::format_ro;

/// One named line of a [`LineChart`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series {
    /// Legend text; blank names show as "Seria N".
    pub name: String,
    /// One value per category; NaN marks a gap.
    pub values: Vec<f64>,
}

/// A vertical bar chart with a zero baseline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BarChart {
    /// Shown on top and used as the accessible name.
    pub title: String,
    /// Accessible description; generated when blank.
    pub description: String,
    /// Category labels, matched to `values` by position.
    pub labels: Vec<String>,
    /// One bar per value; non-finite values leave their slot empty.
    pub values: Vec<f64>,
    /// Canvas width in user units (0 = default).
    pub width: u32,
    /// Canvas height in user units (0 = default).
    pub height: u32,
    /// Unit shown above the value axis and in tooltips, e.g. "incidente".
    pub unit: String,
}

/// A line chart of one or more series, with an optional shaded band.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineChart {
    /// Shown on top and used as the accessible name.
    pub title: String,
    /// Accessible description; generated when blank.
    pub description: String,
    /// Category labels along the horizontal axis.
    pub labels: Vec<String>,
    /// The lines, each coloured and dashed differently.
    pub series: Vec<Series>,
    /// Lower and upper bounds per category, e.g. a forecast interval.
    pub band: Option<(Vec<f64>, Vec<f64>)>,
    /// Canvas width in user units (0 = default).
    pub width: u32,
    /// Canvas height in user units (0 = default).
    pub height: u32,
    /// Unit shown above the value axis and in tooltips.
    pub unit: String,
}

/// A vertical line across a [`LineChart`] at one category, e.g. a change point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marker {
    /// Category index; markers outside the chart are left out.
    pub index: usize,
    /// Tooltip and accessible text of the marker.
    pub label: String,
}

/// Renders a bar chart as an SVG document.
pub fn bar_chart(c: &BarChart) -> String {
    bar::render(c)
}

/// Renders a line chart as an SVG document.
pub fn line_chart(c: &LineChart) -> String {
    line::render(c, &[])
}

/// Renders a line chart with vertical markers (class `vg-marker`, dashed) at some categories.
pub fn line_chart_marked(c: &LineChart, markers: &[Marker]) -> String {
    line::render(c, markers)
}
