//! The route table: every route is added with the roles that may use it, and the table is
//! kept so that a test can try every route as every role. There is no other way to add a route.

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, delete, get, patch, post, put};

use super::{Access, CurrentUser};
use crate::AppState;
use crate::error::AppError;

/// One declared route.
#[derive(Clone, Debug)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// A router that records who may use each of its routes.
#[derive(Default)]
pub struct Routes {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
}

macro_rules! method {
    ($name:ident, $ctor:ident, $method:expr) => {
        pub fn $name<H, T>(self, path: &'static str, access: Access, handler: H) -> Self
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            self.add($method, path, access, $ctor(handler))
        }
    };
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    method!(get, get, Method::GET);
    method!(post, post, Method::POST);
    method!(put, put, Method::PUT);
    method!(patch, patch, Method::PATCH);
    method!(delete, delete, Method::DELETE);

    fn add(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        handler: MethodRouter<AppState>,
    ) -> Self {
        let guarded = handler.route_layer(from_fn(move |req: Request, next: Next| {
            guard(access, req, next)
        }));
        self.router = self.router.route(path, guarded);
        self.specs.push(RouteSpec {
            method,
            path,
            access,
        });
        self
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.specs.extend(other.specs);
        self
    }

    pub fn into_parts(self) -> (Router<AppState>, Vec<RouteSpec>) {
        (self.router, self.specs)
    }
}

/// Lets the request through if its caller's role is allowed; otherwise 401 (API), a redirect
/// to the login page (pages), or 403. A session that must change its one-time password first
/// is sent to do so (`password_due`).
async fn guard(access: Access, req: Request, next: Next) -> Response {
    let role = req.extensions().get::<CurrentUser>().map(|u| u.role);
    if super::password_due::holds(&req, matches!(access, Access::Public)) {
        return super::password_due::divert(&req);
    }
    if access.allows(role) {
        return next.run(req).await;
    }
    if role.is_some() {
        return AppError::Forbidden.into_response();
    }
    let path = req.uri().path();
    if path.starts_with("/api/") || req.method() != Method::GET {
        return AppError::Unauthorized.into_response();
    }
    let target = req
        .uri()
        .path_and_query()
        .map_or("/", |pq| pq.as_str())
        .to_string();
    let next_param: String = serde_urlencoded::to_string([("next", target)]).unwrap_or_default();
    Redirect::to(&format!("/login?{next_param}")).into_response()
}
