//! XML text escaping, shared by every XML Veghe writes (SVG, DOCX, CAP, Atom, Open311, PIDF-LO).

/// Escapes text for element content and quoted attribute values; characters XML 1.0 does not
/// allow (most C0 controls, U+FFFE, U+FFFF) become U+FFFD, so the output always parses and
/// shows that something was there.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if allowed(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
    out
}

/// The characters XML 1.0 allows besides tab and line breaks.
fn allowed(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_replaced() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{0}b\u{FFFF}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(escape("Timișoara 🚓"), "Timișoara 🚓");
    }
}
