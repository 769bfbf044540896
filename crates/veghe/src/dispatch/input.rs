//! Reading the dispatch handlers' input: ids from the path, JSON bodies and free-text fields,
//! each refused with a 400 that names the field.

use axum::Json;
use axum::extract::rejection::JsonRejection;

use crate::error::{AppError, AppResult};

/// A positive id from the path; `what` names it in the error ("an incident", "a crew").
pub fn id_of(text: &str, what: &str) -> AppResult<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::bad("id", format!("`{text}` is not {what} id")))
}

/// An incident id from the path.
pub fn incident_id(text: &str) -> AppResult<i64> {
    id_of(text, "an incident")
}

/// The JSON body, or a 400 saying why it does not parse.
pub fn json_body<T>(payload: Result<Json<T>, JsonRejection>) -> AppResult<T> {
    payload
        .map(|Json(v)| v)
        .map_err(|e| AppError::bad("body", e.body_text()))
}

/// Trims a text field; empty is none; longer than `max` characters is refused.
pub fn text(v: Option<String>, field: &'static str, max: usize) -> AppResult<Option<String>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max => Err(AppError::bad(
            field,
            format!("{field} must have at most {max} characters"),
        )),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_texts_are_refused_by_name() {
        assert_eq!(id_of("12", "a crew").ok(), Some(12));
        for bad in ["0", "-3", "x", ""] {
            assert!(matches!(
                incident_id(bad),
                Err(AppError::BadRequest {
                    field: Some("id"),
                    ..
                })
            ));
        }
        assert_eq!(
            text(Some("  a  ".into()), "note", 5).ok(),
            Some(Some("a".into()))
        );
        assert_eq!(text(Some("   ".into()), "note", 5).ok(), Some(None));
        assert!(matches!(
            text(Some("șșșșșș".into()), "note", 5),
            Err(AppError::BadRequest {
                field: Some("note"),
                ..
            })
        ));
    }
}
