//! For citizens, without an account: the online petition form (identification required, the
//! GDPR notice, limited per client address) answering with the registration number and a private
//! tracking code (kept hashed), and the status page by number and code. A wrong code and an
//! unknown number get the same answer, so the page tells nothing about numbers it does not open.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;

use super::labels;
use super::model::PetitionIn;
use super::numbers::{day_of, parse_number};
use super::store::{self, Extra};
use crate::AppState;
use crate::audit::Actor;
use crate::auth::Access;
use crate::auth::access::Routes;
use crate::auth::password::{constant_time_eq, digest, random_secret};
use crate::auth::routes::{Peer, client_address};
use crate::auth::throttle;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::http::extract::{Form, Query};
use crate::web::{Shell, render};

/// Online registrations allowed per client address in the throttle's window.
pub const PER_ADDRESS: i64 = 5;

pub fn routes() -> Routes {
    Routes::new()
        .get("/citizen/petition", Access::Public, form_page)
        .post("/citizen/petition", Access::Public, submit)
        .get("/citizen/status", Access::Public, status_page)
}

/// A fresh tracking code, `XXXX-XXXX-XXXX-XXXX` (64 random bits).
pub fn new_code() -> AppResult<String> {
    let hex = random_secret()?.to_uppercase();
    let s: Vec<&str> = (0..4).map(|i| &hex[i * 4..i * 4 + 4]).collect();
    Ok(s.join("-"))
}

/// The stored form of a tracking code: dashes, spaces and case do not matter.
pub fn code_digest(code: &str) -> String {
    let clean: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    digest(&clean)
}

/// The entry with this number whose tracking code is `code`; `None` for a wrong code or number.
pub async fn find(db: &Db, number: &str, code: &str) -> AppResult<Option<i64>> {
    let wanted = code_digest(code);
    let Some((seq, year)) = parse_number(number) else {
        return Ok(None);
    };
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, tracking_hash FROM registry_entries WHERE number = $1 AND year = $2 AND tracking_hash IS NOT NULL",
    )
    .bind(seq)
    .bind(year)
    .fetch_all(db.pool())
    .await?;
    let mut found = None;
    for (id, hash) in rows {
        if constant_time_eq(&hash, &wanted) {
            found = Some(id);
        }
    }
    Ok(found)
}

/// The public form's fields.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct CitizenForm {
    #[serde(default)]
    register: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    petitioner_type: String,
    #[serde(default)]
    petitioner_name: String,
    #[serde(default)]
    cnp: String,
    #[serde(default)]
    cui: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    subject: String,
    #[serde(default)]
    text: String,
    consent: Option<String>,
}

fn some(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl CitizenForm {
    fn input(&self) -> AppResult<PetitionIn> {
        let register = some(&self.register).unwrap_or_else(|| "petition".into());
        if register != "petition" && register != "info" {
            return Err(AppError::bad(
                "register",
                crate::error::Said::new(
                    "Registrul: alegeți petiție sau solicitare de informații publice.",
                    "register must be petition or info",
                ),
            ));
        }
        if self.consent.is_none() {
            return Err(AppError::bad(
                "consent",
                crate::error::Said::new(
                    "Confirmați că ați citit nota de informare privind datele personale.",
                    "confirm that you have read the notice on personal data",
                ),
            ));
        }
        Ok(PetitionIn {
            register: Some(register),
            channel: "online".into(),
            kind: self.kind.clone(),
            anonymous: false,
            petitioner_type: some(&self.petitioner_type),
            petitioner_name: some(&self.petitioner_name),
            cnp: some(&self.cnp),
            cui: some(&self.cui),
            email: some(&self.email),
            phone: some(&self.phone),
            address: some(&self.address),
            subject: self.subject.clone(),
            text: self.text.clone(),
            reserved_number: None,
        })
    }
}

#[derive(Template)]
#[template(path = "registry/public_form.html")]
struct FormPage {
    shell: Shell,
    form: CitizenForm,
    error: Option<String>,
    kinds: Vec<(&'static str, &'static str)>,
}

fn form(shell: Shell, form: CitizenForm, error: Option<String>) -> AppResult<Response> {
    let kinds = ["request", "complaint", "notification", "proposal"]
        .iter()
        .map(|k| (*k, labels::kind(k, shell.lang)))
        .collect();
    render(&FormPage {
        shell,
        form,
        error,
        kinds,
    })
}

async fn form_page(shell: Shell) -> AppResult<Response> {
    form(
        shell,
        CitizenForm {
            register: "petition".into(),
            kind: "request".into(),
            petitioner_type: "person".into(),
            ..CitizenForm::default()
        },
        None,
    )
}

#[derive(Template)]
#[template(path = "registry/public_done.html")]
struct DonePage {
    shell: Shell,
    number: String,
    code: String,
    due: String,
}

async fn submit(
    State(state): State<AppState>,
    shell: Shell,
    Peer(peer): Peer,
    headers: HeaderMap,
    Form(f): Form<CitizenForm>,
) -> AppResult<Response> {
    let address = client_address(&state, &headers, peer);
    // Counted before it is registered, so parallel submissions cannot pass the limit together.
    let Ok(reserved) =
        throttle::reserve(&state.db, &format!("petition:{address}"), PER_ADDRESS).await
    else {
        let message = shell.tr.cit_throttled.to_string();
        let mut r = form(shell, f, Some(message))?;
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return Ok(r);
    };
    match f.input().and_then(PetitionIn::parse) {
        Ok(new) => {
            let code = new_code()?;
            let extra = Extra {
                tracking_hash: Some(code_digest(&code)),
                ..Extra::default()
            };
            let e = store::create_with(&state.db, &Actor::system("online"), new, extra).await?;
            render(&DonePage {
                shell,
                number: e.number,
                code,
                due: e.due_date.as_deref().map(labels::date).unwrap_or_default(),
            })
        }
        Err(e @ AppError::BadRequest { .. }) => {
            reserved.release(&state.db).await?;
            let text = e.said(shell.lang);
            let mut r = form(shell, f, Some(text))?;
            *r.status_mut() = StatusCode::BAD_REQUEST;
            Ok(r)
        }
        Err(other) => Err(other),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusQuery {
    number: Option<String>,
    code: Option<String>,
}

/// What the status page shows: no names, no notes, no officers.
struct Found {
    number: String,
    state: &'static str,
    due: String,
    steps: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "registry/public_status.html")]
struct StatusPage {
    shell: Shell,
    number: String,
    found: Option<Found>,
    not_found: bool,
}

async fn status_page(
    State(state): State<AppState>,
    shell: Shell,
    Query(q): Query<StatusQuery>,
) -> AppResult<Response> {
    let number = q.number.unwrap_or_default().trim().to_string();
    let code = q.code.unwrap_or_default();
    if number.is_empty() && code.trim().is_empty() {
        return render(&StatusPage {
            shell,
            number,
            found: None,
            not_found: false,
        });
    }
    let found = match find(&state.db, &number, &code).await? {
        Some(id) => {
            let e = store::get(&state.db, id).await?;
            let steps = store::timeline(&state.db, id)
                .await?
                .iter()
                .map(|s| {
                    (
                        veghe_ro::petition::ro_date(day_of(s.at)),
                        labels::step(&s.action, shell.lang),
                    )
                })
                .collect();
            Some(Found {
                number: e.number.clone(),
                state: labels::status(&e.status, shell.lang),
                due: e.due_date.as_deref().map(labels::date).unwrap_or_default(),
                steps,
            })
        }
        None => None,
    };
    let not_found = found.is_none();
    let mut r = render(&StatusPage {
        shell,
        number,
        found,
        not_found,
    })?;
    if not_found {
        *r.status_mut() = StatusCode::NOT_FOUND;
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_numbers() {
        let c = new_code().expect("code");
        assert_eq!(c.len(), 19);
        assert_eq!(
            code_digest(&c),
            code_digest(&c.to_lowercase().replace('-', " "))
        );
        assert_ne!(code_digest(&c), code_digest("0000-0000-0000-0000"));
        assert_eq!(parse_number("1234/29.11.2026"), Some((1234, 2026)));
        assert_eq!(parse_number(" 7 / 2025 "), Some((7, 2025)));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("0/2026"), None);
    }
}
