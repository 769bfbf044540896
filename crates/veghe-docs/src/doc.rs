//! The document model every format renders: a title and a run of blocks (headings, paragraphs,
//! label–value lines, tables, key figures). One report definition gives PDF, DOCX and XLSX.

/// A piece of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A heading of level 1 (title) or 2 (section); 3 and more for sub-sections.
    Heading(u8, String),
    Paragraph(String),
    /// A bold label followed by its value, on one line.
    Field(String, String),
    /// A table with a bold header row; a short row is padded with empty cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Key figures: (label, value) pairs shown side by side, the value large.
    Figures(Vec<(String, String)>),
}

/// A whole document.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub title: String,
    /// The language of the text, as BCP 47 (`ro-RO`, `en-GB`).
    pub lang: String,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(title: impl Into<String>, lang: impl Into<String>) -> Document {
        Document {
            title: title.into(),
            lang: lang.into(),
            blocks: Vec::new(),
        }
    }

    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }
}

/// A cell's text read as a number, as reports write them: `1.234`, `12,5`, `-3`, `45%`
/// (a share, so 0.45). `None` for anything else, which stays text.
pub fn number(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let (t, scale) = match t.strip_suffix('%') {
        Some(p) => (p.trim_end(), 0.01),
        None => (t, 1.0),
    };
    let negative = t.starts_with('-');
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty()
        || !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        || digits.matches(',').count() > 1
    {
        return None;
    }
    let (int, frac) = digits.split_once(',').unwrap_or((digits, ""));
    // Thousands are grouped by three after the first group.
    let groups: Vec<&str> = int.split('.').collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    if frac.contains('.') {
        return None;
    }
    let plain = format!(
        "{}.{}",
        groups.concat(),
        if frac.is_empty() { "0" } else { frac }
    );
    let v: f64 = plain.parse().ok()?;
    Some(if negative { -v } else { v } * scale)
}

#[cfg(test)]
mod tests {
    use super::number;

    #[test]
    fn numbers_as_reports_write_them() {
        assert_eq!(number("12"), Some(12.0));
        assert_eq!(number("1.234"), Some(1234.0));
        assert_eq!(number("1.234,5"), Some(1234.5));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("45%"), Some(0.45));
        assert_eq!(number("+10%"), Some(0.1));
        assert_eq!(number(" 7 "), Some(7.0));
        for text in [
            "",
            "—",
            "12/2026",
            "1.2.3",
            "1,2,3",
            "12.34",
            "Nr. 5",
            "2026-01-01",
            "-",
            "+",
            "+-3",
        ] {
            assert_eq!(number(text), None, "{text}");
        }
    }
}
