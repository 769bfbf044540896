//! Minimal XML writer for SVG: escaping, attribute building, element nesting.

pub(crate) use crate::xml::escape;

/// Formats a coordinate with at most two decimals; non-finite becomes `0`.
pub(crate) fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_owned();
    }
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" || s.is_empty() {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// A start tag being assembled: `Tag::new("rect").attr("class", "x").num("y", 2.0)`.
pub(crate) struct Tag {
    name: &'static str,
    attrs: String,
}

impl Tag {
    pub(crate) fn new(name: &'static str) -> Self {
        Tag {
            name,
            attrs: String::new(),
        }
    }

    /// Adds an attribute; the value is escaped.
    pub(crate) fn attr(mut self, key: &str, value: &str) -> Self {
        self.attrs.push(' ');
        self.attrs.push_str(key);
        self.attrs.push_str("=\"");
        self.attrs.push_str(&escape(value));
        self.attrs.push('"');
        self
    }

    /// Adds a numeric attribute formatted by [`num`].
    pub(crate) fn num(self, key: &str, value: f64) -> Self {
        let v = num(value);
        self.attr(key, &v)
    }
}

/// Accumulates SVG text, keeping track of open elements so output stays balanced.
#[derive(Default)]
pub(crate) struct Writer {
    out: String,
    stack: Vec<&'static str>,
}

impl Writer {
    fn push_start(&mut self, tag: &Tag) {
        self.indent();
        self.out.push('<');
        self.out.push_str(tag.name);
        self.out.push_str(&tag.attrs);
    }

    fn indent(&mut self) {
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        for _ in 0..self.stack.len().min(16) {
            self.out.push(' ');
        }
    }

    /// Writes `<tag .../>`.
    pub(crate) fn empty(&mut self, tag: Tag) {
        self.push_start(&tag);
        self.out.push_str("/>");
    }

    /// Writes `<tag ...>` and keeps it open until [`Writer::close`].
    pub(crate) fn open(&mut self, tag: Tag) {
        self.push_start(&tag);
        self.out.push('>');
        self.stack.push(tag.name);
    }

    /// Closes the innermost open element; does nothing when none is open.
    pub(crate) fn close(&mut self) {
        if let Some(name) = self.stack.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// Writes `<tag ...>text</tag>` with the text escaped.
    pub(crate) fn leaf(&mut self, tag: Tag, text: &str) {
        self.push_start(&tag);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(tag.name);
        self.out.push('>');
    }

    /// Writes `<tag ...><title>tooltip</title></tag>`, the SVG way to give
    /// a shape a native tooltip and an accessible name.
    pub(crate) fn with_tooltip(&mut self, tag: Tag, tooltip: &str) {
        self.open(tag);
        self.leaf(Tag::new("title"), tooltip);
        self.close();
    }

    /// Closes every open element and returns the document.
    pub(crate) fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.close();
        }
        self.out.push('\n');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("Timișoara"), "Timișoara");
    }

    #[test]
    fn numbers_are_compact_and_finite() {
        assert_eq!(num(1.0), "1");
        assert_eq!(num(1.234), "1.23");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
    }

    #[test]
    fn writer_balances_elements() {
        let mut w = Writer::default();
        w.open(Tag::new("svg").attr("a", "\""));
        w.open(Tag::new("g"));
        w.leaf(Tag::new("text"), "<x>");
        w.close();
        w.close();
        w.close();
        let s = w.finish();
        assert_eq!(
            s,
            "<svg a=\"&quot;\">\n <g>\n  <text>&lt;x&gt;</text>\n </g>\n</svg>\n"
        );
    }
}
