//! A one-time password must be changed first: while an account signed in through a session
//! carries the mark, every page leads to `/account/password` and the API answers 403 saying
//! why. Bearer tokens are not held back (a script cannot change a password for a person).

use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{ErrorBody, ErrorInfo};

/// Placed in the request by `auth::authenticate` when the session's account must change its
/// one-time password.
#[derive(Clone, Copy, Debug)]
pub struct PasswordChangeDue;

/// A handler asks `due: Option<PasswordChangeDue>` whether the change is still owed.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for PasswordChangeDue {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<PasswordChangeDue>().copied())
    }
}

/// The page where the password is changed.
pub const PAGE: &str = "/account/password";

/// What stays open meanwhile, beyond public routes: changing the password and signing out.
const OPEN: &[&str] = &[PAGE, "/api/v1/account/password", "/logout"];

/// Whether the request is held back: the mark is set and the route is not one of those open.
pub fn holds(req: &Request, public: bool) -> bool {
    req.extensions().get::<PasswordChangeDue>().is_some()
        && !public
        && !OPEN.contains(&req.uri().path())
}

/// A page request goes to the password page; an API call is refused with 403 and a message.
pub fn divert(req: &Request) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return Redirect::to(PAGE).into_response();
    }
    let info = ErrorInfo {
        status: 403,
        code: "password_change_required",
        message: "sign-in was with a one-time password: change it first (POST /api/v1/account/password, or the page /account/password)".into(),
        field: None,
        message_ro: Some("Autentificarea s-a făcut cu o parolă de unică folosință: schimbați-o întâi (pagina /account/password).".into()),
    };
    let mut response = (
        StatusCode::FORBIDDEN,
        axum::Json(ErrorBody {
            error: info.clone(),
        }),
    )
        .into_response();
    response.extensions_mut().insert(info);
    response
}
