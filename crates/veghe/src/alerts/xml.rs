//! A small XML writer for the documents Veghe publishes (CAP alerts, their Atom index, PIDF-LO
//! locations): elements and attributes with every text escaped, and characters XML 1.0 forbids
//! replaced by U+FFFD.

pub use veghe_docs::xml::escape;

/// Writes a document element by element.
pub struct Writer {
    out: String,
    open: Vec<&'static str>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// A document starting with the UTF-8 XML declaration.
    pub fn new() -> Writer {
        Writer {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            open: Vec::new(),
        }
    }

    /// A fragment without the declaration (for XML carried inside another document).
    pub fn fragment() -> Writer {
        Writer {
            out: String::new(),
            open: Vec::new(),
        }
    }

    fn start(&mut self, tag: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
    }

    /// Opens an element; `close` ends it.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push('>');
        self.open.push(tag);
        self
    }

    /// Ends the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        if let Some(tag) = self.open.pop() {
            self.out.push_str("</");
            self.out.push_str(tag);
            self.out.push('>');
        }
        self
    }

    /// An element holding text.
    pub fn leaf(&mut self, tag: &str, text: &str) -> &mut Self {
        self.start(tag, &[]);
        self.out.push('>');
        self.out.push_str(&escape(text));
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Text inside the innermost open element (an element with attributes and text: `open`,
    /// `text`, `close`).
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(text));
        self
    }

    /// An element holding text, when there is text.
    pub fn leaf_opt(&mut self, tag: &str, text: Option<&str>) -> &mut Self {
        if let Some(t) = text {
            self.leaf(tag, t);
        }
        self
    }

    /// An element without content.
    pub fn empty(&mut self, tag: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push_str("/>");
        self
    }

    /// The document, every open element closed.
    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped_and_forbidden_characters_replaced() {
        let mut w = Writer::fragment();
        w.open("a", &[("href", "/x?a=1&b=\"2\"")])
            .leaf("t", "<b>Ș & ț</b>\u{0}\u{1b}'")
            .close();
        assert_eq!(
            w.finish(),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\"><t>&lt;b&gt;Ș &amp; ț&lt;/b&gt;\u{FFFD}\u{FFFD}&apos;</t></a>"
        );
    }

    #[test]
    fn finish_closes_what_is_open() {
        let mut w = Writer::new();
        w.open("alert", &[]).open("info", &[]).leaf("event", "x");
        assert!(
            w.finish()
                .ends_with("<info><event>x</event></info></alert>")
        );
    }
}
