//! How a handler reads its input: a path id, a query string, a JSON body, a page form and
//! free-text fields, each refused with an `AppError::bad` that names the field, never axum's
//! plain-text rejection.
//!
//! The signed-in user is read the same way (`me: CurrentUser`); that extractor sits beside
//! its type in `auth`, since this module knows no feature.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use serde::de::{DeserializeOwned, Error as _, Visitor};
use serde_path_to_error::{Segment, Track};

use crate::error::{AppError, AppResult, Said};
use crate::web::Lang;

pub use super::clean::{clean, clean_json, clean_pairs};

/// A positive id from the path (`/…/{id}`); anything else is a 400 naming `id`.
#[derive(Clone, Copy, Debug)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| AppError::bad("id", e.body_text()))?;
        id(&text).map(Id)
    }
}

/// A positive id written as text (a path segment, a form's hidden field).
pub fn id(text: &str) -> AppResult<i64> {
    text.parse::<i64>()
        .ok()
        .filter(|i| *i > 0)
        .ok_or_else(|| AppError::bad("id", format!("`{text}` is not an id")))
}

/// A JSON body (`Content-Type: application/json`). A body that does not parse is a 400 naming
/// the field serde names (`body` when no field is at fault).
#[derive(Debug)]
pub struct Body<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> AppResult<Self> {
        if !content_type_is(req.headers(), |m| {
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        }) {
            return Err(AppError::bad(
                "body",
                "expected a request with `Content-Type: application/json`",
            ));
        }
        let bytes = body_bytes(req, state).await?;
        if let Ok(value) = serde_json::from_slice::<serde_json::Value>(&bytes) {
            clean_json(&value, fields_of::<T>(), "body")?;
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let value = deserialize::<T, _>(&mut de, "body", |e: &serde_json::Error| e.is_data())?;
        de.end().map_err(|e| AppError::bad("body", e.to_string()))?;
        Ok(Body(value))
    }
}

/// A page's form: the query string of a GET, the url-encoded body of a POST. A form that does
/// not parse is a 400 naming its field, which the HTML layer shows as an error page.
#[derive(Debug)]
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> AppResult<Self> {
        if matches!(*req.method(), Method::GET | Method::HEAD) {
            return urlencoded(req.uri().query().unwrap_or_default().as_bytes(), "query").map(Form);
        }
        let bytes = if content_type_is(req.headers(), |m| m == "application/x-www-form-urlencoded")
        {
            body_bytes(req, state).await?
        } else {
            return Err(AppError::bad(
                "body",
                "expected a request with `Content-Type: application/x-www-form-urlencoded`",
            ));
        };
        urlencoded(&bytes, "body").map(Form)
    }
}

/// A query string (`?from=…&to=…`); one that does not parse is a 400 naming its field
/// (`query` when no field is at fault).
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> AppResult<Self> {
        urlencoded(parts.uri.query().unwrap_or_default().as_bytes(), "query").map(Query)
    }
}

/// Trims a text field; empty is none; longer than `max` characters is refused, naming `field`.
pub fn text(v: Option<String>, field: &'static str, max: usize) -> AppResult<Option<String>> {
    match v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty()) {
        Some(s) if s.chars().count() > max => Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{}: cel mult {max} caractere; scurtați textul.",
                    super::fields::name(field, Lang::Ro)
                ),
                format!("{field} must have at most {max} characters"),
            ),
        )),
        other => Ok(other),
    }
}

/// A text field that must be given: as `text`, with an empty one refused.
pub fn required(v: Option<String>, field: &'static str, max: usize) -> AppResult<String> {
    text(v, field, max)?.ok_or_else(|| {
        AppError::bad(
            field,
            Said::new(
                format!(
                    "{}: câmpul este obligatoriu; completați-l.",
                    super::fields::name(field, Lang::Ro)
                ),
                format!("{field} is required"),
            ),
        )
    })
}

/// A code a person types for something they name (a cooperating body, a department): lower-case
/// letters, digits, `_` and `-`, at most 30, starting with a letter or digit; else refused
/// naming `field`.
pub fn code(v: Option<String>, field: &'static str) -> AppResult<String> {
    let code = required(v, field, 30)?;
    let mut chars = code.chars();
    let first = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if first && rest {
        Ok(code)
    } else {
        Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{} „{code}”: litere mici fără diacritice, cifre, „_” și „-”, începând cu o literă sau o cifră (de exemplu ordine_publica).",
                    super::fields::name(field, Lang::Ro)
                ),
                format!(
                    "{field} “{code}”: lower-case letters, digits, “_” and “-”, starting with a letter or digit (e.g. ordine_publica)"
                ),
            ),
        ))
    }
}

/// One of `choices` (a stored code), the given text trimmed; else refused naming `field`, in
/// Romanian with `ro` and in English with the list of codes.
pub fn one_of(
    v: Option<String>,
    field: &'static str,
    choices: &'static [&'static str],
    ro: &str,
) -> AppResult<&'static str> {
    let given = v.unwrap_or_default();
    choices
        .iter()
        .find(|c| **c == given.trim())
        .copied()
        .ok_or_else(|| {
            AppError::bad(
                field,
                Said::new(ro, format!("{field} is one of: {}", choices.join(", "))),
            )
        })
}

/// An e-mail address, when given: one `@` with a name before it and a domain with a dot after
/// it, no spaces, at most 200 characters; anything else is refused naming `field`.
pub fn email(v: Option<String>, field: &'static str) -> AppResult<Option<String>> {
    let Some(address) = text(v, field, 200)? else {
        return Ok(None);
    };
    let well_formed = match address.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !address.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if well_formed {
        Ok(Some(address))
    } else {
        Err(AppError::bad(
            field,
            Said::new(
                format!(
                    "{}: „{address}” nu este o adresă de e-mail (de exemplu dispecerat@exemplu.ro).",
                    super::fields::name(field, Lang::Ro)
                ),
                format!("{field}: “{address}” is not an e-mail address (e.g. desk@example.org)"),
            ),
        ))
    }
}

fn content_type_is(headers: &HeaderMap, ok: impl Fn(&str) -> bool) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| ok(&m.trim().to_ascii_lowercase()))
}

async fn body_bytes<S: Send + Sync>(req: Request, state: &S) -> AppResult<Bytes> {
    Bytes::from_request(req, state)
        .await
        .map_err(|e| AppError::bad("body", e.body_text()))
}

fn urlencoded<T: DeserializeOwned>(bytes: &[u8], whole: &'static str) -> AppResult<T> {
    clean_pairs(form_urlencoded::parse(bytes), fields_of::<T>(), whole)?;
    let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(bytes));
    deserialize(de, whole, |_| true)
}

/// Deserializes `T`, tracking where it failed; `names_field` says whether an error is about a
/// value (rather than the syntax), so that a field may be blamed; else `whole` is.
fn deserialize<'de, T, D>(
    de: D,
    whole: &'static str,
    names_field: impl Fn(&D::Error) -> bool,
) -> AppResult<T>
where
    T: DeserializeOwned,
    D: serde::Deserializer<'de>,
{
    let mut track = Track::new();
    T::deserialize(serde_path_to_error::Deserializer::new(de, &mut track)).map_err(|e| {
        let path = track.path();
        let message = match path.iter().next() {
            Some(_) => format!("{path}: {e}"),
            None => e.to_string(),
        };
        let field = if names_field(&e) {
            blamed::<T>(&path, &e.to_string())
        } else {
            None
        };
        AppError::bad(field.unwrap_or(whole), message)
    })
}

/// The field of `T` an error is about: where the path starts, or the one found missing.
fn blamed<T: DeserializeOwned>(
    path: &serde_path_to_error::Path,
    message: &str,
) -> Option<&'static str> {
    let named = match path.iter().next() {
        Some(Segment::Map { key }) => key.clone(),
        _ => quoted_after(message, "missing field `")?,
    };
    fields_of::<T>().iter().copied().find(|f| *f == named)
}

/// The name in "…prefix`name`…" of a serde message.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    Some(rest[..rest.find('`')?].to_string())
}

/// The field names a struct `T` deserializes (empty for other types), as serde declares them.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Fields(&mut fields));
    fields
}

/// A deserializer that only asks a struct for its field names.
struct Fields<'a>(&'a mut &'static [&'static str]);

impl<'de> serde::Deserializer<'de> for Fields<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(Self::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(Self::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct In {
        #[serde(rename = "type")]
        kind: String,
        count: Option<i64>,
    }

    fn field(e: AppError) -> Option<&'static str> {
        match e {
            AppError::BadRequest { field, .. } => field,
            _ => None,
        }
    }

    fn json(text: &str) -> AppResult<In> {
        deserialize::<In, _>(
            &mut serde_json::Deserializer::from_str(text),
            "body",
            |e: &serde_json::Error| e.is_data(),
        )
    }

    #[test]
    fn errors_name_the_field_serde_names() {
        assert_eq!(fields_of::<In>(), ["type", "count"]);
        assert_eq!(fields_of::<i64>(), [] as [&str; 0]);
        assert_eq!(
            json(r#"{"type":"a"}"#).ok().map(|i| i.kind),
            Some("a".into())
        );
        assert_eq!(json("{}").err().and_then(field), Some("type"));
        assert_eq!(
            json(r#"{"type":"a","count":"x"}"#).err().and_then(field),
            Some("count")
        );
        assert_eq!(json(r#"{"type":"a""#).err().and_then(field), Some("body"));
        let form = |t: &str| urlencoded::<In>(t.as_bytes(), "query");
        assert_eq!(form("count=1").err().and_then(field), Some("type"));
        assert_eq!(form("type=a&count=x").err().and_then(field), Some("count"));
    }

    #[test]
    fn ids_and_texts_are_refused_by_name() {
        assert_eq!(id("12").ok(), Some(12));
        for bad in ["0", "-3", "x", ""] {
            assert_eq!(id(bad).err().and_then(field), Some("id"));
        }
        assert_eq!(
            text(Some("  a  ".into()), "note", 5).ok(),
            Some(Some("a".into()))
        );
        assert_eq!(text(Some("   ".into()), "note", 5).ok(), Some(None));
        assert_eq!(
            text(Some("șșșșșș".into()), "note", 5).err().and_then(field),
            Some("note")
        );
        assert_eq!(
            required(Some(" ".into()), "note", 5).err().and_then(field),
            Some("note")
        );
    }

    #[test]
    fn codes_are_read_or_refused_by_name() {
        assert_eq!(
            code(Some(" isu-2_b ".into()), "code").ok(),
            Some("isu-2_b".into())
        );
        for bad in ["ISU", "-isu", "_a", "poliția", "a b", ""] {
            assert_eq!(
                code(Some(bad.into()), "code").err().and_then(field),
                Some("code"),
                "{bad}"
            );
        }
        assert_eq!(
            code(Some("a".repeat(30)), "code").map(|c| c.len()).ok(),
            Some(30)
        );
        assert_eq!(
            code(Some("a".repeat(31)), "code").err().and_then(field),
            Some("code")
        );
    }

    #[test]
    fn a_choice_is_one_of_the_list_or_refused_by_name() {
        const KINDS: &[&str] = &["tv", "radio"];
        assert_eq!(
            one_of(Some(" radio ".into()), "kind", KINDS, "Tipul").ok(),
            Some("radio")
        );
        for bad in [
            None,
            Some(String::new()),
            Some("Radio".into()),
            Some("ziar".into()),
        ] {
            let e = one_of(bad, "kind", KINDS, "Tipul").expect_err("refused");
            assert_eq!(e.said(Lang::Ro), "Tipul");
            assert!(e.said(Lang::En).contains("tv, radio"));
            assert_eq!(field(e), Some("kind"));
        }
    }

    #[test]
    fn email_addresses_are_read_or_refused_by_name() {
        assert_eq!(email(None, "email").ok(), Some(None));
        assert_eq!(email(Some(" ".into()), "email").ok(), Some(None));
        assert_eq!(
            email(Some(" a.b@pl.tm.ro ".into()), "email").ok(),
            Some(Some("a.b@pl.tm.ro".into()))
        );
        for bad in [
            "ab", "@x.ro", "a@b", "a@.ro", "a@ro.", "a b@x.ro", "a@b@x.ro",
        ] {
            assert_eq!(
                email(Some(bad.into()), "email").err().and_then(field),
                Some("email"),
                "{bad}"
            );
        }
    }
}
