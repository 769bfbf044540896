//! Text from outside passed once, at the edge: a control character (Unicode category Cc) other
//! than tab, line feed and carriage return is refused naming the field, the same on both engines
//! (PostgreSQL cannot store NUL; SQLite would). The readers of `extract` pass every string of a
//! body, form or query through here, and a handler reading text some other way calls `clean`.

use axum::extract::Request;

use crate::error::{AppError, AppResult, Said};
use crate::web::Lang;

/// Whether `c` may stand in a text: anything but a control character (Unicode category Cc),
/// save tab, line feed and carriage return.
fn allowed(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// A text read from outside, passed unchanged; one with a control character other than tab,
/// line feed and carriage return (NUL, escape, …) is refused naming `field`. Every reader of
/// outside text goes through this, so that both engines see the same refusal.
pub fn clean<'t>(field: &'static str, text: &'t str) -> AppResult<&'t str> {
    match text.chars().find(|c| !allowed(*c)) {
        None => Ok(text),
        Some(c) => Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{}: textul conține un caracter de control (U+{:04X}); ștergeți-l.",
                    super::fields::name(field, Lang::Ro),
                    u32::from(c)
                ),
                format!(
                    "{field} contains a control character (U+{:04X})",
                    u32::from(c)
                ),
            ),
        )),
    }
}

/// The name-value pairs of a query string or form, each name and value passed by `clean`; the
/// first refused is blamed on its name when it is one of `fields`, else on `whole`.
pub fn clean_pairs<K: AsRef<str>, V: AsRef<str>>(
    pairs: impl IntoIterator<Item = (K, V)>,
    fields: &[&'static str],
    whole: &'static str,
) -> AppResult<()> {
    for (name, value) in pairs {
        let (name, value) = (name.as_ref(), value.as_ref());
        clean(named(name, fields, whole), value)?;
        clean(whole, name)?;
    }
    Ok(())
}

/// Refuses a request whose path, decoded, holds a control character (see `clean`), naming
/// `path`, before any handler reads a segment of it as text.
pub async fn clean_path(
    req: Request,
    next: axum::middleware::Next,
) -> AppResult<axum::response::Response> {
    clean_pairs(
        form_urlencoded::parse(req.uri().path().as_bytes()),
        &[],
        "path",
    )?;
    Ok(next.run(req).await)
}

/// Every string of a JSON value (keys too) passed by `clean`; a refusal is blamed on the
/// top-level key it sits under when that is one of `fields`, else on `whole`.
pub fn clean_json(
    value: &serde_json::Value,
    fields: &[&'static str],
    whole: &'static str,
) -> AppResult<()> {
    use serde_json::Value;
    fn walk(value: &Value, field: &'static str) -> AppResult<()> {
        match value {
            Value::String(s) => clean(field, s).map(|_| ()),
            Value::Array(items) => items.iter().try_for_each(|v| walk(v, field)),
            Value::Object(map) => map.iter().try_for_each(|(k, v)| {
                clean(field, k)?;
                walk(v, field)
            }),
            _ => Ok(()),
        }
    }
    match value {
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            clean(whole, k)?;
            walk(v, named(k, fields, whole))
        }),
        other => walk(other, whole),
    }
}

/// `name` as one of `fields` (a `'static` name to blame), else `whole`.
fn named(name: &str, fields: &[&'static str], whole: &'static str) -> &'static str {
    fields.iter().copied().find(|f| *f == name).unwrap_or(whole)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    fn field(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    #[test]
    fn control_characters_save_tab_and_line_ends_are_refused_by_name() {
        for good in [
            "",
            "Muzică tare",
            "a\tb\r\nc",
            "ș ț ă î â",
            "emoji 🚓",
            "\u{a0}\u{200b}",
        ] {
            assert_eq!(clean("note", good).ok(), Some(good));
        }
        for bad in [
            "\0",
            "a\u{1}",
            "\u{1b}[31m",
            "\u{7f}",
            "\u{85}",
            "\u{9f}",
            "x\u{b}",
            "\u{c}",
        ] {
            assert_eq!(
                clean("note", bad).err().and_then(field),
                Some("note"),
                "{bad:?}"
            );
        }
        let said = clean("description", "a\0").err().map(|e| e.said(Lang::Ro));
        assert_eq!(
            said.as_deref(),
            Some("Descrierea: textul conține un caracter de control (U+0000); ștergeți-l.")
        );
    }

    #[test]
    fn pairs_and_json_blame_the_field_or_the_whole() {
        let fields = ["description", "type"];
        let pairs = |p: &[(&str, &str)]| clean_pairs(p.iter().copied(), &fields, "body");
        assert!(pairs(&[("description", "a\tb"), ("other", "c")]).is_ok());
        assert_eq!(
            pairs(&[("type", "a"), ("description", "\0")])
                .err()
                .and_then(field),
            Some("description")
        );
        assert_eq!(
            pairs(&[("other", "\0")]).err().and_then(field),
            Some("body")
        );
        assert_eq!(
            pairs(&[("ty\0pe", "a")]).err().and_then(field),
            Some("body")
        );
        let body = |v: serde_json::Value| clean_json(&v, &fields, "body").err().and_then(field);
        assert_eq!(
            body(json!({"description": "a\n", "n": 1, "l": [null, true]})),
            None
        );
        assert_eq!(body(json!({"type": {"deep": ["\u{1b}"]}})), Some("type"));
        assert_eq!(body(json!({"type": {"k\0": 1}})), Some("type"));
        assert_eq!(body(json!({"k\0": 1})), Some("body"));
        assert_eq!(body(json!(["\0"])), Some("body"));
    }

    proptest! {
        #[test]
        fn any_text_passes_unchanged_or_is_refused_naming_the_field(s in "\\PC{0,20}|(\\PC|\\p{Cc}){0,20}|.{0,20}") {
            match clean("note", &s) {
                Ok(kept) => {
                    prop_assert_eq!(kept, s.as_str());
                    prop_assert!(s.chars().all(|c| !c.is_control() || "\t\n\r".contains(c)));
                }
                Err(e) => {
                    prop_assert!(s.chars().any(|c| c.is_control() && !"\t\n\r".contains(c)));
                    prop_assert_eq!(field(e), Some("note"));
                }
            }
        }

        #[test]
        fn a_form_is_refused_exactly_when_one_of_its_texts_is(
            pairs in proptest::collection::vec(("[a-z]{1,3}", "(\\PC|\\p{Cc}){0,8}"), 0..6)
        ) {
            let dirty = pairs.iter().any(|(_, v)| clean("x", v).is_err());
            let encoded = serde_urlencoded::to_string(&pairs).expect("encoded");
            let read = clean_pairs(form_urlencoded::parse(encoded.as_bytes()), &["a"], "body");
            prop_assert_eq!(read.is_err(), dirty);
        }
    }
}
