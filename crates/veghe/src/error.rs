//! The one error type of the application: what a user is told, and what is only logged.
//!
//! Every handler returns `Result<_, AppError>`. The response is JSON
//! (`{"error": {"code", "message", "field"}}`); for pages, the HTML layer turns it into an error
//! page in the user's language. Internal causes (SQL, I/O, paths) are logged, never shown.

use std::fmt;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::web::Lang;

/// What a refusal tells a person, in English (the API's language) and, once written, in
/// Romanian. A message given as a plain string has only its English form; a person reading in
/// Romanian sees the Romanian one when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub ro: Option<String>,
}

impl Said {
    /// The message in both languages.
    pub fn new(ro: impl Into<String>, en: impl Into<String>) -> Self {
        Said {
            en: en.into(),
            ro: Some(ro.into()),
        }
    }

    /// The message in `lang` (English when its Romanian form was never written).
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.ro) {
            (Lang::Ro, Some(ro)) => ro,
            _ => &self.en,
        }
    }
}

impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl std::ops::Deref for Said {
    type Target = str;
    fn deref(&self) -> &str {
        &self.en
    }
}

impl From<String> for Said {
    fn from(en: String) -> Self {
        Said { en, ro: None }
    }
}

impl From<&str> for Said {
    fn from(en: &str) -> Self {
        Said {
            en: en.to_string(),
            ro: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("authentication required")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error(
        "the form has expired or did not come from Veghe (CSRF check failed): reload the page and try again"
    )]
    Csrf,
    /// Bad input; `field` names the form or JSON field at fault.
    #[error("{message}")]
    BadRequest {
        field: Option<&'static str>,
        message: Said,
    },
    /// The request conflicts with the current state (a rule of the domain refuses it).
    #[error("{0}")]
    Conflict(Said),
    #[error("too many attempts")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the request body is too large")]
    PayloadTooLarge,
    #[error("the database is unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    pub fn bad(field: &'static str, message: impl Into<Said>) -> Self {
        AppError::BadRequest {
            field: Some(field),
            message: message.into(),
        }
    }

    /// A refusal by a rule of the domain.
    pub fn conflict(message: impl Into<Said>) -> Self {
        AppError::Conflict(message.into())
    }

    /// What the person is told, in `lang`: the refusal's own words for bad input and conflicts,
    /// the error's description otherwise.
    pub fn said(&self, lang: Lang) -> String {
        match self {
            AppError::BadRequest { message, .. } | AppError::Conflict(message) => {
                message.in_lang(lang).to_string()
            }
            other => other.to_string(),
        }
    }

    /// For a page that shows a refusal beside its form: bad input or a conflict as its status
    /// and words in `lang`; any other error stays an error (the error page).
    pub fn refusal(self, lang: Lang) -> Result<(StatusCode, String), AppError> {
        match self {
            AppError::BadRequest { .. } | AppError::Conflict(_) => {
                Ok((self.status(), self.said(lang)))
            }
            other => Err(other),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::Unavailable => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::WorkerCrashed => {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            // PostgreSQL's connection exceptions (08…) and operator intervention (57P…: the
            // server shutting down, the backend terminated).
            sqlx::Error::Database(ref d)
                if d.code()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")) =>
            {
                tracing::warn!(error = %e, "database unavailable");
                AppError::Unavailable
            }
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// What went wrong: the JSON error's content, also attached to the response for the HTML layer,
/// which turns it into an error page.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
#[schema(as = ErrorDetail)]
pub struct ErrorInfo {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    /// The field at fault, for bad input.
    pub field: Option<&'static str>,
    /// The message in Romanian, when it has been written: shown to a person reading in Romanian.
    #[serde(skip)]
    pub message_ro: Option<String>,
}

/// The error body every failed call answers with.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorInfo,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            AppError::Internal(e) => {
                tracing::error!(error = ?e, "internal error");
                "internal error".to_string()
            }
            other => other.to_string(),
        };
        let field = match &self {
            AppError::BadRequest { field, .. } => *field,
            _ => None,
        };
        let message_ro = match &self {
            AppError::BadRequest { message, .. } | AppError::Conflict(message) => {
                message.ro.clone()
            }
            _ => None,
        };
        let info = ErrorInfo {
            status: status.as_u16(),
            code: self.code(),
            message,
            field,
            message_ro,
        };
        let mut response = (
            status,
            axum::Json(ErrorBody {
                error: info.clone(),
            }),
        )
            .into_response();
        if let AppError::TooManyRequests { retry_after_secs } = self
            && let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"veghe\""),
            );
        }
        response.extensions_mut().insert(info);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
