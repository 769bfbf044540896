//! Lays a document out on A4 pages: lines wrapped at word boundaries, headings kept with what
//! follows, tables with columns sized to their content, the header row repeated on each page,
//! numbers right-aligned, key figures in boxes, and the page footer. The result is a list of
//! positioned items per page; `pdf` turns them into content streams.

use crate::doc::{Block, Document, number};

/// A4 in points.
pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.7;
const BOTTOM: f32 = 70.0;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const TABLE: f32 = 9.0;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
const LEADING: f32 = 1.32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
}

/// Something drawn on a page; coordinates in points from the bottom left.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A line of text whose baseline starts at (x, y).
    Text {
        style: Style,
        size: f32,
        x: f32,
        y: f32,
        gray: f32,
        text: String,
    },
    /// A filled rectangle.
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
    /// A rectangle's outline.
    Frame { x: f32, y: f32, w: f32, h: f32 },
}

/// How wide text is: the two faces' advances.
pub trait Measure {
    fn width(&self, style: Style, text: &str, size: f32) -> f32;
    /// Height above the baseline, as a share of the size.
    fn ascent(&self, style: Style) -> f32;
}

/// The lines of `text` in `first` points for the first line and `rest` after; words longer
/// than a line are cut.
pub fn wrap(
    m: &dyn Measure,
    style: Style,
    size: f32,
    text: &str,
    first: f32,
    rest: f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            let limit = if lines.is_empty() { first } else { rest };
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if m.width(style, &candidate, size) <= limit {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone, cut where it does not fit.
            for c in word.chars() {
                let limit = if lines.is_empty() { first } else { rest };
                line.push(c);
                if m.width(style, &line, size) > limit && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// The pages of `doc`.
pub fn layout(doc: &Document, m: &dyn Measure) -> Vec<Vec<Item>> {
    let mut l = Layout {
        m,
        pages: vec![Vec::new()],
        y: PAGE_H - MARGIN,
    };
    for block in &doc.blocks {
        l.block(block);
    }
    let total = l.pages.len();
    for (i, page) in l.pages.iter_mut().enumerate() {
        let footer = format!("{} · {} / {total}", doc.title, i + 1);
        let text = wrap(
            m,
            Style::Regular,
            SMALL - 1.0,
            &footer,
            PAGE_W - 2.0 * MARGIN,
            PAGE_W,
        )
        .into_iter()
        .next()
        .unwrap_or_default();
        page.push(Item::Text {
            style: Style::Regular,
            size: SMALL - 1.0,
            x: MARGIN,
            y: MARGIN - 20.0,
            gray: 0.4,
            text,
        });
    }
    l.pages
}

struct Layout<'m> {
    m: &'m dyn Measure,
    pages: Vec<Vec<Item>>,
    /// The top of what comes next.
    y: f32,
}

const WIDTH: f32 = PAGE_W - 2.0 * MARGIN;

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Item> {
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN;
    }

    /// Starts a new page unless `h` points still fit.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < PAGE_H - MARGIN {
            self.new_page();
        }
    }

    fn text(&mut self, style: Style, size: f32, x: f32, top: f32, text: String) {
        let y = top - self.m.ascent(style) * size;
        self.page().push(Item::Text {
            style,
            size,
            x,
            y,
            gray: 0.0,
            text,
        });
    }

    /// Lines at the left margin, moving down.
    fn lines(&mut self, style: Style, size: f32, lines: Vec<String>) {
        for line in lines {
            self.ensure(size * LEADING);
            let top = self.y;
            self.text(style, size, MARGIN, top, line);
            self.y -= size * LEADING;
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(level, text) => {
                let size = match level {
                    0 | 1 => 16.0,
                    2 => 12.5,
                    _ => 11.0,
                };
                let lines = wrap(self.m, Style::Bold, size, text, WIDTH, WIDTH);
                self.y -= size * 0.6;
                self.ensure(lines.len() as f32 * size * LEADING + 3.0 * BODY * LEADING);
                self.lines(Style::Bold, size, lines);
                self.y -= size * 0.25;
            }
            Block::Paragraph(text) => {
                let lines = wrap(self.m, Style::Regular, BODY, text, WIDTH, WIDTH);
                self.lines(Style::Regular, BODY, lines);
                self.y -= BODY * 0.5;
            }
            Block::Field(label, value) => self.field(label, value),
            Block::Table { header, rows } => self.table(header, rows),
            Block::Figures(pairs) => self.figures(pairs),
        }
    }

    fn field(&mut self, label: &str, value: &str) {
        let label = format!("{label}: ");
        let lw = self.m.width(Style::Bold, &label, BODY);
        if lw > WIDTH * 0.45 {
            let lines = wrap(self.m, Style::Bold, BODY, &label, WIDTH, WIDTH);
            self.lines(Style::Bold, BODY, lines);
            let lines = wrap(self.m, Style::Regular, BODY, value, WIDTH, WIDTH);
            self.lines(Style::Regular, BODY, lines);
        } else {
            let lines = wrap(self.m, Style::Regular, BODY, value, WIDTH - lw, WIDTH);
            self.ensure(BODY * LEADING);
            let top = self.y;
            self.text(Style::Bold, BODY, MARGIN, top, label);
            for (i, line) in lines.into_iter().enumerate() {
                if i > 0 {
                    self.ensure(BODY * LEADING);
                }
                let top = self.y;
                let x = if i == 0 { MARGIN + lw } else { MARGIN };
                self.text(Style::Regular, BODY, x, top, line);
                self.y -= BODY * LEADING;
            }
        }
        self.y -= BODY * 0.2;
    }

    /// Column widths: each column's natural width when all fit; else headers wrap (each column
    /// as wide as its cells and its header's longest word); else the longest word of each plus
    /// a share of the rest in proportion to what each would like more.
    fn columns(&self, header: &[String], rows: &[Vec<String>], n: usize) -> Vec<f32> {
        let mut with_header = vec![0.0f32; n];
        let mut body = vec![0.0f32; n];
        let mut least = vec![0.0f32; n];
        let cells = std::iter::once((Style::Bold, header))
            .chain(rows.iter().map(|r| (Style::Regular, r.as_slice())));
        for (k, (style, row)) in cells.enumerate() {
            for (i, cell) in row.iter().enumerate().take(n) {
                let natural = self.m.width(style, cell, TABLE) + 2.0 * PAD_X;
                with_header[i] = with_header[i].max(natural);
                if k > 0 {
                    body[i] = body[i].max(natural);
                }
                let word = cell
                    .split_whitespace()
                    .map(|w| self.m.width(style, w, TABLE))
                    .fold(0.0, f32::max);
                least[i] = least[i].max((word + 2.0 * PAD_X).min(WIDTH / n as f32));
            }
        }
        let body: Vec<f32> = body.iter().zip(&least).map(|(b, l)| b.max(*l)).collect();
        for natural in [with_header, body.clone()] {
            let total: f32 = natural.iter().sum();
            if total <= WIDTH {
                let extra = (WIDTH - total) / n as f32;
                return natural.iter().map(|w| w + extra).collect();
            }
        }
        let base: f32 = least.iter().sum();
        let wants: Vec<f32> = body
            .iter()
            .zip(&least)
            .map(|(a, b)| (a - b).max(0.0))
            .collect();
        let want: f32 = wants.iter().sum();
        let spare = (WIDTH - base).max(0.0);
        least
            .iter()
            .zip(&wants)
            .map(|(l, w)| {
                if want > 0.0 {
                    l + spare * w / want
                } else {
                    l * WIDTH / base
                }
            })
            .collect()
    }

    fn row(&mut self, cells: &[String], widths: &[f32], style: Style, header: bool) -> f32 {
        let wrapped: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).map_or("", String::as_str);
                wrap(self.m, style, TABLE, text, w - 2.0 * PAD_X, w - 2.0 * PAD_X)
            })
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f32 * TABLE * LEADING + 2.0 * PAD_Y;
        let top = self.y;
        let mut x = MARGIN;
        for (i, (w, cell_lines)) in widths.iter().zip(wrapped).enumerate() {
            if header {
                self.page().push(Item::Fill {
                    x,
                    y: top - h,
                    w: *w,
                    h,
                    gray: 0.9,
                });
            }
            self.page().push(Item::Frame {
                x,
                y: top - h,
                w: *w,
                h,
            });
            let right = i > 0 && !header && cells.get(i).and_then(|c| number(c)).is_some();
            for (j, line) in cell_lines.into_iter().enumerate() {
                let lx = if right {
                    x + w - PAD_X - self.m.width(style, &line, TABLE)
                } else {
                    x + PAD_X
                };
                let ltop = top - PAD_Y - j as f32 * TABLE * LEADING;
                self.text(style, TABLE, lx, ltop, line);
            }
            x += w;
        }
        self.y -= h;
        h
    }

    fn row_height(&self, cells: &[String], widths: &[f32], style: Style) -> f32 {
        let lines = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let text = cells.get(i).map_or("", String::as_str);
                wrap(self.m, style, TABLE, text, w - 2.0 * PAD_X, w - 2.0 * PAD_X).len()
            })
            .max()
            .unwrap_or(1)
            .max(1);
        lines as f32 * TABLE * LEADING + 2.0 * PAD_Y
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>]) {
        let n = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        let widths = self.columns(header, rows, n);
        let head_h = self.row_height(header, &widths, Style::Bold);
        let first_h = rows
            .first()
            .map_or(0.0, |r| self.row_height(r, &widths, Style::Regular));
        self.y -= 2.0;
        self.ensure(head_h + first_h);
        self.row(header, &widths, Style::Bold, true);
        for r in rows {
            let h = self.row_height(r, &widths, Style::Regular);
            if self.y - h < BOTTOM {
                self.new_page();
                self.row(header, &widths, Style::Bold, true);
            }
            self.row(r, &widths, Style::Regular, false);
        }
        self.y -= BODY * 0.8;
    }

    fn figures(&mut self, pairs: &[(String, String)]) {
        const PER_ROW: usize = 4;
        const GAP: f32 = 6.0;
        const VALUE: f32 = 15.0;
        let w = (WIDTH - GAP * (PER_ROW - 1) as f32) / PER_ROW as f32;
        for chunk in pairs.chunks(PER_ROW) {
            let labels: Vec<Vec<String>> = chunk
                .iter()
                .map(|(l, _)| {
                    wrap(
                        self.m,
                        Style::Regular,
                        SMALL,
                        l,
                        w - 2.0 * PAD_X,
                        w - 2.0 * PAD_X,
                    )
                })
                .collect();
            let label_lines = labels.iter().map(Vec::len).max().unwrap_or(1);
            let h = VALUE * LEADING + label_lines as f32 * SMALL * LEADING + 3.0 * PAD_Y;
            self.ensure(h + GAP);
            let top = self.y;
            for (i, ((_, value), label)) in chunk.iter().zip(labels).enumerate() {
                let x = MARGIN + i as f32 * (w + GAP);
                self.page().push(Item::Fill {
                    x,
                    y: top - h,
                    w,
                    h,
                    gray: 0.94,
                });
                self.text(Style::Bold, VALUE, x + PAD_X, top - PAD_Y, value.clone());
                for (j, line) in label.into_iter().enumerate() {
                    let ltop = top - PAD_Y - VALUE * LEADING - j as f32 * SMALL * LEADING;
                    self.text(Style::Regular, SMALL, x + PAD_X, ltop, line);
                }
            }
            self.y -= h + GAP;
        }
        self.y -= BODY * 0.4;
    }
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
