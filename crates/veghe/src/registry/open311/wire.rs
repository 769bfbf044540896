//! GeoReport v2 answers written once and sent as JSON or XML: a small value tree, the spec's
//! error format (`[{code, description}]` / `<errors><error>…`), and times with Timișoara's offset.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

/// The format asked for by the path's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fmt {
    Json,
    Xml,
}

impl Fmt {
    /// `requests.json` → (`requests`, Json).
    pub fn split(file: &str) -> Option<(&str, Fmt)> {
        if let Some(stem) = file.strip_suffix(".json") {
            Some((stem, Fmt::Json))
        } else {
            file.strip_suffix(".xml").map(|stem| (stem, Fmt::Xml))
        }
    }
}

/// A value of an answer.
#[derive(Clone, Debug)]
pub enum V {
    S(String),
    F(f64),
    I(i64),
    B(bool),
    Null,
    Obj(Vec<(&'static str, V)>),
    /// A list; in XML each item is an element named `item`.
    List {
        item: &'static str,
        items: Vec<V>,
    },
}

impl V {
    pub fn s(s: impl Into<String>) -> V {
        V::S(s.into())
    }

    pub fn opt(s: Option<String>) -> V {
        s.map_or(V::Null, V::S)
    }

    pub fn json(&self) -> Value {
        match self {
            V::S(s) => Value::from(s.as_str()),
            V::F(f) => Value::from(*f),
            V::I(i) => Value::from(*i),
            V::B(b) => Value::from(*b),
            V::Null => Value::Null,
            V::Obj(fields) => Value::Object(
                fields
                    .iter()
                    .map(|(k, v)| ((*k).to_string(), v.json()))
                    .collect::<Map<_, _>>(),
            ),
            V::List { items, .. } => Value::Array(items.iter().map(V::json).collect()),
        }
    }

    fn xml_inner(&self, out: &mut String) {
        match self {
            V::S(s) => out.push_str(&escape(s)),
            V::F(f) => out.push_str(&f.to_string()),
            V::I(i) => out.push_str(&i.to_string()),
            V::B(b) => out.push_str(if *b { "true" } else { "false" }),
            V::Null => {}
            V::Obj(fields) => {
                for (k, v) in fields {
                    element(k, v, out);
                }
            }
            V::List { item, items } => {
                for v in items {
                    element(item, v, out);
                }
            }
        }
    }
}

fn element(tag: &str, v: &V, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    out.push('>');
    v.xml_inner(out);
    out.push_str("</");
    out.push_str(tag);
    out.push('>');
}

pub use veghe_docs::xml::escape;

/// An answer: `root` names the XML document element; JSON is the body itself.
pub fn answer(status: StatusCode, fmt: Fmt, root: &str, body: &V) -> Response {
    match fmt {
        Fmt::Json => (
            status,
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body.json().to_string(),
        )
            .into_response(),
        Fmt::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            element(root, body, &mut out);
            (
                status,
                [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                out,
            )
                .into_response()
        }
    }
}

/// An error in the spec's format, with the same HTTP status.
#[derive(Debug)]
pub struct Error {
    pub status: StatusCode,
    pub description: String,
}

impl Error {
    pub fn new(status: StatusCode, description: impl Into<String>) -> Error {
        Error {
            status,
            description: description.into(),
        }
    }

    pub fn bad(description: impl Into<String>) -> Error {
        Error::new(StatusCode::BAD_REQUEST, description)
    }

    pub fn send(&self, fmt: Fmt) -> Response {
        let body = V::List {
            item: "error",
            items: vec![V::Obj(vec![
                ("code", V::I(i64::from(self.status.as_u16()))),
                ("description", V::s(self.description.clone())),
            ])],
        };
        answer(self.status, fmt, "errors", &body)
    }
}

impl From<crate::error::AppError> for Error {
    fn from(e: crate::error::AppError) -> Error {
        use crate::error::AppError;
        match e {
            AppError::BadRequest { field, message } => Error::bad(match field {
                Some(f) => format!("{f}: {message}"),
                None => message.en,
            }),
            AppError::NotFound => Error::new(StatusCode::NOT_FOUND, "not found"),
            AppError::Conflict(m) => Error::new(StatusCode::CONFLICT, m.en),
            other => {
                tracing::error!(error = %other, "open311");
                Error::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error")
            }
        }
    }
}

/// Epoch milliseconds as W3C date-time with Timișoara's offset.
pub fn datetime(ms: i64) -> String {
    let tz = crate::time::bucharest();
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
        .unwrap_or_default()
}

/// A due date (`YYYY-MM-DD`) as the end of that day in Timișoara.
pub fn end_of_day(date: &str) -> Option<String> {
    let d = date.parse::<jiff::civil::Date>().ok()?;
    let tz = crate::time::bucharest();
    let z = d.at(23, 59, 59, 0).to_zoned(tz).ok()?;
    Some(z.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string())
}

/// A W3C date-time (with offset or `Z`), or a plain date taken as midnight in Timișoara.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t.as_millisecond());
    }
    let d = s.parse::<jiff::civil::Date>().ok()?;
    let tz = crate::time::bucharest();
    Some(d.to_zoned(tz).ok()?.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_json_of_the_same_tree() {
        let v = V::List {
            item: "request",
            items: vec![V::Obj(vec![
                ("service_request_id", V::s("1")),
                ("lat", V::F(45.75)),
                ("media_url", V::Null),
                ("description", V::s("a < b & \"c\"")),
            ])],
        };
        assert_eq!(
            v.json(),
            serde_json::json!([{"service_request_id": "1", "lat": 45.75, "media_url": null,
                                "description": "a < b & \"c\""}])
        );
        let mut out = String::new();
        element("service_requests", &v, &mut out);
        assert_eq!(
            out,
            "<service_requests><request><service_request_id>1</service_request_id><lat>45.75</lat><media_url></media_url><description>a &lt; b &amp; &quot;c&quot;</description></request></service_requests>"
        );
        assert_eq!(Fmt::split("requests.xml"), Some(("requests", Fmt::Xml)));
        assert_eq!(Fmt::split("requests"), None);
    }

    #[test]
    fn times() {
        assert_eq!(datetime(0), "1970-01-01T02:00:00+02:00");
        assert_eq!(
            end_of_day("2026-07-01").as_deref(),
            Some("2026-07-01T23:59:59+03:00")
        );
        assert_eq!(parse_datetime("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_datetime("1970-01-01T02:00:00+02:00"), Some(0));
        assert!(parse_datetime("2026-13-01").is_none());
    }
}
