//! Texts with `{{name}}` placeholders (documente tipizate): the names a text uses, a check
//! against the names a caller knows (an unknown one is refused by name), and filling. A name is
//! lowercase letters, digits and `_`, with optional spaces inside the braces (`{{ petent }}`).
//! Braces that do not open a placeholder (`{x}`, a lone `{`) are plain text.

use std::fmt;

/// What is wrong with a text's placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// `{{name}}` names nothing the caller knows.
    Unknown(String),
    /// `{{` without its `}}`, or with something between that is not a name.
    Malformed {
        /// Character offset of the `{{`.
        at: usize,
        /// What follows it (a few characters).
        near: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Unknown(n) => write!(f, "unknown placeholder {{{{{n}}}}}"),
            Problem::Malformed { at, near } => write!(
                f,
                "a placeholder opened at character {at} (`{near}`) is not closed as {{{{name}}}}"
            ),
        }
    }
}

/// A piece of a text: plain text or a placeholder's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Name(&'a str),
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Splits `text` into plain text and placeholders.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, Problem> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0usize;
    while let Some(open) = rest.find("{{") {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after = &rest[open + 2..];
        let malformed = || Problem::Malformed {
            at: offset + rest[..open].chars().count(),
            near: rest[open..].chars().take(24).collect(),
        };
        let close = after.find("}}").ok_or_else(malformed)?;
        let name = after[..close].trim();
        if !is_name(name) {
            return Err(malformed());
        }
        out.push(Piece::Name(name));
        let used = open + 2 + close + 2;
        offset += rest[..used].chars().count();
        rest = &rest[used..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// The placeholders `text` uses, in order of first use.
pub fn names(text: &str) -> Result<Vec<&str>, Problem> {
    let mut out: Vec<&str> = Vec::new();
    for p in pieces(text)? {
        if let Piece::Name(n) = p
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    Ok(out)
}

/// Checks that every placeholder of `text` is one of `known`; the first unknown one is named.
pub fn check(text: &str, known: &[&str]) -> Result<(), Problem> {
    for n in names(text)? {
        if !known.contains(&n) {
            return Err(Problem::Unknown(n.to_string()));
        }
    }
    Ok(())
}

/// Fills the placeholders `value` knows; those it answers `None` for stay as `{{name}}`, to be
/// filled later. A value never opens a placeholder: its `{{` is written `{ {`.
pub fn fill(text: &str, value: impl Fn(&str) -> Option<String>) -> Result<String, Problem> {
    let mut out = String::with_capacity(text.len());
    for p in pieces(text)? {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Name(n) => match value(n) {
                Some(v) => out.push_str(&v.replace("{{", "{ {")),
                None => {
                    out.push_str("{{");
                    out.push_str(n);
                    out.push_str("}}");
                }
            },
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_and_text() {
        let p = pieces("Nr. {{numar}} din {{ data }}.").expect("pieces");
        assert_eq!(
            p,
            vec![
                Piece::Text("Nr. "),
                Piece::Name("numar"),
                Piece::Text(" din "),
                Piece::Name("data"),
                Piece::Text("."),
            ]
        );
        assert_eq!(names("{{a}}{{b}} {{a}}").expect("names"), vec!["a", "b"]);
        // Single braces are text.
        assert_eq!(
            pieces("{x} și {").expect("text"),
            vec![Piece::Text("{x} și {")]
        );
    }

    #[test]
    fn refuses_unknown_and_malformed_placeholders_by_name() {
        let known = ["numar", "petent"];
        assert_eq!(check("Domnului {{petent}}, nr. {{numar}}", &known), Ok(()));
        assert_eq!(
            check("Domnului {{petent}}, {{numărul}}", &known),
            Err(Problem::Malformed {
                at: 21,
                near: "{{numărul}}".into()
            })
        );
        let e = check("Stimate {{pretent}}", &known).expect_err("unknown");
        assert_eq!(e, Problem::Unknown("pretent".into()));
        assert_eq!(e.to_string(), "unknown placeholder {{pretent}}");
        assert!(matches!(
            check("text {{numar", &known),
            Err(Problem::Malformed { at: 5, .. })
        ));
        // The offset counts characters, not bytes.
        assert!(matches!(
            check("ăîș {{ }}", &known),
            Err(Problem::Malformed { at: 4, .. })
        ));
    }

    #[test]
    fn fills_what_is_known_and_keeps_the_rest() {
        let out = fill(
            "Nr. {{numar}}, ieșire {{numar_iesire}}, {{ petent }}",
            |n| match n {
                "numar" => Some("12/03.02.2026".into()),
                "petent" => Some("Ion {{Pop}}".into()),
                _ => None,
            },
        )
        .expect("fill");
        assert_eq!(
            out,
            "Nr. 12/03.02.2026, ieșire {{numar_iesire}}, Ion { {Pop}}"
        );
        // What was filled is not read as a placeholder later.
        assert_eq!(names(&out).expect("names"), vec!["numar_iesire"]);
    }
}
